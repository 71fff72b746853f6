import ExcelJS from "exceljs";
import type { Expectation } from "./xlsform-walk-answers.js";

/**
 * Finding a walk's answers in the round's workbook as the secretariat gets it: a row's answer in
 * the summary, on the agency's row under the question's column; an entry's in a sheet of its list,
 * on the agency's row of that entry's number (STT).
 */

export interface GivenAnswer {
  /** Where the bot keeps it (`node.question`, `node#entry.question`), for the report. */
  path: string;
  /** The column it belongs under: the question's text, as the workbook heads its columns. */
  column: string;
  /** The entry's number in its list (from 1), for an answer inside a list; none for a row's. */
  entry?: number;
  expect: Expectation;
}

const SUMMARY = "Tổng hợp";
const LISTING = ["Mã đơn vị", "Đơn vị", "STT"];

/** A cell as the secretariat reads it: numbers as Vietnamese writes them, dates as dd/mm/yyyy. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date)
    return `${String(value.getUTCDate()).padStart(2, "0")}/${String(value.getUTCMonth() + 1).padStart(2, "0")}/${value.getUTCFullYear()}`;
  if (typeof value === "number") return value.toLocaleString("vi-VN", { maximumFractionDigits: 20 });
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((run) => run.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("hyperlink" in value) return String(value.hyperlink);
  }
  return String(value);
}

function rowsOf(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow((row, number) => {
    rows[number - 1] = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
  });
  return Array.from(rows, (row) => row ?? []);
}

/** The answers given that the workbook holds where they belong, and those it does not. */
export async function findAnswers(
  workbookBytes: Buffer,
  agencyId: string,
  given: readonly GivenAnswer[],
): Promise<{ found: GivenAnswer[]; missing: GivenAnswer[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(workbookBytes as unknown as ArrayBuffer);
  const sheets = workbook.worksheets.map((sheet) => ({ name: sheet.name, rows: rowsOf(sheet) }));
  const summary = sheets.find((sheet) => sheet.name === SUMMARY);
  const listings = sheets.filter((sheet) => sheet.name !== SUMMARY && LISTING.every((title, index) => sheet.rows[0]?.[index] === title));
  const holds = (answer: GivenAnswer): boolean => {
    const candidates =
      answer.entry === undefined
        ? (summary?.rows.slice(1) ?? []).filter((row) => row[1] === agencyId).map((row) => ({ header: summary?.rows[0] ?? [], row }))
        : listings.flatMap((sheet) =>
            sheet.rows
              .slice(1)
              .filter((row) => row[0] === agencyId && row[2] === String(answer.entry))
              .map((row) => ({ header: sheet.rows[0] ?? [], row })),
          );
    return candidates.some(({ header, row }) =>
      header.some((title, index) => title === answer.column && answer.expect.found(row[index] ?? "")),
    );
  };
  const found = given.filter(holds);
  return { found, missing: given.filter((answer) => !found.includes(answer)) };
}
