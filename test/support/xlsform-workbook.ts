import ExcelJS from "exceljs";
import type { Form } from "../../src/form/schema.js";
import { describeProblem, type Problem, readXlsForm } from "../../src/form/xlsform/read.js";
import { toEngineForm } from "../../src/form/xlsform/to-form.js";
import { translatorFor } from "../../src/i18n.js";

/** A workbook's problem as the command line prints it. */
export const inEnglish = (problem: Problem): string => describeProblem(problem, translatorFor("en"));

/** The form a workbook written here imports as, ready for the engine; its problems thrown, in English. */
export async function engineForm(sheets: Record<string, string[][]>, fileName = "thu-nghiem.xlsx"): Promise<Form> {
  const read = await readXlsForm(await xlsformWorkbook(sheets), fileName);
  if (!read.ok) throw new Error(read.problems.map(inEnglish).join("\n"));
  return toEngineForm(read.form);
}

/** What refuses a workbook written here, in English; none when it imports. */
export async function problemsOf(sheets: Record<string, string[][]>, fileName = "thu-nghiem.xlsx"): Promise<string[]> {
  const read = await readXlsForm(await xlsformWorkbook(sheets), fileName);
  return read.ok ? [] : read.problems.map(inEnglish);
}

/** An XLSForm workbook written with exceljs, as a questionnaire designer would save it. */
export async function xlsformWorkbook(sheets: Record<string, string[][]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const SURVEY_HEADER = [
  "type",
  "name",
  "label::Tiếng Việt (vi)",
  "label::English (en)",
  "hint",
  "required",
  "relevant",
  "constraint",
  "constraint_message",
  "constraint_message::English (en)",
];

/**
 * A questionnaire unlike form 488, for the tests: two groups, a repeat, `relevant`, constraints
 * and a select_multiple, in Vietnamese and English, with what "met" means.
 */
export const communeSurvey = (version = "2026112501"): Record<string, string[][]> => ({
  survey: [
    SURVEY_HEADER,
    ["begin_group", "unit", "Đơn vị", "Unit"],
    ["text", "commune", "Tên xã", "Commune", "", "yes", "", "string-length(.) <= 80", "Tối đa 80 ký tự"],
    ["integer", "staff", "Số cán bộ", "Staff", "Cả hợp đồng", "yes", "", ". >= 1 and . <= 500", "Từ 1 đến 500", "From 1 to 500"],
    ["end_group"],
    ["begin_group", "services", "Dịch vụ", "Services"],
    ["select_multiple channels", "channels", "Kênh tiếp nhận hồ sơ", "Channels", "", "yes"],
    [
      "decimal",
      "online_share",
      "Tỉ lệ hồ sơ trực tuyến (%)",
      "Online share (%)",
      "",
      "yes",
      "selected(${channels}, 'online')",
      ". >= 0 and . <= 100",
      "Từ 0 đến 100",
    ],
    ["date", "since", "Tiếp nhận trực tuyến từ ngày", "Online since", "", "no", "count-selected(${channels}) >= 2"],
    ["end_group"],
    ["begin_repeat", "points", "Điểm phục vụ", "Service points"],
    ["text", "point_name", "Tên điểm phục vụ", "Name", "", "yes"],
    ["select_one yes_no", "point_open", "Đang hoạt động?", "Open?", "", "yes"],
    ["end_repeat"],
    ["note", "thanks", "Cảm ơn đồng chí", "Thank you"],
  ],
  choices: [
    ["list_name", "name", "label::Tiếng Việt (vi)", "label::English (en)", "compliance"],
    ["channels", "online", "Trực tuyến", "Online"],
    ["channels", "counter", "Tại quầy", "At the counter"],
    ["channels", "post", "Bưu chính", "By post"],
    ["yes_no", "yes", "Có", "Yes", "met"],
    ["yes_no", "no", "Không", "No", "not_met"],
  ],
  // What "met" means here: at least one service point, every one of them open.
  compliance: [
    ["component", "label::Tiếng Việt (vi)", "label::English (en)", "questions", "min_entries"],
    ["1", "Điểm phục vụ hoạt động", "Service points open", "points", "1"],
  ],
  settings: [
    ["form_id", "version", "form_title"],
    ["xa-chuyen-doi-so", version, "Khảo sát chuyển đổi số cấp xã"],
  ],
});
