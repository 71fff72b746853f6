import { PassThrough } from "node:stream";
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { type BotContext, isMember } from "../src/context.js";
import { OPEN_CALLBACK } from "../src/form/screens.js";
import { FormTexts } from "../src/form/texts.js";
import { translatorFor } from "../src/i18n.js";
import type { OutboxMessage } from "../src/jobs/outbox.js";
import { progressPng } from "../src/reports/progress-picture.js";
import { progressText } from "../src/reports/progress-text.js";
import { writeSummaryCsv, writeWorkbook } from "../src/reports/workbook.js";
import { escapeHtml } from "../src/views.js";

/** /progress for the desk (the secretariat all agencies, a consultant his provinces), /export and /review for the secretariat. */
export const reports = new Composer<BotContext>();
const members = reports.chatType("private").filter(isMember);
type MemberContext = BotContext & { member: NonNullable<BotContext["member"]> };

async function roundOrSay(ctx: MemberContext, id: string | undefined) {
  const round = await ctx.deps.reports.roundFor(id || undefined, ctx.deps.now());
  if (!round) await ctx.reply(ctx.t("round-refused", { reason: escapeHtml(`no round ${id}`) }));
  return round;
}

const toBuffer = async (write: (stream: PassThrough) => Promise<void>): Promise<Buffer> => {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => stream.on("end", resolve));
  await write(stream);
  await ended;
  return Buffer.concat(chunks);
};

members.command("progress", async (ctx) => {
  // "/progress [round-id] [group:<id>]": a group counts only its agencies, as the letter that names it does.
  const words = ctx.match.trim().split(/\s+/).filter(Boolean);
  const groupId = words.find((word) => word.startsWith("group:"))?.slice("group:".length);
  const group = groupId === undefined ? undefined : ctx.deps.groups.get(groupId);
  if (groupId !== undefined && !group) return ctx.reply(ctx.t("round-refused", { reason: escapeHtml(`unknown group ${groupId}`) }));
  const round = await roundOrSay(ctx, words.find((word) => !word.startsWith("group:")) ?? "");
  if (!round) return;
  const visible = await ctx.deps.reports.visibleAgencies(round, ctx.member);
  const agencies = group ? visible.filter((agency) => group.agencies.includes(agency.id)) : visible;
  if (agencies.length === 0) return ctx.reply(ctx.t("progress-desk-only"));
  const progress = await ctx.deps.reports.progress(round, agencies, ctx.deps.now());
  const texts = new FormTexts(await ctx.i18n.getLocale(), (key) => ctx.t(key));
  const components = progress.components.map((component) => texts.component(component));
  const text = progressText(ctx.t, progress, components, ctx.deps.timeZone);
  await ctx.reply(
    group ? `${text}\n\n${ctx.t("progress-group", { name: escapeHtml(group.name), source: escapeHtml(group.source) })}` : text,
  );
  await ctx.replyWithChatAction("upload_photo");
  const picture = progressPng(progress, {
    title: ctx.t("progress-picture-title", { name: round.name }),
    legend: {
      met: ctx.t("progress-legend-met"),
      partial: ctx.t("progress-legend-partial"),
      not_met: ctx.t("progress-legend-not-met"),
      unanswered: ctx.t("progress-legend-unanswered"),
    },
    components,
    submitted: ctx.t("progress-legend-submitted"),
    provinces: ctx.t("progress-provinces"),
    ministries: ctx.t("progress-ministries"),
  });
  await ctx.replyWithPhoto(new InputFile(picture, `tien-do-${round.id}.png`), { caption: ctx.t("progress-picture-caption") });
});

const secretariat = members.filter((ctx) => ctx.member.binding.role === "secretariat");

