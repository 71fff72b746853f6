import { describe, expect, it } from "vitest";
import { type ComponentStatus, complianceComponents, complianceOf } from "../../src/form/compliance.js";
import { loadForm } from "../../src/form/schema.js";
import { type AgencyKind, buildSlots, type QuestionSlot } from "../../src/form/slots.js";
import { FormHarness } from "../support/form-harness.js";

/**
 * Letter 000 counts the agencies that "đáp ứng 100% yêu cầu tại Văn bản số 1552": each case
 * below is one way of meeting or missing that, filled in through the engine as an officer would.
 */

const form = loadForm();

/** Options by their Vietnamese words, as the officer reads them. */
const MET = "Đã đáp ứng";
const PARTLY = "Đáp ứng một phần";
const NOT_MET = "Chưa đáp ứng";
const DOSSIER_NOT_DRAWN_UP = "Chưa lập, trình cấp có thẩm quyền phê duyệt";
const DOSSIER_SUBMITTED = "Đã trình cấp có thẩm quyền phê duyệt";
const DOSSIER_APPROVED = "Đã được cấp có thẩm quyền phê duyệt";

interface Case {
  agencyKind?: AgencyKind;
  /** Systems listed per list; the default lists one in rows 1 and 4.1. */
  lists?: Partial<Record<"r1" | "r4_1" | "r4_2" | "r4_3", string[]>>;
  /** Answers by pattern over `row[system].question`, over the all-met default. */
  answers?: [RegExp, string][];
  submitted?: boolean;
  /** Answers taken out after filling, by the same pattern. */
  unanswered?: RegExp;
}

/** `r5[CSDL đất đai].dossier`: the row, the system it is about, the question. */
const labelOf = (slot: QuestionSlot) => `${slot.node.id}[${slot.entry?.name ?? ""}].${slot.question.id}`;

const allMetAnswer = (slot: QuestionSlot): string => {
  const question = slot.question;
  if (question.type === "choice") return question.options === "dossier" ? DOSSIER_APPROVED : question.options === "compliance" ? MET : "1";
  if (question.type === "integer") return "10";
  if (question.type === "month") return "06/2027";
  if (question.type === "phone") return "0912160927";
  if (question.type === "email") return "dau.moi@hanoi.gov.vn";
  return "Có";
};

function run(c: Case) {
  const agencyKind = c.agencyKind ?? "province";
  const harness = new FormHarness(form, agencyKind);
  const lists = { r1: ["Hệ thống một cửa điện tử"], r4_1: ["Cổng dịch vụ công tỉnh"], ...c.lists };
  harness.open();
  harness.fill(
    (slot) => c.answers?.find(([pattern]) => pattern.test(labelOf(slot)))?.[1] ?? allMetAnswer(slot),
    (list) => lists[list as keyof typeof lists] ?? [],
  );
  const removed = new Set(
    buildSlots(form, harness.state, agencyKind).flatMap((slot) =>
      slot.kind === "question" && c.unanswered?.test(labelOf(slot)) ? [slot.path] : [],
    ),
  );
  const answers = new Map([...harness.state.answers].filter(([path]) => !removed.has(path)));
  const state = { ...harness.state, answers, status: c.submitted === false ? ("draft" as const) : ("submitted" as const) };
  return complianceOf(form, state, agencyKind);
}

const allMet: ComponentStatus[] = ["met", "met", "met", "met", "met"];

