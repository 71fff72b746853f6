import { createDeps, type Deps, type DepsOptions } from "../deps.js";
import { loadAgencyDirectory } from "../domain/agencies.js";
import { createLogger } from "../logger.js";
import type { Redis } from "../redis.js";

/**
 * The bot's services for a program that runs beside the bot rather than as it (the demo's
 * driver, the benchmarks, the sample documents, the tests): silent, on the shipped agency
 * directory unless given another, invites of 14 days.
 */
export function localDeps(redis: Redis, prefix: string, extra: Partial<DepsOptions> = {}): Deps {
  return createDeps({
    redis,
    redisPrefix: prefix,
    logger: createLogger("silent"),
    inviteTtlDays: 14,
    ...extra,
    directory: extra.directory ?? loadAgencyDirectory(),
  });
}
