import { createServer, type Server } from "node:http";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/**
 * What the bot counts for Prometheus, per process (Prometheus adds the processes up): updates kept,
 * applied and parked per messenger, the form step's time, the outbox's depth and its sends per
 * messenger and result, reminders and broadcast messages, and Redis's errors. Served as `GET
 * /metrics` on a port of its own (METRICS_PORT), never on the public one: no token to leak, and
 * the proxy in front of the bot does not forward it. No label carries personal data or an id.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "d06_" });

export const intakeUpdates = new Counter({
  name: "d06_intake_updates_total",
  help: "Updates taken into the intake (kept), applied and acknowledged (applied), or given up on (parked), per messenger",
  labelNames: ["channel", "outcome"] as const,
  registers: [registry],
});

export const stepSeconds = new Histogram({
  name: "d06_form_step_seconds",
  help: "Time of one form step: the response read, the engine, the save (and its WAIT for replicas when set)",
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const outboxSends = new Counter({
  name: "d06_outbox_sends_total",
  help: "Messages the bot sent on its own, per messenger and result (sent, blocked, failed)",
  labelNames: ["channel", "result"] as const,
  registers: [registry],
});

export const remindersQueued = new Counter({
  name: "d06_round_messages_queued_total",
  help: "Round openings and reminders queued for officers",
  labelNames: ["kind"] as const,
  registers: [registry],
});

export const broadcastMessages = new Counter({
  name: "d06_broadcast_messages_total",
  help: "Broadcast messages queued (queued, resent) and how they ended (sent, blocked, failed)",
  labelNames: ["result"] as const,
  registers: [registry],
});

export const redisErrors = new Counter({
  name: "d06_redis_errors_total",
  help: "Errors of the process's Redis connections (refused, reset, timed out)",
  registers: [registry],
});

export const replicaWaitSeconds = new Histogram({
  name: "d06_redis_wait_seconds",
  help: "Time a saved answer waited for its replicas (REDIS_WAIT_REPLICAS)",
  buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 2.5],
  registers: [registry],
});

export const replicaWaitShort = new Counter({
  name: "d06_redis_wait_short_total",
  help: "Saved answers fewer replicas than REDIS_WAIT_REPLICAS took within REDIS_WAIT_TIMEOUT_MS (not acknowledged; tried again)",
  registers: [registry],
});

type DepthReader = () => Promise<Record<string, number>>;
let outboxDepth: DepthReader | undefined;

new Gauge({
  name: "d06_outbox_jobs",
  help: "Messages in the outbox queue, by state (waiting, delayed, active, failed), across all processes",
  labelNames: ["state"] as const,
  registers: [registry],
  async collect() {
    if (!outboxDepth) return;
    this.reset();
    try {
      for (const [state, count] of Object.entries(await outboxDepth())) this.set({ state }, count);
    } catch {
      // Redis away: the gauge says nothing rather than zero.
    }
  },
});

/** Where the outbox gauge reads the queue's depth; the process that runs the outbox sets it. */
export function measureOutbox(read: DepthReader | undefined): void {
  outboxDepth = read;
}

/** A messenger's name from its intake stream's key (`<prefix>intake:telegram`). */
export const channelOfStream = (stream: string): string => stream.slice(stream.lastIndexOf(":") + 1);

/** Times an async function into the step histogram. */
export function timed<A extends unknown[], R>(work: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const end = stepSeconds.startTimer();
    try {
      return await work(...args);
    } finally {
      end();
    }
  };
}

/** `GET /metrics` in Prometheus's text format on its own port; anything else is 404. */
export function startMetricsServer(port: number, host?: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url?.split("?")[0] !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { "content-type": registry.contentType }).end(text),
      () => response.writeHead(500, { "content-type": "text/plain" }).end("metrics failed\n"),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
