import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";

import { describe, expect, it } from "vitest";
import type { Viewer } from "../../src/console/env.js";
import { historyLines, reportOf } from "../../src/console/report-view.js";
import type { Deps } from "../../src/deps.js";
import { FormRenderer } from "../../src/dialogue/form-screens.js";
import type { Round } from "../../src/domain/rounds.js";
import { type Form, loadForm } from "../../src/form/schema.js";
import { translatorFor } from "../../src/i18n.js";
import { writeFormWorkbook } from "../../src/reports/form-workbook.js";
import { writeWorkbook } from "../../src/reports/workbook.js";
import { zaloText } from "../../src/zalo/channel.js";
import { answerer, FormHarness } from "../support/form-harness.js";
import { engineForm, problemsOf } from "../support/xlsform-workbook.js";

/**
 * `${name}` inside a choice's label (issue 25), as ODK and KoBo fill it: on the question's buttons
 * and numbered lines, in the answer kept, the review, `jr:choice-name()`, the export and the console.
 */

const survey = {
  survey: [
    ["type", "name", "label::Tiếng Việt (vi)", "label::English (en)", "required"],
    ["text", "ten", "Người phụ trách", "Person in charge", "no"],
    ["select_one dong_y", "dong_y", "Ý kiến", "Opinion", "yes"],
    ["note", "da_chon", "Đã chọn: jr:choice-name(${dong_y}, '${dong_y}')", "Chosen: ${dong_y}"],
    ["integer", "so", "Số cán bộ", "Staff", "yes"],
    ["begin_repeat", "diem", "Điểm phục vụ", "Service points"],
    ["text", "ten_diem", "Tên điểm", "Name", "yes"],
    ["select_one mo", "mo", "Hoạt động?", "Open?", "yes"],
    ["end_repeat"],
  ],
  choices: [
    ["list_name", "name", "label::Tiếng Việt (vi)", "label::English (en)"],
    ["dong_y", "co", "Có, ${ten} đồng ý", "Yes, ${ten} agrees"],
    ["dong_y", "khong", "Không", "No"],
    ["mo", "mo_cua", "${ten_diem} mở cửa", "${ten_diem} is open"],
    ["mo", "dong_cua", "${ten_diem} đóng cửa", "${ten_diem} is closed"],
  ],
  settings: [
    ["form_id", "version", "form_title"],
    ["y-kien", "2026120301", "Ý kiến cán bộ"],
  ],
};

const renderers = (form: Form) => ({
  telegram: new FormRenderer("vi", translatorFor("vi"), "Asia/Ho_Chi_Minh", "keyboard", form),
  zalo: new FormRenderer("vi", translatorFor("vi"), "Asia/Ho_Chi_Minh", "numbered", form),
  english: new FormRenderer("en", translatorFor("en"), "Asia/Ho_Chi_Minh", "keyboard", form),
});

const screen = (renderer: FormRenderer, harness: FormHarness) => renderer.render(harness.last.view, harness.cursor.seq, "Hà Nội");
const buttonWords = (renderer: FormRenderer, harness: FormHarness) => (screen(renderer, harness).buttons ?? []).flat().map((b) => b.label);

/** The person in charge named `name`, on the question whose choices show it. */
async function atOpinion(name: string): Promise<{ form: Form; harness: FormHarness }> {
  const form = await engineForm(survey, "y-kien.xlsx");
  const harness = new FormHarness(form, "province");
  harness.open();
  harness.text(name);
  expect(harness.question?.path).toBe("dong_y.dong_y");
  return { form, harness };
}

