import type { Job } from "bullmq";
import type { Logger } from "../logger.js";
import type { RedisTarget } from "../redis.js";
import type { TicketTimers, TimerKind } from "../services/tickets.js";
import type { Ticket } from "../storage/tickets.js";
import { BullQueue } from "./bull.js";

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
  private readonly bull: BullQueue<TimerJob>;

  constructor(
    redis: RedisTarget,
    prefix: string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.bull = new BullQueue<TimerJob>(redis, prefix, QUEUE);
  }

  async schedule(ticket: Ticket, timers: { kind: TimerKind; at: number }[]): Promise<void> {
    await this.bull.queue.addBulk(
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
    const worker = this.bull.work((job: Job<TimerJob>) => handle(job.data), { concurrency: 4 });
    worker.on("failed", (job, error) => this.logger.warn({ job: job?.id, error: error.message }, "ticket timer failed"));
  }

  close(): Promise<void> {
    return this.bull.close();
  }
}
