/**
 * A national deadline day in small: OFFICERS officers (1,000) answering at once through the
 * webhook, in a round of AGENCIES agencies (10,000), every Bot API call held HOLD_MS (100 ms, a
 * real round trip to Telegram), against 1, 2 and 4 real bot processes sharing one Redis. The
 * benchmark plays Telegram (a stand-in that only answers, after the hold) and the load balancer
 * (each update posted to the next process's webhook).
 *
 * Each run has two phases:
 * - human pace, PACE_SECONDS: each officer answers every 5-20 s, one time in five a burst of
 *   three quick answers; latency from an answer posted to the next screen's call coming back;
 * - everyone at once, RUSH_SECONDS: each officer answers as soon as the screen arrives; the
 *   updates applied per second, and the CPU the processes and Redis spent per update (Redis's
 *   is what bounds the processes one Redis can serve).
 * Then: Redis memory per agency response (history apart), and a check that every update posted
 * was applied (its mark is there). That none is applied twice is the fault suite's to prove.
 *
 * Run: npm run bench:load   (PROCESSES=1,2,4 OFFICERS=1000 AGENCIES=10000 PACE_SECONDS=60 RUSH_SECONDS=30 HOLD_MS=100)
 */

import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { localDeps } from "../src/dev/local-deps.js";
import { ensureRedis } from "../src/dev/local-redis.js";
import { type Agency, loadAgencyDirectory } from "../src/domain/agencies.js";
import { connectRedis, type Redis } from "../src/redis.js";
import { redisKeys } from "../src/storage/keys.js";
import { BotProcess } from "../test/support/bot-process.js";
import { answerOf, questionPathOf } from "./officer-updates.js";

const PROCESSES = (process.env.PROCESSES ?? "1,2,4").split(",").map(Number);
const OFFICERS = Number(process.env.OFFICERS ?? 1_000);
const AGENCIES = Number(process.env.AGENCIES ?? 10_000);
const PACE_SECONDS = Number(process.env.PACE_SECONDS ?? 60);
const RUSH_SECONDS = Number(process.env.RUSH_SECONDS ?? 30);
const HOLD_MS = Number(process.env.HOLD_MS ?? 100);
const TOKEN = "123456:LOAD-BENCH";
const SECRET = "load-bench-secret-load-bench-secret-0123";
const SCREEN_TIMEOUT_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

interface Screen {
  text: string;
  buttons: { text: string; callback_data: string }[];
  messageId: number;
  /** When the call that showed it came back (performance.now()). */
  at: number;
}

/** Telegram as far as the load needs it: every call answered after HOLD_MS; the last screen of each chat kept. */
class DistantTelegram {
  readonly screens = new Map<number, Screen>();
  private readonly messageIds = new Map<number, number>();
  private readonly waiters = new Map<number, () => void>();
  calls = 0;
  private server = createServer((req, res) => void this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves when a screen newer than `after` reaches the chat; false after the timeout. */
  nextScreen(chat: number, after: number): Promise<boolean> {
    if ((this.screens.get(chat)?.at ?? 0) > after) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(chat);
        resolve(false);
      }, SCREEN_TIMEOUT_MS);
      this.waiters.set(chat, () => {
        clearTimeout(timer);
        this.waiters.delete(chat);
        resolve(true);
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.url?.split("/").pop() ?? "";
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
    this.calls += 1;
    await sleep(HOLD_MS);
    const chat = Number(body.chat_id);
    let result: unknown = true;
    if (method === "getMe") result = { id: 123456, is_bot: true, first_name: "Đề án 06", username: "load_bench_bot" };
    if (method === "getWebhookInfo") result = { url: "", has_custom_certificate: false, pending_update_count: 0 };
    if (method === "sendMessage" || method === "editMessageText") {
      const messageId = method === "sendMessage" ? (this.messageIds.get(chat) ?? 0) + 1 : Number(body.message_id);
      if (method === "sendMessage") this.messageIds.set(chat, messageId);
      result = { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: chat, type: "private" }, text: body.text };
      const keyboard = (body.reply_markup as { inline_keyboard?: Screen["buttons"][] } | undefined)?.inline_keyboard;
      if (keyboard?.length) {
        this.screens.set(chat, { text: String(body.text), buttons: keyboard.flat(), messageId, at: performance.now() });
        this.waiters.get(chat)?.();
      }
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, result }));
  }
}

