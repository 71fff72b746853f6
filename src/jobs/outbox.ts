import type { Job } from "bullmq";
import { z } from "zod";
import { type Address, type ChannelName, formatAddress, type MemberId, parseAddress, reachableAddress } from "../channels/address.js";
import type { Channel, OutgoingMessage, SendOutcome } from "../channels/port.js";
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
 *
 * A channel that may write to a person only for a while after they wrote (Zalo OA's consultation
 * window) answers "closed": the address is noted as closed, the message goes to the member's next
 * address, and when none can take it, it waits for their next message (`WaitingMessages`), never
 * dropped. Channels that never answer "closed" are sent to as before.
 */

const QUEUE = "outbox";
const SENT_MARK_SECONDS = 7 * 24 * 60 * 60;
/**
 * An address refused as closed is not tried again for a day unless the person writes (which clears
 * the note): if the refusal meant something else, a day later the channel is asked again.
 */
const CLOSED_SECONDS = 24 * 60 * 60;
/** A broadcast's report lists who it still waits for while the broadcast is recent. */
const BROADCAST_INDEX_SECONDS = 30 * 24 * 60 * 60;

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
    /** Where a message no address can take now waits for the member's next message; without it such a message fails. */
    waiting?: WaitingMessages;
  }): void {
    const { channels, redis, keys, members, settled, delivered, waiting } = options;
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
      const explicit = message.to ? parseAddress(message.to) : undefined;
      // The address they wrote from last first, then their others; one named by the message alone.
      const first = explicit ?? (member && reachableAddress(member, channels));
      const candidates = first
        ? [
            first,
            ...(explicit || !member
              ? []
              : member.addresses.filter((other) => channels.has(other.channel) && formatAddress(other) !== formatAddress(first))),
          ]
        : [];
      if (first) sentOn = first.channel;
      if (!first || !channels.get(first.channel)) {
        this.logger.warn({ job: message.id }, "outbox message for a member on no channel this process serves");
        return finish("failed");
      }
      const closedSince = await closedAddresses(redis, keys, candidates);
      let earliestClosed: number | undefined;
      const noteClosed = (since: number) => {
        earliestClosed = Math.min(earliestClosed ?? since, since);
      };
      const mark = keys.outboxSent(message.id);
      for (const address of candidates) {
        const channel = channels.get(address.channel);
        if (!channel) continue;
        sentOn = address.channel;
        const known = closedSince.get(formatAddress(address));
        if (known !== undefined) {
          noteClosed(known);
          continue;
        }
        const outcome = await this.sendTo(limiter, redis, mark, channel, address, message);
        switch (outcome.kind) {
          case "sent":
            await redis.set(mark, "sent", "EX", SENT_MARK_SECONDS);
            await delivered?.(message, address, outcome.messageIds);
            return finish("sent");
          case "claimed-before":
            return finish(outcome.earlier === "sent" ? "sent" : "failed");
          case "no-answer":
            return finish("failed");
          case "unreachable":
            await members.markBlocked(message.memberId);
            return finish("blocked");
          case "refused":
            this.logger.warn({ job: message.id, reason: outcome.reason }, "outbox message refused by the channel");
            return finish("failed");
          case "retry":
            await redis.del(mark);
            throw new Error(`not taken by ${address.channel}: ${outcome.reason}`);
          case "closed": {
            // Not sent: the claim goes, and the address is noted as closed until the person writes.
            await redis.del(mark);
            const now = Date.now();
            await redis.set(keys.outboxClosed(address), String(now), "EX", CLOSED_SECONDS, "NX");
            noteClosed(now);
            this.logger.info({ job: message.id, channel: address.channel, reason: outcome.reason }, "outbox address closed for now");
            continue;
          }
        }
      }
      // Every address is closed for now: the message waits for the member's next message.
      if (!member || !waiting) {
        this.logger.warn({ job: message.id }, "outbox message for an address closed for now, with nowhere else to go; not sent");
        return finish("failed");
      }
      await waiting.keep(message, earliestClosed ?? Date.now());
      this.logger.info({ job: message.id, member: message.memberId }, "outbox message waits for the member's next message");
      // Not reached now: a broadcast counts it so (its report names the agency); it goes out when they write.
      return finish("blocked");
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

  /**
   * One try on one address: admitted by the limiter (which claims the message), then the channel's
   * answer; a "wait" pauses the channel and tries again. "claimed-before": an earlier run was cut
   * off ("sent" it finished, "sending" it cannot know and does not resend); "no-answer": the send
   * ended without one, and the claim is kept so the message is never sent twice.
   */
  private async sendTo(
    limiter: SendLimiter,
    redis: Redis,
    mark: string,
    channel: Channel,
    address: Address,
    message: OutboxMessage,
  ): Promise<SendOutcome | { kind: "claimed-before"; earlier: string | null } | { kind: "no-answer" }> {
    for (;;) {
      if ((await limiter.acquire(address, mark, SENT_MARK_SECONDS)) === "claimed-before") {
        const earlier = await redis.get(mark);
        if (earlier === "sending") this.logger.warn({ job: message.id }, "outbox message cut off while sending; not sent again");
        return { kind: "claimed-before", earlier };
      }
      let outcome: SendOutcome;
      try {
        outcome = await channel.send(address.id, message.message);
      } catch (error) {
        this.logger.warn({ job: message.id, error: (error as Error).message }, "outbox send ended without an answer; not sent again");
        return { kind: "no-answer" };
      }
      if (outcome.kind !== "wait") return outcome;
      await redis.del(mark);
      await limiter.pause(address.channel, outcome.ms);
    }
  }
}

