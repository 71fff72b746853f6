import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compatTable } from "../../src/dev/xlsform-compat.js";
import { WALK_AGENCY, type WalkResult, walkSummary, walkWorkbook } from "../../src/dev/xlsform-walk.js";
import { constraintBounds } from "../../src/dev/xlsform-walk-answers.js";
import { findAnswers } from "../../src/dev/xlsform-walk-export.js";
import { type TestRedis, testRedis } from "../support/redis.js";
import { xlsformWorkbook } from "../support/xlsform-workbook.js";

/**
 * Issue #25's walker on a workbook written here: every construct a chat form serves, answered in
 * the Telegram chat through the bot's own code, and each answer found in the round's export.
 */

const HEADER = [
  "type",
  "name",
  "label::Tiếng Việt (vi)",
  "label::English (en)",
  "required",
  "relevant",
  "constraint",
  "constraint_message",
  "calculation",
  "choice_filter",
];

const survey = (extra: string[][] = []): Record<string, string[][]> => ({
  survey: [
    HEADER,
    ["begin_group", "unit", "Đơn vị", "Unit"],
    ["text", "commune", "Tên xã", "Commune", "yes"],
    // Bounds the walker reads: its first answer is inside them.
    ["integer", "staff", "Số cán bộ", "Staff", "yes", "", ". >= 20 and . <= 40", "Từ 20 đến 40"],
    ["note", "intro", "Phần sau hỏi về kênh tiếp nhận", "About the channels"],
    ["calculate", "doubled", "", "", "", "", "", "", "${staff} * 2"],
    ["end_group"],
    ["begin_group", "services", "Dịch vụ", "Services"],
    ["select_one provinces", "province", "Tỉnh", "Province", "yes"],
    ["select_one districts", "district", "Huyện", "District", "yes", "", "", "", "", "province = ${province}"],
    ["select_multiple channels", "channels", "Kênh tiếp nhận", "Channels", "yes"],
    ["select_one channels or_other", "main", "Kênh chính", "Main channel", "yes"],
    ["acknowledge", "read", "Đồng chí đã đọc hướng dẫn?", "Read the guidance?", "yes"],
    ["end_group"],
    ["begin_repeat", "points", "Điểm phục vụ", "Service points"],
    ["text", "point_name", "Tên điểm phục vụ", "Name", "yes"],
    ["select_one yes_no", "point_open", "Đang hoạt động?", "Open?", "yes"],
    // A rule it cannot read: 12, its first guess, is refused, and it tries others until one is taken.
    ["integer", "desks", "Số quầy", "Desks", "yes", "", ". != 12 and . <= 30", "Không phải 12"],
    ["end_repeat"],
    ...extra,
  ],
  choices: [
    ["list_name", "name", "label::Tiếng Việt (vi)", "label::English (en)", "province"],
    ["provinces", "hn", "Hà Nội", "Hanoi"],
    ["provinces", "hp", "Hải Phòng", "Haiphong"],
    ["districts", "ba_dinh", "Ba Đình", "Ba Dinh", "hn"],
    ["districts", "dong_da", "Đống Đa", "Dong Da", "hn"],
    ["districts", "le_chan", "Lê Chân", "Le Chan", "hp"],
    ["channels", "online", "Trực tuyến", "Online"],
    ["channels", "counter", "Tại quầy", "At the counter"],
    ["channels", "post", "Bưu chính", "By post"],
    ["yes_no", "yes", "Có", "Yes"],
    ["yes_no", "no", "Không", "No"],
  ],
  settings: [
    ["form_id", "version", "form_title"],
    ["khao-sat-di-bo", "2026120301", "Khảo sát đi bộ"],
  ],
});