/** Officers' updates, numbered as Telegram numbers them, posted to the processes in turn. */
class LoadBalancer {
  private next = 0;
  private updateId = 1;
  posted = 0;
  refused = 0;
  /** The update ids posted for each chat. */
  readonly sent = new Map<number, number[]>();

  constructor(private readonly webhooks: string[]) {}

  async typed(chat: number, text: string): Promise<void> {
    const message = {
      message_id: this.updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chat, type: "private" },
      from: this.from(chat),
      text,
    };
    const entities = text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.length }] } : {};
    await this.post(chat, { update_id: this.updateId++, message: { ...message, ...entities } });
  }

  async pressed(chat: number, data: string, messageId: number): Promise<void> {
    const message = { message_id: messageId, date: 0, chat: { id: chat, type: "private" }, text: "" };
    await this.post(chat, {
      update_id: this.updateId++,
      callback_query: { id: String(this.updateId), from: this.from(chat), chat_instance: "1", data, message },
    });
  }

  private from(chat: number) {
    return { id: chat, is_bot: false, first_name: "Cán bộ", language_code: "vi" };
  }

  private async post(chat: number, update: { update_id: number } & Record<string, unknown>): Promise<void> {
    this.sent.set(chat, [...(this.sent.get(chat) ?? []), update.update_id]);
    const url = this.webhooks[this.next++ % this.webhooks.length] as string;
    for (;;) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(update),
      });
      await response.arrayBuffer();
      if (response.ok) {
        this.posted += 1;
        return;
      }
      // Telegram delivers again when the webhook does not answer 200.
      this.refused += 1;
      await sleep(200);
    }
  }
}

