import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { encodeAction } from "../../src/channels/actions.js";
import { FormRenderer } from "../../src/dialogue/form-screens.js";
import type { Form } from "../../src/form/schema.js";
import { optionsOffered } from "../../src/form/slots.js";
import { readXlsForm } from "../../src/form/xlsform/read.js";
import { toEngineForm } from "../../src/form/xlsform/to-form.js";
import { writeXlsForm } from "../../src/form/xlsform/write.js";
import { translatorFor } from "../../src/i18n.js";
import { FormHarness } from "../support/form-harness.js";
import { engineForm, inEnglish, problemsOf } from "../support/xlsform-workbook.js";

/** XLSForm's `default`, offered as a one-tap answer, and a choice_filter that reads a choice's label (issue 25). */

const renderer = (form: Form, language: "vi" | "en", style: "keyboard" | "numbered" = "keyboard") =>
  new FormRenderer(language, translatorFor(language), "Asia/Ho_Chi_Minh", style, form);

/** The label of the button that takes the default, on this screen. */
function suggestButton(form: Form, harness: FormHarness, language: "vi" | "en" = "vi", style: "keyboard" | "numbered" = "keyboard") {
  const message = renderer(form, language, style).render(harness.last.view, harness.cursor.seq, "Hà Nội");
  const data = encodeAction({ kind: "form", seq: harness.cursor.seq, action: "suggest" });
  return (message.buttons ?? []).flat().find((button) => button.data === data)?.label;
}

const storedAt = (harness: FormHarness, path: string) => harness.state.answers.get(path)?.value;

