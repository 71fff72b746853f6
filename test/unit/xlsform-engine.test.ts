import { beforeAll, describe, expect, it } from "vitest";
import { FormRenderer } from "../../src/dialogue/form-screens.js";
import { complianceOf } from "../../src/form/compliance.js";
import type { Form } from "../../src/form/schema.js";
import { entriesOf, entryName } from "../../src/form/slots.js";
import { FormTexts } from "../../src/form/texts.js";
import { readXlsForm } from "../../src/form/xlsform/read.js";
import { toEngineForm } from "../../src/form/xlsform/to-form.js";
import { FormHarness } from "../support/form-harness.js";
import { communeSurvey, inEnglish, xlsformWorkbook } from "../support/xlsform-workbook.js";

/** A questionnaire from an XLSForm workbook, run by the same engine as form 488. */
describe("a form from XLSForm in the engine", () => {
  let form: Form;

  beforeAll(async () => {
    const read = await readXlsForm(await xlsformWorkbook(communeSurvey()));
    if (!read.ok) throw new Error(read.problems.map(inEnglish).join("\n"));
    form = toEngineForm(read.form);
  });

  it("becomes parts of rows and a list, with the groups' names and the English labels", () => {
    expect(form.parts.map((part) => `${part.id}: ${part.nodes.map((node) => `${node.kind}:${node.id}`).join(", ")}`)).toEqual([
      "unit: row:commune, row:staff",
      "services: row:channels, row:online_share, row:since",
      "phan_3: repeat:points",
    ]);
    expect(form.closing).toBe("Cảm ơn đồng chí");
    const texts = new FormTexts("en", (key) => key, form.translations);
    const staff = form.parts[0]!.nodes[1]!;
    expect(texts.question(staff, staff.questions[0]!)).toBe("Staff");
    expect(texts.part(form.parts[1]!)).toBe("Services");
    expect(texts.optionOf("channels", form.optionSets.channels![0]!)).toBe("Online");
  });

  it("says what met means from the compliance sheet and the choices' compliance column", () => {
    expect(form.compliance).toEqual({
      statuses: { yes_no: { yes: "met", no: "not_met" } },
      components: [{ id: "1", short: "Điểm phục vụ hoạt động", rows: [{ node: "points", atLeast: 1 }] }],
    });
    const harness = new FormHarness(form, "province");
    harness.open();
    for (const answer of ["Xã Tân Lập", "12", "2", "Bộ phận một cửa", "2"]) harness.text(answer);
    harness.press("done");
    expect(complianceOf(form, harness.state, "province").components).toEqual(["not_met"]);
  });

  it("speaks English to an officer who chose it: the constraint's own words, the closing notes", () => {
    const harness = new FormHarness(form, "province");
    const english = new FormRenderer("en", (key) => key, "Asia/Ho_Chi_Minh", "keyboard", form);
    harness.open();
    harness.text("Xã Tân Lập");
    harness.text("0");
    expect(english.notice(harness.last.notice!, harness.last.view)).toBe("From 1 to 500");
    const vietnamese = new FormRenderer("vi", (key) => key, "Asia/Ho_Chi_Minh", "keyboard", form);
    expect(vietnamese.notice(harness.last.notice!, harness.last.view)).toBe("Từ 1 đến 500");
    for (const answer of ["12", "2"]) harness.text(answer);
    harness.press("done");
    harness.press("submit");
    expect(english.render(harness.last.view, harness.cursor.seq, "Hà Nội").text).toContain("Thank you");
  });

  it("asks, checks constraints and types, and follows relevant", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    expect(harness.question?.path).toBe("commune.commune");
    harness.text("Xã Tân Lập");
    harness.text("0");
    expect(harness.last.notice).toEqual({ key: "invalid-constraint", params: { reason: "Từ 1 đến 500" }, refusal: true });
    harness.text("12");
    expect(harness.question?.question.type).toBe("multi");
    expect(harness.last.view.actions.some((action) => action.id.startsWith("opt:"))).toBe(false);
    harness.text("1, 9");
    expect(harness.last.notice?.key).toBe("invalid-multi");
    harness.text("3, 1");
    expect(harness.state.answers.get("channels.channels")?.value).toBe("online post");
    expect(harness.question?.path).toBe("online_share.online_share");
    harness.text("120");
    expect(harness.last.notice).toEqual({ key: "invalid-constraint", params: { reason: "Từ 0 đến 100" }, refusal: true });
    harness.text("45,5");
    expect(harness.state.answers.get("online_share.online_share")?.value).toBe(45.5);
    harness.text("31/02/2026");
    expect(harness.last.notice?.key).toBe("invalid-date");
    harness.text("15/3/2026");
    expect(harness.state.answers.get("since.since")?.value).toBe("2026-03-15");
    expect(harness.last.view.kind).toBe("list");
    harness.text("Bộ phận một cửa");
    expect(harness.question?.path).toMatch(/^points#[^.]+\.point_open$/);
    harness.text("1");
    harness.press("done");
    expect(harness.screen).toBe("review");
  });

  it("skips what relevant rules out, and asks it again when an answer changes", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.text("Xã Tân Lập");
    harness.text("12");
    harness.text("2");
    // Only the counter: no online share, and one channel is not two.
    expect(harness.last.view.kind).toBe("list");
    harness.press("done");
    expect(harness.screen).toBe("review");
    expect([...harness.state.answers.keys()]).toEqual(["commune.commune", "staff.staff", "channels.channels"]);
  });

  it("takes away the answers a correction no longer calls for, in the other rows that read it", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    for (const answer of ["Xã Tân Lập", "12", "1, 2", "55", "01/03/2024"]) harness.text(answer);
    expect(harness.state.answers.get("online_share.online_share")?.value).toBe(55);
    expect(harness.state.answers.get("since.since")?.value).toBe("2024-03-01");
    harness.press("done");
    harness.press("edit:channels.channels");
    harness.text("2");
    // Only the counter now: the online share and the date of two channels go, into the history.
    expect([...harness.state.answers.keys()]).toEqual(["commune.commune", "staff.staff", "channels.channels"]);
    expect(harness.last.writes.history.map((change) => `${change.path}: ${change.old} → ${change.new}`)).toEqual([
      "channels.channels: online counter → counter",
      "online_share.online_share: 55 → undefined",
      "since.since: 2024-03-01 → undefined",
    ]);
  });

  it("hides a list's entries while the list does not apply, and brings them back when it does", async () => {
    const sheets = communeSurvey();
    const survey = sheets.survey ?? [];
    const begin = survey.findIndex((row) => row[1] === "points");
    const end = survey.findIndex((row, index) => index > begin && row[0] === "end_repeat");
    // The service points are asked only of a commune with staff.
    sheets.survey = [
      ...survey.slice(0, begin),
      ["begin_group", "desk", "Bộ phận một cửa", "", "", "", "${staff} > 1"],
      ...survey.slice(begin, end + 1),
      ["end_group"],
      ...survey.slice(end + 1),
    ];
    const read = await readXlsForm(await xlsformWorkbook(sheets));
    if (!read.ok) throw new Error(read.problems.map(inEnglish).join("\n"));
    const withDesk = toEngineForm(read.form);
    const harness = new FormHarness(withDesk, "province");
    harness.open();
    for (const answer of ["Xã Tân Lập", "12", "2", "Điểm A", "1"]) harness.text(answer);
    const points = withDesk.parts.flatMap((part) => part.nodes).find((node) => node.id === "points")!;
    expect(entriesOf(withDesk, points, harness.state, "province")).toHaveLength(1);
    harness.press("done");
    harness.press("edit:staff.staff");
    harness.text("1");
    expect(entriesOf(withDesk, points, harness.state, "province")).toEqual([]);
    harness.press("edit:staff.staff");
    harness.text("3");
    expect(
      entriesOf(withDesk, points, harness.state, "province").map(({ entryId }) => entryName(harness.state, "points", entryId)),
    ).toEqual(["Điểm A"]);
  });

  it("keeps the condition of a group inside a repeat, read within the same entry", async () => {
    const sheets = communeSurvey();
    const survey = sheets.survey ?? [];
    const open = survey.findIndex((row) => row[1] === "point_open");
    sheets.survey = [
      ...survey.slice(0, open + 1),
      ["begin_group", "details", "Chi tiết", "", "", "", "${point_open} = 'yes'"],
      ["text", "point_hours", "Giờ mở cửa", "Opening hours", "", "yes"],
      ["end_group"],
      ...survey.slice(open + 1),
    ];
    const read = await readXlsForm(await xlsformWorkbook(sheets));
    if (!read.ok) throw new Error(read.problems.map(inEnglish).join("\n"));
    const harness = new FormHarness(toEngineForm(read.form), "province");
    harness.open();
    for (const answer of ["Xã Tân Lập", "12", "2", "Điểm mở", "1"]) harness.text(answer);
    expect(harness.question?.question.id).toBe("point_hours");
    harness.text("7:30-17:00");
    harness.text("Điểm đóng");
    harness.text("2");
    // The closed point is not asked its hours: back on the list.
    expect(harness.last.view.kind).toBe("list");
  });
});
