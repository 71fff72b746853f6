import { createHash, randomBytes } from "node:crypto";
import type { Logger } from "../logger.js";
import type { Redis } from "../redis.js";
import type { Keys } from "../storage/keys.js";
import { type OaClient, OaRefreshRefused } from "./client.js";

/**
 * The OA's access token (about a day) and its single-use refresh token (about three months), kept
 * in Redis (`zalo-oa:tokens`) for every process. Refreshed before the access token runs out (and by
 * a timer, so an idle bot keeps its refresh token alive), by one process at a time
 * (`zalo-oa:token-lock`); the others wait for its pair. The new pair is written to Redis as soon as
 * Zalo gives it, before anything uses it: a process killed after that leaves a working pair, and
 * the used refresh token is never sent again. A refusal is an error a person must act on: logged
 * once with what to do, and the OA reported down (`/health`) until a new refresh token comes.
 */

/** The access token can no more be had: sends are tried again later, and /health says why. */
export class OaTokenUnavailable extends Error {
  constructor(reason: string) {
    super(`no Zalo OA access token: ${reason}`);
    this.name = "OaTokenUnavailable";
  }
}

export interface TokenOptions {
  /**
   * This process's name among those sharing Redis (INSTANCE_ID): written with the lock, so that
   * the same process started again takes back a lock its former life died holding.
   */
  owner?: string;
  /** How long the lock is held at most: longer than a refresh call may take (its timeout is 15 s). */
  lockMs?: number;
  /** How long a process waits for another's refresh. */
  waitMs?: number;
  /** How often the timer looks whether a refresh is due. */
  checkEveryMs?: number;
  now?: () => number;
}

interface TokenState {
  access: string;
  refresh: string;
  expiresAt: number;
  refreshAt: number;
  failure: string;
}

/** A refresh is due this long before the access token ends: an hour of Zalo's 25, a quarter of a short one. */
const marginOf = (lifetimeMs: number): number => Math.min(60 * 60 * 1000, lifetimeMs / 4);

/**
 * KEYS: the token hash. ARGV: the configured refresh token, its hash. Seeds Redis with the
 * configured token when Redis has none, or when the configured one is new (a new consent): the
 * hash of the one seeded last is kept, never the token twice. 1 when it seeded, 0 when not, -1
 * when there is no token at all.
 */
const SEED_SCRIPT = `
if ARGV[1] ~= '' and redis.call('HGET', KEYS[1], 'seed') ~= ARGV[2] then
  redis.call('HSET', KEYS[1], 'refresh', ARGV[1], 'seed', ARGV[2], 'access', '', 'expiresAt', '0', 'refreshAt', '0')
  redis.call('HDEL', KEYS[1], 'failure', 'failedAt')
  return 1
end
if not redis.call('HGET', KEYS[1], 'refresh') then return -1 end
return 0
`;

