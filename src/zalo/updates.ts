import type { Address } from "../channels/address.js";
import type { IncomingMessage, Surface } from "../channels/port.js";
import { typedContent } from "../channels/typed-menu.js";
import type { Deps } from "../deps.js";
import { apology, applyUpdate } from "../dialogue/apply.js";
import type { Turn } from "../dialogue/turn.js";
import { getI18n } from "../i18n.js";
import type { Settlement } from "../storage/applied-updates.js";
import type { ShownScreen } from "../storage/marks.js";
import type { Menu } from "../storage/menus.js";
import type { ZaloChannel } from "./channel.js";
import type { ZaloUpdate } from "./client.js";

/**
 * Zalo behind the dialogue: no buttons, so the last screen's buttons are numbered lines, and a
 * message is a number from that list, the words of one of its lines, a command, or text; a picture
 * is a file by its URL. The turn is rendered as plain messages: what Telegram would change in place
 * comes anew, and a press's note is a message of its own.
 */

const SURFACE: Surface = { style: "numbered", edits: false };

export class ZaloUpdates {
  constructor(
    private readonly deps: Deps,
    private readonly channel: Pick<ZaloChannel, "send" | "reply">,
    private readonly botId: string,
  ) {}

  /**
   * Applies one update (its intake entry's number `seq`); the caller has made sure it is the only one
   * of its chat in flight. Returns what its marks must write with the entry's acknowledgement.
   */
  async apply(update: ZaloUpdate, seq: number, writtenSince: () => Promise<boolean>): Promise<Settlement | undefined> {
    const { message } = update;
    if (message.from.is_bot || message.from.id === this.botId) return undefined;
    if (message.chat.chat_type && message.chat.chat_type !== "PRIVATE") {
      const first = await this.deps.redis.set(this.deps.keys.zaloGroupTold(message.chat.id), "1", "NX");
      if (first) await this.channel.send(message.chat.id, { text: getI18n().t("vi", "zalo-group") });
      return undefined;
    }
    // In a private chat Zalo gives the chat the sender's id; one that differs is no message of theirs.
    if (message.chat.id !== message.from.id) {
      this.deps.logger.warn({ updateId: message.message_id }, "private message whose chat is not its sender dropped");
      return undefined;
    }
    const address: Address = { channel: "zalo", id: message.chat.id };
    return applyUpdate(this.deps, {
      chat: `zalo:${message.chat.id}`,
      updateId: seq,
      address,
      surface: SURFACE,
      menu: true,
      message: async (member, menu) => incoming(update, address, member ? menu : undefined),
      render: (turn, shown) => this.render(address, turn, shown),
      writtenSince,
    });
  }

  /** Tells the person their message could not be applied. */
  async apologize(chatId: string): Promise<void> {
    await this.channel.reply(chatId, { text: await apology(this.deps, { channel: "zalo", id: chatId }) });
  }

  /**
   * Each reply as a message of its own. A form screen Zalo did not take this time fails the update,
   * which the intake tries again (showing the screen then, not the answer twice).
   */
  private async render(address: Address, turn: Turn, shown: (screen: ShownScreen) => void): Promise<void> {
    for (const reply of turn.replies) {
      if (reply.kind === "retire") continue;
      const message = reply.kind === "note" ? (reply.text ? { text: reply.text } : undefined) : reply.message;
      if (!message) continue;
      // A reply shows the screen the person is on now: its menu replaces the last one.
      const outcome = await this.channel.reply(address.id, message);
      const screen = reply.kind === "send" || reply.kind === "redraw" ? reply.screen : undefined;
      if (!screen) continue;
      if (outcome.kind === "sent") shown(screen);
      else if (outcome.kind === "retry" || outcome.kind === "wait") throw new Error(`screen not taken by Zalo: ${outcome.kind}`);
    }
  }
}

/** The update as the dialogue reads it: a typed number or line of the last screen is a press. */
function incoming(update: ZaloUpdate, address: Address, menu: Menu | undefined): IncomingMessage {
  const { message } = update;
  const base = { from: address, senderName: message.from.display_name ?? "" };
  if (update.event_name === "message.image.received" && message.photo)
    return {
      ...base,
      content: { kind: "file", caption: message.caption ?? "", file: { kind: "photo", source: { kind: "url", url: message.photo } } },
    };
  if (update.event_name !== "message.text.received") return { ...base, content: { kind: "other" } };
  // Zalo's Bot API is modelled on Telegram's: a command may come as `/name@botname`.
  return { ...base, content: typedContent((message.text ?? "").trim(), menu, message.date, { botSuffix: true }) };
}
