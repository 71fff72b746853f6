import { type Action, encodeAction } from "../src/channels/actions.js";
import type { IncomingFile } from "../src/channels/port.js";
import { type MemberDialogue, type Reply, sending, type Turn, turn } from "../src/dialogue/turn.js";
import { refuse } from "../src/domain/refusal.js";
import type { OfficerMember } from "../src/services/reporting.js";
import { deliverTickets, holderName } from "../src/services/ticket-messages.js";
import type { TicketEffect, TicketOutcome } from "../src/services/tickets.js";
import type { Composing } from "../src/storage/composing.js";
import type { Attachment } from "../src/storage/tickets.js";
import { escapeHtml, refusalHtml } from "../src/views.js";

/**
 * Questions to consultants. Officers ask (/ask, or the button under a form question) and add more
 * after an answer; consultants and the secretariat answer, close or hand over. What the person
 * writes next (text, or a picture or file with a caption) is the question, the answer or the note.
 * Reassigning, /queue and /assign are the desk's.
 */

/** What a person writes for a ticket. */
export type TicketText = Extract<Composing, { kind: "question" | "follow-up" | "answer" | "hand-over" }>;

export function isTicketText(composing: Composing | undefined): composing is TicketText {
  return composing !== undefined && ["question", "follow-up", "answer", "hand-over"].includes(composing.kind);
}

const isOfficerMember = (dialogue: MemberDialogue): dialogue is MemberDialogue & { member: OfficerMember } =>
  dialogue.member.binding.role === "officer";

async function startWriting(dialogue: MemberDialogue, composing: TicketText, prompt: string): Promise<Turn> {
  await dialogue.deps.composing.set(dialogue.member.id, composing);
  return sending({ text: prompt, buttons: [[{ label: dialogue.t("ticket-button-cancel"), data: encodeAction({ kind: "cancel" }) }]] });
}

/**
 * The question a reply is about: a reply to one of its messages. The outbox links a ticket's
 * messages once they are all sent, so a reply to one sent a moment ago may come before its link:
 * it is looked up once more, shortly after.
 */
export async function ofReply({ deps, message }: MemberDialogue): Promise<number | undefined> {
  const { replyTo, from } = message;
  if (!replyTo) return undefined;
  const lookUp = () => deps.ticketStore.ticketOfMessage(Number(from.id), replyTo.messageId);
  const linked = await lookUp();
  if (linked !== undefined || replyTo.sentAt < Date.now() - 10_000) return linked;
  await new Promise((resolve) => setTimeout(resolve, 500));
  return lookUp();
}

/** /ask */
export function ask(dialogue: MemberDialogue): Promise<Turn> {
  if (!isOfficerMember(dialogue)) return Promise.resolve(sending({ text: dialogue.t("ticket-officers-only") }));
  return startWriting(dialogue, { kind: "question" }, dialogue.t("ticket-ask-prompt"));
}

/** A ticket's button. */
export async function press(
  dialogue: MemberDialogue,
  action: Extract<Action, { kind: "ticket-ask" | "ticket-more" | "ticket-answer" | "ticket-hand-over" | "ticket-close" }>,
): Promise<Turn> {
  const { deps, t } = dialogue;
  switch (action.kind) {
    case "ticket-ask": {
      if (!isOfficerMember(dialogue)) return sending({ text: t("ticket-officers-only") });
      const label = action.path ? await deps.reporting.describeItem(dialogue.member, action.path) : undefined;
      const formItem = action.path && label ? { path: action.path, label } : undefined;
      const about = formItem ? [t("ticket-ask-about", { item: escapeHtml(formItem.label) })] : [];
      return startWriting(dialogue, { kind: "question", ...(formItem ? { formItem } : {}) }, [t("ticket-ask-prompt"), ...about].join("\n"));
    }
    case "ticket-more":
      return startWriting(
        dialogue,
        { kind: "follow-up", ticketId: action.ticketId },
        t("ticket-follow-up-prompt", { id: action.ticketId }),
      );
    case "ticket-answer":
      return startWriting(dialogue, { kind: "answer", ticketId: action.ticketId }, t("ticket-answer-prompt", { id: action.ticketId }));
    case "ticket-hand-over":
      return startWriting(
        dialogue,
        { kind: "hand-over", ticketId: action.ticketId },
        t("ticket-hand-over-prompt", { id: action.ticketId }),
      );
    case "ticket-close":
      return settle(
        dialogue,
        await deps.tickets.close(dialogue.member, action.ticketId, deps.now(), dialogue.effectMark),
        t("ticket-closed-done", { id: action.ticketId }),
      );
  }
}

/** What the person wrote for a ticket: text, or a file with its caption. */
export interface Written {
  text: string;
  file?: IncomingFile;
}

/**
 * The question, more of it, an answer or a hand-over note (`intent`): sent on, and the person told.
 * `back` is what an officer who asked from the form sees next (the screen they were on). Each is
 * stored with the update's effect mark: a repeat of the update says this again (`replay`).
 */
