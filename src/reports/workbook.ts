import type { Writable } from "node:stream";
import { TZDate } from "@date-fns/tz";
import ExcelJS from "exceljs";
import type { Agency } from "../domain/agencies.js";
import type { Round } from "../domain/rounds.js";
import { type ComponentStatus, complianceComponents, complianceOf } from "../form/compliance.js";
import { type Form, type FormNode, optionsOf } from "../form/schema.js";
import { entriesOf, entryName, type ResponseState } from "../form/slots.js";
import { displayAnswer } from "../form/validators.js";
import { writeFormWorkbook } from "./form-workbook.js";

/**
 * The consolidated report of a round as the letters want it, built from the stored answers:
 * a summary row per agency, a sheet per agency laid out like the appendix table, the systems of
 * the repeating rows one per row, the proposals and difficulties, and any answer the current form
 * no longer asks. Written with exceljs's streaming writer, one agency at a time, so memory stays
 * flat however many agencies there are.
 */

export interface ExportSource {
  round: Round;
  agencies: Agency[];
  form: Form;
  timeZone: string;
  /** One agency's response in the round, read when its rows are written. */
  load(agencyId: string): Promise<ResponseState | undefined>;
  /** The name of the officer who submitted (their part 1 name), if known. */
  submitterName(state: ResponseState): Promise<string | undefined>;
}

export const STATUS_VI: Record<string, string> = {
  "not-started": "Chưa bắt đầu",
  draft: "Đang điền",
  submitted: "Đã gửi",
  reopened: "Mở lại để sửa",
};
export const COMPONENT_VI: Record<ComponentStatus, string> = {
  met: "Đã đáp ứng",
  partial: "Đáp ứng một phần",
  not_met: "Chưa đáp ứng",
  unanswered: "Chưa trả lời",
};
export const REVIEW_VI: Record<string, string> = { accepted: "Đã chấp nhận", returned: "Trả lại để sửa" };
/**
 * exceljs keeps every worksheet it has written until the workbook ends (tens of kB each), so the
 * sheets laid out like the appendix are written for up to this many agencies; above it the
 * summary, systems and proposals sheets carry the same answers and memory stays flat.
 */
export const AGENCY_SHEET_LIMIT = 300;

/** Printed on A4 landscape, one page wide, as the letters' tables are. */
export const PRINT: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDE7F3" } };

/** Excel keeps no time zone: a moment is written as the wall-clock time in Hà Nội. */
export function localDate(ms: number, timeZone: string): Date {
  return new Date(ms - new TZDate(ms, timeZone).getTimezoneOffset() * 60_000);
}

function answerOf(form: Form, state: ResponseState | undefined, scope: string, node: FormNode, questionId: string): string {
  const question = node.questions.find((candidate) => candidate.id === questionId);
  const value = state?.answers.get(`${scope}.${questionId}`)?.value;
  if (!question || value === undefined || value === null) return "";
  return displayAnswer(question, value, optionsOf(form, question));
}

/**
 * Adds a row with wrapped text and a height that fits it, and writes it out. A streamed sheet is
 * never measured again, and spreadsheet programs do not grow rows on opening, so the height is
 * estimated from the column widths here.
 */
export function putRow(sheet: ExcelJS.Worksheet, values: unknown[], style?: (row: ExcelJS.Row) => void): void {
  const row = sheet.addRow(values);
  row.alignment = { vertical: "top", wrapText: true };
  let lines = 1;
  values.forEach((value, index) => {
    if (typeof value !== "string" || value === "") return;
    const width = sheet.getColumn(index + 1).width ?? 10;
    const wrapped = value.split("\n").reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / (width * 1.05))), 0);
    lines = Math.max(lines, wrapped);
  });
  if (lines > 1) row.height = Math.min(409, lines * 15);
  style?.(row);
  row.commit();
}

export function headerRow(sheet: ExcelJS.Worksheet, values: string[]): void {
  putRow(sheet, values, (row) => {
    row.font = { bold: true };
    row.alignment = { vertical: "middle", wrapText: true };
    row.eachCell((cell) => {
      cell.fill = HEADER_FILL;
    });
  });
}

function nodesOf(form: Form): FormNode[] {
  return form.parts.flatMap((part) => part.nodes);
}

