import { describe, expect, it } from "vitest";
import { FormRenderer } from "../../src/dialogue/form-screens.js";
import { loadForm, parseForm } from "../../src/form/schema.js";
import { buildSlots, emptyResponse, entryOf } from "../../src/form/slots.js";
import { translatorFor } from "../../src/i18n.js";
import { answerer, FormHarness } from "../support/form-harness.js";

const form = loadForm();
const allQuestions = form.parts.flatMap((part) => part.nodes.flatMap((node) => node.questions.map((question) => ({ node, question }))));

describe("the form of letter 488", () => {
  it("has the four parts of the appendix and rows 1 to 5", () => {
    expect(form.parts.map((part) => part.number)).toEqual(["1", "2", "3", "4"]);
    expect(form.parts[1]!.nodes.map((node) => node.number)).toEqual(["1", "2", "3", "4.1", "4.2", "4.3", "5"]);
    expect(form.optionSets.investment).toHaveLength(7);
    expect(form.optionSets.compliance!.map((option) => option.text)).toEqual(["Đã đáp ứng", "Đáp ứng một phần", "Chưa đáp ứng"]);
    expect(form.parts[2]!.nodes[0]!.questions).toHaveLength(7);
  });

  it("makes every question reachable: one set of answers opens every branch at once", () => {
    // Partly met opens the investment status, month, reason and what is missing; "other" its text; an approved dossier its decision.
    const chosen = new Map([
      ["compliance", "partial"],
      ["investment", "other"],
      ["dossier", "approved"],
    ]);
    const harness = new FormHarness(form, "ministry");
    harness.open();
    const asked = harness.fill(
      (slot) => {
        const want = chosen.get(slot.question.id);
        if (want)
          return String(form.optionSets[(slot.question as { options: string }).options]!.findIndex((option) => option.id === want) + 1);
        return answerer()(slot);
      },
      () => ["Hệ thống một cửa điện tử"],
    );
    const askedQuestions = new Set(asked.map((path) => `${entryOf(path)?.nodeId ?? path.split(".")[0]}.${path.split(".").at(-1)}`));
    // A repeat's first question names the entry: it is answered from the list screen.
    for (const path of harness.state.answers.keys()) askedQuestions.add(`${entryOf(path)?.nodeId}.${path.split(".").at(-1)}`);
    for (const { node, question } of allQuestions) {
      expect(askedQuestions.has(`${node.id}.${question.id}`), `${node.id}.${question.id}`).toBe(true);
    }
  });

  it("refuses a form whose condition names a later or unknown question", () => {
    const broken = structuredClone(JSON.parse(JSON.stringify(form)));
    broken.parts[1].nodes[1].questions[1].relevant = "selected(${reason}, 'x')";
    expect(() => parseForm(broken, "broken")).toThrow(/reads reason, not an earlier question/);
    broken.parts[1].nodes[1].questions[1].relevant = "selected(${compliance}, 'x'";
    expect(() => parseForm(broken, "broken")).toThrow(/"\)" expected/);
  });
});

