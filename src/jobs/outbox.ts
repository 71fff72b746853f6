import type { Job } from "bullmq";
import { type Address, type ChannelName, type MemberId, parseAddress, reachableAddress } from "../channels/address.js";
import type { Channel, OutgoingMessage } from "../channels/port.js";
import type { Logger } from "../logger.js";
import { measureOutbox, outboxSends } from "../metrics.js";
import type { Redis, RedisTarget } from "../redis.js";
import type { Keys } from "../storage/keys.js";
import type { MemberStore } from "../storage/members.js";
import { BullQueue } from "./bull.js";
import { SendLimiter } from "./send-limiter.js";

/**
 * Messages the bot sends on its own (reminders, round openings, broadcasts, tickets) go through this
 * BullMQ queue: durable, within the channels' limits across all processes, each sent at most
 * once, to the address the member wrote from last. A blocked person is marked and skipped; a
 * "wait" from a channel pauses everyone for the time it names.
 */

const QUEUE = "outbox";
const SENT_MARK_SECONDS = 7 * 24 * 60 * 60;

export interface OutboxMessage {
  /** Unique per message: the job id, so queueing the same message twice sends it once. */
  id: string;
  memberId: MemberId;
  /** One address of the member's (`zalo:<id>`) rather than the one they wrote from last. */
  to?: string;
  /** The last word to a member being removed: sent to `to` though the member is gone by then. */
  farewell?: boolean;
  message: OutgoingMessage;
  /** When the message belongs to a broadcast: its id and the agency of the recipient, for the report. */
  broadcastId?: string;
  agencyId?: string;
  /** When the message puts a ticket into a chat: its id, so a reply to the message is understood. */
  ticketId?: number;
}

export type SendResult = "sent" | "blocked" | "failed";

export class Outbox {
  private readonly bull: BullQueue<OutboxMessage>;

  constructor(
    redis: RedisTarget,
    prefix: string,
    private readonly logger: Logger,
  ) {
    this.bull = new BullQueue<OutboxMessage>(redis, prefix, QUEUE);
  }

  /** Messages in the queue by state, across all processes (for /metrics). */
  async depth(): Promise<Record<string, number>> {
    return this.bull.queue.getJobCounts("waiting", "delayed", "active", "prioritized", "failed");
  }

  async enqueue(messages: OutboxMessage[]): Promise<void> {
    for (let start = 0; start < messages.length; start += 1000) {
      await this.bull.queue.addBulk(
        messages.slice(start, start + 1000).map((message) => ({
          name: "send",
          data: message,
          opts: {
            // BullMQ reserves ":" in job ids; addresses (telegram:123) may be part of ours.
            jobId: message.id.replaceAll(":", "_"),
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
    channels: ReadonlyMap<ChannelName, Channel>;
    redis: Redis;
    keys: Keys;
    members: MemberStore;
    /** Messages a second per channel, across all processes. */
    rates: Readonly<Record<ChannelName, number>>;
    concurrency?: number;
    settled: (message: OutboxMessage, result: SendResult) => Promise<void>;
    /** Hears where a message went and the ids the channel gave it. */
    delivered?: (message: OutboxMessage, address: Address, messageIds: string[]) => Promise<void>;
  }): void {
    const { channels, redis, keys, members, settled, delivered } = options;
    const limiter = new SendLimiter(redis, keys, options.rates);
    const process = async (job: Job<OutboxMessage>): Promise<void> => {
      const message = job.data;
      let sentOn = "none";
      const finish = (result: SendResult): Promise<void> => {
        outboxSends.inc({ channel: sentOn, result });
        return settled(message, result);
      };
      const member = message.farewell ? undefined : await members.get(message.memberId);
      if (!message.farewell && (!member || member.blocked)) return finish("blocked");
      const address = message.to ? parseAddress(message.to) : member && reachableAddress(member, channels);
      const channel = address && channels.get(address.channel);
      if (address) sentOn = address.channel;
      if (!address || !channel) {
        this.logger.warn({ job: message.id }, "outbox message for a member on no channel this process serves");
        return finish("failed");
      }
      const mark = keys.outboxSent(message.id);
      for (;;) {
        // At most once: the job is claimed as the limiter admits it. Finding the claim again means
        // an earlier run was cut off: "sent" it finishes, "sending" it cannot know and does not resend.
        if ((await limiter.acquire(address, mark, SENT_MARK_SECONDS)) === "claimed-before") {
          const earlier = await redis.get(mark);
          if (earlier === "sending") this.logger.warn({ job: message.id }, "outbox message cut off while sending; not sent again");
          return finish(earlier === "sent" ? "sent" : "failed");
        }
        let outcome: Awaited<ReturnType<Channel["send"]>>;
        try {
          outcome = await channel.send(address.id, message.message);
        } catch (error) {
          // The channel may or may not have it: keeping the claim means it is never sent twice.
          this.logger.warn({ job: message.id, error: (error as Error).message }, "outbox send ended without an answer; not sent again");
          return finish("failed");
        }
        switch (outcome.kind) {
          case "sent":
            await redis.set(mark, "sent", "EX", SENT_MARK_SECONDS);
            await delivered?.(message, address, outcome.messageIds);
            return finish("sent");
          case "wait":
            await redis.del(mark);
            await limiter.pause(address.channel, outcome.ms);
            continue;
          case "unreachable":
            await members.markBlocked(message.memberId);
            return finish("blocked");
          case "refused":
            this.logger.warn({ job: message.id, reason: outcome.reason }, "outbox message refused by the channel");
            return finish("failed");
          case "retry":
            await redis.del(mark);
            throw new Error(`not taken by ${address.channel}: ${outcome.reason}`);
        }
      }
    };
    measureOutbox(() => this.depth());
    const worker = this.bull.work(process, {
      concurrency: options.concurrency ?? 20,
      // A process that dies mid-broadcast gives its jobs back within seconds, not half a minute.
      lockDuration: 10_000,
      stalledInterval: 5_000,
      // A job given back runs again safely (its claim says whether it was sent): processes killed
      // one after another must not fail it for stalling.
      maxStalledCount: 100,
    });
    worker.on("failed", (job, error) => {
      this.logger.warn({ job: job?.id, error: error.message }, "outbox message failed");
      // Reported once, when it will not be tried again (its attempts spent, or given up as stalled).
      if (job)
        void job.isFailed().then((final) => {
          if (!final) return undefined;
          outboxSends.inc({ channel: job.data.to?.split(":")[0] ?? "unknown", result: "failed" });
          return settled(job.data, "failed");
        });
    });
  }

  close(): Promise<void> {
    return this.bull.close();
  }
}
