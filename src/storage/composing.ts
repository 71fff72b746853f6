import { z } from "zod";
import type { MemberId } from "../channels/address.js";
import type { Redis } from "../redis.js";
import { safeJson } from "./json.js";
import type { Keys } from "./keys.js";

/**
 * What a person is writing right now, when their next message is not an answer to the form: a
 * question for a consultant, an answer to one, a note, a broadcast. Forgotten after a day.
 */
const composingSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("question"), formItem: z.object({ path: z.string(), label: z.string() }).optional() }),
  z.object({ kind: z.literal("follow-up"), ticketId: z.number() }),
  z.object({ kind: z.literal("answer"), ticketId: z.number() }),
  z.object({ kind: z.literal("hand-over"), ticketId: z.number() }),
  z.object({ kind: z.literal("broadcast"), target: z.string() }),
  z.object({ kind: z.literal("broadcast-ready"), target: z.string(), text: z.string() }),
  z.object({ kind: z.literal("review-comment"), roundId: z.string(), agencyId: z.string() }),
]);

export type Composing = z.infer<typeof composingSchema>;

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
    return this.parse(await this.redis.get(this.keys.composing(memberId)));
  }

  parse(raw: string | null | undefined): Composing | undefined {
    // Written by an older version, or damaged: the person starts what they were writing again.
    const parsed = raw ? composingSchema.safeParse(safeJson(raw)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  }

  async clear(memberId: MemberId): Promise<void> {
    await this.redis.del(this.keys.composing(memberId));
  }
}
