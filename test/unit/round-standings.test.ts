import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Deps } from "../../src/deps.js";
import type { Round } from "../../src/domain/rounds.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

/** Each agency's line in a round, kept per process and read again only where a response moved. */
describe("a round's lines", () => {
  let store: TestRedis;
  let deps: Deps;
  let round: Round;

  beforeAll(async () => {
    store = testRedis();
    deps = depsFor(store);
    const created = await deps.rounds.create(
      { id: "dot-1", name: "Đợt 1", deadline: Date.now() + 86_400_000, targets: { kind: "list", agencies: ["ha-noi", "bac-kan"] } },
      "test",
      Date.now(),
    );
    if (!created.ok) throw new Error(created.reason);
    round = created.round;
  });
  afterAll(() => store.cleanup());

  const standingOf = async (agencyIds: string[]) =>
    (
      await deps.standings.of(
        round,
        agencyIds.map((id) => deps.directory.get(id)!),
      )
    ).rows.map((row) => `${row.agency.id}:${row.standing}`);

  it("follows every change, whichever part of the round each reader asked for", async () => {
    expect(await standingOf(["ha-noi", "bac-kan"])).toEqual(["ha-noi:not-started", "bac-kan:not-started"]);
    await fillThroughService(deps, officer(1, "ha-noi"), answerer(), () => [], { submit: true });
    // One reader asks for Hà Nội only (a consultant's provinces) after the change...
    expect(await standingOf(["ha-noi"])).toEqual(["ha-noi:submitted"]);
    await fillThroughService(deps, officer(2, "bac-kan"), answerer(), () => [], { submit: false });
    expect(await standingOf(["ha-noi"])).toEqual(["ha-noi:submitted"]);
    // ...and the whole round, read after both changes, is not left behind by it.
    expect(await standingOf(["ha-noi", "bac-kan"])).toEqual(["ha-noi:submitted", "bac-kan:in-progress"]);
  });

  it("reads nothing but the round's change counter while nothing moved", async () => {
    await standingOf(["ha-noi", "bac-kan"]);
    const revisions = vi.spyOn(deps.responses, "revisions");
    const loads = vi.spyOn(deps.responses, "loadMany");
    await standingOf(["ha-noi", "bac-kan"]);
    expect(revisions).not.toHaveBeenCalled();
    expect(loads).not.toHaveBeenCalled();
    await fillThroughService(deps, officer(2, "bac-kan"), answerer(), () => [], { submit: true });
    expect(await standingOf(["ha-noi", "bac-kan"])).toEqual(["ha-noi:submitted", "bac-kan:submitted"]);
    // Both revisions read again, only the response that moved read whole.
    expect(revisions).toHaveBeenCalledWith("dot-1", ["ha-noi", "bac-kan"]);
    expect(loads).toHaveBeenCalledWith("dot-1", ["bac-kan"]);
  });
});
