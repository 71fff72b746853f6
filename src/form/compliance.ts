import type { ComponentRule, Form, FormNode, Question } from "./schema.js";
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
import type { AnswerValue } from "./validators.js";

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

/**
 * Whether the officers closed what a row lists from: the list itself, or every list an each block
 * is asked for (row 5: rows 1 and 4.1–4.3, those that apply to the agency). A list closed empty is
 * an answer, "none" (or "not yet"): never "not answered".
 */
function listsClosed(form: Form, node: FormNode, state: ResponseState, agencyKind: AgencyKind): boolean {
  if (node.kind === "repeat") return state.listsDone.has(node.id);
  if (node.kind !== "each") return false;
  const sources = node.of.flatMap((id) => {
    const source = findNode(form, id);
    return source && isRelevant(source.relevant, expressionScope(form, state, source.id, agencyKind)) ? [source.id] : [];
  });
  return sources.length > 0 && sources.every((id) => state.listsDone.has(id));
}

/** Where a component falls short: an answer not "met" (or none), or a row that lists too few systems. */
export interface Shortfall {
  status: Exclude<ComponentStatus, "met" | "not_applicable">;
  node: FormNode;
  /** The listed system it is about (its list and entry); none for the row itself. */
  entry?: { repeat: string; id: string };
  /** The question whose answer is not met, with the answer given (none: unanswered); none when too few systems are listed. */
  answer?: { question: Question; value: AnswerValue | undefined };
}

export interface ComponentAssessment {
  component: ComponentRule;
  status: ComponentStatus;
  shortfalls: Shortfall[];
}

function assessComponent(
  form: Form,
  component: ComponentRule,
  state: ResponseState | undefined,
  agencyKind: AgencyKind,
): ComponentAssessment {
  // Whether a row applies may hang on the agency's kind alone: known before any answer.
  const read = state ?? emptyResponse(form.version);
  const rows = component.rows.flatMap((row) => {
    const node = findNode(form, row.node);
    return node && isRelevant(node.relevant, expressionScope(form, read, node.id, agencyKind)) ? [{ row, node }] : [];
  });
  if (rows.length === 0) return { component, status: "not_applicable", shortfalls: [] };
  if (!state) return { component, status: "unanswered", shortfalls: [] };
  const statuses = form.compliance?.statuses ?? {};
  const shortfalls: Shortfall[] = [];
  for (const { row, node } of rows) {
    const entries = node.kind === "row" ? [undefined] : entriesOf(form, node, state, agencyKind);
    // Too few systems listed: not met when the officers said so (a list closed with "Không có", or
    // "Chưa kết nối" for 4.1; an each block whose lists are all closed), unanswered while a list is open.
    if (entries.length < (row.atLeast ?? 0))
      shortfalls.push({ status: listsClosed(form, node, state, agencyKind) ? "not_met" : "unanswered", node });
    for (const entry of entries) {
      const scope = entry ? entryScope(node.id, entry.entryId) : node.id;
      const reads = expressionScope(form, state, scope, agencyKind);
      for (const question of node.questions) {
        const meaning = question.type === "choice" ? statuses[question.options] : undefined;
        if (!meaning || !isRelevant(question.relevant, reads)) continue;
        const value = state.answers.get(questionPath(scope, question.id))?.value ?? undefined;
        const status = (value === undefined ? undefined : meaning[String(value)]) ?? "unanswered";
        if (status === "met") continue;
        shortfalls.push({
          status,
          node,
          ...(entry ? { entry: { repeat: entry.source, id: entry.entryId } } : {}),
          answer: { question, value },
        });
      }
    }
  }
  const status = shortfalls.reduce<keyof typeof SEVERITY>(
    (worst, { status }) => (SEVERITY[status] > SEVERITY[worst] ? status : worst),
    "met",
  );
  return { component, status, shortfalls };
}

export interface Compliance {
  /** One status per component of `complianceComponents(form)`, in that order. */
  components: ComponentStatus[];
  fullyCompliant: boolean;
}

/** Each component of `complianceComponents(form)`, in that order, with its status and where it falls short. */
export function assessCompliance(form: Form, state: ResponseState | undefined, agencyKind: AgencyKind): ComponentAssessment[] {
  return complianceComponents(form).map((component) => assessComponent(form, component, state, agencyKind));
}

/** Every component that applies is met, and at least one applies: what the report would count as, once submitted. */
export function meetsEverything(components: readonly ComponentStatus[]): boolean {
  return components.some((status) => status === "met") && components.every((status) => status === "met" || status === "not_applicable");
}

export function complianceOf(form: Form, state: ResponseState | undefined, agencyKind: AgencyKind): Compliance {
  const components = assessCompliance(form, state, agencyKind).map(({ status }) => status);
  return { components, fullyCompliant: state?.status === "submitted" && meetsEverything(components) };
}
