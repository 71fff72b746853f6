import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { FormRenderer } from "../../src/dialogue/form-screens.js";
import type { Form, Question } from "../../src/form/schema.js";
import { displayAnswer, type ValidationContext, validateAnswer, validateSent } from "../../src/form/validators.js";
import { readType } from "../../src/form/xlsform/aliases.js";
import { readXlsForm } from "../../src/form/xlsform/read.js";
import { toEngineForm } from "../../src/form/xlsform/to-form.js";
import { writeXlsForm } from "../../src/form/xlsform/write.js";
import { translatorFor } from "../../src/i18n.js";
import { writeFormWorkbook } from "../../src/reports/form-workbook.js";
import type { ExportSource } from "../../src/reports/sheets.js";
import { FormHarness } from "../support/form-harness.js";
import { inEnglish, xlsformWorkbook } from "../support/xlsform-workbook.js";

const context: ValidationContext = { today: { year: 2026, month: 11 }, options: [], reads: { answer: () => undefined } };
const base = { id: "q", text: "Q", optional: false } as const;
const point: Question = { ...base, type: "geopoint" };
const photo: Question = { ...base, type: "image" };

describe("geopoint answers", () => {
  it.each([
    ["21.0285, 105.8542", "21.0285 105.8542"],
    ["21.0285 105.8542", "21.0285 105.8542"],
    ["21.0285°, 105.8542°", "21.0285 105.8542"],
    ["21.0285° 105.8542°", "21.0285 105.8542"],
    ["21,0285 105,8542", "21.0285 105.8542"],
    ["21.0285;105.8542", "21.0285 105.8542"],
    ["-33.8688, 151.2093", "-33.8688 151.2093"],
    ["10.77689123, 106.70098765", "10.776891 106.700988"],
    ["21, 105", "21 105"],
    ["21.0285,105.8542", "21.0285 105.8542"],
    ["  21.0285 ,\t105.8542  ", "21.0285 105.8542"],
  ])("reads %s as %s", (typed, stored) => {
    expect(validateAnswer(point, typed, context)).toEqual({ ok: true, value: stored });
  });

  it.each(["Hà Nội", "21.0285", "21.0285, 105.8542, 12", "abc, def", "21,02", "1,2,3", `1${" ".repeat(4000)}x`])(
    "refuses %s in plain words",
    (typed) => {
      expect(validateAnswer(point, typed, context)).toEqual({ ok: false, reason: "invalid-geopoint" });
    },
  );

  it.each(["91, 105", "21, 181", "-90.5 0"])("refuses %s as out of range", (typed) => {
    expect(validateAnswer(point, typed, context)).toEqual({ ok: false, reason: "invalid-geopoint-range" });
  });

  it("takes a shared location as the same text, in range only, and only on a geopoint question", () => {
    expect(validateSent(point, { kind: "location", latitude: 21.028511, longitude: 105.804817 }, context)).toEqual({
      ok: true,
      value: "21.028511 105.804817",
    });
    expect(validateSent(point, { kind: "location", latitude: 95, longitude: 0 }, context)).toEqual({
      ok: false,
      reason: "invalid-geopoint-range",
    });
    expect(validateSent({ ...base, type: "text", maxLength: 100 }, { kind: "location", latitude: 1, longitude: 2 }, context)).toEqual({
      ok: false,
      reason: "form-text-expected",
    });
  });

  it("holds a constraint over the point as over any answer", () => {
    const constrained: Question = { ...point, constraint: "string-length(.) > 12" };
    expect(validateAnswer(constrained, "21.0285, 105.8542", context).ok).toBe(true);
    expect(validateAnswer(constrained, "1, 2", context)).toEqual({ ok: false, reason: "invalid-constraint", params: { reason: "none" } });
  });
});

describe("image answers", () => {
  it("takes a photo by its reference and refuses text, with a reason that asks for a photo", () => {
    expect(validateSent(photo, { kind: "photo", reference: "stored:abc" }, context)).toEqual({ ok: true, value: "stored:abc" });
    expect(validateAnswer(photo, "ảnh trụ sở", context)).toEqual({ ok: false, reason: "invalid-image" });
    expect(validateSent(point, { kind: "photo", reference: "AgAD" }, context)).toEqual({ ok: false, reason: "invalid-geopoint" });
    // Read back in the chat, never the file id.
    expect(displayAnswer(photo, "AgADBAADb6cxG", [])).toBe("📷");
  });

  it("asks for a photo in the words of each messenger", () => {
    const vi = translatorFor("vi");
    expect(vi("invalid-image", { surface: "buttons" })).toContain("Gửi một ảnh");
    expect(vi("invalid-image", { surface: "typed" })).toContain("biểu tượng ảnh");
    expect(translatorFor("en")("invalid-image", { surface: "buttons" })).toContain("needs a photo");
  });
});

