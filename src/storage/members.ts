import { z } from "zod";
import { type Address, formatAddress, type MemberId, parseAddress } from "../channels/address.js";
import type { Binding } from "../domain/roles.js";
import type { Redis } from "../redis.js";
import { hashOf } from "./hash-reply.js";
import { safeJson } from "./json.js";
import type { Keys } from "./keys.js";
import { type EffectMark, writeEffectMark } from "./marks.js";

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export const PROFILE_FIELDS = ["fullName", "position", "phone", "email", "workplace"] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface Member {
  id: MemberId;
  binding: Binding;
  /** What the officer answered about themself (part 1), offered again in later responses. */
  profile: Partial<Record<ProfileField, string>>;
  /** Chosen with /lang; when absent the Telegram client's language decides. */
  language: Language | undefined;
  joinedAt: number;
  /** The channel refused a message because the person blocked the bot. */
  blocked: boolean;
  /** Every account the person reaches the bot from. */
  addresses: Address[];
  /** The address they wrote from last: where the bot's own messages go. */
  preferred: Address | undefined;
}

const memberHashSchema = z
  .object({
    role: z.enum(["officer", "consultant", "secretariat"]),
    agencyId: z.string().optional(),
    consultantId: z.string().optional(),
    language: z.enum(LANGUAGES).optional(),
    joinedAt: z.coerce.number().int(),
    blocked: z.string().optional(),
    addresses: z.string().optional(),
    preferred: z.string().optional(),
  })
  .transform((hash, ctx) => {
    const binding = toBinding(hash);
    if (!binding) {
      ctx.addIssue({ code: "custom", message: `a ${hash.role} without its agency or consultant id` });
      return z.NEVER;
    }
    return {
      binding,
      language: hash.language,
      joinedAt: hash.joinedAt,
      blocked: hash.blocked !== undefined,
      addresses: parseAddresses(hash.addresses),
      preferred: hash.preferred ? parseAddress(hash.preferred) : undefined,
    };
  });

const parseAddresses = (field: string | undefined): Address[] =>
  (field ?? "")
    .split(",")
    .map(parseAddress)
    .filter((address): address is Address => address !== undefined);

/** Members from before Zalo have no address field: their id is their Telegram user id. */
function withLegacyAddress(id: MemberId, addresses: Address[]): Address[] {
  return addresses.length === 0 && /^\d+$/.test(id) ? [{ channel: "telegram", id }] : addresses;
}

function toBinding(hash: { role: Binding["role"]; agencyId?: string | undefined; consultantId?: string | undefined }): Binding | undefined {
  switch (hash.role) {
    case "officer":
      return hash.agencyId ? { role: "officer", agencyId: hash.agencyId } : undefined;
    case "consultant":
      return hash.consultantId ? { role: "consultant", consultantId: hash.consultantId } : undefined;
    case "secretariat":
      return { role: "secretariat" };
  }
}

/** The hash fields that describe a binding; the fields of other bindings are removed when it is written. */
export function bindingFields(binding: Binding): Record<string, string> {
  switch (binding.role) {
    case "officer":
      return { role: binding.role, agencyId: binding.agencyId };
    case "consultant":
      return { role: binding.role, consultantId: binding.consultantId };
    case "secretariat":
      return { role: binding.role };
  }
}

export const BINDING_FIELD_NAMES = ["role", "agencyId", "consultantId"] as const;

/** The set that lists the members sharing this binding: an agency's officers, a consultant's accounts, the secretariat. */
export function bindingGroupKey(keys: Keys, binding: Binding): string {
  switch (binding.role) {
    case "officer":
      return keys.agencyMembers(binding.agencyId);
    case "consultant":
      return keys.consultantMembers(binding.consultantId);
    case "secretariat":
      return keys.secretariatMembers;
  }
}

/** One removal of a member, as `member-removals:<id>` keeps it. */
export interface RemovalRecord {
  removedAt: number;
  removedBy: string;
  role: string;
  agencyId?: string | undefined;
  consultantId?: string | undefined;
  joinedAt: number;
  profile: Partial<Record<ProfileField, string>>;
  addresses: string[];
  erasedAt?: number | undefined;
}

const removalSchema: z.ZodType<RemovalRecord> = z.object({
  removedAt: z.number(),
  removedBy: z.string(),
  role: z.string(),
  agencyId: z.string().optional(),
  consultantId: z.string().optional(),
  joinedAt: z.number(),
  profile: z.partialRecord(z.enum(PROFILE_FIELDS), z.string()),
  addresses: z.array(z.string()),
  erasedAt: z.number().optional(),
}) as z.ZodType<RemovalRecord>;