secretariat.command("export", async (ctx) => {
  const round = await roundOrSay(ctx, ctx.match.trim());
  if (!round) return;
  await ctx.replyWithChatAction("upload_document");
  const source = ctx.deps.reports.exportSource(round, ctx.deps.rounds.agenciesOf(round));
  const workbook = await toBuffer((stream) => writeWorkbook(source, stream));
  await ctx.replyWithDocument(new InputFile(workbook, `bao-cao-tong-hop-${round.id}.xlsx`), {
    caption: ctx.t("export-caption", { name: escapeHtml(round.name) }),
  });
  const csv = await toBuffer((stream) => writeSummaryCsv(source, stream));
  await ctx.replyWithDocument(new InputFile(csv, `tong-hop-${round.id}.csv`));
});

secretariat.command("review", async (ctx) => {
  const [agencyId, roundId] = ctx.match.trim().split(/\s+/);
  const agency = agencyId ? ctx.deps.directory.get(agencyId) : undefined;
  if (!agency) return ctx.reply(ctx.t("review-usage"));
  const round = await roundOrSay(ctx, roundId);
  if (!round) return;
  const standing = await ctx.deps.reporting.standingIn(round.id, agency);
  if (standing.status !== "submitted") return ctx.reply(ctx.t("review-not-submitted", { agency: escapeHtml(agency.name) }));
  const keyboard = new InlineKeyboard()
    .text(ctx.t("review-button-accept"), `r:ok:${round.id}:${agency.id}`)
    .text(ctx.t("review-button-return"), `r:back:${round.id}:${agency.id}`);
  await ctx.reply(ctx.t("review-prompt", { agency: escapeHtml(agency.name), name: escapeHtml(round.name) }), { reply_markup: keyboard });
});

/** Tells the officers of an agency what the secretariat decided on their report. */
async function decide(ctx: MemberContext, roundId: string, agencyId: string, decision: "accepted" | "returned", comment: string) {
  const round = await ctx.deps.reports.roundFor(roundId, ctx.deps.now());
  const agency = ctx.deps.directory.get(agencyId);
  if (!round || !agency) return;
  const now = ctx.deps.now();
  const result = await ctx.deps.reports.review(round, agencyId, decision, comment, ctx.member.id, now);
  if (!result.ok) return ctx.reply(ctx.t("review-not-submitted", { agency: escapeHtml(agency.name) }));
  const notices: OutboxMessage[] = [];
  for (const officer of result.officers) {
    const t = translatorFor((await ctx.deps.members.get(officer))?.language);
    const text = t(decision === "accepted" ? "review-accepted-officer" : "review-returned-officer", {
      name: escapeHtml(round.name),
      comment: escapeHtml(comment),
    });
    const buttons = decision === "returned" ? [[{ label: t("form-button-continue"), data: OPEN_CALLBACK }]] : undefined;
    notices.push({
      id: `review-${round.id}-${agencyId}-${now}-${officer}`,
      memberId: officer,
      message: { text, ...(buttons ? { buttons } : {}) },
    });
  }
  await ctx.deps.outbox?.enqueue(notices);
  await ctx.reply(
    ctx.t(decision === "accepted" ? "review-accepted-done" : "review-returned-done", {
      agency: escapeHtml(agency.name),
      officers: result.officers.length,
    }),
  );
}

secretariat.callbackQuery(/^r:ok:([^:]+):(.+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  await decide(ctx, ctx.match[1]!, ctx.match[2]!, "accepted", "");
});

secretariat.callbackQuery(/^r:back:([^:]+):(.+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.deps.composing.set(ctx.member.id, { kind: "review-comment", roundId: ctx.match[1]!, agencyId: ctx.match[2]! });
  await ctx.reply(ctx.t("review-comment-prompt"), { reply_markup: new InlineKeyboard().text(ctx.t("ticket-button-cancel"), "t:cancel") });
});

secretariat.on("message:text", async (ctx, next) => {
  const composing = await ctx.deps.composing.get(ctx.member.id);
  if (composing?.kind !== "review-comment" || ctx.message.text.startsWith("/")) return next();
  await ctx.deps.composing.clear(ctx.member.id);
  await decide(ctx, composing.roundId, composing.agencyId, "returned", ctx.message.text);
});
