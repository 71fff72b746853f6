import type { Round } from "../domain/rounds.js";
import type { ParkedUpdates } from "../intake/parked.js";
import type { Logger } from "../logger.js";
import type { Redis } from "../redis.js";
import { safeJson } from "../storage/json.js";
import type { Keys } from "../storage/keys.js";

/**
 * What is kept only as long as it is needed (Decree 13/2023 on personal data), run on the
 * scheduler's tick:
 * - parked updates older than PARKED_RETENTION_DAYS are trimmed (their text is redacted from the
 *   start, the whole update kept beside for a day: src/intake/stream.ts);
 * - ROUND_RETENTION_DAYS after a round closed, what only its filling needed goes: each officer's
 *   place in its form (`cursor:<round>:<member>`: the screen, the prompt's message id) and a review
 *   comment being written on it. The answers, their history, the review and the round stay: they
 *   are the agency's report, removed only when the secretariat says so. A round reopened and
 *   closed again is looked at again.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionPolicy {
  parkedDays: number;
  roundDays: number;
}

export interface RetentionRun {
  parked: number;
  /** Rounds whose filling state was removed in this run, and how many keys went. */
  rounds: string[];
  keys: number;
}

export class Retention {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly rounds: { list(): Promise<Round[]> },
    private readonly parked: Pick<ParkedUpdates, "expire">,
    private readonly policy: RetentionPolicy,
    private readonly logger: Logger,
  ) {}

  /** `now` is the bot's clock (rounds close by it); parked entries are trimmed by the wall clock, their ids' time. */
  async run(now: number, wallNow = Date.now()): Promise<RetentionRun> {
    const parked = await this.parked.expire(wallNow, this.policy.parkedDays);
    const done = await this.redis.hgetall(this.keys.roundRetention);
    const due = (await this.rounds.list()).filter(
      (round) =>
        round.closedAt !== undefined && now - round.closedAt >= this.policy.roundDays * DAY_MS && done[round.id] !== String(round.closedAt),
    );
    let removed = 0;
    for (const round of due) {
      removed += await this.forgetFilling(round.id);
      await this.redis.hset(this.keys.roundRetention, round.id, String(round.closedAt));
    }
    if (parked || due.length) this.logger.info({ parked, rounds: due.map((round) => round.id), keys: removed }, "retention applied");
    return { parked, rounds: due.map((round) => round.id), keys: removed };
  }

  private async forgetFilling(roundId: string): Promise<number> {
    const doomed: string[] = [];
    for await (const keys of this.redis.scanStream({ match: this.keys.cursor(roundId, "*"), count: 500 }))
      doomed.push(...(keys as string[]));
    for await (const keys of this.redis.scanStream({ match: this.keys.composing("*"), count: 500 })) {
      const names = keys as string[];
      if (names.length === 0) continue;
      const values = await this.redis.mget(...names);
      names.forEach((name, index) => {
        const composing = safeJson(values[index] ?? "") as { kind?: unknown; roundId?: unknown } | undefined;
        if (composing?.kind === "review-comment" && composing.roundId === roundId) doomed.push(name);
      });
    }
    let removed = 0;
    for (let start = 0; start < doomed.length; start += 500) removed += await this.redis.del(...doomed.slice(start, start + 500));
    return removed;
  }
}
