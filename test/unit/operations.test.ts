import type { Server } from "node:http";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import { closeServer, startHttpServer } from "../../src/http-server.js";
import { IntakeStream } from "../../src/intake/stream.js";
import { createLogger } from "../../src/logger.js";
import { intakeUpdates, registry, startMetricsServer, stepSeconds } from "../../src/metrics.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

const portOf = (server: Server) => (server.address() as AddressInfo).port;

/** Posts a body that never ends (its headers and a first chunk only): answers with the status, or "no answer". */
function postUnfinished(port: number, headers: Record<string, string>): Promise<number | "no answer"> {
  return new Promise((resolve) => {
    const req = request({
      port,
      host: "127.0.0.1",
      method: "POST",
      path: "/hook",
      headers: { "content-type": "application/json", ...headers },
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve("no answer");
    }, 1_000);
    req.on("response", (response) => {
      clearTimeout(timer);
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on("error", () => undefined);
    req.write('{"update_id":1,');
  });
}

describe("the webhook's secret", () => {
  let server: Server;
  const bodies: string[] = [];

  beforeEach(async () => {
    bodies.length = 0;
    server = await startHttpServer({
      port: 0,
      health: async () => ({ ok: true, details: {} }),
      webhooks: {
        "/hook": {
          secret: { header: "x-bot-api-secret-token", value: "s".repeat(40) },
          handle: async (incoming) => {
            bodies.push(incoming.body.toString());
            return { status: 200, json: "{}" };
          },
        },
      },
    });
  });
  afterEach(() => closeServer(server));

  it("refuses a request without the secret, or with another, before reading its body", async () => {
    expect(await postUnfinished(portOf(server), {})).toBe(401);
    expect(await postUnfinished(portOf(server), { "x-bot-api-secret-token": "s".repeat(39) })).toBe(401);
    expect(await postUnfinished(portOf(server), { "x-bot-api-secret-token": "t".repeat(40) })).toBe(401);
    // With the secret the body is waited for: it has not ended, so no answer yet.
    expect(await postUnfinished(portOf(server), { "x-bot-api-secret-token": "s".repeat(40) })).toBe("no answer");
    expect(bodies).toEqual([]);
  });

  it("passes a request with the secret to its handler", async () => {
    const url = `http://127.0.0.1:${portOf(server)}`;
    const ok = await fetch(`${url}/hook`, {
      method: "POST",
      headers: { "x-bot-api-secret-token": "s".repeat(40) },
      body: '{"update_id":2}',
    });
    expect(ok.status).toBe(200);
    expect(bodies).toEqual(['{"update_id":2}']);
  });
});

describe("/metrics", () => {
  let store: TestRedis;
  let deps: Deps;
  let metrics: Server;

  beforeEach(async () => {
    store = testRedis();
    deps = depsFor(store);
    metrics = await startMetricsServer(0, "127.0.0.1");
  });
  afterEach(async () => {
    await closeServer(metrics);
    await store.cleanup();
  });

  const value = async (name: string, labels: Record<string, string> = {}) =>
    (await registry.getSingleMetric(name)?.get())?.values.find((entry) =>
      Object.entries(labels).every(([key, wanted]) => entry.labels[key] === wanted),
    )?.value ?? 0;

  it("counts updates kept, applied and parked per messenger, and times form steps", async () => {
    const before = {
      kept: await value("d06_intake_updates_total", { channel: "zalo", outcome: "kept" }),
      applied: await value("d06_intake_updates_total", { channel: "zalo", outcome: "applied" }),
      parked: await value("d06_intake_updates_total", { channel: "zalo", outcome: "parked" }),
    };
    const stream = new IntakeStream<{ n: number }>(
      store.redis,
      deps.keys.intake("zalo"),
      deps.keys.intakeParked("zalo"),
      createLogger("silent"),
      {
        consumer: "m1",
        attempts: 1,
        retryDelayMs: 5,
      },
    );
    await stream.store("a", { n: 1 });
    await stream.store("a", { n: 2 });
    await stream.start(
      async (entry) => {
        if (entry.update.n === 2) throw new Error("fails");
        return undefined;
      },
      async () => undefined,
    );
    await expect.poll(() => store.redis.xlen(deps.keys.intakeParked("zalo"))).toBe(1);
    await stream.stop();
    expect(await value("d06_intake_updates_total", { channel: "zalo", outcome: "kept" })).toBe(before.kept + 2);
    expect(await value("d06_intake_updates_total", { channel: "zalo", outcome: "applied" })).toBe(before.applied + 1);
    expect(await value("d06_intake_updates_total", { channel: "zalo", outcome: "parked" })).toBe(before.parked + 1);

    const steps = (await stepSeconds.get()).values.find((entry) => entry.metricName === "d06_form_step_seconds_count")?.value ?? 0;
    await fillThroughService(deps, officer(9001, "ha-noi"), answerer(), () => [], { submit: false, stopAfter: 2 });
    const after = (await stepSeconds.get()).values.find((entry) => entry.metricName === "d06_form_step_seconds_count")?.value ?? 0;
    expect(after - steps).toBe(3);
  });

  it("serves Prometheus's text format on its own port, and nothing else there", async () => {
    intakeUpdates.inc({ channel: "telegram", outcome: "kept" });
    const url = `http://127.0.0.1:${portOf(metrics)}`;
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const name of [
      "d06_intake_updates_total",
      "d06_form_step_seconds_bucket",
      "d06_outbox_sends_total",
      "d06_round_messages_queued_total",
      "d06_broadcast_messages_total",
      "d06_redis_errors_total",
      "d06_redis_wait_seconds_bucket",
      "d06_process_resident_memory_bytes",
    ])
      expect(text, name).toContain(name);
    expect(text).toMatch(/d06_intake_updates_total\{channel="telegram",outcome="kept"\} \d+/);
    expect((await fetch(`${url}/health`)).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { method: "POST" })).status).toBe(404);
  });
});
