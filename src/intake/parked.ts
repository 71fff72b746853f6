import { CHANNELS, type ChannelName } from "../channels/address.js";
import type { Redis } from "../redis.js";
import type { Keys } from "../storage/keys.js";
import { parkedWholeKeyOf, waitingKeyOf } from "./stream.js";

/**
 * The updates the intake gave up on (src/intake/stream.ts `park`), for the operator: listed, tried
 * again, dropped, and expired. A parked entry keeps its update with the personal text redacted;
 * the whole update waits beside it for a day, which is how long it can be tried again. Entries
 * older than PARKED_RETENTION_DAYS are trimmed by their id's time (XTRIM MINID) on the scheduler's
 * tick.
 */

export interface ParkedUpdate {
  channel: ChannelName;
  /** The parked stream's id: what `retry` and `drop` take. */
  id: string;
  /** The intake entry it was. */
  entry: string;
  chat: string;
  error: string;
  parkedAt: number;
  /** What kind of update (message, callback_query, a Zalo event name), read from the redacted copy. */
  kind: string;
  /** Whether the whole update is still kept (its first day), so it can be tried again. */
  retriable: boolean;
}

export type ParkedOutcome = { ok: true; channel: ChannelName; entry: string } | { ok: false; reason: "not-found" | "redacted" };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * KEYS: the parked stream, the whole update, the intake stream, the chat's waiting set. ARGV: the
 * parked id, the chat. Back into the intake as `store` puts an update there, in one step with its
 * leaving the parked stream, so two operators cannot put it back twice.
 */
const RETRY_SCRIPT = `
if #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1]) == 0 then return 0 end
local update = redis.call('GET', KEYS[2])
if not update then return -1 end
local id = redis.call('XADD', KEYS[3], '*', 'chat', ARGV[2], 'update', update)
local ms, n = string.match(id, '(%d+)-(%d+)')
redis.call('ZADD', KEYS[4], tonumber(ms) * 1000 + math.min(tonumber(n), 999), id)
redis.call('XDEL', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
return id
`;

type RawEntry = [id: string, fields: string[]];

const field = (fields: string[], name: string): string => {
  const at = fields.indexOf(name);
  return at === -1 ? "" : (fields[at + 1] ?? "");
};

function kindOf(update: string): string {
  try {
    const parsed = JSON.parse(update) as Record<string, unknown>;
    if (typeof parsed.event_name === "string") return parsed.event_name;
    return Object.keys(parsed).find((key) => key !== "update_id") ?? "?";
  } catch {
    return "?";
  }
}

export class ParkedUpdates {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Every parked update, oldest first, channel by channel. */
  async list(): Promise<ParkedUpdate[]> {
    const found: ParkedUpdate[] = [];
    for (const channel of CHANNELS) {
      const parked = this.keys.intakeParked(channel);
      const entries = (await this.redis.xrange(parked, "-", "+")) as RawEntry[];
      const pipeline = this.redis.pipeline();
      for (const [, fields] of entries) pipeline.exists(parkedWholeKeyOf(parked, field(fields, "entry")));
      const kept = entries.length ? ((await pipeline.exec()) ?? []) : [];
      for (const [index, [id, fields]] of entries.entries()) {
        found.push({
          channel,
          id,
          entry: field(fields, "entry"),
          chat: field(fields, "chat"),
          error: field(fields, "error"),
          parkedAt: Number(id.split("-")[0]),
          kind: kindOf(field(fields, "update")),
          retriable: kept[index]?.[1] === 1,
        });
      }
    }
    return found;
  }

  /** Puts a parked update back into its messenger's intake, behind what its chat has waiting; within its first day only. */
  async retry(id: string): Promise<ParkedOutcome> {
    const found = await this.find(id);
    if (!found) return { ok: false, reason: "not-found" };
    const { channel, entry, chat } = found;
    const parked = this.keys.intakeParked(channel);
    const intake = this.keys.intake(channel);
    const result = await this.redis.eval(
      RETRY_SCRIPT,
      4,
      parked,
      parkedWholeKeyOf(parked, entry),
      intake,
      waitingKeyOf(intake, chat),
      id,
      chat,
    );
    if (result === 0) return { ok: false, reason: "not-found" };
    if (result === -1) return { ok: false, reason: "redacted" };
    return { ok: true, channel, entry: String(result) };
  }

  /** Forgets a parked update, the whole copy with it. */
  async drop(id: string): Promise<ParkedOutcome> {
    const found = await this.find(id);
    if (!found) return { ok: false, reason: "not-found" };
    const parked = this.keys.intakeParked(found.channel);
    const [[, deleted] = []] = (await this.redis.multi().xdel(parked, id).del(parkedWholeKeyOf(parked, found.entry)).exec()) ?? [];
    return deleted === 1 ? { ok: true, channel: found.channel, entry: found.entry } : { ok: false, reason: "not-found" };
  }

  /**
   * Trims what was parked more than `days` ago, by the entries' ids (their time): on the
   * scheduler's tick. Returns how many went. The whole copies expire by themselves after a day.
   */
  async expire(now: number, days: number): Promise<number> {
    let trimmed = 0;
    for (const channel of CHANNELS) {
      trimmed += Number(await this.redis.xtrim(this.keys.intakeParked(channel), "MINID", `${Math.max(0, now - days * DAY_MS)}-0`));
    }
    return trimmed;
  }

  private async find(id: string): Promise<{ channel: ChannelName; entry: string; chat: string } | undefined> {
    if (!/^\d+-\d+$/.test(id)) return undefined;
    for (const channel of CHANNELS) {
      const [found] = (await this.redis.xrange(this.keys.intakeParked(channel), id, id)) as RawEntry[];
      if (found) return { channel, entry: field(found[1], "entry"), chat: field(found[1], "chat") };
    }
    return undefined;
  }
}
