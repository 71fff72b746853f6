import type { Writable } from "node:stream";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import ExcelJS from "exceljs";
import type { Agency } from "../domain/agencies.js";
import { complianceComponents, complianceOf } from "../form/compliance.js";
import { optionFills, optionsShown } from "../form/interpolation.js";
import type { Form, FormNode } from "../form/schema.js";
import { type AgencyKind, entriesOf, entryName, expressionScope, type ResponseState, systemEntryOf } from "../form/slots.js";
import { displayAnswer } from "../form/validators.js";
import { writeFormWorkbook } from "./form-workbook.js";
import { type Block, type Cell, fill, type Layout, type LayoutSheet, loadLayout, readsOf, resolveCell, templatesOf } from "./layout.js";
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
 * The consolidated report of a round as the letters want it, built from the stored answers and
 * laid out as the form's layout says (flows/layouts/appendix-488.json: a summary row per agency, a
 * sheet per agency like the appendix table, the systems one per row, the proposals), with any
 * answer the current form no longer asks. Written with exceljs's streaming writer, one agency at a
 * time, so memory stays flat however many agencies there are.
 */

function answerOf(
  form: Form,
  state: ResponseState | undefined,
  scope: string,
  node: FormNode,
  questionId: string,
  kind: AgencyKind | undefined,
): string {
  const question = node.questions.find((candidate) => candidate.id === questionId);
  const value = state?.answers.get(`${scope}.${questionId}`)?.value;
  if (!question || value === undefined || value === null) return "";
  // A choice's label may show other answers of its row or entry (`${name}`): filled as the officer read it.
  const fills = state && kind ? optionFills(form, node, question, expressionScope(form, state, scope, kind)) : undefined;
  return displayAnswer(question, value, optionsShown(form, question, fills));
}

/**
 * The consolidated report, in the layout the form names (flows/layouts/, src/reports/layout.ts:
 * form 488's like its appendix), or by the form's parts, groups and repeats
 * (src/reports/form-workbook.ts).
 */
export async function writeWorkbook(
  given: ExportSource,
  output: string | Writable,
  /** Hears how far the workbook is, in agencies of the round: for a page that shows a long export's progress. */
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  if (given.form.layout === "by-groups") return writeFormWorkbook(counting(given, 1, onProgress), output);
  const layout = loadLayout(given.form.layout);
  const perAgency = given.agencies.length <= AGENCY_SHEET_LIMIT;
  // Each sheet that lists the agencies reads every response once, and "Câu trả lời khác" once more.
  const passes = layout.sheets.filter((sheet) => sheet.kind !== "agency" || perAgency).length + 1;
  const source = counting(given, passes, onProgress);
  const target = typeof output === "string" ? { filename: output } : { stream: output };
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ ...target, useStyles: true, useSharedStrings: false });
  workbook.creator = "Đề án 06 bot";
  const writer = new LayoutWriter(source, layout);
  const named = layout.sheets.flatMap((sheet) => ("name" in sheet ? [sheet.name] : []));
  const used = new Set([...named, OTHERS].map((name) => name.toLowerCase()));
  /** A sheet of one row per agency or entry: its header row stays in view and is printed on every page. */
  const listing = (name: string) =>
    workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }], pageSetup: { ...PRINT, printTitlesRow: "1:1" } });
  for (const sheet of layout.sheets) {
    if (sheet.kind === "summary") await writer.summary(listing(sheet.name), sheet);
    if (sheet.kind === "entries") await writer.entries(listing(sheet.name), sheet);
    if (sheet.kind === "answers") await writer.answers(listing(sheet.name), sheet);
    if (sheet.kind === "agency" && perAgency) {
      // The table's header is printed on every page: below the title and the status line, one row a block.
      const headerAt = sheet.blocks.findIndex((block) => "header" in block) + 3;
      for (const agency of source.agencies) {
        const agencySheet = workbook.addWorksheet(sheetName(agency.name, used), {
          pageSetup: { ...PRINT, ...(headerAt > 2 ? { printTitlesRow: `${headerAt}:${headerAt}` } : {}) },
        });
        await writer.agency(agencySheet, sheet, agency);
      }
    }
  }
  await writer.others(listing(OTHERS));
  if (!perAgency) {
    const note = workbook.addWorksheet("Ghi chú");
    note.getColumn(1).width = 120;
    putRow(note, [
      `Báo cáo có ${source.agencies.length} đơn vị, nhiều hơn ${AGENCY_SHEET_LIMIT}: không lập trang riêng cho từng đơn vị; toàn bộ câu trả lời có trong các trang ${named.join(", ")}.`,
    ]);
    note.commit();
  }
  await workbook.commit();
}

