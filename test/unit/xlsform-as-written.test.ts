import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compatTable } from "../../src/dev/xlsform-compat.js";
import { FormTexts } from "../../src/form/texts.js";
import { questionsOf, type XlsForm, type XlsQuestion } from "../../src/form/xlsform/model.js";
import { describeProblem, type ReadResult, readXlsForm } from "../../src/form/xlsform/read.js";
import { toEngineForm } from "../../src/form/xlsform/to-form.js";
import { translatorFor } from "../../src/i18n.js";
import { inEnglish, xlsformWorkbook } from "../support/xlsform-workbook.js";

/**
 * XLSForm as KoBoToolbox and ODK users write it (issue 25, phase A): pyxform's spellings, any
 * case, no settings sheet, labels in any language. Every workbook is written here, as such a user
 * would save it.
 */

const NOW = new Date("2026-12-03T08:00:00Z");
const IMPORT_TIME = Math.floor(NOW.getTime() / 1000);

async function read(sheets: Record<string, string[][]>, fileName = "Khảo sát xã.xlsx", now = NOW): Promise<ReadResult> {
  return readXlsForm(await xlsformWorkbook(sheets), fileName, now);
}

function imported(result: ReadResult): XlsForm {
  if (!result.ok) throw new Error(result.problems.map(inEnglish).join("\n"));
  return result.form;
}

const question = (form: XlsForm, name: string): XlsQuestion | undefined =>
  questionsOf(form.items).find(({ question }) => question.name === name)?.question;

const YES_NO = [
  ["list_name", "name", "label"],
  ["yes_no", "yes", "Có"],
  ["yes_no", "no", "Không"],
];