/** The investment status with its "other" text and the expected month, as one cell. */
function investment(form: Form, state: ResponseState | undefined, scope: string, node: FormNode): { status: string; month: string } {
  const status = answerOf(form, state, scope, node, "investment");
  const other = answerOf(form, state, scope, node, "investmentOther");
  return { status: other ? `${status}: ${other}` : status, month: answerOf(form, state, scope, node, "goLive") };
}

function notes(form: Form, state: ResponseState | undefined, scope: string, node: FormNode): string {
  const lines: string[] = [];
  const reason = answerOf(form, state, scope, node, "reason");
  if (reason) lines.push(`Nguyên nhân: ${reason}`);
  const missing = answerOf(form, state, scope, node, "missingFunctions") || answerOf(form, state, scope, node, "missingItems");
  if (missing) lines.push(`Chưa đáp ứng: ${missing}`);
  const lacking = answerOf(form, state, scope, node, "officesLacking");
  if (lacking) {
    lines.push(`Cơ quan chưa đáp ứng/tổng số cần trang bị: ${lacking}/${answerOf(form, state, scope, node, "officesTotal")}`);
    lines.push(
      `Thiết bị đã có/tổng số cần mua sắm: ${answerOf(form, state, scope, node, "devicesOwned")}/${answerOf(form, state, scope, node, "devicesNeeded")}`,
    );
  }
  return lines.join("\n");
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook. */
export function sheetName(title: string, used: Set<string>): string {
  const base = title
    .replace(/[[\]:*?/\\]/g, " ")
    .slice(0, 28)
    .trim();
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 27)}~${n}`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * The consolidated report, in the layout the form names: form 488's like its appendix (below),
 * any other form by its parts, groups and repeats (src/reports/form-workbook.ts).
 */
export async function writeWorkbook(source: ExportSource, output: string | Writable): Promise<void> {
  if (source.form.layout !== "appendix-488") return writeFormWorkbook(source, output);
  const { form, round, agencies, timeZone } = source;
  const target = typeof output === "string" ? { filename: output } : { stream: output };
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ ...target, useStyles: true, useSharedStrings: false });
  workbook.creator = "Đề án 06 bot";
  const components = complianceComponents(form);
  const nodes = nodesOf(form);
  const byId = (id: string) => {
    const node = nodes.find((candidate) => candidate.id === id);
    if (!node) throw new Error(`the compliance rule names ${id}, which the form does not have`);
    return node;
  };

  // 1. Summary: one row per targeted agency.
  const summary = workbook.addWorksheet("Tổng hợp", {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { ...PRINT, printTitlesRow: "1:1" },
  });
  summary.columns = [
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
  headerRow(summary, [
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
  for (const [index, agency] of agencies.entries()) {
    const state = await source.load(agency.id);
    const { components: statuses, fullyCompliant } = complianceOf(form, state, agency.kind);
    putRow(summary, [
      index + 1,
      agency.id,
      agency.name,
      agency.kind === "province" ? "Tỉnh" : "Bộ",
      STATUS_VI[state ? state.status : "not-started"],
      state?.submittedAt !== undefined ? localDate(state.submittedAt, timeZone) : null,
      state?.submittedAt !== undefined ? ((await source.submitterName(state)) ?? "") : "",
      state?.review ? REVIEW_VI[state.review] : "",
      ...statuses.map((status) => COMPONENT_VI[status]),
      fullyCompliant ? "Có" : "Không",
    ]);
  }
  summary.commit();

  // 2. One sheet per agency, laid out like the appendix table.
  const used = new Set(["tổng hợp", "hệ thống", "đề xuất, kiến nghị", "câu trả lời khác"]);
  const perAgency = agencies.length <= AGENCY_SHEET_LIMIT;
  for (const agency of perAgency ? agencies : []) {
    const state = await source.load(agency.id);
    const sheet = workbook.addWorksheet(sheetName(agency.name, used), {
      views: [{ state: "frozen", ySplit: 4 }],
      pageSetup: { ...PRINT, printTitlesRow: "4:4" },
    });
    sheet.columns = [{ width: 8 }, { width: 48 }, { width: 26 }, { width: 20 }, { width: 34 }, { width: 12 }, { width: 48 }];
    const title = sheet.addRow([`Phụ lục: ${form.title} — ${agency.name} — ${round.name}`]);
    title.font = { bold: true, size: 13 };
    title.commit();
    const officer = byId("officer");
    putRow(sheet, [
      "1.",
      `Cán bộ đầu mối: ${answerOf(form, state, "officer", officer, "fullName")}; ${answerOf(form, state, "officer", officer, "agency")}; ${answerOf(form, state, "officer", officer, "position")}; ĐT ${answerOf(form, state, "officer", officer, "phone")}; ${answerOf(form, state, "officer", officer, "email")}`,
    ]);
    putRow(sheet, []);
    headerRow(sheet, [
      "STT",
      "Thành phần CNTT thiết yếu cần thiết phục vụ triển khai Đề án 06",
      "Cơ quan chủ trì, quản lý",
      "Đáp ứng yêu cầu theo Văn bản số 1552/BTTTT-THH",
      "Hiện trạng đầu tư/mua sắm/thuê dịch vụ (trong trường hợp chưa đáp ứng)",
      "Dự kiến hoàn thành",
      "Ghi chú",
    ]);
    const componentRow = (number: string, label: string, scope: string, node: FormNode) => {
      const invest = investment(form, state, scope, node);
      putRow(sheet, [
        number,
        label,
        answerOf(form, state, scope, node, "body"),
        answerOf(form, state, scope, node, "compliance"),
        invest.status,
        invest.month,
        notes(form, state, scope, node),
      ]);
    };
    let group: string | undefined;
    for (const node of form.parts.find((part) => part.id === "p2")?.nodes ?? []) {
      if (node.group && node.group !== group) putRow(sheet, [node.number?.split(".")[0], node.group]);
      group = node.group;
      if (node.kind === "row") componentRow(node.number ?? "", node.label ?? "", node.id, node);
      else {
        putRow(sheet, [node.number, node.label]);
        for (const [index, { source, entryId: entry }] of (state ? entriesOf(form, node, state, agency.kind) : []).entries()) {
          const name = state ? entryName(state, source, entry) : "";
          const scope = `${node.id}#${entry}`;
          if (node.kind === "repeat") componentRow(`${node.number}.${index + 1}`, name, scope, node);
          else {
            putRow(sheet, [`${node.number}.${index + 1}`, name]);
            putRow(sheet, [
              "",
              "Phê duyệt hồ sơ cấp độ ATTT",
              // Form version 1 did not ask row 5's managing body: the system's own stands in.
              answerOf(form, state, scope, node, "body") || answerOf(form, state, `${source}#${entry}`, byId(source), "body"),
              answerOf(form, state, scope, node, "dossier"),
              "",
              "",
              answerOf(form, state, scope, node, "decision"),
            ]);
            componentRow("", "Triển khai giải pháp, trang thiết bị để bảo đảm an toàn, an ninh mạng", scope, node);
          }
        }
      }
    }
    putRow(sheet, []);
    headerRow(sheet, [
      "STT",
      "Thành phần công nghệ thông tin thiết yếu, cần thiết",
      "Sửa đổi, bổ sung; mô tả về yêu cầu nghiệp vụ, chức năng, tính năng kỹ thuật",
    ]);
    const proposals = byId("proposals");
    proposals.questions.forEach((question, index) => {
      putRow(sheet, [index + 1, question.text, answerOf(form, state, "proposals", proposals, question.id) || "Không có"]);
    });
    const issues = byId("issues");
    for (const question of issues.questions) {
      putRow(sheet, ["4.", question.text, answerOf(form, state, "issues", issues, question.id)]);
    }
    sheet.commit();
  }

  // 3. The systems of the repeating rows, one per row, with their row 5 answers.
  const systems = workbook.addWorksheet("Hệ thống", {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { ...PRINT, printTitlesRow: "1:1" },
  });
  systems.columns = [
    { width: 6 },
    { width: 22 },
    { width: 28 },
    { width: 7 },
    { width: 40 },
    { width: 24 },
    { width: 18 },
    { width: 32 },
    { width: 12 },
    { width: 40 },
    { width: 28 },
    { width: 20 },
    { width: 18 },
    { width: 32 },
    { width: 12 },
    { width: 40 },
  ];
  headerRow(systems, [
    "STT",
    "Mã đơn vị",
    "Đơn vị",
    "Mục",
    "Hệ thống thông tin, CSDL",
    "Cơ quan chủ trì, quản lý",
    "Đáp ứng",
    "Hiện trạng đầu tư",
    "Dự kiến",
    "Ghi chú",
    "Hồ sơ cấp độ ATTT",
    "Số quyết định",
    "ATANM: đáp ứng",
    "ATANM: hiện trạng đầu tư",
    "ATANM: dự kiến",
    "ATANM: ghi chú",
  ]);
  let systemNumber = 0;
  const each = nodes.find((node) => node.kind === "each");
  for (const agency of agencies) {
    const state = await source.load(agency.id);
    if (!state) continue;
    for (const node of nodes.filter((candidate) => candidate.kind === "repeat")) {
      for (const entry of state.entries.get(node.id) ?? []) {
        const scope = `${node.id}#${entry}`;
        const invest = investment(form, state, scope, node);
        const security = each && each.kind === "each" && each.of.includes(node.id) ? `${each.id}#${entry}` : undefined;
        const securityInvest = security && each ? investment(form, state, security, each) : { status: "", month: "" };
        putRow(systems, [
          ++systemNumber,
          agency.id,
          agency.name,
          node.number,
          entryName(state, node.id, entry),
          answerOf(form, state, scope, node, "body"),
          answerOf(form, state, scope, node, "compliance"),
          invest.status,
          invest.month,
          notes(form, state, scope, node),
          security && each ? answerOf(form, state, security, each, "dossier") : "",
          security && each ? answerOf(form, state, security, each, "decision") : "",
          security && each ? answerOf(form, state, security, each, "compliance") : "",
          securityInvest.status,
          securityInvest.month,
          security && each ? notes(form, state, security, each) : "",
        ]);
      }
    }
  }
  systems.commit();

  // 4. Proposals (part 3) and difficulties and recommendations (part 4), agency by agency.
  const proposalsNode = byId("proposals");
  const issuesNode = byId("issues");
  const proposals = workbook.addWorksheet("Đề xuất, kiến nghị", {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { ...PRINT, printTitlesRow: "1:1" },
  });
  proposals.columns = [
    { width: 22 },
    { width: 28 },
    ...proposalsNode.questions.map(() => ({ width: 36 })),
    ...issuesNode.questions.map(() => ({ width: 48 })),
  ];
  headerRow(proposals, [
    "Mã đơn vị",
    "Đơn vị",
    ...proposalsNode.questions.map((question) => question.text),
    ...issuesNode.questions.map((question) => question.text),
  ]);
  for (const agency of agencies) {
    const state = await source.load(agency.id);
    if (!state) continue;
    putRow(proposals, [
      agency.id,
      agency.name,
      ...proposalsNode.questions.map((question) => answerOf(form, state, "proposals", proposalsNode, question.id)),
      ...issuesNode.questions.map((question) => answerOf(form, state, "issues", issuesNode, question.id)),
    ]);
  }
  proposals.commit();

  // 5. Answers the current form does not ask (given under an older version): kept, not dropped.
  const known = new Set(nodes.flatMap((node) => node.questions.map((question) => `${node.id}.${question.id}`)));
  const others = workbook.addWorksheet("Câu trả lời khác", {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { ...PRINT, printTitlesRow: "1:1" },
  });
  others.columns = [{ width: 22 }, { width: 28 }, { width: 10 }, { width: 40 }, { width: 60 }];
  headerRow(others, ["Mã đơn vị", "Đơn vị", "Phiên bản biểu mẫu", "Câu hỏi (mã)", "Trả lời"]);
  for (const agency of agencies) {
    const state = await source.load(agency.id);
    if (!state) continue;
    for (const [path, answer] of state.answers) {
      const question = `${path.split(/[#.]/)[0]}.${path.slice(path.lastIndexOf(".") + 1)}`;
      if (known.has(question) && state.formVersion === form.version) continue;
      putRow(others, [agency.id, agency.name, state.formVersion, path, answer.value === null ? "(bỏ qua)" : String(answer.value)]);
    }
  }
  others.commit();
  if (!perAgency) {
    const note = workbook.addWorksheet("Ghi chú");
    note.getColumn(1).width = 120;
    putRow(note, [
      `Báo cáo có ${agencies.length} đơn vị, nhiều hơn ${AGENCY_SHEET_LIMIT}: không lập trang riêng cho từng đơn vị; toàn bộ câu trả lời có trong các trang Tổng hợp, Hệ thống, Đề xuất, kiến nghị.`,
    ]);
    note.commit();
  }
  await workbook.commit();
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
