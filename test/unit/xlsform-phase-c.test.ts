import { describe, expect, it } from "vitest";
import { FormRenderer } from "../../src/dialogue/form-screens.js";
import type { Form } from "../../src/form/schema.js";
import { conditionOf } from "../../src/form/xlsform/expression.js";
import { translatorFor } from "../../src/i18n.js";
import { FormHarness } from "../support/form-harness.js";
import { engineForm, problemsOf } from "../support/xlsform-workbook.js";

/** XLSForm in labels and answers (issue 25, phase C): each construct from a workbook written here, answered in chat. */

const renderers = (form: Form) => ({
  telegram: new FormRenderer("vi", (key) => key, "Asia/Ho_Chi_Minh", "keyboard", form),
  zalo: new FormRenderer("vi", (key) => key, "Asia/Ho_Chi_Minh", "numbered", form),
  english: new FormRenderer("en", (key) => key, "Asia/Ho_Chi_Minh", "keyboard", form),
});

const shown = (renderer: FormRenderer, harness: FormHarness) => renderer.render(harness.last.view, harness.cursor.seq, "Hà Nội").text;

describe("jr:choice-name(${q}, '${q}'): the label of the choice, not its name", () => {
  const survey = {
    survey: [
      [
        "type",
        "name",
        "label::Tiếng Việt (vi)",
        "label::English (en)",
        "hint::Tiếng Việt (vi)",
        "required",
        "constraint",
        "constraint_message",
      ],
      ["select_one provinces", "province", "Tỉnh", "Province", "", "yes"],
      ["select_multiple channels", "channels", "Kênh", "Channels", "", "yes"],
      ["note", "noted", "Đã chọn: jr:choice-name(${province}, '${province}')", "Chosen: jr:choice-name(${province}, '${province}')"],
      [
        "integer",
        "staff",
        "Số cán bộ tại jr:choice-name(${province}, “${province}”)",
        "Staff in jr:choice-name(${province}, '${province}')",
        "Kênh: jr:choice-name(${channels}, '${channels}')",
        "yes",
        ". <= 100",
        "jr:choice-name(${province}, '${province}') có tối đa 100",
      ],
    ],
    choices: [
      ["list_name", "name", "label::Tiếng Việt (vi)", "label::English (en)"],
      ["provinces", "brvt", "Bà Rịa & Vũng Tàu", "Ba Ria & Vung Tau"],
      ["provinces", "hn", "Hà Nội", "Hanoi"],
      ["channels", "online", "Trực tuyến", "Online"],
      ["channels", "counter", "Tại quầy", "At the counter"],
    ],
  };

  it("shows the chosen label in label, hint, note and constraint message, in the officer's language, escaped, on Telegram and Zalo", async () => {
    const form = await engineForm(survey);
    const harness = new FormHarness(form, "province");
    const { telegram, zalo, english } = renderers(form);
    harness.open();
    harness.text("1");
    harness.text("1 2");
    for (const renderer of [telegram, zalo]) {
      const text = shown(renderer, harness);
      expect(text).toContain("Đã chọn: Bà Rịa &amp; Vũng Tàu");
      expect(text).toContain("<b>Số cán bộ tại Bà Rịa &amp; Vũng Tàu</b>");
      // Of a select_multiple, the labels of every choice chosen.
      expect(text).toContain("<i>Kênh: Trực tuyến; Tại quầy</i>");
      expect(text).not.toContain("jr:choice-name");
      expect(text).not.toContain("brvt");
    }
    const inEnglishScreen = shown(english, harness);
    expect(inEnglishScreen).toContain("Chosen: Ba Ria &amp; Vung Tau");
    expect(inEnglishScreen).toContain("Staff in Ba Ria &amp; Vung Tau");
    harness.text("500");
    expect(harness.last.notice?.key).toBe("invalid-constraint");
    // The form's own reason, said as HTML like every message: its answers escaped too.
    expect(telegram.notice(harness.last.notice!, harness.last.view)).toBe("Bà Rịa &amp; Vũng Tàu có tối đa 100");
  });

  it("refuses it in any other form, elsewhere than in a text, and over a question that is not a select", async () => {
    const other = structuredClone(survey);
    other.survey[3]![2] = "Đã chọn: jr:choice-name(selected-at(${channels}, 0), '${channels}')";
    expect(await problemsOf(other)).toEqual([
      "survey row 4: jr:choice-name() is supported by the chat forms only as jr:choice-name(${q}, '${q}') in a label, hint or constraint message",
    ]);
    const inRelevant = structuredClone(survey);
    inRelevant.survey[0]!.push("relevant");
    inRelevant.survey[4]!.push("jr:choice-name(${province}, '${province}') = 'Hà Nội'");
    expect((await problemsOf(inRelevant))[0]).toBe(
      "survey row 5: jr:choice-name() is supported by the chat forms only as jr:choice-name(${q}, '${q}') in a label, hint or constraint message",
    );
    const notSelect = structuredClone(survey);
    notSelect.survey.push(["text", "who", "Người nhập jr:choice-name(${staff}, '${staff}')", "Who", "", "no"]);
    expect(await problemsOf(notSelect)).toEqual([
      "survey row 6: label shows the label of the choice chosen in ${staff} with jr:choice-name(), but ${staff} is no select_one or select_multiple",
    ]);
  });
});

