import type { MemberId } from "../channels/address.js";

/**
 * The marks that tell a repeated update from a new one (src/storage/applied-updates.ts), as the
 * form's save script writes them with an answer (src/storage/responses.ts).
 */

/** Two marks an update: the last 200 updates. */
export const KEPT_IDS = 400;

/** Written in the same transaction as the step, so a redelivered update is recognised. */
export interface AppliedMark {
  key: string;
  updateId: number;
  ttlSeconds: number;
}

/** A screen of the form sent to an officer: `seq` on their cursor, in message `messageId` where the channel edits messages. */
export interface ShownScreen {
  memberId: MemberId;
  roundId: string;
  seq: number;
  messageId?: number | undefined;
}
