import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import type { OutboxMessage } from "../../src/jobs/outbox.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

/** `broadcast resend <id>`: the recipients a broadcast did not reach, again, each once. */
describe("broadcast resend", () => {
  let store: TestRedis;
  let deps: Deps;
  const queued: OutboxMessage[] = [];
  const enqueue = async (messages: OutboxMessage[]) => {
    queued.push(...messages);
  };
  const wording = (language: string, text: string) => ({ text: `[${language}] ${text}` });

  beforeEach(() => {
    store = testRedis();
    deps = depsFor(store);
    queued.length = 0;
  });
  afterEach(() => store.cleanup());

  const recipients = [
    { memberId: "1", agencyId: "ha-noi" },
    { memberId: "2", agencyId: "ha-noi" },
    { memberId: "3", agencyId: "bac-kan" },
    { memberId: "4", agencyId: "da-nang" },
  ];

  async function sendOnce(): Promise<string> {
    const id = await deps.broadcasts.create("s-1", "Hạn nộp báo cáo là 20/6", recipients);
    const results = { "1": "sent", "2": "failed", "3": "blocked", "4": "sent" } as const;
    for (const recipient of recipients) {
      await deps.broadcasts.settle(
        deps.broadcasts.messageFor(id, recipient, { text: "x" }),
        results[recipient.memberId as keyof typeof results],
      );
    }
    return id;
  }

  it("sends again to whoever it did not reach, counts them again, and reports once more when they end", async () => {
    const id = await sendOnce();
    expect(await deps.broadcasts.report(id)).toMatchObject({
      total: 4,
      sent: 2,
      failed: 1,
      blocked: 1,
      done: true,
      unreached: ["bac-kan", "ha-noi"],
    });
    expect(await store.redis.hgetall(deps.keys.broadcastFailed(id))).toEqual({ "2": "failed|ha-noi", "3": "blocked|bac-kan" });

    expect(await deps.broadcasts.resend(id, enqueue, wording)).toEqual({ ok: true, queued: 2, resend: 1 });
    expect(queued.map((message) => [message.id, message.memberId, message.agencyId, message.broadcastId, message.message.text])).toEqual([
      [`${id}-r1-2`, "2", "ha-noi", id, "[vi] Hạn nộp báo cáo là 20/6"],
      [`${id}-r1-3`, "3", "bac-kan", id, "[vi] Hạn nộp báo cáo là 20/6"],
    ]);
    // Their results leave the report until their new messages end.
    expect(await deps.broadcasts.report(id)).toMatchObject({ total: 4, sent: 2, failed: 0, blocked: 0, done: false, unreached: [] });
    // Asked again meanwhile: the same messages, under the same ids (the outbox keeps one of each).
    expect(await deps.broadcasts.resend(id, enqueue, wording)).toEqual({ ok: true, queued: 2, resend: 0 });
    expect(new Set(queued.map((message) => message.id)).size).toBe(2);

    const [toTwo, toThree] = queued;
    expect(await deps.broadcasts.settle(toTwo!, "sent")).toBeUndefined();
    // The last to end reports to the sender again.
    expect(await deps.broadcasts.settle(toThree!, "blocked")).toMatchObject({
      sent: 3,
      blocked: 1,
      failed: 0,
      done: true,
      senderId: "s-1",
    });
    // A message that ended counts once however often it is settled.
    expect(await deps.broadcasts.settle(toTwo!, "sent")).toBeUndefined();
    expect(await deps.broadcasts.report(id)).toMatchObject({ total: 4, sent: 3, blocked: 1, unreached: ["bac-kan"] });

    // The next resend takes only the one still not reached, under its own number.
    queued.length = 0;
    expect(await deps.broadcasts.resend(id, enqueue, wording)).toEqual({ ok: true, queued: 1, resend: 2 });
    expect(queued.map((message) => message.id)).toEqual([`${id}-r2-3`]);
  });

  it("has nothing to send for a broadcast that reached everyone, and knows no broadcast it never made", async () => {
    const id = await deps.broadcasts.create(undefined, "ok", recipients.slice(0, 1));
    await deps.broadcasts.settle(deps.broadcasts.messageFor(id, recipients[0]!, { text: "x" }), "sent");
    expect(await deps.broadcasts.resend(id, enqueue, wording)).toEqual({ ok: false, reason: "broadcast-resend-nothing", params: { id } });
    expect(await deps.broadcasts.resend("b999", enqueue, wording)).toEqual({
      ok: false,
      reason: "broadcast-resend-unknown",
      params: { id: "b999" },
    });
    expect(queued).toEqual([]);
  });

  it("reaches again, for a broadcast from before recipients were kept, the officers of its unreached agencies not marked sent", async () => {
    // As an older version kept it: counters and unreached agencies only.
    await store.redis.hset(deps.keys.broadcast("b7"), { total: "2", sent: "1", blocked: "0", failed: "1", text: "Cũ" });
    await store.redis.sadd(deps.keys.broadcastUnreached("b7"), "ha-noi");
    await store.redis.sadd(deps.keys.agencyMembers("ha-noi"), "11", "12");
    await store.redis.set(deps.keys.outboxSent("b7-11"), "sent");
    expect(await deps.broadcasts.resend("b7", enqueue, wording)).toEqual({ ok: true, queued: 1, resend: 1 });
    expect(queued.map((message) => message.id)).toEqual(["b7-r1-12"]);
    expect(await deps.broadcasts.report("b7")).toMatchObject({ total: 3, sent: 1, failed: 1, done: false });
  });
});