/** Since when (ms) each of these addresses is noted as closed, for those that are: one round trip. */
async function closedAddresses(redis: Redis, keys: Keys, addresses: Address[]): Promise<Map<string, number>> {
  if (addresses.length === 0) return new Map();
  const values = await redis.mget(...addresses.map((address) => keys.outboxClosed(address)));
  const closed = new Map<string, number>();
  addresses.forEach((address, index) => {
    const since = Number(values[index] ?? Number.NaN);
    if (Number.isFinite(since)) closed.set(formatAddress(address), since);
  });
  return closed;
}

const waitingSchema = z.object({
  since: z.number(),
  message: z.looseObject({ id: z.string(), memberId: z.string(), message: z.looseObject({ text: z.string() }) }),
});

/**
 * KEYS: the address's closed note, the member's waiting hash, the index of members waiting. ARGV:
 * the member id ("" for none). Opens the address and takes every waiting message in one step, so
 * two processes that hear from the member release them once.
 */
const REOPEN_SCRIPT = `
redis.call('DEL', KEYS[1])
if ARGV[1] == '' then return {} end
local values = redis.call('HVALS', KEYS[2])
if #values == 0 then return values end
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[1])
return values
`;

/**
 * Messages no address of their member could take (every one closed for now), kept until the member
 * writes again; then they go out through the outbox as new messages, in the order they were kept.
 * One per broadcast: a resend replaces the message it resends. Who waits, and since when, is
 * listed for the desk (`members()`).
 */
