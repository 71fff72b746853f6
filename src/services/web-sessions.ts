import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { MemberId } from "../channels/address.js";
import { type Refusal, refuse } from "../domain/refusal.js";
import { type Binding, bindingTag } from "../domain/roles.js";
import type { Redis } from "../redis.js";
import { safeJson } from "../storage/json.js";
import type { Keys } from "../storage/keys.js";
import { sharedSecret } from "../storage/secrets.js";
import type { AccessLog } from "./access-log.js";

/**
 * Signing in to the web console without a password: `/web` in the chat gives a member a link that
 * is signed, bound to them, single use and valid 10 minutes; opening it starts a session, a random
 * id in a cookie whose hash is kept in Redis (so every process behind a proxy knows it), ending
 * after 8 hours idle and 7 days at most, and at once when the member is removed or their role
 * changes. Each session carries the token every change must present (CSRF).
 */

export const SIGN_IN_TTL_SECONDS = 10 * 60;
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
const SIGN_IN_LIMIT = { perWindow: 5, windowSeconds: 60 * 60 };
/** A session's last use is written at most this often: a page and its requests cost one write. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface WebSession {
  /** The hash the session is kept under: names it in lists without revealing the cookie. */
  key: string;
  memberId: MemberId;
  /** `bindingTag` of the role it was started under. */
  right: string;
  createdAt: number;
  seenAt: number;
  csrf: string;
  /** The browser, as its user agent names it (no address is kept). */
  device: string;
}

const sessionSchema = z.object({
  memberId: z.string(),
  right: z.string(),
  createdAt: z.coerce.number(),
  seenAt: z.coerce.number(),
  csrf: z.string(),
  device: z.string().default(""),
});

const hashOf = (value: string) => createHash("sha256").update(value).digest("hex");

