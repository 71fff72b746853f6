import { Composer } from "grammy";
import { type BotContext, chatIdOf } from "../src/context.js";
import type { Input } from "../src/form/engine.js";
import { parseFormCallback } from "../src/form/screens.js";
import type { OfficerMember } from "../src/services/reporting.js";
import { isOfficer, presentOutcome, presentStanding } from "../src/telegram/form-chat.js";

/** The reporting form, for officers: /start greets with where the agency stands; buttons and answers step the form. */
export const form = new Composer<BotContext>();
const officers = form.chatType("private").filter(isOfficer);

async function stepWith(ctx: BotContext & { member: OfficerMember }, input: Input, pressed?: number) {
  const { reporting, appliedUpdates, now } = ctx.deps;
  const outcome = await reporting.step(ctx.member, input, now(), {
    via: "telegram",
    applied: appliedUpdates.markFor(chatIdOf(ctx), ctx.update.update_id),
    preloaded: ctx.preloaded,
  });
  if (outcome.kind === "step") ctx.done.answerSaved = true;
  if (outcome.kind === "standing") {
    await presentStanding(ctx, outcome.standing);
    return;
  }
  await presentOutcome(ctx, outcome, pressed === undefined ? undefined : { messageId: pressed });
}

officers.command("start", (ctx) => presentStanding(ctx));

officers.callbackQuery(/^f:/, async (ctx) => {
  const parsed = parseFormCallback(ctx.callbackQuery.data);
  const messageId = ctx.callbackQuery.message?.message_id;
  if (!parsed || messageId === undefined) return ctx.answerCallbackQuery();
  await stepWith(ctx, parsed, messageId);
});

officers.on("message:text", async (ctx, next) => {
  if (ctx.message.text.startsWith("/")) return next();
  await stepWith(ctx, { kind: "text", text: ctx.message.text });
});

officers.on("message", (ctx) => stepWith(ctx, { kind: "unsupported" }));
