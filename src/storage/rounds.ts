import { z } from "zod";
import { planSchema, type Round, targetSchema } from "../domain/rounds.js";
import type { Redis } from "../redis.js";
import type { Keys } from "./keys.js";
import { type EffectMark, effectMarkArgs, effectMarkLua, writeEffectMark } from "./marks.js";

const roundHashSchema = z.object({
  id: z.string(),
  name: z.string(),
  formId: z.string(),
  formVersion: z.coerce.number().int().positive().optional(),
  opensAt: z.coerce.number(),
  deadline: z.coerce.number(),
  targets: z.string().transform((text) => targetSchema.parse(JSON.parse(text))),
  plan: z.string().transform((text) => planSchema.parse(JSON.parse(text))),
  closedAt: z.coerce.number().optional(),
  createdBy: z.string(),
  createdAt: z.coerce.number(),
});

/**
 * A new round, unless its id is taken, with the effect mark of the update that made it.
 * KEYS: round, rounds by opening, rounds' version, the mark's set. ARGV: id, the fields as JSON, opening, the mark.
 */
const CREATE_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], 'id') == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(cjson.decode(ARGV[2])))
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('INCR', KEYS[3])
${effectMarkLua(4, 4)}
return 1
`;

/**
 * Rounds: one hash each (the round, plus the scheduler's marks `remindedUpTo` and `openNotified`),
 * and a sorted set of round ids by opening time.
 */
export class RoundStore {
  /** Rounds change rarely and are read on every step: kept here while their version stays the same. */
  private cached: { version: string; rounds: Round[] } | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Stores a new round in one step, with the update's effect mark when given; false when the id is taken. */
  async create(round: Round, mark?: EffectMark): Promise<boolean> {
    const marked = effectMarkArgs(mark, this.keys.round(round.id));
    const created = await this.redis.eval(
      CREATE_SCRIPT,
      4,
      this.keys.round(round.id),
      this.keys.rounds,
      this.keys.roundsVersion,
      marked.key,
      round.id,
      JSON.stringify(Object.entries(this.toHash(round)).flat()),
      String(round.opensAt),
      ...marked.args,
    );
    return created === 1;
  }

  /** Writes a changed round, with the update's effect mark when given. */
  async save(round: Round, mark?: EffectMark): Promise<void> {
    const transaction = this.redis
      .multi()
      .hset(this.keys.round(round.id), this.toHash(round))
      .zadd(this.keys.rounds, round.opensAt, round.id)
      .incr(this.keys.roundsVersion);
    if (round.closedAt === undefined) transaction.hdel(this.keys.round(round.id), "closedAt");
    if (mark) writeEffectMark(transaction, mark);
    await transaction.exec();
  }

  async get(id: string): Promise<Round | undefined> {
    const parsed = roundHashSchema.safeParse(await this.redis.hgetall(this.keys.round(id)));
    if (!parsed.success) return undefined;
    const { closedAt, formVersion, ...rest } = parsed.data;
    return { ...rest, formVersion, closedAt };
  }

  /**
   * Every round, oldest opening first: one GET when nothing changed since the last call, none
   * when the caller read the version already (along with its other reads).
   */
  async list(knownVersion?: string): Promise<Round[]> {
    const version = knownVersion ?? (await this.redis.get(this.keys.roundsVersion)) ?? "0";
    if (this.cached?.version === version) return this.cached.rounds;
    const ids = await this.redis.zrange(this.keys.rounds, "0", "-1");
    const rounds = (await Promise.all(ids.map((id) => this.get(id)))).filter((round): round is Round => round !== undefined);
    this.cached = { version, rounds };
    return rounds;
  }

  /** The rounds as last read, and the version they were read at; nothing when never read. */
  cachedRounds(): { version: string; rounds: Round[] } | undefined {
    return this.cached;
  }

  async nextId(): Promise<string> {
    return `r${await this.redis.incr(this.keys.roundSeq)}`;
  }

  /**
   * Moves the round's "reminded up to" mark from what the caller read to `to`; false when another
   * process (or an earlier run of this one) already moved it, so a reminder goes out once.
   */
  async claimReminder(id: string, expected: number, to: number): Promise<boolean> {
    const script = `
      local current = tonumber(redis.call('HGET', KEYS[1], 'remindedUpTo') or '0')
      if current ~= tonumber(ARGV[1]) then return 0 end
      redis.call('HSET', KEYS[1], 'remindedUpTo', ARGV[2])
      return 1`;
    return (await this.redis.eval(script, 1, this.keys.round(id), String(expected), String(to))) === 1;
  }

  async remindedUpTo(id: string): Promise<number> {
    return Number((await this.redis.hget(this.keys.round(id), "remindedUpTo")) ?? 0);
  }

  async openingAnnounced(id: string): Promise<boolean> {
    return (await this.redis.hexists(this.keys.round(id), "openNotified")) === 1;
  }

  /** True the first time only: the opening of a round is announced once. */
  async claimOpening(id: string): Promise<boolean> {
    return (await this.redis.hsetnx(this.keys.round(id), "openNotified", "1")) === 1;
  }

  private toHash(round: Round): Record<string, string> {
    return {
      id: round.id,
      name: round.name,
      formId: round.formId,
      ...(round.formVersion !== undefined ? { formVersion: String(round.formVersion) } : {}),
      opensAt: String(round.opensAt),
      deadline: String(round.deadline),
      targets: JSON.stringify(round.targets),
      plan: JSON.stringify(round.plan),
      ...(round.closedAt !== undefined ? { closedAt: String(round.closedAt) } : {}),
      createdBy: round.createdBy,
      createdAt: String(round.createdAt),
    };
  }
}
