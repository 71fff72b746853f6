import type { Agency } from "../domain/agencies.js";
import { isRoundOpen, type Round } from "../domain/rounds.js";
import { type ComponentStatus, complianceComponents, complianceOf } from "../form/compliance.js";
import type { ComponentRule, Form } from "../form/schema.js";
import { buildSlots, completion, type ResponseState } from "../form/slots.js";
import type { ResponseStore } from "../storage/responses.js";

/** Agencies per status of one component, all at zero. */
export const noComponentCounts = (): Record<ComponentStatus, number> => ({
  met: 0,
  partial: 0,
  not_met: 0,
  unanswered: 0,
  not_applicable: 0,
});

/**
 * Where a round stands, as the letters count it: submitted out of targeted, ministries and
 * provinces apart; agencies fully compliant (src/form/compliance.ts); each component of 1552
 * met, partly met, not met or not answered; and who is late. A report counts once it is
 * submitted: a draft is counted apart (`drafts`), never in the compliance counts.
 */

export interface AgencyRow {
  agency: Agency;
  state: ResponseState | undefined;
  submitted: boolean;
  /** How much of the form is answered, for a report started (a draft); undefined before anyone starts it. */
  percent: number | undefined;
  components: ComponentStatus[];
  fullyCompliant: boolean;
}

export interface RoundProgress {
  round: Round;
  components: readonly ComponentRule[];
  rows: AgencyRow[];
  targeted: Record<Agency["kind"], number>;
  submitted: Record<Agency["kind"], number>;
  /** Started, not submitted. */
  drafts: Record<Agency["kind"], number>;
  /** Of the submitted reports. */
  fullyCompliant: Record<Agency["kind"], number>;
  /** Of the submitted reports. */
  perComponent: Record<ComponentStatus, number>[];
  /** Not submitted: late once the deadline has passed, else still expected. */
  notSubmitted: Agency[];
  late: boolean;
}

export async function roundProgress(
  store: ResponseStore,
  form: Form,
  round: Round,
  agencies: Agency[],
  now: number,
): Promise<RoundProgress> {
  const components = complianceComponents(form);
  const rows: AgencyRow[] = [];
  for (const agency of agencies) {
    const state = await store.loadState(round.id, agency.id);
    const percent = state === undefined ? undefined : completion(buildSlots(form, state, agency.kind), state).percent;
    rows.push({ agency, state, submitted: state?.status === "submitted", percent, ...complianceOf(form, state, agency.kind) });
  }
  const count = (predicate: (row: AgencyRow) => boolean) => ({
    province: rows.filter((row) => row.agency.kind === "province" && predicate(row)).length,
    ministry: rows.filter((row) => row.agency.kind === "ministry" && predicate(row)).length,
  });
  return {
    round,
    components,
    rows,
    targeted: count(() => true),
    submitted: count((row) => row.submitted),
    drafts: count((row) => !row.submitted && row.state !== undefined),
    fullyCompliant: count((row) => row.submitted && row.fullyCompliant),
    perComponent: components.map((_, index) => {
      const tally = noComponentCounts();
      for (const row of rows) if (row.submitted) tally[row.components[index] ?? "unanswered"] += 1;
      return tally;
    }),
    notSubmitted: rows.filter((row) => !row.submitted).map((row) => row.agency),
    late: now > round.deadline || !isRoundOpen(round, now),
  };
}
