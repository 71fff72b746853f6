import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type IntakeEntry, type IntakeOptions, IntakeStream } from "../../src/intake/stream.js";
import { createLogger } from "../../src/logger.js";
import { type TestRedis, testRedis } from "../support/redis.js";

interface Update {
  n: number;
}

/** Updates kept in a Redis Stream before they are applied: order per chat, retries, parking, recovery. */
describe("the intake stream", () => {
  let store: TestRedis;
  const streams: IntakeStream<Update>[] = [];
  const streamKey = () => `${store.prefix}intake:test`;
  const parkedKey = () => `${store.prefix}intake-parked:test`;

  const open = (options: IntakeOptions = {}) => {
    const stream = new IntakeStream<Update>(store.redis, streamKey(), parkedKey(), createLogger("silent"), {
      consumer: "c1",
      retryDelayMs: 10,
      ...options,
    });
    streams.push(stream);
    return stream;
  };

  /** Resolves when `count` entries were applied. */
  const collector = (count: number) => {
    const applied: string[] = [];
    let done: () => void = () => undefined;
    const all = new Promise<void>((resolve) => {
      done = resolve;
    });
    const apply = async (entry: IntakeEntry<Update>) => {
      // Later entries of one chat finish faster: only the intake can keep them in order.
      await new Promise((resolve) => setTimeout(resolve, 30 - entry.update.n * 5));
      applied.push(`${entry.chat}:${entry.update.n}`);
      if (applied.length === count) done();
      return undefined;
    };
    return { applied, all, apply };
  };

  beforeEach(() => {
    store = testRedis();
  });

  afterEach(async () => {
    await Promise.all(streams.splice(0).map((stream) => stream.stop()));
    await store.cleanup();
  });

  it("keeps an entry stored before chats had waiting sets ahead of the chat's younger ones", async () => {
    const stream = open();
    // As a version before the waiting sets kept it: in the stream only.
    await store.redis.xadd(streamKey(), "*", "chat", "a", "update", JSON.stringify({ n: 1 }));
    await stream.store("a", { n: 2 });
    await stream.store("a", { n: 3 });
    const { applied, all, apply } = collector(3);
    await stream.start(apply, async () => undefined);
    await all;
    expect(applied).toEqual(["a:1", "a:2", "a:3"]);
    expect(await store.redis.zcard(`${streamKey()}:waiting:a`)).toBe(0);
  });

  it("applies one chat's updates in order, chats side by side, and empties the stream", async () => {
    const stream = open();
    for (let n = 1; n <= 5; n++) {
      await stream.store("a", { n });
      await stream.store("b", { n });
    }
    const { applied, all, apply } = collector(10);
    await stream.start(apply, async () => undefined);
    await all;
    expect(applied.filter((id) => id.startsWith("a:"))).toEqual(["a:1", "a:2", "a:3", "a:4", "a:5"]);
    expect(applied.filter((id) => id.startsWith("b:"))).toEqual(["b:1", "b:2", "b:3", "b:4", "b:5"]);
    await expect.poll(() => store.redis.xlen(streamKey())).toBe(0);
  });

  it("keeps an update once under its dedupe key (a messenger's redelivery)", async () => {
    const stream = open();
    const dedupe = { key: `${store.prefix}seen:m1`, seconds: 60 };
    expect(await stream.store("a", { n: 1 }, dedupe)).toBe(true);
    expect(await stream.store("a", { n: 1 }, dedupe)).toBe(false);
    expect(await store.redis.xlen(streamKey())).toBe(1);
  });

  it("tries a failing update again, parks it when it keeps failing, and goes on with the chat's next", async () => {
    const stream = open({ attempts: 3 });
    await stream.store("a", { n: 1 });
    await stream.store("a", { n: 2 });
    let tries = 0;
    const parked: number[] = [];
    const { applied, all, apply } = collector(1);
    await stream.start(
      async (entry) => {
        if (entry.update.n === 1) {
          tries += 1;
          throw new Error("always fails");
        }
        return apply(entry);
      },
      async (entry) => {
        parked.push(entry.update.n);
      },
    );
    await all;
    expect(tries).toBe(3);
    expect(parked).toEqual([1]);
    expect(applied).toEqual(["a:2"]);
    const [[, fields]] = (await store.redis.xrange(parkedKey(), "-", "+")) as [[string, string[]]];
    expect(fields).toEqual(expect.arrayContaining(["chat", "a", "update", '{"n":1}', "error", "always fails"]));
  });

  it("after a crash, applies what the same consumer had taken first, then what came later", async () => {
    const first = open();
    await first.store("a", { n: 1 });
    await first.store("a", { n: 2 });
    // A process took both and died before applying them: they are pending for its name.
    await store.redis.xgroup("CREATE", streamKey(), "bot", "0", "MKSTREAM");
    await store.redis.xreadgroup("GROUP", "bot", "c1", "COUNT", 10, "STREAMS", streamKey(), ">");
    await first.store("a", { n: 3 });
    const { applied, all, apply } = collector(3);
    await open().start(apply, async () => undefined);
    await all;
    expect(applied).toEqual(["a:1", "a:2", "a:3"]);
  });

  it("parks an update that every process beginning it died on, tells its sender once, and goes on with the chat", async () => {
    const first = open();
    await first.store("a", { n: 1 });
    await first.store("a", { n: 2 });
    await store.redis.xgroup("CREATE", streamKey(), "bot", "0", "MKSTREAM");
    await store.redis.xreadgroup("GROUP", "bot", "c1", "COUNT", 1, "STREAMS", streamKey(), ">");
    const [oldest] = (await store.redis.xrange(streamKey(), "-", "+", "COUNT", 1)) as [string, string[]][];
    // Five processes began applying it and died: what a restart finds.
    await store.redis.hset(`${streamKey()}:starts`, oldest![0], "5");
    const { applied, all, apply } = collector(1);
    const told: number[] = [];
    await open().start(apply, async (entry) => void told.push(entry.update.n));
    await all;
    expect(applied).toEqual(["a:2"]);
    expect(told).toEqual([1]);
    const parked = (await store.redis.xrange(parkedKey(), "-", "+")) as [string, string[]][];
    expect(parked.map(([, fields]) => fields[fields.indexOf("error") + 1])).toEqual([
      "began 5 times and never finished: each process that began it stopped",
    ]);
    expect(await store.redis.xlen(streamKey())).toBe(0);
    expect(await store.redis.exists(`${streamKey()}:starts`)).toBe(0);
  });

  it("does not park an update handed out again and again while it only waited its turn", async () => {
    const first = open();
    await first.store("a", { n: 1 });
    await store.redis.xgroup("CREATE", streamKey(), "bot", "0", "MKSTREAM");
    await store.redis.xreadgroup("GROUP", "bot", "c1", "COUNT", 1, "STREAMS", streamKey(), ">");
    // Ten restarts took it up and died before its turn came: it never began.
    for (let restart = 0; restart < 10; restart++)
      await store.redis.xreadgroup("GROUP", "bot", "c1", "COUNT", 1, "STREAMS", streamKey(), "0");
    const { applied, all, apply } = collector(1);
    await open().start(apply, async () => undefined);
    await all;
    expect(applied).toEqual(["a:1"]);
    expect(await store.redis.xlen(parkedKey())).toBe(0);
  });

  it("does not take up again an entry of its own that waits its turn behind a slow one", async () => {
    const stream = open({ reclaimIdleMs: 50, reclaimEveryMs: 50 });
    await stream.store("a", { n: 1 });
    await stream.store("a", { n: 2 });
    const applied: number[] = [];
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    await stream.start(
      async (entry) => {
        if (entry.update.n === 1) await slow;
        applied.push(entry.update.n);
        return undefined;
      },
      async () => undefined,
    );
    // The reclaimer (which looks between blocking reads of a second) has taken both entries up
    // again, as their delivery counts show, while entry 2 waits behind entry 1.
    try {
      await expect
        .poll(
          async () => {
            const pending = (await store.redis.xpending(streamKey(), "bot", "-", "+", 10)) as [string, string, number, number][];
            return Math.min(...pending.map(([, , , deliveries]) => deliveries));
          },
          { timeout: 10_000 },
        )
        .toBeGreaterThanOrEqual(2);
    } finally {
      release();
    }
    // Stopping waits for everything this stream holds to settle.
    streams.splice(streams.indexOf(stream), 1);
    await stream.stop();
    expect(applied).toEqual([1, 2]);
  });

  it("takes over what another consumer left pending once it has been idle long enough", async () => {
    const stream = open({ consumer: "c2", reclaimIdleMs: 50, reclaimEveryMs: 50 });
    await stream.store("a", { n: 1 });
    await store.redis.xgroup("CREATE", streamKey(), "bot", "0", "MKSTREAM");
    await store.redis.xreadgroup("GROUP", "bot", "dead", "COUNT", 10, "STREAMS", streamKey(), ">");
    const { applied, all, apply } = collector(1);
    await stream.start(apply, async () => undefined);
    await all;
    expect(applied).toEqual(["a:1"]);
  });

  it("keeps each chat in order when two processes share the stream, and applies every entry once", async () => {
    const chats = ["a", "b", "c", "d"];
    for (let n = 1; n <= 12; n++) for (const chat of chats) await open().store(chat, { n });
    const applied: string[] = [];
    let done: () => void = () => undefined;
    const all = new Promise<void>((resolve) => {
      done = resolve;
    });
    const apply = async (entry: IntakeEntry<Update>) => {
      // Uneven work, so the two processes overtake each other.
      await new Promise((resolve) => setTimeout(resolve, (entry.update.n * 7 + entry.chat.charCodeAt(0)) % 13));
      applied.push(`${entry.chat}:${entry.update.n}`);
      if (applied.length === 48) done();
      return undefined;
    };
    await Promise.all([
      open({ consumer: "p1" }).start(apply, async () => undefined),
      open({ consumer: "p2" }).start(apply, async () => undefined),
    ]);
    await all;
    for (const chat of chats)
      expect(applied.filter((id) => id.startsWith(`${chat}:`))).toEqual(Array.from({ length: 12 }, (_, i) => `${chat}:${i + 1}`));
    expect(new Set(applied).size).toBe(48);
    const consumers = (await store.redis.xinfo("CONSUMERS", streamKey(), "bot")) as unknown[];
    expect(consumers.length).toBe(2);
  });

  it("applies an entry taken over from a dead process before the younger ones of its chat", async () => {
    const stream = open({ consumer: "c2", reclaimIdleMs: 50, reclaimEveryMs: 50 });
    await stream.store("a", { n: 1 });
    await store.redis.xgroup("CREATE", streamKey(), "bot", "0", "MKSTREAM");
    await store.redis.xreadgroup("GROUP", "bot", "dead", "COUNT", 10, "STREAMS", streamKey(), ">");
    await stream.store("a", { n: 2 });
    const { applied, all, apply } = collector(2);
    await stream.start(apply, async () => undefined);
    await all;
    expect(applied).toEqual(["a:1", "a:2"]);
    await expect.poll(() => store.redis.exists(`${streamKey()}:waiting:a`)).toBe(0);
  });

  it("writes what applying an entry left to note in the transaction that acknowledges it", async () => {
    const stream = open();
    await stream.store("a", { n: 1 });
    await stream.store("a", { n: 2 });
    const noteKey = `${store.prefix}note`;
    await stream.start(
      async (entry) => (transaction) => {
        transaction.rpush(noteKey, String(entry.update.n));
      },
      async () => undefined,
    );
    await expect.poll(() => store.redis.xlen(streamKey())).toBe(0);
    // Acknowledged and noted together: the stream cannot be empty before the second note is written.
    expect(await store.redis.lrange(noteKey, 0, -1)).toEqual(["1", "2"]);
    expect(await store.redis.xpending(streamKey(), "bot")).toEqual([0, null, null, null]);
  });
});
