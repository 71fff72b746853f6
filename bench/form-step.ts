/**
 * What one step of the form costs: an officer's answer in, the bot's reply out, real Redis.
 * Measured at question 1, 25 and 50 and inside a 20-system list, for this bot's engine and for
 * the same 50 questions written the conventional grammY way (@grammyjs/conversations v2 with
 * @grammyjs/storage-redis), which replays the conversation so far on every update; and the
 * floor any engine pays, the same round trips and Bot API calls with nothing between them.
 *
 * Run: npm run bench:form   (SAMPLES=300 to change the number of samples per point)
 *
 * Each sample restores a snapshot of the Redis keys taken at that point (untimed), then times
 * the update for one answer (applied with its marks, as the intake applies it). Telegram is replaced by a transformer that answers every
 * call at once, so the time is the bot's own: middleware, engine or replay, and Redis.
 */

import { performance } from "node:perf_hooks";
import { autoRetry } from "@grammyjs/auto-retry";
import { Bot } from "grammy";
import { inProcessBotInfo as botInfo } from "../src/dev/in-process-bot.js";
import { ensureRedis } from "../src/dev/local-redis.js";
import { connectRedis, type Redis } from "../src/redis.js";
import { listNumber } from "../test/support/chat-form.js";
import { conventionalBot } from "./conventional-bot.js";
import { answerForType, answerOf, botWithOfficer, officerUpdates, questionPathOf } from "./officer-updates.js";

const SAMPLES = Number(process.env.SAMPLES ?? 200);
const CHAT = 777_001;

/**
 * Telegram for the benchmark: grammY's `fetch` is replaced, so requests are serialised as for
 * the real thing, answered at once, and remembered.
 */
class FakeTelegram {
  sent: { method: string; payload: Record<string, unknown> }[] = [];
  private messageId = 1;
  fetch = (async (url: string | URL, init?: { body?: unknown }) => {
    const method = String(url).split("/").pop()!;
    const payload = (init?.body ? JSON.parse(String(init.body)) : {}) as Record<string, unknown>;
    this.sent.push({ method, payload });
    const result =
      method === "sendMessage" || method === "editMessageText"
        ? {
            message_id: method === "sendMessage" ? this.messageId++ : Number(payload.message_id),
            date: 0,
            chat: { id: CHAT, type: "private", first_name: "x" },
            text: String(payload.text ?? ""),
          }
        : true;
    return new Response(JSON.stringify({ ok: true, result }), { headers: { "content-type": "application/json" } });
  }) as unknown as typeof fetch;
  /** The newest message with buttons: the screen on the phone. */
  screen(): { text: string; buttons: { text: string; callback_data: string }[]; messageId: number } | undefined {
    for (let i = this.sent.length - 1; i >= 0; i--) {
      const { method, payload } = this.sent[i]!;
      const markup = payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined;
      if ((method === "sendMessage" || method === "editMessageText") && markup?.inline_keyboard?.length) {
        return {
          text: String(payload.text),
          buttons: markup.inline_keyboard.flat(),
          messageId: Number(payload.message_id ?? this.messageId - 1),
        };
      }
    }
    return undefined;
  }
}

const { typed: textUpdate, pressed: pressUpdate } = officerUpdates(CHAT);

async function snapshot(redis: Redis, pattern: string): Promise<Map<string, Buffer>> {
  const keys = await redis.keys(pattern);
  const dumps = new Map<string, Buffer>();
  for (const key of keys) {
    const dump = await redis.dumpBuffer(key);
    if (dump) dumps.set(key, dump);
  }
  return dumps;
}

async function restore(redis: Redis, pattern: string, dumps: Map<string, Buffer>): Promise<void> {
  const current = await redis.keys(pattern);
  const extra = current.filter((key) => !dumps.has(key));
  const pipeline = redis.pipeline();
  if (extra.length) pipeline.del(...extra);
  for (const [key, dump] of dumps) pipeline.restore(key, 0, dump, "REPLACE");
  await pipeline.exec();
}

