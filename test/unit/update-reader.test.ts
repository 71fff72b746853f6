import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import type { Deps } from "../../src/deps.js";
import type { Redis } from "../../src/redis.js";
import type { OfficerMember } from "../../src/services/reporting.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

/** Writes to the connection's socket: one per round trip (a script, or commands pipelined together). */
function countRoundTrips(redis: Redis): { count: () => number; restore: () => void } {
  const stream = (redis as unknown as { stream: { write: (...args: unknown[]) => boolean } }).stream;
  const write = stream.write;
  let writes = 0;
  stream.write = (...args: unknown[]) => {
    writes += 1;
    return write.apply(stream, args);
  };
  return {
    count: () => writes,
    restore: () => {
      stream.write = write;
    },
  };
}

/**
 * What an update starts from is read in one round trip, an officer's response with it once the
 * process knows them; a guess that no longer holds (a new round opened by another process) is
 * caught, and the step reads the right response.
 */
describe("the reads an update starts from", () => {
  let store: TestRedis;
  let deps: Deps;
  const address = telegramAddress(5_001);
  let officer: OfficerMember;
  let updateId = 1;
  const read = () => deps.updateReader.read({ chat: 5_001, updateId: updateId++, address, now: Date.now() });

  beforeAll(async () => {
    store = testRedis();
    deps = depsFor(store);
    await store.redis.ping();
    const invite = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, Date.now());
    await deps.invites.redeem(invite.code, address, undefined, Date.now());
  });
  afterAll(() => store.cleanup());

  it("finds the member in one round trip, and nothing else for someone this process has not seen", async () => {
    const trips = countRoundTrips(store.redis);
    const snapshot = await read();
    trips.restore();
    expect(trips.count()).toBe(1);
    expect(snapshot.state).toBe("new");
    expect(snapshot.member?.binding).toEqual({ role: "officer", agencyId: "ha-noi" });
    expect(snapshot.form).toBeUndefined();
    officer = snapshot.member as OfficerMember;
  });

  it("takes the officer's response and place along once the process knows the round they answer in", async () => {
    const opened = await deps.reporting.step(officer, { kind: "open" }, Date.now());
    if (opened.kind !== "step") throw new Error("expected a step");
    const trips = countRoundTrips(store.redis);
    const snapshot = await read();
    trips.restore();
    expect(trips.count()).toBe(1);
    expect(snapshot.form?.round.id).toBe(opened.roundId);
    expect(snapshot.form?.loaded.cursor?.cursor.seq).toBe(opened.cursor.seq);
    expect(snapshot.form?.loaded.state?.formVersion).toBeGreaterThan(0);
  });

  it("drops the guess when another process opened a round for the agency, and the step answers in that round", async () => {
    const other = depsFor(store);
    const created = await other.rounds.create(
      { id: "r-new", name: "Đợt mới", opensAt: Date.now() - 1_000, deadline: Date.now() + 86_400_000, targets: { kind: "all" } },
      "test",
      Date.now(),
    );
    expect(created.ok).toBe(true);
    const snapshot = await read();
    expect(snapshot.form).toBeUndefined();
    const step = await deps.reporting.step(officer, { kind: "open" }, Date.now(), { preloaded: snapshot.form });
    expect(step.kind === "step" && step.roundId).toBe("r-new");
    expect((await read()).form?.round.id).toBe("r-new");
  });

  it("tells a saved update and a handled one from a new one", async () => {
    const id = updateId++;
    await deps.reporting.step(officer, { kind: "open" }, Date.now(), { applied: deps.appliedUpdates.markFor(5_001, id) });
    const at = (update: number) => deps.updateReader.read({ chat: 5_001, updateId: update, address, now: Date.now() });
    expect((await at(id)).state).toBe("saved");
    const acknowledgement = deps.redis.multi();
    deps.appliedUpdates.settlement(5_001, id, { answerSaved: false, shown: undefined })(acknowledgement);
    await acknowledgement.exec();
    expect((await at(id)).state).toBe("handled");
    expect((await at(id + 1_000)).state).toBe("new");
  });
});
