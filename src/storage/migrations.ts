import { formatAddress, type MemberId } from "../channels/address.js";
import type { Redis } from "../redis.js";
import type { Keys } from "./keys.js";

/**
 * One-off changes to stored data, applied at start-up, each once and safe to run again.
 * Members from before Zalo kept their Telegram user id as member id, so their answers, cursors,
 * tickets and composing state keep their keys; they only gain the address index.
 */

const ADDRESSES_V1 = "addresses-v1";

/** Gives every member from before Zalo its Telegram address; returns how many were migrated. */
export async function migrateToAddresses(redis: Redis, keys: Keys): Promise<number> {
  if (await redis.sismember(keys.migrations, ADDRESSES_V1)) return 0;
  let migrated = 0;
  for (const id of await redis.smembers(keys.allMembers)) {
    if (!/^\d+$/.test(id) || !(await redis.exists(keys.member(id)))) continue;
    const address = formatAddress({ channel: "telegram", id });
    const results = await redis
      .multi()
      .set(keys.address({ channel: "telegram", id }), id as MemberId, "NX")
      .hsetnx(keys.member(id), "addresses", address)
      .hsetnx(keys.member(id), "preferred", address)
      .exec();
    if (results?.[1]?.[1] === 1) migrated += 1;
  }
  await redis.sadd(keys.migrations, ADDRESSES_V1);
  return migrated;
}

const OPEN_INVITES_V1 = "open-invites-v1";

/**
 * Invites made before /invite list was kept in an index: the unused ones join it (and their maker's
 * set), so the list shows them and removing their maker withdraws them. Returns how many.
 */
export async function indexOpenInvites(redis: Redis, keys: Keys): Promise<number> {
  if (await redis.sismember(keys.migrations, OPEN_INVITES_V1)) return 0;
  const prefix = keys.invite("");
  let indexed = 0;
  for await (const batch of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
    for (const key of batch as string[]) {
      const [expiresAt, usedBy, issuedBy] = await redis.hmget(key, "expiresAt", "usedBy", "issuedBy");
      if (!expiresAt || usedBy) continue;
      const codeHash = key.slice(prefix.length);
      const transaction = redis.multi().zadd(keys.openInvites, Number(expiresAt), codeHash);
      if (issuedBy) transaction.sadd(keys.invitesIssuedBy(issuedBy as MemberId), codeHash);
      await transaction.exec();
      indexed += 1;
    }
  }
  await redis.sadd(keys.migrations, OPEN_INVITES_V1);
  return indexed;
}