describe("choice_filter: a choice the new filter no longer offers is cleared, as ODK clears it", () => {
  const survey = {
    survey: [
      ["type", "name", "label::Tiếng Việt (vi)", "required", "choice_filter"],
      ["select_one provinces", "province", "Tỉnh", "yes"],
      ["select_one districts", "district", "Huyện", "yes", "province = ${province}"],
      ["select_multiple districts", "others", "Huyện lân cận", "yes", "province = ${province} and name != ${district}"],
      ["text", "remark", "Ghi chú", "no"],
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

  /** Hà Nội, Đống Đa, its neighbours Ba Đình and Cầu Giấy, no remark: the review. */
  async function answered(): Promise<FormHarness> {
    const harness = new FormHarness(await engineForm(survey), "province");
    harness.open();
    harness.text("1");
    harness.text("2");
    harness.text("1 2");
    harness.press("skip");
    expect(harness.screen).toBe("review");
    expect(harness.state.answers.get("others.others")?.value).toBe("ba_dinh cau_giay");
    return harness;
  }

  it("clears the district of the province no longer chosen, in the same step, into the history; it is asked again, and submit waits for it", async () => {
    const harness = await answered();
    harness.press("edit:province.province");
    harness.text("2");
    // Asked at once, though the change was made from the review; then back there.
    expect(harness.question?.path).toBe("district.district");
    expect(harness.state.answers.has("district.district")).toBe(false);
    expect(harness.state.answers.has("others.others")).toBe(false);
    // The remark read no province: it stays.
    expect(harness.state.answers.get("remark.remark")?.value).toBeNull();
    expect(harness.last.writes.removedAnswers).toEqual(expect.arrayContaining(["district.district", "others.others"]));
    expect(harness.last.writes.history).toEqual(
      expect.arrayContaining([
        { path: "province.province", old: "hn", new: "hp" },
        { path: "district.district", old: "dong_da", new: undefined },
        { path: "others.others", old: "ba_dinh cau_giay", new: undefined },
      ]),
    );
    harness.press("review");
    harness.press("submit");
    expect(harness.last.notice?.key).toBe("form-incomplete");
    expect(harness.question?.path).toBe("district.district");
    harness.text("1");
    expect(harness.state.answers.get("district.district")?.value).toBe("le_chan");
    expect(harness.question?.path).toBe("others.others");
  });

  it("keeps what the new filter still offers: the same province again, and the neighbours but the new district", async () => {
    const harness = await answered();
    harness.press("edit:province.province");
    harness.text("1");
    expect(harness.state.answers.get("district.district")?.value).toBe("dong_da");
    // The same answer again changes nothing.
    expect(harness.last.writes.history).toEqual([]);
    // Cầu Giấy becomes the district: a neighbour no longer, Ba Đình stays.
    harness.press("edit:district.district");
    harness.text("3");
    expect(harness.state.answers.get("district.district")?.value).toBe("cau_giay");
    expect(harness.state.answers.get("others.others")?.value).toBe("ba_dinh");
    expect(harness.last.writes.history).toContainEqual({ path: "others.others", old: "ba_dinh cau_giay", new: "ba_dinh" });
    harness.press("submit");
    expect(harness.screen).toBe("submitted");
  });
});

describe("${name} in the closing notes: the answers, on the receipt", () => {
  const survey = {
    survey: [
      ["type", "name", "label::Tiếng Việt (vi)", "label::English (en)", "required", "calculation"],
      ["text", "commune", "Tên xã", "Commune", "yes"],
      ["select_one yes_no", "open", "Có bộ phận một cửa?", "A one-stop desk?", "yes"],
      ["calculate", "staff", "", "", "", "2 + 3"],
      ["note", "thanks", "Cảm ơn ${commune}.", "Thank you, ${commune}."],
      ["note", "desk", "Một cửa: jr:choice-name(${open}, '${open}'), ${staff} người", "One-stop desk: ${open}, ${staff} people"],
    ],
    choices: [
      ["list_name", "name", "label::Tiếng Việt (vi)", "label::English (en)"],
      ["yes_no", "yes", "Có", "Yes"],
      ["yes_no", "no", "Không", "No"],
    ],
  };

  it("fills them in, in the officer's language, escaped, on Telegram and Zalo", async () => {
    const form = await engineForm(survey);
    expect(form.closing).toContain("${commune}");
    const harness = new FormHarness(form, "province");
    const { telegram, zalo, english } = renderers(form);
    harness.open();
    harness.text("Tân <Lập>");
    harness.text("1");
    harness.press("submit");
    expect(harness.screen).toBe("submitted");
    for (const renderer of [telegram, zalo]) expect(shown(renderer, harness)).toContain("Cảm ơn Tân &lt;Lập&gt;.\nMột cửa: Có, 5 người");
    expect(shown(english, harness)).toContain("Thank you, Tân &lt;Lập&gt;.\nOne-stop desk: Yes, 5 people");
  });
});

describe("regex(., 'pattern') in a constraint", () => {
  const survey = (constraint: string) => ({
    survey: [
      ["type", "name", "label", "required", "constraint", "constraint_message"],
      ["text", "code", "Mã hồ sơ", "yes", constraint, "Mã gồm 3 chữ in hoa, gạch dưới, 4 chữ số"],
      ["text", "person", "Người phụ trách", "yes", "regex(., '^[A-Za-zÀ-ỹ ]+$')"],
    ],
  });

  it("checks the answer anywhere in it, as ODK does (anchored by ^ and $), Vietnamese letters in a class", () => {
    const holds = (source: string, self: string) => conditionOf(source)({ answer: () => undefined, self });
    expect(holds("regex(., '^[A-Z]{3}_[0-9]{4}$')", "HNI_2026")).toBe(true);
    expect(holds("regex(., '^[A-Z]{3}_[0-9]{4}$')", "HNI_202")).toBe(false);
    expect(holds("regex(., '[0-9]{4}')", "năm 2026")).toBe(true);
    expect(holds("regex(., '^[A-Za-zÀ-ỹ ]+$')", "Nguyễn Thị Hà")).toBe(true);
    expect(holds("regex(., '^.$')", "Ạ")).toBe(true);
  });

  it("refuses an answer that does not match, with the form's own reason, on Telegram and Zalo", async () => {
    const form = await engineForm(survey("regex(., '^[A-Z]{3}_[0-9]{4}$')"));
    const harness = new FormHarness(form, "province");
    const { telegram, zalo } = renderers(form);
    harness.open();
    harness.text("hni-2026");
    expect(harness.question?.path).toBe("code.code");
    for (const renderer of [telegram, zalo])
      expect(renderer.notice(harness.last.notice!, harness.last.view)).toBe("Mã gồm 3 chữ in hoa, gạch dưới, 4 chữ số");
    harness.text("HNI_2026");
    expect(harness.state.answers.get("code.code")?.value).toBe("HNI_2026");
    harness.text("Nguyễn Văn 2");
    expect(harness.last.notice?.key).toBe("invalid-constraint");
    harness.text("Nguyễn Thị Hà");
    expect(harness.screen).toBe("review");
  });

  it("refuses at import, with its row: a pattern that does not compile, one that could take long, one too long, one not in quotes", async () => {
    const refused = async (constraint: string) => (await problemsOf(survey(constraint)))[0];
    expect(await refused("regex(., '[A-Z')")).toBe(
      `survey row 2: constraint the regex() pattern "[A-Z" is not a regular expression the chat can read (at character 1 of "regex(., '[A-Z')")`,
    );
    // ODK's own example: Java's possessive quantifiers are no JavaScript.
    expect(await refused("regex(.,'^[A-Z]{3}+_+[0-9]{4}$')")).toContain("is not a regular expression the chat can read");
    for (const slow of [
      "regex(., '^(a)\\1$')",
      "regex(., '^(?=a)a$')",
      "regex(., '(?<!b)a')",
      "regex(., 'a{1,1000}')",
      "regex(., '(a+){1,30}b')",
      "regex(., '(a|a){1,40}b')",
    ])
      expect(await refused(slow), slow).toContain("cannot be checked quickly on every answer");
    expect(await refused("regex(., '^\\p{L}+$')")).toContain("uses \\p{…} or \\u{…}");
    expect(await refused(`regex(., '${"a".repeat(201)}')`)).toContain("may be 200 characters long at most");
    expect(await refused("regex(., ${code})")).toContain("regex() takes its pattern written in quotes");
    // Repeated groups, even nested, are run in linear time: they import.
    for (const fine of [
      "regex(., '^(ab)+$')",
      "regex(., '^[a-z(|)]+$')",
      "regex(., '^(\\d{3}) ?\\d+$')",
      "regex(., '^(a+)+$')",
      "regex(., '(a|a){1,10}b')",
    ])
      expect(await refused(fine), fine).toBeUndefined();
  });

  it("checks an answer against a pattern that would backtrack for ever in time linear to the answer", () => {
    // Each of these takes a backtracking engine seconds to minutes on these answers (measured with the `u` engine: 7 s to 41 s on a few dozen to a thousand characters).
    const cases: [string, string][] = [
      ["(a+){1,5}b", "a".repeat(100_000)],
      ["(a|a){1,10}b", "a".repeat(100_000)],
      ["\\d*\\d*\\d*\\d*x", "1".repeat(4000)],
      [".*.*.*=", "x".repeat(100_000)],
      ["^(a+)+$", `${"a".repeat(100_000)}!`],
    ];
    for (const [pattern, answer] of cases)
      expect(conditionOf(`regex(., '${pattern}')`)({ answer: () => undefined, self: answer }), pattern).toBe(false);
  });
});

describe("an answer whose question no longer applies", () => {
  it("goes when it was skipped too, in the same step, into the history", async () => {
    const form = await engineForm({
      survey: [
        ["type", "name", "label", "required", "relevant"],
        ["select_one yes_no", "has", "Có hệ thống?", "yes"],
        ["text", "why", "Vì sao?", "no", "${has} = 'yes'"],
        ["text", "note", "Ghi chú", "yes"],
      ],
      choices: [
        ["list_name", "name", "label"],
        ["yes_no", "yes", "Có"],
        ["yes_no", "no", "Không"],
      ],
    });
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.text("1");
    harness.press("skip");
    expect(harness.state.answers.get("why.why")?.value).toBeNull();
    harness.text("Ghi chú");
    harness.press("edit:has.has");
    harness.text("2");
    expect(harness.state.answers.has("why.why")).toBe(false);
    expect(harness.last.writes.history).toEqual(expect.arrayContaining([{ path: "why.why", old: null, new: undefined }]));
  });
});

describe("a constraint's own words refused on a list's screen (an entry's name)", () => {
  it("are escaped, as on a question's screen: Telegram would refuse the message otherwise", () => {
    const renderer = new FormRenderer("vi", translatorFor("vi"), "Asia/Ho_Chi_Minh", "keyboard");
    const said = renderer.notice({ key: "invalid-constraint", params: { reason: "Tên <5 ký tự & ngắn" }, refusal: true });
    expect(said).toBe("Tên &lt;5 ký tự &amp; ngắn");
  });
});
