import type { Incoming, IncomingMessage, OutgoingMessage, Surface } from "../channels/port.js";
import type { Deps } from "../deps.js";
import type { PreloadedForm } from "../services/update-reader.js";
import type { Composing } from "../storage/composing.js";
import type { AppliedMark, EffectMarker } from "../storage/marks.js";
import type { Language, Member } from "../storage/members.js";
import type { Translate } from "../views.js";

/**
 * The dialogue's side of the channel port: what a handler is given (the message, the member, their
 * language, what they were writing) and what it gives back (a turn: what to show, and what it did).
 * A turn is a value: adapters render its replies their own way and write its outcome with the
 * update's marks; nothing is reported by setting a flag on the side.
 */

/** A screen of the form, shown to an officer: its sequence number on their cursor, in a round. */
export interface ScreenMark {
  memberId: string;
  roundId: string;
  seq: number;
}

export type Reply =
  /** A new message; `screen` when it is a form screen, to note as shown once it is out. */
  | { kind: "send"; message: OutgoingMessage; screen?: ScreenMark }
  /** Replaces the message whose button was pressed where the messenger can change messages; sent anew elsewhere. */
  | { kind: "redraw"; message: OutgoingMessage; screen?: ScreenMark }
  /**
   * An earlier message (the one pressed, or an answered question's) loses its buttons and, given
   * `text`, shows that instead; nothing where messages cannot be changed. Not waited for.
   */
  | { kind: "retire"; target: "pressed" | { messageId: number }; text?: string }
  /**
   * Why an answer was refused, where the messenger can change messages: the screen on display
   * (`target`) becomes `screen`, itself again with the reason on one added line, so the question is
   * not sent twice. `message`, the reason alone, is sent where the change cannot be made (the
   * message is too old, or already says just that) and where messages cannot be changed at all.
   */
  | { kind: "amend"; target: "pressed" | { messageId: number }; screen: OutgoingMessage; message: OutgoingMessage }
  /** The answer to a press: a short note where the messenger has one (Telegram's), a message elsewhere. */
  | { kind: "note"; text?: string };

export interface Turn {
  replies: Reply[];
  /** The update saved a form answer, with its applied mark: a repeat of it is not applied again. */
  answerSaved: boolean;
}

/** What a handler is given. */
export interface Dialogue {
  deps: Deps;
  message: IncomingMessage;
  /** The person when they have joined; undefined for a stranger. */
  member: Member | undefined;
  t: Translate;
  language: Language;
  surface: Surface;
  /** What the person was writing when the message came (a question, an answer, a note, a broadcast). */
  composing: Composing | undefined;
  /** An officer's response, read with the member: the form's step starts from it. */
  preloaded: PreloadedForm | undefined;
  /** Written with a saved answer, so a repeat of the update is known. */
  applied: AppliedMark | undefined;
  /**
   * The update's effect mark, for whatever else it does (a question to a consultant, a round, a
   * decision, invites, a broadcast, a link): each service writes it with its effect, and a repeat of
   * the update shows that effect (handlers/conversation.ts `replay`) instead of doing it again.
   * Undefined outside an update (dialogues made by hand in tests).
   */
  effectMark?: EffectMarker | undefined;
}

export type MemberDialogue = Dialogue & { member: Member };

export const turn = (replies: Reply[], answerSaved = false): Turn => ({ replies, answerSaved });

/** Messages sent one after another, nothing saved. */
export const sending = (...messages: OutgoingMessage[]): Turn => turn(messages.map((message) => ({ kind: "send", message })));

export const saying = (...texts: string[]): Turn => sending(...texts.map((text) => ({ text })));

export const nothing: Turn = turn([]);

/** One turn after another, as one. */
export const joined = (...turns: Turn[]): Turn =>
  turn(
    turns.flatMap((each) => each.replies),
    turns.some((each) => each.answerSaved),
  );

export function isMember(dialogue: Dialogue): dialogue is MemberDialogue {
  return dialogue.member !== undefined;
}

export type { Incoming };