describe("the questionnaire engine", () => {
  const metEverywhere = answerer();

  it("asks a province everything but 4.2, and a ministry 4.2 as well", () => {
    const province = new FormHarness(form, "province");
    province.open();
    const provinceAsked = province.fill(metEverywhere, (id) => (id === "r4_2" ? ["never asked"] : ["Hệ thống A"]));
    expect(provinceAsked.some((path) => path.startsWith("r4_2"))).toBe(false);

    const ministry = new FormHarness(form, "ministry");
    ministry.open();
    const ministryAsked = ministry.fill(metEverywhere, () => ["CSDL hộ tịch"]);
    expect(ministryAsked.some((path) => path.startsWith("r4_2#"))).toBe(true);
    expect(ministry.last.view.kind).toBe("review");
  });

  it("refuses a total below its part: row 3's offices to equip may not be fewer than those lacking", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    const answer = answerer({ compliance: "2", officesLacking: "10" });
    for (let i = 0; i < 200 && harness.question?.path !== "r3.officesTotal"; i++) {
      if (harness.question) harness.text(answer(harness.question));
      else harness.press("done");
    }
    expect(harness.text("5").notice).toEqual({ key: "invalid-integer-at-least", params: { min: 10 }, refusal: true });
    expect(harness.question?.path).toBe("r3.officesTotal");
    harness.text("12");
    expect(harness.state.answers.get("r3.officesTotal")?.value).toBe(12);
  });

  it("asks investment, month and reason only when a component is not fully met", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    const asked = harness.fill(answerer({ compliance: "2", investment: "7" }), () => ["Hệ thống A"]);
    expect(asked).toContain("r2.investment");
    expect(asked).toContain("r2.investmentOther");
    expect(asked).toContain("r2.goLive");
    expect(asked).toContain("r2.missingFunctions");
    expect(asked).toEqual(expect.arrayContaining(["r3.officesLacking", "r3.officesTotal", "r3.devicesOwned", "r3.devicesNeeded"]));

    const notMet = new FormHarness(form, "province");
    notMet.open();
    const notMetAsked = notMet.fill(answerer({ compliance: "3", investment: "4" }), () => []);
    expect(notMetAsked).toContain("r2.reason");
    expect(notMetAsked).not.toContain("r2.missingFunctions");
    expect(notMetAsked).not.toContain("r2.investmentOther");

    const met = new FormHarness(form, "province");
    met.open();
    const metAsked = met.fill(metEverywhere, () => []);
    expect(metAsked.filter((path) => /investment|goLive|reason/.test(path))).toEqual([]);
  });

  it("asks the decision number only for an approved security dossier, for each system of row 1", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    const asked = harness.fill(answerer({ dossier: "3" }), (id) => (id === "r1" ? ["Hệ thống A", "Hệ thống B"] : []));
    expect(asked.filter((path) => path.startsWith("r5#") && path.endsWith(".decision"))).toHaveLength(2);
  });

  it("shows where the officer is and refuses a bad answer without changing anything", () => {
    const harness = new FormHarness(form, "province");
    const first = harness.open();
    expect(first.view.kind === "question" && first.view.slot.path).toBe("officer.fullName");
    harness.text("Nguyễn Văn An");
    harness.press("suggest");
    harness.text("Giám đốc Trung tâm");
    const before = harness.state;
    const seq = harness.cursor.seq;
    const refused = harness.text("12345");
    expect(refused.notice).toEqual({ key: "invalid-phone", refusal: true });
    expect(harness.state.answers).toEqual(before.answers);
    expect(harness.cursor.seq).toBe(seq);
    expect(refused.view.kind === "question" && refused.view.slot.path).toBe("officer.phone");
    // Where the officer is: the part out of four, and how much of the whole form is done.
    expect(refused.view.kind === "question" && refused.view.progress).toEqual({ part: "1", parts: 4, percent: expect.any(Number) });
    expect(harness.send({ kind: "unsupported" }).notice).toEqual({ key: "form-text-expected", refusal: true });
  });

  it("goes back one question, keeps the answer on request, and moves on", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.text("Nguyễn Văn An");
    harness.press("back");
    expect(harness.question?.path).toBe("officer.fullName");
    expect(harness.last.view.kind === "question" && harness.last.view.current).toBe("Nguyễn Văn An");
    harness.press("keep");
    expect(harness.question?.path).toBe("officer.agency");
    expect(harness.state.answers.get("officer.fullName")?.value).toBe("Nguyễn Văn An");
  });

  it("skips an optional question and refuses to skip a required one", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    expect(harness.press("skip").notice).toEqual({ key: "form-cannot-skip", refusal: true });
    harness.fill(metEverywhere, () => []);
    harness.press("part:p3");
    harness.press("edit:proposals.network");
    harness.press("skip");
    expect(harness.state.answers.get("proposals.network")?.value).toBeNull();
    // Back to the part the change was made in, not the whole review.
    expect(harness.cursor.screen).toEqual({ kind: "review-part", part: "p3" });
  });

  it("leaves a required question open for later: it stays open, and submitting says which are left", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.text("Nguyễn Văn An");
    expect(harness.last.view.actions.map((action) => action.id)).toContain("later");
    harness.press("later");
    expect(harness.state.answers.has("officer.agency")).toBe(false);
    expect(harness.question?.path).toBe("officer.position");
    // Typed, as on Zalo, and never taken as the answer.
    harness.text("để sau");
    expect(harness.state.answers.has("officer.position")).toBe(false);
    expect(harness.question?.path).toBe("officer.phone");
    harness.fill(metEverywhere, () => []);
    // Filling in wraps round to what was left open before it reaches the review.
    expect(harness.state.answers.has("officer.agency")).toBe(true);

    const later = new FormHarness(form, "province");
    later.open();
    later.text("Nguyễn Văn An");
    later.press("later");
    later.press("review");
    const refused = later.press("submit");
    expect(refused.notice?.key).toBe("form-incomplete");
    expect(refused.notice?.open?.slice(0, 2).map((item) => [item.part.number, item.question?.id])).toEqual([
      ["1", "agency"],
      ["1", "position"],
    ]);
    const text = new FormRenderer("vi", translatorFor("vi"), "Asia/Ho_Chi_Minh", "keyboard", form).notice(refused.notice!, refused.view);
    expect(text).toMatch(/^Chưa gửi được: còn \d+ câu chưa trả lời:\n• Phần 1 · Cơ quan công tác\n• Phần 1 · Chức vụ\n/);
    expect(text).toMatch(/• và \d+ câu khác$/);
  });

  it("offers the agency's name as the officer's workplace, in one press, and takes another typed", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.text("Nguyễn Văn An");
    expect(harness.question?.path).toBe("officer.agency");
    // A body, not the province's bare name: its Department of Science and Technology.
    expect(harness.last.view.actions[0]).toEqual({
      id: "suggest",
      label: { key: "form-button-suggest", params: { value: "Sở Khoa học và Công nghệ Hà Nội" } },
    });
    harness.press("suggest");
    expect(harness.state.answers.get("officer.agency")?.value).toBe("Sở Khoa học và Công nghệ Hà Nội");
    harness.press("back");
    harness.text("Sở Thông tin và Truyền thông Hà Nội");
    expect(harness.state.answers.get("officer.agency")?.value).toBe("Sở Thông tin và Truyền thông Hà Nội");
  });

  it("asks row 5 for every system of rows 1 and 4.1-4.3, and a deleted system takes its row 5 along", () => {
    const harness = new FormHarness(form, "ministry");
    harness.open();
    harness.fill(metEverywhere, (id) => (id === "r1" ? ["Mạng A"] : id === "r4_1" ? ["Cổng DVC"] : id === "r4_2" ? ["CSDL hộ tịch"] : []));
    const row5 = buildSlots(form, harness.state, "ministry").flatMap((slot) =>
      slot.kind === "question" && slot.node.id === "r5" && slot.question.id === "body" ? [slot.entry!.name] : [],
    );
    expect(row5).toEqual(["Mạng A", "Cổng DVC", "CSDL hộ tịch"]);
    const [portal] = harness.state.entries.get("r4_1")!;
    harness.press("list:r4_1");
    harness.press(`entry:${portal}`);
    expect(harness.last.view.kind === "entry" && harness.last.view.items.map((item) => item.path)).toContain(`r5#${portal}.dossier`);
    harness.press("delete");
    harness.press("confirm");
    expect([...harness.state.answers.keys()].some((path) => path.startsWith(`r5#${portal}.`))).toBe(false);
  });

  it("offers a quarter typed for a month as its last month, one press away on Telegram", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.fill(answerer({ compliance: "2" }), () => []);
    harness.press("part:p2");
    harness.press("edit:r2.goLive");
    const refused = harness.text("quý 2 năm 2027");
    expect(refused.notice).toMatchObject({ key: "invalid-month-quarter", refusal: true, proposal: "06/2027" });
    const message = new FormRenderer("vi", translatorFor("vi"), "Asia/Ho_Chi_Minh", "keyboard", form).noticeMessage(
      refused.notice!,
      refused.view,
      harness.cursor.seq,
    );
    expect(message.text).toBe("Câu này hỏi tháng. Quý 2 năm 2027 ghi là tháng cuối quý, 06/2027: nếu đúng, bấm 06/2027 hoặc gõ 06/2027.");
    expect(message.buttons?.[0]?.[0]?.label).toBe("06/2027");
    harness.press("ans:06/2027");
    expect(harness.state.answers.get("r2.goLive")?.value).toBe("2027-06");
  });

  it("offers row 5 the managing body the system's own row gave, as one press", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.fill(answerer({}), (id) => (id === "r1" ? ["Cổng DVC"] : []));
    const [portal] = harness.state.entries.get("r1")!;
    harness.press("part:p2");
    harness.press(`edit:r5#${portal}.body`);
    expect(harness.question?.path).toBe(`r5#${portal}.body`);
    expect(harness.last.view.actions.find((action) => action.id === "suggest")?.label).toEqual({
      key: "form-button-suggest",
      params: { value: `Trả lời r1#${portal}.body` },
    });
    harness.press("suggest");
    expect(harness.state.answers.get(`r5#${portal}.body`)?.value).toBe(`Trả lời r1#${portal}.body`);
  });

  it("lets row 4.1 be answered 'not connected yet', which the review says", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.fill(metEverywhere, (id) => (id === "r1" ? ["Mạng A"] : []));
    harness.press("list:r4_1");
    expect(harness.last.view.actions.find((action) => action.id === "done")?.label).toEqual({ key: "form-button-not-yet" });
  });

  it("adds three systems, edits one, deletes one, and row 5 follows row 1", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.fill(metEverywhere, (id) => (id === "r1" ? ["Hệ thống A", "Hệ thống B", "Hệ thống C"] : []));
    const entries = harness.state.entries.get("r1")!;
    expect(entries).toHaveLength(3);
    expect([...harness.state.answers.keys()].filter((path) => path.startsWith("r5#"))).toHaveLength(3 * 3);

    harness.press("list:r1");
    expect(harness.last.view.kind === "list" && harness.last.view.entries.map((entry) => entry.name)).toEqual([
      "Hệ thống A",
      "Hệ thống B",
      "Hệ thống C",
    ]);
    harness.press(`entry:${entries[1]}`);
    harness.press(`edit:r1#${entries[1]}.name`);
    harness.text("Hệ thống B (đã đổi tên)");
    // The list was opened from the review: the change goes back to the part it belongs to.
    expect(harness.cursor.screen).toEqual({ kind: "review-part", part: "p2" });
    harness.press("list:r1");
    harness.press(`entry:${entries[0]}`);
    harness.press("delete");
    harness.press("confirm");
    expect(harness.last.notice).toEqual({ key: "form-entry-deleted" });
    expect(harness.last.view.kind === "list" && harness.last.view.entries.map((entry) => entry.name)).toEqual([
      "Hệ thống B (đã đổi tên)",
      "Hệ thống C",
    ]);
    expect(harness.state.entries.get("r1")).toEqual([entries[1], entries[2]]);
    expect([...harness.state.answers.keys()].some((path) => path.includes(entries[0]!))).toBe(false);
    expect(harness.last.writes.history.every((change) => change.new === undefined)).toBe(true);
    const names = buildSlots(form, harness.state, "province").flatMap((slot) =>
      slot.kind === "question" && slot.node.id === "r5" ? [slot.entry!.name] : [],
    );
    expect(new Set(names)).toEqual(new Set(["Hệ thống B (đã đổi tên)", "Hệ thống C"]));
  });

  it("returns to the part of the review an edit was made from, asking what the new answer opened", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.fill(metEverywhere, () => []);
    harness.press("part:p2");
    harness.press("edit:r2.compliance");
    harness.press("opt:2");
    expect(harness.question?.path).toBe("r2.investment");
    harness.press("opt:4");
    harness.text("12/2026");
    harness.text("Chưa được bố trí kinh phí");
    harness.text("Số hoá hồ sơ");
    expect(harness.cursor.screen).toEqual({ kind: "review-part", part: "p2" });
    expect(harness.last.view.kind === "review-part" && harness.last.view.part.open).toBe(0);
  });

  it("shows a part of the review as the letter orders it, each system on one line with its status and row 5", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.fill(answerer({ compliance: "2", investment: "4", dossier: "2" }), (id) => (id === "r1" ? ["Cổng DVC", "Mạng WAN"] : []));
    harness.press("part:p2");
    const view = harness.last.view;
    if (view.kind !== "review-part") throw new Error(view.kind);
    expect(view.part.rows.map((row) => `${row.kind} ${row.node.number}`)).toEqual([
      "list 1",
      "row 2",
      "row 3",
      "list 4.1",
      "list 4.3",
      "each 5",
    ]);
    const [portal] = view.part.rows[0]!.kind === "list" ? view.part.rows[0]!.systems : [];
    expect(portal?.name).toBe("Cổng DVC");
    // The system's own status, its investment and month, then row 5's dossier and security solutions.
    expect(portal?.answers.map((line) => `${line.label.node.id}.${line.label.question.id}`)).toEqual([
      "r1.compliance",
      "r1.investment",
      "r1.goLive",
      "r5.dossier",
      "r5.compliance",
      "r5.investment",
      "r5.goLive",
    ]);
    const text = new FormRenderer("vi", translatorFor("vi"), "Asia/Ho_Chi_Minh", "keyboard", form).render(view, 1, "Hà Nội").text;
    expect(text).toContain(
      "1. <b>Hàng 1 · Mạng, đường truyền</b>: 2 hệ thống\n2. Cổng DVC: Đáp ứng một phần · Tổ chức đấu thầu · 06/2027 · ",
    );
    expect(text).toContain("<b>Hàng 2 · HTTT giải quyết TTHC</b>\n4. Cơ quan chủ trì: Trả lời r2.body\n5. Mức đáp ứng: Đáp ứng một phần\n");
    expect(text).toContain("<b>Hàng 5 · An toàn thông tin</b>: trả lời theo từng hệ thống");
    // Short labels tell every answer apart: no two lines of a row read the same.
    for (const row of view.part.rows) {
      const labels = row.kind === "row" ? row.lines.map((line) => line.label.question.short ?? line.label.question.text) : [];
      expect(new Set(labels).size).toBe(labels.length);
    }
    // A system opened from the part, changed, and back to the part.
    harness.press(`entry:${harness.state.entries.get("r1")![0]}`);
    expect(harness.last.view.kind).toBe("entry");
    harness.press(harness.last.view.actions[1]!.id);
    harness.text("Cục Chuyển đổi số");
    expect(harness.cursor.screen).toEqual({ kind: "review-part", part: "p2" });
  });

  it("submits only when complete, then locks until reopened, keeping the history", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.text("Nguyễn Văn An");
    harness.press("review");
    expect(harness.last.view.actions.some((action) => action.id === "submit")).toBe(false);
    expect(harness.press("submit").notice).toMatchObject({ key: "form-incomplete" });
    expect(harness.question?.path).toBe("officer.agency");
    harness.fill(metEverywhere, () => []);
    harness.press("submit");
    expect(harness.state.status).toBe("submitted");
    expect(harness.screen).toBe("submitted");
    const summary = harness.last.view.kind === "submitted" ? harness.last.view.summary : undefined;
    expect(summary?.options.map((entry) => [entry.set, entry.option.id, entry.count])).toEqual([["compliance", "met", 2]]);
    expect(summary?.lists.map((list) => [list.node.id, list.count])).toEqual([
      ["r1", 0],
      ["r4_1", 0],
      ["r4_3", 0],
    ]);

    expect(harness.open().view.kind).toBe("submitted");
    harness.press("review");
    expect(harness.press("part:p1").view.kind).toBe("review-part");
    expect(harness.press("edit:officer.position").notice).toEqual({ key: "form-submitted-locked", refusal: true });

    harness.press("review");
    harness.press("reopen");
    expect(harness.state.status).toBe("reopened");
    harness.press("part:p1");
    harness.press("edit:officer.position");
    const amended = harness.text("Phó Giám đốc");
    expect(amended.writes.history).toEqual([{ path: "officer.position", old: expect.stringContaining("Trả lời"), new: "Phó Giám đốc" }]);
    harness.press("submit");
    expect(harness.state.status).toBe("submitted");
  });

  it("says on submitting whether the agency now counts as fully compliant, and which rows hold it back, the dossier included", () => {
    const render = (harness: FormHarness) =>
      String(new FormRenderer("vi", translatorFor("vi"), "Asia/Ho_Chi_Minh", "keyboard", form).render(harness.last.view, 1, "Hà Nội").text);
    const systems = (id: string) => [`Hệ thống ${id}`];

    // Everything met, but the security dossiers only submitted for approval: row 5 partly met, system by system.
    const pending = new FormHarness(form, "province");
    pending.open();
    pending.fill(answerer({ dossier: "2" }), systems);
    pending.press("submit");
    const summary = pending.last.view.kind === "submitted" ? pending.last.view.summary.compliance : undefined;
    expect(summary?.fully).toBe(false);
    expect(summary?.holdingBack.map(({ component, status }) => [component.id, status])).toEqual([["5", "partial"]]);
    expect(summary?.holdingBack[0]?.places.map((place) => [place.entryName, place.question?.id, place.option?.id])).toEqual([
      ["Hệ thống r1", "dossier", "submitted"],
      ["Hệ thống r4_1", "dossier", "submitted"],
      ["Hệ thống r4_3", "dossier", "submitted"],
    ]);
    const text = render(pending);
    expect(text).toContain("<b>chưa</b> đạt 100% yêu cầu, còn vướng ở:");
    // One line for the item, naming the systems and what of each holds it back.
    expect(text).toContain("• Hàng 5 (An toàn thông tin): đáp ứng một phần: Hồ sơ cấp độ ATTT — Hệ thống r1, Hệ thống r4_1, Hệ thống r4_3");

    // No system listed in row 1 ("Không có"): item 1 is not met, and says why.
    const none = new FormHarness(form, "province");
    none.open();
    none.fill(answerer({ dossier: "3" }), (id) => (id === "r1" ? [] : systems(id)));
    none.press("submit");
    expect(render(none)).toContain("• Hàng 1 (Mạng, đường truyền): chưa đáp ứng: Hàng 1 · Mạng, đường truyền (chưa kê khai hệ thống nào)");

    // Dossiers approved and every row met: fully compliant.
    const approved = new FormHarness(form, "province");
    approved.open();
    approved.fill(answerer({ dossier: "3" }), systems);
    approved.press("submit");
    expect(approved.last.view.kind === "submitted" && approved.last.view.summary.compliance).toEqual({ fully: true, holdingBack: [] });
    expect(render(approved)).toContain("Với báo cáo này, <b>Hà Nội</b> được tính là <b>đáp ứng 100% yêu cầu</b>.");
  });

  it("shows the status and time a step records on the screen it shows: submit, reopen, resubmit", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.fill(metEverywhere, () => []);

    const submitted = harness.press("submit");
    expect(submitted.writes.status?.at).toBeGreaterThan(0);
    expect(submitted.view).toMatchObject({ kind: "submitted", at: submitted.writes.status?.at });
    expect(harness.state.submittedAt).toBe(submitted.writes.status?.at);

    const reopened = harness.press("reopen");
    expect(reopened.view).toMatchObject({ kind: "review", status: "reopened" });
    const actions = reopened.view.actions.map((action) => action.id);
    expect(actions).toContain("submit");
    expect(actions).not.toContain("reopen");

    const resubmitted = harness.press("submit");
    expect(resubmitted.writes.status?.at).toBeGreaterThan(submitted.writes.status!.at);
    expect(resubmitted.view).toMatchObject({ kind: "submitted", at: resubmitted.writes.status?.at });
    expect(harness.state.submittedAt).toBe(resubmitted.writes.status?.at);
  });

  it("refuses a button from an old screen and everything once the round is closed", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    const oldSeq = harness.cursor.seq;
    harness.text("Nguyễn Văn An");
    expect(harness.send({ kind: "action", seq: oldSeq, action: "back" }).notice).toEqual({ key: "form-stale-button" });
    harness.roundOpen = false;
    expect(harness.text("Giám đốc").notice).toEqual({ key: "form-round-closed" });
    expect(harness.state.answers.has("officer.position")).toBe(false);
  });

  it("pauses where the officer is and resumes there", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.text("Nguyễn Văn An");
    const paused = harness.press("pause");
    expect(paused.view.kind).toBe("paused");
    expect(harness.open().view.kind === "question" && harness.question?.path).toBe("officer.agency");
  });

  it("lets a colleague's answers count: the next officer starts at the first open question", () => {
    const first = new FormHarness(form, "province", 1);
    first.open();
    first.text("Nguyễn Văn An");
    first.press("suggest");
    first.text("Giám đốc");
    const second = new FormHarness(form, "province", 2);
    second.state = first.state;
    expect(second.open().view.kind === "question" && second.question?.path).toBe("officer.phone");
  });

  it("starts a fresh response at the first question", () => {
    expect(buildSlots(form, emptyResponse(1), "province")[0]).toMatchObject({ kind: "question", path: "officer.fullName" });
  });
});

