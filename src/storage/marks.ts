import type { ChainableCommander } from "ioredis";
import type { MemberId } from "../channels/address.js";
import type { Effect } from "./effects.js";

/**
 * The marks that tell a repeated update from a new one (src/storage/applied-updates.ts), as the
 * form's save script writes them with an answer (src/storage/responses.ts).
 */

/** Up to three marks an update (saved, effect, handled): the last 130 updates or more. */
export const KEPT_IDS = 400;

/** Written in the same transaction as the step, so a redelivered update is recognised. */
export interface AppliedMark {
  key: string;
  updateId: number;
  ttlSeconds: number;
}

/**
 * What an update did besides a form answer (a question to a consultant, a round created, a review
 * decision…), written in the same Redis write as that effect: the chat's applied-update set gets
 * `e:<update id>:<what, as JSON>` under the update's id, so a try again of the update finds it with
 * its other marks and shows what it did instead of doing it twice.
 */
export interface EffectMark {
  key: string;
  updateId: number;
  ttlSeconds: number;
  /** What was done, as the dialogue reads it back (src/storage/effects.ts). */
  effect: Effect;
}

/**
 * The mark of an update for the effect a service is about to make, once the effect's ids are known
 * (a ticket's number, a round's id): given by the dialogue (src/dialogue/turn.ts `effectMark`) to the
 * service, which passes the mark to the store that writes the effect. The console and the CLI, which
 * apply no update, give none.
 */
export type EffectMarker = (effect: Effect) => EffectMark;

export const effectMember = (mark: EffectMark): string => `e:${mark.updateId}:${JSON.stringify(mark.effect)}`;

/** Adds the mark to the transaction that makes the effect; the set is trimmed by the next mark (applied-updates.ts). */
export function writeEffectMark(transaction: ChainableCommander, mark: EffectMark): void {
  transaction.zadd(mark.key, mark.updateId, effectMember(mark)).expire(mark.key, mark.ttlSeconds);
}

/**
 * The same inside a Lua script that makes the effect: KEYS[key] the set, ARGV[arg], ARGV[arg + 1],
 * ARGV[arg + 2] the mark, its score and its lifetime; an empty mark writes nothing. Put where the
 * script has made its effect, after every check that may still end it without one.
 */
export const effectMarkLua = (key: number, arg: number): string => `
if ARGV[${arg}] ~= '' then
  redis.call('ZADD', KEYS[${key}], ARGV[${arg + 1}], ARGV[${arg}])
  redis.call('EXPIRE', KEYS[${key}], ARGV[${arg + 2}])
end`;

/**
 * The key and the three arguments `effectMarkLua` reads. Without a mark, `unused` stands for the key
 * (one of the script's own, so that every key stays in the script's slot) and the mark is empty.
 */
export function effectMarkArgs(mark: EffectMark | undefined, unused: string): { key: string; args: [string, string, string] } {
  return mark
    ? { key: mark.key, args: [effectMember(mark), String(mark.updateId), String(mark.ttlSeconds)] }
    : { key: unused, args: ["", "0", "0"] };
}

/** A screen of the form sent to an officer: `seq` on their cursor, in message `messageId` where the channel edits messages. */
export interface ShownScreen {
  memberId: MemberId;
  roundId: string;
  seq: number;
  messageId?: number | undefined;
}
