import type { Channel, OutgoingMessage, SendOutcome } from "../channels/port.js";
import { plainText, splitText } from "../channels/text.js";
import type { MenuStore } from "../storage/menus.js";
import { type ZaloClient, ZaloError } from "./client.js";

/** Zalo's limit on one message. */
export const ZALO_TEXT_LIMIT = 2000;

/** The message as Zalo shows it: plain text, then each button on a line, numbered unless numbers are answers. */
export function zaloText(message: OutgoingMessage): string {
  const buttons = (message.buttons ?? []).flat();
  const lines = buttons.map((button, index) => `${message.numbersAreAnswers ? "•" : `${index + 1}.`} ${plainText(button.label)}`);
  return [plainText(message.text), ...(lines.length ? ["", ...lines] : [])].join("\n");
}

/**
 * Zalo behind the channel port: no buttons, no HTML, 2,000 characters. Each send remembers the
 * buttons it showed, so the person's "2" (or the button's words) can be understood.
 */
export class ZaloChannel implements Channel {
  readonly name = "zalo";
  readonly sendsFiles = false;

  constructor(
    private readonly client: ZaloClient,
    private readonly menus: MenuStore,
    private readonly now: () => number,
  ) {}

  async send(chatId: string, message: OutgoingMessage): Promise<SendOutcome> {
    const buttons = (message.buttons ?? []).flat();
    if (buttons.length) {
      await this.menus.set(
        { channel: "zalo", id: chatId },
        {
          buttons: buttons.map(({ label, data }) => ({ label: plainText(label), data })),
          numbered: !message.numbersAreAnswers,
          shownAt: this.now(),
        },
      );
    }
    const messageIds: string[] = [];
    try {
      for (const part of splitText(zaloText(message), ZALO_TEXT_LIMIT))
        messageIds.push((await this.client.sendMessage(chatId, part)).message_id);
    } catch (error) {
      if (!(error instanceof ZaloError)) throw error;
      if (error.code === 429) return { kind: "wait", ms: 5_000 };
      if (error.code === 404) return { kind: "unreachable" };
      if (error.code === 400 || error.code === 401) return { kind: "refused", reason: error.description };
      return { kind: "retry", reason: error.description };
    }
    return { kind: "sent", messageIds };
  }
}
