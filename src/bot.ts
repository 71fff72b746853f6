import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, type Transformer } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { desk } from "../handlers/desk.js";
import { form } from "../handlers/form.js";
import { help } from "../handlers/help.js";
import { language } from "../handlers/language.js";
import { link } from "../handlers/link.js";
import { onboarding } from "../handlers/onboarding.js";
import { tickets } from "../handlers/tickets.js";
import { unhandled } from "../handlers/unhandled.js";
import { web } from "../handlers/web.js";
import { telegramAddress } from "./channels/address.js";
import type { BotContext } from "./context.js";
import type { Deps } from "./deps.js";
import { getI18n } from "./i18n.js";
import type { Settlement } from "./storage/applied-updates.js";
import { TelegramChannel } from "./telegram/channel.js";
import { isOfficer, presentCurrent } from "./telegram/form-chat.js";

export interface BotOptions {
  token: string;
  apiRoot: string;
  /** Skips getMe at start-up; tests that drive the bot in-process pass a fixed one. */
  botInfo?: UserFromGetMe;
  /** Replaces the HTTP client's fetch: the benchmark answers the Bot API in-process. */
  fetch?: typeof fetch;
}

/** Every text goes out as HTML unless a call says otherwise; user text is escaped where it is put in. */
const htmlByDefault: Transformer = (prev, method, payload, signal) => {
  const sendsText =
    method === "sendMessage" ||
    method === "editMessageText" ||
    method === "sendPhoto" ||
    method === "sendDocument" ||
    method === "editMessageCaption";
  if (sendsText && payload && !("parse_mode" in payload)) {
    return prev(method, { ...payload, parse_mode: "HTML" } as typeof payload, signal);
  }
  return prev(method, payload, signal);
};

/**
 * Answering a callback query only stops the button's spinner: one already answered (an update tried
 * again) or too old is refused with a 400 that must not fail the update it belongs to.
 */
const callbackAnswersNeverFail: Transformer = async (prev, method, payload, signal) => {
  const response = await prev(method, payload, signal);
  if (method === "answerCallbackQuery" && !response.ok && response.error_code === 400)
    return { ok: true, result: true } as Awaited<ReturnType<typeof prev>>;
  return response;
};

/**
 * Where each update being applied leaves what its handling has to note, for `applyUpdate`'s
 * caller; by the update object, which grammY hands to the context as it is.
 */
interface Applying {
  writtenSince: () => Promise<boolean>;
  settlement?: Settlement;
}
const applying = new WeakMap<Update, Applying>();

/**
 * Applies one update with the bot's middleware; `writtenSince` tells whether the person has
 * written again since (the intake knows). Returns the commands its marks take, which the intake
 * writes with its acknowledgement of the entry (src/telegram/intake.ts).
 */
export async function applyUpdate(
  bot: Bot<BotContext>,
  update: Update,
  writtenSince: () => Promise<boolean>,
): Promise<Settlement | undefined> {
  const outcome: Applying = { writtenSince };
  applying.set(update, outcome);
  await bot.handleUpdate(update);
  return outcome.settlement;
}

/**
 * The composition root: dependencies, the error boundary, API transformers, i18n, then one
 * composer per feature, and the catch-all last. Updates reach it from the intake
 * (src/intake/stream.ts), which already hands one chat's updates over one after another.
 */
export function createBot(options: BotOptions, deps: Deps): Bot<BotContext> {
  const bot = new Bot<BotContext>(options.token, {
    client: { apiRoot: options.apiRoot, ...(options.fetch ? { fetch: options.fetch } : {}) },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });

  const replies = new TelegramChannel(bot.api, deps.attachments, options.apiRoot);
  bot.use(async (ctx, next) => {
    ctx.deps = deps;
    ctx.fetchFile = (fileId) => replies.fetchFile(fileId);
    ctx.show = async (messages) => {
      for (const message of messages) {
        const outcome = await replies.send(String(ctx.chatId), message);
        if (outcome.kind !== "sent") throw new Error(`reply not sent: ${outcome.kind}`);
      }
    };
    // With an adjustable clock (demo, tests) every update sees the time the others see.
    await deps.clock.sync();
    return next();
  });

  bot.catch(async ({ ctx, error }) => {
    const failure = error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
    deps.logger.error({ updateId: ctx.update.update_id, error: failure }, "update failed");
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery();
      if (ctx.chat) await ctx.reply(ctx.t("error-generic"));
    } catch {
      // The user may have blocked the bot; the failure is already logged.
    }
  });

  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 300 }));
  bot.api.config.use(htmlByDefault);
  bot.api.config.use(callbackAnswersNeverFail);

  // In a private chat Telegram gives the chat the sender's id; one that differs is no message of theirs.
  // (grammY's bot.drop(predicate) without middleware lets everything through, hence a middleware that stops.)
  bot.use((ctx, next) => {
    if (ctx.chat?.type !== "private" || ctx.from === undefined || ctx.chat.id === ctx.from.id) return next();
    deps.logger.warn({ updateId: ctx.update.update_id }, "private update whose chat is not its sender dropped");
  });

  bot.use(async (ctx, next) => {
    const outcome = applying.get(ctx.update);
    if (!outcome) throw new Error("updates are applied with applyUpdate, whose caller writes their marks");
    const chatId = ctx.chatId ?? ctx.from?.id;
    const updateId = ctx.update.update_id;
    const address = ctx.from ? telegramAddress(ctx.from.id) : undefined;
    const snapshot = await deps.updateReader.read({ chat: chatId, updateId, address, now: deps.now() });
    if (snapshot.state === "handled") {
      deps.logger.info({ updateId }, "redelivered update skipped");
      return;
    }
    const { member } = snapshot;
    ctx.answerSavedBefore = snapshot.state === "saved";
    ctx.writtenSince = outcome.writtenSince;
    ctx.done = { answerSaved: ctx.answerSavedBefore, shown: undefined };
    ctx.member = member;
    ctx.composing = snapshot.composing;
    ctx.preloaded = snapshot.form;
    // Someone who writes again has unblocked the bot, and is answered where they write now.
    if (member?.blocked) await deps.members.clearBlocked(member.id);
    if (member && address) await deps.members.notePreferred(member, address);
    await deps.appliedUpdates.handling(ctx.done, next);
    if (chatId !== undefined) outcome.settlement = deps.appliedUpdates.settlement(chatId, updateId, ctx.done);
  });
  bot.use(getI18n());

  // An answer saved by an earlier try (a failure or a kill before it was marked handled) is not
  // applied again; if the screen it led to never reached the officer, that screen is shown now,
  // unless they have written since: their next message is answered with where the form is, and a
  // screen shown again now could be answered twice, the second answer landing on the next question.
  bot.use(async (ctx, next) => {
    if (!ctx.answerSavedBefore) return next();
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    if (!isOfficer(ctx)) return;
    const current = await deps.reporting.current(ctx.member, deps.now(), ctx.preloaded);
    if (current?.shown || (await ctx.writtenSince())) return;
    deps.logger.info({ updateId: ctx.update.update_id }, "update repeated after its answer was saved; screen it led to shown now");
    await presentCurrent(ctx, current);
  });

  // Reporting is one person's business: groups and channels get nothing.
  bot.use((ctx, next) => (ctx.chat !== undefined && ctx.chat.type !== "private" ? undefined : next()));

  bot.use(link);
  bot.use(onboarding);
  bot.use(language);
  bot.use(help);
  bot.use(web);
  bot.use(tickets);
  bot.use(desk);
  bot.use(form);
  bot.use(unhandled);
  return bot;
}
