import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import { STANDING_ROUND } from "../../src/services/active-round.js";
import { HISTORY_MAX } from "../../src/storage/responses.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

/** What grows with use is bounded: a response's history keeps its latest HISTORY_MAX records. */
describe("retention", () => {
  let store: TestRedis;
  let deps: Deps;

  beforeAll(() => {
    store = testRedis();
    deps = depsFor(store);
  });
  afterAll(() => store.cleanup());

  it("keeps the latest records of a long history, the newest step's among them", async () => {
    const key = deps.keys.responseHistory(STANDING_ROUND.id, "ha-noi");
    const old = JSON.stringify({ path: "officer.fullName", old: "A", new: "B", by: "0", at: 0 });
    await store.redis.rpush(key, ...Array.from({ length: HISTORY_MAX }, () => old));
    await fillThroughService(deps, officer(1, "ha-noi"), answerer({ fullName: "Lê Thị Thu" }), () => [], { submit: false, stopAfter: 1 });
    expect(await store.redis.llen(key)).toBe(HISTORY_MAX);
    const history = await deps.reporting.history("ha-noi");
    expect(history.at(-1)).toMatchObject({ path: "officer.fullName", new: "Lê Thị Thu", by: "1" });
  });
});
