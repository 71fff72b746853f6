import type { Address } from "../channels/address.js";
import type { Channel } from "../channels/port.js";
import type { Deps } from "../deps.js";
import type { OfficerMember } from "../services/reporting.js";
import { deliverTickets, holderName } from "../services/ticket-messages.js";
import type { TicketOutcome } from "../services/tickets.js";
import type { Composing } from "../storage/composing.js";
import type { Member } from "../storage/members.js";
import type { Attachment } from "../storage/tickets.js";
import { escapeHtml, type Translate } from "../views.js";

/**
 * Questions to consultants on Zalo: an officer asks (/ask, or the line under a form question) and
 * adds more after an answer; a consultant or the secretariat answers, closes or hands over by the
 * numbered lines under a question. What the person writes next (text, or a picture with a caption)
 * is the question, the answer or the note. Reassigning is the desk's (src/desk).
 */

export interface Content {
  text: string;
  /** A Zalo picture's URL, fetched and kept when the content is used. */
  photoUrl?: string;
}

const COMPOSED = new Set(["question", "follow-up", "answer", "hand-over"]);
const CANCEL = "t:cancel";

export class ZaloTickets {
  constructor(
    private readonly deps: Deps,
    private readonly channel: Channel,
  ) {}

  /** Handles a ticket button's data; false when the data is no ticket's. */
  async press(address: Address, member: Member, data: string, t: Translate): Promise<boolean> {
    const match = /^t:(ask|more|ans|hand|close|cancel)(?::(.+))?$/.exec(data);
    if (!match) return false;
    const [, action, rest = ""] = match;
    const id = Number(rest);
    switch (action) {
      case "ask": {
        if (member.binding.role !== "officer") return this.say(address, t("ticket-officers-only"));
        const label = rest ? await this.deps.reporting.describeItem(member as OfficerMember, rest) : undefined;
        const formItem = rest && label ? { path: rest, label } : undefined;
        await this.deps.composing.set(member.id, { kind: "question", ...(formItem ? { formItem } : {}) });
        const about = formItem ? `\n${t("ticket-ask-about", { item: escapeHtml(formItem.label) })}` : "";
        return this.prompt(address, `${t("ticket-ask-prompt")}${about}`, t);
      }
      case "more":
        await this.deps.composing.set(member.id, { kind: "follow-up", ticketId: id });
        return this.prompt(address, t("ticket-follow-up-prompt", { id }), t);
      case "ans":
        await this.deps.composing.set(member.id, { kind: "answer", ticketId: id });
        return this.prompt(address, t("ticket-answer-prompt", { id }), t);
      case "hand":
        await this.deps.composing.set(member.id, { kind: "hand-over", ticketId: id });
        return this.prompt(address, t("ticket-hand-over-prompt", { id }), t);
      case "close":
        await this.settle(address, await this.deps.tickets.close(member, id, this.deps.now()), t, t("ticket-closed-done", { id }));
        return true;
      default:
        await this.deps.composing.clear(member.id);
        return this.say(address, t("ticket-cancelled"));
    }
  }

  /** Whether what the person is writing is for a ticket. */
  static isTicketText(composing: Composing | undefined): composing is Composing {
    return composing !== undefined && COMPOSED.has(composing.kind);
  }

  /** The question, more of it, an answer or a hand-over note (`intent`): sent on, and the person told. */
  async compose(
    address: Address,
    member: Member,
    intent: Composing,
    content: Content,
    t: Translate,
    name: string,
  ): Promise<string | undefined> {
    await this.deps.composing.clear(member.id);
    const attachment = content.photoUrl ? await this.keep(content.photoUrl, member) : undefined;
    const { tickets } = this.deps;
    const now = this.deps.now();
    switch (intent.kind) {
      case "question": {
        if (member.binding.role !== "officer") return undefined;
        const officer = member as OfficerMember;
        const question = {
          text: content.text,
          ...(attachment ? { attachment } : {}),
          ...(intent.formItem ? { formItem: intent.formItem } : {}),
        };
        const { ticket, deliveries } = await tickets.ask(officer, officer.profile.fullName ?? name, question, now);
        await deliverTickets(this.deps, deliveries);
        await this.say(address, t("ticket-sent", { id: ticket.id, holder: holderName(t, this.deps, ticket) }));
        return intent.kind;
      }
      case "follow-up":
        await this.settle(
          address,
          await tickets.followUp(member, intent.ticketId, content.text, attachment, now),
          t,
          t("ticket-follow-up-sent", { id: intent.ticketId }),
        );
        return intent.kind;
      case "answer":
        await this.settle(
          address,
          await tickets.answer(member, intent.ticketId, content.text, attachment, now),
          t,
          t("ticket-answer-sent", { id: intent.ticketId }),
        );
        return intent.kind;
      case "hand-over":
        await this.settle(
          address,
          await tickets.handOver(member, intent.ticketId, content.text, now),
          t,
          t("ticket-handed-over-done", { id: intent.ticketId }),
        );
        return intent.kind;
      default:
        return undefined;
    }
  }

  /** A Zalo picture's URL expires: the bytes are kept, within the size limit and the member's daily allowance. */
  private async keep(url: string, member: Member): Promise<Attachment | undefined> {
    const fileId = await this.deps.attachments.fetchAndPut(url, member.id, this.deps.now());
    return fileId ? { kind: "photo", fileId } : undefined;
  }

  private async settle(address: Address, outcome: TicketOutcome, t: Translate, done: string): Promise<void> {
    if (!outcome.ok) {
      await this.say(address, t(`ticket-refused-${outcome.reason}`));
      return;
    }
    await deliverTickets(this.deps, outcome.deliveries);
    await this.say(address, done);
  }

  private async prompt(address: Address, text: string, t: Translate): Promise<true> {
    await this.channel.send(address.id, { text, buttons: [[{ label: t("ticket-button-cancel"), data: CANCEL }]] });
    return true;
  }

  private async say(address: Address, text: string): Promise<true> {
    await this.channel.send(address.id, { text });
    return true;
  }
}