describe("default: offered with one tap, never stored by itself", () => {
  const survey = {
    survey: [
      ["type", "name", "label::Tiếng Việt (vi)", "label::English (en)", "required", "default", "constraint"],
      ["select_one units", "don_vi", "Đơn vị", "Unit", "yes", "so_tttt"],
      ["text", "phong", "Phòng phụ trách", "Office", "yes", "Phòng Chuyển đổi số <CĐS>"],
      ["integer", "can_bo", "Số cán bộ", "Staff", "yes", "12", ". <= 500"],
      ["date", "han", "Hạn hoàn thành", "Deadline", "yes", "2026-12-31"],
      ["select_multiple channels", "kenh", "Kênh", "Channels", "yes", "online counter"],
    ],
    choices: [
      ["list_name", "name", "label::Tiếng Việt (vi)", "label::English (en)"],
      ["units", "so_khcn", "Sở Khoa học và Công nghệ", "Department of Science and Technology"],
      ["units", "so_tttt", "Sở Thông tin & Truyền thông", "Department of Information & Communications"],
      ["channels", "online", "Trực tuyến", "Online"],
      ["channels", "counter", "Tại quầy", "At the counter"],
      ["channels", "post", "Bưu chính", "By post"],
    ],
  };

  it("keeps each default with its question, as XLSForm stores the answer", async () => {
    const form = await engineForm(survey);
    const defaults = form.parts.flatMap((part) => part.nodes.flatMap((node) => node.questions.map((q) => [q.id, q.default])));
    expect(Object.fromEntries(defaults)).toEqual({
      don_vi: "so_tttt",
      phong: "Phòng Chuyển đổi số <CĐS>",
      can_bo: "12",
      han: "2026-12-31",
      kenh: "online counter",
    });
  });

  it("offers a choice by its label, in the officer's language; pressed, it stores the choice's name", async () => {
    const form = await engineForm(survey);
    const harness = new FormHarness(form, "province");
    harness.open();
    expect(harness.question?.question.id).toBe("don_vi");
    // Offered, not stored.
    expect(storedAt(harness, "don_vi.don_vi")).toBeUndefined();
    expect(suggestButton(form, harness)).toBe("Sở Thông tin & Truyền thông");
    expect(suggestButton(form, harness, "en")).toBe("Department of Information & Communications");
    // A numbered line is read as HTML: escaped as the option's own line is.
    expect(suggestButton(form, harness, "vi", "numbered")).toBe("Sở Thông tin &amp; Truyền thông");
    harness.press("suggest");
    expect(storedAt(harness, "don_vi.don_vi")).toBe("so_tttt");
    expect(harness.question?.question.id).toBe("phong");
  });

  it("offers a text, a number, a date and several choices as the review shows them, each taken by the press", async () => {
    const form = await engineForm(survey);
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.press("suggest");
    expect(suggestButton(form, harness)).toBe("Phòng Chuyển đổi số <CĐS>");
    expect(suggestButton(form, harness, "vi", "numbered")).toBe("Phòng Chuyển đổi số &lt;CĐS&gt;");
    harness.press("suggest");
    expect(storedAt(harness, "phong.phong")).toBe("Phòng Chuyển đổi số <CĐS>");
    expect(suggestButton(form, harness)).toBe("12");
    harness.press("suggest");
    expect(storedAt(harness, "can_bo.can_bo")).toBe(12);
    expect(suggestButton(form, harness)).toBe("31/12/2026");
    harness.press("suggest");
    expect(storedAt(harness, "han.han")).toBe("2026-12-31");
    expect(suggestButton(form, harness)).toBe("Trực tuyến; Tại quầy");
    harness.press("suggest");
    expect(storedAt(harness, "kenh.kenh")).toBe("online counter");
    expect(harness.screen).toBe("review");
  });

  it("lets the officer type or pick another answer, and offers the default again only while it is not the answer", async () => {
    const form = await engineForm(survey);
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.press("opt:1");
    expect(storedAt(harness, "don_vi.don_vi")).toBe("so_khcn");
    harness.text("Văn phòng UBND");
    expect(storedAt(harness, "phong.phong")).toBe("Văn phòng UBND");
    harness.press("back");
    // Another answer stored: the default is still there to take.
    expect(suggestButton(form, harness)).toBe("Phòng Chuyển đổi số <CĐS>");
    harness.press("suggest");
    expect(storedAt(harness, "phong.phong")).toBe("Phòng Chuyển đổi số <CĐS>");
    harness.press("back");
    // The default is the answer already: nothing to offer.
    expect(harness.question?.question.id).toBe("phong");
    expect(suggestButton(form, harness)).toBeUndefined();
  });

  it("is not offered where the choice_filter leaves its choice out, nor where the constraint refuses it now", async () => {
    const form = await engineForm({
      survey: [
        ["type", "name", "label", "required", "choice_filter", "default", "constraint"],
        ["select_one provinces", "tinh", "Tỉnh", "yes"],
        ["select_one districts", "huyen", "Huyện", "yes", "province = ${tinh}", "ba_dinh"],
        ["integer", "tong", "Tổng số", "yes"],
        ["integer", "phan", "Trong đó", "yes", "", "5", ". <= ${tong}"],
      ],
      choices: [
        ["list_name", "name", "label", "province"],
        ["provinces", "hn", "Hà Nội"],
        ["provinces", "hp", "Hải Phòng"],
        ["districts", "ba_dinh", "Ba Đình", "hn"],
        ["districts", "dong_da", "Đống Đa", "hn"],
        ["districts", "le_chan", "Lê Chân", "hp"],
        ["districts", "ngo_quyen", "Ngô Quyền", "hp"],
      ],
    });
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.text("Hải Phòng");
    expect(harness.question?.question.id).toBe("huyen");
    expect(suggestButton(form, harness)).toBeUndefined();
    // Pressed all the same (an old screen): nothing is stored.
    harness.press("suggest");
    expect(storedAt(harness, "huyen.huyen")).toBeUndefined();
    harness.press("back");
    harness.text("Hà Nội");
    expect(suggestButton(form, harness)).toBe("Ba Đình");
    harness.press("suggest");
    expect(storedAt(harness, "huyen.huyen")).toBe("ba_dinh");
    harness.text("3");
    expect(harness.question?.question.id).toBe("phan");
    expect(suggestButton(form, harness)).toBeUndefined();
    harness.press("back");
    harness.text("30");
    expect(suggestButton(form, harness)).toBe("5");
  });

  it("is written back to XLSForm and read again the same", async () => {
    const form = await engineForm(survey);
    const again = await readXlsForm(await writeXlsForm(form, () => undefined), "lai.xlsx");
    if (!again.ok) throw new Error(again.problems.map(inEnglish).join("\n"));
    expect(toEngineForm(again.form)).toEqual(form);
  });

  it("reads a date Excel keeps as a date, as XLSForm writes it", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("survey");
    sheet.addRow(["type", "name", "label", "default"]);
    sheet.addRow(["date", "ngay", "Ngày báo cáo", new Date(Date.UTC(2026, 11, 15))]);
    const read = await readXlsForm(Buffer.from(await workbook.xlsx.writeBuffer()), "ngay.xlsx");
    if (!read.ok) throw new Error(read.problems.map(inEnglish).join("\n"));
    expect(toEngineForm(read.form).parts[0]?.nodes[0]?.questions[0]?.default).toBe("2026-12-15");
  });

  it("refuses, with its row, a default worked out from the form and one its own question would refuse", async () => {
    const problems = await problemsOf({
      survey: [
        ["type", "name", "label", "default", "constraint", "required"],
        ["text", "ten", "Tên", "${khac}"],
        ["date", "ngay", "Ngày", "today()"],
        ["select_one units", "don_vi", "Đơn vị", "so_yte"],
        ["select_multiple units", "cac_don_vi", "Các đơn vị", "so_khcn so_yte"],
        ["integer", "so", "Số", "mười"],
        ["integer", "toi_da", "Tối đa", "20", ". <= 10"],
        ["decimal", "ty_le", "Tỉ lệ", "12,5"],
        ["date", "han", "Hạn", "31/12/2026"],
        ["acknowledge", "da_doc", "Đã đọc", "maybe"],
        ["note", "ghi_chu", "Ghi chú", "x"],
        ["begin_group", "nhom", "Nhóm", "x"],
        ["text", "khac", "Khác", ""],
        ["end_group"],
      ],
      choices: [
        ["list_name", "name", "label"],
        ["units", "so_khcn", "Sở KH&CN"],
        ["units", "so_tttt", "Sở TT&TT"],
      ],
    });
    const defaults = problems.filter((problem) => problem.includes(": default "));
    expect(defaults).toEqual([
      expect.stringMatching(/^survey row 2: default "\$\{khac\}" is worked out from the form/),
      expect.stringMatching(/^survey row 3: default "today\(\)" is worked out from the form/),
      'survey row 4: default "so_yte" is not the name of a choice of the list units (for select_multiple: names separated by spaces)',
      'survey row 5: default "so_khcn so_yte" is not the name of a choice of the list units (for select_multiple: names separated by spaces)',
      expect.stringMatching(/^survey row 6: default "mười" is not an answer this question takes: Type a number/),
      expect.stringMatching(/^survey row 7: default "20" is not an answer this question takes: /),
      expect.stringMatching(/^survey row 8: default "12,5" is not an answer this question takes: Type a number/),
      expect.stringMatching(/^survey row 9: default "31\/12\/2026" is not an answer this question takes: Type a real date/),
      expect.stringMatching(/^survey row 10: default "maybe" is not an answer this question takes: Press "OK"/),
      expect.stringMatching(/^survey row 11: default does not apply to a question of type note/),
      expect.stringMatching(/^survey row 12: default does not apply to a question of type begin_group/),
    ]);
  });
});

