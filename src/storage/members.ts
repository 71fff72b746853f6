import { z } from "zod";
import type { Binding } from "../domain/roles.js";
import type { Redis } from "../redis.js";
import type { Keys } from "./keys.js";

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export const PROFILE_FIELDS = ["fullName", "position", "phone", "email"] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface Member {
  userId: number;
  binding: Binding;
  /** What the officer answered about themself (part 1), offered again in later responses. */
  profile: Partial<Record<ProfileField, string>>;
  /** Chosen with /lang; when absent the Telegram client's language decides. */
  language: Language | undefined;
  joinedAt: number;
  /** Telegram refused a message because the user blocked the bot. */
  blocked: boolean;
}

const memberHashSchema = z
  .object({
    role: z.enum(["officer", "consultant", "secretariat"]),
    agencyId: z.string().optional(),
    consultantId: z.string().optional(),
    language: z.enum(LANGUAGES).optional(),
    joinedAt: z.coerce.number().int(),
    blocked: z.string().optional(),
  })
  .transform((hash, ctx) => {
    const binding = toBinding(hash);
    if (!binding) {
      ctx.addIssue({ code: "custom", message: `a ${hash.role} without its agency or consultant id` });
      return z.NEVER;
    }
    return { binding, language: hash.language, joinedAt: hash.joinedAt, blocked: hash.blocked !== undefined };
  });

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

export class MemberStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly onCorrupt: (userId: number, reason: string) => void,
  ) {}

  /** The member, or undefined for a stranger; a record that fails its check counts as no record. */
  async get(userId: number): Promise<Member | undefined> {
    const hash = await this.redis.hgetall(this.keys.member(userId));
    if (Object.keys(hash).length === 0) return undefined;
    const parsed = memberHashSchema.safeParse(hash);
    if (!parsed.success) {
      this.onCorrupt(userId, parsed.error.issues[0]?.message ?? "invalid member record");
      return undefined;
    }
    const profile: Member["profile"] = {};
    for (const field of PROFILE_FIELDS) {
      const value = hash[`profile:${field}`];
      if (value) profile[field] = value;
    }
    return { userId, ...parsed.data, profile };
  }

  /** True when Telegram said this user blocked the bot; broadcasts skip them until they write again. */
  async isBlocked(userId: number): Promise<boolean> {
    return (await this.redis.hexists(this.keys.member(userId), "blocked")) === 1;
  }

  async markBlocked(userId: number): Promise<void> {
    await this.redis.hset(this.keys.member(userId), "blocked", "1");
  }

  async clearBlocked(userId: number): Promise<void> {
    await this.redis.hdel(this.keys.member(userId), "blocked");
  }

  /** Telegram user ids of every member. */
  async allIds(): Promise<number[]> {
    return (await this.redis.smembers(this.keys.allMembers)).map(Number).sort((a, b) => a - b);
  }

  async setLanguage(userId: number, language: Language): Promise<void> {
    await this.redis.hset(this.keys.member(userId), "language", language);
  }

  /** Telegram user ids of the members that share this binding. */
  async idsOf(binding: Binding): Promise<number[]> {
    const ids = await this.redis.smembers(bindingGroupKey(this.keys, binding));
    return ids.map(Number).sort((a, b) => a - b);
  }
}
