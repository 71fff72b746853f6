import { TZDate } from "@date-fns/tz";
import type ExcelJS from "exceljs";
import type { Agency } from "../domain/agencies.js";
import type { Round } from "../domain/rounds.js";
import type { ComponentStatus } from "../form/compliance.js";
import type { Form } from "../form/schema.js";
import type { ResponseState } from "../form/slots.js";
import type { PhotoLink } from "./answer-links.js";

/**
 * What both workbooks share (the appendix's layout, src/reports/workbook.ts, and a form's own,
 * src/reports/form-workbook.ts): where the answers come from, the Vietnamese words for states,
 * and how a row, a header and a sheet's name are written.
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
  /** Links to photo answers for whoever the workbook is made for (src/reports/answer-links.ts); without, a photo is only said to be there. */
  photoLink?: PhotoLink | undefined;
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
  not_applicable: "Không áp dụng",
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
