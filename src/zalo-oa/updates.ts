import type { Address } from "../channels/address.js";
import type { IncomingMessage, Surface } from "../channels/port.js";
import { typedContent } from "../channels/typed-menu.js";
import type { Deps } from "../deps.js";
import { apology, applyUpdate } from "../dialogue/apply.js";
import type { Turn } from "../dialogue/turn.js";
import { translatorFor } from "../i18n.js";
import type { WaitingMessages } from "../jobs/outbox.js";
import type { Settlement } from "../storage/applied-updates.js";
import type { ShownScreen } from "../storage/marks.js";
import type { Menu } from "../storage/menus.js";
import type { OaChannel } from "./channel.js";
import type { OaEvent } from "./webhook.js";

/**
 * Zalo OA behind the dialogue. Its buttons post their words into the chat as the person's message
 * (`oa.query.show`), and a screen's buttons are also numbered lines: so a message is read as
 * Zalo's are, a number or the words of a line of the last screen being a press, else a command or
 * text. What the OA shows cannot be changed: the turn is rendered as new messages. A message from
 * the person opens the consultation window again: what waited for them goes out. A follow is
 * greeted; an unfollow closes the address until they come back.
 */

const SURFACE: Surface = { style: "numbered", edits: false };

export class OaUpdates {
  constructor(
    private readonly deps: Deps,
    private readonly channel: OaChannel,
    private readonly waiting: WaitingMessages,
  ) {}

  /** Applies one event (its intake entry `seq`), the only one of its chat in flight; returns what its marks must write. */
  async apply(event: OaEvent, seq: number, writtenSince: () => Promise<boolean>): Promise<Settlement | undefined> {
    const address: Address = { channel: "zalo-oa", id: event.userId };
    if (event.kind !== "message") {
      if (event.kind === "follow") return this.followed(address);
      // Nothing can be sent to them now: the outbox sends elsewhere, or keeps it until they come back.
      await this.waiting.close(address, event.at);
      this.deps.logger.info({ event: event.event_name }, "Zalo OA follower left");
      return undefined;
    }
    const sent = event;
    let writer: string | undefined;
    const settlement = await applyUpdate(this.deps, {
      chat: `zalo-oa:${event.userId}`,
      updateId: seq,
      address,
      surface: SURFACE,
      menu: true,
      message: async (member, menu) => {
        writer = member?.id;
        return incoming(sent, address, member ? menu : undefined);
      },
      render: (turn, shown) => this.render(address, sent.msgId, turn, shown),
      writtenSince,
    });
    // They wrote: the OA may write to them again, and what waited for them follows the answer.
    await this.waiting.reopen(address, writer, this.deps.outbox);
    return settlement;
  }

  /** Tells the person their message could not be applied. */
  async apologize(userId: string): Promise<void> {
    await this.channel.send(userId, { text: await apology(this.deps, { channel: "zalo-oa", id: userId }) });
  }

  /**
   * Someone follows the OA: a member hears they are back (and gets what waited), anyone else how to
   * join; once an hour at most, so following again and again costs the OA nothing.
   */
  private async followed(address: Address): Promise<undefined> {
    const member = await this.deps.members.at(address);
    if (member?.blocked) await this.deps.members.clearBlocked(member.id);
    // Apart for a member: one who joined after following is still greeted when they come back.
    const mark = this.deps.keys.strangerAnswered(address, member ? "followed-member" : "followed");
    const first = await this.deps.redis.set(mark, "1", "EX", 60 * 60, "NX");
    if (first) {
      const t = translatorFor(member?.language);
      await this.channel.send(address.id, { text: t(member ? "zalo-oa-followed-member" : "zalo-oa-followed") });
    }
    await this.waiting.reopen(address, member?.id, this.deps.outbox);
    return undefined;
  }

  /**
   * Each reply as a message of its own, as a reply to the person's message. A form screen the OA did not take this time fails the
   * update, which the intake tries again (showing the screen then, not the answer twice).
   */
  private async render(address: Address, replyTo: string, turn: Turn, shown: (screen: ShownScreen) => void): Promise<void> {
    for (const reply of turn.replies) {
      if (reply.kind === "retire") continue;
      const message = reply.kind === "note" ? (reply.text ? { text: reply.text } : undefined) : reply.message;
      if (!message) continue;
      const outcome = await this.channel.reply(address.id, replyTo, message);
      const screen = reply.kind === "send" || reply.kind === "redraw" ? reply.screen : undefined;
      if (!screen) continue;
      if (outcome.kind === "sent") shown(screen);
      else if (outcome.kind === "retry" || outcome.kind === "wait") throw new Error(`screen not taken by Zalo OA: ${outcome.kind}`);
    }
  }
}

/** The event as the dialogue reads it: a press (the button's words, or its number typed) of the last screen, a command, a file or text. */
function incoming(event: Extract<OaEvent, { kind: "message" }>, address: Address, menu: Menu | undefined): IncomingMessage {
  const base = { from: address, senderName: "" };
  if (event.file)
    return {
      ...base,
      content: {
        kind: "file",
        caption: event.text,
        file: {
          kind: event.file.type,
          source: { kind: "url", url: event.file.url },
          ...(event.file.name ? { fileName: event.file.name } : {}),
        },
      },
    };
  // A location (`user_send_location`) too: the shape of its payload is not documented (docs/zalo-oa.md), so on the OA a place is typed.
  if (event.event_name !== "user_send_text") return { ...base, content: { kind: "other" } };
  // The OA knows no commands: "/name" is only typed, never with a `@botname` after it.
  return { ...base, content: typedContent(event.text.trim(), menu, event.at, { botSuffix: false }) };
}