export class WaitingMessages {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly logger: Logger,
  ) {}

  async keep(message: OutboxMessage, since: number): Promise<void> {
    const field = message.broadcastId ? `b:${message.broadcastId}` : message.id;
    const steps = this.redis
      .multi()
      .hset(this.keys.outboxWaiting(message.memberId), field, JSON.stringify({ since, message }))
      .zadd(this.keys.outboxWaitingMembers, "NX", since, message.memberId);
    if (message.broadcastId) {
      const index = this.keys.outboxWaitingBroadcast(message.broadcastId);
      steps.zadd(index, "NX", since, message.memberId).expire(index, BROADCAST_INDEX_SECONDS);
    }
    await steps.exec();
  }

  /**
   * The recipients of a broadcast whose message still waits for their next message, and since
   * when: for its report. The index may name a member whose message has gone out since; the
   * member's own waiting messages decide.
   */
  async forBroadcast(broadcastId: string): Promise<{ memberId: MemberId; since: number }[]> {
    const flat = await this.redis.zrange(this.keys.outboxWaitingBroadcast(broadcastId), "0", "-1", "WITHSCORES");
    const listed: { memberId: MemberId; since: number }[] = [];
    for (let at = 0; at + 1 < flat.length; at += 2) listed.push({ memberId: flat[at] as string, since: Number(flat[at + 1]) });
    if (listed.length === 0) return [];
    const check = this.redis.pipeline();
    for (const { memberId } of listed) check.hexists(this.keys.outboxWaiting(memberId), `b:${broadcastId}`);
    const still = (await check.exec()) ?? [];
    return listed.filter((_, index) => still[index]?.[1] === 1);
  }

  /** Since when (ms) each of these addresses is noted as closed, for those that are, by `formatAddress`. */
  closedSince(addresses: Address[]): Promise<Map<string, number>> {
    return closedAddresses(this.redis, this.keys, addresses);
  }

  /** The channel may not write to this address for now (the person left, or its window closed). */
  async close(address: Address, since: number): Promise<void> {
    await this.redis.set(this.keys.outboxClosed(address), String(since), "EX", CLOSED_SECONDS, "NX");
  }

  /** Since when messages wait for the member, if any do. */
  async since(memberId: MemberId): Promise<number | undefined> {
    const score = await this.redis.zscore(this.keys.outboxWaitingMembers, memberId);
    return score === null ? undefined : Number(score);
  }

  /** How many messages wait for the member. */
  count(memberId: MemberId): Promise<number> {
    return this.redis.hlen(this.keys.outboxWaiting(memberId));
  }

  /** Every member messages wait for, longest waiting first: who cannot be reached now, and since when. */
  async members(): Promise<{ memberId: MemberId; since: number }[]> {
    const flat = await this.redis.zrange(this.keys.outboxWaitingMembers, "0", "-1", "WITHSCORES");
    const found: { memberId: MemberId; since: number }[] = [];
    for (let at = 0; at + 1 < flat.length; at += 2) found.push({ memberId: flat[at] as string, since: Number(flat[at + 1]) });
    return found;
  }

  /**
   * The person wrote from this address: the channel may write to it again, and what waited for
   * them goes out now (to the address they wrote from, as the outbox chooses it).
   */
  async reopen(address: Address, memberId: MemberId | undefined, outbox: Pick<Outbox, "enqueue"> | undefined): Promise<number> {
    const member = outbox ? (memberId ?? "") : "";
    const raw = (await this.redis.eval(
      REOPEN_SCRIPT,
      3,
      this.keys.outboxClosed(address),
      this.keys.outboxWaiting(member || "-"),
      this.keys.outboxWaitingMembers,
      member,
    )) as string[];
    if (!outbox || raw.length === 0) return 0;
    const kept = raw.flatMap((value) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        parsed = undefined;
      }
      const checked = waitingSchema.safeParse(parsed);
      if (!checked.success) this.logger.error({ member: memberId }, "a waiting outbox message that is not one; dropped");
      return checked.success ? [{ since: checked.data.since, message: checked.data.message as unknown as OutboxMessage }] : [];
    });
    kept.sort((a, b) => a.since - b.since);
    // New jobs (the first ones are done); counted already where they belong to a broadcast, so not again.
    await outbox.enqueue(
      kept.map(({ since, message }) => {
        const { broadcastId: _broadcast, agencyId: _agency, ...rest } = message;
        return { ...rest, id: `${message.id}+after-${since}` };
      }),
    );
    return kept.length;
  }
}