describe("đáp ứng 100% yêu cầu (letter 000), read from the form's data", () => {
  it("has the five components of the form's part 2 with short names", () => {
    expect(complianceComponents(form).map((component) => `${component.id} ${component.short}`)).toEqual([
      "1 Mạng, đường truyền",
      "2 HTTT giải quyết TTHC",
      "3 Thiết bị một cửa",
      "4 Kết nối CSDLQG về dân cư",
      "5 An toàn thông tin",
    ]);
  });

  it.each<[string, Case, ComponentStatus[], boolean]>([
    ["every requirement met, the dossier approved, the report sent", {}, allMet, true],
    ["everything met but the report not yet sent", { submitted: false }, allMet, false],
    [
      "row 5: the security-level dossier not yet drawn up",
      { answers: [[/^r5\[.*\.dossier$/, DOSSIER_NOT_DRAWN_UP]] },
      ["met", "met", "met", "met", "not_met"],
      false,
    ],
    [
      "row 5: the dossier submitted for approval but not approved",
      { answers: [[/^r5\[.*\.dossier$/, DOSSIER_SUBMITTED]] },
      ["met", "met", "met", "met", "partial"],
      false,
    ],
    [
      "row 5: the dossier approved but the security solutions only partly deployed",
      { answers: [[/^r5\[.*\.compliance$/, PARTLY]] },
      ["met", "met", "met", "met", "partial"],
      false,
    ],
    [
      "row 1 answered 'Không có' (no connected system): answered, not met, never 'not answered'",
      { lists: { r1: [] } },
      ["not_met", "met", "met", "met", "met"],
      false,
    ],
    [
      "row 4.1: the administrative-procedure system answered 'not connected yet'",
      { lists: { r4_1: [] } },
      ["met", "met", "met", "not_met", "met"],
      false,
    ],
    [
      "row 5: the dossier of a row 4.1 system not approved",
      { answers: [[/^r5\[Cổng dịch vụ công tỉnh\]\.dossier$/, DOSSIER_SUBMITTED]] },
      ["met", "met", "met", "met", "partial"],
      false,
    ],
    [
      "no system listed anywhere, every list closed: nothing for row 5 to be met by, answered as none",
      { lists: { r1: [], r4_1: [] } },
      ["not_met", "met", "met", "not_met", "not_met"],
      false,
    ],
    ["row 1: two systems, both met, each with its approved dossier", { lists: { r1: ["Một cửa điện tử", "CSDL đất đai"] } }, allMet, true],
    [
      "row 1: the second of two systems not met",
      { lists: { r1: ["Một cửa điện tử", "CSDL đất đai"] }, answers: [[/^r1\[CSDL đất đai\]\.compliance$/, NOT_MET]] },
      ["not_met", "met", "met", "met", "met"],
      false,
    ],
    ["row 2 answered 'partly met'", { answers: [[/^r2\[\]\.compliance$/, PARTLY]] }, ["met", "partial", "met", "met", "met"], false],
    ["row 3 answered 'not met'", { answers: [[/^r3\[\]\.compliance$/, NOT_MET]] }, ["met", "met", "not_met", "met", "met"], false],
    ["row 2 left unanswered", { unanswered: /^r2\[\]\.compliance$/ }, ["met", "unanswered", "met", "met", "met"], false],
    [
      "row 5 missing for one of two systems",
      { lists: { r1: ["Một cửa điện tử", "CSDL đất đai"] }, unanswered: /^r5\[CSDL đất đai\]\./ },
      ["met", "met", "met", "met", "unanswered"],
      false,
    ],
    ["row 4.3: nothing listed counts for nothing", { lists: { r4_3: [] } }, allMet, true],
    [
      "row 4.3: a listed management system not met",
      { lists: { r4_3: ["HTTT quản lý hộ tịch"] }, answers: [[/^r4_3\[.*\.compliance$/, NOT_MET]] },
      ["met", "met", "met", "not_met", "met"],
      false,
    ],
    ["row 4.2, a ministry: its databases listed and met", { agencyKind: "ministry", lists: { r4_2: ["CSDL hộ tịch"] } }, allMet, true],
    ["row 4.2, a ministry: nothing listed", { agencyKind: "ministry" }, allMet, true],
    [
      "row 4.2, a ministry: a national database partly connected",
      { agencyKind: "ministry", lists: { r4_2: ["CSDL hộ tịch"] }, answers: [[/^r4_2\[.*\.compliance$/, PARTLY]] },
      ["met", "met", "met", "partial", "met"],
      false,
    ],
  ])("%s", (_title, c, components, fullyCompliant) => {
    expect(run(c)).toEqual({ components, fullyCompliant });
  });

  it("ignores row 4.2 for a province, and row 5 of a system that was deleted", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.fill(allMetAnswer, (list) => (list === "r1" || list === "r4_1" ? ["Hệ thống"] : []));
    const stray = { value: "not_met", by: "1", at: 0 };
    const answers = new Map(harness.state.answers).set("r4_2#x1.compliance", stray).set("r5#gone.compliance", stray);
    const entries = new Map(harness.state.entries).set("r4_2", ["x1"]);
    const state = { ...harness.state, answers, entries, status: "submitted" as const };
    expect(complianceOf(form, state, "province")).toEqual({ components: allMet, fullyCompliant: true });
  });

  it("calls a component none of whose rows applies to the agency not applicable, neither met nor missing", () => {
    // Form 488 with a sixth component made of row 4.2 alone, which asks only ministries.
    const rule = form.compliance!;
    const withMinistriesOnly = {
      ...form,
      compliance: { ...rule, components: [...rule.components, { id: "6", short: "CSDL chuyên ngành", rows: [{ node: "r4_2" }] }] },
    };
    const filled = (agencyKind: AgencyKind) => {
      const harness = new FormHarness(withMinistriesOnly, agencyKind);
      harness.open();
      harness.fill(allMetAnswer, (list) => (list === "r1" || list === "r4_1" ? ["Hệ thống"] : list === "r4_2" ? ["CSDL hộ tịch"] : []));
      return { ...harness.state, status: "submitted" as const };
    };
    expect(complianceOf(withMinistriesOnly, filled("province"), "province")).toEqual({
      components: [...allMet, "not_applicable"],
      fullyCompliant: true,
    });
    expect(complianceOf(withMinistriesOnly, filled("ministry"), "ministry")).toEqual({
      components: [...allMet, "met"],
      fullyCompliant: true,
    });
    // Known before the first answer: it hangs on the agency's kind alone.
    expect(complianceOf(withMinistriesOnly, undefined, "province").components[5]).toBe("not_applicable");
    expect(complianceOf(withMinistriesOnly, undefined, "ministry").components[5]).toBe("unanswered");
  });

  it("calls row 1 unanswered while its list is still open (no system and not closed with 'Không có')", () => {
    const harness = new FormHarness(form, "province");
    harness.open();
    harness.fill(allMetAnswer, (list) => (list === "r4_1" ? ["Cổng dịch vụ công tỉnh"] : list === "r1" ? [] : []));
    const listsDone = new Set([...harness.state.listsDone].filter((list) => list !== "r1"));
    const state = { ...harness.state, listsDone, status: "draft" as const };
    expect(complianceOf(form, state, "province").components[0]).toBe("unanswered");
  });

  it("counts nothing for an agency that has not started", () => {
    expect(complianceOf(form, undefined, "province")).toEqual({ components: Array(5).fill("unanswered"), fullyCompliant: false });
  });
});
