import type { FormActionId } from "./actions.js";
import type { Shortfall } from "./compliance.js";
import type { Fill } from "./interpolation.js";
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
  /** A system listed in other rows too, renamed (`name`, not stored yet): still the same system there? */
  | { kind: "same-system"; path: string; name: string; origin: Origin }
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
  /** A photo sent, by the reference it is kept under: the messenger's file id, or `stored:<id>`. */
  | { kind: "photo"; reference: string }
  /** A place shared from the messenger (Telegram's location), in decimal degrees. */
  | { kind: "location"; latitude: number; longitude: number }
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

export type Notice =
  | {
      key: string;
      params?: Record<string, string | number>;
      /** The answer was refused: the screen stays as it is, and the notice says why (no second copy of the screen). */
      refusal?: true;
      /** An answer the officer may mean, offered to confirm with one tap ("quý 2 năm 2027" as 06/2027): the words to type or press. */
      proposal?: string;
      /** What is still open, where the notice says so (a submit refused). */
      open?: OpenItem[];
    }
  | undefined;

/** A button of a screen: what it does, and its words (a locale key, or an option of the question). */
export interface Action {
  id: FormActionId;
  label: { key: string; params?: Record<string, string | number> } | { option: Option; index: number };
}

/** How far the agency is: the part on screen out of all, and the share of the form done ("Phần 2/4 · 61%"). */
export interface Progress {
  part: string;
  parts: number;
  percent: number;
}

export type View =
  | {
      kind: "question";
      slot: QuestionSlot;
      options: readonly Option[];
      progress: Progress;
      /** The first question of its row while filling in: the row's full title is shown once, a short label after. */
      intro: boolean;
      current: string | undefined;
      /** The one-tap answer the bot offers (the workplace, a system's managing body), when the question has one. */
      suggestion: string | undefined;
      actions: Action[];
    }
  | { kind: "new-entry"; node: RepeatNode; part: Part; count: number; actions: Action[] }
  | {
      kind: "list";
      node: RepeatNode;
      part: Part;
      progress: Progress;
      /** The first list of a group of rows (4.1 of row 4) shows the group's heading. */
      firstOfGroup: boolean;
      entries: { id: string; name: string }[];
      /** How many entries the list asks for (XLSForm's repeat_count), when it says. */
      wanted: number | undefined;
      actions: Action[];
    }
  /** A system's answers: its own, then those asked of it in another row (row 5). */
  | { kind: "entry"; node: RepeatNode; name: string; items: ReviewLine[]; actions: Action[] }
  | { kind: "confirm-delete"; node: RepeatNode; name: string; actions: Action[] }
  /**
   * `name`, the new name; `others`, the entries of other rows (or the same) that are one system with
   * it under its old name; `each`, the number of the row asked once per system (row 5).
   */
  | {
      kind: "same-system";
      node: RepeatNode;
      name: string;
      others: { node: RepeatNode; name: string }[];
      each: string;
      actions: Action[];
    }
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

/** A system listed in a row, on one line of the review: its status answers, and those of the row asked for each system (row 5). */
export interface ReviewSystem {
  entry: string;
  name: string;
  /** Its answers that say where it stands (choices, and what they lead to), in asking order: its row's, then row 5's. */
  answers: ReviewLine[];
  open: number;
}

/** One row of a part in the review, in the letter's order. */
export type ReviewRow =
  | { kind: "row"; node: FormNode; lines: ReviewLine[] }
  | { kind: "list"; node: RepeatNode; systems: ReviewSystem[] }
  /** A row asked once per system (row 5): its answers stand on each system's line; what is left open is counted here. */
  | { kind: "each"; node: FormNode; systems: number; open: number };

export interface ReviewPart {
  part: Part;
  /** The question lines of the part's rows, in asking order: what the numbers of a part's screen change. */
  lines: ReviewLine[];
  rows: ReviewRow[];
  /** The lists of the part, for the buttons that open them. */
  lists: { node: RepeatNode; entries: string[] }[];
  open: number;
  /** Questions answered, and skipped, of those that apply. */
  answered: number;
  skipped: number;
}

/** A question left open, named where the officer finds it: for "submit" refused, and the review. */
export interface OpenItem {
  part: Part;
  node: FormNode;
  question: Question | undefined;
  entryName: string | undefined;
}

/** What a submitted report says at a glance: answers per option of each option set, entries per list. */
export interface SubmitSummary {
  options: { set: string; option: Option; count: number }[];
  lists: { node: RepeatNode; count: number }[];
  /** How the report counts (a form with a compliance rule): fully compliant, or the components that hold it back and where. */
  compliance?: { fully: boolean; holdingBack: HoldingBack[] };
  /** The answers the form's closing words show (`${name}`, src/form/interpolation.ts); none when they show none. */
  closing?: Readonly<Record<string, Fill>>;
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
