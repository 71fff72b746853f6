import { hostname } from "node:os";
import type { Logger } from "../logger.js";
import { channelOfStream, intakeUpdates } from "../metrics.js";
import { COMMAND_TIMEOUT_MS, isRedisUp, type Redis } from "../redis.js";
import type { Settlement } from "../storage/applied-updates.js";
import { redactUpdate } from "./redact.js";

/**
 * Updates are kept in Redis before the messenger is told they arrived (before the webhook's 200,
 * before Telegram's offset moves), then applied from there: one chat's updates one after another,
 * each retried while it fails and parked with a log line when it keeps failing, never dropped.
 * A Redis Stream with a consumer group holds them, so a process that dies leaves its entries
 * pending: the same consumer name (INSTANCE_ID, or the host's) takes them up first on restart, and
 * another process claims them after a minute. Each messenger has its own stream.
 *
 * Several processes share a stream: the group gives each entry to one of them, and each chat's
 * entries still go in the order they were kept, because a sorted set per chat (written with the
 * entry) lists those not yet applied, and an entry waits until it is the first of its chat.
 *
 * An entry is acknowledged in one transaction with what applying it left to write (the update's
 * marks): one round trip for both.
 */

export interface IntakeEntry<T> {
  /** The stream's id of the entry, `<ms>-<n>`. */
  id: string;
  /** The same as one increasing number, for marks that order entries. */
  seq: number;
  chat: string;
  update: T;
  /** Handed out before (to this process before it restarted, or to another): it may be what killed it. */
  redelivered?: boolean;
}

export interface IntakeOptions {
  /** The consumer's name in the group; stable across restarts of one process. */
  consumer?: string;
  /** Tries before an entry is parked; a try while Redis is unreachable does not count. */
  attempts?: number;
  /** Wait before the second try; doubled each time. */
  retryDelayMs?: number;
  /** Entries another consumer left pending this long are taken over: it has died. */
  reclaimIdleMs?: number;
  /**
   * An entry whose applying began more often than this without ending is parked: each process that
   * began it died (a poison update), so beginning it again would only kill the next one.
   */
  maxStarts?: number;
  /** How often to look for such entries. */
  reclaimEveryMs?: number;
}

const GROUP = "bot";
const BLOCK_MS = 1_000;
/**
 * Chats applied at once by one process. Beyond it entries wait in the stream, in order, instead of
 * sharing the CPU with hundreds of others: when everyone answers at once, each then waits about as
 * long as the next (bench:load's rush p99 2.4 s with 256 against 4–7 s with 500, the same
 * throughput). It leaves room for a slow Telegram: 500 updates a second, each holding its chat for
 * a round trip or two, need about a hundred.
 */
const MAX_IN_FLIGHT = 256;
const PARKED_MAXLEN = 10_000;
/** How long a parked update is kept whole, for an operator to try again (`npm run cli -- intake parked retry`). */
export const PARKED_WHOLE_SECONDS = 24 * 60 * 60;

/** The sorted set of a chat's entries not yet applied, beside its stream. */
export const waitingKeyOf = (stream: string, chat: string): string => `${stream}:waiting:${chat}`;
/** The whole update of a parked entry (by its intake entry id), beside the parked stream; it expires after a day. */
export const parkedWholeKeyOf = (parked: string, entryId: string): string => `${parked}:whole:${entryId}`;

/**
 * KEYS: the dedupe key (or the stream again), the stream, the chat's waiting entries. ARGV: dedupe
 * ttl (0: none), chat, update. The stream is not capped: an entry leaves it once applied or
 * parked, never unapplied. The chat's set scores entries as `entrySeq` does.
 */
const STORE_SCRIPT = `
if ARGV[1] ~= '0' then
  if not redis.call('SET', KEYS[1], '1', 'EX', ARGV[1], 'NX') then return false end
end
local id = redis.call('XADD', KEYS[2], '*', 'chat', ARGV[2], 'update', ARGV[3])
local ms, n = string.match(id, '(%d+)-(%d+)')
redis.call('ZADD', KEYS[3], tonumber(ms) * 1000 + math.min(tonumber(n), 999), id)
return id
`;

export const entrySeq = (id: string): number => {
  const [ms = "0", n = "0"] = id.split("-");
  return Number(ms) * 1000 + Math.min(Number(n), 999);
};

type RawEntry = [id: string, fields: string[]];

