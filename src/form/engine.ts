import { assessCompliance, meetsEverything, type Shortfall } from "./compliance.js";
import { navigationAction } from "./navigation-words.js";
import { type ComponentRule, type Form, type FormNode, type Option, optionsOf, type Part, type Question } from "./schema.js";
import {
  type AgencyKind,
  buildSlots,
  completion,
  dependentsOf,
  entriesOf,
  entryName,
  entryOf,
  entryScope,
  expressionScope,
  isOpen,
  isRelevant,
  type ListSlot,
  progressOf,
  type QuestionSlot,
  questionPath,
  type RepeatNode,
  type ResponseState,
  type ResponseStatus,
  type Slot,
  type StoredAnswer,
} from "./slots.js";
import { type AnswerValue, displayAnswer, validateAnswer } from "./validators.js";

/**
 * The questionnaire engine: a pure function from (form, response, where this officer is,
 * what they sent) to the changes to store, where they are next and what to show. No chat,
 * no Redis, no clock: the caller passes `now` and stores the changes in one atomic write.
 */

/** Where one officer is in the conversation. Kept per officer: colleagues share the answers, not the place. */
export type Screen =
  | { kind: "question"; path: string; origin: Origin }
  | { kind: "new-entry"; repeat: string; origin: Origin }
  | { kind: "list"; repeat: string; origin: Origin }
  | { kind: "entry"; repeat: string; entry: string; origin: Origin }
  | { kind: "confirm-delete"; repeat: string; entry: string; origin: Origin }
  | { kind: "review" }
  | { kind: "review-part"; part: string }
  | { kind: "submitted" };

/** Where to go back to when an edit is done: filling in order, the review, or a list. */
export type Origin = "fill" | "review" | "list";

export interface Cursor {
  /** Grows with every screen shown; a button carries it, so a press on an old screen is recognised. */
  seq: number;
  screen: Screen;
}

export type Input =
  | { kind: "open" }
  | { kind: "text"; text: string }
  | { kind: "unsupported" }
  | { kind: "action"; seq: number; action: string };

export interface EngineContext {
  form: Form;
  agencyKind: AgencyKind;
  /** The agency's name, offered as a one-tap answer where a question suggests it. */
  agencyName: string;
  memberId: string;
  now: number;
  today: { year: number; month: number };
  /** False once the round is closed: everything is read-only. */
  roundOpen: boolean;
}

export interface Change {
  path: string;
  old: AnswerValue | null | undefined;
  new: AnswerValue | null | undefined;
  /** The round an answer was carried over from, when it was. */
  carriedFrom?: string;
}

/** What to store, all in one atomic write before anything is shown. */
export interface Writes {
  answers: Map<string, StoredAnswer>;
  removedAnswers: string[];
  addedEntries: { repeat: string; entry: string }[];
  removedEntries: { repeat: string; entry: string }[];
  listsDone: { repeat: string; done: boolean }[];
  status: { status: ResponseStatus; at: number; by: string } | undefined;
  history: Change[];
  /** Parts carried over from the last round (to be confirmed), and parts confirmed. */
  carried: string[];
  confirmed: string[];
}

export type Notice = { key: string; params?: Record<string, string | number> } | undefined;

export interface Action {
  id: string;
  label: { key: string; params?: Record<string, string | number> } | { option: Option; index: number };
}

export type View =
  | {
      kind: "question";
      slot: QuestionSlot;
      options: readonly Option[];
      progress: { index: number; total: number };
      current: string | undefined;
      actions: Action[];
    }
  | { kind: "new-entry"; node: RepeatNode; part: Part; count: number; actions: Action[] }
  | { kind: "list"; node: RepeatNode; part: Part; entries: { id: string; name: string }[]; actions: Action[] }
  | { kind: "entry"; node: RepeatNode; name: string; items: ReviewLine[]; actions: Action[] }
  | { kind: "confirm-delete"; node: RepeatNode; name: string; actions: Action[] }
  | { kind: "review"; parts: ReviewPart[]; open: number; status: ResponseStatus; actions: Action[] }
  /** `carried`: the part comes from the last round and waits for an officer to confirm it. */
  | { kind: "review-part"; part: ReviewPart; carried: boolean; actions: Action[] }
  | { kind: "submitted"; at: number | undefined; summary: SubmitSummary; actions: Action[] }
  | { kind: "paused"; progress: { done: number; total: number; percent: number }; actions: Action[] };

