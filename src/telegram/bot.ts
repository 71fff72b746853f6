import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, Context, GrammyError, type Transformer } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { type Address, telegramAddress } from "../channels/address.js";
import type { Incoming, IncomingMessage, OutgoingMessage, Surface } from "../channels/port.js";
import type { Deps } from "../deps.js";
import { apology, applyUpdate } from "../dialogue/apply.js";
import type { Reply, Turn } from "../dialogue/turn.js";
import type { Settlement } from "../storage/applied-updates.js";
import type { ShownScreen } from "../storage/marks.js";
import { inlineKeyboard, TelegramChannel } from "./channel.js";

/**
 * Telegram behind the dialogue: the grammY bot (its API with auto-retry),
 * each update turned into an incoming message, and the dialogue's turn rendered as Telegram does
 * it (new messages, screens redrawn in place, answered questions changed to show their answer,
 * a refused answer's reason added to its question, presses answered with a short note). Updates
 * reach it from the intake (src/telegram/intake.ts), which already hands one chat's updates over
 * one after another.
 */

export interface BotOptions {
  token: string;
  apiRoot: string;
  /** Skips getMe at start-up; tests and benchmarks that drive the bot in-process pass a fixed one. */
  botInfo?: UserFromGetMe;
  /** Replaces the HTTP client's fetch: the benchmark answers the Bot API in-process. */
  fetch?: typeof fetch;
}

const SURFACE: Surface = { style: "keyboard", edits: true };

/**
 * Answering a callback query only stops the button's spinner: one already answered (an update tried
 * again) or too old is refused with a 400 that must not fail the update it belongs to.
 */
const callbackAnswersNeverFail: Transformer = async (prev, method, payload, signal) => {
  const response = await prev(method, payload, signal);
  if (method === "answerCallbackQuery" && !response.ok && response.error_code === 400)
    return { ok: true, result: true } as Awaited<ReturnType<typeof prev>>;
  return response;
};

/** Telegram refuses an edit that changes nothing or targets a message gone from the chat; neither matters here. */
async function quietly(edit: Promise<unknown>): Promise<void> {
  try {
    await edit;
  } catch (error) {
    if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
  }
}

/**
 * Changes a bot message to `message`, buttons included; false where Telegram refuses (a message gone
 * from the chat or too old to edit, or one already saying just that).
 */
async function edited(ctx: Context, chatId: number, messageId: number, message: OutgoingMessage): Promise<boolean> {
  try {
    await ctx.api.editMessageText(chatId, messageId, message.text, {
      parse_mode: "HTML",
      ...(message.buttons?.length ? { reply_markup: inlineKeyboard(message.buttons) } : {}),
    });
    return true;
  } catch (error) {
    if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
    return false;
  }
}

export interface TelegramBot {
  bot: Bot;
  /** Applies one update; returns what its marks must write, with the intake's acknowledgement of its entry. */
  apply(update: Update, writtenSince: () => Promise<boolean>): Promise<Settlement | undefined>;
  /** Tells the person their update could not be applied (it was given up on). */
  apologize(update: Update): Promise<void>;
}

export function createBot(options: BotOptions, deps: Deps): TelegramBot {
  const bot = new Bot(options.token, {
    client: { apiRoot: options.apiRoot, ...(options.fetch ? { fetch: options.fetch } : {}) },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 300 }));
  bot.api.config.use(callbackAnswersNeverFail);
  const channel = new TelegramChannel(bot.api, deps.attachments, options.apiRoot);
  return {
    bot,
    async apply(update, writtenSince) {
      await deps.clock.sync();
      const ctx = new Context(update, bot.api, bot.botInfo);
      const { chat, from } = ctx;
      // Reporting is one person's business: groups and channels get nothing. In a private chat
      // Telegram gives the chat the sender's id; one that differs is no message of theirs.
      if (chat && (chat.type !== "private" || (from && chat.id !== from.id))) {
        if (chat.type === "private")
          deps.logger.warn({ updateId: update.update_id }, "private update whose chat is not its sender dropped");
        return undefined;
      }
      const chatId = ctx.chatId ?? from?.id;
      if (!from || chatId === undefined) return undefined;
      const address = telegramAddress(from.id);
      return applyUpdate(deps, {
        chat: chatId,
        updateId: update.update_id,
        address,
        surface: SURFACE,
        clientLanguage: from.language_code,
        message: async () => incoming(ctx, address),
        render: (turn, shown) => render(ctx, deps, channel, turn, shown),
        writtenSince,
      });
    },
    async apologize(update) {
      const ctx = new Context(update, bot.api, bot.botInfo);
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      if (ctx.chat?.type === "private" && ctx.from)
        await ctx.reply(await apology(deps, telegramAddress(ctx.from.id), ctx.from.language_code));
    },
  };
}