/** The agencies of the round: the real directory, then numbered ones up to AGENCIES. */
function writeDirectory(): { file: string; agencies: Agency[] } {
  const real = loadAgencyDirectory().agencies;
  const extra = Array.from({ length: Math.max(0, AGENCIES - real.length) }, (_, index): Agency => {
    const number = String(index + 1).padStart(5, "0");
    return { id: `co-quan-${number}`, kind: index % 2 ? "ministry" : "province", name: `Cơ quan thử tải ${number}`, aliases: [] };
  });
  const agencies = [...real, ...extra];
  const file = join(tmpdir(), `load-agencies-${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ version: 1, agencies }));
  return { file, agencies };
}

interface RunResult {
  processes: number;
  pace: number[];
  rush: number[];
  rushUpdates: number;
  timeouts: number;
  cpuSecondsPerUpdate: number;
  rushCpuCores: number;
  redisCpuSecondsPerUpdate: number;
  responseBytes: { mean: number; max: number; answersAtMax: number };
  lost: number;
  refused: number;
}

function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // utime and stime, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The CPU Redis has spent, its own main thread and helpers, by its own count. */
async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info("cpu");
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return field("used_cpu_user") + field("used_cpu_sys");
}

async function run(redis: Redis, redisUrl: string, processes: number, directory: { file: string; agencies: Agency[] }): Promise<RunResult> {
  const prefix = `bench-load-${processes}:`;
  const keys = redisKeys(prefix);
  const old = await redis.keys(`${prefix}*`);
  for (let i = 0; i < old.length; i += 1000) await redis.del(...old.slice(i, i + 1000));

  const deps = localDeps(redis, prefix, { directory: loadAgencyDirectory(directory.file) });
  const opened = await deps.rounds.create(
    { id: "dot-tai", name: "Đợt thử tải", opensAt: Date.now() - 60_000, deadline: Date.now() + 7 * 86_400_000, targets: { kind: "all" } },
    "bench",
    Date.now(),
  );
  if (!opened.ok) throw new Error(opened.reason);
  // The opening was announced already: the load is the officers', not 10,000 notices.
  await deps.roundStore.claimOpening("dot-tai");

  // One officer in each of the first OFFICERS agencies, joined as an invite would join them.
  const chats = Array.from({ length: OFFICERS }, (_, index) => 3_000_000 + index);
  for (let start = 0; start < chats.length; start += 500) {
    const pipeline = redis.pipeline();
    for (const chat of chats.slice(start, start + 500)) {
      const agency = directory.agencies[chat - 3_000_000] as Agency;
      const id = String(chat);
      const address = `telegram:${chat}`;
      pipeline.hset(keys.member(id), {
        role: "officer",
        agencyId: agency.id,
        joinedAt: String(Date.now()),
        addresses: address,
        preferred: address,
      });
      pipeline.set(keys.address({ channel: "telegram", id }), id);
      pipeline.sadd(keys.agencyMembers(agency.id), id);
      pipeline.sadd(keys.allMembers, id);
    }
    await pipeline.exec();
  }

  const telegram = new DistantTelegram();
  const apiRoot = await telegram.start();
  const bots = await Promise.all(
    Array.from({ length: processes }, (_, index) =>
      BotProcess.start({
        emulator: { token: TOKEN, apiRoot },
        redisUrl,
        prefix,
        mode: "webhook",
        webhookSecret: SECRET,
        env: { AGENCIES_FILE: directory.file, INSTANCE_ID: `bench-${index + 1}`, SCHEDULER_TICK_SECONDS: "60" },
      }),
    ),
  );
  const balancer = new LoadBalancer(bots.map((bot) => `http://127.0.0.1:${bot.port}/telegram/webhook`));

  let phase = "pace" as "pace" | "rush" | "over";
  const latencies = { pace: [] as number[], rush: [] as number[] };
  let timeouts = 0;

  const answerScreen = async (chat: number): Promise<boolean> => {
    const screen = telegram.screens.get(chat);
    if (!screen) return false;
    const sentAt = performance.now();
    if (questionPathOf(screen.buttons)) {
      await balancer.typed(chat, answerOf(screen.text, screen.buttons));
    } else {
      // A list: one system, then "that is all"; the review: the round is done for this officer.
      const listed = screen.buttons.filter((button) => /^\d+$/.test(button.text)).length;
      const done = screen.buttons.find((button) => button.text.includes("Đã đủ") || button.text === "Không có");
      if (screen.text.startsWith("Xem lại")) return false;
      if (listed < 1 && /Gõ tên hệ thống/.test(screen.text)) await balancer.typed(chat, "Hệ thống thử tải");
      else if (done) await balancer.pressed(chat, done.callback_data, screen.messageId);
      else {
        const first = screen.buttons[0];
        if (!first) return false;
        await balancer.pressed(chat, first.callback_data, screen.messageId);
      }
    }
    const shown = await telegram.nextScreen(chat, sentAt);
    if (!shown) {
      timeouts += 1;
      return false;
    }
    if (phase !== "over") latencies[phase].push(performance.now() - sentAt);
    return true;
  };

  const officer = async (chat: number, startDelay: number) => {
    await sleep(startDelay);
    await balancer.typed(chat, "/start");
    if (!(await telegram.nextScreen(chat, 0))) {
      timeouts += 1;
      return;
    }
    const open = telegram.screens.get(chat)?.buttons.find((button) => button.callback_data === "f:open");
    if (!open) return;
    const openedAt = performance.now();
    await balancer.pressed(chat, open.callback_data, telegram.screens.get(chat)?.messageId ?? 0);
    if (!(await telegram.nextScreen(chat, openedAt))) {
      timeouts += 1;
      return;
    }
    let burst = 0;
    while (phase !== "over") {
      if (phase === "pace") {
        if (burst > 0) burst -= 1;
        else if (Math.random() < 0.2) burst = 2;
        await sleep(burst > 0 ? 500 + Math.random() * 1_000 : 5_000 + Math.random() * 15_000);
        if ((phase as string) === "over") break;
      }
      if (!(await answerScreen(chat))) break;
    }
  };

  const paceEnds = Date.now() + PACE_SECONDS * 1000;
  const officers = chats.map((chat) => officer(chat, Math.random() * 5_000));
  await sleep(paceEnds - Date.now());
  const cpuBefore = bots.reduce((sum, bot) => sum + cpuSeconds(bot.pid), 0);
  const redisCpuBefore = await redisCpuSeconds(redis);
  const postedBefore = balancer.posted;
  const rushStarted = performance.now();
  phase = "rush";
  await sleep(RUSH_SECONDS * 1000);
  phase = "over";
  const rushUpdates = balancer.posted - postedBefore;
  const rushSeconds = (performance.now() - rushStarted) / 1000;
  const cpuSpent = bots.reduce((sum, bot) => sum + cpuSeconds(bot.pid), 0) - cpuBefore;
  const redisCpuSpent = (await redisCpuSeconds(redis)) - redisCpuBefore;
  await Promise.all(officers);
  await Promise.all(bots.map((bot) => bot.settled(30_000)));

  // Every update posted was applied: its chat's marks (src/storage/applied-updates.ts) hold its
  // id (an answer saved) or h:<id> (handled without one).
  let lost = 0;
  for (const chat of chats) {
    const marks = new Set(await redis.zrange(keys.appliedUpdate(chat), "0", "-1"));
    for (const id of balancer.sent.get(chat) ?? []) if (!marks.has(String(id)) && !marks.has(`h:${id}`)) lost += 1;
  }

  const sizes: { bytes: number; answers: number }[] = [];
  for (const chat of chats) {
    const agency = directory.agencies[chat - 3_000_000] as Agency;
    const key = keys.response("dot-tai", agency.id);
    const [bytes, fields] = await Promise.all([redis.memory("USAGE", key, "SAMPLES", "0"), redis.hlen(key)]);
    const cursor = await redis.memory("USAGE", keys.cursor("dot-tai", String(chat)), "SAMPLES", "0");
    if (bytes) sizes.push({ bytes: Number(bytes) + Number(cursor ?? 0), answers: fields });
  }
  const largest = sizes.reduce((max, size) => (size.bytes > max.bytes ? size : max), { bytes: 0, answers: 0 });

  await Promise.all(bots.map((bot) => bot.kill("SIGTERM")));
  await telegram.stop();
  const left = await redis.keys(`${prefix}*`);
  for (let i = 0; i < left.length; i += 1000) await redis.del(...left.slice(i, i + 1000));
  return {
    processes,
    pace: latencies.pace,
    rush: latencies.rush,
    rushUpdates: rushUpdates / rushSeconds,
    timeouts,
    cpuSecondsPerUpdate: cpuSpent / Math.max(1, rushUpdates),
    rushCpuCores: cpuSpent / rushSeconds,
    redisCpuSecondsPerUpdate: redisCpuSpent / Math.max(1, rushUpdates),
    responseBytes: {
      mean: sizes.reduce((sum, size) => sum + size.bytes, 0) / Math.max(1, sizes.length),
      max: largest.bytes,
      answersAtMax: largest.answers,
    },
    lost,
    refused: balancer.refused,
  };
}

const local = await ensureRedis();
const redis = connectRedis(local.url);
const directory = writeDirectory();
try {
  const results: RunResult[] = [];
  for (const processes of PROCESSES) {
    results.push(await run(redis, local.url, processes, directory));
    console.log(`done: ${processes} process(es)`);
  }
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(
    `\n${OFFICERS} officers, ${directory.agencies.length} agencies in the round, Bot API calls held ${HOLD_MS} ms; ` +
      `${PACE_SECONDS} s at human pace, then ${RUSH_SECONDS} s everyone at once (Node ${process.version})\n`,
  );
  console.log(
    "processes | pace p50 | pace p99 | rush p50 | rush p99 | rush updates/s | CPU ms/update | cores busy | Redis CPU ms/update | response mean / max (answers) | updates lost | timeouts",
  );
  console.log(
    "----------|----------|----------|----------|----------|----------------|---------------|------------|---------------------|-------------------------------|--------------|---------",
  );
  for (const result of results) {
    console.log(
      [
        String(result.processes).padEnd(9),
        ms(percentile(result.pace, 50)).padStart(8),
        ms(percentile(result.pace, 99)).padStart(8),
        ms(percentile(result.rush, 50)).padStart(8),
        ms(percentile(result.rush, 99)).padStart(8),
        result.rushUpdates.toFixed(0).padStart(14),
        (result.cpuSecondsPerUpdate * 1000).toFixed(2).padStart(13),
        result.rushCpuCores.toFixed(2).padStart(10),
        (result.redisCpuSecondsPerUpdate * 1000).toFixed(3).padStart(19),
        `${(result.responseBytes.mean / 1024).toFixed(1)} KB / ${(result.responseBytes.max / 1024).toFixed(1)} KB (${result.responseBytes.answersAtMax})`.padStart(
          29,
        ),
        String(result.lost).padStart(12),
        String(result.timeouts).padStart(7),
      ].join(" | "),
    );
  }
} finally {
  await redis.quit();
  await local.stop();
}
