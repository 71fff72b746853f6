import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { Agency } from "../domain/agencies.js";
import { complianceComponents, complianceOf } from "../form/compliance.js";
import { optionFills, optionsShown } from "../form/interpolation.js";
import type { FormNode, Part, Question } from "../form/schema.js";
import { entriesOf, entryName, expressionScope, type ResponseState, withCalculations } from "../form/slots.js";
import { displayAnswer } from "../form/validators.js";
import { photoCell } from "./answer-links.js";
import {
  AGENCY_SHEET_LIMIT,
  COMPONENT_VI,
  type ExportSource,
  headerRow,
  localDate,
  PRINT,
  putRow,
  REVIEW_VI,
  STATUS_VI,
  sheetName,
} from "./sheets.js";

/**
 * The consolidated report of a round on any form, as KoBoToolbox exports one: a summary with a
 * row per targeted agency (its status, its components when the form says what "met" means, and
 * every answer asked once), a sheet per agency laid out
 * by the form's parts and groups, and a sheet per repeat with one row per entry and the agency it
 * belongs to. Streamed, one agency at a time.
 */

interface Column {
  part: Part;
  node: FormNode;
  question: Question;
}

/** Where an answer is: its row or entry (what a choice's label reads), and what a photo's file is named when opened from the workbook. */
interface Place {
  agency: Agency;
  state: ResponseState | undefined;
  node: FormNode;
  /** The row's id, or `<node>#<entry>`. */
  scope: string;
}

type Cell = string | { text: string; hyperlink: string };

function display(source: ExportSource, question: Question, place: Place): Cell {
  const { form } = source;
  const { agency, state, node, scope } = place;
  const value = state?.answers.get(`${scope}.${question.id}`)?.value;
  if (value === undefined) return "";
  if (value === null) return "(bỏ qua)";
  if (question.type === "image") return photoCell(String(value), photoFileName(agency, `${scope}.${question.id}`), source.photoLink);
  // A choice's label may show other answers of its row or entry (`${name}`): filled as the officer read it.
  const fills = state && optionFills(form, node, question, expressionScope(form, state, scope, agency.kind));
  return displayAnswer(question, value, optionsShown(form, question, fills));
}

/** "anh-<agency>-<question path>.jpg", in letters a file name keeps everywhere. */
const photoFileName = (agency: Agency, path: string) => {
  const name = `anh-${agency.id}-${path}`.replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 120);
  return `${name}.jpg`;
};