describe("XLSForm as the world writes it", () => {
  it("needs no settings sheet: the id from the file name, the title from the id, the version the import time", async () => {
    const sheets = {
      survey: [
        ["type", "name", "label"],
        ["text", "commune", "Tên xã"],
      ],
    };
    const form = imported(await read(sheets));
    expect({ id: form.id, title: form.title, version: form.version }).toEqual({
      id: "khao-sat-xa",
      title: "khao-sat-xa",
      version: IMPORT_TIME,
    });
    // Imported again a minute later, the same workbook is a newer version.
    const later = imported(await read(sheets, "Khảo sát xã.xlsx", new Date(NOW.getTime() + 60_000)));
    expect(later.version).toBeGreaterThan(form.version);
    // Without a file name to take it from, the id is the one thing asked for.
    const nameless = await readXlsForm(await xlsformWorkbook(sheets));
    expect(nameless.ok ? [] : nameless.problems.map(inEnglish)).toEqual([
      "settings: form_id is needed: the workbook has no form_id and no file name to take it from",
    ]);
  });

  it("reads pyxform's names for the settings, and keeps a form id or version it can mend, with a warning", async () => {
    const result = await read({
      survey: [
        ["type", "name", "label"],
        ["text", "commune", "Tên đơn vị"],
      ],
      Settings: [
        ["ID_String", "Title", "version"],
        ["Spec test", "Khảo sát thử", "v1.2"],
      ],
    });
    const form = imported(result);
    expect({ id: form.id, title: form.title, version: form.version }).toEqual({
      id: "spec-test",
      title: "Khảo sát thử",
      version: IMPORT_TIME,
    });
    expect(result.warnings.map(inEnglish)).toEqual([
      'settings row 2: form_id "Spec test" is kept as spec-test (lowercase letters, digits, - and _)',
      `settings row 2: version "v1.2" is not a whole number: the version is the import time, ${IMPORT_TIME}`,
    ]);
  });

  it("reads pyxform's aliases for types and columns, in any case", async () => {
    const form = imported(
      await read({
        SURVEY: [
          ["Type", "NAME", "Caption", "Relevance", "Required"],
          ["select one from yes_no", "has_site", "Có cổng thông tin?", "", "yes"],
          ["select all that apply from channels", "channels", "Kênh tiếp nhận", "${has_site} = 'yes'"],
          ["phone number", "hotline", "Đường dây nóng"],
          ["percentage", "online_share", "Tỉ lệ trực tuyến"],
          ["q int", "staff", "Số cán bộ"],
          ["add note prompt", "thanks", "Cảm ơn"],
          ["begin group", "more", "Thêm"],
          ["Date", "since", "Từ ngày"],
          ["end group"],
        ],
        Choices: [
          ["List Name", "Name", "Label"],
          ...YES_NO.slice(1),
          ["channels", "online", "Trực tuyến"],
          ["channels", "counter", "Tại quầy"],
        ],
      }),
    );
    expect(question(form, "has_site")).toMatchObject({ type: "select_one", list: "yes_no", required: true });
    expect(question(form, "channels")).toMatchObject({ type: "select_multiple", list: "channels", relevant: "${has_site} = 'yes'" });
    expect(question(form, "hotline")).toMatchObject({ type: "text", appearance: "phone" });
    expect(question(form, "online_share")).toMatchObject({ type: "integer", min: 0, max: 100 });
    expect(question(form, "staff")?.type).toBe("integer");
    expect(question(form, "thanks")?.type).toBe("note");
    expect(form.items.map((item) => `${item.kind}:${item.name}`)).toContain("group:more");
    expect(question(form, "since")?.type).toBe("date");
    expect(form.choices.channels?.map((choice) => choice.name)).toEqual(["online", "counter"]);
    expect(() => toEngineForm(form)).not.toThrow();
  });

  it.each([
    ["label:English", "label:Vietnamese"],
    ["label::English", "label::Tiếng Việt"],
    ["label::English (en)", "label::Tiếng Việt (vi)"],
    ["LABEL::EN", "Label::VI"],
  ])("reads %s as English, and %s as Vietnamese", async (english, vietnamese) => {
    const form = imported(
      await read({
        survey: [
          ["type", "name", vietnamese, english],
          ["text", "commune", "Tên xã", "Commune"],
        ],
      }),
    );
    expect(question(form, "commune")?.label).toEqual({ vi: "Tên xã", en: "Commune" });
  });

  it("imports a form without Vietnamese: its default language serves Vietnamese members, and the import says so", async () => {
    const result = await read({
      survey: [
        ["type", "name", "label::English (en)", "label::Français (fr)", "hint::English (en)"],
        ["integer", "staff", "Staff", "Personnel", "Contract staff too"],
      ],
      settings: [["default_language"], ["English"]],
    });
    const form = imported(result);
    expect(question(form, "staff")).toMatchObject({ label: { vi: "Staff", en: "Staff" }, hint: { vi: "Contract staff too" } });
    expect(result.warnings.map(inEnglish)).toEqual([
      "workbook: has no Vietnamese texts: Vietnamese members read the English (en) ones",
      "survey: label::Français (fr) is in a language the bot does not speak (Français (fr)): ignored",
    ]);
    // The engine asks Vietnamese members in English.
    const engine = toEngineForm(form);
    const node = engine.parts[0]!.nodes[0]!;
    expect(new FormTexts("vi", (key) => key, engine.translations).question(node, node.questions[0]!)).toBe("Staff");
    // The same warning in the secretariat's language.
    expect(describeProblem(result.warnings[0]!, translatorFor("vi"))).toBe(
      "workbook: không có câu chữ tiếng Việt: thành viên dùng tiếng Việt sẽ đọc bản English (en)",
    );
  });

  it("takes default_language as the language of a column written without one", async () => {
    const form = imported(
      await read({
        survey: [
          ["type", "name", "label", "label::Vietnamese"],
          ["text", "commune", "Commune", "Tên xã"],
        ],
        settings: [["default_language"], ["English"]],
      }),
    );
    expect(question(form, "commune")?.label).toEqual({ vi: "Tên xã", en: "Commune" });
  });

  it("lets a column without a language stand in where the form's language has no text, as ODK does", async () => {
    const form = imported(
      await read({
        survey: [
          ["type", "name", "label::English"],
          ["select_one yes_no", "open", "Open?"],
        ],
        choices: [
          ["list_name", "name", "label", "label::chinese"],
          ["yes_no", "yes", "Yes", "是"],
          ["yes_no", "no", "No", "没有"],
        ],
      }),
    );
    expect(form.choices.yes_no?.map((choice) => choice.label.vi)).toEqual(["Yes", "No"]);
  });

  it("refuses each feature the chat does not serve once, at its first row, in the secretariat's language", async () => {
    const result = await read({
      survey: [
        ["type", "name", "label", "readonly", "calculation"],
        ["calculate", "total", "", "", "1 + 1"],
        ["text", "commune", "Tên xã", "yes"],
        ["audio", "photo", "Ghi âm trụ sở"],
        ["text", "street", "Đường", "yes"],
        ["audio", "sign", "Ghi âm biển hiệu"],
        ["barcode", "where", "Mã vạch?"],
        ["note", "hello", "Chào ${commune}"],
      ],
      choices: YES_NO,
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    // readonly, as a column on two rows, and audio, as two rows' type, are one feature each.
    expect(problems.map((problem) => problem.feature)).toEqual(["readonly", "audio", "barcode"]);
    expect(problems.map(inEnglish)).toEqual([
      "survey row 3: readonly is not supported by the chat forms",
      "survey row 4: type audio is not supported by the chat forms (they take text, integer, decimal, date, select_one, select_multiple, note, calculate, acknowledge, image, geopoint, groups and repeats)",
      "survey row 7: type barcode is not supported by the chat forms (they take text, integer, decimal, date, select_one, select_multiple, note, calculate, acknowledge, image, geopoint, groups and repeats)",
    ]);
    expect(describeProblem(problems[2]!, translatorFor("vi"))).toBe(
      "survey dòng 7: type barcode không được biểu mẫu trò chuyện hỗ trợ (chỉ nhận text, integer, decimal, date, select_one, select_multiple, note, calculate, acknowledge, image, geopoint, nhóm và danh sách)",
    );
  });

  it("ignores, with a warning each, what only changes how ODK shows or records a form", async () => {
    const result = await read({
      survey: [
        ["type", "name", "label", "appearance", "required_message", "bind::saveIncomplete", "lable::English"],
        ["start", "start"],
        ["deviceid", "deviceid"],
        ["select_one yes_no", "open", "Mở cửa?", "minimal", "Cần trả lời", "true()"],
        ["begin repeat", "points", "Điểm"],
        ["text", "point", "Tên điểm"],
        ["begin group", "details", "Chi tiết", "field-list"],
        ["integer", "staff", "Số cán bộ"],
        ["end group"],
        ["end repeat"],
      ],
      choices: [
        ["list_name", "name", "label", "sms_option"],
        ["yes_no", "yes", "Có"],
        ["yes_no", "no", "Không"],
        ["unused", "only", "Một lựa chọn, không câu nào dùng"],
      ],
      settings: [
        ["form_id", "version", "style", "instance_name"],
        ["kiem-tra", "3", "theme-grid", "concat(${open})"],
      ],
    });
    const form = imported(result);
    expect(form.version).toBe(3);
    expect(Object.keys(form.choices)).toEqual(["yes_no"]);
    expect(result.warnings.map(inEnglish)).toEqual([
      "settings row 2: style only changes how ODK shows or sends the form: ignored",
      "settings row 2: instance_name only changes how ODK shows or sends the form: ignored",
      "survey row 4: bind::saveIncomplete only changes how ODK shows or sends the form: ignored",
      "survey row 2: type start is recorded by ODK itself; the bot keeps its own (who answered, when): ignored",
      "survey row 3: type deviceid is recorded by ODK itself; the bot keeps its own (who answered, when): ignored",
      "survey row 4: appearance minimal only changes how ODK draws the question: ignored",
      "survey row 7: appearance field-list inside the repeat points changes nothing, each entry is already one row: ignored",
    ]);
    expect(() => toEngineForm(form)).not.toThrow();
  });

  it("shows a choice without a label by its name, and names a column that is likely one misspelt", async () => {
    const result = await read({
      survey: [
        ["type", "name", "label", "relevnt"],
        ["select_one sizes", "size", "Quy mô", "1 = 1"],
      ],
      choices: [
        ["list_name", "name"],
        ["sizes", "small"],
        ["sizes", "large"],
      ],
      stettings: [["form_id"], ["khong-doc"]],
    });
    const form = imported(result);
    expect(form.choices.sizes?.map((choice) => choice.label.vi)).toEqual(["small", "large"]);
    expect(result.warnings.map(inEnglish)).toContain(
      "choices row 2: label is empty in the list sizes: the chat shows each choice's name instead",
    );
    expect(result.warnings.map(inEnglish)).toContain("survey row 2: relevnt is not an XLSForm column, perhaps relevant misspelt: ignored");
    // A settings sheet misspelt is not read: the form is named from the file, and the import says why.
    expect(form.id).toBe("khao-sat-xa");
    expect(result.warnings.map(inEnglish)).toContain('workbook: the sheet "stettings" looks like settings misspelt; it is not read');
  });

  it("refuses jr:choice-name(), add_none_option, loops and includes by name", async () => {
    const result = await read({
      survey: [
        ["type", "name", "label", "hint"],
        ["select_one yes_no", "open", "Mở cửa?"],
        ["text", "why", "Vì sao?", "jr:choice-name(selected-at(${open}, 0), '${open}')"],
        ["begin loop over yes_no", "each", "Từng ý"],
        ["text", "note_it", "Ghi chú"],
        ["end loop"],
        ["include", "other_form"],
      ],
      choices: [
        ["list_name", "name", "label"],
        ["yes_no", "yes", "Có"],
        ["yes_no", "no", "Không"],
      ],
      settings: [
        ["form_id", "add_none_option"],
        ["thu", "yes"],
      ],
    });
    expect(result.ok ? [] : result.problems.map((problem) => problem.feature ?? inEnglish(problem))).toEqual([
      "add_none_option",
      "jr:choice-name",
      "loop",
      "include",
    ]);
  });

  it("prints a table of a folder of workbooks: what each imported as, or what refused it", async () => {
    const folder = mkdtempSync(join(tmpdir(), "xlsform-compat-"));
    writeFileSync(
      join(folder, "a-plain.xlsx"),
      await xlsformWorkbook({
        survey: [
          ["type", "name", "label:English"],
          ["begin group", "g", "Group"],
          ["text", "a", "A"],
          ["note", "n", "Note"],
          ["end group"],
        ],
      }),
    );
    writeFileSync(
      join(folder, "b-photo.xlsx"),
      await xlsformWorkbook({
        survey: [
          ["type", "name", "label"],
          ["audio", "p", "Photo"],
          ["text", "t", "T"],
        ],
      }),
    );
    writeFileSync(join(folder, "notes.txt"), "not a workbook");
    const { rows, markdown } = await compatTable(folder);
    expect(rows).toEqual([
      { file: "a-plain.xlsx", outcome: "imported", detail: "1 questions (+1 notes), 1 groups, 0 repeats; 1 warnings" },
      { file: "b-photo.xlsx", outcome: "refused", detail: "audio" },
    ]);
    expect(markdown).toContain("| b-photo.xlsx | refused | audio |");
    expect(markdown.endsWith("1 of 2 imported.")).toBe(true);
  });
});