export async function write(dialogue: MemberDialogue, intent: TicketText, written: Written, back: () => Promise<Turn>): Promise<Turn> {
  const { deps, member, t, effectMark } = dialogue;
  const attachment = written.file ? await keep(dialogue, written.file) : undefined;
  const now = deps.now();
  switch (intent.kind) {
    case "question": {
      if (!isOfficerMember(dialogue)) return sending({ text: t("ticket-officers-only") });
      const name = member.profile.fullName ?? dialogue.message.senderName;
      const question = {
        text: written.text,
        ...(attachment ? { attachment } : {}),
        ...(intent.formItem ? { formItem: intent.formItem } : {}),
      };
      const { ticket, deliveries } = await deps.tickets.ask(dialogue.member, name, question, now, effectMark);
      await deliverTickets(deps, deliveries);
      const sent: Reply = { kind: "send", message: { text: t("ticket-sent", { id: ticket.id, holder: holderName(t, deps, ticket) }) } };
      return turn([sent, ...(await back()).replies]);
    }
    case "follow-up":
      return settle(
        dialogue,
        await deps.tickets.followUp(member, intent.ticketId, written.text, attachment, now, effectMark),
        t("ticket-follow-up-sent", { id: intent.ticketId }),
      );
    case "answer":
      return settle(
        dialogue,
        await deps.tickets.answer(member, intent.ticketId, written.text, attachment, now, effectMark),
        t("ticket-answer-sent", { id: intent.ticketId }),
      );
    case "hand-over":
      return settle(
        dialogue,
        await deps.tickets.handOver(member, intent.ticketId, written.text, now, effectMark),
        t("ticket-handed-over-done", { id: intent.ticketId }),
      );
  }
}

/** What a person was writing that a ticket effect used up: the question it asked, the message it added. */
const TEXT_OF: Record<TicketEffect["did"], TicketText["kind"] | undefined> = {
  asked: "question",
  "followed-up": "follow-up",
  answered: "answer",
  handed: "hand-over",
  closed: undefined,
  reassigned: undefined,
};

/**
 * What an earlier try of the update did to a ticket (asked, added to, answered, handed over, closed,
 * or, from the desk, reassigned): said again as `write`, `press` and the desk's reassign said it,
 * from the ticket's number and the ticket as it is; its messages queued again while the ticket is as
 * the effect left it (under the same outbox ids, so sent once), and what the person was writing for
 * it let go. Nothing is asked or sent to the consultant a second time.
 */
export async function replay(dialogue: MemberDialogue, effect: TicketEffect, back: () => Promise<Turn>): Promise<Turn> {
  const { deps, member, t, composing } = dialogue;
  const id = effect.ticket;
  const used = TEXT_OF[effect.did];
  if (isTicketText(composing) && composing.kind === used && (composing.kind === "question" || composing.ticketId === id))
    await deps.composing.clear(member.id);
  const redone = await deps.tickets.redelivery(effect);
  if (!redone) return sending({ text: refusalHtml(t, refuse("ticket-refused-not-found")) });
  await deliverTickets(deps, redone.deliveries);
  const { ticket } = redone;
  switch (effect.did) {
    case "asked":
      return turn([
        { kind: "send", message: { text: t("ticket-sent", { id, holder: holderName(t, deps, ticket) }) } },
        ...(await back()).replies,
      ]);
    case "followed-up":
      return sending({ text: t("ticket-follow-up-sent", { id }) });
    case "answered":
      return sending({ text: t("ticket-answer-sent", { id }) });
    case "handed":
      return sending({ text: t("ticket-handed-over-done", { id }) });
    case "closed":
      return sending({ text: t("ticket-closed-done", { id }) });
    case "reassigned": {
      const holder = ticket.assignee;
      const name = holder.kind === "consultant" ? (deps.consultants.get(holder.consultantId)?.name ?? holder.consultantId) : "";
      return sending({ text: t("ticket-reassigned-done", { id, name: escapeHtml(name) }) });
    }
  }
}

/** A file for the other side: a messenger's file id passes as it is; a URL that expires (Zalo's) is fetched and kept. */
async function keep(dialogue: MemberDialogue, file: IncomingFile): Promise<Attachment | undefined> {
  if (file.source.kind === "file-id")
    return { kind: file.kind, fileId: file.source.fileId, ...(file.fileName ? { fileName: file.fileName } : {}) };
  const fileId = await dialogue.deps.attachments.fetchAndPut(file.source.url, dialogue.member.id, dialogue.deps.now());
  return fileId ? { kind: file.kind, fileId } : undefined;
}

/** Tells the person what went wrong with a ticket action, or sends what it produced and says `done`. */
async function settle(dialogue: MemberDialogue, outcome: TicketOutcome, done: string): Promise<Turn> {
  if (!outcome.ok) return sending({ text: refusalHtml(dialogue.t, outcome) });
  await deliverTickets(dialogue.deps, outcome.deliveries);
  return sending({ text: done });
}
