import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import type { Deps, DepsOptions } from "../../src/deps.js";
import { localDeps } from "../../src/dev/local-deps.js";
import { connectRedis, type Redis } from "../../src/redis.js";

/** A connection to the run's real Redis and a key prefix of this test's own. */
export interface TestRedis {
  url: string;
  prefix: string;
  redis: Redis;
  /** Deletes this test's keys and closes the connection. */
  cleanup(): Promise<void>;
}

export function testRedis(): TestRedis {
  const url = inject("redisUrl");
  const prefix = `t${randomBytes(5).toString("hex")}:`;
  const redis = connectRedis(url);
  return {
    url,
    prefix,
    redis,
    async cleanup() {
      const stream = redis.scanStream({ match: `${prefix}*`, count: 500 });
      for await (const keys of stream) if ((keys as string[]).length) await redis.del(...(keys as string[]));
      await redis.quit();
    },
  };
}

/** The services of the bot on this test's Redis keys (or a private Redis's), as a bot process would build them. */
export function depsFor(store: Pick<TestRedis, "redis" | "prefix">, extra: Partial<DepsOptions> = {}): Deps {
  return localDeps(store.redis, store.prefix, extra);
}
