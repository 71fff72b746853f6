import { type Address, formatAddress } from "../channels/address.js";
import { decideLink, isLinkDecision, linkCommand, redeemLink } from "../channels/link-command.js";
import type { Channel, OutgoingMessage } from "../channels/port.js";
import { webCommand } from "../channels/web-command.js";
import type { Deps } from "../deps.js";
import { type DeskRequest, deskCommand, deskPress, deskText } from "../desk/index.js";
import { foldName } from "../domain/agencies.js";
import type { Input } from "../form/engine.js";
import type { Form } from "../form/schema.js";
import { FormRenderer, parseFormCallback } from "../form/screens.js";
import { DEFAULT_LANGUAGE, getI18n, isLanguage, translatorFor } from "../i18n.js";
import { looksLikeCode, normalizeCode } from "../services/invites.js";
import { looksLikeLinkCode } from "../services/links.js";
import type { AgencyStanding, CurrentScreen, OfficerMember, StepOutcome } from "../services/reporting.js";
import type { UpdateSnapshot } from "../services/update-reader.js";
import type { UpdateDone } from "../storage/applied-updates.js";
import type { Composing } from "../storage/composing.js";
import type { Member } from "../storage/members.js";
import type { Menu } from "../storage/menus.js";
import type { AppliedMark } from "../storage/responses.js";
import { describeBinding, INVITE_CONFIRM, INVITE_KEEP, inviteConfirmation, type Translate } from "../views.js";
import type { ZaloUpdate } from "./client.js";
import { ZaloTickets } from "./tickets.js";

/**
 * What a person writing to the bot on Zalo gets: the same services as on Telegram, with every
 * screen typed rather than pressed. A message is a number from the last screen's list, the words
 * of one of its lines, a navigation word, a command, or an answer; anything else gets one line.
 */

const LANGUAGE_CALLBACK = "lang:";

export class ZaloConversation {
  private readonly tickets: ZaloTickets;
  /**
   * For each chat's update in flight (one per chat at a time): whether it saved an answer, with
   * its mark, and the screen it sent (see AppliedUpdates.settlement).
   */
  private readonly marks = new Map<string, UpdateDone>();

  constructor(
    private readonly deps: Deps,
    private readonly channel: Channel,
    private readonly botId: string,
  ) {
    this.tickets = new ZaloTickets(deps, channel);
  }

  /**
   * Applies one update, read beforehand with the rest (`snapshot`); the caller has made sure it
   * is new and the only one of its chat in flight. Says whether it saved an answer and showed the
   * screen that led to, for the update's marks.
   */
  async handle(update: ZaloUpdate, snapshot: UpdateSnapshot, applied?: AppliedMark): Promise<UpdateDone> {
    return this.tracking(update.message.chat.id, { answerSaved: false, shown: undefined }, () => this.apply(update, snapshot, applied));
  }

  /**
   * After a repeat of an update whose answer was saved: the screen it led to, if that never
   * reached the officer and they have not written since (see src/bot.ts).
   */
  async presentAgain(chatId: string, snapshot: UpdateSnapshot, writtenSince: () => Promise<boolean>): Promise<UpdateDone> {
    return this.tracking(chatId, { answerSaved: true, shown: undefined }, async () => {
      const { member } = snapshot;
      if (member?.binding.role !== "officer") return;
      const current = await this.deps.reporting.current(member as OfficerMember, this.deps.now(), snapshot.form);
      if (current?.shown || (await writtenSince())) return;
      await this.showCurrent({ channel: "zalo", id: chatId }, member, undefined, current);
    });
  }

  private async tracking(chatId: string, start: UpdateDone, work: () => Promise<void>): Promise<UpdateDone> {
    const done = { ...start };
    this.marks.set(chatId, done);
    try {
      await this.deps.appliedUpdates.handling(done, work);
      return done;
    } finally {
      this.marks.delete(chatId);
    }
  }

