import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import { STANDING_ROUND } from "../../src/services/active-round.js";
import { officer } from "../support/fill-service.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

/** Each answer keeps who gave it, when, and on which messenger, for the console's report page. */
describe("where an answer came from", () => {
  let store: TestRedis;
  let deps: Deps;
  const lan = officer(7, "ha-noi");

  beforeAll(() => {
    store = testRedis();
    deps = depsFor(store);
  });
  afterAll(() => store.cleanup());

  it("keeps the messenger of each step with the answers it gave, and counts the round's changes", async () => {
    const before = Number(await deps.responses.roundChanges(STANDING_ROUND.id));
    await deps.reporting.step(lan, { kind: "open" }, 1_000, { via: "zalo" });
    await deps.reporting.step(lan, { kind: "text", text: "Nguyễn Thị Lan" }, 2_000, { via: "zalo" });
    await deps.reporting.step(lan, { kind: "text", text: "Sở Thông tin và Truyền thông" }, 3_000, { via: "telegram" });
    const state = await deps.responses.loadState(STANDING_ROUND.id, "ha-noi");
    expect(state?.answers.get("officer.fullName")).toEqual({ value: "Nguyễn Thị Lan", by: "7", at: 2_000, via: "zalo" });
    expect(state?.answers.get("officer.agency")).toMatchObject({ by: "7", at: 3_000, via: "telegram" });
    expect(Number(await deps.responses.roundChanges(STANDING_ROUND.id))).toBeGreaterThanOrEqual(before + 3);
  });
});