const OTHERS = "Câu trả lời khác";

/** "Đã gửi lúc 24/11/2026 10:00", "Đang điền, chưa gửi", "Chưa bắt đầu: …": an agency's sheet says where its report stands. */
export function statusLine(state: ResponseState | undefined, timeZone: string): string {
  if (!state) return "Chưa bắt đầu. Đơn vị chưa trả lời câu hỏi nào trong đợt này, nên không có nội dung nào được ghi cho đơn vị.";
  const at = (ms: number) => format(new TZDate(ms, timeZone), "dd/MM/yyyy HH:mm");
  if (state.status === "submitted") return `Đã gửi${state.submittedAt !== undefined ? ` lúc ${at(state.submittedAt)}` : ""}`;
  if (state.status === "reopened") return "Mở lại để sửa, chưa gửi lại: các câu trả lời dưới đây có thể còn thay đổi";
  return "Đang điền, chưa gửi: các câu trả lời dưới đây chưa được đơn vị gửi";
}

/** The source with its reads counted, told as agencies done out of the round's (`passes` reads an agency). */
function counting(source: ExportSource, passes: number, onProgress: ((done: number, total: number) => void) | undefined): ExportSource {
  if (!onProgress) return source;
  const total = source.agencies.length;
  let reads = 0;
  onProgress(0, total);
  return {
    ...source,
    load: async (agencyId) => {
      const state = await source.load(agencyId);
      reads += 1;
      onProgress(Math.min(total, Math.floor(reads / passes)), total);
      return state;
    },
  };
}

type Value = string | number | Date | null | undefined;

/** Where a template is filled: the row or entry whose answers `{question}` reads, and what `{@…}` gives. */
interface Place {
  state: ResponseState | undefined;
  /** The reporting agency's kind, for what a choice's label reads. */
  kind?: AgencyKind | undefined;
  node?: FormNode | undefined;
  scope?: string | undefined;
  /** The entry an each-block entry comes from, for `{source.…}`. */
  source?: { node: FormNode; scope: string } | undefined;
  /** The each-block entry of a list's entry, for `{each.…}`. */
  each?: { node: FormNode; scope: string } | undefined;
  special: Record<string, string | number | undefined>;
}

/** Writes the sheets a layout describes, one agency's response at a time. */
class LayoutWriter {
  private readonly nodes: Map<string, FormNode>;

  constructor(
    private readonly source: ExportSource,
    private readonly layout: Layout,
  ) {
    this.nodes = new Map(source.form.parts.flatMap((part) => part.nodes.map((node) => [node.id, node] as const)));
  }

  private read(place: Place, read: string): string | number | undefined {
    if (read.startsWith("@")) return place.special[read.slice(1)];
    const dot = read.indexOf(".");
    if (dot === -1)
      return place.node && place.scope !== undefined
        ? answerOf(this.source.form, place.state, place.scope, place.node, read, place.kind)
        : "";
    const [prefix, question] = [read.slice(0, dot), read.slice(dot + 1)];
    const at = prefix === "source" ? place.source : prefix === "each" ? place.each : this.rowAt(prefix);
    return at ? answerOf(this.source.form, place.state, at.scope, at.node, question, place.kind) : "";
  }

  private rowAt(nodeId: string): { node: FormNode; scope: string } | undefined {
    const node = this.nodes.get(nodeId);
    return node ? { node, scope: node.id } : undefined;
  }

  /** A cell's value: a template filled, or the parts, lines or first of several whose reads are all given. */
  private cell(given: Cell, place: Place): Value {
    const cell = resolveCell(this.layout, given);
    const value = (read: string) => this.read(place, read);
    if (typeof cell === "string") return fill(cell, value);
    const answered = templatesOf(this.layout, cell).filter((template) => readsOf(template).every((read) => (value(read) ?? "") !== ""));
    const filled = answered.map((template) => String(fill(template, value) ?? ""));
    if ("first" in cell) return filled[0] ?? "";
    return filled.join("lines" in cell ? "\n" : "");
  }

