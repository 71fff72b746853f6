import { type Conversation, type ConversationFlavor, conversations, createConversation } from "@grammyjs/conversations";
import { RedisAdapter } from "@grammyjs/storage-redis";
import { Bot, type Context, InlineKeyboard } from "grammy";
import { inProcessBotInfo as botInfo } from "../src/dev/in-process-bot.js";
import { type Form, loadForm, type Question } from "../src/form/schema.js";
import { validateAnswer } from "../src/form/validators.js";
import type { Redis } from "../src/redis.js";

/**
 * The form's first questions written the conventional grammY way, for the benchmarks to compare
 * with: @grammyjs/conversations v2 with @grammyjs/storage-redis, one conversation that asks each
 * question in turn and waits for its answer (typed, or an option pressed), replaying the
 * conversation so far on every update. Options are buttons; a press is answered, then the next
 * question sent, as the plugin's examples do.
 */
/** What each of its questions starts with, so a driver tells a question from a refusal. */
export const CONVENTIONAL_HEADING = "Câu hỏi";

export function conventionalBot(options: { redis: Redis; prefix: string; fetch: typeof fetch; questions: number }): {
  bot: Bot<ConversationFlavor<Context>>;
  questions: Question[];
  form: Form;
} {
  const form = loadForm();
  const all: Question[] = form.parts.flatMap((part) => part.nodes.flatMap((node) => node.questions));
  while (all.length < options.questions) all.push(...all.slice(0, options.questions - all.length));
  const questions = all.slice(0, options.questions);
  type Ctx = ConversationFlavor<Context>;
  const bot = new Bot<Ctx>("1:bench", { botInfo, client: { apiRoot: "http://127.0.0.1:9", fetch: options.fetch } });
  // biome-ignore lint/suspicious/noExplicitAny: storage-redis is typed against its own ioredis 5 copy
  const adapter = new RedisAdapter<any>({ instance: options.redis as any });
  bot.use(conversations({ storage: { type: "key", version: 1, prefix: options.prefix, adapter } }));
  const today = { year: 2026, month: 11 };
  async function reportingForm(conversation: Conversation<Ctx, Context>, ctx: Context) {
    for (const [index, question] of questions.entries()) {
      const choices = question.type === "choice" ? (form.optionSets[question.options] ?? []) : [];
      const keyboard = InlineKeyboard.from(choices.map((option, n) => [InlineKeyboard.text(option.text, `o:${n + 1}`)]));
      await ctx.reply(
        `${CONVENTIONAL_HEADING} ${index + 1}/${questions.length}\n${question.text}`,
        choices.length ? { reply_markup: keyboard } : {},
      );
      for (;;) {
        ctx = await conversation.waitFor(["message:text", "callback_query:data"]);
        const pressed = ctx.callbackQuery?.data?.slice(2);
        if (pressed !== undefined) await ctx.answerCallbackQuery();
        const answer = pressed ?? ctx.message?.text ?? "";
        const result = validateAnswer(question, answer, { today, options: choices, reads: { answer: () => undefined } });
        if (result.ok) break;
        await ctx.reply(result.reason);
      }
    }
    await ctx.reply("Xong");
  }
  bot.use(createConversation(reportingForm, "form"));
  bot.command("start", (ctx) => ctx.conversation.enter("form"));
  return { bot, questions, form };
}
