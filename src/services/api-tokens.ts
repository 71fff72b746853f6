import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { MemberId } from "../channels/address.js";
import type { Redis } from "../redis.js";
import type { Keys } from "../storage/keys.js";

/**
 * Read-only tokens for the secretariat's own tools (Excel's Power Query, a BI tool): made in the
 * console, shown once, kept only as a hash, listed with their last use, revocable. A token reads
 * what the member who made it may read, while that member is still of the secretariat.
 */

export const TOKEN_PREFIX = "d06_";
/** A token's last use is written at most this often. */
const NOTE_USE_EVERY_MS = 60 * 1000;

export interface ApiToken {
  /** The first characters of the hash: names the token in lists and for revoking. */
  id: string;
  name: string;
  createdBy: MemberId;
  createdAt: number;
  lastUsedAt: number | undefined;
}

const tokenSchema = z.object({
  name: z.string(),
  createdBy: z.string(),
  createdAt: z.coerce.number(),
  lastUsedAt: z.coerce.number().optional(),
});

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");
const ID_LENGTH = 12;

export class ApiTokens {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** A new token; the only time its text exists outside the caller is this return value. */
  async create(name: string, createdBy: MemberId, now: number): Promise<{ token: string; id: string }> {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
    const hash = hashOf(token);
    await this.redis
      .multi()
      .hset(this.keys.apiToken(hash), { name, createdBy, createdAt: String(now) })
      .zadd(this.keys.apiTokens, now, hash)
      .exec();
    return { token, id: hash.slice(0, ID_LENGTH) };
  }

  /** The token's record when it exists; its use is noted. */
  async use(token: string, now: number): Promise<ApiToken | undefined> {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    const hash = hashOf(token);
    const found = await this.byHash(hash);
    if (found && now - (found.lastUsedAt ?? 0) > NOTE_USE_EVERY_MS) {
      await this.redis.hset(this.keys.apiToken(hash), "lastUsedAt", String(now));
    }
    return found;
  }

  /** Every token, newest first. */
  async list(): Promise<ApiToken[]> {
    const hashes = await this.redis.zrevrange(this.keys.apiTokens, "0", "-1");
    const tokens = await Promise.all(hashes.map((hash) => this.byHash(hash)));
    return tokens.filter((token): token is ApiToken => token !== undefined);
  }

  /** Revokes a token by its id (as listed); false when there is none. */
  async revoke(id: string): Promise<boolean> {
    const hashes = await this.redis.zrange(this.keys.apiTokens, "0", "-1");
    const hash = hashes.find((candidate) => candidate.slice(0, ID_LENGTH) === id);
    if (!hash) return false;
    await this.redis.multi().del(this.keys.apiToken(hash)).zrem(this.keys.apiTokens, hash).exec();
    return true;
  }

  private async byHash(hash: string): Promise<ApiToken | undefined> {
    const parsed = tokenSchema.safeParse(await this.redis.hgetall(this.keys.apiToken(hash)));
    return parsed.success ? { id: hash.slice(0, ID_LENGTH), ...parsed.data, lastUsedAt: parsed.data.lastUsedAt } : undefined;
  }
}
