import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { FormRenderer } from "../../src/dialogue/form-screens.js";
import type { Form } from "../../src/form/schema.js";
import { calculationOf, ExpressionError, parseExpression } from "../../src/form/xlsform/expression.js";
import { readXlsForm } from "../../src/form/xlsform/read.js";
import { toEngineForm } from "../../src/form/xlsform/to-form.js";
import { writeXlsForm } from "../../src/form/xlsform/write.js";
import { writeFormWorkbook } from "../../src/reports/form-workbook.js";
import { FormHarness } from "../support/form-harness.js";
import { engineForm, inEnglish, problemsOf, xlsformWorkbook } from "../support/xlsform-workbook.js";

/** XLSForm constructs beyond the first import (issue 25, phase B), each from a workbook written here and run in chat. */

const YES_NO = [
  ["list_name", "name", "label::Tiếng Việt (vi)", "label::English (en)"],
  ["yes_no", "yes", "Có", "Yes"],
  ["yes_no", "no", "Không", "No"],
];

const screens = (form: Form) => ({
  telegram: { vi: new FormRenderer("vi", (key) => key, "Asia/Ho_Chi_Minh", "keyboard", form) },
  zalo: { vi: new FormRenderer("vi", (key) => key, "Asia/Ho_Chi_Minh", "numbered", form) },
  english: new FormRenderer("en", (key) => key, "Asia/Ho_Chi_Minh", "keyboard", form),
});

describe("label interpolation: ${name} in a label or hint shows that answer", () => {
  const survey = {
    survey: [
      ["type", "name", "label::Tiếng Việt (vi)", "label::English (en)", "hint::Tiếng Việt (vi)", "required"],
      ["text", "commune", "Tên xã", "Commune", "", "yes"],
      ["select_one yes_no", "open", "Xã ${commune} có bộ phận một cửa?", "Has ${commune} a one-stop desk?", "", "yes"],
      ["note", "thanks", "Đã ghi: ${open}", "Noted: ${open}"],
      ["integer", "staff", "Số cán bộ của ${commune}", "Staff of ${commune}", "Một cửa: ${open}", "yes"],
    ],
    choices: YES_NO,
  };

  it("imports, and refuses a name that is not an earlier question", async () => {
    await expect(engineForm(survey)).resolves.toBeDefined();
    const later = structuredClone(survey);
    later.survey[2]![2] = "Xã ${staff} có bộ phận một cửa?";
    later.survey.push(["text", "x", "${nowhere}"]);
    expect(await problemsOf(later)).toEqual([
      "survey row 3: label refers to ${staff}, which comes later",
      "survey row 6: label refers to ${nowhere}, which is not in the survey",
    ]);
  });

  it("fills the answer in, in the officer's language, on Telegram and Zalo, and escapes what was typed", async () => {
    const form = await engineForm(survey);
    const harness = new FormHarness(form, "province");
    const { telegram, zalo, english } = screens(form);
    harness.open();
    harness.text("Tân <Lập>");
    for (const renderer of [telegram.vi, zalo.vi])
      expect(renderer.render(harness.last.view, harness.cursor.seq, "Hà Nội").text).toContain(
        "<b>Xã Tân &lt;Lập&gt; có bộ phận một cửa?</b>",
      );
    expect(english.render(harness.last.view, harness.cursor.seq, "Hà Nội").text).toContain("Has Tân &lt;Lập&gt; a one-stop desk?");
    harness.text("1");
    const vi = telegram.vi.render(harness.last.view, harness.cursor.seq, "Hà Nội").text;
    expect(vi).toContain("Đã ghi: Có");
    expect(vi).toContain("<b>Số cán bộ của Tân &lt;Lập&gt;</b>");
    expect(vi).toContain("<i>Một cửa: Có</i>");
    expect(zalo.vi.render(harness.last.view, harness.cursor.seq, "Hà Nội").text).toContain("Số cán bộ của Tân &lt;Lập&gt;");
    const en = english.render(harness.last.view, harness.cursor.seq, "Hà Nội").text;
    expect(en).toContain("Noted: Yes");
    expect(en).toContain("Staff of Tân &lt;Lập&gt;");
  });
});

