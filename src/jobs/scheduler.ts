import type { Logger } from "../logger.js";
import type { RedisTarget } from "../redis.js";
import { BullQueue } from "./bull.js";

/**
 * One tick every few seconds for all bot processes together (a BullMQ job scheduler: one job per
 * interval, taken by one worker). The tick looks at the rounds and queues what is due; what it
 * has done is marked in Redis, so a restart, a slow tick or a second process repeats nothing.
 */
const QUEUE = "scheduler";

export class Scheduler {
  private readonly bull: BullQueue<unknown>;

  constructor(
    redis: RedisTarget,
    prefix: string,
    private readonly logger: Logger,
  ) {
    this.bull = new BullQueue<unknown>(redis, prefix, QUEUE);
  }

  async start(everySeconds: number, tick: () => Promise<void>): Promise<void> {
    await this.bull.queue.upsertJobScheduler(
      "rounds-tick",
      { every: everySeconds * 1000 },
      { name: "tick", opts: { removeOnComplete: 10, removeOnFail: 100 } },
    );
    const worker = this.bull.work(() => tick(), { concurrency: 1 });
    worker.on("failed", (_job, error) => this.logger.warn({ error: error.message }, "scheduler tick failed"));
  }

  close(): Promise<void> {
    return this.bull.close();
  }
}