  private row(sheet: ExcelJS.Worksheet, cells: Cell[], place: Place): void {
    putRow(
      sheet,
      cells.map((cell) => this.cell(cell, place)),
    );
  }

  async summary(sheet: ExcelJS.Worksheet, layout: Extract<LayoutSheet, { kind: "summary" }>): Promise<void> {
    const { form, agencies, timeZone } = this.source;
    const components = complianceComponents(form);
    sheet.columns = [
      { width: 6 },
      { width: 24 },
      { width: 34 },
      { width: 8 },
      { width: 16 },
      { width: 18, style: { numFmt: "dd/mm/yyyy hh:mm" } },
      { width: 24 },
      { width: 16 },
      ...components.map(() => ({ width: 18 })),
      { width: 14 },
    ];
    headerRow(sheet, [
      "STT",
      "Mã đơn vị",
      "Đơn vị",
      "Loại",
      "Trạng thái",
      "Gửi lúc",
      "Người gửi",
      "Duyệt",
      ...components.map((component) => `${component.id}. ${component.short}`),
      "Đáp ứng 100% yêu cầu",
    ]);
    const totals = { ministry: { targeted: 0, submitted: 0, compliant: 0 }, province: { targeted: 0, submitted: 0, compliant: 0 } };
    for (const [index, agency] of agencies.entries()) {
      const state = await this.source.load(agency.id);
      const { components: statuses, fullyCompliant } = complianceOf(form, state, agency.kind);
      const total = totals[agency.kind];
      total.targeted += 1;
      if (state?.status === "submitted") total.submitted += 1;
      if (fullyCompliant) total.compliant += 1;
      putRow(sheet, [
        index + 1,
        agency.id,
        agency.name,
        agency.kind === "province" ? "Tỉnh" : "Bộ",
        STATUS_VI[state ? state.status : "not-started"],
        state?.submittedAt !== undefined ? localDate(state.submittedAt, timeZone) : null,
        state?.submittedAt !== undefined ? ((await this.source.submitterName(state)) ?? "") : "",
        state?.review ? REVIEW_VI[state.review] : "",
        ...statuses.map((status) => COMPONENT_VI[status]),
        fullyCompliant ? "Có" : "Không",
      ]);
    }
    // The totals as letter 000 words them ("5/20 bộ, ngành, 13/63 địa phương"), over the agencies the round targets;
    // one line each, not wrapped: the text runs on over the empty cells to its right, as a sentence under a table does.
    const { ministry, province } = totals;
    const line = (text: string, bold = false) => {
      const row = sheet.addRow(["", text]);
      if (bold) row.font = { bold: true };
      row.commit();
    };
    line("");
    line(
      `Đã gửi báo cáo: ${ministry.submitted}/${ministry.targeted} bộ, ngành; ${province.submitted}/${province.targeted} địa phương`,
      true,
    );
    line(
      `Đáp ứng 100% yêu cầu: ${ministry.compliant}/${ministry.targeted} bộ, ngành; ${province.compliant}/${province.targeted} địa phương`,
      true,
    );
    for (const note of layout.notes) line(note);
    sheet.commit();
  }

