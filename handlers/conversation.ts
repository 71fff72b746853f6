import { type Action, decodeAction, keepsComposing } from "../src/channels/actions.js";
import type { IncomingFile } from "../src/channels/port.js";
import { type Dialogue, isMember, type MemberDialogue, nothing, sending, type Turn, turn } from "../src/dialogue/turn.js";
import { looksLikeCode } from "../src/services/invites.js";
import { looksLikeLinkCode } from "../src/services/links.js";
import type { Effect } from "../src/storage/effects.js";
import * as desk from "./desk.js";
import * as form from "./form.js";
import * as help from "./help.js";
import * as language from "./language.js";
import * as link from "./link.js";
import * as onboarding from "./onboarding.js";
import * as tickets from "./tickets.js";
import { web } from "./web.js";

/** Someone who just joined as an officer sees where their agency stands. */
const greet = (joined: Dialogue): Promise<Turn> =>
  isMember(joined) && form.isOfficer(joined) ? form.standing(joined) : Promise.resolve(nothing);

/**
 * What a repeat of an update finds an earlier try of it did (src/dialogue/apply.ts): a form answer
 * saved, or another effect, each known by the mark written with it.
 */
export type Repeat = { kind: "saved"; writtenSince: () => Promise<boolean> } | { kind: "effect"; effect: Effect };

/**
 * The conversation, written once for every messenger: an incoming message and the member in,
 * a turn out (what to show, and whether a form answer was saved). Each adapter (src/telegram,
 * src/zalo) turns its updates into incoming messages and renders the turn its own way.
 */
export async function converse(dialogue: Dialogue, repeat?: Repeat): Promise<Turn> {
  // A repeat of an update that did something: what it did, said again. Its message is not read
  // again: the text of a question already sent is no form answer, a press already pressed no new one.
  if (repeat?.kind === "effect") return replay(dialogue, repeat.effect);
  if (!isMember(dialogue)) return stranger(dialogue);
  // A repeat of an update whose answer an earlier try saved: the screen it led to, not the answer twice.
  if (repeat) return form.isOfficer(dialogue) ? form.again(dialogue, repeat.writtenSince) : turn([], true);
  const { content } = dialogue.message;
  switch (content.kind) {
    case "press":
      return pressed(dialogue, decodeAction(content.data));
    case "command":
      return command(dialogue, content.name, content.argument);
    case "text":
      return written(dialogue, content.text, undefined);
    case "file":
      return written(dialogue, content.caption, content.file);
    case "location":
      return located(dialogue, content.latitude, content.longitude);
    case "late-choice":
      return form.isOfficer(dialogue) ? form.current(dialogue, dialogue.t("form-screen-again")) : nothing;
    case "edited":
      return sending({ text: dialogue.t("unhandled-edited") });
    case "other":
      return unsupported(dialogue);
  }
}

/**
 * The one place an effect an earlier try made is routed: each kind to the replay beside the handler
 * that made it, which says again what that handler said (from the effect's ids and what is stored
 * now) and queues again what it queued, under the same outbox ids, so that what went out is not
 * sent twice and what a crash kept from going out goes now.
 */
async function replay(dialogue: Dialogue, effect: Effect): Promise<Turn> {
  // A link code is typed by a stranger, and an account that took itself away is a stranger's now.
  if (effect.kind === "link") return link.replay(dialogue, effect);
  if (effect.kind === "unlink" && effect.by === "self") return link.replayUnlink(dialogue, effect);
  // Someone who is no longer a member has nothing more to hear of it.
  if (!isMember(dialogue)) return nothing;
  if (effect.kind === "joined") return onboarding.joinedAgain(dialogue, effect, greet);
  if (effect.kind === "ticket") return tickets.replay(dialogue, effect, backTo(dialogue));
  return desk.replay(dialogue, effect);
}

/** What an officer who wrote to a consultant from the form sees next: the screen they were on. */
const backTo = (dialogue: MemberDialogue) => () => (form.isOfficer(dialogue) ? form.current(dialogue) : Promise.resolve(nothing));

/** Someone who has not joined: an invite code or a link code lets them in; anything else is answered at most once an hour. */
async function stranger(dialogue: Dialogue): Promise<Turn> {
  const { content } = dialogue.message;
  if (content.kind === "command" && content.name === "start" && content.argument)
    return onboarding.redeem(dialogue, content.argument, false, greet);
  if (content.kind === "command" && content.name === "link") return link.link(dialogue, content.argument);
  if (content.kind === "text" && looksLikeCode(content.text)) return onboarding.redeem(dialogue, content.text, false, greet);
  if (content.kind === "text" && looksLikeLinkCode(content.text)) return link.redeem(dialogue, content.text);
  if (content.kind === "press") return turn([{ kind: "note", text: dialogue.t("onboarding-stranger-short") }]);
  return onboarding.turnAway(dialogue);
}

