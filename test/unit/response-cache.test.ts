import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import type { Deps } from "../../src/deps.js";
import type { Input } from "../../src/form/protocol.js";
import type { OfficerMember, StepOutcome } from "../../src/services/reporting.js";
import { ResponseStore } from "../../src/storage/responses.js";
import { answerer } from "../support/form-harness.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

/**
 * A response this process saved is remembered at its new revision, and the next read sends back
 * only "unmoved": what is remembered must be exactly what Redis holds. Checked after every step of
 * a whole report (lists, edits, a submission, a return by the secretariat, a reopening).
 */
describe("the responses a process remembers", () => {
  let store: TestRedis;
  let deps: Deps;
  let officer: OfficerMember;
  const address = telegramAddress(8_801);
  let updateId = 1;

  beforeAll(async () => {
    store = testRedis();
    deps = depsFor(store);
    const invite = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, Date.now());
    await deps.invites.redeem(invite.code, address, undefined, Date.now());
    officer = (await deps.members.at(address)) as OfficerMember;
  });
  afterAll(() => store.cleanup());

  const fresh = async () => {
    const round = await deps.reports.roundFor(undefined, Date.now());
    return (await deps.reports.exportSource(round!, [])).load("ha-noi");
  };

  /** One update as the bot applies it: the snapshot first, then the step from what it preloaded. */
  const remembered = vi.spyOn(ResponseStore.prototype, "parseUnmoved");
  const stepAs = async (input: Input): Promise<StepOutcome> => {
    const snapshot = await deps.updateReader.read({ chat: 8_801, updateId: updateId++, address, now: Date.now() });
    if (snapshot.form) expect(snapshot.form.loaded.state).toEqual(await fresh());
    const outcome = await deps.reporting.step(officer, input, Date.now(), { preloaded: snapshot.form });
    if (outcome.kind !== "step") throw new Error("expected a step");
    return outcome;
  };

  it("matches Redis after every step of a whole report", async () => {
    const answer = answerer({ compliance: "2" });
    let outcome = await stepAs({ kind: "open" });
    const added = new Map<string, number>();
    for (let steps = 0; steps < 400 && outcome.view.kind !== "review"; steps++) {
      const view = outcome.view;
      if (view.kind === "question") outcome = await stepAs({ kind: "text", text: answer(view.slot) });
      else if (view.kind === "list") {
        const count = added.get(view.node.id) ?? 0;
        added.set(view.node.id, count + 1);
        outcome = await stepAs(
          count < 2 ? { kind: "text", text: `Hệ thống ${count + 1}` } : { kind: "action", seq: outcome.cursor.seq, action: "done" },
        );
      } else throw new Error(`unexpected ${view.kind}`);
    }
    outcome = await stepAs({ kind: "action", seq: outcome.cursor.seq, action: "submit" });
    expect((await fresh())?.status).toBe("submitted");

    const round = await deps.reports.roundFor(undefined, Date.now());
    const returned = await deps.reports.review(round!, "ha-noi", "returned", "Bổ sung hệ thống", "secretariat", Date.now());
    expect(returned.ok).toBe(true);
    outcome = await stepAs({ kind: "open" });
    expect((await fresh())?.review).toBe("returned");
    outcome = await stepAs({ kind: "action", seq: outcome.cursor.seq, action: "submit" });
    const resubmitted = await fresh();
    expect(resubmitted?.status).toBe("submitted");
    expect(resubmitted?.review).toBeUndefined();
    await stepAs({ kind: "open" });
    // Most reads found the response where this process left it, and took it from memory.
    const served = remembered.mock.results.filter((result) => result.type === "return" && result.value !== undefined).length;
    expect(served).toBeGreaterThan(40);
  });
});
