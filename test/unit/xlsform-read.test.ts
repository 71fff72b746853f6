import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { questionsOf } from "../../src/form/xlsform/model.js";
import { MAX_UNPACKED_BYTES, readXlsForm } from "../../src/form/xlsform/read.js";
import { unpackedSize } from "../../src/form/xlsform/zip-size.js";

/** A zip of one deflated file whose central directory declares `declared` bytes unpacked, as a bomb's does. */
function zipOf(name: string, content: Buffer, declared: number): Buffer {
  const data = deflateRawSync(content);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralAt = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

import { communeSurvey, inEnglish, xlsformWorkbook } from "../support/xlsform-workbook.js";

describe("reading an XLSForm workbook", () => {
  it("reads groups, a repeat, expressions, lists and both languages", async () => {
    const result = await readXlsForm(await xlsformWorkbook(communeSurvey()));
    if (!result.ok) throw new Error(result.problems.map(inEnglish).join("\n"));
    const { form } = result;
    expect({ id: form.id, version: form.version, title: form.title }).toEqual({
      id: "xa-chuyen-doi-so",
      version: 2026112501,
      title: "Khảo sát chuyển đổi số cấp xã",
    });
    expect(form.items.map((item) => `${item.kind}:${item.name}`)).toEqual([
      "group:unit",
      "group:services",
      "repeat:points",
      "question:thanks",
    ]);
    const questions = questionsOf(form.items);
    expect(questions.map(({ question, repeat }) => `${question.type}:${question.name}${repeat ? `@${repeat}` : ""}`)).toEqual([
      "text:commune",
      "integer:staff",
      "select_multiple:channels",
      "decimal:online_share",
      "date:since",
      "text:point_name@points",
      "select_one:point_open@points",
      "note:thanks",
    ]);
    const share = questions.find(({ question }) => question.name === "online_share")?.question;
    expect(share).toMatchObject({
      label: { vi: "Tỉ lệ hồ sơ trực tuyến (%)", en: "Online share (%)" },
      required: true,
      relevant: "selected(${channels}, 'online')",
      constraint: ". >= 0 and . <= 100",
      constraintMessage: { vi: "Từ 0 đến 100" },
      row: 8,
    });
    expect(form.choices.channels?.map((choice) => choice.name)).toEqual(["online", "counter", "post"]);
    expect(form.compliance).toEqual([
      { id: "1", label: { vi: "Điểm phục vụ hoạt động", en: "Service points open" }, targets: ["points"], minEntries: 1 },
    ]);
  });

  it("lists every problem of a broken workbook by sheet, row and column", async () => {
    const sheets = communeSurvey("");
    delete sheets.compliance;
    sheets.survey = [
      [...(communeSurvey().survey?.[0] ?? []), "calculation"],
      ["begin_group", "unit", "Đơn vị"],
      ["text", "commune", "Tên xã", "", "", "yes", "${staff} > 3"],
      ["integer", "staff", "Số cán bộ", "", "", "maybe", "", "today() > 1"],
      ["barcode", "where", "Mã vạch"],
      ["select_one sizes", "size", "Quy mô"],
      ["text", "commune", "Tên khác"],
      ["text", "ghost", "Ma", "", "", "", "${nowhere} = 1", "", "", "", "1 + 1"],
      ["end_group"],
      ["end_group"],
      ["begin_repeat", "points", "Điểm"],
      ["text", "point_name", ""],
    ];
    const result = await readXlsForm(await xlsformWorkbook(sheets));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map(inEnglish)).toEqual([
      "survey row 3: relevant refers to ${staff}, which comes later",
      'survey row 4: required must be yes or no (got "maybe")',
      'survey row 4: constraint the function today() is not supported (at character 1 of "today() > 1")',
      "survey row 5: type barcode is not supported by the chat forms (they take text, integer, decimal, date, select_one, select_multiple, note, calculate, acknowledge, image, geopoint, groups and repeats)",
      "survey row 6: type the choice list sizes is not in the choices sheet",
      "survey row 7: name commune is used twice",
      "survey row 8: calculation is for calculate rows only",
      "survey row 8: relevant refers to ${nowhere}, which is not in the survey",
      "survey row 10: type end_group without a begin_group",
      "survey row 12: label is needed, in Vietnamese",
      "survey row 11: type begin_repeat points is never ended",
    ]);
  });

  it("checks the columns of our dialect where form 488 needs them, and names shared by several rows", async () => {
    const sheets = communeSurvey();
    delete sheets.compliance;
    sheets.survey = [
      ["type", "name", "label", "required", "relevant", "appearance", "number", "max_length", "at_least", "profile", "each", "when_empty"],
      ["begin_group", "p", "Phần"],
      ["begin_group", "r2", "Hàng 2", "", "", "field-list", "2"],
      ["text", "body", "Cơ quan", "yes", "", "", "", "300"],
      ["select_one yes_no", "ok", "Đáp ứng", "yes"],
      ["integer", "lacking", "Thiếu", "yes", "selected(${ok}, 'no')"],
      ["integer", "total", "Tổng", "yes", "", "", "", "", "body"],
      ["end_group"],
      ["begin_group", "r3", "Hàng 3", "", "", "field-list"],
      ["select_one yes_no", "ok", "Đáp ứng", "yes"],
      ["text", "where", "Ở đâu", "yes", "", "phone-number", "", "", "", "boss"],
      ["begin_repeat", "inner", "Danh sách"],
      ["text", "x", "X"],
      ["end_repeat"],
      ["end_group"],
      ["text", "after", "Sau", "yes", "selected(${ok}, 'yes')", "", "7"],
      ["begin_repeat", "r5", "Mỗi hệ thống", "", "", "", "5", "", "", "", "r1", "maybe"],
      ["date", "when", "Tháng", "yes", "", "month-year"],
      ["end_repeat"],
      ["end_group"],
    ];
    const result = await readXlsForm(await xlsformWorkbook(sheets));
    expect(result.ok ? [] : result.problems.map(inEnglish)).toEqual([
      "survey row 7: at_least names body, not an earlier integer question of the same field-list group or repeat",
      "survey row 11: appearance phone-number on a text is not supported by the chat forms (they take field-list on groups, month-year on dates, phone and email on text)",
      'survey row 11: profile must be one of fullName, position, phone, email, workplace (got "boss")',
      "survey row 12: type the field-list group r3 holds questions only",
      "survey row 16: number is for field-list groups and repeats",
      "survey row 16: relevant refers to ${ok}, a name several groups use: only a question of the same field-list group or repeat can read it",
      "survey row 17: each r1 is not a repeat before this one (each names the repeats whose entries it goes over)",
      'survey row 17: when_empty must be none or not-yet (got "maybe")',
    ]);
  });

  it("checks what the compliance sheet names", async () => {
    const sheets = communeSurvey();
    sheets.compliance = [
      ["component", "label", "questions", "min_entries"],
      ["1", "Kênh", "channels", ""],
      ["2", "Không rõ", "nowhere", "0"],
      ["1", "", "point_open"],
    ];
    const result = await readXlsForm(await xlsformWorkbook(sheets));
    expect(result.ok ? [] : result.problems.map(inEnglish)).toEqual([
      "compliance row 2: questions channels is not a select_one whose choices say met, partial or not_met",
      "compliance row 3: questions nowhere is not a question, field-list group or repeat of the survey",
      'compliance row 3: min_entries must be a whole number from 1 (got "0")',
      "compliance row 4: component 1 is there twice, apart: a component's rows go one after another",
      "compliance row 4: label is needed, in Vietnamese",
    ]);
  });

  it("refuses a workbook that unpacks to more than a questionnaire needs, whatever sizes it declares, before exceljs sees it", async () => {
    const bytes = await xlsformWorkbook(communeSurvey());
    const measured = unpackedSize(bytes, MAX_UNPACKED_BYTES);
    expect(measured.ok && measured.bytes).toBeGreaterThan(bytes.length);
    expect(measured.ok && measured.bytes).toBeLessThan(1024 * 1024);
    // A bomb: 1.2 MB on disk unpacking to 1.2 GB would declare 1,098 bytes; this one 60 MiB.
    const bomb = zipOf("[Content_Types].xml", Buffer.alloc(60 * 1024 * 1024, 0x20), 1_098);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(unpackedSize(bomb, MAX_UNPACKED_BYTES)).toEqual({ ok: false, reason: "too-large", atLeast: MAX_UNPACKED_BYTES + 1 });
    const result = await readXlsForm(bomb);
    expect(result.ok ? [] : result.problems.map(inEnglish)).toEqual([
      "workbook: unpacks to more than 50 MiB, more than a questionnaire needs",
    ]);
  });

  it("says so when the file is no workbook, or lacks its sheets", async () => {
    const garbage = await readXlsForm(Buffer.from("not a workbook"));
    expect(garbage.ok ? [] : garbage.problems.map(inEnglish)).toEqual(["workbook: is not an .xlsx workbook"]);
    const empty = await readXlsForm(await xlsformWorkbook({ notes: [["x"]], external_choices: [["list_name", "name"]] }));
    expect(empty.ok ? [] : empty.problems.map(inEnglish)).toEqual([
      "workbook: has an external_choices sheet, which the chat forms do not support",
      "workbook: has no survey sheet",
      "settings: form_id is needed: the workbook has no form_id and no file name to take it from",
    ]);
  });
});