describe("typed navigation words", () => {
  it("go back, review, skip, pause and submit as the buttons do, accents and case aside", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.text("Nguyễn Văn An");
    expect(harness.question?.path).toBe("officer.agency");
    harness.text("QUAY LAI");
    expect(harness.question?.path).toBe("officer.fullName");
    harness.text("xem lại");
    expect(harness.screen).toBe("review");
    harness.text("tiếp tục");
    expect(harness.question?.path).toBe("officer.agency");
    harness.text("Tạm dừng");
    expect(harness.last.view.kind).toBe("paused");

    harness.open();
    harness.fill(answerer(), () => [], 500);
    expect(harness.screen).toBe("review");
    harness.text("gửi");
    expect(harness.state.status).toBe("submitted");
    harness.text("mở lại");
    expect(harness.state.status).toBe("reopened");
  });

  it("skip an optional question only, are never the answer to a required one, and are an answer where they mean nothing", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    // "bỏ qua" on a required question is refused, not stored as the officer's name.
    expect(harness.text("bỏ qua").notice).toEqual({ key: "form-cannot-skip", refusal: true });
    expect(harness.state.answers.has("officer.fullName")).toBe(false);
    // A word no button of the screen has is an answer: the first question has no back.
    harness.text("quay lại");
    expect(harness.state.answers.get("officer.fullName")?.value).toBe("quay lại");
    harness.fill(answerer(), () => [], 500);
    harness.press("part:p3");
    harness.press(harness.last.view.actions[0]!.id);
    expect(harness.question?.question.optional).toBe(true);
    const path = harness.question!.path;
    harness.text("Skip");
    expect(harness.state.answers.get(path)?.value).toBeNull();
  });
});

