import { hostname } from "node:os";
import type { Logger } from "../logger.js";
import { COMMAND_TIMEOUT_MS, isRedisUp, type Redis } from "../redis.js";

/**
 * Updates are kept in Redis before the messenger is told they arrived (before the webhook's 200,
 * before Telegram's offset moves), then applied from there: one chat's updates one after another,
 * each retried while it fails and parked with a log line when it keeps failing, never dropped.
 * A Redis Stream with a consumer group holds them, so a process that dies leaves its entries
 * pending: the same consumer name (the host's, or INSTANCE_ID) takes them up first on restart, and
 * another process claims them after a minute. Each messenger has its own stream.
 */

export interface IntakeEntry<T> {
  /** The stream's id of the entry, `<ms>-<n>`. */
  id: string;
  /** The same as one increasing number, for marks that order entries. */
  seq: number;
  chat: string;
  update: T;
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
  /** How often to look for such entries. */
  reclaimEveryMs?: number;
}

const GROUP = "bot";
const BLOCK_MS = 1_000;
const MAX_IN_FLIGHT = 500;
const PARKED_MAXLEN = 10_000;

/**
 * KEYS: the dedupe key (or the stream again), the stream. ARGV: dedupe ttl (0: none), chat, update.
 * The stream is not capped: an entry leaves it once applied or parked, never unapplied.
 */
const STORE_SCRIPT = `
if ARGV[1] ~= '0' then
  if not redis.call('SET', KEYS[1], '1', 'EX', ARGV[1], 'NX') then return false end
end
return redis.call('XADD', KEYS[2], '*', 'chat', ARGV[2], 'update', ARGV[3])
`;

export const entrySeq = (id: string): number => {
  const [ms = "0", n = "0"] = id.split("-");
  return Number(ms) * 1000 + Math.min(Number(n), 999);
};

type RawEntry = [id: string, fields: string[]];

export class IntakeStream<T> {
  private readonly consumer: string;
  private readonly attempts: number;
  private readonly retryDelayMs: number;
  private readonly reclaimIdleMs: number;
  private readonly reclaimEveryMs: number;
  private readonly chains = new Map<string, Promise<void>>();
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
  }

  /**
   * Keeps an update; resolves once it is durable. False when its dedupe key was seen within
   * `dedupe.seconds` (a redelivery). Throws when Redis cannot take it: the messenger must not be
   * told it arrived.
   */
  async store(chat: string, update: T, dedupe?: { key: string; seconds: number }): Promise<boolean> {
    const id = await this.redis.eval(
      STORE_SCRIPT,
      2,
      dedupe?.key ?? this.stream,
      this.stream,
      String(dedupe?.seconds ?? 0),
      chat,
      JSON.stringify(update),
    );
    return id !== null;
  }

  /** Applies entries until stopped; `parked` hears of an entry given up on, after its log line. */
  async start(
    apply: (entry: IntakeEntry<T>) => Promise<void>,
    parked: (entry: IntakeEntry<T>, error: unknown) => Promise<void>,
  ): Promise<void> {
    try {
      await this.redis.xgroup("CREATE", this.stream, GROUP, "0", "MKSTREAM");
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith("BUSYGROUP"))) throw error;
    }
    const handle = { apply, parked };
    // What this consumer took before it stopped comes first, in order.
    let after = "0";
    for (;;) {
      const own = await this.read(after, 100);
      const last = own.at(-1);
      if (!last) break;
      for (const entry of own) this.dispatch(entry, handle);
      after = last.id;
    }
    this.loop = this.run(handle);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.reader?.disconnect();
    this.reader = undefined;
    await this.loop;
    await Promise.allSettled([...this.chains.values()]);
  }

  private async run(handle: Handlers<T>): Promise<void> {
    let nextReclaim = Date.now() + this.reclaimEveryMs;
    while (!this.stopped) {
      try {
        if (Date.now() >= nextReclaim) {
          nextReclaim = Date.now() + this.reclaimEveryMs;
          for (const entry of await this.reclaim()) this.dispatch(entry, handle);
        }
        if (this.chains.size >= MAX_IN_FLIGHT) {
          await Promise.race(this.chains.values());
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
      void this.park(id, "", fields.join(" "), "not JSON");
      return [];
    }
  }

  /** One chat's entries one after another; different chats at once. */
  private dispatch(entry: IntakeEntry<T>, handle: Handlers<T>): void {
    if (this.inFlight.has(entry.id)) return;
    this.inFlight.add(entry.id);
    const previous = this.chains.get(entry.chat) ?? Promise.resolve();
    const next = previous.then(() => this.process(entry, handle)).finally(() => this.inFlight.delete(entry.id));
    this.chains.set(entry.chat, next);
    void next.finally(() => {
      if (this.chains.get(entry.chat) === next) this.chains.delete(entry.chat);
    });
  }

  private async process(entry: IntakeEntry<T>, handle: Handlers<T>): Promise<void> {
    let failures = 0;
    let delay = this.retryDelayMs;
    for (;;) {
      try {
        await handle.apply(entry);
        await this.done(entry.id);
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

  private async done(id: string): Promise<void> {
    try {
      await this.redis.multi().xack(this.stream, GROUP, id).xdel(this.stream, id).exec();
    } catch (error) {
      // Applied but still pending: taken up again later, and known as applied by its mark.
      this.logger.warn({ stream: this.stream, entry: id, error: (error as Error).message }, "intake entry applied but not acknowledged");
    }
  }

  private async park(id: string, chat: string, update: string, error: string): Promise<void> {
    try {
      await this.redis
        .multi()
        .xadd(this.parked, "MAXLEN", "~", PARKED_MAXLEN, "*", "entry", id, "chat", chat, "update", update, "error", error)
        .xack(this.stream, GROUP, id)
        .xdel(this.stream, id)
        .exec();
    } catch (failure) {
      this.logger.error({ stream: this.stream, entry: id, error: (failure as Error).message }, "update could not be parked; left pending");
    }
  }
}

interface Handlers<T> {
  apply: (entry: IntakeEntry<T>) => Promise<void>;
  parked: (entry: IntakeEntry<T>, error: unknown) => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
