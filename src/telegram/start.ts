import { type RunnerHandle, run } from "@grammyjs/runner";
import { Api } from "grammy";
import { createBot } from "../bot.js";
import type { RunningChannel } from "../channels/port.js";
import type { Config } from "../config.js";
import type { Deps } from "../deps.js";
import type { WebhookHandler } from "../http-server.js";
import { TelegramChannel } from "./channel.js";
import { publishCommandMenus } from "./commands.js";
import { telegramWebhook } from "./webhook.js";

/** Telegram: the grammY bot, its command menus, and either the runner or the webhook. */
export async function startTelegram(config: Config, botToken: string, deps: Deps): Promise<RunningChannel & { botId: number }> {
  const bot = createBot({ token: botToken, apiRoot: config.apiRoot }, deps);
  await bot.init();
  await deps.redis.set(deps.keys.botUsername, bot.botInfo.username);
  await publishCommandMenus(bot.api);
  let runner: RunnerHandle | undefined;
  const webhooks: Record<string, WebhookHandler> =
    config.mode === "webhook" ? { [new URL(config.webhookUrl).pathname]: telegramWebhook(bot, config.webhookSecret) } : {};
  return {
    // The outbox sends on its own Api, without auto-retry: a 429 there pauses every process instead.
    channel: new TelegramChannel(new Api(botToken, { apiRoot: config.apiRoot }), deps.attachments, config.apiRoot),
    webhooks,
    botId: bot.botInfo.id,
    async receive() {
      if (config.mode === "webhook") {
        await bot.api.setWebhook(config.webhookUrl, { secret_token: config.webhookSecret });
        return;
      }
      await bot.api.deleteWebhook();
      runner = run(bot, { runner: { fetch: { timeout: 30 }, silent: true } });
    },
    async stop() {
      if (runner?.isRunning()) await runner.stop();
    },
  };
}
