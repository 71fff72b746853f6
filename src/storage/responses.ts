import type { ChainableCommander } from "ioredis";
import { z } from "zod";
import type { MemberId } from "../channels/address.js";
import type { Change, Cursor, Screen, Writes } from "../form/protocol.js";
import type { ResponseState, ResponseStatus, StoredAnswer } from "../form/slots.js";
import { RecentMap } from "../recent-map.js";
import type { Redis } from "../redis.js";
import { safeJson } from "./json.js";
import type { Keys } from "./keys.js";
import { type AppliedMark, type EffectMark, KEPT_IDS, type ShownScreen, writeEffectMark } from "./marks.js";
import { waitForReplicas } from "./replicas.js";

/**
 * An agency's response lives in one hash, one field per answer, so a step writes only the
 * fields it changes and colleagues answering at once never overwrite each other's fields:
 *   a:<path>            JSON { v, by, at, via }   (v null: skipped; via: the messenger)
 *   e:<repeat>:<entry>  "1"                  an entry of a repeating row
 *   d:<repeat>          "1"                  the officers said the list is complete
 *   c:<part>            "1"                  carried over from the last round, not yet confirmed
 *   m:formVersion, m:status, m:submittedAt, m:submittedBy
 * Each officer's place in the conversation is a hash of its own (seq, screen, prompt).
 */

/** Who answered: a member id; members from before Zalo were numbers. */
const memberIdSchema = z.union([z.string(), z.number()]).transform(String);

/**
 * An answer field, checked by hand rather than by schema: a step reads every answer of the
 * response, and this is the hot path (a schema parse per field cost more than the step's Redis).
 */
function parseAnswer(raw: string): StoredAnswer | undefined {
  const parsed = safeJson(raw) as { v?: unknown; by?: unknown; at?: unknown; via?: unknown } | null | undefined;
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { v, by, at, via } = parsed;
  const valueOk = v === null || typeof v === "string" || typeof v === "number";
  const byOk = typeof by === "string" || typeof by === "number";
  if (!valueOk || !byOk || typeof at !== "number") return undefined;
  return { value: v as StoredAnswer["value"], by: String(by), at, ...(typeof via === "string" ? { via } : {}) };
}

const screenSchema: z.ZodType<Screen> = z.union([
  z.object({ kind: z.literal("question"), path: z.string(), origin: z.enum(["fill", "review", "list"]) }),
  z.object({ kind: z.enum(["new-entry", "list"]), repeat: z.string(), origin: z.enum(["fill", "review", "list"]) }),
  z.object({
    kind: z.enum(["entry", "confirm-delete"]),
    repeat: z.string(),
    entry: z.string(),
    origin: z.enum(["fill", "review", "list"]),
  }),
  z.object({ kind: z.literal("same-system"), path: z.string(), name: z.string(), origin: z.enum(["fill", "review", "list"]) }),
  z.object({ kind: z.literal("review") }),
  z.object({ kind: z.literal("review-part"), part: z.string() }),
  z.object({ kind: z.literal("submitted") }),
]) as z.ZodType<Screen>;

const historySchema = z.looseObject({ path: z.string(), by: memberIdSchema, at: z.number() });

export interface StoredCursor {
  cursor: Cursor;
  /** The message that shows the current screen, to update when it is answered. */
  promptMessageId: number | undefined;
  /** The screen (by its sequence number) last known to have reached the officer. */
  shownSeq: number | undefined;
}

/** A response as a step reads it: the state, this officer's place, and the revision to save against. */
export interface LoadedResponse {
  state: ResponseState | undefined;
  cursor: StoredCursor | undefined;
  revision: string;
}

export interface HistoryRecord extends Change {
  by: MemberId;
  at: number;
}

/**
 * A step's writes as one compare-and-set: applied only while the response's revision (`m:rev`)
 * is the one the step read, which it then moves on. A step that changes nothing in the response
 * (moving between screens) only moves the officer's cursor. KEYS: response, cursor, history, member,
 * applied-update mark, the round's change counter. ARGV: the revision read ("" for none yet), the writes as JSON.
 */
/**
 * The history keeps the latest records of a response, at most this many: a 50-question form
 * reaches it only after some 200 complete rewrites; the oldest go first.
 */
export const HISTORY_MAX = 10_000;

