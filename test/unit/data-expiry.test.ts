import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import { ParkedUpdates } from "../../src/intake/parked.js";
import { REDACTED, redactUpdate } from "../../src/intake/redact.js";
import { type IntakeEntry, IntakeStream, parkedWholeKeyOf } from "../../src/intake/stream.js";
import { createLogger } from "../../src/logger.js";
import { Retention } from "../../src/services/retention.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

const DAY = 24 * 60 * 60 * 1000;

/** A Telegram update with what Decree 13 protects in it: a name, a phone number in the text. */
const telegramUpdate = (updateId: number) => ({
  update_id: updateId,
  message: {
    message_id: 7,
    date: 1_800_000_000,
    chat: { id: 4242, type: "private", first_name: "Lan" },
    from: { id: 4242, is_bot: false, first_name: "Lan", last_name: "Nguyễn", username: "lan_ng", language_code: "vi" },
    text: "Số điện thoại của tôi là 0912 345 678",
  },
});

describe("data that expires: parked updates", () => {
  let store: TestRedis;
  let deps: Deps;
  const streams: IntakeStream<unknown>[] = [];

  const open = () => {
    const stream = new IntakeStream<unknown>(
      store.redis,
      deps.keys.intake("telegram"),
      deps.keys.intakeParked("telegram"),
      createLogger("silent"),
      { consumer: "c1", retryDelayMs: 5, attempts: 1 },
    );
    streams.push(stream);
    return stream;
  };

  /** Stores the update, lets it fail once (attempts: 1), and waits until it is parked. */
  async function parkOne(updateId: number): Promise<void> {
    const stream = open();
    await stream.store("4242", telegramUpdate(updateId));
    let parked = false;
    await stream.start(
      async () => {
        throw new Error("handler failed");
      },
      async () => {
        parked = true;
      },
    );
    await expect.poll(() => parked).toBe(true);
    await stream.stop();
  }

  beforeEach(() => {
    store = testRedis();
    deps = depsFor(store);
  });

  afterEach(async () => {
    await Promise.all(streams.splice(0).map((stream) => stream.stop()));
    await store.cleanup();
  });

  it("redacts text, names, contacts and file ids at any depth, and keeps ids and the update's shape", () => {
    const redacted = JSON.parse(
      redactUpdate(
        JSON.stringify({
          ...telegramUpdate(1),
          callback_query: { id: "9", data: "f:open", message: { caption: "ảnh", photo: [{ file_id: "AgAC", width: 90 }] } },
          contact: { phone_number: "0912345678", first_name: "Lan" },
        }),
      ),
    );
    expect(redacted.update_id).toBe(1);
    expect(redacted.message.text).toBe(REDACTED);
    expect(redacted.message.from).toMatchObject({ id: 4242, first_name: REDACTED, last_name: REDACTED, username: REDACTED });
    expect(redacted.message.from.language_code).toBe("vi");
    expect(redacted.callback_query).toMatchObject({
      data: "f:open",
      message: { caption: REDACTED, photo: [{ file_id: REDACTED, width: 90 }] },
    });
    expect(redacted.contact).toBe(REDACTED);
    // A Zalo event: its sender's display name and text.
    const zalo = JSON.parse(
      redactUpdate(
        JSON.stringify({ event_name: "message.text.received", message: { text: "xin chào", from: { id: "z1", display_name: "Lan" } } }),
      ),
    );
    expect(zalo).toEqual({ event_name: "message.text.received", message: { text: REDACTED, from: { id: "z1", display_name: REDACTED } } });
    expect(redactUpdate("not json {")).toBe(JSON.stringify(REDACTED));
  });

  it("parks an update redacted, keeps it whole beside for a day, and lists it without its text", async () => {
    await parkOne(501);
    const parkedKey = deps.keys.intakeParked("telegram");
    const [[id, fields]] = (await store.redis.xrange(parkedKey, "-", "+")) as [[string, string[]]];
    const kept = fields[fields.indexOf("update") + 1] ?? "";
    expect(kept).not.toContain("0912");
    expect(kept).not.toContain("Lan");
    expect(JSON.parse(kept)).toMatchObject({ update_id: 501, message: { text: REDACTED, chat: { id: 4242 } } });
    const entry = fields[fields.indexOf("entry") + 1] ?? "";
    const whole = parkedWholeKeyOf(parkedKey, entry);
    expect(JSON.parse((await store.redis.get(whole)) ?? "{}")).toEqual(telegramUpdate(501));
    const ttl = await store.redis.ttl(whole);
    expect(ttl).toBeGreaterThan(24 * 3600 - 60);
    expect(ttl).toBeLessThanOrEqual(24 * 3600);

    const listed = await new ParkedUpdates(store.redis, deps.keys).list();
    expect(listed).toEqual([
      {
        channel: "telegram",
        id,
        entry,
        chat: "4242",
        error: "handler failed",
        parkedAt: expect.any(Number),
        kind: "message",
        retriable: true,
      },
    ]);
  });

  it("puts a parked update back into its intake, whole and in its chat's turn, once", async () => {
    await parkOne(502);
    const parked = new ParkedUpdates(store.redis, deps.keys);
    const [listed] = await parked.list();
    const outcome = await parked.retry(listed!.id);
    expect(outcome).toEqual({ ok: true, channel: "telegram", entry: expect.stringMatching(/^\d+-\d+$/) });
    // Not twice: the parked entry left as it went back.
    expect(await parked.retry(listed!.id)).toEqual({ ok: false, reason: "not-found" });
    expect(await parked.list()).toEqual([]);
    expect(await store.redis.exists(parkedWholeKeyOf(deps.keys.intakeParked("telegram"), listed!.entry))).toBe(0);
    expect(await store.redis.zrange(`${deps.keys.intake("telegram")}:waiting:4242`, "0", "-1")).toEqual([outcome.ok ? outcome.entry : ""]);

    // The running intake applies it as it came.
    const applied: IntakeEntry<unknown>[] = [];
    await open().start(
      async (entry) => {
        applied.push(entry);
        return undefined;
      },
      async () => undefined,
    );
    await expect.poll(() => applied.length).toBe(1);
    expect(applied[0]).toMatchObject({ chat: "4242", update: telegramUpdate(502) });
  });

  it("refuses to try again an update parked more than a day ago (only its redacted copy is left), and drops it", async () => {
    await parkOne(503);
    const parked = new ParkedUpdates(store.redis, deps.keys);
    const [listed] = await parked.list();
    // A day on, the whole copy has expired.
    await store.redis.del(parkedWholeKeyOf(deps.keys.intakeParked("telegram"), listed!.entry));
    expect((await parked.list())[0]?.retriable).toBe(false);
    expect(await parked.retry(listed!.id)).toEqual({ ok: false, reason: "redacted" });
    expect(await store.redis.xlen(deps.keys.intake("telegram"))).toBe(0);
    expect(await parked.drop(listed!.id)).toEqual({ ok: true, channel: "telegram", entry: listed!.entry });
    expect(await parked.drop(listed!.id)).toEqual({ ok: false, reason: "not-found" });
    expect(await parked.retry("nonsense")).toEqual({ ok: false, reason: "not-found" });
  });

  it("trims what was parked longer ago than PARKED_RETENTION_DAYS, by the entries' time, on every messenger", async () => {
    const now = Date.now();
    const telegram = deps.keys.intakeParked("telegram");
    const zalo = deps.keys.intakeParked("zalo");
    await store.redis.xadd(telegram, `${now - 8 * DAY}-0`, "entry", "1-0", "chat", "1", "update", "{}", "error", "x");
    await store.redis.xadd(telegram, `${now - 6 * DAY}-0`, "entry", "2-0", "chat", "1", "update", "{}", "error", "x");
    await store.redis.xadd(zalo, `${now - 30 * DAY}-0`, "entry", "3-0", "chat", "z", "update", "{}", "error", "x");
    const parked = new ParkedUpdates(store.redis, deps.keys);
    expect(await parked.expire(now, 7)).toBe(2);
    expect((await parked.list()).map((entry) => entry.entry)).toEqual(["2-0"]);
    expect(await parked.expire(now, 7)).toBe(0);
  });
});

