import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const INSTALL_HINT =
  "redis-server is not installed: install it with `sudo apt-get install redis-server` (Debian/Ubuntu), `brew install redis` (macOS), or set REDIS_URL to a running Redis.";

export class RedisMissingError extends Error {
  constructor() {
    super(INSTALL_HINT);
  }
}

export interface LocalRedis {
  url: string;
  /** Stops a server this process started; a no-op for one that was already running. */
  stop(): Promise<void>;
}

/** True when something at host:port answers a Redis PING. */
export function answersPing(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const finish = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once("error", () => finish(false));
    socket.connect(port, host, () => socket.write("PING\r\n"));
    socket.once("data", (data) => finish(data.toString().startsWith("+PONG")));
  });
}

/** A TCP port nothing listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * The Redis to use when REDIS_URL is not given: the default one on 127.0.0.1:6379 if it answers,
 * else a redis-server started here. A private one lives in a temporary folder without
 * persistence, unless `dataDir` asks for an append-only file there.
 */
export async function ensureRedis(options: { dataDir?: string } = {}): Promise<LocalRedis> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => {} };
  if (await answersPing("127.0.0.1", 6379)) return { url: "redis://127.0.0.1:6379", stop: async () => {} };
  return startPrivateRedis(options);
}

export async function startPrivateRedis(options: { dataDir?: string; port?: number } = {}): Promise<LocalRedis> {
  if (spawnSync("redis-server", ["--version"]).error) throw new RedisMissingError();
  const port = options.port ?? (await freePort());
  const temporary = options.dataDir === undefined;
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), "d06-redis-"));
  mkdirSync(dir, { recursive: true });
  const persistence = temporary ? ["--save", "", "--appendonly", "no"] : ["--save", "", "--appendonly", "yes", "--appendfsync", "always"];
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, ...persistence, "--loglevel", "warning"],
    { stdio: "ignore" },
  );
  const deadline = Date.now() + 10_000;
  while (!(await answersPing("127.0.0.1", port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      if (temporary) rmSync(dir, { recursive: true, force: true });
    },
  };
}
