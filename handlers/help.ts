import { Composer } from "grammy";
import type { BotContext } from "../src/context.js";
import { describeBinding } from "../src/views.js";

/** /help: what this member, in this role, can do here; and /start for the roles the form does not greet. */
export const help = new Composer<BotContext>();
const members = help.chatType("private");

members.command("start", async (ctx, next) => {
  if (!ctx.member || ctx.member.binding.role === "officer") return next();
  await ctx.reply(ctx.t("onboarding-welcome-back", { role: describeBinding(ctx.t, ctx.member.binding, ctx.deps.directory) }));
});

members.command("help", async (ctx) => {
  const member = ctx.member;
  if (!member) return;
  const role = describeBinding(ctx.t, member.binding, ctx.deps.directory);
  await ctx.reply(ctx.t(`help-${member.binding.role}`, { role }));
});
