import { randomBytes } from "node:crypto";
import type { Redis } from "../redis.js";

/**
 * A server secret made once and kept in Redis, for what has no secret of its own in the
 * configuration: every process of the bot reads the same one; the first to make it wins.
 */
export async function sharedSecret(redis: Redis, key: string): Promise<string> {
  await redis.set(key, randomBytes(32).toString("hex"), "NX");
  const secret = await redis.get(key);
  if (!secret) throw new Error(`the secret ${key} vanished as it was made`);
  return secret;
}

/** The secret the configuration gives (FILE_LINK_SECRET, required in production), else the one kept in Redis. */
export async function configuredSecret(configured: string | undefined, redis: Redis, key: string): Promise<string> {
  return configured ?? sharedSecret(redis, key);
}
