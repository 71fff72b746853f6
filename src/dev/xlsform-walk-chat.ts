import type { Update } from "grammy/types";

/**
 * The Telegram side of an in-process walk: grammY's `fetch` answered at once, each message kept as
 * the phone shows it (an edit replaces its text and buttons, as Telegram's does), and the updates
 * one officer's private chat sends.
 */

export interface Button {
  text: string;
  data: string;
}

export interface ChatMessage {
  id: number;
  text: string;
  buttons: Button[];
}

/** A picture small enough for any size check: a download of a photo the officer sent gets these bytes. */
const PHOTO_BYTES = Buffer.from(
  "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==",
  "base64",
);

export class WalkTelegram {
  private readonly messages = new Map<number, ChatMessage>();
  /** Message ids, the most recently sent or changed last. */
  private touched: number[] = [];
  private nextMessageId = 1;
  /** Every text the bot sent or wrote over, in order: what a refusal's "⚠" line is looked for in. */
  readonly written: string[] = [];

  constructor(private readonly chatId: number) {}

  readonly fetch = (async (url: string | URL, init?: { body?: unknown }) => {
    const address = String(url);
    if (address.includes("/file/bot")) return new Response(PHOTO_BYTES, { headers: { "content-type": "image/jpeg" } });
    const method = address.split("/").pop() ?? "";
    const payload = (typeof init?.body === "string" ? JSON.parse(init.body) : {}) as Record<string, unknown>;
    return Response.json({ ok: true, result: this.answer(method, payload) });
  }) as unknown as typeof fetch;

  private answer(method: string, payload: Record<string, unknown>): unknown {
    const chat = { id: this.chatId, type: "private", first_name: "x" };
    const buttonsOf = (markup: unknown): Button[] =>
      ((markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [])
        .flat()
        .map((button) => ({ text: button.text, data: button.callback_data ?? "" }));
    const keep = (id: number, text: string, buttons: Button[]) => {
      this.messages.set(id, { id, text, buttons });
      this.touched = [...this.touched.filter((other) => other !== id), id];
      this.written.push(text);
    };
    switch (method) {
      case "sendMessage":
      case "sendPhoto":
      case "sendDocument": {
        const id = this.nextMessageId++;
        keep(id, String(payload.text ?? payload.caption ?? ""), buttonsOf(payload.reply_markup));
        return { message_id: id, date: 0, chat, text: String(payload.text ?? "") };
      }
      case "editMessageText": {
        const id = Number(payload.message_id);
        // Telegram takes the keyboard away from a message edited without one.
        keep(id, String(payload.text ?? ""), buttonsOf(payload.reply_markup));
        return { message_id: id, date: 0, chat, text: String(payload.text ?? "") };
      }
      case "editMessageReplyMarkup": {
        const id = Number(payload.message_id);
        keep(id, this.messages.get(id)?.text ?? "", buttonsOf(payload.reply_markup));
        return true;
      }
      case "deleteMessage":
        this.messages.delete(Number(payload.message_id));
        return true;
      case "getFile":
        return { file_id: String(payload.file_id), file_unique_id: "walk", file_size: PHOTO_BYTES.length, file_path: "photos/walk.jpg" };
      default:
        return true;
    }
  }

  /** The screen on the phone: the message with buttons sent or changed last. */
  screen(): ChatMessage | undefined {
    for (let i = this.touched.length - 1; i >= 0; i--) {
      const message = this.messages.get(this.touched[i] ?? -1);
      if (message?.buttons.length) return message;
    }
    return undefined;
  }

  /** The message sent or changed last, buttons or not (a receipt has none). */
  last(): ChatMessage | undefined {
    return this.messages.get(this.touched.at(-1) ?? -1);
  }
}

/** What one officer's private chat sends, numbered as Telegram numbers updates. */
export function officerChat(chatId: number) {
  let updateId = 1;
  const from = { id: chatId, is_bot: false, first_name: "Walker", language_code: "vi" };
  const chat = { id: chatId, type: "private", first_name: "Walker" };
  const message = (content: Record<string, unknown>) =>
    ({ update_id: updateId++, message: { message_id: 10_000 + updateId, date: 0, chat, from, ...content } }) as Update;
  return {
    typed: (text: string): Update =>
      message({
        text,
        ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length ?? 0 }] } : {}),
      }),
    pressed: (data: string, messageId: number): Update =>
      ({
        update_id: updateId++,
        callback_query: {
          id: String(updateId),
          from,
          chat_instance: "1",
          data,
          message: { message_id: messageId, date: 0, chat, text: "" },
        },
      }) as Update,
    photo: (fileId: string): Update =>
      message({ photo: [{ file_id: fileId, file_unique_id: `${fileId}-u`, width: 1, height: 1, file_size: PHOTO_BYTES.length }] }),
    location: (latitude: number, longitude: number): Update => message({ location: { latitude, longitude } }),
  };
}

export type OfficerChat = ReturnType<typeof officerChat>;