export interface ReviewLine {
  path: string;
  label: { node: FormNode; question: Question; entry?: string };
  value: string | undefined;
  skipped: boolean;
}

export interface ReviewPart {
  part: Part;
  lines: ReviewLine[];
  lists: { node: RepeatNode; entries: string[] }[];
  open: number;
}

/** What a submitted report says at a glance: answers per option of each option set, entries per list. */
export interface SubmitSummary {
  options: { set: string; option: Option; count: number }[];
  lists: { node: RepeatNode; count: number }[];
  /** How the report counts (a form with a compliance rule): fully compliant, or the components that hold it back and where. */
  compliance?: { fully: boolean; holdingBack: HoldingBack[] };
}

/** A component not met, and where: each answer not met (its system, when listed; none given: no option), or too few systems listed (no question). */
export interface HoldingBack {
  component: ComponentRule;
  status: Shortfall["status"];
  places: { node: FormNode; entryName?: string; question?: Question; option?: Option }[];
}

export interface StepResult {
  cursor: Cursor;
  writes: Writes;
  view: View;
  notice: Notice;
  /** The answer just accepted, to confirm on the question's message. */
  accepted: { slot: QuestionSlot; display: string } | undefined;
}

export const INITIAL_CURSOR: Cursor = { seq: 0, screen: { kind: "review" } };

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

export function step(context: EngineContext, state: ResponseState, cursor: Cursor, input: Input): StepResult {
  return new Step(context, state, cursor).run(input);
}

/** Shows the screen the cursor is on, without changing anything (after /start, a reminder, a pause). */
export function show(context: EngineContext, state: ResponseState, cursor: Cursor): View {
  return new Step(context, state, cursor).view(cursor.screen);
}

class Step {
  private readonly writes = emptyWrites();
  private notice: Notice;
  private accepted: StepResult["accepted"];

  /** The response as this step sees it: as loaded, with this step's writes so far. */
  private state: ResponseState;

  constructor(
    private readonly context: EngineContext,
    private readonly loaded: ResponseState,
    private readonly cursor: Cursor,
  ) {
    this.state = loaded;
  }

  private commit(): void {
    this.state = applyWrites(this.loaded, this.writes);
  }

  run(typed: Input): StepResult {
    const input = this.navigation(typed);
    if (input.kind === "action" && input.action === "pause" && input.seq === this.cursor.seq) {
      return { cursor: this.cursor, writes: this.writes, view: this.paused(), notice: undefined, accepted: undefined };
    }
    const screen = this.route(input) ?? this.cursor.screen;
    // Buttons carry the sequence number; it moves only with the screen, so after a wrong answer
    // the buttons of the question already on the phone still work.
    const moved = JSON.stringify(screen) !== JSON.stringify(this.cursor.screen) || input.kind === "open";
    return {
      cursor: { seq: moved ? this.cursor.seq + 1 : this.cursor.seq, screen },
      writes: this.writes,
      view: this.view(screen),
      notice: this.notice,
      accepted: this.accepted,
    };
  }

  /** A typed navigation word ("quay lại", "xem lại") is the press of that button, when the screen has it. */
  private navigation(input: Input): Input {
    if (input.kind !== "text") return input;
    const action = navigationAction(input.text);
    if (!action || !this.view(this.cursor.screen).actions.some((candidate) => candidate.id === action)) return input;
    return { kind: "action", seq: this.cursor.seq, action };
  }

  // ---- input → next screen (undefined: stay) ----

