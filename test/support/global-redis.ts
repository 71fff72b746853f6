import type { TestProject } from "vitest/node";
import { ensureRedis, RedisMissingError } from "../../src/dev/local-redis.js";

/**
 * One real Redis for the whole run: REDIS_URL when given, the default server if one answers,
 * else a private redis-server in a temporary folder, stopped at the end. Test files keep
 * apart by key prefix.
 */
export default async function setup(project: TestProject) {
  try {
    const redis = await ensureRedis();
    project.provide("redisUrl", redis.url);
    return () => redis.stop();
  } catch (error) {
    if (error instanceof RedisMissingError) {
      console.error(`\n${error.message}\n`);
    }
    throw error;
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
