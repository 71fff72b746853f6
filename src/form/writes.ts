import type { EngineContext, Writes } from "./protocol.js";
import type { Form, FormNode, Question } from "./schema.js";
import {
  buildSlots,
  dependentsOf,
  entriesOf,
  entryScope,
  expressionScope,
  isRelevant,
  nodeById,
  optionsOffered,
  questionPath,
  type RepeatNode,
  type ResponseState,
  type ResponseStatus,
  repeatNode,
  type Slot,
} from "./slots.js";
import { type ListedEntry, systemAnswerMoves } from "./systems.js";
import type { AnswerValue } from "./validators.js";
import type { Scope } from "./xlsform/expression.js";

/**
 * What a step stores. The caller writes it in one atomic unit, so a step either happened or did
 * not; until then the step reads the response through a `Draft`, with its own writes applied.
 */

export const emptyWrites = (): Writes => ({
  answers: new Map(),
  removedAnswers: [],
  addedEntries: [],
  removedEntries: [],
  listsDone: [],
  status: undefined,
  history: [],
  carried: [],
  confirmed: [],
});

/** Two steps' writes as one, the second winning where both set the same thing. */
export function mergeWrites(first: Writes, second: Writes): Writes {
  return {
    answers: new Map([...first.answers, ...second.answers]),
    removedAnswers: [...first.removedAnswers, ...second.removedAnswers],
    addedEntries: [...first.addedEntries, ...second.addedEntries],
    removedEntries: [...first.removedEntries, ...second.removedEntries],
    listsDone: [...first.listsDone, ...second.listsDone],
    status: second.status ?? first.status,
    history: [...first.history, ...second.history],
    carried: [...first.carried, ...second.carried],
    confirmed: [...first.confirmed, ...second.confirmed],
  };
}

/** The response with the writes applied, so the next screen is computed from what will be stored. */
export function applyWrites(state: ResponseState, writes: Writes): ResponseState {
  const answers = new Map(state.answers);
  for (const path of writes.removedAnswers) answers.delete(path);
  for (const [path, answer] of writes.answers) answers.set(path, answer);
  const entries = new Map(state.entries);
  for (const { repeat, entry } of writes.addedEntries) entries.set(repeat, [...(entries.get(repeat) ?? []), entry]);
  for (const { repeat, entry } of writes.removedEntries)
    entries.set(
      repeat,
      (entries.get(repeat) ?? []).filter((id) => id !== entry),
    );
  const listsDone = new Set(state.listsDone);
  for (const { repeat, done } of writes.listsDone) done ? listsDone.add(repeat) : listsDone.delete(repeat);
  const unconfirmed = new Set([...state.unconfirmed, ...writes.carried]);
  for (const part of writes.confirmed) unconfirmed.delete(part);
  return {
    ...state,
    answers,
    entries,
    listsDone,
    unconfirmed,
    ...(writes.status
      ? {
          status: writes.status.status,
          submittedAt: writes.status.status === "submitted" ? writes.status.at : state.submittedAt,
          submittedBy: writes.status.status === "submitted" ? writes.status.by : state.submittedBy,
        }
      : {}),
    // A new submission has not been reviewed yet (the store drops the last review with it).
    ...(writes.status?.status === "submitted" ? { review: undefined, reviewComment: undefined } : {}),
  };
}

/** A new entry id: time-ordered, so entries sort in the order they were added, short for buttons. */
export function newEntryId(now: number, salt: number): string {
  return `${now.toString(36)}${(salt % 1296).toString(36).padStart(2, "0")}`;
}

/** One step's writes as it makes them, and the response as the step sees it: as loaded, with those writes. */
export class Draft {
  readonly writes = emptyWrites();
  private current: ResponseState;
  private slotsOf: { state: ResponseState; slots: Slot[] } | undefined;

  constructor(
    readonly context: EngineContext,
    private readonly loaded: ResponseState,
  ) {
    this.current = loaded;
  }