/** KEYS: the lock. ARGV: its owner. Lets go of the lock only if it is still this process's. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** KEYS: the lock. ARGV: the process's name and ':'. Takes back a lock this process held before it was killed. */
const TAKE_BACK_SCRIPT = `
local held = redis.call('GET', KEYS[1])
if held and string.sub(held, 1, string.len(ARGV[1])) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class TokenKeeper {
  private readonly owner: string;
  private readonly lockMs: number;
  private readonly waitMs: number;
  private readonly checkEveryMs: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly client: Pick<OaClient, "refresh">,
    private readonly logger: Logger,
    options: TokenOptions = {},
  ) {
    this.owner = options.owner ?? randomBytes(8).toString("hex");
    this.lockMs = options.lockMs ?? 20_000;
    this.waitMs = options.waitMs ?? 20_000;
    this.checkEveryMs = options.checkEveryMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Puts the configured refresh token into Redis when Redis has none or it is a new one; throws
   * when neither has a token (the bot cannot start on the OA without one).
   */
  async seed(configured: string | undefined): Promise<void> {
    const hash = configured ? createHash("sha256").update(configured).digest("hex") : "";
    const seeded = Number(await this.redis.eval(SEED_SCRIPT, 1, this.keys.zaloOaTokens, configured ?? "", hash));
    if (seeded === -1)
      throw new OaTokenUnavailable(
        "ZALO_OA_REFRESH_TOKEN is required the first time: Redis holds no OA token yet (the OA admin grants the app access in Zalo for Developers, which gives one)",
      );
    if (seeded === 1) this.logger.info("Zalo OA refresh token taken from ZALO_OA_REFRESH_TOKEN");
    // Killed while refreshing, this process would otherwise wait for its own lock to run out.
    if (Number(await this.redis.eval(TAKE_BACK_SCRIPT, 1, this.keys.zaloOaTokenLock, `${this.owner}:`)) === 1)
      this.logger.warn("Zalo OA token lock left by this process before it stopped; taken back");
  }

  /** A working access token, refreshed first when due; throws OaTokenUnavailable when there is none to be had. */
  accessToken(): Promise<string> {
    return this.refreshed(undefined);
  }

  /** The OA refused this access token: a new one (refreshed now, unless another process already did). */
  replace(refused: string): Promise<string> {
    return this.refreshed(refused);
  }

  /** Refreshes when due, on a timer, until stopped. */
  start(): void {
    this.timer = setInterval(() => {
      this.accessToken().catch(() => undefined);
    }, this.checkEveryMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** "up", or "down" with why, for /health. */
  async status(): Promise<{ up: boolean; detail: string }> {
    const state = await this.read();
    if (state.failure) return { up: false, detail: `refresh refused (${state.failure}): a new ZALO_OA_REFRESH_TOKEN is needed` };
    if (!state.refresh) return { up: false, detail: "no refresh token" };
    if (!state.access || state.expiresAt <= this.now()) return { up: false, detail: "access token expired, not refreshed yet" };
    return { up: true, detail: "up" };
  }

  private async read(): Promise<TokenState> {
    const hash = await this.redis.hgetall(this.keys.zaloOaTokens);
    return {
      access: hash.access ?? "",
      refresh: hash.refresh ?? "",
      expiresAt: Number(hash.expiresAt ?? 0),
      refreshAt: Number(hash.refreshAt ?? 0),
      failure: hash.failure ?? "",
    };
  }

  private due(state: TokenState, refused: string | undefined): boolean {
    return !state.access || this.now() >= state.refreshAt || (refused !== undefined && state.access === refused);
  }

  private async refreshed(refused: string | undefined): Promise<string> {
    const deadline = this.now() + this.waitMs;
    for (let wait = 50; ; wait = Math.min(wait * 2, 500)) {
      const state = await this.read();
      if (state.failure) throw new OaTokenUnavailable(`refresh refused (${state.failure})`);
      if (!state.refresh) throw new OaTokenUnavailable("no refresh token");
      if (!this.due(state, refused)) return state.access;
      const owner = `${this.owner}:${randomBytes(8).toString("hex")}`;
      if ((await this.redis.set(this.keys.zaloOaTokenLock, owner, "PX", this.lockMs, "NX")) === "OK") {
        try {
          return await this.refreshUnderLock(refused);
        } finally {
          await this.redis.eval(RELEASE_SCRIPT, 1, this.keys.zaloOaTokenLock, owner).catch(() => undefined);
        }
      }
      // Another process refreshes: its pair is waited for, not a second refresh.
      if (this.now() > deadline) throw new OaTokenUnavailable("another process has been refreshing for too long");
      await sleep(wait);
    }
  }

  private async refreshUnderLock(refused: string | undefined): Promise<string> {
    // Read again under the lock: the process before may have refreshed since.
    const state = await this.read();
    if (state.failure) throw new OaTokenUnavailable(`refresh refused (${state.failure})`);
    if (!this.due(state, refused)) return state.access;
    let pair: Awaited<ReturnType<OaClient["refresh"]>>;
    try {
      pair = await this.client.refresh(state.refresh);
    } catch (error) {
      if (error instanceof OaRefreshRefused) {
        const failure = `${error.code} ${error.errorName}`.trim();
        await this.redis.hset(this.keys.zaloOaTokens, "failure", failure, "failedAt", String(this.now()));
        this.logger.error(
          { code: error.code, error: error.errorName },
          "Zalo OA refused the refresh token: the OA stops sending and receiving answers. The OA admin must grant the app access again (Zalo for Developers, the app, Official Account, access), then set the new refresh token in ZALO_OA_REFRESH_TOKEN and restart the bot",
        );
        throw new OaTokenUnavailable(`refresh refused (${failure})`);
      }
      // No answer: Zalo may or may not have used the token. Tried again later with the one kept.
      this.logger.warn({ error: (error as Error).message }, "Zalo OA token refresh got no answer; tried again later");
      throw new OaTokenUnavailable("refresh got no answer");
    }
    // Kept before it is used: from here a crash leaves Redis with the pair Zalo now expects.
    const now = this.now();
    const lifetimeMs = pair.expiresIn * 1000;
    await this.redis.hset(this.keys.zaloOaTokens, {
      access: pair.accessToken,
      refresh: pair.refreshToken,
      expiresAt: String(now + lifetimeMs),
      refreshAt: String(now + lifetimeMs - marginOf(lifetimeMs)),
      refreshedAt: String(now),
    });
    this.logger.info({ expiresInSeconds: pair.expiresIn }, "Zalo OA access token refreshed");
    return pair.accessToken;
  }
}