export class IntakeStream<T> {
  private readonly consumer: string;
  /** The messenger, for the metrics' label: the stream key's last part. */
  private readonly channel: string;
  private readonly attempts: number;
  private readonly retryDelayMs: number;
  private readonly reclaimIdleMs: number;
  private readonly reclaimEveryMs: number;
  private readonly maxStarts: number;
  /** Each chat's entries this process holds, oldest first, and the one worker applying them. */
  private readonly queues = new Map<string, IntakeEntry<T>[]>();
  private readonly workers = new Map<string, Promise<void>>();
  /** Entries this process holds, so that one waiting its turn is not taken up a second time when it looks idle. */
  private readonly inFlight = new Set<string>();
  private reader: Redis | undefined;
  private loop: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly redis: Redis,
    private readonly stream: string,
    private readonly parked: string,
    private readonly logger: Logger,
    options: IntakeOptions = {},
  ) {
    this.consumer = options.consumer ?? hostname();
    this.attempts = options.attempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.reclaimIdleMs = options.reclaimIdleMs ?? 60_000;
    this.reclaimEveryMs = options.reclaimEveryMs ?? 10_000;
    this.maxStarts = options.maxStarts ?? 5;
    this.channel = channelOfStream(stream);
  }

  /**
   * Keeps an update; resolves once it is durable. False when its dedupe key was seen within
   * `dedupe.seconds` (a redelivery). Throws when Redis cannot take it: the messenger must not be
   * told it arrived.
   */
  async store(chat: string, update: T, dedupe?: { key: string; seconds: number }): Promise<boolean> {
    const id = await this.redis.eval(
      STORE_SCRIPT,
      3,
      dedupe?.key ?? this.stream,
      this.stream,
      this.waitingKey(chat),
      String(dedupe?.seconds ?? 0),
      chat,
      JSON.stringify(update),
    );
    if (id !== null) intakeUpdates.inc({ channel: this.channel, outcome: "kept" });
    return id !== null;
  }

  /**
   * Applies entries until stopped; `apply` may return commands to write with the entry's
   * acknowledgement. `parked` hears of an entry given up on, after its log line.
   */
  async start(
    apply: (entry: IntakeEntry<T>) => Promise<Settlement | undefined>,
    parked: (entry: IntakeEntry<T>, error: unknown) => Promise<void>,
  ): Promise<void> {
    try {
      await this.redis.xgroup("CREATE", this.stream, GROUP, "0", "MKSTREAM");
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith("BUSYGROUP"))) throw error;
    }
    await this.backfillWaiting();
    const handle = { apply, parked };
    // What this consumer took before it stopped comes first, in order.
    let after = "0";
    for (;;) {
      const own = await this.read(after, 100);
      const last = own.at(-1);
      if (!last) break;
      for (const entry of own) this.dispatch({ ...entry, redelivered: true }, handle);
      after = last.id;
    }
    this.loop = this.run(handle);
  }

  /**
   * Entries kept by a version before chats had their waiting sets (or whose set entry was lost)
   * join their chat's set, so that they too go before the chat's younger entries. Idempotent, and
   * harmless beside another process: an entry applied meanwhile is forgotten by `turnOf`.
   */
  private async backfillWaiting(): Promise<void> {
    for (let from = "-"; ; ) {
      const batch = (await this.redis.xrange(this.stream, from, "+", "COUNT", 500)) as RawEntry[];
      const pipeline = this.redis.pipeline();
      for (const [id, fields] of batch) {
        const chat = fields[fields.indexOf("chat") + 1];
        if (fields.includes("chat") && chat !== undefined) pipeline.zadd(this.waitingKey(chat), "NX", entrySeq(id), id);
      }
      if (batch.length) await pipeline.exec();
      const last = batch.at(-1)?.[0];
      if (!last || batch.length < 500) return;
      from = `(${last}`;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.reader?.disconnect();
    this.reader = undefined;
    await this.loop;
    await Promise.allSettled([...this.workers.values()]);
  }

  private async run(handle: Handlers<T>): Promise<void> {
    let nextReclaim = Date.now() + this.reclaimEveryMs;
    while (!this.stopped) {
      try {
        if (Date.now() >= nextReclaim) {
          nextReclaim = Date.now() + this.reclaimEveryMs;
          for (const entry of await this.reclaim()) this.dispatch({ ...entry, redelivered: true }, handle);
        }
        if (this.workers.size >= MAX_IN_FLIGHT) {
          await Promise.race(this.workers.values());
          continue;
        }
        for (const entry of await this.read(">", 100, BLOCK_MS)) this.dispatch(entry, handle);
      } catch (error) {
        if (this.stopped) return;
        this.logger.warn({ stream: this.stream, error: (error as Error).message }, "intake read failed; trying again");
        await sleep(1_000);
      }
    }
  }

  /**
   * Reads on a connection of its own (a blocking read would hold up every other command). A read
   * that outlives its time (one sent as Redis went away can wait forever) drops the connection.
   */
  private async read(from: string, count: number, blockMs?: number): Promise<IntakeEntry<T>[]> {
    if (!this.reader) {
      this.reader = this.redis.duplicate();
      // Its failures reach the loop through the reads, which log them.
      this.reader.on("error", () => undefined);
    }
    const reader = this.reader;
    const reading =
      blockMs === undefined
        ? reader.xreadgroup("GROUP", GROUP, this.consumer, "COUNT", count, "STREAMS", this.stream, from)
        : reader.xreadgroup("GROUP", GROUP, this.consumer, "COUNT", count, "BLOCK", blockMs, "STREAMS", this.stream, from);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("intake read timed out")), (blockMs ?? 0) + COMMAND_TIMEOUT_MS);
    });
    try {
      const result = (await Promise.race([reading, late])) as [string, RawEntry[]][] | null;
      return (result?.[0]?.[1] ?? []).flatMap((raw) => this.parse(raw));
    } catch (error) {
      reader.disconnect();
      if (this.reader === reader) this.reader = undefined;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async reclaim(): Promise<IntakeEntry<T>[]> {
    const [, claimed] = (await this.redis.xautoclaim(this.stream, GROUP, this.consumer, this.reclaimIdleMs, "0-0", "COUNT", 100)) as [
      string,
      RawEntry[],
    ];
    return claimed.flatMap((raw) => this.parse(raw));
  }

  private parse([id, fields]: RawEntry): IntakeEntry<T>[] {
    // An entry deleted after it was claimed comes back without fields: it is done.
    if (!fields) return [];
    const value = (name: string) => fields[fields.indexOf(name) + 1];
    try {
      return [{ id, seq: entrySeq(id), chat: value("chat") ?? "", update: JSON.parse(value("update") ?? "null") as T }];
    } catch {
      this.logger.error({ stream: this.stream, entry: id }, "intake entry that is not JSON; parked");
      void this.park(id, value("chat") ?? "", fields.join(" "), "not JSON");
      return [];
    }
  }

  /** One chat's entries one after another, oldest first; different chats at once. */
  private dispatch(entry: IntakeEntry<T>, handle: Handlers<T>): void {
    if (this.inFlight.has(entry.id)) return;
    this.inFlight.add(entry.id);
    this.enqueue(entry);
    if (this.workers.has(entry.chat)) return;
    const worker = this.drain(entry.chat, handle).finally(() => this.workers.delete(entry.chat));
    this.workers.set(entry.chat, worker);
  }

  /** Into its chat's queue by age: one taken over from a dead process goes before younger ones. */
  private enqueue(entry: IntakeEntry<T>): void {
    const queue = this.queues.get(entry.chat) ?? [];
    const at = queue.findIndex((queued) => queued.seq > entry.seq);
    queue.splice(at === -1 ? queue.length : at, 0, entry);
    this.queues.set(entry.chat, queue);
  }

  private async drain(chat: string, handle: Handlers<T>): Promise<void> {
    for (let entry = this.queues.get(chat)?.shift(); entry; entry = this.queues.get(chat)?.shift()) {
      const turn = await this.turnOf(entry);
      if (turn === "behind-own") {
        this.enqueue(entry);
        continue;
      }
      try {
        if (turn === "now" && !(await this.poison(entry, handle))) await this.process(entry, handle);
      } finally {
        this.inFlight.delete(entry.id);
      }
    }
    this.queues.delete(chat);
  }

  /**
   * Waits until the entry is the oldest of its chat not yet applied. "behind-own": the older one
   * is this process's (taken over from a dead one after this was read), to be applied first.
   * An older entry that has left the stream (kept before a crash, never to come) is forgotten.
   * Every entry asks, even one kept while its chat had none waiting, which could know it is first
   * without asking: skipping the question for those lowered the rush's p50 of `bench:load` by a
   * fifth but nearly doubled its p99 (four runs each, back to back, 26 November 2026).
   */
  private async turnOf(entry: IntakeEntry<T>): Promise<"now" | "behind-own" | "stopped"> {
    const key = this.waitingKey(entry.chat);
    for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
      let first: string | undefined;
      try {
        first = (await this.redis.zrange(key, "0", "0"))[0];
      } catch {
        // Redis away: process() waits for it and counts nothing against the entry.
        return "now";
      }
      if (first === undefined || first === entry.id) return "now";
      if (this.inFlight.has(first)) return "behind-own";
      // Stopping leaves it pending: the next start (or another process) applies it in its turn.
      if (this.stopped) return "stopped";
      const older = await this.redis.xrange(this.stream, first, first).catch(() => [[first]]);
      if (older.length === 0) await this.redis.zrem(key, first).catch(() => undefined);
      else await sleep(wait);
    }
  }

  /**
   * An entry handed out again (after a restart, or taken over) counts each time its applying
   * begins; past `maxStarts` it is parked and its sender told once. Entries read the first time
   * cost nothing here: only an entry some process held before can have killed it. One that waited
   * its turn through crashes never began, and is not counted.
   */
  private async poison(entry: IntakeEntry<T>, handle: Handlers<T>): Promise<boolean> {
    if (!entry.redelivered) return false;
    const starts = await this.redis.hincrby(this.startsKey, entry.id, 1);
    if (starts <= this.maxStarts) return false;
    const reason = `began ${starts - 1} times and never finished: each process that began it stopped`;
    this.logger.error({ stream: this.stream, entry: entry.id, starts: starts - 1 }, "update parked after repeated deaths applying it");
    await this.park(entry.id, entry.chat, JSON.stringify(entry.update), reason);
    await handle.parked(entry, new Error(reason)).catch(() => undefined);
    return true;
  }

  /** Hash entry id → how often its applying began, for entries handed out again. */
  private get startsKey(): string {
    return `${this.stream}:starts`;
  }

  private waitingKey(chat: string): string {
    return waitingKeyOf(this.stream, chat);
  }

  private async process(entry: IntakeEntry<T>, handle: Handlers<T>): Promise<void> {
    let failures = 0;
    let delay = this.retryDelayMs;
    for (;;) {
      try {
        await this.acknowledge(entry, await handle.apply(entry));
        return;
      } catch (error) {
        // Stopping leaves the entry pending: the next start applies it.
        if (this.stopped) return;
        if (!(await isRedisUp(this.redis))) {
          this.logger.warn({ stream: this.stream, entry: entry.id }, "update waits for Redis");
          await sleep(1_000);
          continue;
        }
        failures += 1;
        if (failures >= this.attempts) {
          this.logger.error({ stream: this.stream, entry: entry.id, error: (error as Error).message, tries: failures }, "update parked");
          await this.park(entry.id, entry.chat, JSON.stringify(entry.update), (error as Error).message);
          await handle.parked(entry, error).catch(() => undefined);
          return;
        }
        this.logger.warn(
          { stream: this.stream, entry: entry.id, error: (error as Error).message, tries: failures },
          "update failed; trying again",
        );
        await sleep(delay);
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }

  /**
   * Whether younger entries of the entry's chat wait to be applied: the person has written again
   * since. False when Redis cannot say.
   */
  async writtenSince(entry: Pick<IntakeEntry<T>, "chat" | "seq">): Promise<boolean> {
    try {
      return (await this.redis.zcount(this.waitingKey(entry.chat), `(${entry.seq}`, "+inf")) > 0;
    } catch {
      return false;
    }
  }

  /**
   * An entry applied leaves the stream, with what applying it left to write, once Redis takes it:
   * until then the update's marks are not written either. Public for bench/officer-updates.ts,
   * which applies updates as the intake does.
   */
  async acknowledge(entry: Pick<IntakeEntry<T>, "id" | "chat" | "redelivered">, settlement: Settlement | undefined): Promise<void> {
    const { id } = entry;
    for (;;) {
      try {
        const transaction = this.redis.multi();
        settlement?.(transaction);
        if (entry.redelivered) transaction.hdel(this.startsKey, id);
        await transaction.xack(this.stream, GROUP, id).xdel(this.stream, id).zrem(this.waitingKey(entry.chat), id).exec();
        intakeUpdates.inc({ channel: this.channel, outcome: "applied" });
        return;
      } catch (error) {
        if (!this.stopped && !(await isRedisUp(this.redis))) {
          await sleep(1_000);
          continue;
        }
        // Applied but still pending: taken up again later, and known as applied by the save's mark.
        this.logger.warn({ stream: this.stream, entry: id, error: (error as Error).message }, "intake entry applied but not acknowledged");
        return;
      }
    }
  }

  /**
   * The parked stream keeps the update with its personal text redacted, for PARKED_RETENTION_DAYS
   * (src/intake/parked.ts trims it); the whole update is kept beside it for a day, for an operator
   * to try it again.
   */
  private async park(id: string, chat: string, update: string, error: string): Promise<void> {
    try {
      await this.redis
        .multi()
        .xadd(this.parked, "MAXLEN", "~", PARKED_MAXLEN, "*", "entry", id, "chat", chat, "update", redactUpdate(update), "error", error)
        .set(parkedWholeKeyOf(this.parked, id), update, "EX", PARKED_WHOLE_SECONDS)
        .xack(this.stream, GROUP, id)
        .xdel(this.stream, id)
        .zrem(this.waitingKey(chat), id)
        .hdel(this.startsKey, id)
        .exec();
      intakeUpdates.inc({ channel: this.channel, outcome: "parked" });
    } catch (failure) {
      this.logger.error({ stream: this.stream, entry: id, error: (failure as Error).message }, "update could not be parked; left pending");
    }
  }
}

interface Handlers<T> {
  apply: (entry: IntakeEntry<T>) => Promise<Settlement | undefined>;
  parked: (entry: IntakeEntry<T>, error: unknown) => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
