import { type Api, InlineKeyboard } from "grammy";
import type { Deps } from "../deps.js";
import { getI18n } from "../i18n.js";
import type { Delivery } from "../services/tickets.js";
import type { Ticket, TicketMessage } from "../storage/tickets.js";
import { clip, escapeHtml } from "../views.js";

/**
 * Puts tickets into chats: each delivery is worded in its recipient's language, sent with the
 * buttons its recipient may use, and linked to the ticket so a Telegram reply to it is understood.
 * Used by handlers and by the timer worker alike.
 */

type T = (key: string, params?: Record<string, string | number>) => string;

export function ticketHeading(t: T, deps: Deps, ticket: Ticket): string {
  const agency = escapeHtml(deps.directory.get(ticket.agencyId)?.name ?? ticket.agencyId);
  return t("ticket-heading", { id: ticket.id, agency });
}

/** Who holds a ticket, in words: the consultant's name or the secretariat. */
export function holderName(t: T, deps: Deps, ticket: Ticket): string {
  return ticket.assignee.kind === "consultant"
    ? t("ticket-holder-consultant", {
        name: escapeHtml(deps.consultants.get(ticket.assignee.consultantId)?.name ?? ticket.assignee.consultantId),
      })
    : t("ticket-holder-secretariat");
}

function questionBody(t: T, deps: Deps, ticket: Ticket, question: TicketMessage): string {
  const lines = [`<b>${ticketHeading(t, deps, ticket)}</b>`, t("ticket-from", { name: escapeHtml(ticket.officerName) })];
  if (ticket.formItem) lines.push(t("ticket-item", { item: escapeHtml(clip(ticket.formItem.label, 300)) }));
  if (ticket.reason) lines.push(`<i>${t(`ticket-reason-${ticket.reason}`)}</i>`);
  lines.push("", escapeHtml(clip(question.text || t("ticket-no-text"), 3000)));
  return lines.join("\n");
}

/** The buttons of whoever holds the ticket: answer and close; a consultant hands over, the secretariat reassigns. */
export function holderKeyboard(t: T, ticket: Ticket): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(t("ticket-button-answer"), `t:ans:${ticket.id}`)
    .text(t("ticket-button-close"), `t:close:${ticket.id}`)
    .row();
  return ticket.assignee.kind === "consultant"
    ? keyboard.text(t("ticket-button-hand-over"), `t:hand:${ticket.id}`)
    : keyboard.text(t("ticket-button-reassign"), `t:re:${ticket.id}`);
}

function render(
  t: T,
  deps: Deps,
  delivery: Delivery,
): { text: string; keyboard?: InlineKeyboard; attachment?: TicketMessage["attachment"] } {
  const { ticket } = delivery;
  switch (delivery.kind) {
    case "question":
      return {
        text: `❓ ${questionBody(t, deps, ticket, delivery.message)}`,
        keyboard: holderKeyboard(t, ticket),
        attachment: delivery.message.attachment,
      };
    case "follow-up":
      return {
        text: `➕ <b>${ticketHeading(t, deps, ticket)}</b>\n${t("ticket-follow-up")}\n\n${escapeHtml(clip(delivery.message.text || t("ticket-no-text"), 3000))}`,
        keyboard: holderKeyboard(t, ticket),
        attachment: delivery.message.attachment,
      };
    case "answer":
      return {
        text: [
          `💬 <b>${t("ticket-answer-heading", { id: ticket.id })}</b> (${holderName(t, deps, ticket)})`,
          `<blockquote>${escapeHtml(clip(delivery.question.text || t("ticket-no-text"), 500))}</blockquote>`,
          escapeHtml(clip(delivery.message.text || t("ticket-no-text"), 3000)),
        ].join("\n"),
        keyboard: new InlineKeyboard().text(t("ticket-button-more"), `t:more:${ticket.id}`),
        attachment: delivery.message.attachment,
      };
    case "reminder":
      return { text: t("ticket-reminder", { heading: ticketHeading(t, deps, ticket) }), keyboard: holderKeyboard(t, ticket) };
    case "escalation":
    case "reassigned":
    case "handed-over": {
      const [question, ...rest] = delivery.thread;
      const intro =
        delivery.kind === "escalation"
          ? t("ticket-escalation")
          : delivery.kind === "reassigned"
            ? t("ticket-reassigned")
            : t("ticket-handed-over", { note: escapeHtml(clip(delivery.note, 1000)) });
      const later = rest
        .filter((message) => message.text)
        .map((message) => `• ${t(`ticket-said-${message.from}`)}: ${escapeHtml(clip(message.text, 300))}`);
      return {
        text: [`${intro}`, "", questionBody(t, deps, ticket, question!), ...(later.length ? ["", ...later] : [])].join("\n"),
        keyboard: holderKeyboard(t, ticket),
      };
    }
    case "escalated":
      return { text: t("ticket-escalated", { heading: ticketHeading(t, deps, ticket) }) };
    case "closed":
      return { text: t("ticket-closed", { id: ticket.id }) };
  }
}

/** Sends every delivery to every recipient; a recipient who cannot be reached is logged, not fatal. */
export async function deliver(api: Api, deps: Deps, deliveries: Delivery[]): Promise<void> {
  const i18n = getI18n();
  for (const delivery of deliveries) {
    for (const memberId of delivery.to) {
      const member = await deps.members.get(memberId);
      const chatId = Number(member?.addresses.find((address) => address.channel === "telegram")?.id);
      if (!member || !chatId) {
        deps.logger.warn({ ticket: delivery.ticket.id, memberId, kind: delivery.kind }, "ticket message for a member without Telegram");
        continue;
      }
      const t: T = (key, params) => i18n.t(member.language ?? "vi", key, params);
      const { text, keyboard, attachment } = render(t, deps, delivery);
      try {
        const sent = await api.sendMessage(chatId, text, keyboard ? { reply_markup: keyboard } : {});
        await deps.ticketStore.linkMessage(chatId, sent.message_id, delivery.ticket.id);
        if (attachment) {
          const caption = t("ticket-attachment", { id: delivery.ticket.id });
          const media =
            attachment.kind === "photo"
              ? await api.sendPhoto(chatId, attachment.fileId, { caption })
              : await api.sendDocument(chatId, attachment.fileId, { caption });
          await deps.ticketStore.linkMessage(chatId, media.message_id, delivery.ticket.id);
        }
      } catch (error) {
        deps.logger.warn(
          { ticket: delivery.ticket.id, memberId, kind: delivery.kind, error: (error as Error).message },
          "ticket message not delivered",
        );
      }
    }
  }
}
