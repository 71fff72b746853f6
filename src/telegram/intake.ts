import { createRunner, createSource, createUpdateFetcher, type RunnerHandle } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { WebhookRoute } from "../http-server.js";
import { keepUntilStored, type Receiver, webhookInto } from "../intake/receive.js";
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

/** Telegram's updates as the intake receives them: any update with a number, kept under its chat. */
export function telegramReceiver(intake: IntakeStream<Update>, logger: Logger): Receiver<Update> {
  return {
    messenger: "Telegram",
    parse: (body) => (typeof (body as Update | null)?.update_id === "number" ? (body as Update) : "invalid"),
    keep: async (update) => void (await intake.store(chatOf(update), update)),
    logger,
  };
}

export const telegramWebhook = (secret: string, receiver: Receiver<Update>): WebhookRoute => webhookInto(SECRET_HEADER, secret, receiver);

/** Long polling whose offset moves only past updates kept in Redis. */
// biome-ignore lint/suspicious/noExplicitAny: any bot context will do
export function pollTelegram(bot: Bot<any>, receiver: Receiver<Update>): RunnerHandle {
  let stopping = false;
  // Not confirmed to Telegram until kept: stopping now, the update comes again on the next start.
  const keep = (update: Update) => keepUntilStored(receiver, update, () => stopping);
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