/** A removal from before the list, read back from its `member-removed:<id>` hash. */
function recordOf(hash: Record<string, string>): RemovalRecord {
  const profile: RemovalRecord["profile"] = {};
  for (const field of PROFILE_FIELDS) if (hash[`profile:${field}`]) profile[field] = hash[`profile:${field}`];
  return {
    removedAt: Number(hash.removedAt ?? 0),
    removedBy: hash.removedBy ?? "",
    role: hash.role ?? "",
    ...(hash.agencyId ? { agencyId: hash.agencyId } : {}),
    ...(hash.consultantId ? { consultantId: hash.consultantId } : {}),
    joinedAt: Number(hash.joinedAt ?? 0),
    profile,
    addresses: (hash.addresses ?? "").split(",").filter(Boolean),
    ...(hash.erasedAt ? { erasedAt: Number(hash.erasedAt) } : {}),
  };
}

export class MemberStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly onCorrupt: (memberId: MemberId, reason: string) => void,
  ) {}

  /** The member, or undefined for a stranger; a record that fails its check counts as no record. */
  async get(id: MemberId): Promise<Member | undefined> {
    return this.parse(id, await this.redis.hgetall(this.keys.member(id)));
  }

  /** The member an address belongs to, in one round trip. */
  async at(address: Address): Promise<Member | undefined> {
    const [id, hash] = (await this.redis.eval(
      "local id = redis.call('GET', KEYS[1]) if not id then return {false, {}} end return {id, redis.call('HGETALL', ARGV[1] .. id)}",
      1,
      this.keys.address(address),
      this.keys.member(""),
    )) as [string | null, string[]];
    if (!id) return undefined;
    return this.parse(id, hashOf(hash));
  }

  /** A member's hash as read; undefined for none, or one that fails its check. */
  parse(id: MemberId, hash: Record<string, string>): Member | undefined {
    if (Object.keys(hash).length === 0) return undefined;
    const parsed = memberHashSchema.safeParse(hash);
    if (!parsed.success) {
      this.onCorrupt(id, parsed.error.issues[0]?.message ?? "invalid member record");
      return undefined;
    }
    const profile: Member["profile"] = {};
    for (const field of PROFILE_FIELDS) {
      const value = hash[`profile:${field}`];
      if (value) profile[field] = value;
    }
    const addresses = withLegacyAddress(id, parsed.data.addresses);
    return { id, ...parsed.data, addresses, preferred: parsed.data.preferred ?? addresses[0], profile };
  }

  /** Where the bot's own messages to this member go: the address they wrote from last. */
  async preferredAddress(id: MemberId): Promise<Address | undefined> {
    return (await this.get(id))?.preferred;
  }

  /** Called when a member writes: the bot answers on the messenger they use now. */
  async notePreferred(member: Member, address: Address): Promise<void> {
    if (member.preferred && formatAddress(member.preferred) === formatAddress(address)) return;
    await this.redis.hset(this.keys.member(member.id), "preferred", formatAddress(address));
  }

  /** True when the channel said this person blocked the bot; broadcasts skip them until they write again. */
  async isBlocked(id: MemberId): Promise<boolean> {
    return (await this.redis.hexists(this.keys.member(id), "blocked")) === 1;
  }

  async markBlocked(id: MemberId): Promise<void> {
    await this.redis.hset(this.keys.member(id), "blocked", "1");
  }

  async clearBlocked(id: MemberId): Promise<void> {
    await this.redis.hdel(this.keys.member(id), "blocked");
  }

  /** Ids of every member. */
  async allIds(): Promise<MemberId[]> {
    return (await this.redis.smembers(this.keys.allMembers)).sort();
  }

  async setLanguage(id: MemberId, language: Language): Promise<void> {
    await this.redis.hset(this.keys.member(id), "language", language);
  }

  /**
   * Takes access away at once: the record moves aside (kept for who-said-what), the addresses no
   * longer lead to anyone, the sets forget the member, and their places in forms, what they were
   * writing and their menus go. Answers and history stay as they are, attributed to the id.
   * Every removal is kept in `member-removals:<id>`, so one after a second joining does not
   * overwrite the first; `member-removed:<id>` is the latest. Made by an update, with its effect mark.
   */
  async remove(member: Member, by: string, now: number, mark?: EffectMark): Promise<void> {
    const cursors: string[] = [];
    for await (const keys of this.redis.scanStream({ match: this.keys.cursor("*", member.id), count: 500 }))
      cursors.push(...(keys as string[]));
    // A removal from before the list was kept goes into it first, rather than being overwritten.
    const [earlier, listed] = await Promise.all([
      this.redis.hgetall(this.keys.removedMember(member.id)),
      this.redis.llen(this.keys.memberRemovals(member.id)),
    ]);
    const removal: RemovalRecord = {
      removedAt: now,
      removedBy: by,
      role: member.binding.role,
      ...(member.binding.role === "officer" ? { agencyId: member.binding.agencyId } : {}),
      ...(member.binding.role === "consultant" ? { consultantId: member.binding.consultantId } : {}),
      joinedAt: member.joinedAt,
      profile: member.profile,
      addresses: member.addresses.map(formatAddress),
    };
    const transaction = this.redis.multi();
    if (Object.keys(earlier).length > 0 && listed === 0)
      transaction.rpush(this.keys.memberRemovals(member.id), JSON.stringify(recordOf(earlier)));
    transaction
      .rpush(this.keys.memberRemovals(member.id), JSON.stringify(removal))
      .rename(this.keys.member(member.id), this.keys.removedMember(member.id))
      .hset(this.keys.removedMember(member.id), { removedAt: String(now), removedBy: by })
      .srem(bindingGroupKey(this.keys, member.binding), member.id)
      .srem(this.keys.allMembers, member.id)
      .del(this.keys.composing(member.id), ...cursors);
    for (const address of member.addresses) transaction.del(this.keys.address(address), this.keys.menu(address));
    if (mark) writeEffectMark(transaction, mark);
    await transaction.exec();
  }

  /** Whether a member of this id was removed (and is not back as a member). */
  async wasRemoved(id: MemberId): Promise<boolean> {
    const [removed, current] = await Promise.all([this.redis.exists(this.keys.removedMember(id)), this.redis.exists(this.keys.member(id))]);
    return removed === 1 && current === 0;
  }

  /** A removed member's name, for the attribution of what they answered before; undefined once erased. */
  async removedName(id: MemberId): Promise<string | undefined> {
    const [name, erased] = await this.redis.hmget(this.keys.removedMember(id), "profile:fullName", "erasedAt");
    return erased ? undefined : (name ?? undefined);
  }

  /** Whether `member erase` removed this id's personal data. */
  async isErased(id: MemberId): Promise<boolean> {
    return (await this.redis.hexists(this.keys.removedMember(id), "erasedAt")) === 1;
  }

  /** Every removal of this id, oldest first. */
  async removals(id: MemberId): Promise<RemovalRecord[]> {
    return (await this.redis.lrange(this.keys.memberRemovals(id), 0, -1)).flatMap((line) => {
      const parsed = removalSchema.safeParse(safeJson(line));
      return parsed.success ? [parsed.data] : [];
    });
  }

  /**
   * Removes a removed member's personal data (`member erase`): the profile and addresses of their
   * record and of every removal kept, marked `erasedAt`. The id stays, so answers attributed to it
   * still count for the agency and read "a former member". False when no removed record exists
   * (the caller removes a current member first).
   */
  async erase(id: MemberId, now: number): Promise<boolean> {
    const key = this.keys.removedMember(id);
    const [hash, removals] = await Promise.all([this.redis.hgetall(key), this.removals(id)]);
    if (Object.keys(hash).length === 0 && removals.length === 0) return false;
    const personal = Object.keys(hash).filter((field) => field.startsWith("profile:") || field === "addresses" || field === "preferred");
    // What is kept by address, unless the address now belongs to someone else (linked since).
    const addresses = new Set(
      [
        ...parseAddresses(hash.addresses),
        ...removals.flatMap((removal) => removal.addresses.flatMap((text) => parseAddress(text) ?? [])),
      ].map(formatAddress),
    );
    for (const text of addresses) {
      const address = parseAddress(text);
      if (!address) continue;
      const owner = await this.redis.get(this.keys.address(address));
      if (owner !== null && owner !== id) continue;
      await this.redis.del(
        ...(owner === id ? [this.keys.address(address)] : []),
        this.keys.menu(address),
        this.keys.inviteFailures(address),
        this.keys.strangerAnswered(address, "stranger"),
        this.keys.strangerAnswered(address, "locked"),
        this.keys.appliedUpdate(address.id),
      );
    }
    const transaction = this.redis.multi();
    if (personal.length) transaction.hdel(key, ...personal);
    transaction.hset(key, "erasedAt", String(now)).del(this.keys.memberRemovals(id));
    const scrubbed = removals.map((removal) => JSON.stringify({ ...removal, profile: {}, addresses: [], erasedAt: now }));
    if (scrubbed.length) transaction.rpush(this.keys.memberRemovals(id), ...scrubbed);
    await transaction.exec();
    return true;
  }

  /** Ids of the members that share this binding. */
  async idsOf(binding: Binding): Promise<MemberId[]> {
    return (await this.redis.smembers(bindingGroupKey(this.keys, binding))).sort();
  }
}