/** The update as the dialogue reads it; undefined for what a person did not send (a chat member change, say). */
function incoming(ctx: Context, address: Address): IncomingMessage | undefined {
  const from = ctx.from;
  if (!from) return undefined;
  const base = {
    from: address,
    senderName: [from.first_name, from.last_name].filter(Boolean).join(" "),
    clientLanguage: from.language_code,
  };
  if (ctx.callbackQuery) return { ...base, content: { kind: "press", data: ctx.callbackQuery.data ?? "" } };
  if (ctx.editedMessage) return { ...base, content: { kind: "edited" } };
  const message = ctx.message;
  if (!message) return undefined;
  const text = message.text;
  if (text?.startsWith("/")) {
    const [word = "", ...rest] = text.slice(1).split(/\s+/);
    return { ...base, content: { kind: "command", name: word.replace(/@.*$/, "").toLowerCase(), argument: rest.join(" ").trim() } };
  }
  const file = (kind: "photo" | "document", fileId: string, fileName?: string, size?: number): Incoming => ({
    kind: "file",
    caption: message.caption ?? "",
    file: { kind, source: { kind: "file-id", fileId }, ...(fileName ? { fileName } : {}), ...(size ? { size } : {}) },
  });
  const photo = message.photo?.at(-1);
  const content: Incoming =
    text !== undefined
      ? { kind: "text", text }
      : photo
        ? file("photo", photo.file_id, undefined, photo.file_size)
        : message.document
          ? file("document", message.document.file_id, message.document.file_name, message.document.file_size)
          : message.location
            ? { kind: "location", latitude: message.location.latitude, longitude: message.location.longitude }
            : { kind: "other" };
  const replyTo = message.reply_to_message;
  return { ...base, ...(replyTo ? { replyTo: { messageId: replyTo.message_id, sentAt: replyTo.date * 1000 } } : {}), content };
}

/**
 * The turn as Telegram shows it. The person waits for the next screen: it goes first, and the
 * tidying of older messages (and the press's answer) goes alongside it rather than before it; the
 * update settles once its screens are out, without waiting for the tidying.
 */
async function render(ctx: Context, deps: Deps, channel: TelegramChannel, turn: Turn, shown: (screen: ShownScreen) => void): Promise<void> {
  const chatId = String(ctx.chatId);
  const pressed = ctx.callbackQuery?.message?.message_id;
  // A press is answered at once, with the turn's note when it has one; elsewhere a note is a message.
  if (ctx.callbackQuery) {
    const note = turn.replies.find((reply) => reply.kind === "note");
    deps.background.run("answer callback", ctx.answerCallbackQuery(note?.text ? { text: note.text } : {}));
  }
  const send = async (reply: Extract<Reply, { kind: "send" | "redraw" }>): Promise<void> => {
    const outcome = await channel.send(chatId, reply.message);
    if (outcome.kind !== "sent") throw new Error(`reply not sent: ${outcome.kind}`);
    if (reply.screen) shown({ ...reply.screen, messageId: Number(outcome.messageIds[0]) });
  };
  for (const reply of turn.replies) {
    switch (reply.kind) {
      case "note":
        if (!ctx.callbackQuery && reply.text) await send({ kind: "send", message: { text: reply.text } });
        break;
      case "send":
        await send(reply);
        break;
      case "redraw":
        if (pressed === undefined) {
          await send(reply);
          break;
        }
        if (reply.screen) shown({ ...reply.screen, messageId: pressed });
        await edited(ctx, Number(chatId), pressed, reply.message);
        break;
      case "amend": {
        const messageId = reply.target === "pressed" ? pressed : reply.target.messageId;
        if (messageId === undefined || !(await edited(ctx, Number(chatId), messageId, reply.screen)))
          await send({ kind: "send", message: reply.message });
        break;
      }
      case "retire": {
        const messageId = reply.target === "pressed" ? pressed : reply.target.messageId;
        if (messageId === undefined) break;
        const retiring =
          reply.text === undefined
            ? ctx.api.editMessageReplyMarkup(Number(chatId), messageId, { reply_markup: { inline_keyboard: [] } })
            : ctx.api.editMessageText(Number(chatId), messageId, reply.text, { parse_mode: "HTML" });
        deps.background.run("tidy an answered message", quietly(retiring));
        break;
      }
    }
  }
}