  private route(input: Input): Screen | undefined {
    const screen = this.cursor.screen;
    if (input.kind === "open") return this.state.status === "submitted" ? { kind: "submitted" } : this.resume();
    if (input.kind === "action" && input.seq !== this.cursor.seq) {
      this.notice = { key: "form-stale-button" };
      return undefined;
    }
    if (input.kind === "action") {
      const global = this.globalAction(input.action);
      if (global !== false) return global;
    }
    const locked = this.lockedReason();
    if (locked && screen.kind !== "review" && screen.kind !== "review-part" && screen.kind !== "submitted") {
      this.notice = { key: locked };
      return this.state.status === "submitted" ? { kind: "submitted" } : { kind: "review" };
    }
    switch (screen.kind) {
      case "question":
        return this.onQuestion(screen, input);
      case "new-entry":
        return this.onNewEntry(screen, input);
      case "list":
        return this.onList(screen, input);
      case "entry":
        return this.onEntry(screen, input);
      case "confirm-delete":
        return this.onConfirmDelete(screen, input);
      case "review":
        return this.onReview(input, undefined);
      case "review-part":
        return this.onReview(input, screen.part);
      case "submitted":
        return this.onSubmitted(input);
    }
  }

  private lockedReason(): string | undefined {
    if (!this.context.roundOpen) return "form-round-closed";
    if (this.state.status === "submitted") return "form-submitted-locked";
    return undefined;
  }

  /** Actions that work on every screen; false when the action is not one of them. */
  private globalAction(action: string): Screen | undefined | false {
    if (action === "review") return { kind: "review" };
    if (action === "resume") return this.state.status === "submitted" ? { kind: "submitted" } : this.resume();
    if (action.startsWith("part:")) return { kind: "review-part", part: action.slice(5) };
    return false;
  }

  private unexpected(): undefined {
    this.notice = { key: "form-use-buttons" };
    return undefined;
  }

  private onQuestion(screen: Extract<Screen, { kind: "question" }>, input: Input): Screen | undefined {
    const slots = this.slots();
    const slot = slots.find((candidate): candidate is QuestionSlot => candidate.kind === "question" && candidate.path === screen.path);
    if (!slot) return this.resume();
    if (input.kind === "unsupported") {
      this.notice = { key: "form-text-expected" };
      return undefined;
    }
    if (input.kind === "text") return this.answer(slot, input.text, screen.origin);
    if (input.kind !== "action") return this.unexpected();
    const [, option] = /^opt:(\d+)$/.exec(input.action) ?? [];
    if (option) return this.answer(slot, option, screen.origin);
    switch (input.action) {
      case "suggest":
        return slot.question.suggest === "agency" ? this.answer(slot, this.context.agencyName, screen.origin) : this.unexpected();
      case "keep":
        return this.after(slot, screen.origin);
      case "skip":
        if (!slot.question.optional) {
          this.notice = { key: "form-cannot-skip" };
          return undefined;
        }
        this.store(slot.path, null);
        return this.after(slot, screen.origin);
      case "back":
        return this.back(slots, slot.path, screen.origin);
      default:
        return this.unexpected();
    }
  }

  private answer(slot: QuestionSlot, raw: string, origin: Origin): Screen | undefined {
    const result = validateAnswer(slot.question, raw, {
      today: this.context.today,
      options: this.optionsOf(slot.question),
      reads: expressionScope(this.context.form, this.state, slot.scope, this.context.agencyKind),
    });
    if (!result.ok) {
      this.notice = { key: result.reason, ...(result.params ? { params: result.params } : {}) };
      return undefined;
    }
    this.store(slot.path, result.value);
    this.accepted = { slot, display: displayAnswer(slot.question, result.value, this.optionsOf(slot.question)) };
    return this.after(slot, origin);
  }

  private onNewEntry(screen: Extract<Screen, { kind: "new-entry" }>, input: Input): Screen | undefined {
    const node = this.repeatNode(screen.repeat);
    if (input.kind === "action" && input.action === "cancel") return { kind: "list", repeat: screen.repeat, origin: screen.origin };
    if (input.kind === "unsupported") {
      this.notice = { key: "form-text-expected" };
      return undefined;
    }
    if (input.kind !== "text" || !node) return this.unexpected();
    return this.addEntry(node, input.text, screen.origin);
  }