  private async apply(update: ZaloUpdate, snapshot: UpdateSnapshot, applied?: AppliedMark): Promise<void> {
    const { message } = update;
    if (message.from.is_bot || message.from.id === this.botId) return;
    if (message.chat.chat_type && message.chat.chat_type !== "PRIVATE") return this.group(message.chat.id);
    // In a private chat Zalo gives the chat the sender's id; one that differs is no message of theirs.
    if (message.chat.id !== message.from.id) {
      this.deps.logger.warn({ updateId: message.message_id }, "private message whose chat is not its sender dropped");
      return;
    }
    const address: Address = { channel: "zalo", id: message.chat.id };
    const { member } = snapshot;
    if (member?.blocked) await this.deps.members.clearBlocked(member.id);
    if (member) await this.deps.members.notePreferred(member, address);
    const t = this.translator(member);
    const reply = (out: OutgoingMessage) => this.channel.send(address.id, out);
    const text = update.event_name === "message.text.received" ? (message.text ?? "").trim() : undefined;

    if (text?.startsWith("/")) return this.command(address, member, text, snapshot.composing);
    if (!member) {
      if (text && looksLikeCode(text)) return this.redeem(address, undefined, text);
      const answer = text && looksLikeLinkCode(text) ? await redeemLink(this.deps, address, text, t) : await this.turnAway(address, t);
      if (answer) await reply(answer);
      return;
    }
    const photoUrl = update.event_name === "message.image.received" ? message.photo : undefined;
    const composing = ZaloTickets.isTicketText(snapshot.composing) ? snapshot.composing : undefined;
    if (text === undefined && !(photoUrl && composing)) {
      await reply({ text: t("zalo-unsupported") });
      return;
    }
    const chosen = text === undefined ? undefined : this.chosen(snapshot.menu, text, message.date);
    if (chosen === "stale") return this.showCurrent(address, member, t("zalo-screen-again"));
    if (chosen) return this.press(address, member, chosen, snapshot, applied);
    if (text !== undefined && member.binding.role === "secretariat") {
      const desk = await deskText(this.desk(member, t, snapshot.composing), text);
      if (desk) return this.sendAll(address, desk);
    }
    if (composing) {
      const content = { text: text ?? message.caption ?? "", ...(photoUrl ? { photoUrl } : {}) };
      const kind = await this.tickets.compose(address, member, composing, content, t, message.from.display_name ?? "");
      // An officer who asked from the form is taken back to it.
      if (kind === "question") await this.showCurrent(address, member);
      return;
    }
    if (text === undefined) return;
    if (member.binding.role !== "officer") {
      await reply({ text: t("unhandled-message") });
      return;
    }
    await this.step(address, member as OfficerMember, { kind: "text", text }, snapshot, applied);
  }

  /** Tells the person their message could not be applied, in their language when it can still be looked up. */
  async apologize(chatId: string): Promise<void> {
    const member = await this.deps.members.at({ channel: "zalo", id: chatId }).catch(() => undefined);
    await this.channel.send(chatId, { text: this.translator(member)("error-generic") });
  }

  /** The button a typed number or the words of a line choose; "stale" when typed before that screen arrived. */
  private chosen(menu: Menu | undefined, text: string, sentAt: number): string | "stale" | undefined {
    if (!menu) return undefined;
    const numbered = /^\d{1,2}$/.test(text) && menu.numbered ? menu.buttons[Number(text) - 1] : undefined;
    if (numbered) return sentAt < menu.shownAt ? "stale" : numbered.data;
    const folded = foldName(text);
    return menu.buttons.find((button) => foldName(button.label.replace(/^\d+\.\s*/, "")) === folded)?.data;
  }

  private async press(address: Address, member: Member, data: string, snapshot: UpdateSnapshot, applied?: AppliedMark): Promise<void> {
    if (data.startsWith(INVITE_CONFIRM)) return this.redeem(address, member, data.slice(INVITE_CONFIRM.length), true);
    if (data === INVITE_KEEP) {
      await this.channel.send(address.id, { text: this.translator(member)("onboarding-kept") });
      return;
    }
    const t = this.translator(member);
    if (isLinkDecision(data)) {
      await this.channel.send(address.id, await decideLink(this.deps, member, address, data, t));
      return;
    }
    if (await this.tickets.press(address, member, data, t)) {
      if (data === "t:cancel") await this.showCurrent(address, member);
      return;
    }
    const desk = await deskPress(this.desk(member, t, snapshot.composing), data);
    if (desk) return this.sendAll(address, desk);
    if (data.startsWith(LANGUAGE_CALLBACK)) {
      const chosen = data.slice(LANGUAGE_CALLBACK.length);
      if (isLanguage(chosen)) {
        await this.deps.members.setLanguage(member.id, chosen);
        await this.channel.send(address.id, { text: getI18n().t(chosen, "language-set") });
      }
      return;
    }
    const form = parseFormCallback(data);
    if (form && member.binding.role === "officer") return this.step(address, member as OfficerMember, form, snapshot, applied);
    await this.channel.send(address.id, { text: this.translator(member)("unhandled-stale-button") });
  }

