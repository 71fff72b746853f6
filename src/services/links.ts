import { createHash, randomBytes, randomInt } from "node:crypto";
import { type Address, CHANNEL_NAMES, formatAddress, type MemberId, parseAddress, sameAddress } from "../channels/address.js";
import { type Refusal, refuse } from "../domain/refusal.js";
import { translatorFor } from "../i18n.js";
import type { Outbox, OutboxMessage } from "../jobs/outbox.js";
import type { Logger } from "../logger.js";
import type { Redis } from "../redis.js";
import type { EffectOf } from "../storage/effects.js";
import type { InviteStore } from "../storage/invites.js";
import type { Keys } from "../storage/keys.js";
import { type EffectMarker, effectMarkArgs, effectMarkLua, writeEffectMark } from "../storage/marks.js";
import type { Member, MemberStore } from "../storage/members.js";
import { INVITE_LOCKOUT, normalizeCode } from "./invites.js";

/**
 * One person on two messengers: a member asks for a one-time code on one channel and types it on
 * the other; the member then confirms, from an account they already have, that the new one is
 * theirs, which binds it to the same member (answers, cursor, tickets follow). Whoever only holds
 * the code cannot take an account over. Codes are stored hashed, valid 10 minutes, used once; a
 * member may ask for 5 an hour, and wrong codes count towards the same lock-out as wrong invite codes.
 */

const LINK_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const LINK_LENGTH = 8;
const LINK_PATTERN = new RegExp(`^[${LINK_ALPHABET}]{${LINK_LENGTH}}$`);
export const LINK_TTL_SECONDS = 10 * 60;
const ISSUE_LIMIT = { perWindow: 5, windowSeconds: 60 * 60 };
const REQUEST_ID_PATTERN = /^[0-9a-f]{12}$/;

const hashCode = (code: string) => createHash("sha256").update(`link:${code}`).digest("hex");

export function looksLikeLinkCode(input: string): boolean {
  return LINK_PATTERN.test(normalizeCode(input));
}

export type LinkIssue = { ok: true; code: string; displayCode: string } | Refusal<"link-too-many">;

export type LinkRedemption =
  /** The code was right: the member confirms the new address from one they already have (`requestId`). */
  | { outcome: "pending"; member: Member; requestId: string }
  | { outcome: "already-linked" }
  | { outcome: "taken" }
  | { outcome: "invalid" }
  | { outcome: "locked"; retryInMinutes: number };

export type LinkDecision =
  | { outcome: "linked"; member: Member; address: Address }
  | { outcome: "refused"; address: Address }
  /** No such request for this member: expired, decided already, or someone else's. */
  | { outcome: "gone" }
  | { outcome: "taken" };

/** Counts a request towards the hourly limit in one command, so a crash cannot leave a counter that never expires. */
const COUNT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
`;

/**
 * Consumes a link code typed at a free address and keeps the request for the member to confirm;
 * a code typed where the member already is just goes. KEYS: code, address, member hash prefix,
 * request, the mark's set. ARGV: address text, request lifetime in seconds, the update's effect mark.
 */
const REQUEST_SCRIPT = `
local memberId = redis.call('GET', KEYS[1])
if not memberId then return {0} end
local owner = redis.call('GET', KEYS[2])
if owner and owner ~= memberId then return {-1} end
redis.call('DEL', KEYS[1])
if owner == memberId then return {2, memberId} end
if redis.call('EXISTS', KEYS[3] .. memberId) == 0 then return {0} end
redis.call('HSET', KEYS[4], 'memberId', memberId, 'address', ARGV[1])
redis.call('EXPIRE', KEYS[4], ARGV[2])
${effectMarkLua(5, 3)}
return {1, memberId}
`;

/**
 * Binds the requested address to the member who confirmed it, atomically: the request is theirs
 * and consumed, the address still free, the member still there. KEYS: request, address, member,
 * the mark's set. ARGV: member id, address text, the update's effect mark.
 */
const CONFIRM_SCRIPT = `
if redis.call('HGET', KEYS[1], 'memberId') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'address') ~= ARGV[2] then return 0 end
redis.call('DEL', KEYS[1])
local owner = redis.call('GET', KEYS[2])
if owner and owner ~= ARGV[1] then return -1 end
if owner ~= ARGV[1] then
  if redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
  redis.call('SET', KEYS[2], ARGV[1])
  local list = redis.call('HGET', KEYS[3], 'addresses')
  redis.call('HSET', KEYS[3], 'addresses', (list and list ~= '') and (list .. ',' .. ARGV[2]) or ARGV[2], 'preferred', ARGV[2])
