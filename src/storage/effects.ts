import { z } from "zod";

/**
 * What an update did besides a form answer, kept with the effect itself (an effect mark,
 * src/storage/marks.ts) so that the update, tried again after its reply failed, shows what it did
 * rather than doing it twice: one question to the consultant, one round, one decision, one
 * broadcast, whatever the intake's retries. Ids only (never a code, never what someone wrote): the
 * repeat reads the rest from where the effect stored it (handlers/conversation.ts `replay`).
 */
const effectSchema = z.discriminatedUnion("kind", [
  /**
   * A question asked, a message added to one (more from the officer, an answer, a hand-over's note),
   * one closed or given to another consultant; `revision`: the ticket's, as the change left it.
   */
  z.object({
    kind: z.literal("ticket"),
    ticket: z.number().int(),
    did: z.enum(["asked", "followed-up", "answered", "closed", "handed", "reassigned"]),
    revision: z.number().int(),
  }),
  z.object({ kind: z.literal("round"), round: z.string(), did: z.enum(["created", "extended", "closed", "reopened"]) }),
  /** `at`: when it was recorded, as the response keeps it; the officers' notices are named by it. */
  z.object({
    kind: z.literal("review"),
    round: z.string(),
    agency: z.string(),
    decision: z.enum(["accepted", "returned"]),
    at: z.number(),
  }),
  /**
   * Someone who joined by an invite: `invite`, the keyed hash the invite is stored by (not its code),
   * so that whoever is told of its use can be told again.
   */
  z.object({ kind: z.literal("joined"), invite: z.string() }),
  /** Invites made: their references (the start of the code's keyed hash), never their codes. */
  z.object({ kind: z.literal("invites"), refs: z.array(z.string()) }),
  z.object({ kind: z.literal("broadcast"), id: z.string() }),
  /** A link code typed at a new address (the member is asked), and the member's answer to that request. */
  z.object({
    kind: z.literal("link"),
    did: z.enum(["requested", "linked", "refused"]),
    request: z.string(),
    /** The address the request is for (`zalo:<id>`). */
    address: z.string(),
  }),
  /** A member removed by the secretariat: what goes with the access (their invites, their sessions) is withdrawn again. */
  z.object({ kind: z.literal("removal"), member: z.string() }),
  /** An address taken away from a member, by itself or by the secretariat, at `at` (the notices are named by it). */
  z.object({
    kind: z.literal("unlink"),
    member: z.string(),
    address: z.string(),
    by: z.enum(["self", "secretariat"]),
    at: z.number(),
  }),
]);

export type Effect = z.infer<typeof effectSchema>;

export type EffectOf<Kind extends Effect["kind"]> = Extract<Effect, { kind: Kind }>;

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
