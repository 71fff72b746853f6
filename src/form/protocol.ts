import type { FormActionId } from "./actions.js";
import type { Shortfall } from "./compliance.js";
import type { ComponentRule, Form, FormNode, Option, Part, Question } from "./schema.js";
import type { AgencyKind, QuestionSlot, RepeatNode, ResponseStatus, StoredAnswer } from "./slots.js";
import type { AnswerValue } from "./validators.js";

/**
 * What the engine and its callers hand each other: where an officer is (stored per officer),
 * what they sent, and what a step gives back (what to store, where they are next, what to show).
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

export const INITIAL_CURSOR: Cursor = { seq: 0, screen: { kind: "review" } };

export type Input =
  | { kind: "open" }
  | { kind: "text"; text: string }
  | { kind: "unsupported" }
  | { kind: "action"; seq: number; action: FormActionId };

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

/** A button of a screen: what it does, and its words (a locale key, or an option of the question). */
export interface Action {
  id: FormActionId;
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