  private addEntry(node: RepeatNode, name: string, origin: Origin): Screen | undefined {
    if ((this.state.entries.get(node.id) ?? []).length >= node.maxEntries) {
      this.notice = { key: "form-list-full", params: { max: node.maxEntries } };
      return { kind: "list", repeat: node.id, origin };
    }
    const nameQuestion = node.questions[0];
    const result = validateAnswer(nameQuestion, name, { today: this.context.today, options: [], reads: { answer: () => undefined } });
    if (!result.ok) {
      this.notice = { key: result.reason, ...(result.params ? { params: result.params } : {}) };
      return undefined;
    }
    const entry = newEntryId(this.context.now, (this.state.entries.get(node.id) ?? []).length);
    this.writes.addedEntries.push({ repeat: node.id, entry });
    this.writes.listsDone.push({ repeat: node.id, done: false });
    this.store(`${entryScope(node.id, entry)}.${nameQuestion.id}`, result.value);
    const slot = this.slots().find(
      (candidate): candidate is QuestionSlot => candidate.kind === "question" && candidate.scope === entryScope(node.id, entry),
    );
    return slot ? this.after(slot, origin === "review" ? "list" : origin) : { kind: "list", repeat: node.id, origin };
  }

  private onList(screen: Extract<Screen, { kind: "list" }>, input: Input): Screen | undefined {
    const node = this.repeatNode(screen.repeat);
    if (!node) return this.resume();
    if (input.kind === "text") return this.addEntry(node, input.text, screen.origin);
    if (input.kind !== "action") return this.unexpected();
    if (input.action === "add") return { kind: "new-entry", repeat: node.id, origin: screen.origin };
    if (input.action === "done") {
      this.writes.listsDone.push({ repeat: node.id, done: true });
      this.commit();
      const slots = this.slots();
      const index = slots.findIndex((slot) => slot.kind === "list" && slot.node.id === node.id);
      return screen.origin === "review" ? this.backToReview(this.partOf(node.id).id) : this.firstOpen(slots, index + 1);
    }
    if (input.action === "back") return this.back(this.slots(), node.id, screen.origin);
    const entry = /^entry:(.+)$/.exec(input.action)?.[1];
    if (entry && (this.state.entries.get(node.id) ?? []).includes(entry))
      return { kind: "entry", repeat: node.id, entry, origin: screen.origin };
    return this.unexpected();
  }

  private onEntry(screen: Extract<Screen, { kind: "entry" }>, input: Input): Screen | undefined {
    if (input.kind !== "action") return this.unexpected();
    if (input.action === "delete") return { ...screen, kind: "confirm-delete" };
    if (input.action === "cancel") return { kind: "list", repeat: screen.repeat, origin: screen.origin };
    const path = /^edit:(.+)$/.exec(input.action)?.[1];
    if (path && this.slots().some((slot) => slot.kind === "question" && slot.path === path))
      return { kind: "question", path, origin: "list" };
    return this.unexpected();
  }

  private onConfirmDelete(screen: Extract<Screen, { kind: "confirm-delete" }>, input: Input): Screen | undefined {
    if (input.kind !== "action") return this.unexpected();
    if (input.action === "cancel") return { ...screen, kind: "entry" };
    if (input.action !== "confirm") return this.unexpected();
    // The entry's answers go, and so do those of the blocks asked for each of its entries (row 5 for row 1).
    const scopes = this.context.form.parts
      .flatMap((part) => part.nodes)
      .filter((node) => node.id === screen.repeat || (node.kind === "each" && node.of.includes(screen.repeat)))
      .map((node) => `${entryScope(node.id, screen.entry)}.`);
    for (const [path, answer] of this.state.answers) {
      if (scopes.some((scope) => path.startsWith(scope))) {
        this.writes.removedAnswers.push(path);
        this.writes.history.push({ path, old: answer.value, new: undefined });
      }
    }
    this.writes.removedEntries.push({ repeat: screen.repeat, entry: screen.entry });
    this.commit();
    this.notice = { key: "form-entry-deleted" };
    return { kind: "list", repeat: screen.repeat, origin: screen.origin };
  }

