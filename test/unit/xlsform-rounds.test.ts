import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import type { QuestionSlot } from "../../src/form/slots.js";
import { translatorFor } from "../../src/i18n.js";
import { importWorkbook } from "../../src/services/form-imports.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";
import { communeSurvey, xlsformWorkbook } from "../support/xlsform-workbook.js";

/** Rounds on an imported form, against real Redis: the version each runs, and last round's answers carried over. */
describe("rounds on a form imported from XLSForm", () => {
  let store: TestRedis;
  let deps: Deps;
  const lan = officer(7_101, "ha-noi");
  const answers: Record<string, string> = { commune: "Xã Tân Lập", staff: "12", channels: "2" };
  const answer = (slot: QuestionSlot) => answers[slot.question.id] ?? (slot.question.type === "choice" ? "1" : "Trả lời");
  const day = 86_400_000;

  beforeAll(async () => {
    store = testRedis();
    deps = depsFor(store);
    expect((await importWorkbook(deps.catalog, await xlsformWorkbook(communeSurvey("1")), translatorFor("en"))).kind).toBe("imported");
  });
  afterAll(() => store.cleanup());

  it("keeps the version a round was created with, and runs a newer one from the next round", async () => {
    const now = Date.now();
    const first = await deps.rounds.create(
      {
        id: "xa-1",
        name: "Đợt 1",
        formId: "xa-chuyen-doi-so",
        opensAt: now - 2 * day,
        deadline: now + day,
        targets: { kind: "list", agencies: ["ha-noi"] },
      },
      "test",
      now,
    );
    expect(first.ok && first.round.formVersion).toBe(1);
    await fillThroughService(deps, lan, answer, (list) => (list === "points" ? ["Bộ phận một cửa"] : []), { submit: true, now: now - day });
    const sheets = communeSurvey("2");
    sheets.survey = (sheets.survey ?? []).map((row) =>
      row[1] === "staff" ? [row[0] ?? "", "staff", "Số cán bộ, công chức", "Staff"] : row,
    );
    expect((await importWorkbook(deps.catalog, await xlsformWorkbook(sheets), translatorFor("en"))).kind).toBe("imported");
    expect((await deps.rounds.get("xa-1"))?.formVersion).toBe(1);
    const standing = await deps.reporting.standing(lan);
    expect(standing.status).toBe("submitted");

    await deps.rounds.close("xa-1", now - 1_000);
    const second = await deps.rounds.create(
      {
        id: "xa-2",
        name: "Đợt 2",
        formId: "xa-chuyen-doi-so",
        opensAt: now - 500,
        deadline: now + day,
        targets: { kind: "list", agencies: ["ha-noi"] },
      },
      "test",
      now,
    );
    expect(second.ok && second.round.formVersion).toBe(2);
    const opened = await deps.reporting.step(lan, { kind: "open" }, now);
    if (opened.kind !== "step") throw new Error("expected a step");
    expect(opened.roundId).toBe("xa-2");
    expect(opened.form.version).toBe(2);
    // Last round's answers are there to confirm, part by part, under the new wording.
    expect(opened.view.kind).toBe("review-part");
    const history = await deps.reporting.history("ha-noi");
    expect(history.filter((record) => record.carriedFrom === "xa-1").map((record) => record.path)).toEqual(
      expect.arrayContaining(["commune.commune", "staff.staff", "channels.channels"]),
    );
  });

  it("refuses a round on a form never imported", async () => {
    const refused = await deps.rounds.create(
      { name: "Không có", formId: "khong-co", deadline: Date.now() + 86_400_000, targets: { kind: "all" } },
      "test",
      Date.now(),
    );
    expect(refused).toEqual({
      ok: false,
      reason: "round-refused-no-form",
      params: { form: "khong-co" },
    });
  });
});
