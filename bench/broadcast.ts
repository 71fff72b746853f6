/**
 * A broadcast to 10,000 recipients through the Bot API emulator, the real bot process sending
 * with BROADCAST_RATE=1000: the achieved rate (must stay at or under the limit in every second
 * and within 5% of it), duplicates (none), and the bot process's peak memory.
 *
 * Run: npm run bench:broadcast   (RECIPIENTS=… and RATE=… to change them)
 */
import { readFileSync } from "node:fs";
import { localDeps } from "../src/dev/local-deps.js";
import { ensureRedis } from "../src/dev/local-redis.js";
import { loadAgencyDirectory } from "../src/domain/agencies.js";
import { BotApiEmulator } from "../src/emulator/bot-api-emulator.js";
import { Outbox } from "../src/jobs/outbox.js";
import { createLogger } from "../src/logger.js";
import { connectRedis } from "../src/redis.js";
import { queueBroadcast } from "../src/services/broadcast-queue.js";
import { redisKeys } from "../src/storage/keys.js";
import { BotProcess } from "../test/support/bot-process.js";

const RECIPIENTS = Number(process.env.RECIPIENTS ?? 10_000);
const RATE = Number(process.env.RATE ?? 1000);
const PREFIX = "bench-broadcast:";

const local = await ensureRedis();
const redis = connectRedis(local.url);
const emulator = new BotApiEmulator();
await emulator.start();
const old = await redis.keys(`${PREFIX}*`);
for (let i = 0; i < old.length; i += 1000) await redis.del(...old.slice(i, i + 1000));

// Seed the officers directly: the benchmark is about sending, not joining.
const keys = redisKeys(PREFIX);
const directory = loadAgencyDirectory();
const provinces = directory.ofKind("province");
let pipeline = redis.pipeline();
for (let index = 0; index < RECIPIENTS; index++) {
  const userId = 1_000_000 + index;
  const agencyId = provinces[index % provinces.length]!.id;
  pipeline.hset(keys.member(String(userId)), { role: "officer", agencyId, joinedAt: "0" });
  pipeline.sadd(keys.agencyMembers(agencyId), String(userId));
  pipeline.sadd(keys.allMembers, String(userId));
  emulator.user({ id: userId, first_name: "x", language_code: "vi" });
  if (index % 1000 === 999) {
    await pipeline.exec();
    pipeline = redis.pipeline();
  }
}
await pipeline.exec();

const bot = await BotProcess.start({ emulator, redisUrl: local.url, prefix: PREFIX, env: { BROADCAST_RATE: String(RATE) } });
const outbox = new Outbox(local.url, PREFIX, createLogger("silent"));
const deps = localDeps(redis, PREFIX, { directory, outbox });

const queuedAt = Date.now();
const queued = await queueBroadcast(deps, undefined, "provinces", "Thông báo thử tải");
if (!queued.ok) throw new Error(queued.reason);
const enqueueMs = Date.now() - queuedAt;
let report = await deps.broadcasts.report(queued.id);
while (report && !report.done) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  report = await deps.broadcasts.report(queued.id);
}

const calls = emulator.callsOf("sendMessage").filter((call) => String(call.params.text).includes("Thông báo thử tải"));
const times = calls.map((call) => call.at).sort((a, b) => a - b);
let busiest = 0;
for (let start = 0, end = 0; end < times.length; end++) {
  while (times[end]! - times[start]! >= 1000) start++;
  busiest = Math.max(busiest, end - start + 1);
}
const seconds = (times.at(-1)! - times[0]!) / 1000;
const achieved = (times.length - 1) / seconds;
const duplicates = calls.length - new Set(calls.map((call) => call.params.chat_id)).size;
const status = readFileSync(`/proc/${bot.pid}/status`, "utf8");
const peakRss = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;

console.log(`\nBroadcast to ${RECIPIENTS} recipients, limit ${RATE}/s (Node ${process.version})`);
console.log(`queued in ${enqueueMs} ms; sent ${report?.sent}, blocked ${report?.blocked}, failed ${report?.failed}`);
console.log(`achieved rate ${achieved.toFixed(1)}/s over ${seconds.toFixed(2)} s (${((achieved / RATE) * 100).toFixed(1)}% of the limit)`);
console.log(`busiest one-second window: ${busiest} messages (limit ${RATE})`);
console.log(`duplicates: ${duplicates}`);
console.log(`bot process peak RSS: ${peakRss.toFixed(0)} MiB`);

await bot.kill("SIGTERM");
await outbox.close();
const left = await redis.keys(`${PREFIX}*`);
for (let i = 0; i < left.length; i += 1000) await redis.del(...left.slice(i, i + 1000));
await redis.quit();
await emulator.stop();
await local.stop();
