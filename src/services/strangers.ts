import type { Address } from "../channels/address.js";
import type { Redis } from "../redis.js";
import type { Keys } from "../storage/keys.js";

/** How often a stranger hears that the bot is for invited members only. */
export const STRANGER_ANSWER_SECONDS = 60 * 60;

/**
 * Anyone can write to the bot; only members are served. A stranger is told how to join at most
 * once an hour, so strangers writing in a loop cannot spend the send budget members need.
 */
export class StrangerDoor {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /**
   * True when the stranger at `address` may be told `what` now (and counts it): that the bot is
   * for members, or that too many wrong codes locked them out for a while.
   */
  async mayAnswer(address: Address, what: "stranger" | "locked" = "stranger"): Promise<boolean> {
    return (await this.redis.set(this.keys.strangerAnswered(address, what), "1", "EX", STRANGER_ANSWER_SECONDS, "NX")) === "OK";
  }
}
