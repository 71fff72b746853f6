import { Composer } from "grammy";
import type { BotContext } from "../src/context.js";
import { describeBinding } from "../src/views.js";

/** /help: what this member, in this role, can do here. */
export const help = new Composer<BotContext>();

help.chatType("private").command("help", async (ctx) => {
  const member = ctx.member;
  if (!member) return;
  const role = describeBinding(ctx.t, member.binding, ctx.deps.directory);
  await ctx.reply(ctx.t(`help-${member.binding.role}`, { role }));
});
