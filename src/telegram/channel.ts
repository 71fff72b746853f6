import { type Api, GrammyError, InputFile } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Button, Channel, OutgoingMessage, SendOutcome } from "../channels/port.js";
import { plainText } from "../channels/text.js";
import type { AttachmentStore, StoredFile } from "../storage/attachments.js";
import { clip } from "../views.js";

const TELEGRAM_TEXT_LIMIT = 4096;

/** Buttons as Telegram's inline keyboard. */
export const inlineKeyboard = (buttons: Button[][]): InlineKeyboardMarkup => ({
  inline_keyboard: buttons.map((row) => row.map((button) => ({ text: button.label, callback_data: button.data }))),
});

/** Telegram behind the channel port: HTML text, buttons as an inline keyboard. */
export class TelegramChannel implements Channel {
  readonly name = "telegram";

  constructor(
    private readonly api: Api,
    private readonly attachments: AttachmentStore,
    /** The Bot API root (TELEGRAM_API_ROOT): files are fetched from under it. */
    private readonly apiRoot: string,
  ) {}

  async fetchFile(fileId: string): Promise<StoredFile | undefined> {
    try {
      const file = await this.api.getFile(fileId);
      if (!file.file_path || (file.file_size ?? 0) > this.attachments.maxBytes) return undefined;
      return await this.attachments.fetch(`${this.apiRoot}/file/bot${this.api.token}/${file.file_path}`, "application/octet-stream");
    } catch {
      return undefined;
    }
  }

  async send(chatId: string, message: OutgoingMessage): Promise<SendOutcome> {
    try {
      // A message may be a file alone (the CSV after the workbook).
      const ids = message.text || !message.attachment ? [String((await this.sendText(Number(chatId), message)).message_id)] : [];
      if (message.attachment) ids.push(await this.sendAttachment(Number(chatId), message.attachment));
      return { kind: "sent", messageIds: ids };
    } catch (error) {
      if (!(error instanceof GrammyError)) throw error;
      if (error.error_code === 429) return { kind: "wait", ms: (error.parameters.retry_after ?? 1) * 1000 };
      if (error.error_code === 403) return { kind: "unreachable" };
      if (error.error_code === 400) return { kind: "refused", reason: error.description };
      return { kind: "retry", reason: error.description };
    }
  }

  /**
   * The message as HTML; refused for its length or its markup (people's text can outgrow any
   * budget once escaped), it goes once more as plain text within the limit, marked as cut.
   */
  private async sendText(chatId: number, message: OutgoingMessage) {
    const markup = {
      ...(message.buttons?.length ? { reply_markup: inlineKeyboard(message.buttons) } : {}),
      ...(message.noPreview ? { link_preview_options: { is_disabled: true } } : {}),
    };
    try {
      return await this.api.sendMessage(chatId, message.text, { parse_mode: "HTML", ...markup });
    } catch (error) {
      if (!(error instanceof GrammyError && error.error_code === 400 && /too long|parse entities/i.test(error.description))) throw error;
      return this.api.sendMessage(chatId, clip(plainText(message.text), TELEGRAM_TEXT_LIMIT - 10), markup);
    }
  }

  /** A Telegram file by its id; bytes the bot keeps (a Zalo photo) uploaded. */
  private async sendAttachment(chatId: number, attachment: NonNullable<OutgoingMessage["attachment"]>): Promise<string> {
    const stored = await this.attachments.get(attachment.fileId);
    const file = stored
      ? new InputFile(stored.bytes, attachment.fileName ?? (attachment.kind === "photo" ? "anh.jpg" : "tep"))
      : attachment.fileId;
    const options = { caption: attachment.caption, parse_mode: "HTML" } as const;
    const sent =
      attachment.kind === "photo" ? await this.api.sendPhoto(chatId, file, options) : await this.api.sendDocument(chatId, file, options);
    return String(sent.message_id);
  }
}