  private async command(address: Address, member: Member | undefined, text: string, composing: Composing | undefined): Promise<void> {
    const [word = "", ...rest] = text.slice(1).split(/\s+/);
    const command = word.toLowerCase().replace(/@.*$/, "");
    const argument = rest.join(" ").trim();
    const t = this.translator(member);
    const reply = (out: OutgoingMessage) => this.channel.send(address.id, out);
    if (command === "start" && argument) return this.redeem(address, member, argument);
    if (command === "link") {
      const answer = await linkCommand(this.deps, address, member, argument, t);
      if (answer) await reply(answer);
      return;
    }
    if (!member) {
      const answer = await this.turnAway(address, t);
      if (answer) await reply(answer);
      return;
    }
    const desk = await deskCommand(this.desk(member, t, composing), command, argument);
    if (desk) return this.sendAll(address, desk);
    const role = describeBinding(t, member.binding, this.deps.directory);
    if (command === "web") {
      await reply(await webCommand(this.deps, member, argument, t));
      return;
    }
    if (command === "ask") {
      await this.tickets.press(address, member, "t:ask", t);
      return;
    }
    if (command === "help") {
      await reply({ text: t(`zalo-help-${member.binding.role}`, { role }) });
      return;
    }
    if (command === "lang") {
      await reply({
        text: t("language-choose"),
        buttons: (["vi", "en"] as const).map((code) => [{ label: t(`language-name-${code}`), data: `${LANGUAGE_CALLBACK}${code}` }]),
      });
      return;
    }
    if (command !== "start") {
      await reply({ text: t("unhandled-message") });
      return;
    }
    if (member.binding.role === "officer") return this.showStanding(address, member as OfficerMember);
    await reply({ text: t("onboarding-welcome-back", { role }) });
  }

  private desk(member: Member, t: Translate, composing: Composing | undefined): DeskRequest {
    return { deps: this.deps, member, t, language: member.language ?? DEFAULT_LANGUAGE, composing };
  }

  private async sendAll(address: Address, replies: OutgoingMessage[]): Promise<void> {
    for (const reply of replies) await this.channel.send(address.id, reply);
  }

  private async redeem(address: Address, member: Member | undefined, code: string, confirmed = false): Promise<void> {
    const result = await this.deps.invites.redeem(code, address, member, this.deps.now(), confirmed);
    const reply = (key: string, params?: Record<string, string | number>) =>
      this.channel.send(address.id, { text: this.translator(member)(key, params) });
    switch (result.outcome) {
      case "joined": {
        this.deps.logger.info({ address: formatAddress(address), role: result.binding.role }, "member joined by invite");
        const joined = await this.deps.members.at(address);
        const t = this.translator(joined);
        await this.channel.send(address.id, {
          text: t("onboarding-joined", { role: describeBinding(t, result.binding, this.deps.directory) }),
        });
        if (joined?.binding.role === "officer") await this.showStanding(address, joined as OfficerMember);
        return;
      }
      case "confirm":
        await this.channel.send(address.id, inviteConfirmation(this.translator(member), this.deps.directory, result, normalizeCode(code)));
        return;
      case "already-member":
        await reply("onboarding-already-member", { role: describeBinding(this.translator(member), result.binding, this.deps.directory) });
        return;
      case "used":
        await reply("onboarding-code-used");
        return;
      case "invalid":
        await reply("onboarding-code-invalid");
        return;
      case "locked":
        this.deps.logger.warn({ address: formatAddress(address) }, "invite redemption locked after repeated wrong codes");
        if (await this.deps.strangers.mayAnswer(address, "locked")) await reply("onboarding-locked", { minutes: result.retryInMinutes });
        return;
    }
  }

