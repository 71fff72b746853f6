import type { Agency } from "../domain/agencies.js";
import { isRoundOpen, type Round } from "../domain/rounds.js";
import type { Form, FormNode } from "../form/schema.js";
import type { ResponseState } from "../form/slots.js";
import type { ResponseStore } from "../storage/responses.js";

/**
 * Where a round stands, as the letters count it: submitted out of targeted, ministries and
 * provinces apart; agencies fully compliant (every component met); each component of 1552
 * (rows 1–5 of the form) met, partly met, not met or not answered; and who is late.
 */

export type ComponentStatus = "met" | "partial" | "not_met" | "unanswered";

export interface Component {
  /** "1" … "5": the row of part 2; "4" gathers 4.1–4.3. */
  id: string;
  nodes: FormNode[];
}

export interface AgencyRow {
  agency: Agency;
  state: ResponseState | undefined;
  submitted: boolean;
  components: ComponentStatus[];
  fullyCompliant: boolean;
}

export interface RoundProgress {
  round: Round;
  components: Component[];
  rows: AgencyRow[];
  targeted: Record<Agency["kind"], number>;
  submitted: Record<Agency["kind"], number>;
  fullyCompliant: Record<Agency["kind"], number>;
  perComponent: Record<ComponentStatus, number>[];
  /** Not submitted: late once the deadline has passed, else still expected. */
  notSubmitted: Agency[];
  late: boolean;
}

const RANK: Record<Exclude<ComponentStatus, "unanswered">, number> = { not_met: 0, partial: 1, met: 2 };

/** The components of 1552 as the form's part 2 numbers its rows. */
export function componentsOf(form: Form): Component[] {
  const components = new Map<string, FormNode[]>();
  for (const part of form.parts) {
    for (const node of part.nodes) {
      if (!node.number || !node.questions.some((question) => question.type === "choice" && question.options === "compliance")) continue;
      const id = node.number.split(".")[0]!;
      components.set(id, [...(components.get(id) ?? []), node]);
    }
  }
  return [...components].map(([id, nodes]) => ({ id, nodes }));
}

/** The worst compliance answered anywhere in the component (every system, every sub-row). */
export function componentStatus(component: Component, state: ResponseState | undefined): ComponentStatus {
  if (!state) return "unanswered";
  let worst: ComponentStatus = "unanswered";
  for (const node of component.nodes) {
    const ids = node.questions
      .filter((question) => question.type === "choice" && question.options === "compliance")
      .map((question) => question.id);
    for (const [path, answer] of state.answers) {
      const [scope, questionId] = [path.slice(0, path.lastIndexOf(".")), path.slice(path.lastIndexOf(".") + 1)];
      if (
        (scope === node.id || scope.startsWith(`${node.id}#`)) &&
        ids.includes(questionId) &&
        typeof answer.value === "string" &&
        answer.value in RANK
      ) {
        const value = answer.value as keyof typeof RANK;
        if (worst === "unanswered" || RANK[value] < RANK[worst as keyof typeof RANK]) worst = value;
      }
    }
  }
  return worst;
}

/**
 * Every component the agency reported on is met. A component with nothing to report (no system
 * connected for 4.2, say) does not count against it; one partly or not met does.
 */
export function isFullyCompliant(statuses: readonly ComponentStatus[]): boolean {
  return statuses.some((status) => status === "met") && statuses.every((status) => status === "met" || status === "unanswered");
}

export async function roundProgress(
  store: ResponseStore,
  form: Form,
  round: Round,
  agencies: Agency[],
  now: number,
): Promise<RoundProgress> {
  const components = componentsOf(form);
  const rows: AgencyRow[] = [];
  for (const agency of agencies) {
    const state = await store.loadState(round.id, agency.id);
    const statuses = components.map((component) => componentStatus(component, state));
    const submitted = state?.status === "submitted";
    rows.push({
      agency,
      state,
      submitted,
      components: statuses,
      fullyCompliant: submitted && isFullyCompliant(statuses),
    });
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
    fullyCompliant: count((row) => row.fullyCompliant),
    perComponent: components.map((_, index) => {
      const tally: Record<ComponentStatus, number> = { met: 0, partial: 0, not_met: 0, unanswered: 0 };
      for (const row of rows) tally[row.components[index]!] += 1;
      return tally;
    }),
    notSubmitted: rows.filter((row) => !row.submitted).map((row) => row.agency),
    late: now > round.deadline || !isRoundOpen(round, now),
  };
}
