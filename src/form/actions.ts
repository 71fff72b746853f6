/**
 * What a form screen's buttons do. The engine reads a `FormAction`; a view lists each button by
 * its `FormActionId`, the short text a button's data carries (src/channels/actions.ts wraps it
 * with the screen's sequence number). The ids are those chats already hold, so buttons sent by an
 * earlier version still work; Telegram's 64 bytes of callback data leave the longest, an answer
 * of a list entry (`edit:r1#<entry>.<question>`), room to spare.
 */

export type FormAction =
  // Anywhere in the form.
  | { kind: "review" }
  | { kind: "resume" }
  | { kind: "pause" }
  // A question: an option by its number as shown (from 1), the one-tap answer offered, the answer kept, skipped (optional),
  // left open for later (required), the question before, an answer the bot proposed after a refusal ("06/2027").
  | { kind: "option"; number: number }
  | { kind: "suggest" }
  | { kind: "keep" }
  | { kind: "skip" }
  | { kind: "later" }
  | { kind: "back" }
  | { kind: "answer"; value: string }
  // A list and its entries.
  | { kind: "add" }
  | { kind: "done" }
  | { kind: "entry"; entry: string }
  | { kind: "delete" }
  | { kind: "confirm" }
  | { kind: "cancel" }
  // A system renamed that is listed in other rows too: still the same system there, or another one.
  | { kind: "same" }
  | { kind: "apart" }
  // The review: a part, a question or a list to change, a part carried over confirmed, submit, reopen.
  | { kind: "part"; part: string }
  | { kind: "edit"; path: string }
  | { kind: "list"; repeat: string }
  | { kind: "confirm-part" }
  | { kind: "submit" }
  | { kind: "reopen" };

/** The actions that carry nothing but their name, which is also their id. */
type Plain = Exclude<FormAction, { kind: "option" | "answer" | "entry" | "part" | "edit" | "list" }>["kind"];

export type FormActionId =
  | Plain
  | `opt:${number}`
  | `ans:${string}`
  | `entry:${string}`
  | `part:${string}`
  | `edit:${string}`
  | `list:${string}`;

const PLAIN: Record<Plain, true> = {
  review: true,
  resume: true,
  pause: true,
  suggest: true,
  keep: true,
  skip: true,
  later: true,
  back: true,
  add: true,
  done: true,
  delete: true,
  confirm: true,
  cancel: true,
  same: true,
  apart: true,
  "confirm-part": true,
  submit: true,
  reopen: true,
};

const isPlain = (id: string): id is Plain => Object.hasOwn(PLAIN, id);

export function encodeFormAction(action: FormAction): FormActionId {
  switch (action.kind) {
    case "option":
      return `opt:${action.number}`;
    case "answer":
      return `ans:${action.value}`;
    case "entry":
      return `entry:${action.entry}`;
    case "part":
      return `part:${action.part}`;
    case "edit":
      return `edit:${action.path}`;
    case "list":
      return `list:${action.repeat}`;
    default:
      return action.kind;
  }
}

/** The action an id names; undefined for an id no screen offers (forged, or from a retired version). */
export function decodeFormAction(id: string): FormAction | undefined {
  if (isPlain(id)) return { kind: id };
  const colon = id.indexOf(":");
  const [head, value] = [id.slice(0, colon), id.slice(colon + 1)];
  if (colon < 0 || value === "") return undefined;
  switch (head) {
    case "opt":
      return /^\d+$/.test(value) ? { kind: "option", number: Number(value) } : undefined;
    case "ans":
      return { kind: "answer", value };
    case "entry":
      return { kind: "entry", entry: value };
    case "part":
      return { kind: "part", part: value };
    case "edit":
      return { kind: "edit", path: value };
    case "list":
      return { kind: "list", repeat: value };
    default:
      return undefined;
  }
}