  private onReview(input: Input, partId: string | undefined): Screen | undefined {
    if (input.kind !== "action") return this.unexpected();
    const locked = this.lockedReason();
    if (locked && input.action !== "reopen") {
      this.notice = { key: locked };
      return undefined;
    }
    if (input.action === "confirm-part" && partId && this.state.unconfirmed.has(partId)) {
      this.writes.confirmed.push(partId);
      this.writes.history.push({ path: `@confirmed:${partId}`, old: undefined, new: "confirmed" });
      this.commit();
      return this.resume();
    }
    const edit = /^edit:(.+)$/.exec(input.action)?.[1];
    if (edit)
      return this.slots().some((slot) => slot.kind === "question" && slot.path === edit)
        ? { kind: "question", path: edit, origin: "review" }
        : this.unexpected();
    const list = /^list:(.+)$/.exec(input.action)?.[1];
    if (list && this.repeatNode(list)) return { kind: "list", repeat: list, origin: "review" };
    if (input.action === "submit") return this.submit();
    if (input.action === "reopen") return this.onSubmitted(input);
    return this.unexpected();
  }

  private submit(): Screen | undefined {
    const slots = this.slots();
    const open = slots.find((slot) => isOpen(slot, this.state));
    if (open) {
      this.notice = { key: "form-incomplete", params: { count: slots.filter((slot) => isOpen(slot, this.state)).length } };
      return this.screenFor(open, "fill");
    }
    this.record("submitted");
    return { kind: "submitted" };
  }

  private onSubmitted(input: Input): Screen | undefined {
    if (input.kind === "action" && input.action === "reopen") {
      if (!this.context.roundOpen) {
        this.notice = { key: "form-round-closed" };
        return undefined;
      }
      this.record("reopened");
      return { kind: "review" };
    }
    return this.unexpected();
  }

  // ---- moving on ----

  /**
   * Records the report's new status where the rest of the step sees it: the screen that follows
   * (the receipt, the review reopened) shows the status and time being stored, not the ones before.
   */
  private record(status: ResponseStatus): void {
    this.writes.status = { status, at: this.context.now, by: this.context.memberId };
    this.commit();
  }

  /** Stores an answer (null: skipped) and records the change; answers it no longer calls for go. */
  private store(path: string, value: AnswerValue | null): void {
    const old = this.state.answers.get(path)?.value;
    this.writes.answers.set(path, { value, by: this.context.memberId, at: this.context.now });
    if (old !== value) this.writes.history.push({ path, old, new: value });
    this.commit();
    this.prune(path.slice(0, path.lastIndexOf(".")));
  }

  /**
   * Removes the answers whose `relevant` no longer holds (the reason and the month left from
   * "partly met" after a correction to "met"), in the same step, into the history: in the row or
   * entry that changed, then in the rows and lists that read it by name (a form from XLSForm), and
   * on, since a removed answer may close further questions.
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
    return entriesOf(this.context.form, node, this.state, this.context.agencyKind).map(({ entryId }) => entryScope(node.id, entryId));
  }

  /**
   * Removes a row's or entry's answers that no longer apply (a row no longer applying takes all
   * its answers; a list keeps its entries), again until none goes; whether any went.
   */
  private pruneScope(scope: string, nodeId: string): boolean {
    const node = this.nodeById(nodeId);
    let any = false;
    for (let removed = true; removed && node; ) {
      removed = false;
      const reads = expressionScope(this.context.form, this.state, scope, this.context.agencyKind);
      const rowApplies = node.kind !== "row" || isRelevant(node.relevant, reads);
      for (const question of node.questions) {
        const path = questionPath(scope, question.id);
        const answer = this.state.answers.get(path);
        if (!answer || (rowApplies && isRelevant(question.relevant, reads))) continue;
        this.writes.answers.delete(path);
        this.writes.removedAnswers.push(path);
        this.writes.history.push({ path, old: answer.value, new: undefined });
        this.commit();
        removed = true;
        any = true;
      }
    }
    return any;
  }

  private nodeById(id: string): FormNode | undefined {
    for (const part of this.context.form.parts) for (const node of part.nodes) if (node.id === id) return node;
    return undefined;
  }