/**
 * Round trips, counted as writes to the socket: ioredis writes a pipeline (and the commands
 * auto-pipelining gathers in one tick) at once, then waits for all their replies together.
 */
function roundTripCounter(redis: Redis): () => number {
  const stream = (redis as unknown as { stream: { write: (...args: unknown[]) => boolean } }).stream;
  const write = stream.write.bind(stream);
  let writes = 0;
  stream.write = (...args: unknown[]) => {
    writes += 1;
    return write(...args);
  };
  return () => writes;
}

let roundTrips: () => number = () => 0;

async function commandsProcessed(redis: Redis): Promise<number> {
  const info = await redis.info("stats");
  return Number(/total_commands_processed:(\d+)/.exec(info)?.[1]);
}

interface Point {
  label: string;
  p50: number;
  p99: number;
  commands: number;
  roundTrips: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Times `step` SAMPLES times, each from the same snapshot; counts Redis commands of one step. */
async function measure(label: string, redis: Redis, pattern: string, step: () => Promise<void>): Promise<Point> {
  const dumps = await snapshot(redis, pattern);
  const times: number[] = [];
  for (let i = 0; i < SAMPLES + 20; i++) {
    await restore(redis, pattern, dumps);
    const started = performance.now();
    await step();
    if (i >= 20) times.push(performance.now() - started); // the first 20 warm up the JIT
  }
  await restore(redis, pattern, dumps);
  const before = await commandsProcessed(redis);
  const tripsBefore = roundTrips();
  await step();
  const trips = roundTrips() - tripsBefore;
  // Left after this last step, so the driver and the bot agree on the screen.
  const commands = (await commandsProcessed(redis)) - before - 1;
  times.sort((a, b) => a - b);
  return { label, p50: percentile(times, 50), p99: percentile(times, 99), commands, roundTrips: trips };
}

/**
 * Times steps as an officer takes them, `run` in a row from a snapshot with nothing restored in
 * between, so each reads the response the one before saved (this process remembers it). The
 * first of each run, which finds the response moved by the restore, is not counted.
 */
async function measureRun(
  label: string,
  redis: Redis,
  pattern: string,
  fake: FakeTelegram,
  run: number,
  step: () => Promise<void>,
): Promise<Point> {
  const dumps = await snapshot(redis, pattern);
  const shown = fake.sent.length;
  const times: number[] = [];
  let commands = 0;
  let trips = 0;
  for (let round = 0; times.length < SAMPLES; round++) {
    await restore(redis, pattern, dumps);
    fake.sent.length = shown;
    for (let k = 0; k < run; k++) {
      const [before, tripsBefore] = [k === 1 ? await commandsProcessed(redis) : 0, roundTrips()];
      const started = performance.now();
      await step();
      // The first round warms up the JIT.
      if (round > 0 && k > 0) times.push(performance.now() - started);
      if (k === 1) {
        trips = roundTrips() - tripsBefore;
        commands = (await commandsProcessed(redis)) - before - 1;
      }
    }
  }
  await restore(redis, pattern, dumps);
  fake.sent.length = shown;
  times.sort((a, b) => a - b);
  return { label, p50: percentile(times, 50), p99: percentile(times, 99), commands, roundTrips: trips };
}

// ---- this bot ----

async function benchEngine(redis: Redis): Promise<Point[]> {
  const prefix = "bench-engine:";
  const fake = new FakeTelegram();
  const apply = await botWithOfficer(redis, prefix, fake.fetch, CHAT);
  await apply(textUpdate("/start"));
  await apply(pressUpdate("f:open", fake.sent.length));

  /** The questions shown so far, in order: the index of the one on the phone is its place here. */
  const asked: string[] = [];
  const questionOnPhone = () => {
    const path = questionPathOf(fake.screen()!.buttons);
    if (path && asked.at(-1) !== path) asked.push(path);
    return path;
  };
  /** Answers the screen on the phone; lists get `rowOne` entries in row 1 and one in rows 4.x. */
  const answerScreen = async (rowOne: number) => {
    const screen = fake.screen()!;
    if (questionOnPhone()) return apply(textUpdate(answerOf(screen.text, screen.buttons)));
    const listed = screen.buttons.filter((button) => /^\d+$/.test(button.text)).length;
    const wanted = listNumber(screen.text) === "1" ? rowOne : 1;
    if (listed < wanted) return apply(textUpdate(`Hệ thống ${listed + 1}`));
    const done = screen.buttons.find((button) => button.text.includes("Đã đủ") || button.text === "Không có");
    if (!done) throw new Error(`the walk came to a screen it cannot answer: ${screen.text.slice(0, 200)}`);
    return apply(pressUpdate(done.callback_data, screen.messageId));
  };
  const at = (index: number) => questionOnPhone() !== undefined && asked.length === index;

  const points: Point[] = [];
  const pattern = `${prefix}*`;
  for (const index of [1, 25, 50]) {
    while (!at(index)) await answerScreen(1);
    const answer = answerOf(fake.screen()!.text, fake.screen()!.buttons);
    if (index === 50) await keepForFloor(redis, prefix, fake.screen()!.text);
    points.push(await measure(`question ${index}`, redis, pattern, async () => void (await apply(textUpdate(answer)))));
  }

  points.push(await measureRun("one after another, from 50", redis, pattern, fake, 10, async () => void (await answerScreen(1))));

  // A fresh response: row 1 grows to 20 systems; the step measured answers a question of the 20th.
  await redis.del(...(await redis.keys(`${prefix}response*`)), ...(await redis.keys(`${prefix}cursor*`)));
  await apply(textUpdate("/start"));
  await apply(pressUpdate("f:open", fake.sent.length));
  while (!/Hệ thống 20/.test(fake.screen()!.text) || !questionOnPhone()) await answerScreen(20);
  const answer = answerOf(fake.screen()!.text, fake.screen()!.buttons);
  points.push(await measure("inside a 20-system list", redis, pattern, async () => void (await apply(textUpdate(answer)))));
  return points;
}

// ---- the floor: the same round trips and calls with no work between them ----

const FLOOR = "bench-floor:";

/** The response and cursor at question 50, and the question's text, for the floor to read and send. */
async function keepForFloor(redis: Redis, prefix: string, screenText: string): Promise<void> {
  const [response] = (await redis.keys(`${prefix}response:*`)).filter((key) => !key.includes("history"));
  const [cursor] = await redis.keys(`${prefix}cursor:*`);
  await redis.copy(response!, `${FLOOR}response`, "REPLACE");
  await redis.copy(cursor!, `${FLOOR}cursor`, "REPLACE");
  await redis.set(`${FLOOR}screen`, screenText);
}

/**
 * What any bot built this way pays for a step, whatever its engine: a grammY bot (auto-retry, as
 * this one) whose handler makes the step's three Redis round trips on the same keys (read the
 * response and the cursor, write an answer and move the revision, acknowledge the intake entry
 * with the shown mark) and its two Bot API calls (send the next question, tidy the old one in the
 * background), and does nothing else.
 */
async function benchFloor(redis: Redis): Promise<Point> {
  const fake = new FakeTelegram();
  const screenText = (await redis.get(`${FLOOR}screen`))!;
  const bot = new Bot("1:bench", { botInfo, client: { apiRoot: "http://127.0.0.1:9", fetch: fake.fetch } });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 300 }));
  bot.on("message:text", async (ctx) => {
    await redis.pipeline().hgetall(`${FLOOR}response`).hgetall(`${FLOOR}cursor`).exec();
    await redis.multi().hset(`${FLOOR}response`, "a:floor", ctx.message.text).hincrby(`${FLOOR}response`, "m:rev", 1).exec();
    const tidied = ctx.api.editMessageText(ctx.chat.id, 1, `✓ ${ctx.message.text}`);
    const sent = await ctx.reply(screenText, { reply_markup: { inline_keyboard: [[{ text: "Bỏ qua", callback_data: "f:skip" }]] } });
    await redis
      .multi()
      .xack(`${FLOOR}intake`, "bot", "1-1")
      .xdel(`${FLOOR}intake`, "1-1")
      .zrem(`${FLOOR}waiting`, "1-1")
      .hset(`${FLOOR}cursor`, "shown", "1", "prompt", String(sent.message_id))
      .exec();
    await tidied;
  });
  await bot.init();
  return measure("floor", redis, `${FLOOR}*`, async () => void (await bot.handleUpdate(textUpdate("Trả lời"))));
}