describe("data that expires: closed rounds", () => {
  let store: TestRedis;
  let deps: Deps;

  beforeEach(() => {
    store = testRedis();
    deps = depsFor(store);
  });
  afterEach(() => store.cleanup());

  it("removes the officers' places in a round ROUND_RETENTION_DAYS after it closed, keeps its answers and history, and looks again after a reopening", async () => {
    const now = Date.now();
    const created = await deps.rounds.create(
      { id: "old", name: "Closed long ago", opensAt: now - 60 * DAY, deadline: now - 40 * DAY, targets: { kind: "all" }, closed: true },
      "test",
      now - 61 * DAY,
    );
    const recent = await deps.rounds.create(
      { id: "recent", name: "Closed lately", opensAt: now - 20 * DAY, deadline: now - 5 * DAY, targets: { kind: "all" }, closed: true },
      "test",
      now - 21 * DAY,
    );
    expect(created.ok && recent.ok).toBe(true);
    for (const round of ["old", "recent"]) {
      await store.redis.hset(deps.keys.cursor(round, "111"), { seq: "3", screen: JSON.stringify({ kind: "review" }), prompt: "77" });
      await store.redis.hset(deps.keys.response(round, "ha-noi"), "a:officer.fullName", JSON.stringify({ v: "Lan", by: "111", at: now }));
      await store.redis.rpush(deps.keys.responseHistory(round, "ha-noi"), JSON.stringify({ path: "officer.fullName", by: "111", at: now }));
    }
    await store.redis.set(deps.keys.composing("222"), JSON.stringify({ kind: "review-comment", roundId: "old", agencyId: "ha-noi" }));
    await store.redis.set(deps.keys.composing("333"), JSON.stringify({ kind: "question" }));

    const retention = new Retention(
      store.redis,
      deps.keys,
      deps.rounds,
      new ParkedUpdates(store.redis, deps.keys),
      { parkedDays: 7, roundDays: 30 },
      createLogger("silent"),
    );
    expect(await retention.run(now)).toEqual({ parked: 0, rounds: ["old"], keys: 2 });
    expect(await store.redis.exists(deps.keys.cursor("old", "111"))).toBe(0);
    expect(await store.redis.exists(deps.keys.composing("222"))).toBe(0);
    expect(await store.redis.exists(deps.keys.composing("333"))).toBe(1);
    expect(await store.redis.exists(deps.keys.cursor("recent", "111"))).toBe(1);
    // The record stays.
    expect(await store.redis.hget(deps.keys.response("old", "ha-noi"), "a:officer.fullName")).not.toBeNull();
    expect(await store.redis.llen(deps.keys.responseHistory("old", "ha-noi"))).toBe(1);
    // Done once.
    expect(await retention.run(now)).toEqual({ parked: 0, rounds: [], keys: 0 });

    // Reopened, filled in again, closed again: its places go once that closing is old enough.
    await deps.rounds.reopen("old");
    await deps.rounds.close("old", now - 31 * DAY);
    await store.redis.hset(deps.keys.cursor("old", "111"), { seq: "4", screen: JSON.stringify({ kind: "review" }) });
    expect(await retention.run(now)).toMatchObject({ rounds: ["old"], keys: 1 });
    // ROUND_RETENTION_DAYS=0: at once.
    const atOnce = new Retention(
      store.redis,
      deps.keys,
      deps.rounds,
      new ParkedUpdates(store.redis, deps.keys),
      { parkedDays: 7, roundDays: 0 },
      createLogger("silent"),
    );
    expect(await atOnce.run(now)).toMatchObject({ rounds: ["recent"], keys: 1 });
  });
});