end
${effectMarkLua(4, 3)}
return 1
`;

/** Withdraws a request, only for its member. KEYS: request, the mark's set. ARGV: member id, the update's effect mark. */
const REFUSE_SCRIPT = `
if redis.call('HGET', KEYS[1], 'memberId') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
${effectMarkLua(2, 2)}
return 1
`;

/** What an update did to a member's addresses, as its effect mark keeps it (src/storage/effects.ts). */
export type LinkEffect = EffectOf<"link">;
export type UnlinkEffect = EffectOf<"unlink">;

export class LinkService {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly members: MemberStore,
    private readonly failures: InviteStore,
  ) {}

  async issue(memberId: MemberId): Promise<LinkIssue> {
    const issued = Number(await this.redis.eval(COUNT_SCRIPT, 1, this.keys.linkIssued(memberId), String(ISSUE_LIMIT.windowSeconds)));
    if (issued > ISSUE_LIMIT.perWindow) return refuse("link-too-many");
    const code = Array.from({ length: LINK_LENGTH }, () => LINK_ALPHABET[randomInt(LINK_ALPHABET.length)]).join("");
    await this.redis.set(this.keys.linkCode(hashCode(code)), memberId, "EX", LINK_TTL_SECONDS);
    return { ok: true, code, displayCode: `${code.slice(0, 4)}-${code.slice(4)}` };
  }

  /**
   * A link code typed at `address`: nothing is bound yet. Whoever holds the code could type it, so
   * the member confirms from an address they already have (`confirm`) before this one is theirs.
   * The request is kept with the effect mark of the update that made it (`mark`), which names it.
   */
  async redeem(input: string, address: Address, mark?: EffectMarker): Promise<LinkRedemption> {
    const failures = await this.failures.failureCount(address);
    if (failures.count >= INVITE_LOCKOUT.maxFailures) {
      return { outcome: "locked", retryInMinutes: Math.max(1, Math.ceil(failures.resetInMs / 60_000)) };
    }
    const code = normalizeCode(input);
    const requestId = randomBytes(6).toString("hex");
    const marked = effectMarkArgs(
      mark?.({ kind: "link", did: "requested", request: requestId, address: formatAddress(address) }),
      this.keys.linkPending(requestId),
    );
    const [result, memberId] = LINK_PATTERN.test(code)
      ? ((await this.redis.eval(
          REQUEST_SCRIPT,
          5,
          this.keys.linkCode(hashCode(code)),
          this.keys.address(address),
          this.keys.member(""),
          this.keys.linkPending(requestId),
          marked.key,
          formatAddress(address),
          String(LINK_TTL_SECONDS),
          ...marked.args,
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
    return { outcome: "pending", member, requestId };
  }

  /** The member confirms (from an address of theirs) that the requested address is theirs too; with the update's effect mark. */
  async confirm(requestId: string, member: Member, mark?: EffectMarker): Promise<LinkDecision> {
    const address = await this.requested(requestId);
    if (!address) return { outcome: "gone" };
    const marked = effectMarkArgs(
      mark?.({ kind: "link", did: "linked", request: requestId, address: formatAddress(address) }),
      this.keys.linkPending(requestId),
    );
    const result = await this.redis.eval(
      CONFIRM_SCRIPT,
      4,
      this.keys.linkPending(requestId),
      this.keys.address(address),
      this.keys.member(member.id),
      marked.key,
      member.id,
      formatAddress(address),
      ...marked.args,
    );
    if (result === -1) return { outcome: "taken" };
    const linked = result === 1 ? await this.members.get(member.id) : undefined;
    return linked ? { outcome: "linked", member: linked, address } : { outcome: "gone" };
  }

  /** The member says the request was not theirs: the address stays a stranger's. With the update's effect mark. */
  async refuse(requestId: string, member: Member, mark?: EffectMarker): Promise<LinkDecision> {
    const address = await this.requested(requestId);
    if (!address) return { outcome: "gone" };
    const marked = effectMarkArgs(
      mark?.({ kind: "link", did: "refused", request: requestId, address: formatAddress(address) }),
      this.keys.linkPending(requestId),
    );
    const result = await this.redis.eval(REFUSE_SCRIPT, 2, this.keys.linkPending(requestId), marked.key, member.id, ...marked.args);
    return result === 1 ? { outcome: "refused", address } : { outcome: "gone" };
  }

  /** A request still waiting for its member's answer: whose it is; undefined once answered or expired. */
  async pending(requestId: string): Promise<Member | undefined> {
    if (!REQUEST_ID_PATTERN.test(requestId)) return undefined;
    const memberId = await this.redis.hget(this.keys.linkPending(requestId), "memberId");
    return memberId ? this.members.get(memberId) : undefined;
  }

  private async requested(requestId: string): Promise<Address | undefined> {
    if (!REQUEST_ID_PATTERN.test(requestId)) return undefined;
    const text = await this.redis.hget(this.keys.linkPending(requestId), "address");
    return text ? parseAddress(text) : undefined;
  }

  /** Takes one address away from the member; never the last one (that is removing the member). With the update's effect mark. */
  async unlink(member: Member, address: Address, mark?: UnlinkMark): Promise<"removed" | "last" | "not-theirs"> {
    if (!member.addresses.some((own) => sameAddress(own, address))) return "not-theirs";
    const rest = member.addresses.filter((own) => !sameAddress(own, address));
    const [first] = rest;
    if (!first) return "last";
    const preferred = member.preferred && !sameAddress(member.preferred, address) ? member.preferred : first;
    const transaction = this.redis
      .multi()
      .del(this.keys.address(address), this.keys.menu(address))
      .hset(this.keys.member(member.id), { addresses: rest.map(formatAddress).join(","), preferred: formatAddress(preferred) });
    if (mark)
      writeEffectMark(transaction, mark.marker({ kind: "unlink", member: member.id, address: formatAddress(address), ...mark.unlink }));
    await transaction.exec();
    return "removed";
  }
}

/** Who takes an address away, when (the notices are named by it), and the update's marker. */
interface UnlinkMark {
  marker: EffectMarker;
  unlink: Pick<UnlinkEffect, "by" | "at">;
}

/**
 * Takes one account away from a member (by the account itself, or by the secretariat) and tells
 * each of the member's accounts, the one removed included, except the one that asked. From the
 * chat, with the effect mark of the update (`mark`): its repeat tells again (`retellUnlink`).
 */
export async function unlinkAndTell(
  deps: { links: Pick<LinkService, "unlink">; outbox: Pick<Outbox, "enqueue"> | undefined; logger: Logger; now: () => number },
  member: Member,
  address: Address,
  by: "self" | "secretariat",
  mark?: EffectMarker,
): Promise<"removed" | "last" | "not-theirs"> {
  const at = deps.now();
  const outcome = await deps.links.unlink(member, address, mark && { marker: mark, unlink: { by, at } });
  if (outcome !== "removed") return outcome;
  deps.logger.info({ memberId: member.id, channel: address.channel, by }, "address unlinked");
  await deps.outbox?.enqueue(unlinkNotices(member, address, by, at));
  return outcome;
}

/**
 * An unlink an earlier try of the update made: its notices queued again (under the same ids, so
 * sent once) to the member's accounts as they were; the address taken away, for the reply.
 */
export async function retellUnlink(
  deps: { members: Pick<MemberStore, "get">; outbox: Pick<Outbox, "enqueue"> | undefined },
  effect: UnlinkEffect,
): Promise<Address | undefined> {
  const address = parseAddress(effect.address);
  const member = await deps.members.get(effect.member);
  if (!address || !member) return address;
  const before = member.addresses.some((own) => sameAddress(own, address)) ? member.addresses : [...member.addresses, address];
  await deps.outbox?.enqueue(unlinkNotices({ ...member, addresses: before }, address, effect.by, effect.at));
  return address;
}

/** What each account of the member hears of an unlink made at `at` (`member` as it was before): named by it. */
function unlinkNotices(member: Member, address: Address, by: "self" | "secretariat", at: number): OutboxMessage[] {
  const tm = translatorFor(member.language);
  const channel = CHANNEL_NAMES[address.channel];
  const told = by === "self" ? member.addresses.filter((own) => !sameAddress(own, address)) : member.addresses;
  return told.map((own) => ({
    id: `unlinked-${formatAddress(address)}-${formatAddress(own)}-${at}`,
    memberId: member.id,
    to: formatAddress(own),
    message: {
      text: sameAddress(own, address)
        ? tm("link-unlinked-this", { channel })
        : tm(by === "self" ? "link-unlinked-other" : "link-unlinked-by-secretariat", { channel }),
    },
  }));
}
