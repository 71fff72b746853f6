import type { FormRef } from "./form-catalog.js";

/** The round an agency answers in now, whether answers may still change, and the form it runs. */
export interface ActiveRound extends FormRef {
  id: string;
  open: boolean;
  opensAt: number;
}

/**
 * Before the secretariat opens any round for an agency, its officers can still fill in the form:
 * in this standing round, always open.
 */
export const STANDING_ROUND: ActiveRound = { id: "488", open: true, opensAt: 0, formId: "488", formVersion: undefined };

/** Which round an agency answers in at a moment; the rounds service decides. */
export type RoundResolver = (agencyId: string, now: number) => Promise<ActiveRound>;

/** The rounds of the same form the agency answered before this one, latest first. */
export type EarlierRounds = (agencyId: string, round: ActiveRound) => Promise<string[]>;