  async agency(sheet: ExcelJS.Worksheet, layout: Extract<LayoutSheet, { kind: "agency" }>, agency: Agency): Promise<void> {
    const { form, round, timeZone } = this.source;
    const state = await this.source.load(agency.id);
    sheet.columns = layout.widths.map((width) => ({ width }));
    const special = { form: form.title, agency: agency.name, round: round.name };
    const title = sheet.addRow([
      fill(this.layout.title, (read) => (read.startsWith("@") ? special[read.slice(1) as keyof typeof special] : "")),
    ]);
    title.font = { bold: true, size: 13 };
    title.commit();
    // Where the report stands, so that a draft never reads as a report sent; an agency that has not
    // started says so, and its sheet asserts nothing more.
    const status = sheet.addRow([`Trạng thái: ${statusLine(state, timeZone)}`]);
    status.font = { italic: true };
    status.commit();
    if (!state) {
      sheet.commit();
      return;
    }
    for (const block of layout.blocks) {
      if ("header" in block) headerRow(sheet, block.header);
      else if ("partTitle" in block) {
        const part = form.parts.find((candidate) => candidate.id === block.partTitle);
        const row = sheet.addRow([part ? `${part.number ? `${part.number}. ` : ""}${part.title}` : ""]);
        row.font = { bold: true };
        row.commit();
      } else if ("questions" in block) {
        const node = this.nodes.get(block.questions);
        for (const [index, question] of (node?.questions ?? []).entries()) {
          const answer = node ? answerOf(form, state, node.id, node, question.id, agency.kind) : "";
          this.row(sheet, block.row, { state, kind: agency.kind, special: { index: index + 1, text: question.text, answer } });
        }
      } else if ("part" in block) await this.part(sheet, block, state, agency);
      else this.row(sheet, block.row, { state, kind: agency.kind, special });
    }
    sheet.commit();
  }

  private async part(
    sheet: ExcelJS.Worksheet,
    block: Extract<Block, { part: string }>,
    state: ResponseState | undefined,
    agency: Agency,
  ): Promise<void> {
    const { form } = this.source;
    let group: string | undefined;
    for (const node of form.parts.find((part) => part.id === block.part)?.nodes ?? []) {
      const special = { number: node.number, label: node.label, group: node.group, groupNumber: node.number?.split(".")[0] };
      if (node.group && node.group !== group) this.row(sheet, block.heading, { state, kind: agency.kind, special });
      group = node.group;
      if (node.kind === "row") {
        this.row(sheet, block.row, { state, kind: agency.kind, node, scope: node.id, special });
        continue;
      }
      const entries = state ? entriesOf(form, node, state, agency.kind) : [];
      const [only] = entries;
      if (block.single?.nodes.includes(node.id) && only && entries.length === 1) {
        // The letter prints rows 4.1–4.3 as one row each: the row's component, then its answers.
        const scope = `${node.id}#${only.entryId}`;
        const name = state ? entryName(state, only.source, only.entryId) : "";
        this.row(sheet, block.single.row, { state, kind: agency.kind, node, scope, special: { ...special, name } });
        continue;
      }
      const closed = state !== undefined && entries.length === 0 && state.listsDone.has(node.id);
      const empty = !closed ? "" : node.kind === "repeat" && node.whenEmpty === "not-yet" ? "Chưa kết nối" : "Không có";
      this.row(sheet, block.list, { state, kind: agency.kind, special: { ...special, empty } });
      for (const [index, { source, entryId }] of entries.entries()) {
        const from = this.nodes.get(source);
        const place: Place = {
          state,
          kind: agency.kind,
          node,
          scope: `${node.id}#${entryId}`,
          source: from ? { node: from, scope: `${source}#${entryId}` } : undefined,
          special: { ...special, index: index + 1, name: state ? entryName(state, source, entryId) : "" },
        };
        for (const cells of node.kind === "repeat" ? block.entry : block.each) this.row(sheet, cells, place);
      }
    }
  }

  async entries(sheet: ExcelJS.Worksheet, layout: Extract<LayoutSheet, { kind: "entries" }>): Promise<void> {
    sheet.columns = layout.columns.map((column) => ({ width: column.width }));
    headerRow(
      sheet,
      layout.columns.map((column) => column.header),
    );
    let seq = 0;
    const lists = [...this.nodes.values()].filter((node) => node.kind === "repeat");
    const blocks = [...this.nodes.values()].filter((node) => node.kind === "each");
    for (const agency of this.source.agencies) {
      const state = await this.source.load(agency.id);
      if (!state) continue;
      for (const node of lists) {
        const each = blocks.find((block) => block.kind === "each" && block.of.includes(node.id));
        for (const { entryId: entry } of entriesOf(this.source.form, node, state, agency.kind)) {
          // A system listed in two rows has its row-5 answers once, under the first of its entries.
          const system = each ? systemEntryOf(this.source.form, each, state, agency.kind, { source: node.id, entryId: entry }) : undefined;
          const place: Place = {
            state,
            kind: agency.kind,
            node,
            scope: `${node.id}#${entry}`,
            each: each && system ? { node: each, scope: `${each.id}#${system}` } : undefined,
            special: { seq: ++seq, agencyId: agency.id, agency: agency.name, number: node.number, name: entryName(state, node.id, entry) },
          };
          this.row(
            sheet,
            layout.columns.map((column) => column.cell),
            place,
          );
        }
      }
    }
    sheet.commit();
  }

