import type { MemberId } from "../channels/address.js";
import type { Redis } from "../redis.js";
import type { Keys } from "./keys.js";

/**
 * What a person is writing right now, when their next message is not an answer to the form: a
 * question for a consultant, an answer to one, a note, a broadcast. Forgotten after a day.
 */
export type Composing =
  | { kind: "question"; formItem?: { path: string; label: string } }
  | { kind: "follow-up"; ticketId: number }
  | { kind: "answer"; ticketId: number }
  | { kind: "hand-over"; ticketId: number }
  | { kind: "broadcast"; target: string }
  | { kind: "broadcast-ready"; target: string; text: string }
  | { kind: "review-comment"; roundId: string; agencyId: string };

const COMPOSING_TTL_SECONDS = 24 * 60 * 60;

export class ComposingStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async set(memberId: MemberId, composing: Composing): Promise<void> {
    await this.redis.set(this.keys.composing(memberId), JSON.stringify(composing), "EX", COMPOSING_TTL_SECONDS);
  }

  async get(memberId: MemberId): Promise<Composing | undefined> {
    const raw = await this.redis.get(this.keys.composing(memberId));
    return raw ? (JSON.parse(raw) as Composing) : undefined;
  }

  async clear(memberId: MemberId): Promise<void> {
    await this.redis.del(this.keys.composing(memberId));
  }
}
