import { createRunner, createSource, createUpdateFetcher, type RunnerHandle } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { sameSecret, type WebhookHandler } from "../http-server.js";
import type { IntakeStream } from "../intake/stream.js";
import type { Logger } from "../logger.js";
import type { TelegramBot } from "./bot.js";

/**
 * Telegram's updates into the intake stream, then applied from it. Polling uses the runner's
 * fetcher with a sink that keeps each batch in Redis before the next getUpdates confirms it;
 * the webhook answers 200 only once the update is kept, and 503 when Redis cannot take it, so
 * Telegram delivers again.
 */

const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

/** One chat's updates are applied in order: the chat, or the person for updates without one. */
export function chatOf(update: Update): string {
  const [, payload] = (Object.entries(update).find(([key]) => key !== "update_id") ?? []) as [
    string,
    { chat?: { id: number }; message?: { chat: { id: number } }; from?: { id: number } } | undefined,
  ];
  const id = payload?.chat?.id ?? payload?.message?.chat.id ?? payload?.from?.id;
  return id === undefined ? "none" : String(id);
}

export function telegramWebhook(secret: string, intake: IntakeStream<Update>, logger: Logger): WebhookHandler {
  return async (request) => {
    if (!sameSecret(request.header(SECRET_HEADER), secret)) return { status: 401, json: '"unauthorized"' };
    let update: Update;
    try {
      update = JSON.parse(request.body.toString("utf8")) as Update;
    } catch {
      return { status: 400, json: '"not JSON"' };
    }
    if (typeof update?.update_id !== "number") return { status: 400, json: '"no update_id"' };
    try {
      await intake.store(chatOf(update), update);
    } catch (error) {
      logger.warn({ error: (error as Error).message }, "Telegram update not kept; Telegram will deliver it again");
      return { status: 503, json: '"unavailable"' };
    }
    return { status: 200 };
  };
}

/** Long polling whose offset moves only past updates kept in Redis. */
// biome-ignore lint/suspicious/noExplicitAny: any bot context will do
export function pollTelegram(bot: Bot<any>, intake: IntakeStream<Update>, logger: Logger): RunnerHandle {
  let stopping = false;
  const keep = async (update: Update): Promise<void> => {
    for (;;) {
      try {
        await intake.store(chatOf(update), update);
        return;
      } catch (error) {
        // Not confirmed to Telegram: stopping now, the update comes again on the next start.
        if (stopping) throw error;
        logger.warn({ error: (error as Error).message }, "Telegram update not kept yet; trying again");
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  };
  const source = createSource({ supply: createUpdateFetcher(bot, { fetch: { timeout: 30 }, silent: true }) });
  const runner = createRunner(source, {
    handle: async (updates) => {
      for (const update of updates) await keep(update);
      return 100;
    },
    size: () => 0,
    snapshot: () => [],
  });
  runner.start();
  return {
    ...runner,
    stop: () => {
      stopping = true;
      return runner.stop();
    },
  };
}

/** Applies kept updates through the adapter; one given up on is apologised for in its chat, once. */
export function applyTelegram(telegram: TelegramBot, intake: IntakeStream<Update>, logger: Logger): Promise<void> {
  return intake.start(
    (entry) => telegram.apply(entry.update, () => intake.writtenSince(entry)),
    async (entry, error) => {
      logger.error({ entry: entry.id, error: error instanceof Error ? error.message : String(error) }, "Telegram update given up on");
      await telegram.apologize(entry.update);
    },
  );
}
