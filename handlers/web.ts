import { Composer } from "grammy";
import { webCommand } from "../src/channels/web-command.js";
import { type BotContext, isMember } from "../src/context.js";

/** /web: a sign-in link to the web console, and the member's sessions there. */
export const web = new Composer<BotContext>();

web
  .chatType("private")
  .filter(isMember)
  .command("web", async (ctx) => {
    const reply = await webCommand(ctx.deps, ctx.member, ctx.match, ctx.t);
    // No preview: a messenger fetching the link would show its page to nobody.
    await ctx.reply(reply.text, { link_preview_options: { is_disabled: true } });
  });
