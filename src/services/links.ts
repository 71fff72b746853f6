import { createHash, randomInt } from "node:crypto";
import { type Address, formatAddress, type MemberId, sameAddress } from "../channels/address.js";
import type { Redis } from "../redis.js";
import type { InviteStore } from "../storage/invites.js";
import type { Keys } from "../storage/keys.js";
import type { Member, MemberStore } from "../storage/members.js";
import { INVITE_LOCKOUT, normalizeCode } from "./invites.js";

/**
 * One person on two messengers: a member asks for a one-time code on one channel and types it on
 * the other, which binds that address to the same member (answers, cursor, tickets follow).
 * Codes are stored hashed, valid 10 minutes, used once; a member may ask for 5 an hour, and wrong
 * codes count towards the same lock-out as wrong invite codes.
 */

const LINK_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const LINK_LENGTH = 8;
const LINK_PATTERN = new RegExp(`^[${LINK_ALPHABET}]{${LINK_LENGTH}}$`);
export const LINK_TTL_SECONDS = 10 * 60;
const ISSUE_LIMIT = { perWindow: 5, windowSeconds: 60 * 60 };

const hashCode = (code: string) => createHash("sha256").update(`link:${code}`).digest("hex");

export function looksLikeLinkCode(input: string): boolean {
  return LINK_PATTERN.test(normalizeCode(input));
}

export type LinkIssue = { ok: true; code: string; displayCode: string } | { ok: false; reason: "too-many" };

export type LinkRedemption =
  | { outcome: "linked"; member: Member; others: Address[] }
  | { outcome: "already-linked" }
  | { outcome: "taken" }
  | { outcome: "invalid" }
  | { outcome: "locked"; retryInMinutes: number };

/**
 * Binds the address to the member named by the code, atomically: the code is consumed, the
 * address must be free (or already this member's), the member's address list grows.
 * KEYS: code, address, member hash prefix. ARGV: address text.
 */
const LINK_SCRIPT = `
local memberId = redis.call('GET', KEYS[1])
if not memberId then return {0} end
local owner = redis.call('GET', KEYS[2])
if owner and owner ~= memberId then return {-1} end
redis.call('DEL', KEYS[1])
if owner == memberId then return {2, memberId} end
local memberKey = KEYS[3] .. memberId
if redis.call('EXISTS', memberKey) == 0 then return {0} end
redis.call('SET', KEYS[2], memberId)
local list = redis.call('HGET', memberKey, 'addresses')
redis.call('HSET', memberKey, 'addresses', (list and list ~= '') and (list .. ',' .. ARGV[1]) or ARGV[1], 'preferred', ARGV[1])
return {1, memberId}
`;

export class LinkService {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly members: MemberStore,
    private readonly failures: InviteStore,
  ) {}

  async issue(memberId: MemberId): Promise<LinkIssue> {
    const counter = this.keys.linkIssued(memberId);
    const issued = await this.redis.incr(counter);
    if (issued === 1) await this.redis.expire(counter, ISSUE_LIMIT.windowSeconds);
    if (issued > ISSUE_LIMIT.perWindow) return { ok: false, reason: "too-many" };
    const code = Array.from({ length: LINK_LENGTH }, () => LINK_ALPHABET[randomInt(LINK_ALPHABET.length)]).join("");
    await this.redis.set(this.keys.linkCode(hashCode(code)), memberId, "EX", LINK_TTL_SECONDS);
    return { ok: true, code, displayCode: `${code.slice(0, 4)}-${code.slice(4)}` };
  }

  async redeem(input: string, address: Address): Promise<LinkRedemption> {
    const failures = await this.failures.failureCount(address);
    if (failures.count >= INVITE_LOCKOUT.maxFailures) {
      return { outcome: "locked", retryInMinutes: Math.max(1, Math.ceil(failures.resetInMs / 60_000)) };
    }
    const code = normalizeCode(input);
    const [result, memberId] = LINK_PATTERN.test(code)
      ? ((await this.redis.eval(
          LINK_SCRIPT,
          3,
          this.keys.linkCode(hashCode(code)),
          this.keys.address(address),
          this.keys.member(""),
          formatAddress(address),
        )) as [number, string | undefined])
      : [0, undefined];
    if (result === -1) return { outcome: "taken" };
    if (result === 0 || !memberId) {
      await this.failures.countFailure(address, INVITE_LOCKOUT.windowMs);
      return { outcome: "invalid" };
    }
    await this.failures.clearFailures(address);
    if (result === 2) return { outcome: "already-linked" };
    const member = await this.members.get(memberId);
    if (!member) return { outcome: "invalid" };
    return { outcome: "linked", member, others: member.addresses.filter((other) => !sameAddress(other, address)) };
  }

  /** Takes one address away from the member; never the last one (that is removing the member). */
  async unlink(member: Member, address: Address): Promise<"removed" | "last" | "not-theirs"> {
    if (!member.addresses.some((own) => sameAddress(own, address))) return "not-theirs";
    const rest = member.addresses.filter((own) => !sameAddress(own, address));
    const [first] = rest;
    if (!first) return "last";
    const preferred = member.preferred && !sameAddress(member.preferred, address) ? member.preferred : first;
    await this.redis
      .multi()
      .del(this.keys.address(address))
      .hset(this.keys.member(member.id), { addresses: rest.map(formatAddress).join(","), preferred: formatAddress(preferred) })
      .exec();
    return "removed";
  }
}
