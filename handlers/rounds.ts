import { Composer, InlineKeyboard } from "grammy";
import { type BotContext, isMember } from "../src/context.js";
import { isRoundOpen, parseLocalDateTime, parseTarget, planSchema } from "../src/domain/rounds.js";
import { broadcastText, formatMoment } from "../src/services/announcements.js";
import { queueBroadcast, resolveBroadcast } from "../src/telegram/broadcast.js";
import { escapeHtml } from "../src/views.js";

/** The secretariat's desk for rounds and broadcasts: /rounds, /round, /broadcast. */
export const rounds = new Composer<BotContext>();
const desk = rounds
  .chatType("private")
  .filter(isMember)
  .filter((ctx) => ctx.member.binding.role === "secretariat");

type DeskContext = BotContext & { member: NonNullable<BotContext["member"]> };

function stateOf(ctx: DeskContext, round: { opensAt: number; closedAt: number | undefined }): string {
  const now = ctx.deps.now();
  return ctx.t(round.closedAt !== undefined ? "rounds-state-closed" : round.opensAt > now ? "rounds-state-scheduled" : "rounds-state-open");
}

desk.command("rounds", async (ctx) => {
  const all = await ctx.deps.rounds.list();
  if (all.length === 0) return ctx.reply(ctx.t("rounds-none"));
  const lines = [`<b>${ctx.t("rounds-title")}</b>`];
  for (const round of all) {
    const agencies = ctx.deps.rounds.agenciesOf(round);
    const standings = await Promise.all(agencies.map((agency) => ctx.deps.reporting.standingIn(round.id, agency)));
    lines.push(
      ctx.t("rounds-line", {
        id: escapeHtml(round.id),
        name: escapeHtml(round.name),
        state: stateOf(ctx, round),
        deadline: formatMoment(round.deadline, ctx.deps.timeZone),
        submitted: standings.filter((standing) => standing.status === "submitted").length,
        targeted: agencies.length,
      }),
    );
  }
  await ctx.reply(lines.join("\n"));
});

desk.command("round", async (ctx) => {
  const [verb, ...rest] = ctx.match.trim().split(/\s+/);
  const args = rest.join(" ");
  const { rounds: service, timeZone, now } = ctx.deps;
  let outcome: Awaited<ReturnType<typeof service.close>> | undefined;
  if (verb === "create") {
    const [name, deadlineText, targetText = "all", planText] = args.split(";").map((part) => part.trim());
    const deadline = deadlineText ? parseLocalDateTime(deadlineText, timeZone) : undefined;
    const targets = parseTarget(targetText, ctx.deps.directory, ctx.deps.groups);
    // "7,3,1 08:30": the days before the deadline and the time of the reminders.
    const [days, time] = (planText ?? "").split(/\s+/);
    const plan = planSchema.safeParse({ ...(days ? { daysBefore: days.split(",").map(Number) } : {}), ...(time ? { time } : {}) });
    if (!name || deadline === undefined || "error" in targets || !plan.success) return ctx.reply(ctx.t("round-usage"));
    outcome = await service.create({ name, deadline, targets, plan: plan.data }, `member:${ctx.member.id}`, now());
    if (outcome.ok) {
      return ctx.reply(
        ctx.t("round-created", {
          id: escapeHtml(outcome.round.id),
          name: escapeHtml(outcome.round.name),
          deadline: formatMoment(outcome.round.deadline, timeZone),
        }),
      );
    }
  } else if (verb === "extend") {
    const [id, ...dateParts] = rest;
    const deadline = parseLocalDateTime(dateParts.join(" "), timeZone);
    if (!id || deadline === undefined) return ctx.reply(ctx.t("round-usage"));
    outcome = await service.extend(id, deadline);
  } else if (verb === "close" && rest[0]) {
    outcome = await service.close(rest[0], now());
  } else if (verb === "reopen" && rest[0]) {
    outcome = await service.reopen(rest[0]);
  } else {
    return ctx.reply(ctx.t("round-usage"));
  }
  if (!outcome.ok) return ctx.reply(ctx.t("round-refused", { reason: escapeHtml(outcome.reason) }));
  await ctx.reply(
    ctx.t("round-changed", {
      id: escapeHtml(outcome.round.id),
      state: stateOf(ctx, outcome.round),
      deadline: formatMoment(outcome.round.deadline, timeZone),
    }),
  );
});