describe("calculate: worked out from the answers, never asked, read by relevant, constraint, labels and the export", () => {
  const survey = {
    survey: [
      ["type", "name", "label::Tiếng Việt (vi)", "required", "relevant", "constraint", "calculation"],
      ["integer", "men", "Số cán bộ nam", "yes"],
      ["integer", "women", "Số cán bộ nữ", "yes"],
      ["calculate", "staff", "", "", "", "", "${men} + ${women}"],
      ["integer", "trained", "Trong ${staff} cán bộ, bao nhiêu người đã được tập huấn?", "yes", "", ". <= ${staff}"],
      ["text", "plan", "Kế hoạch tuyển thêm", "yes", "${staff} < 5"],
      ["begin_repeat", "points", "Điểm phục vụ"],
      ["text", "point", "Tên điểm", "yes"],
      ["integer", "desks", "Số quầy", "yes"],
      ["calculate", "per_desk", "", "", "", "", "${staff} div ${desks}"],
      ["select_one yes_no", "enough", "Mỗi quầy ${per_desk} người: đủ chưa?", "yes"],
      ["end_repeat"],
    ],
    choices: YES_NO,
  };

  it("imports, and refuses a calculation that reads what comes later, or asks something", async () => {
    const form = await engineForm(survey);
    expect(form.parts[0]!.nodes.find((node) => node.id === "staff")?.questions[0]).toMatchObject({
      type: "calculate",
      calculation: "${men} + ${women}",
    });
    const wrong = structuredClone(survey);
    wrong.survey[3] = ["calculate", "staff", "", "yes", "", "", "${men} + ${trained}"];
    wrong.survey.push(["text", "odd", "Lạ", "", "", "", "1 + 1"]);
    expect(await problemsOf(wrong)).toEqual([
      "survey row 4: required a calculate is worked out, not asked: it takes no required or constraint",
      "survey row 4: calculation refers to ${trained}, which comes later",
      "survey row 13: calculation is for calculate rows only",
    ]);
  });

  it("is never asked; its value follows the answers, in labels, constraints and relevant, and in each entry", async () => {
    const form = await engineForm(survey);
    const harness = new FormHarness(form, "province");
    const { telegram, zalo } = screens(form);
    harness.open();
    harness.text("2");
    harness.text("1");
    expect(harness.question?.path).toBe("trained.trained");
    expect(telegram.vi.render(harness.last.view, harness.cursor.seq, "Hà Nội").text).toContain("Trong 3 cán bộ, bao nhiêu");
    expect(zalo.vi.render(harness.last.view, harness.cursor.seq, "Hà Nội").text).toContain("Trong 3 cán bộ, bao nhiêu");
    harness.text("4");
    expect(harness.last.notice?.key).toBe("invalid-constraint");
    harness.text("3");
    // Three staff are fewer than five: the plan is asked.
    expect(harness.question?.path).toBe("plan.plan");
    harness.text("Tuyển 2 người");
    harness.text("Một cửa");
    harness.text("2");
    expect(telegram.vi.render(harness.last.view, harness.cursor.seq, "Hà Nội").text).toContain("Mỗi quầy 1,5 người: đủ chưa?");
    harness.text("1");
    harness.press("done");
    expect(harness.screen).toBe("review");
    expect([...harness.state.answers.keys()].some((path) => path.includes("staff") || path.includes("per_desk"))).toBe(false);
    // A correction changes it at once: eight staff, no plan to ask for any more.
    harness.press("edit:men.men");
    harness.text("7");
    expect(harness.state.answers.has("plan.plan")).toBe(false);
  });

  it("is in the export: a column of its own with the value worked out", async () => {
    const form = await engineForm(survey);
    const harness = new FormHarness(form, "province");
    harness.open();
    for (const answer of ["6", "4", "5", "Một cửa", "4", "1"]) harness.text(answer);
    harness.press("done");
    const out = join(mkdtempSync(join(tmpdir(), "calculate-")), "export.xlsx");
    await writeFormWorkbook(
      {
        round: { id: "r" } as never,
        agencies: [{ id: "ha-noi", name: "Hà Nội", kind: "province" } as never],
        form,
        timeZone: "Asia/Ho_Chi_Minh",
        load: async () => harness.state,
        submitterName: async () => undefined,
      },
      out,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const summary: string[][] = [];
    workbook
      .getWorksheet("Tổng hợp")
      ?.eachRow((row) => summary.push((row.values as unknown[]).slice(1).map((value) => String(value ?? ""))));
    expect(summary[1]?.[summary[0]!.indexOf("staff")]).toBe("10");
    const points: string[][] = [];
    workbook
      .getWorksheet("Điểm phục vụ")
      ?.eachRow((row) => points.push((row.values as unknown[]).slice(1).map((value) => String(value ?? ""))));
    expect(points[1]?.[points[0]!.indexOf("per_desk")]).toBe("2,5");
  });
});

describe("select_one … or_other, and the “specify other” pattern", () => {
  const survey = {
    survey: [
      ["type", "name", "label::Tiếng Việt (vi)", "label::English (en)", "required", "relevant"],
      ["select_one channels or_other", "channel", "Kênh chính", "Main channel", "yes"],
      ["select_one channels", "second", "Kênh phụ", "Second channel", "yes"],
      ["select_one units", "unit", "Đơn vị", "Unit", "yes"],
      ["text", "unit_other", "Đơn vị khác là gì?", "Which unit?", "yes", "selected(${unit}, 'khac')"],
      ["note", "seen", "Kênh: ${channel} (${channel_other})", "Channel: ${channel} (${channel_other})"],
      ["integer", "staff", "Số cán bộ", "Staff", "yes"],
    ],
    choices: [
      ["list_name", "name", "label::Tiếng Việt (vi)", "label::English (en)"],
      ["channels", "online", "Trực tuyến", "Online"],
      ["channels", "counter", "Tại quầy", "At the counter"],
      ["units", "xa", "UBND xã", "Commune"],
      ["units", "khac", "Khác", "Other"],
    ],
  };

  it("offers Khác after the list's choices, asks what it is only when chosen, on Telegram and Zalo, in English too", async () => {
    const form = await engineForm(survey);
    const harness = new FormHarness(form, "province");
    const { telegram, zalo, english } = screens(form);
    harness.open();
    const buttons = telegram.vi
      .render(harness.last.view, harness.cursor.seq, "Hà Nội")
      .buttons?.flat()
      .map((button) => button.label);
    expect(buttons).toEqual(expect.arrayContaining(["Trực tuyến", "Tại quầy", "Khác"]));
    expect(
      english
        .render(harness.last.view, harness.cursor.seq, "Hà Nội")
        .buttons?.flat()
        .map((button) => button.label),
    ).toContain("Other");
    expect(
      zalo.vi
        .render(harness.last.view, harness.cursor.seq, "Hà Nội")
        .buttons?.flat()
        .map((button) => button.label),
    ).toEqual(expect.arrayContaining(["Khác"]));
    harness.text("3");
    expect(harness.state.answers.get("channel.channel")?.value).toBe("other");
    expect(telegram.vi.render(harness.last.view, harness.cursor.seq, "Hà Nội").text).toContain("Khác: đề nghị ghi rõ");
    harness.text("Zalo <OA>");
    expect(harness.state.answers.get("channel.channel_other")?.value).toBe("Zalo <OA>");
    // The list without or_other keeps its own choices.
    expect(harness.last.view.kind === "question" ? harness.last.view.options.map((option) => option.id) : []).toEqual([
      "online",
      "counter",
    ]);
    harness.text("1");
    // The pattern written by hand: a choice "Khác" and a text whose relevant reads it.
    harness.text("2");
    expect(harness.question?.path).toBe("unit_other.unit_other");
    harness.text("Hội Nông dân");
    expect(telegram.vi.render(harness.last.view, harness.cursor.seq, "Hà Nội").text).toContain("Kênh: Khác (Zalo &lt;OA&gt;)");
    harness.text("5");
    expect(harness.screen).toBe("review");
    // Another choice takes the specified text away.
    harness.press("edit:channel.channel");
    harness.text("1");
    expect(harness.state.answers.has("channel.channel_other")).toBe(false);
  });
});

describe("choice_filter: a province, then its districts", () => {
  const survey = {
    survey: [
      ["type", "name", "label::Tiếng Việt (vi)", "required", "choice_filter"],
      ["select_one provinces", "province", "Tỉnh", "yes"],
      ["select_one districts", "district", "Huyện", "yes", "province = ${province}"],
      ["select_multiple districts", "others", "Huyện lân cận", "no", "province = ${province} and name != ${district}"],
    ],
    choices: [
      ["list_name", "name", "label::Tiếng Việt (vi)", "province"],
      ["provinces", "hn", "Hà Nội"],
      ["provinces", "hp", "Hải Phòng"],
      ["districts", "ba_dinh", "Ba Đình", "hn"],
      ["districts", "dong_da", "Đống Đa", "hn"],
      ["districts", "cau_giay", "Cầu Giấy", "hn"],
      ["districts", "le_chan", "Lê Chân", "hp"],
      ["districts", "ngo_quyen", "Ngô Quyền", "hp"],
    ],
  };

  it("imports without a warning for the column it reads, and refuses one the choices do not have", async () => {
    const read = await readXlsForm(await xlsformWorkbook(survey), "thu-nghiem.xlsx");
    expect(read.warnings.map(inEnglish)).toEqual([]);
    const wrong = structuredClone(survey);
    wrong.survey[2]![4] = "tinh = ${province}";
    wrong.survey.push(["text", "x", "X", "no", "name = 'a'"]);
    expect(await problemsOf(wrong)).toEqual([
      "survey row 3: choice_filter reads tinh, which is no column of the list districts in the choices sheet",
      "survey row 5: choice_filter is for select_one and select_multiple only",
    ]);
  });

  it("offers only the districts of the province chosen, by button on Telegram and by number on Zalo", async () => {
    const form = await engineForm(survey);
    const harness = new FormHarness(form, "province");
    const { telegram, zalo } = screens(form);
    harness.open();
    harness.text("2");
    const labels = (renderer: FormRenderer) =>
      renderer
        .render(harness.last.view, harness.cursor.seq, "Hà Nội")
        .buttons?.flat()
        .map((button) => button.label) ?? [];
    for (const renderer of [telegram.vi, zalo.vi]) {
      expect(labels(renderer)).toEqual(expect.arrayContaining(["Lê Chân", "Ngô Quyền"]));
      expect(labels(renderer)).not.toContain("Ba Đình");
    }
    // "2" is the second district offered, not the second of the list.
    harness.text("2");
    expect(harness.state.answers.get("district.district")?.value).toBe("ngo_quyen");
    harness.text("3");
    expect(harness.last.notice?.key).toBe("invalid-multi");
    harness.text("1");
    expect(harness.state.answers.get("others.others")?.value).toBe("le_chan");
  });
});

describe("choice_filter over a list where a name comes twice (allow_choice_duplicates)", () => {
  const survey = (allow: string) => ({
    survey: [
      ["type", "name", "label", "choice_filter"],
      ["select_one states", "state", "Bang"],
      ["select_one counties", "county", "Hạt", "${state}=cf"],
    ],
    choices: [
      ["list_name", "name", "label", "cf"],
      ["states", "texas", "Texas"],
      ["states", "washington", "Washington"],
      ["counties", "king", "King", "washington"],
      ["counties", "pierce", "Pierce", "washington"],
      ["counties", "king", "King", "texas"],
      ["counties", "cameron", "Cameron", "texas"],
    ],
    settings: [
      ["form_id", "allow_choice_duplicates"],
      ["cascading", allow],
    ],
  });

  it("imports when the settings allow it, each entry offered under its own filter", async () => {
    expect(await problemsOf(survey("no"))).toEqual(["choices row 6: name king is in list counties twice"]);
    const form = await engineForm(survey("yes"));
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.text("1");
    expect(harness.last.view.kind === "question" ? harness.last.view.options.map((option) => option.text) : []).toEqual([
      "King",
      "Cameron",
    ]);
    harness.text("1");
    expect(harness.state.answers.get("county.county")?.value).toBe("king");
  });
});

describe("required_message and acknowledge", () => {
  const survey = {
    survey: [
      [
        "type",
        "name",
        "label::Tiếng Việt (vi)",
        "label::English (en)",
        "required",
        "required_message::Tiếng Việt (vi)",
        "required_message::English (en)",
      ],
      ["acknowledge", "read_rules", "Đồng chí đã đọc hướng dẫn kê khai?", "Have you read the guidance?", "yes"],
      ["integer", "staff", "Số cán bộ", "Staff", "yes", "Cần số cán bộ để tính chỉ tiêu", "Staff are needed for the targets"],
      ["text", "note_it", "Ghi chú", "Note", "no"],
    ],
  };

  it("confirms with one button, Đã rõ, on Telegram and by its number on Zalo, stored as OK", async () => {
    const form = await engineForm(survey);
    const { telegram, zalo, english } = screens(form);
    const harness = new FormHarness(form, "province");
    harness.open();
    const labels = (renderer: FormRenderer) =>
      renderer
        .render(harness.last.view, harness.cursor.seq, "Hà Nội")
        .buttons?.flat()
        .map((button) => button.label) ?? [];
    expect(labels(telegram.vi)[0]).toBe("form-button-acknowledge");
    expect(labels(zalo.vi)).toContain("form-button-acknowledge");
    expect(english.render(harness.last.view, harness.cursor.seq, "Hà Nội").text).toContain("Have you read the guidance?");
    harness.text("chưa");
    expect(harness.last.notice?.key).toBe("invalid-acknowledge");
    harness.press("ans:OK");
    expect(harness.state.answers.get("read_rules.read_rules")?.value).toBe("OK");
    expect(harness.question?.path).toBe("staff.staff");
    const typed = new FormHarness(form, "province");
    typed.open();
    typed.text("Đã rõ");
    expect(typed.state.answers.get("read_rules.read_rules")?.value).toBe("OK");
  });

  it("says the form's own reason when a required question is skipped or left for later, in the officer's language", async () => {
    const form = await engineForm(survey);
    const { telegram, english } = screens(form);
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.press("ans:OK");
    harness.press("skip");
    expect(harness.last.notice?.key).toBe("form-cannot-skip");
    expect(telegram.vi.notice(harness.last.notice!, harness.last.view)).toBe("Cần số cán bộ để tính chỉ tiêu");
    expect(english.notice(harness.last.notice!, harness.last.view)).toBe("Staff are needed for the targets");
    harness.press("later");
    expect(harness.question?.path).toBe("note_it.note_it");
    expect(telegram.vi.notice(harness.last.notice!, harness.last.view)).toBe("Cần số cán bộ để tính chỉ tiêu");
    // An optional question is skipped without a word.
    harness.press("skip");
    expect(harness.last.notice).toBeUndefined();
  });
});

describe("the functions calculations use most", () => {
  const answers: Record<string, string | number> = { men: 7, women: 5, unit: "xa", empty: "" };
  const scope = { answer: (name: string) => answers[name] };

  it("if(), concat(), round() and coalesce(), as ODK works them out", () => {
    expect(calculationOf("if(${men} > ${women}, 'nam', 'nữ')")(scope)).toBe("nam");
    expect(calculationOf("concat(${unit}, '-', ${men} + ${women})")(scope)).toBe("xa-12");
    expect(calculationOf("round(${women} div ${men}, 2)")(scope)).toBe(0.71);
    expect(calculationOf("round(2.5)")(scope)).toBe(3);
    expect(calculationOf("coalesce(${empty}, ${unit})")(scope)).toBe("xa");
    expect(() => parseExpression("if(1, 2)")).toThrow(ExpressionError);
    expect(() => parseExpression("round(1, 2, 3)")).toThrow(ExpressionError);
  });
});

describe("a form with these written back as a workbook", () => {
  it("reads back as the same form: calculate, choice_filter and its columns, or_other, acknowledge, required_message, repeat_count", async () => {
    const form = await engineForm({
      survey: [
        ["type", "name", "label", "required", "required_message", "calculation", "choice_filter", "repeat_count"],
        ["select_one provinces", "tinh", "Tỉnh", "yes"],
        ["select_one districts", "huyen", "Huyện của ${tinh}", "yes", "Cần huyện", "", "province = ${tinh}"],
        ["integer", "nam", "Số nam", "yes"],
        ["calculate", "gap_doi", "", "", "", "${nam} * 2"],
        ["acknowledge", "da_doc", "Đã rõ ${gap_doi}?", "yes"],
        ["select_one kenh or_other", "kenh", "Kênh", "yes"],
        ["begin_repeat", "diem", "Điểm", "", "", "", "", "${nam} + 1"],
        ["text", "ten", "Tên", "yes"],
        ["end_repeat"],
      ],
      choices: [
        ["list_name", "name", "label", "province"],
        ["provinces", "hn", "Hà Nội"],
        ["provinces", "hp", "Hải Phòng"],
        ["districts", "ba_dinh", "Ba Đình", "hn"],
        ["districts", "le_chan", "Lê Chân", "hp"],
        ["districts", "le_chan", "Lê Chân", "hn"],
        ["kenh", "online", "Trực tuyến"],
        ["kenh", "counter", "Tại quầy"],
      ],
      settings: [
        ["form_id", "version", "allow_choice_duplicates"],
        ["vong-lai", "3", "yes"],
      ],
    });
    const again = await readXlsForm(await writeXlsForm(form, () => undefined), "vong-lai.xlsx");
    if (!again.ok) throw new Error(again.problems.map(inEnglish).join("\n"));
    const back = toEngineForm(again.form);
    expect(back.parts.flatMap((part) => part.nodes)).toEqual(form.parts.flatMap((part) => part.nodes));
    expect(back.names).toEqual(form.names);
    for (const [list, options] of Object.entries(back.optionSets)) expect(options).toEqual(form.optionSets[list]);
    expect(Object.keys(back.optionSets).sort()).toEqual(["districts", "kenh_other", "provinces"]);
  });
});

describe("repeat_count: a list of as many entries as an earlier answer says", () => {
  const survey = {
    survey: [
      ["type", "name", "label::Tiếng Việt (vi)", "required", "repeat_count"],
      ["integer", "points", "Số điểm phục vụ", "yes"],
      ["begin_repeat", "point", "Điểm phục vụ", "", "${points}"],
      ["text", "point_name", "Tên điểm", "yes"],
      ["integer", "desks", "Số quầy", "yes"],
      ["end_repeat"],
    ],
  };

  it("asks for that many entries, no fewer and no more, on Telegram and Zalo", async () => {
    const form = await engineForm(survey);
    const { telegram, zalo } = screens(form);
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.text("2");
    expect(harness.last.view.kind).toBe("list");
    for (const renderer of [telegram.vi, zalo.vi]) {
      const shown = renderer.render(harness.last.view, harness.cursor.seq, "Hà Nội");
      expect(shown.text).toContain("form-list-wanted");
      expect(shown.buttons?.flat().map((button) => button.label)).not.toContain("form-button-none");
    }
    harness.text("Một cửa");
    harness.text("3");
    harness.press("done");
    expect(harness.last.notice).toEqual({ key: "form-list-wanted", params: { count: 2, have: 1 }, refusal: true });
    harness.text("Bưu điện xã");
    harness.text("1");
    expect(harness.last.view.kind === "list" ? harness.last.view.actions.map((action) => action.id) : []).not.toContain("add");
    harness.text("Điểm thứ ba");
    expect(harness.last.notice).toEqual({ key: "form-list-full", params: { max: 2 } });
    harness.press("done");
    expect(harness.screen).toBe("review");
    expect(harness.state.entries.get("point")?.length).toBe(2);
  });

  it("refuses a repeat_count that reads the repeat's own questions, and one on a group", async () => {
    const wrong = structuredClone(survey);
    wrong.survey[2]![4] = "${desks}";
    wrong.survey.push(["begin_group", "g", "Nhóm", "", "2"], ["text", "t", "T"], ["end_group"]);
    expect(await problemsOf(wrong)).toEqual([
      "survey row 3: repeat_count refers to ${desks}, which comes later",
      "survey row 7: repeat_count is for repeats",
    ]);
  });
});
