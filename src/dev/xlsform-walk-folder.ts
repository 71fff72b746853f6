import { connectRedis, type Redis } from "../redis.js";
import { ensureRedis } from "./local-redis.js";
import { walkSummary, walkWorkbook } from "./xlsform-walk.js";

/**
 * Walks for `npm run xlsform:compat -- <folder> --walk`: a Redis (REDIS_URL, one on the default
 * port, or a private one started for the run), each workbook on keys of its own that are deleted
 * after its walk, so a shared Redis keeps nothing of it.
 */

export type Walk = (file: string, bytes: Buffer) => Promise<string>;

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }))
    if ((keys as string[]).length) await redis.del(...(keys as string[]));
}

export async function walkFolder(use: (walk: Walk) => Promise<void>): Promise<void> {
  const local = await ensureRedis();
  const redis = connectRedis(local.url);
  let count = 0;
  try {
    await use(async (file, bytes) => {
      const prefix = `xlsform-walk-${process.pid}-${++count}:`;
      try {
        return walkSummary(await walkWorkbook(redis, prefix, bytes, file));
      } catch (error) {
        return `not walked: ${error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error)}`;
      } finally {
        await deleteKeys(redis, prefix);
      }
    });
  } finally {
    await redis.quit();
    await local.stop();
  }
}
