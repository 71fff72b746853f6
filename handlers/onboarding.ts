import { Composer } from "grammy";
import { telegramAddress } from "../src/channels/address.js";
import type { BotContext } from "../src/context.js";
import { looksLikeCode, normalizeCode } from "../src/services/invites.js";
import { inlineKeyboard } from "../src/telegram/channel.js";
import { isOfficer, presentStanding } from "../src/telegram/form-chat.js";
import { describeBinding, INVITE_CONFIRM, INVITE_KEEP, inviteConfirmation } from "../src/views.js";

/**
 * Joining by invite, and the door for everyone who has not: a stranger gets a polite
 * explanation and nothing else, whatever they send.
 */
export const onboarding = new Composer<BotContext>();
const chat = onboarding.chatType("private");

async function redeem(ctx: BotContext & { from: NonNullable<BotContext["from"]> }, input: string, confirmed = false): Promise<void> {
  const { invites, logger, directory, now } = ctx.deps;
  const address = telegramAddress(ctx.from.id);
  const result = await invites.redeem(input, address, ctx.member, now(), confirmed);
  switch (result.outcome) {
    case "confirm": {
      const question = inviteConfirmation(ctx.t, directory, result, normalizeCode(input));
      await ctx.reply(question.text, { reply_markup: inlineKeyboard(question.buttons ?? []) });
      return;
    }
    case "joined": {
      logger.info({ userId: ctx.from.id, role: result.binding.role }, "member joined by invite");
      await ctx.reply(ctx.t("onboarding-joined", { role: describeBinding(ctx.t, result.binding, directory) }));
      ctx.member = await ctx.deps.members.at(address);
      if (isOfficer(ctx)) await presentStanding(ctx);
      return;
    }
    case "already-member":
      await ctx.reply(ctx.t("onboarding-already-member", { role: describeBinding(ctx.t, result.binding, directory) }));
      return;
    case "used":
      await ctx.reply(ctx.t("onboarding-code-used"));
      return;
    case "invalid":
      await ctx.reply(ctx.t("onboarding-code-invalid"));
      return;
    case "locked":
      logger.warn({ userId: ctx.from.id }, "invite redemption locked after repeated wrong codes");
      if (await ctx.deps.strangers.mayAnswer(address, "locked"))
        await ctx.reply(ctx.t("onboarding-locked", { minutes: result.retryInMinutes }));
      return;
  }
}

/** What a stranger is told: how to join, once an hour at most. */
async function turnAway(ctx: BotContext): Promise<void> {
  if (ctx.from && (await ctx.deps.strangers.mayAnswer(telegramAddress(ctx.from.id)))) await ctx.reply(ctx.t("onboarding-stranger"));
}

chat.callbackQuery(new RegExp(`^${INVITE_CONFIRM}([A-Z0-9]+)$`), async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
  await redeem(ctx, ctx.match[1] ?? "", true);
});

chat.callbackQuery(INVITE_KEEP, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("onboarding-kept"));
});

chat.command("start", async (ctx, next) => {
  const payload = ctx.match.trim();
  if (payload) return redeem(ctx, payload);
  // A member's /start is a greeting: each role's feature answers it.
  if (ctx.member) return next();
  await turnAway(ctx);
});

const strangers = chat.filter((ctx) => ctx.member === undefined);

strangers.on("message:text", async (ctx) => {
  if (looksLikeCode(ctx.message.text)) return redeem(ctx, ctx.message.text);
  await turnAway(ctx);
});

strangers.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("onboarding-stranger-short") }));

strangers.use(turnAway);