  /**
   * After a question: first the questions its answer opened in the same row or entry, then
   * back where the officer came from, or on to the next open question.
   */
  private after(slot: QuestionSlot, origin: Origin): Screen {
    const slots = this.slots();
    const index = slots.findIndex((candidate) => candidate.path === slot.path);
    const dependent = slots
      .slice(index + 1)
      .find((candidate) => candidate.kind === "question" && candidate.scope === slot.scope && isOpen(candidate, this.state));
    if (dependent) return this.screenFor(dependent, origin);
    const repeat = entryOf(slot.path)?.nodeId;
    if (origin === "review") return this.backToReview(slot.part.id);
    if (origin === "list" && repeat && this.repeatNode(repeat)) return { kind: "list", repeat, origin: "list" };
    return this.firstOpen(slots, index + 1);
  }

  /** The first open slot from `from` on, wrapping round; the review when none is left. */
  private firstOpen(slots: readonly Slot[], from: number): Screen {
    const ordered = [...slots.slice(from), ...slots.slice(0, from)];
    const open = ordered.find((slot) => isOpen(slot, this.state));
    return open ? this.screenFor(open, "fill") : { kind: "review" };
  }

  private resume(): Screen {
    return this.firstOpen(this.slots(), 0);
  }

  private back(slots: readonly Slot[], path: string, origin: Origin): Screen | undefined {
    const index = slots.findIndex((slot) => slot.path === path);
    const previous = index > 0 ? slots[index - 1] : undefined;
    if (!previous) {
      this.notice = { key: "form-at-first" };
      return undefined;
    }
    return this.screenFor(previous, origin);
  }

  private screenFor(slot: Slot, origin: Origin): Screen {
    if (slot.kind === "confirm") return { kind: "review-part", part: slot.part.id };
    return slot.kind === "question" ? { kind: "question", path: slot.path, origin } : { kind: "list", repeat: slot.node.id, origin };
  }

  /** After a change made from a part's screen: that part again while it waits to be confirmed, else the review. */
  private backToReview(partId: string | undefined): Screen {
    return partId && this.state.unconfirmed.has(partId) ? { kind: "review-part", part: partId } : { kind: "review" };
  }

  // ---- screens → views ----

