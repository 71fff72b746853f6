import { Composer } from "grammy";
import { type BotContext, isMember } from "../src/context.js";
import { escapeHtml } from "../src/views.js";

/** The secretariat's view of who has access, and taking it away: /members [agency], /remove <member-id>. */
export const members = new Composer<BotContext>();
const secretariat = members
  .chatType("private")
  .filter(isMember)
  .filter((ctx) => ctx.member.binding.role === "secretariat");

secretariat.command("members", async (ctx) => {
  const agencyId = ctx.match.trim() || undefined;
  const listed = await ctx.deps.membership.list(agencyId);
  const lines = listed.slice(0, 100).map((member) => `<code>${escapeHtml(ctx.deps.membership.describe(member))}</code>`);
  await ctx.reply([ctx.t("members-title", { count: listed.length }), ...lines, "", ctx.t("members-usage")].join("\n"));
});

secretariat.command("remove", async (ctx) => {
  const id = ctx.match.trim();
  if (!id) return ctx.reply(ctx.t("members-usage"));
  const removed = await ctx.deps.membership.remove(id, `member:${ctx.member.id}`, ctx.deps.now(), ctx.deps.outbox);
  await ctx.reply(ctx.t(removed ? "members-removed-done" : "members-unknown", { id: escapeHtml(id) }));
});
