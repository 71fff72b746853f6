import { Composer } from "grammy";
import { type BotContext, isMember } from "../src/context.js";
import { DESK_COMMANDS, type DeskRequest, deskCommand, deskPress, deskText, importFormFile } from "../src/desk/index.js";
import { DEFAULT_LANGUAGE, isLanguage } from "../src/i18n.js";

/**
 * The desk of consultants and the secretariat on Telegram (/progress, /queue, /export, /review,
 * /rounds, /round, /broadcast, /members, /remove, /assign and their buttons): the work is in
 * src/desk, worded once for Telegram and Zalo; this passes it the update and shows the replies.
 */
export const desk = new Composer<BotContext>();
const chat = desk.chatType("private").filter(isMember);

async function requestOf(ctx: BotContext & { member: NonNullable<BotContext["member"]> }): Promise<DeskRequest> {
  const locale = await ctx.i18n.getLocale();
  return {
    deps: ctx.deps,
    member: ctx.member,
    t: ctx.t,
    language: isLanguage(locale) ? locale : DEFAULT_LANGUAGE,
    composing: ctx.composing,
  };
}

chat.command(Object.keys(DESK_COMMANDS), async (ctx) => {
  const name = /^\/(\w+)/.exec(ctx.msg.text)?.[1]?.toLowerCase() ?? "";
  await ctx.show((await deskCommand(await requestOf(ctx), name, ctx.match)) ?? []);
});

chat.callbackQuery(/^(r:|b:|t:re:|t:to:)/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const replies = (await deskPress(await requestOf(ctx), ctx.callbackQuery.data)) ?? [];
  // A decision or a broadcast is made once: its buttons go.
  if (/^[rb]:/.test(ctx.callbackQuery.data)) await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } });
  await ctx.show(replies);
});

// A workbook sent by the secretariat is a questionnaire to import (Zalo passes users' files to no bot).
chat.on("message:document", async (ctx, next) => {
  if (ctx.member.binding.role !== "secretariat") return next();
  const { file_id: fileId, file_name: fileName = "" } = ctx.message.document;
  const bytes = /\.xlsx$/i.test(fileName) ? (await ctx.fetchFile(fileId))?.bytes : undefined;
  await ctx.show(await importFormFile(await requestOf(ctx), fileName, bytes));
});

chat.on("message:text", async (ctx, next) => {
  // Only the secretariat writes what the desk waits for (a return comment, a broadcast): officers' answers pass straight on.
  if (ctx.member.binding.role !== "secretariat" || ctx.message.text.startsWith("/")) return next();
  const replies = await deskText(await requestOf(ctx), ctx.message.text);
  if (!replies) return next();
  await ctx.show(replies);
});
