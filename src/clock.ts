import type { Redis } from "./redis.js";

/**
 * "Now" for everything that keeps time: deadlines, reminders, office hours. In production the
 * system clock; with CLOCK=adjustable, the system clock plus an offset kept in Redis, so the
 * demo and the tests can move every process on the same Redis to the day before a deadline.
 */
export interface Clock {
  now(): number;
  /** Reads the offset again; the scheduler calls it before each tick. */
  sync(): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sync: async () => {} };

export class AdjustableClock implements Clock {
  private offset = 0;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  now(): number {
    return Date.now() + this.offset;
  }

  async sync(): Promise<void> {
    this.offset = Number((await this.redis.get(this.key)) ?? 0);
  }

  /** Moves "now" for every process that reads this clock. */
  async setNow(at: number): Promise<void> {
    this.offset = at - Date.now();
    await this.redis.set(this.key, String(this.offset));
  }
}
