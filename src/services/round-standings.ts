import type { Agency } from "../domain/agencies.js";
import type { Round } from "../domain/rounds.js";
import { type ComponentStatus, complianceOf } from "../form/compliance.js";
import type { Form } from "../form/schema.js";
import { buildSlots, completion, type ResponseState } from "../form/slots.js";
import type { ResponseStore } from "../storage/responses.js";
import type { FormCatalog } from "./form-catalog.js";
import { noComponentCounts } from "./progress.js";

/**
 * One line per agency of a round, as the console's round page and agencies table show it:
 * where the report stands, how far it is, when someone last touched it, each component's status.
 * A round of 10,000 agencies is read whole only once per process: after that, only the responses
 * whose revision moved are read again, and nothing at all while the round's change counter stands.
 */

export type Standing = "not-started" | "in-progress" | "submitted" | "returned";

export interface AgencySummary {
  agency: Agency;
  standing: Standing;
  percent: number;
  /** The latest answer's time, or the submission's, whichever is later; none before any answer. */
  lastActivity: number | undefined;
  submittedAt: number | undefined;
  review: "accepted" | "returned" | undefined;
  components: ComponentStatus[];
  fullyCompliant: boolean;
}

export interface RoundSummaries {
  round: Round;
  form: Form;
  /** In the order of the round's agencies. */
  rows: AgencySummary[];
  /** The round's change counter they were read at. */
  version: string;
}

interface CachedRound {
  form: Form;
  /** Each agency's line, the revision it was read at, and the round's change counter it was last checked at. */
  rows: Map<string, { revision: string; summary: AgencySummary; checkedAt: string }>;
}

export function summarize(form: Form, agency: Agency, state: ResponseState | undefined): AgencySummary {
  const { components, fullyCompliant } = complianceOf(form, state, agency.kind);
  if (!state) {
    return {
      agency,
      standing: "not-started",
      percent: 0,
      lastActivity: undefined,
      submittedAt: undefined,
      review: undefined,
      components,
      fullyCompliant,
    };
  }
  let lastActivity = state.submittedAt ?? 0;
  for (const answer of state.answers.values()) if (answer.at > lastActivity) lastActivity = answer.at;
  const standing: Standing =
    state.status === "submitted" ? "submitted" : state.status === "reopened" && state.review === "returned" ? "returned" : "in-progress";
  return {
    agency,
    standing,
    percent: completion(buildSlots(form, state, agency.kind), state).percent,
    lastActivity: lastActivity || undefined,
    submittedAt: state.submittedAt,
    review: state.review,
    components,
    fullyCompliant,
  };
}

export class RoundStandings {
  private readonly cache = new Map<string, CachedRound>();

  constructor(
    private readonly responses: ResponseStore,
    private readonly forms: FormCatalog,
  ) {}

  /**
   * Every agency's line, read again only where a response moved since this process last read it:
   * lines checked at the round's current change counter are used as they are; the others have their
   * revisions read, and only those that moved are read whole. Any subset of the round may be asked for.
   */
  async of(round: Round, agencies: readonly Agency[]): Promise<RoundSummaries> {
    const version = await this.responses.roundChanges(round.id);
    const form = await this.forms.of(round);
    let cached = this.cache.get(round.id);
    if (!cached || cached.form !== form) {
      cached = { form, rows: new Map() };
      this.cache.set(round.id, cached);
    }
    const { rows: known } = cached;
    const unchecked = agencies.filter((agency) => known.get(agency.id)?.checkedAt !== version);
    if (unchecked.length > 0) {
      const revisions = await this.responses.revisions(
        round.id,
        unchecked.map((agency) => agency.id),
      );
      const moved = unchecked.filter((agency, index) => known.get(agency.id)?.revision !== revisions[index]);
      const loaded = await this.responses.loadMany(
        round.id,
        moved.map((agency) => agency.id),
      );
      moved.forEach((agency, index) => {
        const read = loaded[index];
        if (read) known.set(agency.id, { revision: read.revision, summary: summarize(form, agency, read.state), checkedAt: version });
      });
      for (const agency of unchecked) {
        const row = known.get(agency.id);
        if (row) row.checkedAt = version;
      }
    }
    const rows = agencies.flatMap((agency) => {
      const row = known.get(agency.id);
      return row ? [row.summary] : [];
    });
    return { round, form, rows, version };
  }
}

/** Agencies of each kind, counted. */
export type ByKind = Record<Agency["kind"], number>;

/**
 * A round's counts from its agencies' lines, as the letters count them: submitted and fully
 * compliant ("đáp ứng 100%", letter 000) out of targeted, ministries and provinces apart; the
 * agencies per standing; and each component's statuses over the submitted reports only, the
 * reports still being written (in progress or sent back) counted apart rather than mixed in.
 */
export interface RoundTally {
  targeted: ByKind;
  submitted: ByKind;
  fullyCompliant: ByKind;
  standings: Record<Standing, ByKind>;
  /** One count per component of the form, in its order, over submitted reports. */
  components: Record<ComponentStatus, number>[];
  /** Started and not (or no longer) submitted: in progress or returned. */
  drafts: number;
}

export function tallyRound(rows: readonly AgencySummary[], componentCount: number): RoundTally {
  const byKind = (): ByKind => ({ province: 0, ministry: 0 });
  const tally: RoundTally = {
    targeted: byKind(),
    submitted: byKind(),
    fullyCompliant: byKind(),
    standings: { "not-started": byKind(), "in-progress": byKind(), returned: byKind(), submitted: byKind() },
    components: Array.from({ length: componentCount }, noComponentCounts),
    drafts: 0,
  };
  for (const row of rows) {
    const { kind } = row.agency;
    tally.targeted[kind] += 1;
    tally.standings[row.standing][kind] += 1;
    if (row.fullyCompliant) tally.fullyCompliant[kind] += 1;
    if (row.standing === "in-progress" || row.standing === "returned") tally.drafts += 1;
    if (row.standing !== "submitted") continue;
    tally.submitted[kind] += 1;
    tally.components.forEach((counts, index) => {
      counts[row.components[index] ?? "unanswered"] += 1;
    });
  }
  return tally;
}