  view(screen: Screen): View {
    const slots = this.slots();
    const state = this.state;
    switch (screen.kind) {
      case "question": {
        const slot = slots.find((candidate): candidate is QuestionSlot => candidate.kind === "question" && candidate.path === screen.path);
        if (!slot) return this.view(this.resume());
        const options = this.optionsOf(slot.question);
        const stored = state.answers.get(slot.path);
        const current = stored === undefined ? undefined : stored.value === null ? "" : displayAnswer(slot.question, stored.value, options);
        // Several options are typed as numbers ("1, 3"); one is pressed.
        const pressable = slot.question.type === "multi" ? [] : options;
        const actions: Action[] = pressable.map((option, index) => ({ id: `opt:${index + 1}`, label: { option, index: index + 1 } }));
        if (slot.question.suggest === "agency")
          actions.push({ id: "suggest", label: { key: "form-button-suggest", params: { value: this.context.agencyName } } });
        if (stored !== undefined) actions.push({ id: "keep", label: { key: "form-button-keep" } });
        if (slot.question.optional) actions.push({ id: "skip", label: { key: "form-button-skip" } });
        if (slots.findIndex((candidate) => candidate.path === slot.path) > 0)
          actions.push({ id: "back", label: { key: "form-button-back" } });
        actions.push({ id: "review", label: { key: "form-button-review" } }, { id: "pause", label: { key: "form-button-pause" } });
        return { kind: "question", slot, options, progress: progressOf(slots, slot.path), current, actions };
      }
      case "new-entry": {
        // A cursor stored under an older form may name a list this one no longer has.
        const node = this.repeatNode(screen.repeat);
        if (!node) return this.view(this.resume());
        return {
          kind: "new-entry",
          node,
          part: this.partOf(node.id),
          count: (state.entries.get(node.id) ?? []).length,
          actions: [{ id: "cancel", label: { key: "form-button-cancel" } }],
        };
      }
      case "list": {
        const node = this.repeatNode(screen.repeat);
        if (!node) return this.view(this.resume());
        const entries = (state.entries.get(node.id) ?? []).map((id) => ({ id, name: entryName(state, node.id, id) }));
        const actions: Action[] = entries.map((entry, index) => ({
          id: `entry:${entry.id}`,
          label: { key: "form-button-entry", params: { n: index + 1 } },
        }));
        if (entries.length < node.maxEntries) actions.push({ id: "add", label: { key: "form-button-add" } });
        const empty = node.whenEmpty === "not-yet" ? "form-button-not-yet" : "form-button-none";
        actions.push({ id: "done", label: { key: entries.length === 0 ? empty : "form-button-list-done" } });
        actions.push({ id: "review", label: { key: "form-button-review" } }, { id: "pause", label: { key: "form-button-pause" } });
        return { kind: "list", node, part: this.partOf(node.id), entries, actions };
      }
      case "entry":
      case "confirm-delete": {
        const node = this.repeatNode(screen.repeat);
        if (!node || !(state.entries.get(node.id) ?? []).includes(screen.entry))
          return this.view({ kind: "list", repeat: screen.repeat, origin: screen.origin });
        const name = entryName(state, node.id, screen.entry);
        if (screen.kind === "confirm-delete") {
          return {
            kind: "confirm-delete",
            node,
            name,
            actions: [
              { id: "confirm", label: { key: "form-button-confirm-delete" } },
              { id: "cancel", label: { key: "form-button-cancel" } },
            ],
          };
        }
        // The entry's own questions, then those asked for it elsewhere (row 5 for a system of row 1).
        const items = this.lines(
          slots.filter(
            (slot): slot is QuestionSlot =>
              slot.kind === "question" &&
              slot.entry?.id === screen.entry &&
              (slot.node.id === node.id || (slot.node.kind === "each" && slot.node.of.includes(node.id))),
          ),
        );
        return {
          kind: "entry",
          node,
          name,
          items,
          actions: [
            ...items.map((item, index) => ({ id: `edit:${item.path}`, label: { key: "form-button-edit-n", params: { n: index + 1 } } })),
            { id: "delete", label: { key: "form-button-delete" } },
            { id: "cancel", label: { key: "form-button-back-to-list" } },
          ],
        };
      }
      case "review": {
        const parts = this.reviewParts(slots);
        const open = slots.filter((slot) => isOpen(slot, state)).length;
        const actions: Action[] = parts.map((part) => ({
          id: `part:${part.part.id}`,
          label: { key: "form-button-edit-part", params: { part: part.part.number } },
        }));
        if (state.status === "submitted") actions.push({ id: "reopen", label: { key: "form-button-reopen" } });
        else if (open === 0) actions.push({ id: "submit", label: { key: "form-button-submit" } });
        else actions.push({ id: "resume", label: { key: "form-button-continue" } });
        return { kind: "review", parts, open, status: state.status, actions };
      }
      case "review-part": {
        const part = this.reviewParts(slots).find((candidate) => candidate.part.id === screen.part);
        if (!part) return this.view({ kind: "review" });
        const carried = state.unconfirmed.has(part.part.id);
        const actions: Action[] = [
          ...(carried ? [{ id: "confirm-part", label: { key: "form-button-confirm-part" } }] : []),
          ...part.lines.map((line, index) => ({ id: `edit:${line.path}`, label: { key: "form-button-edit-n", params: { n: index + 1 } } })),
          ...part.lists.map((list) => ({
            id: `list:${list.node.id}`,
            label: { key: "form-button-edit-list", params: { number: list.node.number ?? "" } },
          })),
          { id: "review", label: { key: "form-button-back-to-review" } },
        ];
        return { kind: "review-part", part, carried, actions };
      }
      case "submitted":
        return {
          kind: "submitted",
          at: state.submittedAt,
          summary: this.summary(slots),
          actions: [
            { id: "review", label: { key: "form-button-view" } },
            ...(this.context.roundOpen ? [{ id: "reopen", label: { key: "form-button-reopen" } }] : []),
          ],
        };
    }
  }

  /** The pause screen: how far the agency is, and a button to go on later. */
  private paused(): View {
    return {
      kind: "paused",
      progress: completion(this.slots(), this.state),
      actions: [{ id: "resume", label: { key: "form-button-continue" } }],
    };
  }