async function pressed(dialogue: MemberDialogue, action: Action | undefined): Promise<Turn> {
  const { deps, member } = dialogue;
  // Another button means the person moved on: a half-written question must not swallow their next answer.
  if (dialogue.composing && !keepsComposing(action)) {
    await deps.composing.clear(member.id);
    dialogue = { ...dialogue, composing: undefined };
  }
  const stale = turn([{ kind: "note", text: dialogue.t("unhandled-stale-button") }]);
  switch (action?.kind) {
    case "form-open":
      return form.isOfficer(dialogue) ? form.step(dialogue, { kind: "open" }, true) : stale;
    case "form":
      return form.isOfficer(dialogue) ? form.step(dialogue, { kind: "action", seq: action.seq, action: action.action }, true) : stale;
    case "ticket-ask":
    case "ticket-more":
    case "ticket-answer":
    case "ticket-hand-over":
    case "ticket-close":
      return tickets.press(dialogue, action);
    case "cancel": {
      await deps.composing.clear(member.id);
      const cancelled = turn([{ kind: "redraw", message: { text: dialogue.t("ticket-cancelled") } }]);
      return form.isOfficer(dialogue)
        ? { ...cancelled, replies: [...cancelled.replies, ...(await form.current(dialogue)).replies] }
        : cancelled;
    }
    case "review":
    case "broadcast-target":
    case "broadcast-send":
    case "ticket-reassign":
    case "ticket-reassign-to":
      return desk.press(dialogue, action);
    case "language":
      return language.set(dialogue, action.language);
    case "invite-confirm": {
      const redeemed = await onboarding.redeem(dialogue, action.code, true, greet);
      return { ...redeemed, replies: [{ kind: "retire", target: "pressed" }, ...redeemed.replies] };
    }
    case "invite-keep":
      return onboarding.keep(dialogue);
    case "link-decision":
      return link.decide(dialogue, action);
    case undefined:
      return stale;
  }
}

/** The commands a messenger's command menu offers (Telegram's); each one's description is the locale key `command-<name>`. */
export const MENU_COMMANDS = ["start", "ask", "queue", "progress", "rounds", "broadcast", "help", "lang", "link"] as const;

async function command(dialogue: MemberDialogue, name: string, argument: string): Promise<Turn> {
  switch (name) {
    case "start": {
      if (argument) return onboarding.redeem(dialogue, argument, false, greet);
      return form.isOfficer(dialogue) ? form.standing(dialogue) : help.welcomeBack(dialogue);
    }
    case "link":
      return link.link(dialogue, argument);
    case "lang":
      return language.choose(dialogue);
    case "help":
      return help.help(dialogue);
    case "web":
      return web(dialogue, argument);
    case "ask":
      return tickets.ask(dialogue);
    default:
      return desk.isDeskCommand(name) ? desk.command(dialogue, name, argument) : sending({ text: dialogue.t("unhandled-message") });
  }
}

/**
 * Text, or a file with its caption. For a question to a consultant (a reply to one of its messages,
 * or what the person is writing) it is the question, the answer or the note; for the desk, what it
 * waits for; for an officer, an answer to the form.
 */
async function written(dialogue: MemberDialogue, text: string, file: IncomingFile | undefined): Promise<Turn> {
  const { deps, member, composing } = dialogue;
  const about = await tickets.ofReply(dialogue);
  // A reply to a ticket's message means what its button would: more from the officer, an answer from the desk.
  const intent =
    about !== undefined ? ({ kind: member.binding.role === "officer" ? "follow-up" : "answer", ticketId: about } as const) : composing;
  if (tickets.isTicketText(intent)) {
    const sent = await tickets.write(dialogue, intent, { text, ...(file ? { file } : {}) }, backTo(dialogue));
    // What they were writing is used up once it went (or was refused), and not before: a crash
    // before leaves it to the update's next try, and one after leaves the effect's mark, which the
    // next try finds first. Either way the text never falls through to the form as an answer.
    if (about === undefined) await deps.composing.clear(member.id);
    return sent;
  }
  if (member.binding.role === "secretariat") {
    if (file?.kind === "document") return desk.file(dialogue, file);
    const waited = file ? undefined : await desk.text(dialogue, text);
    if (waited) return waited;
  }
  if (file && form.isOfficer(dialogue)) return (await form.photo(dialogue, file)) ?? unsupported(dialogue);
  if (file) return unsupported(dialogue);
  return form.isOfficer(dialogue) ? form.step(dialogue, { kind: "text", text }, false) : sending({ text: dialogue.t("unhandled-message") });
}

/** A place shared: an officer's answer to a question that asks one; for anyone else, nothing the bot reads. */
async function located(dialogue: MemberDialogue, latitude: number, longitude: number): Promise<Turn> {
  if (!form.isOfficer(dialogue)) return unsupported(dialogue);
  const stepped = await form.step(dialogue, { kind: "location", latitude, longitude }, false);
  return stepped.answerSaved ? stepped : sending({ text: dialogue.t("unhandled-unsupported") });
}

/** What the bot does not read (a sticker, a picture nobody asked for): an officer on a question hears what it expects, anyone else one line. */
async function unsupported(dialogue: MemberDialogue): Promise<Turn> {
  if (form.isOfficer(dialogue)) {
    const stepped = await form.step(dialogue, { kind: "unsupported" }, false);
    if (stepped.answerSaved) return stepped;
  }
  return sending({ text: dialogue.t("unhandled-unsupported") });
}