describe("answers a correction no longer asks for", () => {
  it("go in the same step, into the history, and the review does not show them", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    const answer = answerer({ compliance: "2", investment: "7", investmentOther: "Chờ kinh phí" });
    harness.fill(
      (slot) => (slot.path === "r2.reason" ? "Lý do riêng của dòng 2" : answer(slot)),
      (list) => (list === "r1" ? ["Hệ thống A"] : []),
    );
    const row2 = ["r2.investment", "r2.investmentOther", "r2.goLive", "r2.reason", "r2.missingFunctions"];
    for (const path of row2) expect(harness.state.answers.has(path), path).toBe(true);
    harness.press("part:p2");
    const edit = harness.last.view.actions.find((action) => action.id === "edit:r2.compliance")!;
    harness.press(edit.id);
    const before = harness.state.answers.get("r2.reason")?.value;
    const step = harness.text("1");
    for (const path of row2) expect(harness.state.answers.has(path), path).toBe(false);
    expect(step.writes.removedAnswers.sort()).toEqual([...row2].sort());
    expect(step.writes.history).toContainEqual({ path: "r2.reason", old: before, new: undefined });
    expect(harness.screen).toBe("review-part");
    const review = JSON.stringify(harness.last.view);
    expect(review).not.toContain("Lý do riêng của dòng 2");
  });
});

describe("a place stored under an older form", () => {
  it("falls back to where the officer can go on, for every kind of screen the form no longer has", () => {
    for (const screen of [
      { kind: "new-entry", repeat: "r9", origin: "fill" },
      { kind: "list", repeat: "r9", origin: "fill" },
      { kind: "entry", repeat: "r9", entry: "x", origin: "fill" },
      { kind: "confirm-delete", repeat: "r1", entry: "gone", origin: "fill" },
      { kind: "question", path: "r9.name", origin: "fill" },
      { kind: "review-part", part: "p9" },
    ] as const) {
      const harness = new FormHarness(form, "province");
      harness.cursor = { seq: 3, screen };
      const shown = harness.send({ kind: "text", text: "Nguyễn Văn An" });
      expect(["question", "list", "review"]).toContain(shown.view.kind);
    }
  });
});
