import { z } from "zod";

/**
 * What an update did besides a form answer, kept with the effect itself (an effect mark,
 * src/storage/marks.ts) so that the update, tried again after its reply failed, shows what it did
 * rather than doing it twice: one question to the consultant, one round, one decision, one
 * broadcast, whatever the intake's retries. Ids only: the repeat reads the rest from where the
 * effect stored it.
 */
const effectSchema = z.discriminatedUnion("kind", [
  /** A question asked, a message added to one (a follow-up, an answer, a hand-over's note), or one closed. */
  z.object({ kind: z.literal("ticket"), ticket: z.number().int(), did: z.enum(["asked", "said", "closed", "handed"]) }),
  z.object({ kind: z.literal("round"), round: z.string(), did: z.enum(["created", "extended", "closed", "reopened"]) }),
  z.object({ kind: z.literal("review"), round: z.string(), agency: z.string(), decision: z.enum(["accepted", "returned"]) }),
  /** Invites made: their references, never their codes (codes are kept hashed). */
  z.object({ kind: z.literal("invites"), refs: z.array(z.string()) }),
  z.object({ kind: z.literal("broadcast"), id: z.string() }),
  z.object({ kind: z.literal("link"), did: z.enum(["linked", "unlinked", "refused"]) }),
]);

export type Effect = z.infer<typeof effectSchema>;

/** The effect an earlier try recorded; undefined for none, or one this version does not know. */
export function readEffect(json: string | undefined): Effect | undefined {
  if (json === undefined) return undefined;
  try {
    const parsed = effectSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
