import { foldName } from "../domain/agencies.js";
import { type Fill, fillsOf } from "./interpolation.js";
import { type Form, type FormNode, type Option, optionsOf, type Part, type Question } from "./schema.js";
import type { AnswerValue } from "./validators.js";
import { calculationOf, conditionOf, parseExpression, references, type Scope } from "./xlsform/expression.js";

/**
 * A response as the engine sees it, and the form unrolled against it: the questions that apply
 * to this agency with these answers, in the order they are asked.
 */

export interface StoredAnswer {
  /** null when the question was skipped. */
  value: AnswerValue | null;
  /** The member who gave it. */
  by: string;
  at: number;
  /** The messenger it was given on (telegram, zalo), for the console; none for answers from before it was kept. */
  via?: string;
}

export type ResponseStatus = "draft" | "submitted" | "reopened";

export interface ResponseState {
  formVersion: number;
  status: ResponseStatus;
  answers: ReadonlyMap<string, StoredAnswer>;
  /** Entry ids per repeat, in the order they were added. */
  entries: ReadonlyMap<string, readonly string[]>;
  /** Repeats the officers have said are complete. */
  listsDone: ReadonlySet<string>;
  submittedAt: number | undefined;
  submittedBy: string | undefined;
  /** The secretariat's decision on the last submission, with its comment when sent back. */
  review: "accepted" | "returned" | undefined;
  reviewComment: string | undefined;
  /** Parts carried over from the agency's last round that no officer has confirmed yet. */
  unconfirmed: ReadonlySet<string>;
}

export const emptyResponse = (formVersion: number): ResponseState => ({
  formVersion,
  status: "draft",
  answers: new Map(),
  entries: new Map(),
  listsDone: new Set(),
  submittedAt: undefined,
  submittedBy: undefined,
  review: undefined,
  reviewComment: undefined,
  unconfirmed: new Set(),
});

export type AgencyKind = "province" | "ministry";

export type RepeatNode = Extract<FormNode, { kind: "repeat" }>;

export interface QuestionSlot {
  kind: "question";
  /** `<node>.<question>` for a row, `<node>#<entry>.<question>` in a repeat or each block. */
  path: string;
  /** The row or entry the question belongs to: conditions and edits stay inside it. */
  scope: string;
  part: Part;
  node: FormNode;
  question: Question;
  entry: { id: string; index: number; name: string } | undefined;
  /** The answers its texts show (`${name}`, src/form/interpolation.ts); none when they show none. */
  fills?: Readonly<Record<string, Fill>>;
}

export interface ListSlot {
  kind: "list";
  path: string;
  part: Part;
  node: RepeatNode;
}

/** A part carried over from the last round, waiting for an officer to say it still holds. */
export interface ConfirmSlot {
  kind: "confirm";
  path: string;
  part: Part;
}

export type Slot = QuestionSlot | ListSlot | ConfirmSlot;

export const questionPath = (scope: string, questionId: string) => `${scope}.${questionId}`;
export const entryScope = (nodeId: string, entryId: string) => `${nodeId}#${entryId}`;

export function nodeById(form: Form, id: string): FormNode | undefined {
  for (const part of form.parts) for (const node of part.nodes) if (node.id === id) return node;
  return undefined;
}

/** The list of that id; undefined also where a cursor stored under an older form names one this form no longer has. */
export function repeatNode(form: Form, id: string): RepeatNode | undefined {
  const node = nodeById(form, id);
  return node?.kind === "repeat" ? node : undefined;
}

export function partOf(form: Form, nodeId: string): Part {
  const part = form.parts.find((candidate) => candidate.nodes.some((node) => node.id === nodeId));
  if (!part) throw new Error(`no part holds ${nodeId}`);
  return part;
}