  get state(): ResponseState {
    return this.current;
  }

  /** The slots of the response as it stands in this step, computed once per change. */
  slots(): Slot[] {
    if (this.slotsOf?.state !== this.current)
      this.slotsOf = { state: this.current, slots: buildSlots(this.context.form, this.current, this.context.agencyKind) };
    return this.slotsOf.slots;
  }

  /** Stores an answer (null: skipped) and records the change; answers it no longer calls for go. */
  store(path: string, value: AnswerValue | null): void {
    const old = this.current.answers.get(path)?.value;
    this.writes.answers.set(path, { value, by: this.context.memberId, at: this.context.now });
    if (old !== value) this.writes.history.push({ path, old, new: value });
    this.commit();
    this.prune(path.slice(0, path.lastIndexOf(".")));
  }

  /** A new entry of a list, named by its first question's answer; the list is open again until said complete. Its id. */
  addEntry(node: RepeatNode, name: AnswerValue): string {
    const before = this.current;
    const entry = newEntryId(this.context.now, (this.current.entries.get(node.id) ?? []).length);
    this.writes.addedEntries.push({ repeat: node.id, entry });
    this.writes.listsDone.push({ repeat: node.id, done: false });
    this.store(`${entryScope(node.id, entry)}.${node.questions[0].id}`, name);
    // Listed before a system of the same name (row 1 before 4.1), it stands for that system now, with its answers.
    this.moveSystemAnswers(before, [{ source: node.id, entryId: entry }]);
    return entry;
  }

  /**
   * New names for entries of lists (one, or all of a system's), and the per-system answers
   * (row 5) moved where the new names put them (src/form/systems.ts).
   */
  renameEntries(entries: readonly ListedEntry[], name: AnswerValue): void {
    const before = this.current;
    for (const { source, entryId } of entries) {
      const node = repeatNode(this.context.form, source);
      if (node) this.store(questionPath(entryScope(source, entryId), node.questions[0].id), name);
    }
    this.moveSystemAnswers(before, entries);
  }

  /** After entries were renamed, added or removed: the per-system answers (row 5) where the names now put them. */
  private moveSystemAnswers(before: ResponseState, entries: readonly ListedEntry[]): void {
    const moves = systemAnswerMoves(this.context.form, before, this.current, this.context.agencyKind, entries);
    for (const path of moves.remove) {
      this.writes.answers.delete(path);
      this.writes.removedAnswers.push(path);
      this.writes.history.push({ path, old: this.current.answers.get(path)?.value, new: undefined });
    }
    for (const [path, answer] of moves.set) {
      this.writes.answers.set(path, answer);
      this.writes.history.push({ path, old: this.current.answers.get(path)?.value, new: answer.value });
    }
    this.commit();
  }

  /** An entry goes with its answers, and so do those of the blocks asked for each of its entries (row 5 for row 1). */
  removeEntry(repeat: string, entry: string): void {
    const scopes = this.context.form.parts
      .flatMap((part) => part.nodes)
      .filter((node) => node.id === repeat || (node.kind === "each" && node.of.includes(repeat)))
      .map((node) => `${entryScope(node.id, entry)}.`);
    for (const [path, answer] of this.current.answers) {
      if (scopes.some((scope) => path.startsWith(scope))) {
        this.writes.removedAnswers.push(path);
        this.writes.history.push({ path, old: answer.value, new: undefined });
      }
    }
    this.writes.removedEntries.push({ repeat, entry });
    const before = this.current;
    this.commit();
    // The system it stood for stays, listed in another row: its answers go with it there.
    this.moveSystemAnswers(before, [{ source: repeat, entryId: entry }]);
  }

  closeList(repeat: string): void {
    this.writes.listsDone.push({ repeat, done: true });
    this.commit();
  }