describe("the XLSForm types image and geopoint", () => {
  const survey = {
    survey: [
      ["type", "name", "label::Tiếng Việt (vi)", "label::English (en)", "required", "relevant"],
      ["select_one yes_no", "has_office", "Có trụ sở riêng?", "Own office?", "yes"],
      ["photo", "office_photo", "Ảnh trụ sở", "Photo of the office", "no", "${has_office} = 'yes'"],
      ["gps", "office_place", "Vị trí trụ sở", "Where the office is", "yes"],
      ["integer", "staff", "Số cán bộ", "Staff", "yes"],
    ],
    choices: [
      ["list_name", "name", "label::Tiếng Việt (vi)", "label::English (en)"],
      ["yes_no", "yes", "Có", "Yes"],
      ["yes_no", "no", "Không", "No"],
    ],
    settings: [
      ["form_id", "version", "form_title"],
      ["tru-so", "1", "Trụ sở"],
    ],
  };
  let form: Form;

  beforeAll(async () => {
    const read = await readXlsForm(await xlsformWorkbook(survey));
    if (!read.ok) throw new Error(read.problems.map(inEnglish).join("\n"));
    form = toEngineForm(read.form);
  });

  const question = (id: string) =>
    form.parts.flatMap((part) => part.nodes.flatMap((node) => node.questions)).find((candidate) => candidate.id === id);

  it("reads every alias pyxform has for them as the type", () => {
    for (const alias of ["image", "photo", "q image", "q picture", "add image prompt", "add photo prompt"])
      expect(readType(alias)).toMatchObject({ kind: "question", type: "image" });
    for (const alias of ["geopoint", "location", "gps", "q geopoint", "q location", "add location prompt"])
      expect(readType(alias)).toMatchObject({ kind: "question", type: "geopoint" });
  });

  it("imports them as questions of the form, with their relevant and required", () => {
    expect(question("office_photo")).toMatchObject({ type: "image", optional: true, relevant: "${has_office} = 'yes'" });
    expect(question("office_place")).toMatchObject({ type: "geopoint", optional: false });
  });

  it("writes them back to XLSForm as image and geopoint, and reads back the same form", async () => {
    const bytes = await writeXlsForm(form, () => undefined);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const types: string[] = [];
    workbook.getWorksheet("survey")?.eachRow((row) => types.push(String(row.getCell(1).value ?? "")));
    expect(types).toContain("image");
    expect(types).toContain("geopoint");
    const again = await readXlsForm(bytes);
    if (!again.ok) throw new Error(again.problems.map(inEnglish).join("\n"));
    expect(toEngineForm(again.form).parts).toEqual(form.parts);
  });

  it("is answered with a photo and a place; text on the photo is refused; relevant skips the photo", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.press("opt:1");
    expect(harness.question?.question.id).toBe("office_photo");
    harness.text("ảnh đây");
    expect(harness.last.notice).toMatchObject({ key: "invalid-image", refusal: true });
    harness.send({ kind: "location", latitude: 21, longitude: 105 });
    expect(harness.last.notice).toMatchObject({ key: "invalid-image", refusal: true });
    // A sticker, a voice note: what the question expects, said the same way.
    harness.send({ kind: "unsupported" });
    expect(harness.last.notice).toMatchObject({ key: "invalid-image", refusal: true });
    harness.send({ kind: "photo", reference: "AgADphoto" });
    expect(harness.state.answers.get("office_photo.office_photo")?.value).toBe("AgADphoto");
    expect(harness.last.accepted?.display).toBe("📷");
    expect(harness.question?.question.id).toBe("office_place");
    harness.send({ kind: "photo", reference: "AgADother" });
    expect(harness.last.notice).toMatchObject({ key: "invalid-geopoint", refusal: true });
    harness.text("ở Hà Nội");
    expect(harness.last.notice).toMatchObject({ key: "invalid-geopoint", refusal: true });
    harness.send({ kind: "location", latitude: 21.0285, longitude: 105.8542 });
    expect(harness.state.answers.get("office_place.office_place")?.value).toBe("21.0285 105.8542");
    expect(harness.question?.question.id).toBe("staff");
    // A photo where a number is asked is what it was before: the question wants typing.
    harness.send({ kind: "photo", reference: "AgADstray" });
    expect(harness.last.notice).toMatchObject({ key: "form-text-expected", refusal: true });
  });

  it("skips the photo when it is optional, and leaves it out when relevant rules it out", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.press("opt:1");
    harness.press("skip");
    expect(harness.state.answers.get("office_photo.office_photo")?.value).toBeNull();
    expect(harness.question?.question.id).toBe("office_place");
    const without = new FormHarness(form, "province");
    without.open();
    without.press("opt:2");
    expect(without.question?.question.id).toBe("office_place");
    // A place cannot be skipped: it is required.
    without.press("skip");
    expect(without.last.notice).toMatchObject({ key: "form-cannot-skip" });
  });

  it("outside a question, a photo or a place is what the bot does not read, as before", async () => {
    const read = await readXlsForm(
      await xlsformWorkbook({
        survey: [
          ["type", "name", "label", "required"],
          ["begin_repeat", "points", "Điểm phục vụ"],
          ["text", "point_name", "Tên điểm", "yes"],
          ["geopoint", "point_place", "Vị trí điểm", "yes"],
          ["end_repeat"],
        ],
        settings: [
          ["form_id", "version"],
          ["diem", "1"],
        ],
      }),
    );
    if (!read.ok) throw new Error(read.problems.map(inEnglish).join("\n"));
    const harness = new FormHarness(toEngineForm(read.form), "province");
    harness.open();
    expect(harness.screen).toBe("list");
    harness.send({ kind: "location", latitude: 21, longitude: 105 });
    expect(harness.last.notice).toMatchObject({ key: "form-text-expected", refusal: true });
    harness.send({ kind: "photo", reference: "AgAD" });
    expect(harness.last.notice).toMatchObject({ key: "form-text-expected", refusal: true });
    expect(harness.state.entries.size).toBe(0);
    harness.text("Bộ phận một cửa");
    harness.send({ kind: "location", latitude: 10.5, longitude: 106.25 });
    expect([...harness.state.answers.values()].map((answer) => answer.value)).toContain("10.5 106.25");
  });

  it("says how to answer: attach a photo or share a location on Telegram, send a picture or type coordinates on Zalo", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.press("opt:1");
    const vi = translatorFor("vi");
    const telegram = new FormRenderer("vi", vi, "Asia/Ho_Chi_Minh", "keyboard", form);
    const zalo = new FormRenderer("vi", vi, "Asia/Ho_Chi_Minh", "numbered", form);
    expect(telegram.render(harness.last.view, harness.cursor.seq, "Hà Nội").text).toContain("bấm nút đính kèm (📎)");
    expect(zalo.render(harness.last.view, harness.cursor.seq, "Hà Nội").text).toContain("bấm biểu tượng ảnh ở khung chat");
    harness.send({ kind: "photo", reference: "AgAD" });
    const place = telegram.render(harness.last.view, harness.cursor.seq, "Hà Nội");
    expect(place.text).toContain('chọn "Vị trí"');
    expect(zalo.render(harness.last.view, harness.cursor.seq, "Hà Nội").text).toContain("Gõ vĩ độ và kinh độ");
    // The coordinates are the answer: a channel without buttons must not read "21" as a line of the menu.
    expect(place.numbersAreAnswers).toBe(true);
  });

  it("is in the export: a link that opens the photo, the place as XLSForm writes it", async () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.press("opt:1");
    harness.send({ kind: "photo", reference: "stored:abc123" });
    harness.text("21.0285, 105.8542");
    harness.text("12");
    const exported = async (photoLink: ExportSource["photoLink"]) => {
      const out = join(mkdtempSync(join(tmpdir(), "media-")), "export.xlsx");
      await writeFormWorkbook(
        {
          round: { id: "r" } as never,
          agencies: [{ id: "ha-noi", name: "Hà Nội", kind: "province" } as never],
          form,
          timeZone: "Asia/Ho_Chi_Minh",
          load: async () => harness.state,
          submitterName: async () => undefined,
          ...(photoLink ? { photoLink } : {}),
        },
        out,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(out);
      const sheet = workbook.getWorksheet("Tổng hợp");
      const header = ((sheet?.getRow(1).values ?? []) as unknown[]).map((value) => String(value ?? ""));
      const cell = (title: string) => sheet?.getRow(2).getCell(header.indexOf(title));
      return { photo: cell("Ảnh trụ sở"), place: cell("Vị trí trụ sở"), agencySheet: workbook.getWorksheet("Hà Nội") };
    };
    const linked: [string, string][] = [];
    const withLinks = await exported((reference, fileName) => {
      linked.push([reference, fileName]);
      return `https://bot.example/files/${reference}/${fileName}`;
    });
    expect(withLinks.photo?.value).toEqual({
      text: "https://bot.example/files/stored:abc123/anh-ha-noi-office_photo-office_photo.jpg",
      hyperlink: "https://bot.example/files/stored:abc123/anh-ha-noi-office_photo-office_photo.jpg",
    });
    expect(linked[0]).toEqual(["stored:abc123", "anh-ha-noi-office_photo-office_photo.jpg"]);
    expect(withLinks.place?.value).toBe("21.0285 105.8542");
    // The agency's own sheet links it too.
    const rows: unknown[] = [];
    withLinks.agencySheet?.eachRow((row) => rows.push(row.getCell(2).value));
    expect(rows).toContainEqual(expect.objectContaining({ hyperlink: expect.stringContaining("stored:abc123") }));
    // With no link to give (no public address), the cell says a photo is there, never the reference.
    const without = await exported(undefined);
    expect(without.photo?.value).toBe("(có ảnh)");
  });
});