const SAVE_SCRIPT = `
local p = cjson.decode(ARGV[2])
local rev = ''
if p.changes then
  rev = redis.call('HGET', KEYS[1], 'm:rev') or ''
  if rev ~= ARGV[1] then return 0 end
  if p.clearReview then redis.call('HDEL', KEYS[1], 'm:review', 'm:reviewComment') end
  if #p.hdel > 0 then redis.call('HDEL', KEYS[1], unpack(p.hdel)) end
  redis.call('HSET', KEYS[1], unpack(p.hset))
  rev = tostring(redis.call('HINCRBY', KEYS[1], 'm:rev', 1))
  redis.call('INCR', KEYS[6])
end
redis.call('HSET', KEYS[2], unpack(p.cursor))
if #p.history > 0 then
  redis.call('RPUSH', KEYS[3], unpack(p.history))
  redis.call('LTRIM', KEYS[3], -tonumber(p.historyMax), -1)
end
if #p.profile > 0 then redis.call('HSET', KEYS[4], unpack(p.profile)) end
if p.applied then
  redis.call('ZADD', KEYS[5], p.applied.value, p.applied.value)
  redis.call('ZREMRANGEBYRANK', KEYS[5], 0, -p.applied.kept - 1)
  redis.call('EXPIRE', KEYS[5], p.applied.ttl)
end
if p.changes then return {1, rev} end
return {1, ''}
`;

export type SaveOutcome = { saved: false } | { saved: true; revision: string | undefined };

/** Responses remembered per process: a few thousand officers answering at once. */
const REMEMBERED_RESPONSES = 5_000;

interface SaveCommand {
  saveStep(...args: string[]): Promise<unknown>;
}

