import type { Redis } from "../redis.js";
import type { Keys } from "./keys.js";
import type { AppliedMark } from "./responses.js";

/**
 * Telegram redelivers an update when it is not confirmed in time (a crash, a slow webhook
 * answer). Update ids grow within a bot and a chat's updates are handled in order, so the
 * highest id applied per chat tells whether an update is a redelivery.
 *
 * The mark expires after two days: Telegram keeps an update for at most 24 hours, and after a
 * week without updates it may restart the ids at a random, possibly lower, number.
 */
const MARK_TTL_SECONDS = 2 * 24 * 60 * 60;

const MARK_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
return 1
`;

export class AppliedUpdates {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async isApplied(chatId: number, updateId: number): Promise<boolean> {
    const highest = await this.redis.get(this.keys.appliedUpdate(chatId));
    return highest !== null && updateId <= Number(highest);
  }

  /** The mark for a caller that writes it inside its own transaction, with the change the update made. */
  markFor(chatId: number, updateId: number): AppliedMark {
    return { key: this.keys.appliedUpdate(chatId), updateId, ttlSeconds: MARK_TTL_SECONDS };
  }

  async markApplied(chatId: number, updateId: number): Promise<void> {
    await this.redis.eval(MARK_SCRIPT, 1, this.keys.appliedUpdate(chatId), String(updateId), String(MARK_TTL_SECONDS));
  }
}
