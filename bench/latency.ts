/**
 * How long an officer waits, in round trips to Telegram, from an answer to the next question on the
 * screen. Every Bot API call is held HOLD_MS (default 100 ms, a real round trip), the bot runs in
 * process on real Redis, and the officer answers the whole first two parts: typed answers (text,
 * numbers, dates) and pressed ones (the options of the compliance and investment questions).
 *
 * Beside it, the conventional bot of bench/conventional-bot.ts (@grammyjs/conversations) answering
 * the same number of questions: a typed answer gets the next question in one call; a pressed
 * option is answered, then the next question sent.
 *
 * Run: npm run bench:latency   (HOLD_MS=50 to change the hold)
 *
 * "Visible" is when the call that shows the next screen (a new message, or the pressed message
 * redrawn, with its buttons) has come back; its time from the update, divided by the hold, is the
 * number of round trips the officer waited. The bot's own work (Redis, the engine) adds a little.
 */

import { performance } from "node:perf_hooks";
import { ensureRedis } from "../src/dev/local-redis.js";
import { connectRedis } from "../src/redis.js";
import { CONVENTIONAL_HEADING, conventionalBot } from "./conventional-bot.js";
import { answerForType, answerOf, botWithOfficer, officerUpdates, questionPathOf } from "./officer-updates.js";

const HOLD_MS = Number(process.env.HOLD_MS ?? 100);
const CHAT = 777_002;

interface Screen {
  text: string;
  buttons: { text: string; callback_data: string }[];
  messageId: number;
}

/** Telegram a round trip away: each call answered after HOLD_MS; remembers when each screen came back. */
class DistantTelegram {
  private messageId = 1;
  screen: Screen | undefined;
  /** When the last call that showed a screen came back. */
  shownAt = 0;
  fetch = (async (url: string | URL, init?: { body?: unknown }) => {
    const method = String(url).split("/").pop() ?? "";
    const payload = (init?.body ? JSON.parse(String(init.body)) : {}) as Record<string, unknown>;
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
    const id = method === "sendMessage" ? this.messageId++ : Number(payload.message_id);
    const keyboard = (payload.reply_markup as { inline_keyboard?: Screen["buttons"][] } | undefined)?.inline_keyboard ?? [];
    // The conventional bot's typed questions come without buttons: known by their heading.
    const question = keyboard.length > 0 || String(payload.text ?? "").startsWith(CONVENTIONAL_HEADING);
    if ((method === "sendMessage" || method === "editMessageText") && question) {
      this.screen = { text: String(payload.text), buttons: keyboard.flat(), messageId: id };
      this.shownAt = performance.now();
    }
    const result =
      method === "sendMessage" || method === "editMessageText"
        ? { message_id: id, date: 0, chat: { id: CHAT, type: "private", first_name: "x" }, text: String(payload.text ?? "") }
        : true;
    return new Response(JSON.stringify({ ok: true, result }), { headers: { "content-type": "application/json" } });
  }) as unknown as typeof fetch;
}

const { typed, pressed } = officerUpdates(CHAT);

const local = await ensureRedis();
const redis = connectRedis(local.url);
const prefix = `bench-latency-${Date.now()}:`;
const telegram = new DistantTelegram();
const apply = await botWithOfficer(redis, prefix, telegram.fetch, CHAT);
await apply(typed("/start"));
await apply(pressed("f:open", 1));

const waits = { typed: [] as number[], pressed: [] as number[] };
for (let step = 0; step < 200; step++) {
  const screen = telegram.screen;
  if (!screen || !questionPathOf(screen.buttons)) {
    // A list: close it (not timed), and go on with the next question.
    const close = screen?.buttons.find(
      (button) => button.text.includes("Đã đủ") || button.text === "Không có" || button.text === "Chưa kết nối",
    );
    if (!screen || !close) break;
    await apply(pressed(close.callback_data, screen.messageId));
    continue;
  }
  // The second option ("partly met" where it is compliance) opens the follow-up questions.
  const option = screen.buttons.filter((button) => button.callback_data.includes(":opt:"))[1];
  const started = performance.now();
  await apply(option ? pressed(option.callback_data, screen.messageId) : typed(answerOf(screen.text, screen.buttons)));
  (option ? waits.pressed : waits.typed).push((telegram.shownAt - started) / HOLD_MS);
}

// The conventional bot, the same number of answers, typed where ours were typed, pressed where pressed.
const conventional = new DistantTelegram();
const { bot: other, questions } = conventionalBot({ redis, prefix: `${prefix}conventional:`, fetch: conventional.fetch, questions: 200 });
await other.init();
const otherUpdates = officerUpdates(CHAT);
await other.handleUpdate(otherUpdates.typed("/start"));
const conventionalWaits = { typed: [] as number[], pressed: [] as number[] };
for (const question of questions) {
  if (conventionalWaits.typed.length >= waits.typed.length && conventionalWaits.pressed.length >= waits.pressed.length) break;
  const screen = conventional.screen;
  if (!screen) break;
  const option = screen.buttons[1];
  const started = performance.now();
  await other.handleUpdate(
    option ? otherUpdates.pressed(option.callback_data, screen.messageId) : otherUpdates.typed(answerForType(question.type)),
  );
  (option ? conventionalWaits.pressed : conventionalWaits.typed).push((conventional.shownAt - started) / HOLD_MS);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
console.log(`Round trips from an answer to the next question on the screen (each Bot API call held ${HOLD_MS} ms):`);
for (const [name, measured] of [
  ["this bot", waits],
  ["conversations", conventionalWaits],
] as const) {
  for (const [kind, values] of Object.entries(measured)) {
    console.log(
      `  ${name.padEnd(14)} ${kind.padEnd(7)} ${values.length} answers: median ${percentile(values, 50).toFixed(2)}, p90 ${percentile(values, 90).toFixed(2)}`,
    );
  }
}
const keys = await redis.keys(`${prefix}*`);
if (keys.length) await redis.del(...keys);
await redis.quit();
await local.stop();
