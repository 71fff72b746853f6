import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { answersPing, freePort } from "../../src/dev/local-redis.js";

/**
 * Redis as a failover-ready deployment runs it, on localhost: a primary, replicas and three
 * Sentinels watching them (`redis-server … --replicaof …`, `redis-server sentinel.conf
 * --sentinel`), each its own process that a test can kill, pause (SIGSTOP) or start again.
 */

export const MASTER_NAME = "d06";

export class RedisNode {
  private child: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly args: string[],
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn("redis-server", this.args, { stdio: "ignore" });
    const deadline = Date.now() + 10_000;
    while (!(await answersPing("127.0.0.1", this.port))) {
      if (this.child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${this.port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** SIGKILL: the machine gone, nothing flushed. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  /** SIGSTOP / SIGCONT: a node that stops answering for a while (a stalled disk, a paused VM). */
  pause(): void {
    this.child?.kill("SIGSTOP");
  }

  resume(): void {
    this.child?.kill("SIGCONT");
  }
}

export interface ReplicatedRedis {
  dir: string;
  primary: RedisNode;
  replicas: RedisNode[];
  sentinels: RedisNode[];
  /** REDIS_SENTINELS for the bot. */
  sentinelList: string;
  stop(): Promise<void>;
}

/** Persistence off: what a failover keeps is what reached the replica, nothing from a disk. */
const nodeArgs = (port: number, dir: string) => [
  "--port",
  String(port),
  "--bind",
  "127.0.0.1",
  "--dir",
  dir,
  "--save",
  "",
  "--appendonly",
  "no",
  "--loglevel",
  "warning",
  // A replica (re)joining is sent the data at once, not after Redis's 5 s wait for others.
  "--repl-diskless-sync-delay",
  "0",
];

/** A primary and `replicaCount` replicas of it; with `sentinels`, three Sentinels watching them (quorum 2, down after 1 s). */
export async function startReplicatedRedis(options: { replicas?: number; sentinels?: boolean } = {}): Promise<ReplicatedRedis> {
  const dir = mkdtempSync(join(tmpdir(), "d06-sentinel-"));
  const primaryPort = await freePort();
  const primary = new RedisNode(primaryPort, nodeArgs(primaryPort, dir));
  await primary.start();
  const replicas: RedisNode[] = [];
  for (let index = 0; index < (options.replicas ?? 1); index++) {
    const port = await freePort();
    const replica = new RedisNode(port, [...nodeArgs(port, dir), "--replicaof", "127.0.0.1", String(primaryPort)]);
    await replica.start();
    replicas.push(replica);
  }
  const sentinels: RedisNode[] = [];
  if (options.sentinels) {
    for (let index = 0; index < 3; index++) {
      const port = await freePort();
      const file = join(dir, `sentinel-${port}.conf`);
      writeFileSync(
        file,
        [
          `port ${port}`,
          "bind 127.0.0.1",
          `dir ${dir}`,
          `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${primaryPort} 2`,
          `sentinel down-after-milliseconds ${MASTER_NAME} 1000`,
          `sentinel failover-timeout ${MASTER_NAME} 5000`,
          `sentinel parallel-syncs ${MASTER_NAME} 1`,
          "",
        ].join("\n"),
      );
      const sentinel = new RedisNode(port, [file, "--sentinel", "--loglevel", "warning"]);
      await sentinel.start();
      sentinels.push(sentinel);
    }
  }
  return {
    dir,
    primary,
    replicas,
    sentinels,
    sentinelList: sentinels.map((sentinel) => `127.0.0.1:${sentinel.port}`).join(","),
    async stop() {
      for (const node of [...sentinels, ...replicas, primary]) {
        node.resume();
        await node.kill();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The master the Sentinels name now (port), asked of the first that answers. */
export async function masterPort(sentinels: RedisNode[]): Promise<number | undefined> {
  for (const sentinel of sentinels) {
    const port = await masterPortOf(sentinel);
    if (port !== undefined) return port;
  }
  return undefined;
}

/**
 * The master every Sentinel names, once they all name the same one; undefined before. A master
 * without persistence must not come back before this: a Sentinel still on the old configuration
 * could make the promoted node its replica, and the empty node's full sync would wipe it (Redis's
 * replication docs warn of exactly this).
 */
export async function masterPortAgreed(sentinels: RedisNode[]): Promise<number | undefined> {
  const ports = await Promise.all(sentinels.map(masterPortOf));
  return ports.every((port) => port !== undefined && port === ports[0]) ? ports[0] : undefined;
}

async function masterPortOf(sentinel: RedisNode): Promise<number | undefined> {
  const { Redis } = await import("ioredis");
  const client = new Redis({
    port: sentinel.port,
    host: "127.0.0.1",
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const answer = (await client.call("SENTINEL", "get-master-addr-by-name", MASTER_NAME)) as [string, string] | null;
    return answer ? Number(answer[1]) : undefined;
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

/** Waits until `check` holds (beforeAll cannot use expect.poll). */
export async function until(check: () => Promise<boolean>, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Until the primary's replicas have all it wrote (and are in sync). */
export async function replicasInSync(
  redis: { call(...args: string[]): Promise<unknown>; set(key: string, value: string): Promise<unknown> },
  count: number,
): Promise<void> {
  await until(
    async () => {
      await redis.set("replicas-in-sync", String(Date.now()));
      return Number(await redis.call("WAIT", String(count), "500")) >= count;
    },
    15_000,
    `${count} replicas in sync`,
  );
}
