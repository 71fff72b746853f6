import { encodeAction } from "../channels/actions.js";
import type { Button, OutgoingMessage } from "../channels/port.js";
import type { AgencyDirectory } from "../domain/agencies.js";
import type { ConsultantDirectory } from "../domain/consultants.js";
import { DEFAULT_LANGUAGE, translatorFor } from "../i18n.js";
import type { Outbox, OutboxMessage } from "../jobs/outbox.js";
import type { Member, MemberStore } from "../storage/members.js";
import type { Ticket, TicketMessage, TicketStore } from "../storage/tickets.js";
import { askerName, escapeClipped, escapeHtml } from "../views.js";
import type { Delivery, TicketService } from "./tickets.js";

/**
 * Puts tickets into chats, whichever messenger each person is on: each delivery is worded in its
 * recipient's language, with the buttons its recipient may use and the attachment, and goes
 * through the outbox; on Telegram it is linked to the ticket so a reply to it is understood.
 * Used by handlers and by the timer worker alike.
 */

type T = (key: string, params?: Record<string, string | number>) => string;

/** What a ticket's wording names: its agency, and the consultant who holds it. */
export interface TicketWording {
  directory: AgencyDirectory;
  consultants: ConsultantDirectory;
}

/** What delivering a ticket's messages takes besides: each recipient's language, and the outbox (absent where nothing is sent). */
export interface TicketDelivering extends TicketWording {
  members: Pick<MemberStore, "get">;
  outbox: Pick<Outbox, "enqueue"> | undefined;
}

/** What a queue of open questions is read from. */
export interface TicketQueueSource extends TicketWording {
  tickets: TicketService;
  ticketStore: Pick<TicketStore, "thread">;
}

/**
 * Telegram takes 4,096 characters: a question is clipped to 1,500, a hand-over note to 600, and a
 * thread keeps its latest messages within 1,000, saying how many earlier ones are left out (/queue
 * has them all), so that heading, note, question and thread fit in one message.
 */
const QUESTION_BUDGET = 1500;
const LATER_BUDGET = 1000;

function latestWithin(lines: string[], budget: number, earlier: (count: number) => string): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const line of [...lines].reverse()) {
    if (used + line.length + 1 > budget) break;
    kept.unshift(line);
    used += line.length + 1;
  }
  return kept.length < lines.length ? [earlier(lines.length - kept.length), ...kept] : kept;
}

export function ticketHeading(t: T, deps: Pick<TicketWording, "directory">, ticket: Ticket): string {
  const agency = escapeHtml(deps.directory.get(ticket.agencyId)?.name ?? ticket.agencyId);
  return t("ticket-heading", { id: ticket.id, agency });
}

/** Who holds a ticket, in words: the consultant's name or the secretariat. */
export function holderName(t: T, deps: Pick<TicketWording, "consultants">, ticket: Ticket): string {
  return ticket.assignee.kind === "consultant"
    ? t("ticket-holder-consultant", {
        name: escapeHtml(deps.consultants.get(ticket.assignee.consultantId)?.name ?? ticket.assignee.consultantId),
      })
    : t("ticket-holder-secretariat");
}

function questionBody(t: T, deps: Pick<TicketWording, "directory">, ticket: Ticket, question: TicketMessage | undefined): string {
  const lines = [`<b>${ticketHeading(t, deps, ticket)}</b>`, t("ticket-from", { name: escapeHtml(askerName(t, ticket)) })];
  if (ticket.formItem) lines.push(t("ticket-item", { item: escapeClipped(ticket.formItem.label, 300) }));
  if (ticket.reason) lines.push(`<i>${t(`ticket-reason-${ticket.reason}`)}</i>`);
  lines.push("", escapeClipped(question?.text || t("ticket-no-text"), QUESTION_BUDGET));
  return lines.join("\n");
}

/** The buttons of whoever holds the ticket: answer and close; a consultant hands over, the secretariat reassigns. */
export function holderButtons(t: T, ticket: Ticket): Button[][] {
  return [
    [
      { label: t("ticket-button-answer"), data: encodeAction({ kind: "ticket-answer", ticketId: ticket.id }) },
      { label: t("ticket-button-close"), data: encodeAction({ kind: "ticket-close", ticketId: ticket.id }) },
    ],
    ticket.assignee.kind === "consultant"
      ? [{ label: t("ticket-button-hand-over"), data: encodeAction({ kind: "ticket-hand-over", ticketId: ticket.id }) }]
      : [{ label: t("ticket-button-reassign"), data: encodeAction({ kind: "ticket-reassign", ticketId: ticket.id }) }],
  ];
}