  /** A part carried over from the last round, said by an officer to hold still; the history keeps who said so. */
  confirmPart(part: string): void {
    this.writes.confirmed.push(part);
    this.writes.history.push({ path: `@confirmed:${part}`, old: undefined, new: "confirmed" });
    this.commit();
  }

  /**
   * Records the report's new status where the rest of the step sees it: the screen that follows
   * (the receipt, the review reopened) shows the status and time being stored, not the ones before.
   */
  record(status: ResponseStatus): void {
    this.writes.status = { status, at: this.context.now, by: this.context.memberId };
    this.commit();
  }

  private commit(): void {
    this.current = applyWrites(this.loaded, this.writes);
  }

  /**
   * Removes the answers whose `relevant` no longer holds (the reason and the month left from
   * "partly met" after a correction to "met"), and the choices a `choice_filter` no longer offers
   * (the district of another province, as ODK clears it), in the same step, into the history: in
   * the row or entry that changed, then in the rows and lists that read it by name (a form from
   * XLSForm), and on, since a removed answer may close further questions.
   */
  private prune(changed: string): void {
    const dependents = dependentsOf(this.context.form);
    const readersOf = (nodeId: string) => (dependents.get(nodeId) ?? []).flatMap((node) => this.scopesOf(node));
    const work = [changed, ...readersOf(changed.split("#")[0] ?? "")];
    for (let scope = work.shift(); scope !== undefined; scope = work.shift()) {
      const nodeId = scope.split("#")[0] ?? "";
      if (this.pruneScope(scope, nodeId)) work.push(...readersOf(nodeId));
    }
  }

  /** The rows or entries a node's answers live under now. */
  private scopesOf(node: FormNode): string[] {
    if (node.kind === "row") return [node.id];
    return entriesOf(this.context.form, node, this.current, this.context.agencyKind).map(({ entryId }) => entryScope(node.id, entryId));
  }

  /**
   * Removes a row's or entry's answers that no longer apply (a row no longer applying takes all
   * its answers; a list keeps its entries) and the choices no longer offered, again until none
   * goes; whether any went.
   */
  private pruneScope(scope: string, nodeId: string): boolean {
    const node = nodeById(this.context.form, nodeId);
    let any = false;
    for (let removed = true; removed && node; ) {
      removed = false;
      const reads = expressionScope(this.context.form, this.current, scope, this.context.agencyKind);
      const rowApplies = node.kind !== "row" || isRelevant(node.relevant, reads);
      for (const question of node.questions) {
        const path = questionPath(scope, question.id);
        const answer = this.current.answers.get(path);
        if (!answer) continue;
        const applies = rowApplies && isRelevant(question.relevant, reads);
        // A skipped answer (null) whose question no longer applies goes too, as any other answer.
        const kept = applies ? stillOffered(this.context.form, question, answer.value, reads) : null;
        if (applies && kept === answer.value) continue;
        if (kept === null) {
          this.writes.answers.delete(path);
          this.writes.removedAnswers.push(path);
        } else this.writes.answers.set(path, { value: kept, by: this.context.memberId, at: this.context.now });
        this.writes.history.push({ path, old: answer.value, new: kept ?? undefined });
        this.commit();
        removed = true;
        any = true;
      }
    }
    return any;
  }
}

/**
 * What of an answer a choice_filter still offers: all of it, the options of a select_multiple
 * still offered, or null when nothing is (the question is asked again). A skipped answer stays.
 */
function stillOffered(form: Form, question: Question, value: AnswerValue | null, reads: Scope): AnswerValue | null {
  if (value === null || (question.type !== "choice" && question.type !== "multi") || question.choiceFilter === undefined) return value;
  const offered = new Set(optionsOffered(form, question, reads).map((option) => option.id));
  const chosen = String(value).split(" ");
  const left = chosen.filter((id) => offered.has(id));
  if (left.length === chosen.length) return value;
  return left.length ? left.join(" ") : null;
}
