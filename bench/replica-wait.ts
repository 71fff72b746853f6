/**
 * `npm run bench:wait`: what REDIS_WAIT_REPLICAS=1 costs a form step. A primary and a replica on
 * localhost (no persistence, as in the fault suite); officers fill the whole form through the
 * reporting service (the read, the engine, the save, and with the setting the WAIT for the
 * replica), first one officer alone, then 50 at once on one connection as one bot process has
 * them. Prints each step's p50 and p99 and the steps a second, without and with the WAIT.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { localDeps } from "../src/dev/local-deps.js";
import type { Agency } from "../src/domain/agencies.js";
import { replicaWaitSeconds } from "../src/metrics.js";
import { connectRedis, type Redis } from "../src/redis.js";
import { requireReplicas } from "../src/storage/replicas.js";
import { fillThroughService, officer } from "../test/support/fill-service.js";
import { answerer } from "../test/support/form-harness.js";
import { replicasInSync, startReplicatedRedis } from "../test/support/sentinel.js";

interface Result {
  steps: number;
  p50: number;
  p99: number;
  perSecond: number;
  /** WAITs sent during the run (from the metrics), to be sure the setting took. */
  waits: number;
}

const waitCount = async () =>
  (await replicaWaitSeconds.get()).values.find((value) => value.metricName === "d06_redis_wait_seconds_count")?.value ?? 0;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

/** `rounds` times, `officers` officers fill the whole form at once, each round on new keys. */
async function run(redis: Redis, officers: number, rounds: number, wait: boolean): Promise<Result> {
  requireReplicas(redis, wait ? { replicas: 1, timeoutMs: 2000 } : undefined);
  const waitsBefore = await waitCount();
  const durations: number[] = [];
  let seconds = 0;
  for (let round = 0; round < rounds; round++) seconds += await fill(redis, officers, durations);
  const sorted = durations.sort((a, b) => a - b);
  return {
    steps: sorted.length,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    perSecond: sorted.length / seconds,
    waits: (await waitCount()) - waitsBefore,
  };
}

async function fill(redis: Redis, officers: number, durations: number[]): Promise<number> {
  const deps = localDeps(redis, `bench-wait-${randomBytes(3).toString("hex")}:`);
  const step = deps.reporting.step.bind(deps.reporting);
  deps.reporting.step = async (...args) => {
    const start = performance.now();
    try {
      return await step(...args);
    } finally {
      durations.push(performance.now() - start);
    }
  };
  const agencies: Agency[] = deps.directory.agencies.slice(0, officers);
  const started = performance.now();
  await Promise.all(
    agencies.map((agency, index) => fillThroughService(deps, officer(700_000 + index, agency.id), answerer(), () => [], { submit: false })),
  );
  const seconds = (performance.now() - started) / 1000;
  const keys = await redis.keys(`${deps.keys.response("", "").split("response:")[0]}*`);
  for (let start = 0; start < keys.length; start += 500) await redis.del(...keys.slice(start, start + 500));
  return seconds;
}

const cluster = await startReplicatedRedis({ replicas: 1 });
const redis = connectRedis(cluster.primary.url);
try {
  await replicasInSync(redis, 1);
  // Warm up: the form's texts, the scripts, the connection.
  await run(redis, 5, 2, false);
  await run(redis, 5, 2, true);
  const rows: [string, Result, Result][] = [];
  for (const [officers, rounds] of [
    [1, 40],
    [50, 4],
  ] as const) {
    // Turn about, so that neither gets the warmer machine.
    const without: Result[] = [];
    const withWait: Result[] = [];
    for (let turn = 0; turn < 3; turn++) {
      without.push(await run(redis, officers, rounds, false));
      withWait.push(await run(redis, officers, rounds, true));
    }
    const middle = (results: Result[]) => [...results].sort((a, b) => a.p50 - b.p50)[1]!;
    rows.push([officers === 1 ? "1 officer" : `${officers} officers at once`, middle(without), middle(withWait)]);
  }
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  console.log(`\nA form step with and without REDIS_WAIT_REPLICAS=1, primary and replica on localhost (Node ${process.version})\n`);
  console.log("load                 | steps | p50 without | p50 with | p99 without | p99 with | steps/s without | steps/s with");
  console.log("---------------------|-------|-------------|----------|-------------|----------|-----------------|-------------");
  for (const [label, without, withWait] of rows) {
    if (without.waits !== 0 || withWait.waits !== withWait.steps)
      throw new Error(`WAIT sent ${withWait.waits} times for ${withWait.steps} steps`);
    console.log(
      `${label.padEnd(21)}| ${String(withWait.steps).padStart(5)} | ${ms(without.p50).padStart(11)} | ${ms(withWait.p50).padStart(8)} | ${ms(without.p99).padStart(11)} | ${ms(withWait.p99).padStart(8)} | ${without.perSecond.toFixed(0).padStart(15)} | ${withWait.perSecond.toFixed(0).padStart(12)}`,
    );
  }
} finally {
  redis.disconnect();
  await cluster.stop();
}
