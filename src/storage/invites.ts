import { z } from "zod";
import { type Address, formatAddress, type MemberId } from "../channels/address.js";
import type { Binding } from "../domain/roles.js";
import type { Redis } from "../redis.js";
import { safeJson } from "./json.js";
import type { Keys } from "./keys.js";
import { type EffectMark, effectMarkArgs, effectMarkLua, writeEffectMark } from "./marks.js";
import { BINDING_FIELD_NAMES, bindingFields, bindingGroupKey } from "./members.js";
import { sharedSecret } from "./secrets.js";

export interface StoredInvite {
  binding: Binding;
  /** The code's last four characters, so a list can tell invites apart without holding the codes. */
  hint: string | undefined;
  createdAt: number;
  expiresAt: number;
  usedBy: MemberId | undefined;
  /** The member who made it in the chat; none for one made on the command line. */
  issuedBy: MemberId | undefined;
}

const inviteHashSchema = z.object({
  role: z.enum(["officer", "consultant", "secretariat"]),
  agencyId: z.string().optional(),
  consultantId: z.string().optional(),
  createdAt: z.coerce.number().int(),
  expiresAt: z.coerce.number().int(),
  usedBy: z.string().optional(),
  issuedBy: z.string().optional(),
  hint: z.string().optional(),
});

/** An invite not used yet, as /invite list shows it: `key` (the code's HMAC) names it for cancelling. */
export interface OpenInvite extends StoredInvite {
  key: string;
}

const zaloBotSchema = z.object({ name: z.string(), url: z.string() });
const zaloOaSchema = z.object({ url: z.string() });

/**
 * Marks the invite used and binds the member in one step, so a code can never bind two people
 * and a crash can never leave a used code with nobody bound.
 * The address it came from leads to the member from then on.
 * KEYS: invite, member, new group, old group, all members, address, open invites, the mark's set.
 * ARGV: member id, joined at, address, invite key, the update's effect mark (see marks.ts), field/value pairs.
 */
