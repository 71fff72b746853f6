import type { IncomingFile, OutgoingMessage } from "../src/channels/port.js";
import { FormRenderer } from "../src/dialogue/form-screens.js";
import { type MemberDialogue, type Reply, sending, type Turn, turn } from "../src/dialogue/turn.js";
import type { Input } from "../src/form/protocol.js";
import type { Form } from "../src/form/schema.js";
import type { AgencyStanding, CurrentScreen, OfficerMember, StepOutcome } from "../src/services/reporting.js";

/**
 * The reporting form, for officers: where the agency stands, each step (a press or a typed answer),
 * and the screen they are on shown again. The next question comes as a new message; where the
 * messenger can change messages, the answered one is changed to show its answer, navigation
 * redraws the pressed screen in place and a refused answer adds its reason to the screen; elsewhere
 * the next screen starts with the answer kept, and a refusal is its reason alone.
 */

export type OfficerDialogue = MemberDialogue & { member: OfficerMember };

export function isOfficer(dialogue: MemberDialogue): dialogue is OfficerDialogue {
  return dialogue.member.binding.role === "officer";
}

function renderer(dialogue: OfficerDialogue, form?: Form): FormRenderer {
  return new FormRenderer(dialogue.language, dialogue.t, dialogue.deps.timeZone, dialogue.surface.style, form);
}

const agencyName = ({ deps, member }: OfficerDialogue) => deps.directory.get(member.binding.agencyId)?.name ?? member.binding.agencyId;

/** Where the agency stands, with one button to start, continue or view. */
export async function standing(dialogue: OfficerDialogue, known?: AgencyStanding): Promise<Turn> {
  const current = known ?? (await dialogue.deps.reporting.standing(dialogue.member));
  return turn([{ kind: "send", message: renderer(dialogue).standing(current) }]);
}

/** One step of the form: `pressed` when it came from a button (or a typed line standing for one). */
export async function step(dialogue: OfficerDialogue, input: Input, pressed: boolean): Promise<Turn> {
  const { deps, member } = dialogue;
  const outcome = await deps.reporting.step(member, input, deps.now(), {
    via: dialogue.message.from.channel,
    applied: dialogue.applied,
    preloaded: dialogue.preloaded,
  });
  if (outcome.kind === "standing") return standing(dialogue, outcome.standing);
  return turn(presentOutcome(dialogue, outcome, pressed, input.kind === "text" ? input.text : undefined), true);
}

/**
 * A photo sent (or a picture sent as a file): the answer to the image question on screen, kept as
 * a ticket's picture is (a Telegram file id as it is; a Zalo URL, which expires, fetched and
 * stored). Undefined when no image question is on screen, so nothing is fetched for a picture
 * nobody asked for.
 */
export async function photo(dialogue: OfficerDialogue, file: IncomingFile): Promise<Turn | undefined> {
  const { deps, member } = dialogue;
  if (!isPicture(file)) return undefined;
  const screen = await deps.reporting.current(member, deps.now(), dialogue.preloaded);
  if (screen?.view.kind !== "question" || screen.view.slot.question.type !== "image") return undefined;
  // A picture the bot could not serve back (over ATTACHMENT_MAX_BYTES) would be a link that never opens: refused now.
  if ((file.size ?? 0) > deps.attachments.maxBytes) return sending({ text: dialogue.t("form-photo-not-kept") });
  const reference =
    file.source.kind === "file-id" ? file.source.fileId : await deps.attachments.fetchAndPut(file.source.url, member.id, deps.now());
  if (reference === undefined) return sending({ text: dialogue.t("form-photo-not-kept") });
  return step(dialogue, { kind: "photo", reference }, false);
}

/** A photo, or a picture sent as a file (Telegram's "send without compression") by its name. */
const isPicture = (file: IncomingFile) => file.kind === "photo" || /\.(jpe?g|png|webp|heic)$/i.test(file.fileName ?? "");

