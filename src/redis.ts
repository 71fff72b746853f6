import { Redis } from "ioredis";

export type { Redis };

/**
 * One connection per process for commands. `maxRetriesPerRequest: null` keeps a command waiting
 * through a Redis restart instead of failing it, which is what BullMQ needs as well.
 */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false, enableAutoPipelining: true });
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
