import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import type { Input } from "../../src/form/protocol.js";
import { buildSlots, isOpen } from "../../src/form/slots.js";
import { STANDING_ROUND } from "../../src/services/active-round.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

/**
 * Two officers of one agency at the same moment, against real Redis: one submits while the other
 * corrects row 2 to "partly met" (which opens four more required questions). Each step is a
 * compare-and-set on the response, so whatever the interleaving the report is never submitted
 * incomplete and no change lands on a submitted report.
 */
describe("colleagues stepping on one response at once", () => {
  let store: TestRedis;
  let deps: Deps;
  const a = officer(1, "ha-noi");
  const b = officer(2, "ha-noi");

  beforeAll(async () => {
    store = testRedis();
    deps = depsFor(store);
    await fillThroughService(deps, a, answerer(), (list) => (list === "r1" || list === "r4_1" ? ["Hệ thống"] : []), { submit: false });
  });
  afterAll(() => store.cleanup());

  const stepAs = async (member: typeof a, input: Input) => {
    const outcome = await deps.reporting.step(member, input, Date.now());
    if (outcome.kind !== "step") throw new Error("expected a step");
    return outcome;
  };
  const state = async () =>
    (await deps.reports.exportSource((await deps.reports.roundFor(STANDING_ROUND.id, Date.now()))!, [])).load("ha-noi");

  it("never submits an incomplete report, and never changes a submitted one", async () => {
    let submittedRaces = 0;
    for (let race = 0; race < 25; race++) {
      // A is on the review; B on row 2's compliance question, both ready to press.
      let current = await state();
      if (current?.status === "submitted")
        await stepAs(a, { kind: "action", seq: (await stepAs(a, { kind: "open" })).cursor.seq, action: "reopen" });
      let onA = await stepAs(a, { kind: "open" });
      while (onA.view.kind !== "review") {
        onA =
          onA.view.kind === "question"
            ? await stepAs(a, { kind: "text", text: answerer({ compliance: "1" })(onA.view.slot) })
            : await stepAs(a, { kind: "action", seq: onA.cursor.seq, action: onA.view.kind === "list" ? "done" : "review" });
      }
      let onB = await stepAs(b, { kind: "open" });
      onB = await stepAs(b, { kind: "action", seq: onB.cursor.seq, action: "review" });
      onB = await stepAs(b, { kind: "action", seq: onB.cursor.seq, action: "part:p2" });
      onB = await stepAs(b, { kind: "action", seq: onB.cursor.seq, action: "edit:r2.compliance" });
      onA = await stepAs(a, { kind: "action", seq: onA.cursor.seq, action: "review" });

      await Promise.all([
        stepAs(a, { kind: "action", seq: onA.cursor.seq, action: "submit" }),
        stepAs(b, { kind: "action", seq: onB.cursor.seq, action: "opt:2" }),
      ]);

      current = await state();
      const slots = buildSlots(deps.form, current!, "province");
      if (current?.status === "submitted") {
        submittedRaces += 1;
        expect(slots.filter((slot) => isOpen(slot, current!)).map((slot) => slot.path)).toEqual([]);
      }
      // Answers and history agree: replaying every change gives what is stored.
      const replayed = new Map<string, unknown>();
      for (const change of await deps.reporting.history("ha-noi")) {
        if (change.path.startsWith("@")) continue;
        if (change.new === undefined) replayed.delete(change.path);
        else replayed.set(change.path, change.new);
      }
      expect(new Map([...current!.answers].map(([path, answer]) => [path, answer.value]))).toEqual(replayed);
      // Put row 2 back to met for the next race.
      if (current?.status === "submitted") continue;
      const again = await stepAs(b, { kind: "open" });
      if (again.view.kind === "question" && again.view.slot.path === "r2.compliance") await stepAs(b, { kind: "text", text: "1" });
    }
    expect(submittedRaces).toBeGreaterThan(0);
  }, 60_000);
});
