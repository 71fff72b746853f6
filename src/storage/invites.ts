import { z } from "zod";
import type { Binding } from "../domain/roles.js";
import type { Redis } from "../redis.js";
import type { Keys } from "./keys.js";
import { BINDING_FIELD_NAMES, bindingFields, bindingGroupKey } from "./members.js";

export interface StoredInvite {
  binding: Binding;
  createdAt: number;
  expiresAt: number;
  usedBy: number | undefined;
}

const inviteHashSchema = z.object({
  role: z.enum(["officer", "consultant", "secretariat"]),
  agencyId: z.string().optional(),
  consultantId: z.string().optional(),
  createdAt: z.coerce.number().int(),
  expiresAt: z.coerce.number().int(),
  usedBy: z.coerce.number().int().optional(),
});

/**
 * Marks the invite used and binds the member in one step, so a code can never bind two people
 * and a crash can never leave a used code with nobody bound.
 * KEYS: invite, member, new group, old group, all members. ARGV: user id, joined at, field/value pairs.
 */
const REDEEM_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HEXISTS', KEYS[1], 'usedBy') == 1 then return -1 end
redis.call('HSET', KEYS[1], 'usedBy', ARGV[1], 'usedAt', ARGV[2])
redis.call('HDEL', KEYS[2], ${BINDING_FIELD_NAMES.map((name) => `'${name}'`).join(", ")})
redis.call('HSET', KEYS[2], 'joinedAt', ARGV[2], unpack(ARGV, 3))
if KEYS[4] ~= KEYS[3] then redis.call('SREM', KEYS[4], ARGV[1]) end
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[5], ARGV[1])
return 1
`;

/** Counts a wrong guess; the window starts with the first one. */
const COUNT_FAILURE_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count
`;

export type RedeemOutcome = "redeemed" | "unknown" | "used";

export class InviteStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async create(codeHash: string, binding: Binding, createdAt: number, expiresAt: number): Promise<void> {
    const key = this.keys.invite(codeHash);
    await this.redis
      .multi()
      .hset(key, { ...bindingFields(binding), createdAt: String(createdAt), expiresAt: String(expiresAt) })
      .pexpireat(key, expiresAt)
      .exec();
  }

  /** The invite, or undefined when there is none (never made, or expired: Redis drops it then). */
  async find(codeHash: string): Promise<StoredInvite | undefined> {
    const hash = await this.redis.hgetall(this.keys.invite(codeHash));
    const parsed = inviteHashSchema.safeParse(hash);
    if (!parsed.success) return undefined;
    const { role, agencyId, consultantId, createdAt, expiresAt, usedBy } = parsed.data;
    const binding: Binding | undefined =
      role === "officer" && agencyId
        ? { role, agencyId }
        : role === "consultant" && consultantId
          ? { role, consultantId }
          : role === "secretariat"
            ? { role }
            : undefined;
    return binding ? { binding, createdAt, expiresAt, usedBy } : undefined;
  }

  /**
   * Consumes the invite for this user. `previous` is the user's binding before, whose group
   * the user leaves.
   */
  async redeem(codeHash: string, invite: StoredInvite, userId: number, previous: Binding | undefined, now: number): Promise<RedeemOutcome> {
    const groupKey = bindingGroupKey(this.keys, invite.binding);
    const previousGroupKey = previous ? bindingGroupKey(this.keys, previous) : groupKey;
    const pairs = Object.entries(bindingFields(invite.binding)).flat();
    const result = await this.redis.eval(
      REDEEM_SCRIPT,
      5,
      this.keys.invite(codeHash),
      this.keys.member(userId),
      groupKey,
      previousGroupKey,
      this.keys.allMembers,
      String(userId),
      String(now),
      ...pairs,
    );
    return result === 1 ? "redeemed" : result === -1 ? "used" : "unknown";
  }

  async failureCount(userId: number): Promise<{ count: number; resetInMs: number }> {
    const key = this.keys.inviteFailures(userId);
    const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
    return { count: Number(count ?? 0), resetInMs: Math.max(ttl, 0) };
  }

  async countFailure(userId: number, windowMs: number): Promise<number> {
    return Number(await this.redis.eval(COUNT_FAILURE_SCRIPT, 1, this.keys.inviteFailures(userId), String(windowMs)));
  }

  async clearFailures(userId: number): Promise<void> {
    await this.redis.del(this.keys.inviteFailures(userId));
  }
}
