import { Composer, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { type BotContext, chatIdOf, isMember } from "../src/context.js";
import { deliverTickets, holderName } from "../src/services/ticket-messages.js";
import type { TicketOutcome } from "../src/services/tickets.js";
import type { Composing } from "../src/storage/composing.js";
import type { Attachment } from "../src/storage/tickets.js";
import { isOfficer, presentCurrent } from "../src/telegram/form-chat.js";
import { escapeHtml } from "../src/views.js";

/**
 * Questions to consultants. Officers ask ("Hỏi tư vấn", /ask), also from a form question, and
 * are taken back to it; consultants and the secretariat answer by replying to the question or
 * with its button, close it or hand it over. Reassigning, /queue and /assign are the desk's.
 */
export const tickets = new Composer<BotContext>();
const chat = tickets.chatType("private").filter(isMember);

type MemberContext = BotContext & { member: NonNullable<BotContext["member"]> };

const cancelKeyboard = (ctx: BotContext) => new InlineKeyboard().text(ctx.t("ticket-button-cancel"), "t:cancel");

/** The text of a message and what it carries: a photo or a document is passed on by its file id. */
function contentOf(message: Message): { text: string; attachment?: Attachment } | undefined {
  const text = message.text ?? message.caption ?? "";
  const largest = message.photo?.at(-1);
  if (largest) return { text, attachment: { kind: "photo", fileId: largest.file_id } };
  if (message.document) {
    const { file_id: fileId, file_name: fileName } = message.document;
    return { text, attachment: { kind: "document", fileId, ...(fileName ? { fileName } : {}) } };
  }
  return message.text !== undefined ? { text } : undefined;
}

async function startComposing(ctx: MemberContext, composing: Composing, prompt: string): Promise<void> {
  await ctx.deps.composing.set(ctx.member.id, composing);
  await ctx.reply(prompt, { reply_markup: cancelKeyboard(ctx) });
}

/** Tells the person what went wrong with a ticket action, or sends what the action produced. */
async function settle(ctx: MemberContext, outcome: TicketOutcome, done?: string): Promise<boolean> {
  if (!outcome.ok) {
    await ctx.reply(ctx.t(`ticket-refused-${outcome.reason}`));
    return false;
  }
  await deliverTickets(ctx.deps, outcome.deliveries);
  if (done) await ctx.reply(done);
  return true;
}

async function askQuestion(
  ctx: MemberContext,
  content: { text: string; attachment?: Attachment },
  formItem?: { path: string; label: string },
) {
  if (!isOfficer(ctx)) return;
  const from = ctx.from;
  const name = ctx.member.profile.fullName ?? [from?.first_name, from?.last_name].filter(Boolean).join(" ");
  const { ticket, deliveries } = await ctx.deps.tickets.ask(
    ctx.member,
    name,
    { ...content, ...(formItem ? { formItem } : {}) },
    ctx.deps.now(),
  );
  await deliverTickets(ctx.deps, deliveries);
  await ctx.reply(ctx.t("ticket-sent", { id: ticket.id, holder: holderName(ctx.t, ctx.deps, ticket) }));
  await presentCurrent(ctx);
}

/**
 * The ticket a reply is about. The outbox links a ticket's messages once they are all sent, so a
 * reply to one sent a moment ago may come before its link: it is looked up once more, shortly after.
 */
async function ticketOfReply(ctx: MemberContext, replyTo: Message): Promise<number | undefined> {
  const lookUp = () => ctx.deps.ticketStore.ticketOfMessage(chatIdOf(ctx), replyTo.message_id);
  const linked = await lookUp();
  if (linked !== undefined || replyTo.date * 1000 < Date.now() - 10_000) return linked;
  await new Promise((resolve) => setTimeout(resolve, 500));
  return lookUp();
}

/** What a message means for a ticket: a reply to a ticket's message, or the text being composed. */
async function onMessage(ctx: MemberContext, next: () => Promise<void>): Promise<void> {
  const message = ctx.message;
  if (!message || message.text?.startsWith("/")) return next();
  const replyTo = message.reply_to_message;
  const linked = replyTo ? await ticketOfReply(ctx, replyTo) : undefined;
  // A Telegram reply to a ticket's message means what the matching button would: more from the officer, an answer from the desk.
  const intent: Composing | undefined =
    linked !== undefined ? { kind: ctx.member.binding.role === "officer" ? "follow-up" : "answer", ticketId: linked } : ctx.composing;
  if (!intent || !["question", "follow-up", "answer", "hand-over"].includes(intent.kind)) return next();
  const content = contentOf(message);
  if (!content) {
    await ctx.reply(ctx.t("ticket-text-expected"));
    return;
  }
  if (linked === undefined) await ctx.deps.composing.clear(ctx.member.id);
  const { tickets, now } = ctx.deps;
  switch (intent.kind) {
    case "question":
      return askQuestion(ctx, content, intent.formItem);
    case "follow-up":
      await settle(
        ctx,
        await tickets.followUp(ctx.member, intent.ticketId, content.text, content.attachment, now()),
        ctx.t("ticket-follow-up-sent", { id: intent.ticketId }),
      );
      return;
    case "answer":
      await settle(
        ctx,
        await tickets.answer(ctx.member, intent.ticketId, content.text, content.attachment, now()),
        ctx.t("ticket-answer-sent", { id: intent.ticketId }),
      );
      return;
    case "hand-over":
      await settle(
        ctx,
        await tickets.handOver(ctx.member, intent.ticketId, content.text, now()),
        ctx.t("ticket-handed-over-done", { id: intent.ticketId }),
      );
      return;
  }
}

// Pressing any other button means the person moved on: a half-written question must not swallow their next answer.
chat.on("callback_query:data", async (ctx, next) => {
  if (ctx.composing && !/^[tbr]:/.test(ctx.callbackQuery.data)) await ctx.deps.composing.clear(ctx.member.id);
  return next();
});

chat.on("message", onMessage);

chat.command("ask", async (ctx) => {
  if (!isOfficer(ctx)) return ctx.reply(ctx.t("ticket-officers-only"));
  await startComposing(ctx, { kind: "question" }, ctx.t("ticket-ask-prompt"));
});

chat.callbackQuery(/^t:ask(?::(.+))?$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!isOfficer(ctx)) return;
  const path = ctx.match[1];
  const label = path ? await ctx.deps.reporting.describeItem(ctx.member, path) : undefined;
  const formItem = path && label ? { path, label } : undefined;
  const prompt = [ctx.t("ticket-ask-prompt"), ...(formItem ? [ctx.t("ticket-ask-about", { item: escapeHtml(formItem.label) })] : [])].join(
    "\n",
  );
  await startComposing(ctx, { kind: "question", ...(formItem ? { formItem } : {}) }, prompt);
});