function render(
  t: T,
  deps: TicketWording,
  delivery: Delivery,
): { text: string; buttons?: Button[][]; attachment?: TicketMessage["attachment"] } {
  const { ticket } = delivery;
  switch (delivery.kind) {
    case "question":
      return {
        text: `❓ ${questionBody(t, deps, ticket, delivery.message)}`,
        buttons: holderButtons(t, ticket),
        attachment: delivery.message.attachment,
      };
    case "follow-up":
      return {
        text: `➕ <b>${ticketHeading(t, deps, ticket)}</b>\n${t("ticket-follow-up")}\n\n${escapeClipped(delivery.message.text || t("ticket-no-text"), 3000)}`,
        buttons: holderButtons(t, ticket),
        attachment: delivery.message.attachment,
      };
    case "answer":
      return {
        text: [
          `💬 <b>${t("ticket-answer-heading", { id: ticket.id })}</b> (${holderName(t, deps, ticket)})`,
          `<blockquote>${escapeClipped(delivery.question?.text || t("ticket-no-text"), 500)}</blockquote>`,
          escapeClipped(delivery.message.text || t("ticket-no-text"), 3000),
        ].join("\n"),
        buttons: [[{ label: t("ticket-button-more"), data: encodeAction({ kind: "ticket-more", ticketId: ticket.id }) }]],
        attachment: delivery.message.attachment,
      };
    case "reminder":
      return { text: t("ticket-reminder", { heading: ticketHeading(t, deps, ticket) }), buttons: holderButtons(t, ticket) };
    case "escalation":
    case "reassigned":
    case "handed-over": {
      const [question, ...rest] = delivery.thread;
      const intro =
        delivery.kind === "escalation"
          ? t("ticket-escalation")
          : delivery.kind === "reassigned"
            ? t("ticket-reassigned")
            : t("ticket-handed-over", { note: escapeClipped(delivery.note, 600) });
      const later = latestWithin(
        rest
          .filter((message) => message.text)
          .map((message) => `• ${t(`ticket-said-${message.from}`)}: ${escapeClipped(message.text, 300)}`),
        LATER_BUDGET,
        (count) => `• ${t("ticket-earlier", { count })}`,
      );
      return {
        text: [`${intro}`, "", questionBody(t, deps, ticket, question), ...(later.length ? ["", ...later] : [])].join("\n"),
        buttons: holderButtons(t, ticket),
        // Whoever takes the question over sees what it came with.
        attachment: question?.attachment,
      };
    }
    case "escalated":
      return { text: t("ticket-escalated", { heading: ticketHeading(t, deps, ticket) }) };
    case "closed":
      return { text: t("ticket-closed", { id: ticket.id }) };
  }
}

/**
 * Every delivery for every recipient as outbox messages, worded in the recipient's language. The
 * outbox sends each to the address the person wrote from last and links it to the ticket there.
 */
export async function ticketNotices(deps: Omit<TicketDelivering, "outbox">, deliveries: Delivery[]): Promise<OutboxMessage[]> {
  const notices: OutboxMessage[] = [];
  for (const delivery of deliveries) {
    for (const memberId of delivery.to) {
      const member = await deps.members.get(memberId);
      if (!member) continue;
      const language = member.language ?? DEFAULT_LANGUAGE;
      const t = translatorFor(language);
      const { text, buttons, attachment } = render(t, deps, delivery);
      notices.push({
        // One per change of the ticket (its revision after it) and kind, whoever queues it: an update
        // tried again, or a timer's job run again, queues the same ids, which the outbox sends once.
        id: `ticket-${delivery.ticket.id}-${delivery.kind}-r${delivery.ticket.revision}-${memberId}`,
        memberId,
        ticketId: delivery.ticket.id,
        message: {
          text,
          language,
          ...(buttons ? { buttons } : {}),
          ...(attachment ? { attachment: { ...attachment, caption: t("ticket-attachment", { id: delivery.ticket.id }) } } : {}),
        },
      });
    }
  }
  return notices;
}

/** Queues the deliveries of a ticket action for the outbox (where nothing is sent, as in the CLI, they are dropped). */
export async function deliverTickets(deps: TicketDelivering, deliveries: Delivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  await deps.outbox?.enqueue(await ticketNotices(deps, deliveries));
}

/** A wait in working time as a person says it: minutes under an hour ("chờ 6 phút"), else hours to a tenth ("chờ 2,5 giờ"). */
export const waited = (ms: number) =>
  ms < 3_600_000
    ? { unit: "minutes", amount: Math.max(1, Math.round(ms / 60_000)) }
    : { unit: "hours", amount: Number((ms / 3_600_000).toFixed(1)) };

/** The open questions a consultant or the secretariat holds (the secretariat sees all, with each consultant's figures). */
export async function queueMessage(t: T, deps: TicketQueueSource, member: Member, now: number): Promise<OutgoingMessage> {
  const { tickets } = deps;
  const role = member.binding.role;
  const open = await tickets.queue(member);
  const lines = [`<b>${t("ticket-queue-title", { count: open.length })}</b>`];
  for (const ticket of open.slice(0, 40)) {
    const [question] = await deps.ticketStore.thread(ticket.id);
    const state = t(ticket.status === "answered" ? "ticket-state-answered" : "ticket-state-waiting", waited(tickets.waitedMs(ticket, now)));
    const holder = role === "secretariat" ? ` · ${holderName(t, deps, ticket)}` : "";
    lines.push(`• ${ticketHeading(t, deps, ticket)} · ${state}${holder}\n  ${escapeClipped(question?.text ?? "", 120)}`);
  }
  if (role === "secretariat") {
    lines.push("", `<b>${t("ticket-stats-title")}</b>`);
    for (const stat of await tickets.stats()) {
      const median =
        stat.medianAnswerMs === undefined ? t("ticket-stats-no-answer") : t("ticket-stats-median", waited(stat.medianAnswerMs));
      lines.push(
        t(stat.joined ? "ticket-stats-line" : "ticket-stats-line-not-joined", {
          name: escapeHtml(stat.consultant.name),
          open: stat.open,
          median,
        }),
      );
    }
  }
  const answer = open.slice(0, 20).map((ticket) => ({
    label: t("ticket-button-answer-id", { id: ticket.id }),
    data: encodeAction({ kind: "ticket-answer", ticketId: ticket.id }),
  }));
  const buttons: Button[][] = [];
  for (let start = 0; start < answer.length; start += 3) buttons.push(answer.slice(start, start + 3));
  return { text: lines.join("\n"), ...(buttons.length ? { buttons } : {}) };
}