describe("choice_filter reading a choice's label", () => {
  const sheets = (filter: string, header = "label::English (en)") => ({
    survey: [
      ["type", "name", "label::Tiếng Việt (vi)", "required", "choice_filter"],
      ["select_one units", "don_vi", "Đơn vị", "yes", filter],
    ],
    choices: [
      ["list_name", "name", "label::Tiếng Việt (vi)", header],
      ["units", "so_khcn", "Sở Khoa học và Công nghệ", "Department of Science"],
      ["units", "so_tttt", "Sở Thông tin và Truyền thông", ""],
      ["units", "ubnd", "UBND tỉnh", "People's Committee"],
    ],
  });
  const offered = async (sheet: Record<string, string[][]>) => {
    const form = await engineForm(sheet);
    const harness = new FormHarness(form, "province");
    harness.open();
    const slot = harness.question;
    if (!slot) throw new Error("no question");
    return optionsOffered(form, slot.question, { answer: () => undefined }).map((option) => option.id);
  };

  it("reads the label column of the language it names, in any spelling the label columns take", async () => {
    for (const filter of ["label::English != ''", "label:English != ''", "label::English (en) != ''", "Label::EN != ''"])
      expect(await offered(sheets(filter)), filter).toEqual(["so_khcn", "ubnd"]);
    expect(await offered(sheets(`label::English = "People's Committee" or label::Tiếng Việt (vi) = 'UBND tỉnh'`))).toEqual(["ubnd"]);
    expect(await offered(sheets("label::Tiếng Việt = 'Sở Khoa học và Công nghệ'"))).toEqual(["so_khcn"]);
    // The column named in another spelling than the filter's.
    expect(await offered(sheets("label::English != ''", "label::EN"))).toEqual(["so_khcn", "ubnd"]);
  });

  it("reads `label` alone as the columns written without a language", async () => {
    const form = await engineForm({
      survey: [
        ["type", "name", "label", "choice_filter"],
        ["select_one units", "don_vi", "Đơn vị", "label != 'UBND tỉnh'"],
      ],
      // The English column first: `label` is still the one without a language.
      choices: [
        ["list_name", "name", "label::English (en)", "label"],
        ["units", "so_khcn", "Department of Science", "Sở Khoa học và Công nghệ"],
        ["units", "ubnd", "People's Committee", "UBND tỉnh"],
        ["units", "so_tttt", "Department of Information", "Sở Thông tin và Truyền thông"],
      ],
    });
    const harness = new FormHarness(form, "province");
    harness.open();
    expect(harness.last.view.kind === "question" && harness.last.view.options.map((option) => option.id)).toEqual(["so_khcn", "so_tttt"]);
  });

  it("reads the column spelt as the filter is, where one without a language and one with it serve the same members", async () => {
    const sheet = (filter: string) => ({
      survey: [
        ["type", "name", "label", "choice_filter"],
        ["select_one units", "don_vi", "Đơn vị", filter],
      ],
      choices: [
        ["list_name", "name", "label::Tiếng Việt (vi)", "label"],
        ["units", "so_khcn", "Sở KH&CN", "KHCN"],
        ["units", "ubnd", "UBND tỉnh", "UBND"],
      ],
    });
    expect(await offered(sheet("label = 'UBND'"))).toEqual(["ubnd"]);
    expect(await offered(sheet("label::Tiếng Việt = 'UBND tỉnh'"))).toEqual(["ubnd"]);
  });

  it("reads a label as shown: a choice whose `${name}` is unanswered reads empty, and is left out", async () => {
    const form = await engineForm({
      survey: [
        ["type", "name", "label::English", "required", "choice_filter"],
        ["text", "first", "First name", "no"],
        ["text", "second", "Second name", "no"],
        ["select_one names", "chosen", "Who?", "yes", "label::English != ''"],
      ],
      choices: [
        ["list_name", "name", "label::English"],
        ["names", "first", "${first}"],
        ["names", "second", "${second}"],
      ],
    });
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.text("Lan");
    harness.press("skip");
    expect(harness.last.view.kind === "question" && harness.last.view.options.map((option) => option.id)).toEqual(["first"]);
  });

  it("refuses a label in a language the choices sheet does not write", async () => {
    expect(await problemsOf(sheets("label::Français != ''"))).toEqual([
      "survey row 2: choice_filter reads label::Français, which is no column of the list units in the choices sheet",
    ]);
  });

  it("keeps what it reads when written back to XLSForm", async () => {
    const form = await engineForm(sheets("label::English != ''"));
    const again = await readXlsForm(await writeXlsForm(form, () => undefined), "lai.xlsx");
    if (!again.ok) throw new Error(again.problems.map(inEnglish).join("\n"));
    expect(toEngineForm(again.form)).toEqual(form);
  });
});