export class ResponseStore {
  private readonly recent = new RecentMap<string, { revision: string; state: ResponseState }>(REMEMBERED_RESPONSES);

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly onCorrupt: (what: string) => void,
  ) {
    // Sent once, then called by its hash (EVALSHA) on every step.
    if (!("saveStep" in redis)) redis.defineCommand("saveStep", { numberOfKeys: 6, lua: SAVE_SCRIPT });
  }

  /** The response, its revision and this officer's place, in one round trip. */
  async load(roundId: string, agencyId: string, memberId: MemberId): Promise<LoadedResponse> {
    const [[, hash], [, cursorHash]] = (await this.redis
      .pipeline()
      .hgetall(this.keys.response(roundId, agencyId))
      .hgetall(this.keys.cursor(roundId, memberId))
      .exec()) as [[Error | null, Record<string, string>], [Error | null, Record<string, string>]];
    return this.parse(roundId, agencyId, hash, cursorHash);
  }

  /** A response's hash and an officer's cursor hash as read (here, or along with the rest of an update's reads). */
  parse(roundId: string, agencyId: string, hash: Record<string, string>, cursorHash: Record<string, string>): LoadedResponse {
    const loaded = { state: this.toState(hash), cursor: this.toCursor(cursorHash), revision: hash["m:rev"] ?? "" };
    if (loaded.state && loaded.revision) this.remember(roundId, agencyId, loaded.revision, loaded.state);
    return loaded;
  }

  /** The response as remembered at `revision`, which a read found unmoved, and the cursor as read. */
  parseUnmoved(roundId: string, agencyId: string, revision: string, cursorHash: Record<string, string>): LoadedResponse | undefined {
    const known = this.cached(roundId, agencyId);
    if (known?.revision !== revision) return undefined;
    return { state: known.state, cursor: this.toCursor(cursorHash), revision };
  }

  async loadState(roundId: string, agencyId: string): Promise<ResponseState | undefined> {
    return this.toState(await this.redis.hgetall(this.keys.response(roundId, agencyId)));
  }

  /** How many times any response of the round changed: unchanged, nothing of the round needs reading again. */
  async roundChanges(roundId: string): Promise<string> {
    return (await this.redis.get(this.keys.roundChanges(roundId))) ?? "0";
  }

  /**
   * The revisions of many agencies' responses ("" for none), in pipelined batches, then the states
   * of those `wanted` says must be read: a whole round is read again only where it moved.
   */
  async revisions(roundId: string, agencyIds: readonly string[]): Promise<string[]> {
    const revisions: string[] = [];
    for (let start = 0; start < agencyIds.length; start += 2_000) {
      const pipeline = this.redis.pipeline();
      for (const agencyId of agencyIds.slice(start, start + 2_000)) pipeline.hget(this.keys.response(roundId, agencyId), "m:rev");
      for (const [, value] of (await pipeline.exec()) ?? []) revisions.push(typeof value === "string" ? value : "");
    }
    return revisions;
  }

  /** Many agencies' responses with their revisions, in pipelined batches. */
  async loadMany(roundId: string, agencyIds: readonly string[]): Promise<{ state: ResponseState | undefined; revision: string }[]> {
    const loaded: { state: ResponseState | undefined; revision: string }[] = [];
    for (let start = 0; start < agencyIds.length; start += 500) {
      const pipeline = this.redis.pipeline();
      for (const agencyId of agencyIds.slice(start, start + 500)) pipeline.hgetall(this.keys.response(roundId, agencyId));
      for (const [, hash] of (await pipeline.exec()) ?? []) {
        const fields = (hash ?? {}) as Record<string, string>;
        loaded.push({ state: this.toState(fields), revision: fields["m:rev"] ?? "" });
      }
    }
    return loaded;
  }

  /**
   * One step's changes, the officer's new place and the history, atomically, and only if nobody
   * changed the response since it was read at `revision` (false then: read again and step again).
   * An answer is stored before the bot says it was accepted, or not at all.
   */
  async save(
    target: {
      roundId: string;
      agencyId: string;
      memberId: MemberId;
      formVersion: number;
      now: number;
      revision: string;
      isNew: boolean;
      /** The messenger the step came from, kept with each answer it gives. */
      via?: string | undefined;
    },
    writes: Writes,
    cursor: Cursor,
    extra: { profile?: Record<string, string>; applied?: AppliedMark } = {},
  ): Promise<SaveOutcome> {
    const { roundId, agencyId, memberId, formVersion, now } = target;
    const set: Record<string, string> = { "m:formVersion": String(formVersion) };
    const via = target.via ? { via: target.via } : {};
    for (const [path, answer] of writes.answers) {
      // Answers carried over from the last round keep the messenger they were given on.
      const given = answer.by === memberId && answer.at === now ? via : answer.via ? { via: answer.via } : {};
      set[`a:${path}`] = JSON.stringify({ v: answer.value, by: answer.by, at: answer.at, ...given });
    }
    for (const { repeat, entry } of writes.addedEntries) set[`e:${repeat}:${entry}`] = "1";
    for (const { repeat, done } of writes.listsDone) if (done) set[`d:${repeat}`] = "1";
    for (const part of writes.carried) set[`c:${part}`] = "1";
    if (writes.status) {
      set["m:status"] = writes.status.status;
      if (writes.status.status === "submitted") {
        set["m:submittedAt"] = String(writes.status.at);
        set["m:submittedBy"] = String(writes.status.by);
      }
    }
    const removed = [
      ...writes.removedAnswers.map((path) => `a:${path}`),
      ...writes.removedEntries.map(({ repeat, entry }) => `e:${repeat}:${entry}`),
      ...writes.listsDone.filter(({ done }) => !done).map(({ repeat }) => `d:${repeat}`),
      ...writes.confirmed.map((part) => `c:${part}`),
    ].filter((field) => !(field in set));
    const history = writes.history.map((change) => JSON.stringify({ ...change, by: memberId, at: now }));
    if (writes.status) history.push(JSON.stringify({ path: "@status", old: undefined, new: writes.status.status, by: memberId, at: now }));
    const changes =
      target.isNew ||
      writes.answers.size > 0 ||
      removed.length > 0 ||
      writes.addedEntries.length > 0 ||
      writes.listsDone.length > 0 ||
      writes.carried.length > 0 ||
      writes.status !== undefined;
    const payload = {
      changes,
      clearReview: writes.status?.status === "submitted",
      hdel: removed,
      hset: Object.entries(set).flat(),
      cursor: ["seq", String(cursor.seq), "screen", JSON.stringify(cursor.screen)],
      history,
      historyMax: HISTORY_MAX,
      profile: Object.entries(extra.profile ?? {}).flatMap(([field, value]) => [`profile:${field}`, value]),
      applied: extra.applied ? { value: String(extra.applied.updateId), ttl: extra.applied.ttlSeconds, kept: KEPT_IDS } : false,
    };
    const result = await (this.redis as unknown as SaveCommand).saveStep(
      this.keys.response(roundId, agencyId),
      this.keys.cursor(roundId, memberId),
      this.keys.responseHistory(roundId, agencyId),
      this.keys.member(memberId),
      extra.applied?.key ?? this.keys.response(roundId, agencyId),
      this.keys.roundChanges(roundId),
      target.revision,
      JSON.stringify(payload),
    );
    if (!Array.isArray(result)) return { saved: false };
    // REDIS_WAIT_REPLICAS: not acknowledged until the replicas have it (throws ReplicasBehindError when they fall short).
    await waitForReplicas(this.redis);
    return { saved: true, revision: result[1] ? String(result[1]) : undefined };
  }

  /**
   * A response as this process last read or wrote it, with its revision: the next read sends
   * only the revision back when it has not moved (src/storage/update-snapshot.ts). Every change
   * to a response moves `m:rev`, so the same revision is the same response.
   */
  cached(roundId: string, agencyId: string): { revision: string; state: ResponseState } | undefined {
    return this.recent.get(this.keys.response(roundId, agencyId));
  }

  /** What the save at `revision` left, as the step computed it (the engine's applyWrites mirrors the save script). */
  remember(roundId: string, agencyId: string, revision: string, state: ResponseState): void {
    this.recent.set(this.keys.response(roundId, agencyId), { revision, state });
  }

  /**
   * The secretariat's decision on a submission: accepted, or sent back with a comment, which
   * reopens it for the officers. Kept in the history like any change; written with the effect mark
   * of the update that made it, when given.
   */
  async review(
    roundId: string,
    agencyId: string,
    decision: "accepted" | "returned",
    comment: string,
    by: MemberId,
    at: number,
    mark?: EffectMark,
  ): Promise<void> {
    const key = this.keys.response(roundId, agencyId);
    const transaction = this.redis
      .multi()
      .hset(key, { "m:review": decision, "m:reviewComment": comment, "m:reviewedBy": String(by), "m:reviewedAt": String(at) })
      // Officers stepping at this moment read the response before: their step is retried.
      .hincrby(key, "m:rev", 1)
      .incr(this.keys.roundChanges(roundId));
    if (decision === "returned") transaction.hset(key, "m:status", "reopened");
    const history = this.keys.responseHistory(roundId, agencyId);
    transaction.rpush(history, JSON.stringify({ path: "@review", new: decision, comment, by, at })).ltrim(history, -HISTORY_MAX, -1);
    if (mark) writeEffectMark(transaction, mark);
    await transaction.exec();
  }

  /** The last decision on a submission, when it was made, and its comment; undefined before any. */
  async lastReview(
    roundId: string,
    agencyId: string,
  ): Promise<{ decision: "accepted" | "returned"; comment: string; at: number } | undefined> {
    const [decision, comment, at] = await this.redis.hmget(
      this.keys.response(roundId, agencyId),
      "m:review",
      "m:reviewComment",
      "m:reviewedAt",
    );
    if ((decision !== "accepted" && decision !== "returned") || !at) return undefined;
    return { decision, comment: comment ?? "", at: Number(at) };
  }

  /** Notes, in a caller's transaction, that a screen reached the officer: a repeat of its update need not send it again. */
  noteShown(transaction: ChainableCommander, shown: ShownScreen): void {
    transaction.hset(this.keys.cursor(shown.roundId, shown.memberId), {
      shown: String(shown.seq),
      ...(shown.messageId === undefined ? {} : { prompt: String(shown.messageId) }),
    });
  }

  async history(roundId: string, agencyId: string): Promise<HistoryRecord[]> {
    const raw = await this.redis.lrange(this.keys.responseHistory(roundId, agencyId), 0, -1);
    return raw.flatMap((line) => {
      const parsed = historySchema.safeParse(safeJson(line));
      if (!parsed.success) this.onCorrupt("history record");
      return parsed.success ? [parsed.data as unknown as HistoryRecord] : [];
    });
  }

  private toState(hash: Record<string, string>): ResponseState | undefined {
    if (!hash["m:formVersion"]) return undefined;
    const answers = new Map<string, StoredAnswer>();
    const entries = new Map<string, string[]>();
    const listsDone = new Set<string>();
    const unconfirmed = new Set<string>();
    for (const [field, value] of Object.entries(hash)) {
      if (field.startsWith("a:")) {
        const answer = parseAnswer(value);
        if (answer) answers.set(field.slice(2), answer);
        else this.onCorrupt(`answer field ${field}`);
      } else if (field.startsWith("e:")) {
        const [repeat, entry] = field.slice(2).split(":");
        if (repeat && entry) entries.set(repeat, [...(entries.get(repeat) ?? []), entry]);
      } else if (field.startsWith("d:")) {
        listsDone.add(field.slice(2));
      } else if (field.startsWith("c:")) {
        unconfirmed.add(field.slice(2));
      }
    }
    // Entry ids start with the time they were made, so sorting them restores the order of adding.
    for (const list of entries.values()) list.sort();
    const status = hash["m:status"];
    return {
      formVersion: Number(hash["m:formVersion"]),
      status: status === "submitted" || status === "reopened" ? (status as ResponseStatus) : "draft",
      answers,
      entries,
      listsDone,
      submittedAt: hash["m:submittedAt"] ? Number(hash["m:submittedAt"]) : undefined,
      submittedBy: hash["m:submittedBy"] || undefined,
      review: hash["m:review"] === "accepted" || hash["m:review"] === "returned" ? hash["m:review"] : undefined,
      reviewComment: hash["m:reviewComment"] || undefined,
      unconfirmed,
    };
  }

  private toCursor(hash: Record<string, string>): StoredCursor | undefined {
    if (!hash.screen) return undefined;
    const screen = screenSchema.safeParse(safeJson(hash.screen));
    if (!screen.success) {
      this.onCorrupt("cursor");
      return undefined;
    }
    return {
      cursor: { seq: Number(hash.seq ?? 0), screen: screen.data },
      promptMessageId: hash.prompt ? Number(hash.prompt) : undefined,
      shownSeq: hash.shown ? Number(hash.shown) : undefined,
    };
  }
}
