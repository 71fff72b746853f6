import type { Agency } from "../domain/agencies.js";
import type { Round } from "../domain/rounds.js";
import { type ComponentStatus, complianceOf } from "../form/compliance.js";
import type { Form } from "../form/schema.js";
import { buildSlots, completion, type ResponseState } from "../form/slots.js";
import type { ResponseStore } from "../storage/responses.js";
import type { FormCatalog } from "./form-catalog.js";

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
  version: string;
  form: Form;
  rows: Map<string, { revision: string; summary: AgencySummary }>;
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

  /** Every agency of the round's line, read again only where a response moved since this process last read it. */
  async of(round: Round, agencies: readonly Agency[]): Promise<RoundSummaries> {
    const version = await this.responses.roundChanges(round.id);
    let cached = this.cache.get(round.id);
    const form = await this.forms.of(round);
    if (!cached || cached.form !== form) {
      cached = { version: "", form, rows: new Map() };
      this.cache.set(round.id, cached);
    }
    const missing = agencies.filter((agency) => !cached.rows.has(agency.id));
    if (cached.version !== version || missing.length > 0) {
      const ids = cached.version === version ? missing.map((agency) => agency.id) : agencies.map((agency) => agency.id);
      const revisions = await this.responses.revisions(round.id, ids);
      const stale = ids.filter((id, index) => cached.rows.get(id)?.revision !== revisions[index]);
      const loaded = await this.responses.loadMany(round.id, stale);
      const byId = new Map(agencies.map((agency) => [agency.id, agency]));
      stale.forEach((id, index) => {
        const agency = byId.get(id);
        const read = loaded[index];
        if (agency && read) cached.rows.set(id, { revision: read.revision, summary: summarize(form, agency, read.state) });
      });
      cached.version = version;
    }
    const rows = agencies.flatMap((agency) => {
      const row = cached.rows.get(agency.id);
      return row ? [row.summary] : [];
    });
    return { round, form, rows, version };
  }
}