const REDEEM_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HEXISTS', KEYS[1], 'usedBy') == 1 then return -1 end
redis.call('HSET', KEYS[1], 'usedBy', ARGV[1], 'usedAt', ARGV[2])
redis.call('ZREM', KEYS[7], ARGV[4])
redis.call('HDEL', KEYS[2], ${BINDING_FIELD_NAMES.map((name) => `'${name}'`).join(", ")})
redis.call('HSET', KEYS[2], 'joinedAt', ARGV[2], unpack(ARGV, 8))
if redis.call('HEXISTS', KEYS[2], 'addresses') == 0 then redis.call('HSET', KEYS[2], 'addresses', ARGV[3], 'preferred', ARGV[3]) end
redis.call('SET', KEYS[6], ARGV[1])
if KEYS[4] ~= KEYS[3] then redis.call('SREM', KEYS[4], ARGV[1]) end
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[5], ARGV[1])
${effectMarkLua(8, 5)}
return 1
`;

/**
 * Deletes an invite unless it was used: a code being redeemed at this moment either joins or is gone.
 * KEYS: invite, open invites. ARGV: invite key.
 */
const CANCEL_SCRIPT = `
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HEXISTS', KEYS[1], 'usedBy') == 1 then return 0 end
return redis.call('DEL', KEYS[1])
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

  /**
   * Stores new invites (each by its code's hash, with the code's last four characters as `hint`) in
   * one transaction, with the effect mark of the update that made them when given.
   */
  async create(
    invites: { codeHash: string; binding: Binding; hint: string }[],
    createdAt: number,
    expiresAt: number,
    issuedBy: MemberId | undefined,
    mark?: EffectMark,
  ): Promise<void> {
    const transaction = this.redis.multi();
    for (const { codeHash, binding, hint } of invites) {
      const key = this.keys.invite(codeHash);
      transaction
        .hset(key, {
          ...bindingFields(binding),
          createdAt: String(createdAt),
          expiresAt: String(expiresAt),
          hint,
          ...(issuedBy === undefined ? {} : { issuedBy }),
        })
        .pexpireat(key, expiresAt)
        .zadd(this.keys.openInvites, expiresAt, codeHash);
      if (issuedBy !== undefined) transaction.sadd(this.keys.invitesIssuedBy(issuedBy), codeHash);
    }
    if (mark) writeEffectMark(transaction, mark);
    await transaction.exec();
  }

  /** The invite, or undefined when there is none (never made, or expired: Redis drops it then). */
  async find(codeHash: string): Promise<StoredInvite | undefined> {
    const hash = await this.redis.hgetall(this.keys.invite(codeHash));
    const parsed = inviteHashSchema.safeParse(hash);
    if (!parsed.success) return undefined;
    const { role, agencyId, consultantId, createdAt, expiresAt, usedBy, issuedBy, hint } = parsed.data;
    const binding: Binding | undefined =
      role === "officer" && agencyId
        ? { role, agencyId }
        : role === "consultant" && consultantId
          ? { role, consultantId }
          : role === "secretariat"
            ? { role }
            : undefined;
    return binding ? { binding, hint, createdAt, expiresAt, usedBy, issuedBy } : undefined;
  }

  /** The invites not used yet, soonest to expire first; those past `now` leave the index here. */
  async open(now: number): Promise<OpenInvite[]> {
    await this.redis.zremrangebyscore(this.keys.openInvites, "-inf", String(now));
    const codeHashes = await this.redis.zrange(this.keys.openInvites, "0", "-1");
    const found = await Promise.all(codeHashes.map(async (key) => ({ key, invite: await this.find(key) })));
    return found.flatMap(({ key, invite }) => (invite && !invite.usedBy && invite.expiresAt > now ? [{ key, ...invite }] : []));
  }

  /** The invites a member made in the chat (used, cancelled and expired ones included). */
  async issuedBy(memberId: MemberId): Promise<string[]> {
    return this.redis.smembers(this.keys.invitesIssuedBy(memberId));
  }

  /** Forgets which invites a member made, once they are withdrawn. */
  async forgetIssuer(memberId: MemberId): Promise<void> {
    await this.redis.del(this.keys.invitesIssuedBy(memberId));
  }

  /**
   * Consumes the invite for this user. `previous` is the user's binding before, whose group
   * the user leaves. Made by an update, with its effect mark.
   */
  async redeem(
    codeHash: string,
    invite: StoredInvite,
    memberId: MemberId,
    address: Address,
    previous: Binding | undefined,
    now: number,
    mark?: EffectMark,
  ): Promise<RedeemOutcome> {
    const groupKey = bindingGroupKey(this.keys, invite.binding);
    const previousGroupKey = previous ? bindingGroupKey(this.keys, previous) : groupKey;
    const pairs = Object.entries(bindingFields(invite.binding)).flat();
    const marked = effectMarkArgs(mark, this.keys.invite(codeHash));
    const result = await this.redis.eval(
      REDEEM_SCRIPT,
      8,
      this.keys.invite(codeHash),
      this.keys.member(memberId),
      groupKey,
      previousGroupKey,
      this.keys.allMembers,
      this.keys.address(address),
      this.keys.openInvites,
      marked.key,
      memberId,
      String(now),
      formatAddress(address),
      codeHash,
      ...marked.args,
      ...pairs,
    );
    return result === 1 ? "redeemed" : result === -1 ? "used" : "unknown";
  }

  /** Deletes an invite not used yet; one used is kept, as the record of who joined by it. */
  async cancel(codeHash: string): Promise<"cancelled" | "used" | "unknown"> {
    const result = await this.redis.eval(CANCEL_SCRIPT, 2, this.keys.invite(codeHash), this.keys.openInvites, codeHash);
    return result === 1 ? "cancelled" : result === 0 ? "used" : "unknown";
  }

  /** The bots as they introduced themselves at start (src/telegram/start.ts, src/zalo/start.ts, src/zalo-oa/start.ts): where an invite is opened. */
  async botsKnown(): Promise<{
    telegramUsername: string | undefined;
    zalo: { name: string; url: string } | undefined;
    zaloOa: { url: string } | undefined;
  }> {
    const [telegramUsername, zaloJson, oaJson] = await this.redis.mget(this.keys.botUsername, this.keys.zaloBot, this.keys.zaloOa);
    const zalo = zaloBotSchema.safeParse(safeJson(zaloJson ?? ""));
    const zaloOa = zaloOaSchema.safeParse(safeJson(oaJson ?? ""));
    return {
      telegramUsername: telegramUsername || undefined,
      zalo: zalo.success ? zalo.data : undefined,
      zaloOa: zaloOa.success ? zaloOa.data : undefined,
    };
  }

  /** The secret invite codes are keyed with, made once. */
  secret(): Promise<string> {
    return sharedSecret(this.redis, this.keys.inviteSecret);
  }

  async failureCount(address: Address): Promise<{ count: number; resetInMs: number }> {
    const key = this.keys.inviteFailures(address);
    const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
    return { count: Number(count ?? 0), resetInMs: Math.max(ttl, 0) };
  }

  async countFailure(address: Address, windowMs: number): Promise<number> {
    return Number(await this.redis.eval(COUNT_FAILURE_SCRIPT, 1, this.keys.inviteFailures(address), String(windowMs)));
  }

  async clearFailures(address: Address): Promise<void> {
    await this.redis.del(this.keys.inviteFailures(address));
  }
}