  async answers(sheet: ExcelJS.Worksheet, layout: Extract<LayoutSheet, { kind: "answers" }>): Promise<void> {
    const rows = layout.nodes.flatMap(({ node, width }) => {
      const found = this.nodes.get(node);
      return found ? [{ node: found, width }] : [];
    });
    sheet.columns = [{ width: 22 }, { width: 28 }, ...rows.flatMap(({ node, width }) => node.questions.map(() => ({ width })))];
    headerRow(sheet, ["Mã đơn vị", "Đơn vị", ...rows.flatMap(({ node }) => node.questions.map((question) => question.text))]);
    for (const agency of this.source.agencies) {
      const state = await this.source.load(agency.id);
      if (!state) continue;
      putRow(sheet, [
        agency.id,
        agency.name,
        ...rows.flatMap(({ node }) =>
          node.questions.map((question) => answerOf(this.source.form, state, node.id, node, question.id, agency.kind)),
        ),
      ]);
    }
    sheet.commit();
  }

  /** Answers the current form does not ask (given under an older version): kept, not dropped. */
  async others(sheet: ExcelJS.Worksheet): Promise<void> {
    const { form } = this.source;
    const known = new Set([...this.nodes.values()].flatMap((node) => node.questions.map((question) => `${node.id}.${question.id}`)));
    sheet.columns = [{ width: 22 }, { width: 28 }, { width: 10 }, { width: 40 }, { width: 60 }];
    headerRow(sheet, ["Mã đơn vị", "Đơn vị", "Phiên bản biểu mẫu", "Câu hỏi (mã)", "Trả lời"]);
    for (const agency of this.source.agencies) {
      const state = await this.source.load(agency.id);
      if (!state) continue;
      for (const [path, answer] of state.answers) {
        const question = `${path.split(/[#.]/)[0]}.${path.slice(path.lastIndexOf(".") + 1)}`;
        if (known.has(question) && state.formVersion === form.version) continue;
        putRow(sheet, [agency.id, agency.name, state.formVersion, path, answer.value === null ? "(bỏ qua)" : String(answer.value)]);
      }
    }
    sheet.commit();
  }
}

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The summary as CSV (UTF-8 with a byte-order mark, so Excel reads the diacritics). */
export async function writeSummaryCsv(source: ExportSource, output: Writable): Promise<void> {
  const components = complianceComponents(source.form);
  const write = (line: unknown[]) =>
    new Promise<void>((resolve, reject) =>
      output.write(`${line.map(csvCell).join(",")}\r\n`, (error) => (error ? reject(error) : resolve())),
    );
  output.write("\uFEFF");
  await write([
    "stt",
    "ma_don_vi",
    "don_vi",
    "loai",
    "trang_thai",
    "gui_luc",
    "duyet",
    ...components.map((component) => `thanh_phan_${component.id}`),
    "dap_ung_day_du",
  ]);
  for (const [index, agency] of source.agencies.entries()) {
    const state = await source.load(agency.id);
    const { components: statuses, fullyCompliant } = complianceOf(source.form, state, agency.kind);
    const when = state?.submittedAt !== undefined ? new TZDate(state.submittedAt, source.timeZone) : undefined;
    await write([
      index + 1,
      agency.id,
      agency.name,
      agency.kind,
      state ? state.status : "not-started",
      when
        ? `${when.getFullYear()}-${String(when.getMonth() + 1).padStart(2, "0")}-${String(when.getDate()).padStart(2, "0")} ${String(when.getHours()).padStart(2, "0")}:${String(when.getMinutes()).padStart(2, "0")}`
        : "",
      state?.review ?? "",
      ...statuses,
      fullyCompliant ? "yes" : "no",
    ]);
  }
  await new Promise<void>((resolve) => output.end(resolve));
}
