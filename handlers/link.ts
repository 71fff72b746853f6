import { Composer } from "grammy";
import { telegramAddress } from "../src/channels/address.js";
import { decideLink, LINK_DECISION, linkCommand, redeemLink } from "../src/channels/link-command.js";
import { type BotContext, isMember } from "../src/context.js";
import { looksLikeLinkCode } from "../src/services/links.js";
import { inlineKeyboard } from "../src/telegram/channel.js";

/** /link: one person on Telegram and Zalo. Before the stranger's door: a stranger may type a link code. */
export const link = new Composer<BotContext>();
const chat = link.chatType("private");

chat.command("link", async (ctx) => {
  const reply = await linkCommand(ctx.deps, telegramAddress(ctx.from.id), ctx.member, ctx.match.trim(), ctx.t);
  if (reply) await ctx.reply(reply.text, reply.buttons ? { reply_markup: inlineKeyboard(reply.buttons) } : {});
});

// The member's answer to a link request, pressed on an account they already have.
chat.filter(isMember).callbackQuery(LINK_DECISION, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
  const reply = await decideLink(ctx.deps, ctx.member, telegramAddress(ctx.from.id), ctx.callbackQuery.data, ctx.t);
  await ctx.reply(reply.text);
});

chat
  .filter((ctx) => ctx.member === undefined)
  .on("message:text", async (ctx, next) => {
    if (!looksLikeLinkCode(ctx.message.text)) return next();
    const reply = await redeemLink(ctx.deps, telegramAddress(ctx.from.id), ctx.message.text, ctx.t);
    if (reply) await ctx.reply(reply.text);
  });
