/**
 * The consolidated report for 100 and for 10,000 synthetic agencies: time and peak memory of the
 * streaming export (summary, a sheet per agency, systems, proposals), real Redis.
 *
 * Run: npm run bench:export
 */

import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ensureRedis } from "../src/dev/local-redis.js";
import { syntheticRound } from "../src/dev/synthetic.js";
import { connectRedis } from "../src/redis.js";
import { writeWorkbook } from "../src/reports/workbook.js";

const SIZES = (process.env.SIZES ?? "100,10000").split(",").map(Number);
const local = await ensureRedis();
const redis = connectRedis(local.url);
const dir = mkdtempSync(join(tmpdir(), "d06-bench-export-"));

console.log(`\nConsolidated report export (Node ${process.version})\n`);
console.log("agencies | time    | file      | peak RSS | peak heap");
console.log("---------|---------|----------|----------|----------");
for (const size of SIZES) {
  const prefix = `bench-export-${size}:`;
  const { deps, agencies, round } = await syntheticRound(redis, prefix, size, Date.now());

  global.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 20);
  const file = join(dir, `report-${size}.xlsx`);
  const started = performance.now();
  await writeWorkbook(await deps.reports.exportSource(round, agencies), file);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  console.log(
    `${String(size).padStart(8)} | ${seconds.toFixed(1).padStart(5)} s | ${`${(statSync(file).size / 1024).toFixed(0)} KiB`.padStart(9)} | ${mib(peakRss).padStart(8)} | ${mib(peakHeap).padStart(8)}`,
  );
  for (let keys = await redis.keys(`${prefix}*`); keys.length; keys = keys.slice(1000)) await redis.del(...keys.slice(0, 1000));
}
rmSync(dir, { recursive: true, force: true });
await redis.quit();
await local.stop();