describe("${name} inside a choice's label", () => {
  it("imports; a reference the label of its question could not make is refused with the select's row", async () => {
    expect(await problemsOf(survey, "y-kien.xlsx")).toEqual([]);
    const unknown = structuredClone(survey);
    unknown.choices[2]![2] = "Không, ${nobody}";
    expect(await problemsOf(unknown, "y-kien.xlsx")).toEqual(["survey row 3: type refers to ${nobody}, which is not in the survey"]);
    const later = structuredClone(survey);
    later.choices[2]![2] = "Không, ${so} người";
    expect(await problemsOf(later, "y-kien.xlsx")).toEqual(["survey row 3: type refers to ${so}, which comes later"]);
    // A repeat's own entry only: outside it, no entry is "its".
    const outside = structuredClone(survey);
    outside.survey.push(["select_one mo", "sau_cung", "Sau cùng", "Last", "no"]);
    expect(await problemsOf(outside, "y-kien.xlsx")).toEqual([
      "survey row 10: type refers to ${ten_diem}, which is inside the repeat diem",
    ]);
  });

  it("is filled on Telegram's buttons as typed, and escaped once on Zalo's numbered lines; the value stays the choice's name", async () => {
    const { form, harness } = await atOpinion("Tân <b>Lập</b>");
    const { telegram, zalo, english } = renderers(form);
    // A button is plain text: the answer shows as typed, tags and all.
    expect(buttonWords(telegram, harness)).toEqual(expect.arrayContaining(["Có, Tân <b>Lập</b> đồng ý", "Không"]));
    expect(buttonWords(english, harness)).toEqual(expect.arrayContaining(["Yes, Tân <b>Lập</b> agrees", "No"]));
    // A numbered line is HTML: escaped once, and read back literally as Zalo shows it.
    const onZalo = screen(zalo, harness);
    expect(onZalo.buttons?.flat().map((b) => b.label)).toContain("Có, Tân &lt;b&gt;Lập&lt;/b&gt; đồng ý");
    expect(zaloText(onZalo)).toContain("1. Có, Tân <b>Lập</b> đồng ý");
    expect(zaloText(onZalo)).not.toContain("${ten}");
    // Its words as read, typed rather than pressed, are that choice.
    harness.text("Có, Tân <b>Lập</b> đồng ý");
    expect(harness.state.answers.get("dong_y.dong_y")?.value).toBe("co");
  });

  it("is listed in the text, escaped once, where it is too long for a button", async () => {
    const { form, harness } = await atOpinion("Nguyễn Thị <i>Minh</i> Khai & cộng sự");
    const { telegram } = renderers(form);
    const shown = screen(telegram, harness);
    expect(shown.text).toContain("1. Có, Nguyễn Thị &lt;i&gt;Minh&lt;/i&gt; Khai &amp; cộng sự đồng ý");
    expect(shown.text).not.toContain("&amp;lt;");
    expect(shown.buttons?.flat().map((b) => b.label)).toEqual(expect.arrayContaining(["1", "2"]));
  });

  it("is empty where the answer it reads is not given", async () => {
    const form = await engineForm(survey, "y-kien.xlsx");
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.press("skip");
    expect(harness.question?.path).toBe("dong_y.dong_y");
    expect(buttonWords(renderers(form).telegram, harness)).toContain("Có,  đồng ý");
  });

  it("is filled in the answer kept, the answer shown again, jr:choice-name() and ${q} elsewhere", async () => {
    const { form, harness } = await atOpinion("Tân <b>Lập</b>");
    const { telegram, english } = renderers(form);
    harness.press("opt:1");
    const accepted = harness.last.accepted;
    expect(accepted?.display).toBe("Có, Tân <b>Lập</b> đồng ý");
    expect(telegram.accepted(accepted!.slot, accepted!.display)).toBe("Ý kiến\n✓ <b>Có, Tân &lt;b&gt;Lập&lt;/b&gt; đồng ý</b>");
    expect(telegram.acceptedLine("Có, Tân <b>Lập</b> đồng ý")).toBe("✓ <b>Có, Tân &lt;b&gt;Lập&lt;/b&gt; đồng ý</b>");
    // The note after it shows the choice by its label, and that label's own answer.
    expect(screen(telegram, harness).text).toContain("Đã chọn: Có, Tân &lt;b&gt;Lập&lt;/b&gt; đồng ý");
    expect(screen(english, harness).text).toContain("Chosen: Yes, Tân &lt;b&gt;Lập&lt;/b&gt; agrees");
    harness.press("back");
    expect(screen(telegram, harness).text).toContain("Có, Tân &lt;b&gt;Lập&lt;/b&gt; đồng ý");
    expect(screen(telegram, harness).text).not.toContain("${ten}");
  });

  it("reads a repeat's own entry, in the entry's screens and the review", async () => {
    const { form, harness } = await atOpinion("Lan");
    const { telegram, zalo } = renderers(form);
    harness.press("opt:1");
    harness.text("12");
    expect(harness.screen).toBe("list");
    harness.text("Điểm <A>");
    expect(buttonWords(telegram, harness)).toEqual(expect.arrayContaining(["Điểm <A> mở cửa", "Điểm <A> đóng cửa"]));
    expect(zaloText(screen(zalo, harness))).toContain("1. Điểm <A> mở cửa");
    harness.press("opt:2");
    harness.text("Bưu cục B");
    expect(buttonWords(telegram, harness)).toEqual(expect.arrayContaining(["Bưu cục B mở cửa", "Bưu cục B đóng cửa"]));
    harness.press("opt:1");
    harness.press("done");
    expect(harness.screen).toBe("review");
    const part = form.parts.find((candidate) => candidate.nodes.some((node) => node.id === "dong_y"));
    harness.press(`part:${part!.id}`);
    expect(screen(telegram, harness).text).toContain("Ý kiến: Có, Lan đồng ý");
    const diem = form.parts.find((candidate) => candidate.nodes.some((node) => node.id === "diem"));
    harness.press("review");
    harness.press(`part:${diem!.id}`);
    const list = screen(telegram, harness).text;
    expect(list).toContain("Điểm &lt;A&gt;: Điểm &lt;A&gt; đóng cửa");
    expect(list).toContain("Bưu cục B: Bưu cục B mở cửa");
    expect(list).not.toContain("${ten_diem}");
  });
});

