import type { Update } from "grammy/types";
import { telegramAddress } from "../src/channels/address.js";
import { inProcessBotInfo } from "../src/dev/in-process-bot.js";
import { localDeps } from "../src/dev/local-deps.js";
import type { Question } from "../src/form/schema.js";
import { IntakeStream } from "../src/intake/stream.js";
import { createLogger } from "../src/logger.js";
import type { Redis } from "../src/redis.js";
import { createBot } from "../src/telegram/bot.js";
import { answerFor } from "../test/support/chat-form.js";

/** What the benchmarks feed the bot in process: an officer's updates, and a plausible answer per screen. */

/** Applies one update as the intake applies an entry: the bot's middleware, then the entry's acknowledgement with the update's marks. */
export type ApplyUpdate = (update: Update) => Promise<void>;

/** This bot in process on the benchmark's Redis keys, Telegram answered by `fetch`, an officer of Bộ Tư pháp joined from `chat`. */
export async function botWithOfficer(redis: Redis, prefix: string, fetch: typeof globalThis.fetch, chat: number): Promise<ApplyUpdate> {
  const deps = localDeps(redis, prefix);
  const telegram = createBot({ token: "1:bench", apiRoot: "http://127.0.0.1:9", botInfo: inProcessBotInfo, fetch }, deps);
  await telegram.bot.init();
  const invite = await deps.invites.issue({ role: "officer", agencyId: "bo-tu-phap" }, Date.now());
  await deps.invites.redeem(invite.code, telegramAddress(chat), undefined, Date.now());
  const intake = new IntakeStream<Update>(redis, deps.keys.intake("telegram"), deps.keys.intakeParked("telegram"), createLogger("silent"));
  // The entry itself is not kept: acknowledging an id the stream does not hold costs the same.
  return async (update) =>
    intake.acknowledge({ id: `1-${update.update_id}`, chat: String(chat) }, await telegram.apply(update, async () => false));
}

/** Text and button presses from one officer's private chat, numbered as Telegram numbers updates. */
export function officerUpdates(chatId: number): { typed(text: string): Update; pressed(data: string, messageId: number): Update } {
  let nextUpdateId = 1;
  const from = { id: chatId, is_bot: false, first_name: "Bench", language_code: "vi" };
  const chat = { id: chatId, type: "private", first_name: "Bench" };
  return {
    typed: (text) =>
      ({
        update_id: nextUpdateId++,
        message: {
          message_id: nextUpdateId,
          date: 0,
          chat,
          from,
          text,
          ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length ?? 0 }] } : {}),
        },
      }) as Update,
    pressed: (data, messageId) =>
      ({
        update_id: nextUpdateId++,
        callback_query: {
          id: String(nextUpdateId),
          from,
          chat_instance: "1",
          data,
          message: { message_id: messageId, date: 0, chat, text: "" },
        },
      }) as Update,
  };
}

/** The question a screen asks, by its "ask the consultant about this" button; undefined for a list, the review, a notice. */
export const questionPathOf = (buttons: readonly { callback_data: string }[]): string | undefined =>
  buttons.map((button) => /^t:ask:(.+)$/.exec(button.callback_data)?.[1]).find((path) => path !== undefined);

/** A valid answer to a question screen, typed: an option's number where it offers options, else by the hint it shows. */
export const answerOf = (text: string, buttons: readonly { callback_data: string }[]): string => {
  if (buttons.some((button) => /:opt:\d+$/.test(button.callback_data))) return "2";
  const answer = answerFor(text, "", {});
  return "option" in answer ? "2" : answer.text;
};

/** The same, by the question's type: for the conventional bot, whose screens carry no hints. */
export const answerForType = (type: Question["type"]): string =>
  type === "choice"
    ? "2"
    : type === "integer"
      ? "12"
      : type === "month"
        ? "06/2027"
        : type === "phone"
          ? "0912345678"
          : type === "email"
            ? "a@b.gov.vn"
            : "Trả lời";
