import type { RunnerHandle } from "@grammyjs/runner";
import { Api } from "grammy";
import type { Update } from "grammy/types";
import { MENU_COMMANDS } from "../../handlers/conversation.js";
import type { RunningChannel } from "../channels/port.js";
import type { Config } from "../config.js";
import type { Deps } from "../deps.js";
import type { WebhookRoute } from "../http-server.js";
import { DEFAULT_LANGUAGE, getI18n } from "../i18n.js";
import { IntakeStream } from "../intake/stream.js";
import { LANGUAGES } from "../storage/members.js";
import { createBot } from "./bot.js";
import { TelegramChannel } from "./channel.js";
import { applyTelegram, pollTelegram, telegramReceiver, telegramWebhook } from "./intake.js";

/** Telegram: the grammY bot, its command menus, the intake, and either polling or the webhook. */
export async function startTelegram(config: Config, botToken: string, deps: Deps): Promise<RunningChannel & { botId: number }> {
  const telegram = createBot({ token: botToken, apiRoot: config.apiRoot }, deps);
  const { bot } = telegram;
  await bot.init();
  await deps.redis.set(deps.keys.botUsername, bot.botInfo.username);
  // The menu once per language, and Vietnamese for clients in any other.
  const menuIn = (language: string) =>
    MENU_COMMANDS.map((command) => ({ command, description: getI18n().t(language, `command-${command}`) }));
  await bot.api.setMyCommands(menuIn(DEFAULT_LANGUAGE));
  for (const language of LANGUAGES) await bot.api.setMyCommands(menuIn(language), { language_code: language });
  const intake = new IntakeStream<Update>(deps.redis, deps.keys.intake("telegram"), deps.keys.intakeParked("telegram"), deps.logger, {
    consumer: config.instanceId,
  });
  const receiver = telegramReceiver(intake, deps.logger);
  let runner: RunnerHandle | undefined;
  const webhooks: Record<string, WebhookRoute> =
    config.mode === "webhook" ? { [new URL(config.webhookUrl).pathname]: telegramWebhook(config.webhookSecret, receiver) } : {};
  return {
    // The outbox sends on its own Api, without auto-retry: a 429 there pauses every process instead.
    channel: new TelegramChannel(new Api(botToken, { apiRoot: config.apiRoot }), deps.attachments, config.apiRoot),
    webhooks,
    botId: bot.botInfo.id,
    async receive() {
      await applyTelegram(telegram, intake, deps.logger);
      if (config.mode === "webhook") {
        await bot.api.setWebhook(config.webhookUrl, { secret_token: config.webhookSecret });
        return;
      }
      await bot.api.deleteWebhook();
      runner = pollTelegram(bot, receiver);
    },
    async stop() {
      await Promise.all([runner?.isRunning() ? runner.stop() : undefined, intake.stop()]);
    },
  };
}