/** The workbook with one sheet changed by `change`, which finds a column by its title. */
async function edited(
  workbook: Buffer,
  sheetName: string,
  change: (sheet: ExcelJS.Worksheet, column: (title: string) => number) => void,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(workbook as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map(String);
  change(sheet, (title) => {
    const column = header.indexOf(title);
    if (column < 1) throw new Error(`no column ${title} in ${sheetName}`);
    return column;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

const dropColumn = (workbook: Buffer, sheetName: string, title: string) =>
  edited(workbook, sheetName, (sheet, column) => sheet.spliceColumns(column(title), 1));

describe("the XLSForm walker", () => {
  let store: TestRedis;
  let result: WalkResult;

  beforeAll(async () => {
    store = testRedis();
    result = await walkWorkbook(store.redis, `${store.prefix}walk:`, await xlsformWorkbook(survey()), "khao-sat-di-bo.xlsx");
  });

  afterAll(() => store.cleanup());

  it("answers every construct in chat and finds every answer in the export", () => {
    if (!result.walked) throw new Error(`not walked: ${result.why}`);
    expect(result.missing).toEqual([]);
    expect(result.found).toBe(result.answered);
    const at = (question: string) => result.walked && result.given.filter((answer) => answer.path.endsWith(`.${question}`));
    const shown = (question: string) => (at(question) || []).map((answer) => answer.expect.shown);
    expect(shown("commune")).toHaveLength(1);
    expect(shown("staff")).toEqual(["20"]);
    expect(shown("province")).toEqual(["Hà Nội"]);
    // The choice_filter offered Hà Nội's districts only: the first of them is Ba Đình.
    expect(shown("district")).toEqual(["Ba Đình"]);
    expect(shown("channels")).toEqual(["Trực tuyến; Tại quầy"]);
    // or_other: "Other" chosen, then what it is asked and given.
    expect(shown("main")).toEqual(["Khác"]);
    expect(shown("main_other")).toHaveLength(1);
    expect(shown("read")).toEqual(["OK"]);
    // Two entries in the list, each with its name and its answers on its own row.
    // (A list's first question, the entry's name, is kept under the id `name`.)
    expect((at("name") || []).map((answer) => answer.entry)).toEqual([1, 2]);
    expect((at("point_open") || []).map((answer) => answer.entry)).toEqual([1, 2]);
    expect((at("desks") || []).map((answer) => answer.entry)).toEqual([1, 2]);
    // 12 refused in each entry, 1 taken.
    expect(shown("desks")).toEqual(["1", "1"]);
    expect(result.refusals).toBe(2);
    expect(walkSummary(result)).toBe(`walked: ${result.answered} answered, all found; ${result.refusals} refused first`);
  });

  it("is a real check: an export without a column, or with an answer changed, misses those answers", async () => {
    if (!result.walked) throw new Error(`not walked: ${result.why}`);
    const untouched = await findAnswers(result.workbook, WALK_AGENCY, result.given);
    expect(untouched.missing).toEqual([]);

    const noDistrict = await findAnswers(await dropColumn(result.workbook, "Tổng hợp", "Huyện"), WALK_AGENCY, result.given);
    expect(noDistrict.missing.map((answer) => answer.path)).toEqual(["district.district"]);

    const noDesks = await findAnswers(await dropColumn(result.workbook, "Điểm phục vụ", "Số quầy"), WALK_AGENCY, result.given);
    expect(noDesks.missing.map((answer) => answer.path)).toHaveLength(2);
    expect(noDesks.missing.every((answer) => answer.path.endsWith(".desks"))).toBe(true);

    // Another agency's row is not the answer given.
    expect((await findAnswers(result.workbook, "hai-phong", result.given)).found).toEqual([]);

    const changed = await findAnswers(
      await edited(result.workbook, "Tổng hợp", (sheet, column) => {
        sheet.getRow(2).getCell(column("Tên xã")).value = "Xã khác";
      }),
      WALK_AGENCY,
      result.given,
    );
    expect(changed.missing.map((answer) => answer.path)).toEqual(["commune.commune"]);

    // An answer under another question's column is not found: each is looked for under its own.
    const swapped = await findAnswers(
      await edited(result.workbook, "Tổng hợp", (sheet, column) => {
        const [province, district] = [column("Tỉnh"), column("Huyện")];
        sheet.getRow(1).getCell(province).value = "Huyện";
        sheet.getRow(1).getCell(district).value = "Tỉnh";
      }),
      WALK_AGENCY,
      result.given,
    );
    expect(swapped.missing.map((answer) => answer.path).sort()).toEqual(["district.district", "province.province"]);

    // Entries numbered the other way round: each entry's answers are looked for on its own row.
    const renumbered = await findAnswers(
      await edited(result.workbook, "Điểm phục vụ", (sheet, column) => {
        sheet.getRow(2).getCell(column("STT")).value = "2";
        sheet.getRow(3).getCell(column("STT")).value = "1";
      }),
      WALK_AGENCY,
      result.given,
    );
    expect(renumbered.missing.map((answer) => answer.path).filter((path) => path.endsWith(".name"))).toHaveLength(2);
  });

  it("sends a photo and shares a location where the form asks for a picture and a place", async () => {
    const sheets = {
      survey: [
        ["type", "name", "label::Tiếng Việt (vi)", "required"],
        ["text", "office", "Tên trụ sở", "yes"],
        ["geopoint", "where", "Vị trí trụ sở", "yes"],
        ["image", "photo", "Ảnh trụ sở", "yes"],
      ],
      settings: [
        ["form_id", "version", "form_title"],
        ["tru-so", "2026120301", "Trụ sở"],
      ],
    };
    const walked = await walkWorkbook(store.redis, `${store.prefix}media:`, await xlsformWorkbook(sheets), "tru-so.xlsx");
    expect(walkSummary(walked)).toBe("walked: 3 answered, all found");
    // Taken as sent, the location shared and the photo: nothing typed after a refusal.
    expect(walked.refusals).toBe(0);
  });

  it("reads the bounds of a simple constraint, and none from one it cannot trust", () => {
    expect(constraintBounds(". >= 20 and . <= 40", 1)).toEqual({ low: 20, high: 40 });
    expect(constraintBounds("0 < . and . < 100", 0.5)).toEqual({ low: 0.5, high: 99.5 });
    expect(constraintBounds(". < 5 or . > 10", 1)).toEqual({});
    expect(constraintBounds("string-length(.) <= 80", 1)).toEqual({});
    expect(constraintBounds(undefined, 1)).toEqual({});
  });

  it("says why it could not walk a form whose question takes no answer it knows", async () => {
    const strict = survey([["integer", "code", "Mã số", "Code", "yes", "", ". = 777", "Phải là 777"]]);
    strict.settings = [
      ["form_id", "version", "form_title"],
      ["khao-sat-kho", "2026120301", "Khảo sát khó"],
    ];
    const stuck = await walkWorkbook(store.redis, `${store.prefix}strict:`, await xlsformWorkbook(strict), "kho.xlsx");
    expect(stuck.walked).toBe(false);
    expect(walkSummary(stuck)).toMatch(/^not walked: every answer refused at code\.code \(integer\)/);
  });

  it("adds a column to the compatibility table with --walk: each imported workbook's walk", async () => {
    const folder = mkdtempSync(join(tmpdir(), "xlsform-walk-"));
    writeFileSync(join(folder, "a-di-bo.xlsx"), await xlsformWorkbook(survey()));
    writeFileSync(
      join(folder, "b-audio.xlsx"),
      await xlsformWorkbook({
        survey: [
          ["type", "name", "label"],
          ["audio", "a", "A"],
          ["text", "t", "T"],
        ],
      }),
    );
    let walks = 0;
    const { rows, markdown } = await compatTable(folder, async (file, bytes) =>
      walkSummary(await walkWorkbook(store.redis, `${store.prefix}table${++walks}:`, bytes, file)),
    );
    expect(rows.map((row) => row.walk)).toEqual([expect.stringMatching(/^walked: 14 answered, all found; 2 refused first$/), undefined]);
    expect(markdown).toContain("| workbook | outcome | questions, groups, repeats; or what refused it | walked in chat |");
    expect(markdown).toContain("| b-audio.xlsx | refused | audio |  |");
    expect(markdown.endsWith("1 of 2 imported. 1 of 1 walked in chat with every answer found in the export.")).toBe(true);
  });
});