function presentOutcome(dialogue: OfficerDialogue, outcome: StepOutcome, pressed: boolean, typed?: string): Reply[] {
  const render = renderer(dialogue, outcome.form);
  const screen = { memberId: dialogue.member.id, roundId: outcome.roundId, seq: outcome.cursor.seq };
  const next = render.render(outcome.view, outcome.cursor.seq, agencyName(dialogue));
  // The message that showed the screen this step was taken on: the one pressed, or the last one sent.
  const before = pressed ? ("pressed" as const) : outcome.previousPrompt === undefined ? undefined : { messageId: outcome.previousPrompt };
  const replies: Reply[] = [];
  const { notice } = outcome;
  // A messenger without buttons has no old screen to press on: a line typed for another screen gets the current one.
  if (notice?.key === "form-stale-button" && !dialogue.surface.edits && dialogue.surface.style === "numbered")
    return [{ kind: "send", message: { ...next, text: `${dialogue.t("form-screen-again")}\n\n${next.text}` }, screen }];
  // A notice (why an answer was refused) is read before the screen it explains. A refused answer leaves
  // the screen as it is: where it can change, the reason becomes one line of it; elsewhere the reason is
  // sent alone (with a button for the answer it proposes), the question being the one just above.
  if (notice) {
    const message = render.noticeMessage(notice, outcome.view, outcome.cursor.seq);
    if (notice.refusal && dialogue.surface.edits && before)
      return [{ kind: "amend", target: before, screen: withReason(next, message), message }];
    replies.push(pressed && !message.buttons ? { kind: "note", text: message.text } : { kind: "send", message });
    if (notice.key === "form-stale-button" || notice.refusal) return replies;
  }
  const accepted = outcome.accepted ? render.accepted(outcome.accepted.slot, outcome.accepted.display) : undefined;
  if (!dialogue.surface.edits) {
    // Nothing sent can change: the next screen starts with the answer kept, on one line, where it is
    // not word for word what the officer just typed (a number chosen, "1.200" read as 1200).
    const display = outcome.accepted?.display;
    const kept = display !== undefined && display !== typed?.trim() ? render.acceptedLine(display) : undefined;
    const message: OutgoingMessage = kept ? { ...next, text: `${kept}\n\n${next.text}` } : next;
    replies.push({ kind: "send", message, screen });
    return replies;
  }
  // Moving between screens redraws the pressed one in place.
  if (pressed && !accepted) return [...replies, { kind: "redraw", message: next, screen }];
  replies.push({ kind: "send", message: next, screen });
  if (before) replies.push({ kind: "retire", target: before, ...(accepted ? { text: accepted } : {}) });
  return replies;
}

/**
 * The screen with why its answer was refused on one line below the question, and the button for an
 * answer the reason proposes first among its buttons. Drawn from the screen itself each time, so a
 * second refusal replaces the line rather than add another.
 */
function withReason(screen: OutgoingMessage, reason: OutgoingMessage): OutgoingMessage {
  return {
    ...screen,
    text: `${screen.text}\n\n⚠ ${reason.text}`,
    buttons: [...(reason.buttons ?? []), ...(screen.buttons ?? [])],
  };
}

/**
 * The screen the officer is on, again, as a new message (after a question to a consultant, or a
 * number typed before it arrived, with `heading` above it); where the agency stands when they have
 * not opened the form yet.
 */
export async function current(dialogue: OfficerDialogue, heading?: string, known?: CurrentScreen): Promise<Turn> {
  const { deps, member } = dialogue;
  const screen = known ?? (await deps.reporting.current(member, deps.now(), dialogue.preloaded));
  if (!screen) return standing(dialogue);
  const rendered = renderer(dialogue, screen.form).render(screen.view, screen.cursor.seq, agencyName(dialogue));
  const message = heading ? { ...rendered, text: `${heading}\n\n${rendered.text}` } : rendered;
  return turn([{ kind: "send", message, screen: { memberId: member.id, roundId: screen.roundId, seq: screen.cursor.seq } }]);
}

/**
 * A repeat of an update whose answer was saved by an earlier try: if the screen it led to never
 * reached the officer, it is shown now, unless they have written since: their next message is
 * answered with where the form is, and a screen shown again now could be answered twice, the
 * second answer landing on the next question.
 */
export async function again(dialogue: OfficerDialogue, writtenSince: () => Promise<boolean>): Promise<Turn> {
  const { deps, member } = dialogue;
  const screen = await deps.reporting.current(member, deps.now(), dialogue.preloaded);
  if (screen?.shown || (await writtenSince())) return turn([], true);
  deps.logger.info({ memberId: member.id }, "update repeated after its answer was saved; screen it led to shown now");
  return { ...(await current(dialogue, undefined, screen)), answerSaved: true };
}
