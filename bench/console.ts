/**
 * The console's two busiest pages at 10,000 agencies (a round that goes down to communes): the
 * round's page and the first page of its agencies, p50 and p99 of the time the server takes to
 * answer, measured in-process on the real routes (session, permissions, rendering) against a real
 * Redis. The first request of each is reported apart: it reads the whole round once.
 *
 * Run: npm run bench:console   (SIZES=93,10000 REQUESTS=200 by default)
 */

import { performance } from "node:perf_hooks";
import { createConsole } from "../src/console/app.js";
import { SESSION_COOKIE } from "../src/console/env.js";
import { ensureRedis } from "../src/dev/local-redis.js";
import { syntheticRound } from "../src/dev/synthetic.js";
import { httpApp } from "../src/http-server.js";
import { connectRedis } from "../src/redis.js";

const SIZES = (process.env.SIZES ?? "93,10000").split(",").map(Number);
const REQUESTS = Number(process.env.REQUESTS ?? 200);
const local = await ensureRedis();
const redis = connectRedis(local.url);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

console.log(`\nConsole pages at scale (Node ${process.version}, ${REQUESTS} requests each, in-process)\n`);
console.log("agencies | page                 | first    | p50      | p99      | size");
console.log("---------|----------------------|----------|----------|----------|--------");
for (const size of SIZES) {
  const prefix = `bench-console-${size}:`;
  const now = Date.now();
  const { deps } = await syntheticRound(redis, prefix, size, now);
  const invite = await deps.invites.issue({ role: "secretariat" }, now);
  await deps.invites.redeem(invite.code, { channel: "telegram", id: "9" }, undefined, now);
  const { id } = await deps.webSessions.start("9", "secretariat", "bench", now);
  const app = httpApp({ health: async () => ({ ok: true, details: {} }), console: createConsole(deps, { publicUrl: "http://localhost" }) });
  const headers = { cookie: `${SESSION_COOKIE}=${id}` };

  for (const [name, url] of [
    ["round", "/console/rounds/bench"],
    ["agencies, first page", "/console/rounds/bench/agencies"],
  ] as const) {
    const timed = async () => {
      const started = performance.now();
      const response = await app.request(url, { headers });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      return { ms: performance.now() - started, bytes: body.length };
    };
    const first = await timed();
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) times.push((await timed()).ms);
    times.sort((a, b) => a - b);
    const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(8);
    console.log(
      `${String(size).padStart(8)} | ${name.padEnd(20)} | ${ms(first.ms)} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 99))} | ${`${(first.bytes / 1024).toFixed(0)} KiB`.padStart(7)}`,
    );
  }
  for (let keys = await redis.keys(`${prefix}*`); keys.length; keys = keys.slice(1000)) await redis.del(...keys.slice(0, 1000));
}
await redis.quit();
await local.stop();
