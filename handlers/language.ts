import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../src/context.js";
import { isLanguage } from "../src/i18n.js";
import { LANGUAGES } from "../src/storage/members.js";

/** /lang: the member picks Vietnamese or English; the choice outlives the Telegram client's setting. */
export const language = new Composer<BotContext>();
const members = language.chatType("private").filter((ctx) => ctx.member !== undefined);

members.command("lang", async (ctx) => {
  const keyboard = new InlineKeyboard();
  for (const code of LANGUAGES) keyboard.text(ctx.t(`language-name-${code}`), `lang:${code}`);
  await ctx.reply(ctx.t("language-choose"), { reply_markup: keyboard });
});

members.callbackQuery(/^lang:(.+)$/, async (ctx) => {
  const chosen = ctx.match[1] ?? "";
  if (!ctx.member || !isLanguage(chosen)) {
    await ctx.answerCallbackQuery();
    return;
  }
  await ctx.deps.members.setLanguage(ctx.member.id, chosen);
  ctx.i18n.useLocale(chosen);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("language-set"));
});
