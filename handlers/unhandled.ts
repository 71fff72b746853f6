import { Composer } from "grammy";
import type { BotContext } from "../src/context.js";

/**
 * Last in line. Every callback query gets an answer, also a stale or forged one, so the
 * user's button stops spinning; a message nobody handled gets a pointer to /help.
 */
export const unhandled = new Composer<BotContext>();

unhandled.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("unhandled-stale-button") }));

unhandled.chatType("private").on("message", (ctx) => ctx.reply(ctx.t("unhandled-message")));

// An edit is not an answer: changing a stored answer silently would surprise colleagues and the history.
unhandled.chatType("private").on("edited_message", (ctx) => ctx.reply(ctx.t("unhandled-edited")));