/** Asks for the text once a target is chosen, saying how many it reaches. */
async function chooseTarget(ctx: DeskContext, target: string): Promise<void> {
  const resolved = await resolveBroadcast(ctx.deps, target);
  if ("error" in resolved) {
    await ctx.reply(ctx.t("round-refused", { reason: escapeHtml(resolved.error) }));
    return;
  }
  if (resolved.recipients.length === 0) {
    await ctx.reply(ctx.t("broadcast-nobody"));
    return;
  }
  await ctx.deps.composing.set(ctx.member.id, { kind: "broadcast", target });
  await ctx.reply(ctx.t("broadcast-write", { count: resolved.recipients.length, agencies: resolved.agencies }), {
    reply_markup: new InlineKeyboard().text(ctx.t("ticket-button-cancel"), "t:cancel"),
  });
}

desk.command("broadcast", async (ctx) => {
  if (ctx.match.trim()) return chooseTarget(ctx, ctx.match.trim());
  const keyboard = new InlineKeyboard()
    .text(ctx.t("broadcast-target-everyone"), "b:t:everyone")
    .row()
    .text(ctx.t("broadcast-target-provinces"), "b:t:provinces")
    .text(ctx.t("broadcast-target-ministries"), "b:t:ministries")
    .row();
  const now = ctx.deps.now();
  for (const round of (await ctx.deps.rounds.list()).filter((candidate) => isRoundOpen(candidate, now))) {
    keyboard.text(ctx.t("broadcast-target-not-submitted", { round: round.id }), `b:t:not-submitted:${round.id}`).row();
  }
  for (const consultant of ctx.deps.consultants.consultants) {
    keyboard.text(ctx.t("broadcast-target-consultant", { name: consultant.name }), `b:t:consultant:${consultant.id}`).row();
  }
  await ctx.reply(ctx.t("broadcast-choose-target"), { reply_markup: keyboard });
});

desk.callbackQuery(/^b:t:(.+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  await chooseTarget(ctx, ctx.match[1]!);
});

desk.on("message:text", async (ctx, next) => {
  const composing = await ctx.deps.composing.get(ctx.member.id);
  if (composing?.kind !== "broadcast" || ctx.message.text.startsWith("/")) return next();
  const resolved = await resolveBroadcast(ctx.deps, composing.target);
  if ("error" in resolved) return ctx.reply(ctx.t("round-refused", { reason: escapeHtml(resolved.error) }));
  await ctx.deps.composing.set(ctx.member.id, { kind: "broadcast-ready", target: composing.target, text: ctx.message.text });
  const language = await ctx.i18n.getLocale();
  const preview = broadcastText(language === "en" ? "en" : "vi", ctx.message.text);
  await ctx.reply(`${ctx.t("broadcast-confirm", { count: resolved.recipients.length, agencies: resolved.agencies })}\n\n${preview}`, {
    reply_markup: new InlineKeyboard().text(ctx.t("broadcast-button-send"), "b:send").text(ctx.t("ticket-button-cancel"), "t:cancel"),
  });
});

desk.callbackQuery("b:send", async (ctx) => {
  await ctx.answerCallbackQuery();
  const composing = await ctx.deps.composing.get(ctx.member.id);
  if (composing?.kind !== "broadcast-ready") return;
  await ctx.deps.composing.clear(ctx.member.id);
  const queued = await queueBroadcast(ctx.deps, ctx.member.id, composing.target, composing.text);
  if ("error" in queued) return ctx.reply(ctx.t("round-refused", { reason: escapeHtml(queued.error) }));
  await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } });
  await ctx.reply(ctx.t("broadcast-queued", { count: queued.count, id: queued.id }));
});
