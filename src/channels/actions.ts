import { decodeFormAction, encodeFormAction, type FormActionId } from "../form/actions.js";

/**
 * Every button's data, built and read in one place: what pressing it means, typed. Telegram gives
 * a button 64 bytes of callback data (test/unit/form-actions.test.ts and rounds.test.ts check the longest ids fit); Zalo's
 * numbered lines carry the same data in the menu kept for the chat. The encodings are those the
 * chats already hold, so buttons sent before still work.
 */

export type Action =
  /** Opens the form where the officer is (the greeting's button, a reminder's). */
  | { kind: "form-open" }
  /** A form screen's action (`seq` names the screen, so a press on an older one is told apart). */
  | { kind: "form"; seq: number; action: FormActionId }
  /** An officer's question to the consultant, from the form when `path` names the question. */
  | { kind: "ticket-ask"; path?: string }
  | { kind: "ticket-more"; ticketId: number }
  | { kind: "ticket-answer"; ticketId: number }
  | { kind: "ticket-hand-over"; ticketId: number }
  | { kind: "ticket-close"; ticketId: number }
  | { kind: "ticket-reassign"; ticketId: number }
  | { kind: "ticket-reassign-to"; ticketId: number; consultantId: string }
  /** Stops what the person was writing (a question, an answer, a note, a broadcast). */
  | { kind: "cancel" }
  | { kind: "review"; verdict: "accept" | "return"; roundId: string; agencyId: string }
  | { kind: "broadcast-target"; target: string }
  | { kind: "broadcast-send" }
  | { kind: "language"; language: string }
  /** The answer to "this invite changes your role: go on?". */
  | { kind: "invite-confirm"; code: string }
  | { kind: "invite-keep" }
  /** The member's answer, on an account they have, to a new account asking to be linked. */
  | { kind: "link-decision"; verdict: "confirm" | "refuse"; requestId: string };

const TICKET_VERBS = {
  more: "ticket-more",
  ans: "ticket-answer",
  hand: "ticket-hand-over",
  close: "ticket-close",
  re: "ticket-reassign",
} as const;

export function encodeAction(action: Action): string {
  switch (action.kind) {
    case "form-open":
      return "f:open";
    case "form":
      return `f:${action.seq}:${action.action}`;
    case "ticket-ask":
      return action.path ? `t:ask:${action.path}` : "t:ask";
    case "ticket-more":
    case "ticket-answer":
    case "ticket-hand-over":
    case "ticket-close":
    case "ticket-reassign": {
      const verb = Object.entries(TICKET_VERBS).find(([, kind]) => kind === action.kind)?.[0];
      return `t:${verb}:${action.ticketId}`;
    }
    case "ticket-reassign-to":
      return `t:to:${action.ticketId}:${action.consultantId}`;
    case "cancel":
      return "t:cancel";
    case "review":
      return `r:${action.verdict === "accept" ? "ok" : "back"}:${action.roundId}:${action.agencyId}`;
    case "broadcast-target":
      return `b:t:${action.target}`;
    case "broadcast-send":
      return "b:send";
    case "language":
      return `lang:${action.language}`;
    case "invite-confirm":
      return `inv:yes:${action.code}`;
    case "invite-keep":
      return "inv:no";
    case "link-decision":
      return `lk:${action.verdict === "confirm" ? "ok" : "no"}:${action.requestId}`;
  }
}

/** What a button's data means; undefined for data no button of the bot's carries (forged, or from a retired version). */
export function decodeAction(data: string): Action | undefined {
  const [head = "", ...rest] = data.split(":");
  const tail = rest.join(":");
  switch (head) {
    case "f": {
      if (tail === "open") return { kind: "form-open" };
      const [, seq, id = ""] = /^(\d+):(.+)$/.exec(tail) ?? [];
      const action = decodeFormAction(id);
      return seq && action ? { kind: "form", seq: Number(seq), action: encodeFormAction(action) } : undefined;
    }
    case "t":
      return ticketAction(tail);
    case "r": {
      const [, verdict, roundId, agencyId] = /^(ok|back):([^:]+):(.+)$/.exec(tail) ?? [];
      return verdict && roundId && agencyId
        ? { kind: "review", verdict: verdict === "ok" ? "accept" : "return", roundId, agencyId }
        : undefined;
    }
    case "b":
      if (tail === "send") return { kind: "broadcast-send" };
      return tail.startsWith("t:") && tail.length > 2 ? { kind: "broadcast-target", target: tail.slice(2) } : undefined;
    case "lang":
      return /^[a-z]{2}$/.test(tail) ? { kind: "language", language: tail } : undefined;
    case "inv":
      if (tail === "no") return { kind: "invite-keep" };
      return /^yes:[A-Z0-9]+$/.test(tail) ? { kind: "invite-confirm", code: tail.slice(4) } : undefined;
    case "lk": {
      const [, verdict, requestId] = /^(ok|no):([0-9a-f]{12})$/.exec(tail) ?? [];
      return verdict && requestId ? { kind: "link-decision", verdict: verdict === "ok" ? "confirm" : "refuse", requestId } : undefined;
    }
    default:
      return undefined;
  }
}

function ticketAction(tail: string): Action | undefined {
  if (tail === "cancel") return { kind: "cancel" };
  if (tail === "ask") return { kind: "ticket-ask" };
  if (tail.startsWith("ask:") && tail.length > 4) return { kind: "ticket-ask", path: tail.slice(4) };
  const [, to, consultantId] = /^to:(\d+):([a-z0-9-]+)$/.exec(tail) ?? [];
  if (to && consultantId) return { kind: "ticket-reassign-to", ticketId: Number(to), consultantId };
  const [, verb, id] = /^(more|ans|hand|close|re):(\d+)$/.exec(tail) ?? [];
  return verb && id ? ({ kind: TICKET_VERBS[verb as keyof typeof TICKET_VERBS], ticketId: Number(id) } as Action) : undefined;
}

/**
 * Whether pressing this leaves what the person was writing alone: the buttons of a question, an
 * answer, a review note or a broadcast being written. Any other button means they moved on, and a
 * half-written question must not swallow their next answer.
 */
export function keepsComposing(action: Action | undefined): boolean {
  return (
    action !== undefined &&
    (action.kind.startsWith("ticket-") || action.kind === "cancel" || action.kind === "review" || action.kind.startsWith("broadcast-"))
  );
}

/** The form's buttons that do something beside the screen's choices: moving, pausing, submitting, a list's add and done. */
const FORM_COMMANDS = new Set([
  "review",
  "resume",
  "pause",
  "keep",
  "skip",
  "later",
  "back",
  "add",
  "done",
  "delete",
  "confirm",
  "cancel",
  "confirm-part",
  "submit",
  "reopen",
]);

/**
 * Whether a button is a command of a form screen rather than one of its choices: the form's moves
 * and a question to the consultant about the question on screen. A messenger without buttons
 * numbers the choices only and has commands typed by their words, so a number means the same
 * choice on every screen and never a command.
 */
export function isCommand(data: string): boolean {
  const action = decodeAction(data);
  if (action?.kind === "ticket-ask") return true;
  if (action?.kind !== "form") return false;
  const form = decodeFormAction(action.action);
  return form !== undefined && FORM_COMMANDS.has(form.kind);
}

/** Whether a button belongs to a screen of the form (what a message sent on its own must not take the place of). */
export function isFormScreen(data: string): boolean {
  return decodeAction(data)?.kind === "form";
}