/** The repeat an entry name question belongs to, or undefined. */
export function entryOf(path: string): { nodeId: string; entryId: string } | undefined {
  const [, nodeId, entryId] = /^([^#.]+)#([^.]+)\./.exec(path) ?? [];
  return nodeId && entryId ? { nodeId, entryId } : undefined;
}

/**
 * The entries a repeat or an each block is asked for, with the repeat each comes from: none from
 * a repeat that does not apply (4.2 for a province, a list whose group an answer closed), whose
 * entries are kept, hidden, for when it applies again.
 *
 * An each block asks once per system: the letter's own example lists the administrative-procedure
 * system in row 1 and again in 4.1, and row 5 is about the system, not the line. Entries named the
 * same (case, accents, spacing and punctuation aside) are one system, under its first entry.
 */
export function entriesOf(form: Form, node: FormNode, state: ResponseState, agencyKind: AgencyKind): { source: string; entryId: string }[] {
  const entries = listedEntries(form, node, state, agencyKind);
  if (node.kind !== "each") return entries;
  const seen = new Set<string>();
  return entries.filter(({ source, entryId }) => {
    const system = foldName(entryName(state, source, entryId));
    if (!system) return true;
    if (seen.has(system)) return false;
    seen.add(system);
    return true;
  });
}

/** Every entry of the repeats a node is asked for that apply, in asking order: for an each block, several may be one system. */
export function listedEntries(
  form: Form,
  node: FormNode,
  state: ResponseState,
  agencyKind: AgencyKind,
): { source: string; entryId: string }[] {
  const applies = (repeat: FormNode | undefined): repeat is FormNode =>
    repeat !== undefined && isRelevant(repeat.relevant, expressionScope(form, state, repeat.id, agencyKind));
  const sources = node.kind === "repeat" ? [node] : node.kind === "each" ? node.of.map((id) => nodeById(form, id)) : [];
  return sources.filter(applies).flatMap(({ id }) => (state.entries.get(id) ?? []).map((entryId) => ({ source: id, entryId })));
}

/**
 * The each-block entry that stands for a listed system: its own, or the first entry of the same
 * name (entriesOf), whose row-5 answers it shares. Undefined when the block does not apply to it.
 */
export function systemEntryOf(
  form: Form,
  each: FormNode,
  state: ResponseState,
  agencyKind: AgencyKind,
  entry: { source: string; entryId: string },
): string | undefined {
  const system = foldName(entryName(state, entry.source, entry.entryId));
  return entriesOf(form, each, state, agencyKind).find(
    (candidate) =>
      (candidate.source === entry.source && candidate.entryId === entry.entryId) ||
      (system !== "" && foldName(entryName(state, candidate.source, candidate.entryId)) === system),
  )?.entryId;
}

export function entryName(state: ResponseState, repeatId: string, entryId: string): string {
  const value = state.answers.get(questionPath(entryScope(repeatId, entryId), "name"))?.value;
  return value === null || value === undefined ? "" : String(value);
}

/**
 * What a form's expressions read in a row or entry (`scope`): an answer by the name the form gives
 * it (an XLSForm name unique in the form, src/form/xlsform/to-form.ts), else by the id of a
 * question of the same row or entry; and the agency's kind. Unanswered and skipped read "".
 */
export function expressionScope(form: Form, state: ResponseState, scope: string, agencyKind: AgencyKind): Scope {
  return {
    agencyKind,
    answer: (name) => {
      const target = form.names?.[name];
      // A question of another row has no answer under this scope: no need to look the id up.
      const [at, question] = target ? [scope.startsWith(`${target.node}#`) ? scope : target.node, target.question] : [scope, name];
      const calculation = calculationsOf(form).get(`${at.split("#")[0]}.${question}`);
      if (calculation) return calculated(form, state, at, calculation, agencyKind);
      return state.answers.get(questionPath(at, question))?.value ?? undefined;
    },
  };
}

/**
 * The options a question offers in its row or entry: all of its set's, or with a choice_filter
 * those it holds for (`name` and the choice's other columns read the option's own).
 */
export function optionsOffered(form: Form, question: Question, reads: Scope): readonly Option[] {
  const all = optionsOf(form, question);
  if ((question.type !== "choice" && question.type !== "multi") || question.choiceFilter === undefined) return all;
  const holds = conditionOf(question.choiceFilter, true);
  return all.filter((option) => holds({ ...reads, field: (name) => (name === "name" ? option.id : option.fields?.[name]) }));
}

/**
 * How many entries a list with a repeat_count asks for, as the answers stand (no more than it
 * holds at most); undefined without one, or while what it reads is unanswered.
 */
export function entriesWanted(form: Form, state: ResponseState, node: RepeatNode, agencyKind: AgencyKind): number | undefined {
  if (node.count === undefined) return undefined;
  const value = calculationOf(node.count)(expressionScope(form, state, node.id, agencyKind));
  const wanted = value === undefined || value === "" ? Number.NaN : Math.trunc(Number(value));
  return Number.isFinite(wanted) && wanted >= 0 ? Math.min(wanted, node.maxEntries) : undefined;
}

type Calculation = Extract<Question, { type: "calculate" }>;
const calculations = new WeakMap<Form, Map<string, Calculation>>();

/** The form's calculates by `<node>.<question>`: worked out once per form. */
function calculationsOf(form: Form): ReadonlyMap<string, Calculation> {
  let map = calculations.get(form);
  if (!map) {
    map = new Map();
    for (const part of form.parts)
      for (const node of part.nodes)
        for (const question of node.questions) if (question.type === "calculate") map.set(`${node.id}.${question.id}`, question);
    calculations.set(form, map);
  }
  return map;
}

/**
 * A calculate's value in its row or entry, from the answers as they stand: nothing is stored, so
 * a corrected answer changes it at once. A calculate reads earlier questions only (checked on
 * import), so working it out ends; one that does not apply is "", as in ODK.
 */
function calculated(form: Form, state: ResponseState, scope: string, question: Calculation, agencyKind: AgencyKind) {
  const reads = expressionScope(form, state, scope, agencyKind);
  const node = nodeById(form, scope.split("#")[0] as string);
  if (!node || !isRelevant(node.relevant, reads) || !isRelevant(question.relevant, reads)) return "";
  return calculationOf(question.calculation)(reads);
}

/**
 * The response with every calculate's value among its answers, for what reads answers by path (the
 * exports): each row's, and each entry's of the lists it is in.
 */
export function withCalculations<State extends ResponseState | undefined>(form: Form, state: State, agencyKind: AgencyKind): State {
  if (!state || calculationsOf(form).size === 0) return state;
  const answers = new Map(state.answers);
  for (const [key, question] of calculationsOf(form)) {
    const nodeId = key.slice(0, key.indexOf("."));
    const node = nodeById(form, nodeId);
    const scopes =
      node?.kind === "row"
        ? [nodeId]
        : node
          ? entriesOf(form, node, state, agencyKind).map(({ entryId }) => entryScope(nodeId, entryId))
          : [];
    for (const scope of scopes) {
      const value = calculated(form, state, scope, question, agencyKind);
      if (value !== undefined && value !== "") answers.set(questionPath(scope, question.id), { value, by: "", at: state.submittedAt ?? 0 });
    }
  }
  return { ...state, answers };
}

const dependents = new WeakMap<Form, Map<string, FormNode[]>>();

/**
 * For each node, the other nodes whose `relevant` or `choice_filter` reads one of its questions by
 * name (forms from XLSForm): what may close, or offer other choices, when one of its answers
 * changes. Worked out once per form.
 */
export function dependentsOf(form: Form): ReadonlyMap<string, readonly FormNode[]> {
  let map = dependents.get(form);
  if (!map) {
    map = new Map();
    for (const part of form.parts) {
      for (const node of part.nodes) {
        const sources = [node.relevant, ...node.questions.map((question) => question.relevant)];
        // A calculate read stands for what it reads: a change there changes it.
        const calculates = calculationsOf(form);
        const through = (name: string, depth = 0): string[] => {
          const target = form.names?.[name];
          const calculate = target && calculates.get(`${target.node}.${target.question}`);
          if (!calculate || depth > 50) return [name];
          return [name, ...references(parseExpression(calculate.calculation)).flatMap((inner) => through(inner, depth + 1))];
        };
        // A choice_filter reads answers too: a change there may leave a chosen option no longer offered.
        const filters = node.questions.flatMap((question) =>
          (question.type === "choice" || question.type === "multi") && question.choiceFilter !== undefined ? [question.choiceFilter] : [],
        );
        const read = [
          ...sources.flatMap((source) => (source === undefined ? [] : references(parseExpression(source)))),
          ...filters.flatMap((filter) => references(parseExpression(filter, true))),
        ].flatMap((name) => through(name));
        for (const target of new Set(read.map((name) => form.names?.[name]?.node))) {
          if (target === undefined || target === node.id) continue;
          map.set(target, [...(map.get(target) ?? []), node]);
        }
      }
    }
    dependents.set(form, map);
  }
  return map;
}

/** Whether a node or question applies, by its `relevant`; one without applies. */
export const isRelevant = (source: string | undefined, scope: Scope) => source === undefined || conditionOf(source)(scope);

/** Every slot that applies now, in asking order. */
export function buildSlots(form: Form, state: ResponseState, agencyKind: AgencyKind): Slot[] {
  const slots: Slot[] = [];
  for (const part of form.parts) {
    if (state.unconfirmed.has(part.id)) slots.push({ kind: "confirm", path: `confirm:${part.id}`, part });
    for (const node of part.nodes) {
      if (!isRelevant(node.relevant, expressionScope(form, state, node.id, agencyKind))) continue;
      const addQuestions = (scope: string, entry: QuestionSlot["entry"]) => {
        const reads = expressionScope(form, state, scope, agencyKind);
        for (const question of node.questions) {
          if (question.type === "calculate" || !isRelevant(question.relevant, reads)) continue;
          const fills = fillsOf(form, node, question, reads);
          slots.push({
            kind: "question",
            path: questionPath(scope, question.id),
            scope,
            part,
            node,
            question,
            entry,
            ...(fills ? { fills } : {}),
          });
        }
      };
      if (node.kind === "row") {
        addQuestions(node.id, undefined);
        continue;
      }
      const entries = entriesOf(form, node, state, agencyKind);
      for (const [index, { source, entryId }] of entries.entries()) {
        addQuestions(entryScope(node.id, entryId), { id: entryId, index, name: entryName(state, source, entryId) });
      }
      if (node.kind === "repeat") slots.push({ kind: "list", path: node.id, part, node });
    }
  }
  return slots;
}

export function isOpen(slot: Slot, state: ResponseState): boolean {
  if (slot.kind === "confirm") return state.unconfirmed.has(slot.part.id);
  if (slot.kind === "list") return !state.listsDone.has(slot.node.id);
  return !state.answers.has(slot.path);
}

/** Where a question stands among all that apply: "question 14 of 52". */
export function progressOf(slots: readonly Slot[], path: string): { index: number; total: number } {
  const questions = slots.filter((slot) => slot.kind === "question");
  return { index: questions.findIndex((slot) => slot.path === path) + 1, total: questions.length };
}

/** How much of the form is done: answered (or skipped) questions and completed lists over all. */
export function completion(slots: readonly Slot[], state: ResponseState): { done: number; total: number; percent: number } {
  const done = slots.filter((slot) => !isOpen(slot, state)).length;
  const total = slots.length;
  return { done, total, percent: total === 0 ? 100 : Math.floor((done / total) * 100) };
}