  private summary(slots: readonly Slot[]): SubmitSummary {
    const counts = new Map<string, number>();
    for (const slot of slots) {
      const value = slot.kind === "question" && slot.question.type === "choice" ? this.state.answers.get(slot.path)?.value : undefined;
      if (slot.kind === "question" && slot.question.type === "choice" && value != null) {
        const key = `${slot.question.options}/${value}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const options = Object.entries(this.context.form.optionSets).flatMap(([set, list]) =>
      list.map((option) => ({ set, option, count: counts.get(`${set}/${option.id}`) ?? 0 })).filter((entry) => entry.count > 0),
    );
    const lists = slots
      .filter((slot): slot is ListSlot => slot.kind === "list")
      .map((slot) => ({ node: slot.node, count: (this.state.entries.get(slot.node.id) ?? []).length }));
    return { options, lists, ...this.complianceSummary() };
  }

  private complianceSummary(): Pick<SubmitSummary, "compliance"> {
    const { form, agencyKind } = this.context;
    const assessed = assessCompliance(form, this.state, agencyKind);
    if (!assessed.length) return {};
    const holdingBack = assessed.flatMap(({ component, status, shortfalls }): HoldingBack[] =>
      status === "met" || status === "not_applicable"
        ? []
        : [{ component, status, places: shortfalls.map((shortfall) => this.place(shortfall)) }],
    );
    return { compliance: { fully: meetsEverything(assessed.map(({ status }) => status)), holdingBack } };
  }

  private place({ node, entry, answer }: Shortfall): HoldingBack["places"][number] {
    const name = entry ? entryName(this.state, entry.repeat, entry.id) : undefined;
    const option = answer ? optionsOf(this.context.form, answer.question).find(({ id }) => id === String(answer.value)) : undefined;
    return { node, ...(name ? { entryName: name } : {}), ...(answer ? { question: answer.question } : {}), ...(option ? { option } : {}) };
  }

  private reviewParts(slots: readonly Slot[]): ReviewPart[] {
    return this.context.form.parts.map((part) => {
      const partSlots = slots.filter((slot) => slot.part.id === part.id);
      const questions = partSlots.filter((slot): slot is QuestionSlot => slot.kind === "question" && slot.entry === undefined);
      const lists = partSlots
        .filter((slot): slot is ListSlot => slot.kind === "list")
        .map((slot) => ({
          node: slot.node,
          entries: (this.state.entries.get(slot.node.id) ?? []).map((id) => entryName(this.state, slot.node.id, id)),
        }));
      return { part, lines: this.lines(questions), lists, open: partSlots.filter((slot) => isOpen(slot, this.state)).length };
    });
  }

  private lines(slots: readonly QuestionSlot[]): ReviewLine[] {
    return slots.map((slot) => {
      const stored = this.state.answers.get(slot.path);
      return {
        path: slot.path,
        label: { node: slot.node, question: slot.question, ...(slot.entry ? { entry: slot.entry.name } : {}) },
        value:
          stored?.value === null || stored === undefined
            ? undefined
            : displayAnswer(slot.question, stored.value, this.optionsOf(slot.question)),
        skipped: stored?.value === null,
      };
    });
  }

  private slotsOf: { state: ResponseState; slots: Slot[] } | undefined;

  /** The slots of the response as it stands in this step, computed once per change. */
  private slots(): Slot[] {
    if (this.slotsOf?.state !== this.state)
      this.slotsOf = { state: this.state, slots: buildSlots(this.context.form, this.state, this.context.agencyKind) };
    return this.slotsOf.slots;
  }

  private optionsOf(question: Question): readonly Option[] {
    return optionsOf(this.context.form, question);
  }

  private repeatNode(id: string): RepeatNode | undefined {
    for (const part of this.context.form.parts) {
      for (const node of part.nodes) if (node.id === id && node.kind === "repeat") return node;
    }
    return undefined;
  }

  private partOf(nodeId: string): Part {
    const part = this.context.form.parts.find((candidate) => candidate.nodes.some((node) => node.id === nodeId));
    if (!part) throw new Error(`no part holds ${nodeId}`);
    return part;
  }
}