export async function writeFormWorkbook(source: ExportSource, output: string | Writable): Promise<void> {
  const { form, agencies, timeZone } = source;
  const target = typeof output === "string" ? { filename: output } : { stream: output };
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ ...target, useStyles: true, useSharedStrings: false });
  workbook.creator = "Đề án 06 bot";
  const rows: Column[] = form.parts.flatMap((part) =>
    part.nodes.filter((node) => node.kind === "row").flatMap((node) => node.questions.map((question) => ({ part, node, question }))),
  );
  // Lists, and blocks asked once per entry of lists (named by that entry).
  const repeats = form.parts.flatMap((part) => part.nodes.filter((node) => node.kind !== "row"));
  const named = (node: FormNode) => (node.kind === "each" ? ["Mục"] : []);

  // What "met" means, when the form says: a column per component, then whether all are met.
  const components = complianceComponents(form);
  const met = components.length ? ["Đáp ứng 100% yêu cầu"] : [];
  const summary = workbook.addWorksheet("Tổng hợp", {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { ...PRINT, printTitlesRow: "1:1" },
  });
  summary.columns = [
    { width: 6 },
    { width: 24 },
    { width: 34 },
    { width: 16 },
    { width: 18, style: { numFmt: "dd/mm/yyyy hh:mm" } },
    { width: 16 },
    ...components.map(() => ({ width: 18 })),
    ...met.map(() => ({ width: 14 })),
    ...rows.map(() => ({ width: 24 })),
  ];
  headerRow(summary, [
    "STT",
    "Mã đơn vị",
    "Đơn vị",
    "Trạng thái",
    "Gửi lúc",
    "Duyệt",
    ...components.map((component) => `${component.id}. ${component.short}`),
    ...met,
    ...rows.map(({ question }) => question.text),
  ]);

  const usedNames = new Set(["tổng hợp"]);
  const repeatSheets = new Map(
    repeats.map((node) => {
      const sheet = workbook.addWorksheet(sheetName(node.label ?? node.id, usedNames), {
        views: [{ state: "frozen", ySplit: 1 }],
      });
      sheet.columns = [{ width: 24 }, { width: 34 }, { width: 6 }, ...[...named(node), ...node.questions].map(() => ({ width: 28 }))];
      headerRow(sheet, ["Mã đơn vị", "Đơn vị", "STT", ...named(node), ...node.questions.map((question) => question.text)]);
      return [node.id, sheet] as const;
    }),
  );

  const states: { agency: Agency; state: ResponseState | undefined }[] = [];
  for (const [index, agency] of agencies.entries()) {
    const state = withCalculations(form, await source.load(agency.id), agency.kind);
    if (agencies.length <= AGENCY_SHEET_LIMIT) states.push({ agency, state });
    const { components: statuses, fullyCompliant } = complianceOf(form, state, agency.kind);
    putRow(summary, [
      index + 1,
      agency.id,
      agency.name,
      STATUS_VI[state?.status ?? "not-started"] ?? "",
      state?.submittedAt !== undefined ? localDate(state.submittedAt, timeZone) : "",
      state?.review ? (REVIEW_VI[state.review] ?? "") : "",
      ...statuses.map((status) => COMPONENT_VI[status]),
      ...met.map(() => (fullyCompliant ? "Có" : "Không")),
      ...rows.map(({ node, question }) => display(source, question, { agency, state, node, scope: node.id })),
    ]);
    for (const node of repeats) {
      const sheet = repeatSheets.get(node.id);
      if (!sheet || !state) continue;
      for (const [entryIndex, { source: listed, entryId }] of entriesOf(form, node, state, agency.kind).entries()) {
        const scope = `${node.id}#${entryId}`;
        putRow(sheet, [
          agency.id,
          agency.name,
          entryIndex + 1,
          ...named(node).map(() => entryName(state, listed, entryId)),
          ...node.questions.map((question) => display(source, question, { agency, state, node, scope })),
        ]);
      }
    }
  }
  summary.commit();
  for (const sheet of repeatSheets.values()) sheet.commit();

  for (const { agency, state } of states) {
    const sheet = workbook.addWorksheet(sheetName(agency.name, usedNames), { pageSetup: PRINT });
    sheet.columns = [{ width: 48 }, { width: 48 }];
    putRow(sheet, [`${agency.name} — ${form.title}`], (row) => {
      row.font = { bold: true, size: 13 };
    });
    putRow(sheet, [`Trạng thái: ${STATUS_VI[state?.status ?? "not-started"] ?? ""}`]);
    for (const part of form.parts) {
      headerRow(sheet, [`Phần ${part.number}. ${part.title}`, ""]);
      let group: string | undefined;
      for (const node of part.nodes) {
        if (node.group && node.group !== group)
          putRow(sheet, [node.group], (row) => {
            row.font = { italic: true };
          });
        group = node.group;
        if (node.kind === "row") {
          for (const question of node.questions)
            putRow(sheet, [question.text, display(source, question, { agency, state, node, scope: node.id })]);
          continue;
        }
        const entries = state ? entriesOf(form, node, state, agency.kind) : [];
        putRow(sheet, [`${node.label ?? node.id}: ${entries.length} mục`, ""], (row) => {
          row.font = { bold: true };
        });
        for (const [entryIndex, { source: listed, entryId }] of entries.entries()) {
          putRow(sheet, [`${entryIndex + 1}. ${state ? entryName(state, listed, entryId) : ""}`, ""]);
          // A list's first question is the entry's name, just written.
          for (const question of node.kind === "repeat" ? node.questions.slice(1) : node.questions)
            putRow(sheet, [`   ${question.text}`, display(source, question, { agency, state, node, scope: `${node.id}#${entryId}` })]);
        }
      }
    }
    sheet.commit();
  }
  await workbook.commit();
}
