import type { ChainableCommander } from "ioredis";
import type { Redis } from "../redis.js";
import type { Effect } from "./effects.js";
import type { Keys } from "./keys.js";
import { type AppliedMark, type EffectMark, KEPT_IDS, type ShownScreen } from "./marks.js";

/** Where a screen shown is noted (the officer's cursor, src/storage/responses.ts). */
interface ShownNotes {
  noteShown(transaction: ChainableCommander, shown: ShownScreen): void;
}

/**
 * Telegram redelivers an update when it is not confirmed in time (a crash, a slow webhook
 * answer), and the intake applies an entry again when a process died applying it. The ids
 * applied in each chat are kept, the last 200 of them, so a repeat is recognised by its own id
 * (Telegram's update id; for Zalo, whose messages have no number, the intake entry's): an id far
 * ahead (a forged one) takes one place and cannot make the chat's real updates look old.
 *
 * Two marks tell apart an update whose answer was saved (written by the form's save script) from
 * one fully handled, its reply sent (written once the handlers are done, as `h:<id>`): a repeat of
 * the first kind shows the screen again, since its reply may never have gone out.
 *
 * What handling leaves to note (that mark, the screen shown) is written with the intake's
 * acknowledgement of the update's entry, in its round trip (src/intake/stream.ts), so that a
 * form step costs its read and its save and nothing more.
 *
 * The set expires two days after the last update: Telegram keeps an update for at most 24 hours,
 * and after a week without updates it may restart the ids at a random, possibly lower, number.
 */
const MARK_TTL_SECONDS = 2 * 24 * 60 * 60;
export type UpdateState = "new" | "saved" | "handled";

/** What handling an update did that its marks must say: an answer saved with its mark, the screen it led to sent. */
export interface UpdateDone {
  answerSaved: boolean;
  shown: ShownScreen | undefined;
}

/** Commands an update's handling leaves to write, put into the transaction that acknowledges its intake entry. */
export type Settlement = (transaction: ChainableCommander) => void;

/** KEYS: the chat's set. ARGV: the mark, ttl, how many to keep, the update id (the score). The form's save script does the same. */
const MARK_SCRIPT = `
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[3]) - 1)
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
`;

interface MarkCommand {
  markApplied(...args: string[]): unknown;
}

/** Whether an update is new, saved or handled is read with the rest of the update's reads (update-snapshot.ts). */
export class AppliedUpdates {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly responses: ShownNotes,
  ) {
    if (!("markApplied" in redis)) redis.defineCommand("markApplied", { numberOfKeys: 1, lua: MARK_SCRIPT });
  }

  /** The mark for a caller that writes it inside its own transaction, with the change the update made. */
  markFor(chatId: number | string, updateId: number): AppliedMark {
    return { key: this.keys.appliedUpdate(chatId), updateId, ttlSeconds: MARK_TTL_SECONDS };
  }

  /** The mark of what an update did besides a form answer, for the store that does it to write with it. */
  effectFor(chatId: number | string, updateId: number, effect: Effect): EffectMark {
    return { key: this.keys.appliedUpdate(chatId), updateId, ttlSeconds: MARK_TTL_SECONDS, effect };
  }

  /**
   * Once an update is handled: the screen it sent, noted on the cursor, and its `h:<id>` mark,
   * unless its answer was saved with its mark and the screen that answer led to was sent, which
   * together tell a repeat all it needs (src/bot.ts, src/zalo/intake.ts).
   */
  settlement(chatId: number | string, updateId: number, done: UpdateDone): Settlement {
    return (transaction) => {
      if (done.shown) this.responses.noteShown(transaction, done.shown);
      if (done.answerSaved && done.shown) return;
      (transaction as unknown as MarkCommand).markApplied(...this.handledMark(chatId, updateId));
    };
  }

  /**
   * Runs an update's handling, which fills `done`. If it fails after its screen went out, the
   * screen is noted at once, since the entry is not acknowledged, so that the try again does not
   * send it a second time.
   */
  async handling(done: UpdateDone, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (done.shown) {
        const transaction = this.redis.multi();
        this.responses.noteShown(transaction, done.shown);
        await transaction.exec();
      }
      throw error;
    }
  }

  private handledMark(chatId: number | string, updateId: number): string[] {
    return [this.keys.appliedUpdate(chatId), `h:${updateId}`, String(MARK_TTL_SECONDS), String(KEPT_IDS), String(updateId)];
  }
}
