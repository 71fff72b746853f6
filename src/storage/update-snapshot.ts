import type { Address, MemberId } from "../channels/address.js";
import type { Redis } from "../redis.js";
import { hashOf } from "./hash-reply.js";
import type { Keys } from "./keys.js";

/**
 * Everything handling an update reads, in one round trip: whether it was applied before (and what it did), who
 * sent it, what they are writing, the rounds' version, the last menu shown (Zalo), and, when the
 * caller could tell which response and place the person answers in, those too. The member id
 * is only known inside the script (the address leads to it), so the script builds the member's
 * keys from their prefix: fine on one Redis server, not on a cluster.
 *
 * KEYS: applied-update set, address, rounds version, menu, response, cursor ("" for none).
 * ARGV: update id, member key prefix, composing key prefix, the member id the response and cursor were
 * guessed for, the response's revision the caller remembers ("" for none): when it has not moved, only
 * "unmoved" comes back in the response's place.
 */
const SNAPSHOT_SCRIPT = `
local saved = false
local handled = false
local effect = false
for _, mark in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[1])) do
  if mark == ARGV[1] then saved = '1'
  elseif mark == 'h:' .. ARGV[1] then handled = '1'
  elseif string.sub(mark, 1, #ARGV[1] + 3) == 'e:' .. ARGV[1] .. ':' then effect = string.sub(mark, #ARGV[1] + 4) end
end
local version = redis.call('GET', KEYS[3]) or '0'
local menu = false
if KEYS[4] ~= '' then menu = redis.call('GET', KEYS[4]) end
local id = redis.call('GET', KEYS[2])
if not id then return {saved, handled, effect, version, menu, false} end
local member = redis.call('HGETALL', ARGV[2] .. id)
local composing = redis.call('GET', ARGV[3] .. id)
if id ~= ARGV[4] or KEYS[5] == '' then return {saved, handled, effect, version, menu, id, member, composing} end
if ARGV[5] ~= '' and redis.call('HGET', KEYS[5], 'm:rev') == ARGV[5] then
  return {saved, handled, effect, version, menu, id, member, composing, 'unmoved', redis.call('HGETALL', KEYS[6])}
end
return {saved, handled, effect, version, menu, id, member, composing, redis.call('HGETALL', KEYS[5]), redis.call('HGETALL', KEYS[6])}
`;

export interface SnapshotRequest {
  /** The chat's applied-update set (see applied-updates.ts); undefined for an update without a chat. */
  chat: string | number | undefined;
  updateId: number;
  address: Address | undefined;
  /** Reads the menu last shown at the address (channels without buttons). */
  menu?: boolean;
  /** A guess of the response and cursor to read along, for this member, and the response's revision the caller remembers. */
  guess?: { memberId: MemberId; roundId: string; agencyId: string; knownRevision?: string | undefined };
}

export interface RawSnapshot {
  saved: boolean;
  handled: boolean;
  /** What an earlier try of the update did besides a form answer, as its effect mark says (marks.ts). */
  effect: string | undefined;
  roundsVersion: string;
  menu: string | undefined;
  memberId: MemberId | undefined;
  member: Record<string, string>;
  composing: string | undefined;
  /** Present when the guessed member was the one the address leads to; "unmoved" when at the revision the caller knows. */
  response: Record<string, string> | "unmoved" | undefined;
  cursor: Record<string, string> | undefined;
}

type ScriptReply = [
  saved: string | null,
  handled: string | null,
  effect: string | null,
  version: string,
  menu: string | null,
  id?: string | null,
  member?: string[],
  composing?: string | null,
  response?: string[] | "unmoved",
  cursor?: string[],
];

export class UpdateSnapshotStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {
    if (!("updateSnapshot" in redis)) redis.defineCommand("updateSnapshot", { numberOfKeys: 6, lua: SNAPSHOT_SCRIPT, readOnly: true });
  }

  async read(request: SnapshotRequest): Promise<RawSnapshot> {
    const { keys } = this;
    const guess = request.guess;
    const reply = (await (this.redis as unknown as SnapshotCommand).updateSnapshot(
      request.chat === undefined ? "" : keys.appliedUpdate(request.chat),
      request.address ? keys.address(request.address) : "",
      keys.roundsVersion,
      request.menu && request.address ? keys.menu(request.address) : "",
      guess ? keys.response(guess.roundId, guess.agencyId) : "",
      guess ? keys.cursor(guess.roundId, guess.memberId) : "",
      String(request.updateId),
      keys.member(""),
      keys.composing(""),
      guess?.memberId ?? "",
      guess?.knownRevision ?? "",
    )) as ScriptReply;
    const [saved, handled, effect, roundsVersion, menu, id, member, composing, response, cursor] = reply;
    return {
      saved: saved !== null,
      handled: handled !== null,
      effect: effect ?? undefined,
      roundsVersion,
      menu: menu ?? undefined,
      memberId: id ?? undefined,
      member: hashOf(member),
      composing: composing ?? undefined,
      response: response === "unmoved" ? "unmoved" : response ? hashOf(response) : undefined,
      cursor: response ? hashOf(cursor) : undefined,
    };
  }
}

interface SnapshotCommand {
  updateSnapshot(...args: string[]): Promise<unknown>;
}