describe("${name} inside a choice's label, for the secretariat", () => {
  async function submitted(): Promise<{ form: Form; harness: FormHarness }> {
    const { form, harness } = await atOpinion("Tân <b>Lập</b>");
    harness.press("opt:1");
    harness.text("12");
    harness.text("Điểm <A>");
    harness.press("opt:1");
    harness.press("done");
    expect(harness.screen).toBe("review");
    return { form, harness };
  }

  it("is in the export as the officer read it, written as it is", async () => {
    const { form, harness } = await submitted();
    const out = join(mkdtempSync(join(tmpdir(), "choice-labels-")), "export.xlsx");
    await writeFormWorkbook(
      {
        round: { id: "r" } as Round,
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
    const values = (name: string) =>
      (workbook.getWorksheet(name)?.getSheetValues() ?? []).flatMap((row) => (Array.isArray(row) ? row.map(String) : []));
    expect(values("Tổng hợp")).toContain("Có, Tân <b>Lập</b> đồng ý");
    expect(values("Điểm phục vụ")).toContain("Điểm <A> mở cửa");
    expect(values("Hà Nội")).toContain("Có, Tân <b>Lập</b> đồng ý");
    expect(values("Hà Nội")).toContain("Điểm <A> mở cửa");
    expect(workbook.worksheets.flatMap((sheet) => values(sheet.name)).join("\n")).not.toContain("${");
  });

  it("is in a workbook laid out as the appendix (flows/layouts/), read in each row and system", async () => {
    // Form 488 with a choice that names the body answering beside it, in each row and each system.
    const form = structuredClone(loadForm());
    form.optionSets.investment![0]!.text = "Chưa lập, theo ${body}";
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.fill(answerer({ body: "Sở <TT>", compliance: "3", investment: "1" }), (list) => (list === "r1" ? ["Hệ thống một cửa"] : []));
    const out = join(mkdtempSync(join(tmpdir(), "choice-labels-488-")), "export.xlsx");
    await writeWorkbook(
      {
        round: { id: "r", name: "Đợt thử" } as Round,
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
    const cells = workbook.worksheets.flatMap((sheet) =>
      (sheet.getSheetValues() ?? []).flatMap((row) => (Array.isArray(row) ? row.map(String) : [])),
    );
    expect(cells).toContain("Chưa lập, theo Sở <TT>");
    expect(cells.join("\n")).not.toContain("${body}");
  });

  it("is in the console's report, in the viewer's language, left for the page to escape", async () => {
    const { form, harness } = await submitted();
    const deps = {
      members: { get: async () => undefined },
      consultants: { get: () => undefined },
      reports: { attribution: async () => ({ kind: "unknown" }) },
    } as unknown as Deps;
    const viewer = (language: "vi" | "en") => ({ language, t: translatorFor(language) }) as unknown as Viewer;
    const agency = { id: "ha-noi", name: "Hà Nội", kind: "province" } as never;
    const values = async (language: "vi" | "en") =>
      (await reportOf(deps, viewer(language), form, { opensAt: 0 } as Round, agency, harness.state)).parts.flatMap((part) =>
        part.blocks.flatMap((block) => block.lines.map((line) => line.value)),
      );
    expect(await values("vi")).toEqual(expect.arrayContaining(["Có, Tân <b>Lập</b> đồng ý", "Điểm <A> mở cửa"]));
    expect(await values("en")).toEqual(expect.arrayContaining(["Yes, Tân <b>Lập</b> agrees", "Điểm <A> is open"]));
    // The history of changes words a choice the same way, read in the entry the change was made in.
    const entry = harness.state.entries.get("diem")?.[0];
    const history = historyLines(
      viewer("vi"),
      form,
      harness.state,
      [
        { path: "dong_y.dong_y", old: "khong", new: "co", by: "1", at: 0 },
        { path: `diem#${entry}.mo`, old: undefined, new: "mo_cua", by: "1", at: 0 },
      ] as never,
      (id) => id,
      "province",
    );
    expect(history.map((line) => line.new)).toEqual(["Có, Tân <b>Lập</b> đồng ý", "Điểm <A> mở cửa"]);
  });
});