/** Counts one use towards an hourly limit in one command. */
const COUNT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
`;

export type SignInIssue = { ok: true; token: string } | Refusal<"web-too-many">;

export class WebSessions {
  private secret: Promise<string> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    /** Where sign-ins are written, for the secretariat's access log. */
    private readonly accessLog?: Pick<AccessLog, "record">,
  ) {}

  /** A one-time sign-in token for the member: `<nonce>.<signature>`, the nonce kept in Redis for 10 minutes. */
  async issueSignIn(memberId: MemberId, binding: Binding, now: number): Promise<SignInIssue> {
    const issued = Number(await this.redis.eval(COUNT_SCRIPT, 1, this.keys.webSignInIssued(memberId), String(SIGN_IN_LIMIT.windowSeconds)));
    if (issued > SIGN_IN_LIMIT.perWindow) return refuse("web-too-many");
    const nonce = randomBytes(24).toString("base64url");
    const right = bindingTag(binding);
    await this.redis.set(this.keys.webSignIn(hashOf(nonce)), JSON.stringify({ memberId, right, at: now }), "EX", SIGN_IN_TTL_SECONDS);
    return { ok: true, token: `${nonce}.${await this.sign(nonce, memberId, right)}` };
  }

  /**
   * Uses a sign-in token once: the member it was made for and the role they had then, or undefined
   * for a token forged, used, or older than 10 minutes.
   */
  async redeemSignIn(token: string, now: number): Promise<{ memberId: MemberId; right: string } | undefined> {
    const [nonce = "", signature = ""] = token.split(".");
    if (!nonce || !signature) return undefined;
    const stored = await this.redis.getdel(this.keys.webSignIn(hashOf(nonce)));
    const parsed = z.object({ memberId: z.string(), right: z.string(), at: z.number() }).safeParse(stored ? safeJson(stored) : undefined);
    // Redis drops the link after 10 minutes by its own clock; the bot's may run ahead of it (the demo's does).
    if (!parsed.success || now - parsed.data.at > SIGN_IN_TTL_SECONDS * 1000) return undefined;
    const expected = Buffer.from(await this.sign(nonce, parsed.data.memberId, parsed.data.right));
    const given = Buffer.from(signature);
    const { memberId, right } = parsed.data;
    return given.length === expected.length && timingSafeEqual(given, expected) ? { memberId, right } : undefined;
  }

  /** Starts a session; returns the id for the cookie (kept only as its hash). */
  async start(memberId: MemberId, right: string, device: string, now: number): Promise<{ id: string; session: WebSession }> {
    const id = randomBytes(32).toString("base64url");
    const key = hashOf(id);
    const session: WebSession = { key, memberId, right, createdAt: now, seenAt: now, csrf: randomBytes(24).toString("base64url"), device };
    const { key: _key, ...fields } = session;
    await this.redis
      .multi()
      .hset(this.keys.webSession(key), { ...fields, createdAt: String(now), seenAt: String(now) })
      .pexpire(this.keys.webSession(key), SESSION_IDLE_MS)
      .sadd(this.keys.webSessionsOf(memberId), key)
      .exec();
    await this.accessLog?.record({ by: memberId, what: "sign-in" }, now);
    return { id, session };
  }

  /** The session a cookie names, if it is alive (idle less than 8 hours, younger than 7 days); its use is noted. */
  async find(id: string, now: number): Promise<WebSession | undefined> {
    const session = await this.byKey(hashOf(id));
    if (!session) return undefined;
    if (now - session.createdAt > SESSION_MAX_MS || now - session.seenAt > SESSION_IDLE_MS) {
      await this.end(session);
      return undefined;
    }
    if (now - session.seenAt > TOUCH_EVERY_MS) {
      await this.redis
        .multi()
        .hset(this.keys.webSession(session.key), "seenAt", String(now))
        .pexpire(this.keys.webSession(session.key), SESSION_IDLE_MS)
        .exec();
    }
    return session;
  }

  /** The member's live sessions, most recently used first. */
  async list(memberId: MemberId, now: number): Promise<WebSession[]> {
    const keys = await this.redis.smembers(this.keys.webSessionsOf(memberId));
    const sessions = await Promise.all(keys.map((key) => this.byKey(key)));
    const gone = keys.filter((_, index) => !sessions[index]);
    if (gone.length) await this.redis.srem(this.keys.webSessionsOf(memberId), ...gone);
    return sessions
      .filter((session): session is WebSession => session !== undefined && now - session.createdAt <= SESSION_MAX_MS)
      .sort((a, b) => b.seenAt - a.seenAt);
  }

  async end(session: Pick<WebSession, "key" | "memberId">): Promise<void> {
    await this.redis.multi().del(this.keys.webSession(session.key)).srem(this.keys.webSessionsOf(session.memberId), session.key).exec();
  }

  /** Ends every session of the member (signed out everywhere, removed, or given another role); returns how many. */
  async endAll(memberId: MemberId): Promise<number> {
    const keys = await this.redis.smembers(this.keys.webSessionsOf(memberId));
    const transaction = this.redis.multi().del(this.keys.webSessionsOf(memberId));
    for (const key of keys) transaction.del(this.keys.webSession(key));
    const results = (await transaction.exec()) ?? [];
    return results.slice(1).filter(([, deleted]) => deleted === 1).length;
  }

  private async byKey(key: string): Promise<WebSession | undefined> {
    const hash = await this.redis.hgetall(this.keys.webSession(key));
    const parsed = sessionSchema.safeParse(hash);
    return parsed.success ? { key, ...parsed.data } : undefined;
  }

  private async sign(nonce: string, memberId: string, right: string): Promise<string> {
    this.secret ??= sharedSecret(this.redis, this.keys.webSecret);
    return createHmac("sha256", await this.secret)
      .update(`sign-in:${nonce}:${memberId}:${right}`)
      .digest("base64url");
  }
}

/** Compares a request's CSRF token with the session's in constant time. */
export function sameToken(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