// ---- the conventional way: @grammyjs/conversations v2 ----

async function benchConversations(redis: Redis): Promise<Point[]> {
  const fake = new FakeTelegram();
  const prefix = "bench-conversations:";
  // One question more than measured, so the step at 50 stores the conversation as the others do
  // instead of ending it.
  const { bot, questions: fifty } = conventionalBot({ redis, prefix, fetch: fake.fetch, questions: 51 });
  await bot.init();
  await bot.handleUpdate(textUpdate("/start"));

  const points: Point[] = [];
  let answered = 0;
  for (const index of [1, 25, 50]) {
    while (answered < index - 1) await bot.handleUpdate(textUpdate(answerForType(fifty[answered++]!.type)));
    const answer = answerForType(fifty[index - 1]!.type);
    points.push(await measure(`question ${index}`, redis, `${prefix}*`, async () => void (await bot.handleUpdate(textUpdate(answer)))));
  }
  return points;
}

const local = await ensureRedis();
const redis = connectRedis(local.url);
await redis.ping();
roundTrips = roundTripCounter(redis);
try {
  for (const pattern of ["bench-engine:*", "bench-conversations:*", `${FLOOR}*`]) {
    const keys = await redis.keys(pattern);
    if (keys.length) await redis.del(...keys);
  }
  const engine = await benchEngine(redis);
  const floor = await benchFloor(redis);
  const conversation = await benchConversations(redis);
  const ms = (value: number) => value.toFixed(2).padStart(7);
  console.log(`\nOne form step, update in → reply out, real Redis (${SAMPLES} samples per point, Node ${process.version})\n`);
  console.log("point                      | engine p50 | p99     | cmds | trips | conversations p50 | p99     | cmds | trips | p50 ratio");
  console.log("---------------------------|------------|---------|------|-------|-------------------|---------|------|-------|----------");
  const count = (value: number | undefined, width: number) => (value === undefined ? "—" : String(value)).padStart(width);
  for (const point of engine) {
    const other = conversation.find((candidate) => candidate.label === point.label);
    console.log(
      `${point.label.padEnd(27)}| ${ms(point.p50)} ms| ${ms(point.p99)} | ${count(point.commands, 4)} | ${count(point.roundTrips, 5)} | ${other ? `${ms(other.p50)} ms` : "        —".padEnd(10)}        | ${other ? ms(other.p99) : "      —"} | ${count(other?.commands, 4)} | ${count(other?.roundTrips, 5)} | ${other ? `${(other.p50 / point.p50).toFixed(1)}×` : "—"}`,
    );
  }
  const conversationAt50 = conversation.find((point) => point.label === "question 50")!;
  console.log(
    `\nThe floor (the same ${floor.roundTrips} round trips and two Bot API calls, no engine): p50 ${floor.p50.toFixed(2)} ms, p99 ${floor.p99.toFixed(2)} ms;` +
      ` the conversation at question 50 is ${(conversationAt50.p50 / floor.p50).toFixed(1)}× the floor.`,
  );
  for (const pattern of ["bench-engine:*", "bench-conversations:*", `${FLOOR}*`]) {
    const keys = await redis.keys(pattern);
    if (keys.length) await redis.del(...keys);
  }
} finally {
  await redis.quit();
  await local.stop();
}