chat.callbackQuery(/^t:more:(\d+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  await startComposing(
    ctx,
    { kind: "follow-up", ticketId: Number(ctx.match[1]) },
    ctx.t("ticket-follow-up-prompt", { id: Number(ctx.match[1]) }),
  );
});

chat.callbackQuery(/^t:ans:(\d+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  await startComposing(
    ctx,
    { kind: "answer", ticketId: Number(ctx.match[1]) },
    ctx.t("ticket-answer-prompt", { id: Number(ctx.match[1]) }),
  );
});

chat.callbackQuery(/^t:hand:(\d+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  await startComposing(
    ctx,
    { kind: "hand-over", ticketId: Number(ctx.match[1]) },
    ctx.t("ticket-hand-over-prompt", { id: Number(ctx.match[1]) }),
  );
});

chat.callbackQuery(/^t:close:(\d+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const id = Number(ctx.match[1]);
  await settle(ctx, await ctx.deps.tickets.close(ctx.member, id, ctx.deps.now()), ctx.t("ticket-closed-done", { id }));
});

chat.callbackQuery("t:cancel", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.deps.composing.clear(ctx.member.id);
  await ctx.editMessageText(ctx.t("ticket-cancelled"));
  if (isOfficer(ctx)) await presentCurrent(ctx);
});