  /** What a stranger is told: how to join, once an hour at most. */
  private async turnAway(address: Address, t: Translate): Promise<OutgoingMessage | undefined> {
    return (await this.deps.strangers.mayAnswer(address)) ? { text: t("onboarding-stranger") } : undefined;
  }

  /** A form step; `applied` marks the update applied in the same write as the answer, so a replay does not apply it twice. */
  private async step(
    address: Address,
    officer: OfficerMember,
    input: Input,
    snapshot: UpdateSnapshot,
    applied?: AppliedMark,
  ): Promise<void> {
    const outcome = await this.deps.reporting.step(officer, input, this.deps.now(), { applied, preloaded: snapshot.form, via: "zalo" });
    const marks = this.marks.get(address.id);
    if (marks && outcome.kind === "step") marks.answerSaved = true;
    if (outcome.kind === "standing") return this.showStanding(address, officer, outcome.standing);
    await this.showOutcome(address, officer, outcome);
  }

  private async showOutcome(address: Address, officer: OfficerMember, outcome: StepOutcome): Promise<void> {
    const render = this.renderer(officer, outcome.form);
    if (outcome.notice) await this.channel.send(address.id, { text: render.notice(outcome.notice, outcome.view) });
    const next = render.render(outcome.view, outcome.cursor.seq, this.agencyName(officer));
    // Zalo cannot edit the question's message, so the next screen starts with the answer kept.
    const accepted = outcome.accepted ? `${render.accepted(outcome.accepted.slot, outcome.accepted.display)}\n\n` : "";
    await this.sendScreen(address, officer, outcome.roundId, outcome.cursor.seq, { ...next, text: `${accepted}${next.text}` });
  }

  /**
   * Sends a screen of the form and notes that it reached the officer; one Zalo did not take this
   * time fails the update, which the intake tries again (showing the screen then, not the answer twice).
   */
  private async sendScreen(address: Address, officer: OfficerMember, roundId: string, seq: number, screen: OutgoingMessage): Promise<void> {
    const outcome = await this.channel.send(address.id, screen);
    if (outcome.kind === "sent") {
      const marks = this.marks.get(address.id);
      if (marks) marks.shown = { memberId: officer.id, roundId, seq };
    } else if (outcome.kind === "retry" || outcome.kind === "wait") throw new Error(`screen not taken by Zalo: ${outcome.kind}`);
  }

  /** The screen the officer is on, again (after a question to a consultant, or a number typed too early). */
  private async showCurrent(address: Address, member: Member, heading?: string, known?: CurrentScreen): Promise<void> {
    if (member.binding.role !== "officer") return;
    const officer = member as OfficerMember;
    const current = known ?? (await this.deps.reporting.current(officer, this.deps.now()));
    if (!current) return this.showStanding(address, officer);
    const screen = this.renderer(officer, current.form).render(current.view, current.cursor.seq, this.agencyName(officer));
    await this.sendScreen(address, officer, current.roundId, current.cursor.seq, {
      ...screen,
      text: heading ? `${heading}\n\n${screen.text}` : screen.text,
    });
  }

  private async showStanding(address: Address, officer: OfficerMember, known?: AgencyStanding): Promise<void> {
    const standing = known ?? (await this.deps.reporting.standing(officer));
    await this.channel.send(address.id, this.renderer(officer).standing(standing));
  }

  private async group(chatId: string): Promise<void> {
    const first = await this.deps.redis.set(this.deps.keys.zaloGroupTold(chatId), "1", "NX");
    if (first) await this.channel.send(chatId, { text: getI18n().t("vi", "zalo-group") });
  }

  private renderer(member: Member, form?: Form): FormRenderer {
    return new FormRenderer(member.language ?? "vi", this.translator(member), this.deps.timeZone, "numbered", form);
  }

  private translator(member: Member | undefined): Translate {
    return translatorFor(member?.language);
  }

  private agencyName(officer: OfficerMember): string {
    return this.deps.directory.get(officer.binding.agencyId)?.name ?? officer.binding.agencyId;
  }
}
