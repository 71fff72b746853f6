import { Queue, Worker } from "bullmq";
import type { Logger } from "../logger.js";
import { connectRedis, type Redis } from "../redis.js";

/**
 * One tick every few seconds for all bot processes together (a BullMQ job scheduler: one job per
 * interval, taken by one worker). The tick looks at the rounds and queues what is due; what it
 * has done is marked in Redis, so a restart, a slow tick or a second process repeats nothing.
 */
const QUEUE = "scheduler";

export class Scheduler {
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private workerConnection: Redis | undefined;

  constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    this.connection = connectRedis(redisUrl);
    this.queue = new Queue(QUEUE, { connection: this.connection, prefix: `${prefix}bull` });
  }

  async start(everySeconds: number, tick: () => Promise<void>): Promise<void> {
    await this.queue.upsertJobScheduler(
      "rounds-tick",
      { every: everySeconds * 1000 },
      { name: "tick", opts: { removeOnComplete: 10, removeOnFail: 100 } },
    );
    this.workerConnection = connectRedis(this.redisUrl);
    this.worker = new Worker(QUEUE, () => tick(), { connection: this.workerConnection, prefix: `${this.prefix}bull`, concurrency: 1 });
    this.worker.on("failed", (_job, error) => this.logger.warn({ error: error.message }, "scheduler tick failed"));
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    await Promise.allSettled([this.connection.quit(), this.workerConnection?.quit()]);
  }
}
