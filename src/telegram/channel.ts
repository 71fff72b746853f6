import { type Api, GrammyError } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Button, Channel, OutgoingMessage, SendOutcome } from "../channels/port.js";

/** Buttons as Telegram's inline keyboard. */
export const inlineKeyboard = (buttons: Button[][]): InlineKeyboardMarkup => ({
  inline_keyboard: buttons.map((row) => row.map((button) => ({ text: button.label, callback_data: button.data }))),
});

/** Telegram behind the channel port: HTML text, buttons as an inline keyboard. */
export class TelegramChannel implements Channel {
  readonly name = "telegram";

  constructor(private readonly api: Api) {}

  async send(chatId: string, message: OutgoingMessage): Promise<SendOutcome> {
    try {
      const sent = await this.api.sendMessage(Number(chatId), message.text, {
        parse_mode: "HTML",
        ...(message.buttons?.length ? { reply_markup: inlineKeyboard(message.buttons) } : {}),
      });
      return { kind: "sent", messageIds: [String(sent.message_id)] };
    } catch (error) {
      if (!(error instanceof GrammyError)) throw error;
      if (error.error_code === 429) return { kind: "wait", ms: (error.parameters.retry_after ?? 1) * 1000 };
      if (error.error_code === 403) return { kind: "unreachable" };
      if (error.error_code === 400) return { kind: "refused", reason: error.description };
      return { kind: "retry", reason: error.description };
    }
  }
}
