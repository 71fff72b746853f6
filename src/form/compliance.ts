import type { ComponentRule, Form, FormNode } from "./schema.js";
import {
  type AgencyKind,
  emptyResponse,
  entriesOf,
  entryScope,
  expressionScope,
  isRelevant,
  questionPath,
  type ResponseState,
} from "./slots.js";

/**
 * "Đáp ứng 100% yêu cầu", as letter 000 counts it, read from the form's `compliance` data: a
 * component is met only when every row that shows it applies its answers as met, nothing counted
 * is unanswered, and every list that must name systems names at least that many. A component none
 * of whose rows applies to the agency (a form's ministries-only component, for a province) is not
 * applicable: neither met nor missing. An agency is fully compliant when its report is submitted
 * and every component that applies to it is met.
 */

export type ComponentStatus = "met" | "partial" | "not_met" | "unanswered" | "not_applicable";

/** The worst status decides what a cell shows; only "met" everywhere counts as met. */
const SEVERITY: Record<Exclude<ComponentStatus, "not_applicable">, number> = { not_met: 3, partial: 2, unanswered: 1, met: 0 };

export function complianceComponents(form: Form): readonly ComponentRule[] {
  return form.compliance?.components ?? [];
}

function findNode(form: Form, id: string): FormNode | undefined {
  for (const part of form.parts) for (const node of part.nodes) if (node.id === id) return node;
  return undefined;
}

/** The scopes a node's answers live under: the row itself, or one per listed entry. */
function scopesOf(form: Form, node: FormNode, state: ResponseState, agencyKind: AgencyKind): string[] {
  if (node.kind === "row") return [node.id];
  return entriesOf(form, node, state, agencyKind).map(({ entryId }) => entryScope(node.id, entryId));
}

function componentStatus(form: Form, component: ComponentRule, state: ResponseState | undefined, agencyKind: AgencyKind): ComponentStatus {
  // Whether a row applies may hang on the agency's kind alone: known before any answer.
  const read = state ?? emptyResponse(form.version);
  const rows = component.rows.flatMap((row) => {
    const node = findNode(form, row.node);
    return node && isRelevant(node.relevant, expressionScope(form, read, node.id, agencyKind)) ? [{ row, node }] : [];
  });
  if (rows.length === 0) return "not_applicable";
  if (!state) return "unanswered";
  const statuses = form.compliance?.statuses ?? {};
  let worst: keyof typeof SEVERITY = "met";
  const see = (status: keyof typeof SEVERITY) => {
    if (SEVERITY[status] > SEVERITY[worst]) worst = status;
  };
  for (const { row, node } of rows) {
    const scopes = scopesOf(form, node, state, agencyKind);
    // A list the officers closed empty saying "not yet" (4.1: not connected) is not met, not unanswered.
    const notYet = node.kind === "repeat" && node.whenEmpty === "not-yet" && state.listsDone.has(node.id);
    if (scopes.length < (row.atLeast ?? 0)) see(notYet ? "not_met" : "unanswered");
    for (const scope of scopes) {
      const reads = expressionScope(form, state, scope, agencyKind);
      for (const question of node.questions) {
        const meaning = question.type === "choice" ? statuses[question.options] : undefined;
        if (!meaning || !isRelevant(question.relevant, reads)) continue;
        const value = state.answers.get(questionPath(scope, question.id))?.value;
        see((value === null || value === undefined ? undefined : meaning[String(value)]) ?? "unanswered");
      }
    }
  }
  return worst;
}

export interface Compliance {
  /** One status per component of `complianceComponents(form)`, in that order. */
  components: ComponentStatus[];
  fullyCompliant: boolean;
}

export function complianceOf(form: Form, state: ResponseState | undefined, agencyKind: AgencyKind): Compliance {
  const components = complianceComponents(form).map((component) => componentStatus(form, component, state, agencyKind));
  return {
    components,
    fullyCompliant:
      state?.status === "submitted" &&
      components.some((status) => status === "met") &&
      components.every((status) => status === "met" || status === "not_applicable"),
  };
}
