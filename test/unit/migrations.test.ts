import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import type { Deps } from "../../src/deps.js";
import { STANDING_ROUND } from "../../src/services/active-round.js";
import { migrateToAddresses } from "../../src/storage/migrations.js";
import { officer } from "../support/fill-service.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

/**
 * Keys as the bot wrote them before Zalo (members by Telegram user id, numbers everywhere);
 * after the start-up migration every member, answer, cursor and ticket is found as before.
 */
describe("the migration to members with addresses", () => {
  let store: TestRedis;
  let deps: Deps;
  const at = 1_760_000_000_000;
  const key = (rest: string) => `${store.prefix}${rest}`;

  beforeAll(async () => {
    store = testRedis();
    deps = depsFor(store);
    const answer = (v: string | null) => JSON.stringify({ v, by: 7001, at });
    await store.redis
      .multi()
      .hset(key("member:7001"), { role: "officer", agencyId: "ha-noi", joinedAt: String(at), language: "en", "profile:fullName": "Lan" })
      .hset(key("member:7002"), { role: "consultant", consultantId: "ha-thanh-luong", joinedAt: String(at) })
      .hset(key("member:7003"), { role: "secretariat", joinedAt: String(at), blocked: "1" })
      .sadd(key("members"), "7001", "7002", "7003")
      .sadd(key("agency-members:ha-noi"), "7001")
      .sadd(key("consultant-members:ha-thanh-luong"), "7002")
      .sadd(key("secretariat-members"), "7003")
      .hset(key(`response:${STANDING_ROUND.id}:ha-noi`), {
        "m:formVersion": "1",
        "m:status": "submitted",
        "m:submittedAt": String(at),
        "m:submittedBy": "7001",
        "a:officer.fullName": answer("Lan"),
        "a:officer.position": answer("Chuyên viên"),
      })
      .rpush(key(`response-history:${STANDING_ROUND.id}:ha-noi`), JSON.stringify({ path: "officer.fullName", new: "Lan", by: 7001, at }))
      .hset(key(`cursor:${STANDING_ROUND.id}:7001`), { seq: "4", screen: JSON.stringify({ kind: "review" }), prompt: "55" })
      .hset(key("ticket:1"), {
        id: "1",
        agencyId: "ha-noi",
        officerId: "7001",
        officerName: "Lan",
        assignee: "consultant:ha-thanh-luong",
        status: "open",
        createdAt: String(at),
        waitingSince: String(at),
      })
      .rpush(key("ticket-thread:1"), JSON.stringify({ from: "officer", userId: 7001, text: "Hỏi về mục 4.1", at }))
      .set(key("composing:7002"), JSON.stringify({ kind: "answer", ticketId: 1 }))
      .exec();
  });

  afterAll(() => store.cleanup());

  it("gives each member its Telegram address, once", async () => {
    expect(await migrateToAddresses(store.redis, deps.keys)).toBe(3);
    expect(await migrateToAddresses(store.redis, deps.keys)).toBe(0);
    const lan = await deps.members.at(telegramAddress(7001));
    expect(lan).toMatchObject({
      id: "7001",
      binding: { role: "officer", agencyId: "ha-noi" },
      language: "en",
      profile: { fullName: "Lan" },
      addresses: [{ channel: "telegram", id: "7001" }],
      preferred: { channel: "telegram", id: "7001" },
    });
    expect((await deps.members.at(telegramAddress(7003)))?.blocked).toBe(true);
    expect(await deps.members.idsOf({ role: "consultant", consultantId: "ha-thanh-luong" })).toEqual(["7002"]);
  });

  it("finds the answers, the history, the cursor, the ticket and what was being written", async () => {
    const round = await deps.reports.roundFor(undefined, at);
    const state = await (await deps.reports.exportSource(round!, [])).load("ha-noi");
    expect(state?.status).toBe("submitted");
    expect(state?.submittedBy).toBe("7001");
    expect(state?.answers.get("officer.position")).toEqual({ value: "Chuyên viên", by: "7001", at });
    expect(await deps.reporting.history("ha-noi")).toMatchObject([{ path: "officer.fullName", by: "7001" }]);
    const current = await deps.reporting.current(officer(7001, "ha-noi"), at);
    expect(current?.cursor).toEqual({ seq: 4, screen: { kind: "review" } });
    expect(await deps.ticketStore.get(1)).toMatchObject({
      officerId: "7001",
      assignee: { kind: "consultant", consultantId: "ha-thanh-luong" },
    });
    expect(await deps.ticketStore.thread(1)).toEqual([{ from: "officer", userId: "7001", text: "Hỏi về mục 4.1", at }]);
    expect(await deps.composing.get("7002")).toEqual({ kind: "answer", ticketId: 1 });
  });
});
