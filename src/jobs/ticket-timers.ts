import { type Job, Queue, Worker } from "bullmq";
import type { Logger } from "../logger.js";
import { connectRedis, type Redis } from "../redis.js";
import type { TicketTimers, TimerKind } from "../services/tickets.js";
import type { Ticket } from "../storage/tickets.js";

/**
 * The reminder and escalation of each question, as delayed BullMQ jobs on the bot's Redis:
 * they survive restarts, and a job's id (ticket, timer, waiting since) makes a second
 * scheduling of the same timer a no-op. The service checks again when the job runs.
 */

const QUEUE = "ticket-timers";

export interface TimerJob {
  ticketId: number;
  kind: TimerKind;
  waitingSince: number;
}

export class BullTicketTimers implements TicketTimers {
  private readonly connection: Redis;
  private readonly queue: Queue<TimerJob>;
  private worker: Worker<TimerJob> | undefined;
  private workerConnection: Redis | undefined;

  constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.connection = connectRedis(redisUrl);
    this.queue = new Queue<TimerJob>(QUEUE, { connection: this.connection, prefix: `${prefix}bull` });
  }

  async schedule(ticket: Ticket, timers: { kind: TimerKind; at: number }[]): Promise<void> {
    await this.queue.addBulk(
      timers.map((timer) => ({
        name: timer.kind,
        data: { ticketId: ticket.id, kind: timer.kind, waitingSince: ticket.waitingSince },
        opts: {
          jobId: `ticket-${ticket.id}-${timer.kind}-${ticket.waitingSince}`,
          delay: Math.max(0, timer.at - this.now()),
          attempts: 5,
          backoff: { type: "exponential", delay: 5_000 },
          removeOnComplete: { age: 7 * 24 * 3600 },
          removeOnFail: { age: 30 * 24 * 3600 },
        },
      })),
    );
  }

  /** Runs due timers in this process until closed. */
  start(handle: (job: TimerJob) => Promise<void>): void {
    this.workerConnection = connectRedis(this.redisUrl);
    this.worker = new Worker<TimerJob>(QUEUE, (job: Job<TimerJob>) => handle(job.data), {
      connection: this.workerConnection,
      prefix: `${this.prefix}bull`,
      concurrency: 4,
    });
    this.worker.on("failed", (job, error) => this.logger.warn({ job: job?.id, error: error.message }, "ticket timer failed"));
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    await Promise.allSettled([this.connection.quit(), this.workerConnection?.quit()]);
  }
}
