import type { ChainableCommander } from "ioredis";
import type { MemberId } from "../channels/address.js";

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
  /** What was done, as the dialogue reads it back (src/dialogue/effects.ts). */
  effect: { kind: string } & Record<string, unknown>;
}

export const effectMember = (mark: EffectMark): string => `e:${mark.updateId}:${JSON.stringify(mark.effect)}`;

/** Adds the mark to the transaction that makes the effect; the set is trimmed by the next mark (applied-updates.ts). */
export function writeEffectMark(transaction: ChainableCommander, mark: EffectMark): void {
  transaction.zadd(mark.key, mark.updateId, effectMember(mark)).expire(mark.key, mark.ttlSeconds);
}

/** A screen of the form sent to an officer: `seq` on their cursor, in message `messageId` where the channel edits messages. */
export interface ShownScreen {
  memberId: MemberId;
  roundId: string;
  seq: number;
  messageId?: number | undefined;
}
