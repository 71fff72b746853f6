import { Redis } from "ioredis";

export type { Redis };

/** How long a command may wait for Redis (through a reconnect) before it fails. */
export const COMMAND_TIMEOUT_MS = 5_000;

/**
 * A connection. `maxRetriesPerRequest: null` keeps a command waiting through a Redis restart
 * instead of failing it at once; the process's own commands still fail after
 * COMMAND_TIMEOUT_MS, so a request never hangs on a Redis that is gone (BullMQ's connections,
 * whose blocking reads last longer, pass `commandTimeoutMs: undefined`).
 */
export function connectRedis(
  url: string,
  options: { commandTimeoutMs?: number | undefined } = { commandTimeoutMs: COMMAND_TIMEOUT_MS },
): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    lazyConnect: false,
    enableAutoPipelining: true,
    ...(options.commandTimeoutMs ? { commandTimeout: options.commandTimeoutMs } : {}),
  });
}

/** True when Redis answers PING within the time limit. */
export async function isRedisUp(redis: Redis, timeoutMs = 1000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([redis.ping().then((answer) => answer === "PONG"), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
