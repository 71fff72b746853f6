import { Redis, type RedisOptions } from "ioredis";
import { redisErrors } from "./metrics.js";

export type { Redis };

/** How long a command may wait for Redis (through a reconnect) before it fails. */
export const COMMAND_TIMEOUT_MS = 5_000;

/**
 * Where Redis is: a URL, or Sentinels that name the master (REDIS_SENTINELS), the URL then giving
 * only the password, user and database.
 */
export type RedisTarget = string | { url: string; sentinels: { host: string; port: number }[]; name: string };

/** The target the configuration names. */
export function redisTarget(config: {
  redisUrl: string;
  redisSentinels?: { sentinels: { host: string; port: number }[]; name: string } | undefined;
}): RedisTarget {
  return config.redisSentinels ? { url: config.redisUrl, ...config.redisSentinels } : config.redisUrl;
}

/** What a Sentinel target connects with: the master they name now, found again after a failover. */
function sentinelOptions(target: Exclude<RedisTarget, string>): RedisOptions {
  const url = new URL(target.url);
  const db = Number(url.pathname.slice(1) || 0);
  return {
    sentinels: target.sentinels,
    name: target.name,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db ? { db } : {}),
    ...(url.protocol === "rediss:" ? { tls: {}, enableTLSForSentinelMode: true } : {}),
    // Told of the switch by the Sentinels at once, rather than when the old master's socket gives up.
    failoverDetector: true,
    // A master demoted under a connection answers writes with READONLY: reconnect (to the new one) and send again.
    reconnectOnError: (error) => (error.message.startsWith("READONLY") ? 2 : false),
  };
}

/**
 * A connection. `maxRetriesPerRequest: null` keeps a command waiting through a Redis restart
 * (or a Sentinel failover) instead of failing it at once; the process's own commands still fail
 * after COMMAND_TIMEOUT_MS, so a request never hangs on a Redis that is gone (BullMQ's
 * connections, whose blocking reads last longer, pass `commandTimeoutMs: undefined`). Its errors
 * are counted for /metrics.
 */
export function connectRedis(
  target: RedisTarget,
  options: { commandTimeoutMs?: number | undefined } = { commandTimeoutMs: COMMAND_TIMEOUT_MS },
): Redis {
  const common: RedisOptions = {
    maxRetriesPerRequest: null,
    lazyConnect: false,
    enableAutoPipelining: true,
    ...(options.commandTimeoutMs ? { commandTimeout: options.commandTimeoutMs } : {}),
  };
  const redis = typeof target === "string" ? new Redis(target, common) : new Redis({ ...sentinelOptions(target), ...common });
  redis.on("error", () => redisErrors.inc());
  return redis;
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
