import type { MemberId } from "../channels/address.js";
import type { Redis } from "../redis.js";
import type { Keys } from "../storage/keys.js";

/**
 * Who looked at or changed what the agencies reported, for the secretariat to read
 * (`npm run cli -- access-log`): exports of a round, the console's downloads, review decisions,
 * removals and erasures of members, console sign-ins, and the operator's handling of parked updates
 * and broadcast resends. A capped Redis stream: who (a member id, or `cli:<login>` for the command
 * line), what, which round or agency or member id, and when. No names, no answers, no addresses.
 */

export const ACCESS_KINDS = [
  "export",
  "download",
  "review",
  "removal",
  "erase",
  "sign-in",
  "parked-retry",
  "parked-drop",
  "broadcast-resend",
] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

export interface AccessEntry {
  /** A member id, or `cli:<login>` for the command line. */
  by: MemberId;
  what: AccessKind;
  round?: string | undefined;
  agency?: string | undefined;
  /** The member acted on (a removal, an erasure). */
  member?: MemberId | undefined;
  /** A word from a small vocabulary: the decision (accepted, returned), the format (xlsx, csv), the parked or broadcast id. */
  detail?: string | undefined;
}

export interface AccessRecord extends AccessEntry {
  /** The stream's id: its time and order. */
  id: string;
  at: number;
}

/** About 100,000 records: years of a secretariat's work; older ones go first. */
export const ACCESS_LOG_MAXLEN = 100_000;

/** Ids and words only: anything else (a name typed where an id was meant) is not written. */
const SAFE = /^[A-Za-z0-9:._@-]{1,128}$/;

export class AccessLog {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async record(entry: AccessEntry, now: number): Promise<void> {
    const fields: string[] = ["at", String(now)];
    for (const name of ["by", "what", "round", "agency", "member", "detail"] as const) {
      const value = entry[name];
      if (value !== undefined && value !== "") fields.push(name, SAFE.test(value) ? value : "?");
    }
    await this.redis.xadd(this.keys.accessLog, "MAXLEN", "~", ACCESS_LOG_MAXLEN, "*", ...fields);
  }

  /** Records from `since` (ms; by when they were written), oldest first, at most `limit`. */
  async since(since: number, limit = 10_000): Promise<AccessRecord[]> {
    const raw = (await this.redis.xrange(this.keys.accessLog, `${Math.max(0, Math.floor(since))}-0`, "+", "COUNT", limit)) as [
      string,
      string[],
    ][];
    return raw.map(([id, fields]) => {
      const record: Record<string, string> = {};
      for (let index = 0; index + 1 < fields.length; index += 2) record[fields[index] as string] = fields[index + 1] as string;
      return {
        id,
        at: Number(record.at ?? id.split("-")[0]),
        by: record.by ?? "?",
        what: (record.what ?? "export") as AccessKind,
        ...(record.round ? { round: record.round } : {}),
        ...(record.agency ? { agency: record.agency } : {}),
        ...(record.member ? { member: record.member } : {}),
        ...(record.detail ? { detail: record.detail } : {}),
      };
    });
  }
}
