import type { Job } from "bullmq";
import { type Api, GrammyError } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Logger } from "../logger.js";
import type { Redis } from "../redis.js";
import type { Keys } from "../storage/keys.js";
import type { MemberStore } from "../storage/members.js";
import { BullQueue } from "./bull.js";
import { SendLimiter } from "./send-limiter.js";

/**
 * Messages the bot sends on its own (reminders, round openings, broadcasts) go through this
 * BullMQ queue: durable, within Telegram's limits across all processes, each sent at most once.
 * A blocked user is marked and skipped; a 429 pauses everyone for the time Telegram names.
 */

const QUEUE = "outbox";
const SENT_MARK_SECONDS = 7 * 24 * 60 * 60;

export interface OutboxMessage {
  /** Unique per message: the job id, so queueing the same message twice sends it once. */
  id: string;
  chatId: number;
  text: string;
  keyboard?: InlineKeyboardMarkup;
  /** When the message belongs to a broadcast: its id and the agency of the recipient, for the report. */
  broadcastId?: string;
  agencyId?: string;
}

export type SendResult = "sent" | "blocked" | "failed";

export class Outbox {
  private readonly bull: BullQueue<OutboxMessage>;

  constructor(
    redisUrl: string,
    prefix: string,
    private readonly logger: Logger,
  ) {
    this.bull = new BullQueue<OutboxMessage>(redisUrl, prefix, QUEUE);
  }

  async enqueue(messages: OutboxMessage[]): Promise<void> {
    for (let start = 0; start < messages.length; start += 1000) {
      await this.bull.queue.addBulk(
        messages.slice(start, start + 1000).map((message) => ({
          name: "send",
          data: message,
          opts: {
            jobId: message.id,
            attempts: 5,
            backoff: { type: "exponential", delay: 2_000 },
            removeOnComplete: { age: 24 * 3600 },
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        })),
      );
    }
  }

  /**
   * Sends queued messages until closed. `settled` hears how each message ended (for broadcast
   * reports); a message that failed for good is reported once, after its last attempt.
   */
  start(options: {
    api: Api;
    redis: Redis;
    keys: Keys;
    members: MemberStore;
    perSecond: number;
    concurrency?: number;
    settled: (message: OutboxMessage, result: SendResult) => Promise<void>;
  }): void {
    const { api, redis, keys, members, settled } = options;
    const limiter = new SendLimiter(redis, keys, options.perSecond);
    const process = async (job: Job<OutboxMessage>): Promise<void> => {
      const message = job.data;
      if (await members.isBlocked(message.chatId)) return settled(message, "blocked");
      // At most once: the job is claimed before it is sent. Finding the claim again means an
      // earlier run was cut off: "sent" it finishes, "sending" it cannot know and does not resend.
      const mark = keys.outboxSent(message.id);
      const claimed = await redis.set(mark, "sending", "EX", SENT_MARK_SECONDS, "NX");
      if (!claimed) {
        const earlier = await redis.get(mark);
        if (earlier === "sending") this.logger.warn({ job: message.id }, "outbox message cut off while sending; not sent again");
        return settled(message, earlier === "sent" ? "sent" : "failed");
      }
      for (;;) {
        await limiter.acquire(message.chatId);
        try {
          await api.sendMessage(message.chatId, message.text, {
            parse_mode: "HTML",
            ...(message.keyboard ? { reply_markup: message.keyboard } : {}),
          });
          await redis.set(mark, "sent", "EX", SENT_MARK_SECONDS);
          return settled(message, "sent");
        } catch (error) {
          if (error instanceof GrammyError && error.error_code === 429) {
            await limiter.pause((error.parameters.retry_after ?? 1) * 1000);
            continue;
          }
          if (error instanceof GrammyError && error.error_code === 403) {
            await members.markBlocked(message.chatId);
            return settled(message, "blocked");
          }
          await redis.del(mark);
          throw error;
        }
      }
    };
    const worker = this.bull.work(process, {
      concurrency: options.concurrency ?? 20,
      // A process that dies mid-broadcast gives its jobs back within seconds, not half a minute.
      lockDuration: 10_000,
      stalledInterval: 5_000,
    });
    worker.on("failed", (job, error) => {
      this.logger.warn({ job: job?.id, error: error.message }, "outbox message failed");
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) void settled(job.data, "failed");
    });
  }

  close(): Promise<void> {
    return this.bull.close();
  }
}
