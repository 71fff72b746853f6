import { z } from "zod";
import type { MemberId } from "../channels/address.js";
import type { OutgoingMessage } from "../channels/port.js";
import type { AgencyDirectory } from "../domain/agencies.js";
import { type Refusal, refuse } from "../domain/refusal.js";
import type { OutboxMessage, SendResult } from "../jobs/outbox.js";
import { broadcastMessages } from "../metrics.js";
import type { Redis } from "../redis.js";
import { safeJson } from "../storage/json.js";
import type { Keys } from "../storage/keys.js";
import { type EffectMarker, writeEffectMark } from "../storage/marks.js";
import type { Language, MemberStore } from "../storage/members.js";
import type { ReportingService } from "./reporting.js";
import type { RoundService } from "./rounds.js";
import type { TicketService } from "./tickets.js";

/**
 * The secretariat's broadcasts: who a target means, queueing one message per recipient, and the
 * delivery report (sent, blocked, failed, agencies not reached) kept as counters in Redis.
 */

export type BroadcastTarget =
  | { kind: "everyone" }
  | { kind: "not-submitted"; roundId: string }
  | { kind: "consultant"; consultantId: string }
  | { kind: "provinces" }
  | { kind: "ministries" }
  | { kind: "agencies"; agencyIds: string[] };

export interface Recipient {
  memberId: MemberId;
  agencyId: string | undefined;
}

const recipientSchema = z.object({ memberId: z.string(), agencyId: z.string().optional() });

export interface BroadcastReport {
  id: string;
  total: number;
  sent: number;
  blocked: number;
  failed: number;
  done: boolean;
  unreached: string[];
  senderId: MemberId | undefined;
  /** How many resends it has had: each ends with a report of its own. */
  resends: number;
}

/** A resend: how many messages went out again, and which resend of the broadcast it was. */
export type ResendOutcome = { ok: true; queued: number; resend: number } | Refusal<"broadcast-resend-unknown" | "broadcast-resend-nothing">;

/** Why a target reaches nobody known: agencies not in the directory, a consultant without provinces, a round that does not exist. */
export type RecipientsRefusal = Refusal<"target-unknown-agencies" | "broadcast-refused-no-provinces" | "round-refused-no-round">;

/**
 * Takes the recipients a broadcast did not reach, once: they move from `failed` to `resending`
 * under this resend's number, their results leave the counters (the report is not done until their
 * messages end again) and their agencies leave `unreached`. Recipients a resend took before whose
 * messages have not ended are returned again with their own number, so a resend cut off before it
 * queued its messages queues them the next time, under the same job ids: each at most once.
 * KEYS: broadcast, failed, resending, unreached. Returns false for an unknown broadcast, else the
 * resend number and the flat [member, "<number>|<agency>"] of everything resending.
 */
const RESEND_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], 'total') == 0 then return false end
local taken = redis.call('HGETALL', KEYS[2])
local resend = 0
if #taken > 0 then
  resend = redis.call('HINCRBY', KEYS[1], 'resends', 1)
  for i = 1, #taken, 2 do
    local result, agency = string.match(taken[i + 1], '^([a-z]*)|(.*)$')
    redis.call('HINCRBY', KEYS[1], result, -1)
    if agency ~= '' then redis.call('SREM', KEYS[4], agency) end
    redis.call('HSET', KEYS[3], taken[i], resend .. '|' .. agency)
  end
  redis.call('DEL', KEYS[2])
  redis.call('HDEL', KEYS[1], 'reported')
end
return {resend, redis.call('HGETALL', KEYS[3])}
`;

/** "everyone", "provinces", "ministries", "not-submitted:<round>", "consultant:<id>", "agencies:ha-noi,bac-kan". */
export function parseBroadcastTarget(text: string): BroadcastTarget | undefined {
  const [kind, rest] = text.trim().split(/:(.*)/s) as [string, string | undefined];
  if (kind === "everyone" || kind === "provinces" || kind === "ministries") return rest ? undefined : { kind };
  if (kind === "not-submitted" && rest) return { kind, roundId: rest };
  if (kind === "consultant" && rest) return { kind, consultantId: rest };
  if (kind === "agencies" && rest)
    return {
      kind,
      agencyIds: rest
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    };
  return undefined;
}

export class BroadcastService {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly members: MemberStore,
    private readonly directory: AgencyDirectory,
    private readonly tickets: TicketService,
    private readonly rounds: RoundService,
    private readonly reporting: ReportingService,
  ) {}

  /** Everyone a target reaches: the officers of its agencies ("everyone": every member). */
  async recipients(target: BroadcastTarget): Promise<{ ok: true; recipients: Recipient[] } | RecipientsRefusal> {
    if (target.kind === "everyone") {
      const ids = await this.members.allIds();
      return {
        ok: true,
        recipients: await Promise.all(ids.map(async (memberId) => ({ memberId, agencyId: await this.agencyOfMember(memberId) }))),
      };
    }
    let agencyIds: string[];
    switch (target.kind) {
      case "provinces":
      case "ministries":
        agencyIds = this.directory.ofKind(target.kind === "provinces" ? "province" : "ministry").map((agency) => agency.id);
        break;
      case "agencies": {
        const unknown = target.agencyIds.filter((id) => !this.directory.get(id));
        if (unknown.length) return refuse("target-unknown-agencies", { ids: unknown.join(", ") });
        agencyIds = target.agencyIds;
        break;
      }
      case "consultant": {
        const provinces = this.directory.ofKind("province").map((province) => province.id);
        const routes = await this.tickets.consultantsOf(provinces);
        agencyIds = provinces.filter((province) => routes.get(province)?.id === target.consultantId);
        if (agencyIds.length === 0) return refuse("broadcast-refused-no-provinces", { consultant: target.consultantId });
        break;
      }
      case "not-submitted": {
        const round = await this.rounds.get(target.roundId);
        if (!round) return refuse("round-refused-no-round", { round: target.roundId });
        const standings = await Promise.all(this.rounds.agenciesOf(round).map((agency) => this.reporting.standingIn(round.id, agency)));
        agencyIds = standings.filter((standing) => standing.status !== "submitted").map((standing) => standing.agency.id);
        break;
      }
    }
    const perAgency = await Promise.all(
      agencyIds.map(async (agencyId) =>
        (await this.members.idsOf({ role: "officer", agencyId })).map((memberId) => ({ memberId, agencyId })),
      ),
    );
    return { ok: true, recipients: perAgency.flat() };
  }

  /**
   * Records a broadcast and returns its id; the caller queues the messages with `messageFor`. Sent
   * by an update (`mark`), it is recorded with the update's effect mark: a repeat sends no second one.
   */
  async create(senderId: MemberId | undefined, text: string, recipients: Recipient[], mark?: EffectMarker): Promise<string> {
    const id = `b${await this.redis.incr(this.keys.broadcastSeq)}`;
    const transaction = this.redis.multi().hset(this.keys.broadcast(id), {
      total: String(recipients.length),
      sent: "0",
      blocked: "0",
      failed: "0",
      // Recipients not reached are kept by member (broadcast-failed), for a resend.
      tracked: "1",
      text,
      ...(senderId !== undefined ? { senderId: String(senderId) } : {}),
    });
    if (mark) {
      const made = mark({ kind: "broadcast", id });
      writeEffectMark(transaction, made);
      // The update's repeat queues the messages again for the same people (a failure may have kept
      // them from the outbox): who they are is kept as long as the mark that leads there.
      const kept = this.keys.broadcastRecipients(id);
      if (recipients.length)
        transaction.rpush(kept, ...recipients.map((recipient) => JSON.stringify(recipient))).expire(kept, made.ttlSeconds);
    }
    await transaction.exec();
    return id;
  }

  /** A broadcast sent from the chat, for its update's repeat: its text and recipients; undefined once they are no longer kept. */
  async sent(id: string): Promise<{ text: string; recipients: Recipient[] } | undefined> {
    const [text, lines] = await Promise.all([
      this.redis.hget(this.keys.broadcast(id), "text"),
      this.redis.lrange(this.keys.broadcastRecipients(id), 0, -1),
    ]);
    if (text === null) return undefined;
    const recipients = lines.flatMap((line): Recipient[] => {
      const parsed = recipientSchema.safeParse(safeJson(line));
      return parsed.success ? [{ memberId: parsed.data.memberId, agencyId: parsed.data.agencyId }] : [];
    });
    return { text, recipients };
  }

  messageFor(broadcastId: string, recipient: Recipient, message: OutgoingMessage): OutboxMessage {
    return {
      id: `${broadcastId}-${recipient.memberId}`,
      memberId: recipient.memberId,
      message,
      broadcastId,
      ...(recipient.agencyId ? { agencyId: recipient.agencyId } : {}),
    };
  }

  /**
   * Counts how one message ended. Returns the report when this was the last message of the
   * broadcast, once, so the sender is told once.
   */
  async settle(message: OutboxMessage, result: SendResult): Promise<BroadcastReport | undefined> {
    if (!message.broadcastId) return undefined;
    const key = this.keys.broadcast(message.broadcastId);
    // Idempotent: a job run again after a crash counts once. The last one to settle claims the
    // report in the same step, so the sender is told once and the others read nothing more.
    // Whoever it did not reach is kept by member, with the result counted, for a resend.
    const script = `
      if redis.call('SADD', KEYS[2], ARGV[1]) == 1 then
        redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
        if ARGV[2] ~= 'sent' then
          if ARGV[3] ~= '' then redis.call('SADD', KEYS[3], ARGV[3]) end
          redis.call('HSET', KEYS[4], ARGV[4], ARGV[2] .. '|' .. ARGV[3])
        end
      end
      redis.call('HDEL', KEYS[5], ARGV[4])
      local h = redis.call('HMGET', KEYS[1], 'total', 'sent', 'blocked', 'failed')
      if not h[1] then return 0 end
      if tonumber(h[2] or '0') + tonumber(h[3] or '0') + tonumber(h[4] or '0') < tonumber(h[1]) then return 0 end
      return redis.call('HSETNX', KEYS[1], 'reported', '1')`;
    const last = await this.redis.eval(
      script,
      5,
      key,
      this.keys.broadcastSettled(message.broadcastId),
      this.keys.broadcastUnreached(message.broadcastId),
      this.keys.broadcastFailed(message.broadcastId),
      this.keys.broadcastResending(message.broadcastId),
      message.id,
      result,
      message.agencyId ?? "",
      message.memberId,
    );
    broadcastMessages.inc({ result });
    return last === 1 ? this.report(message.broadcastId) : undefined;
  }

  async report(id: string): Promise<BroadcastReport | undefined> {
    const hash = await this.redis.hgetall(this.keys.broadcast(id));
    if (!hash.total) return undefined;
    const [total, sent, blocked, failed] = [hash.total, hash.sent, hash.blocked, hash.failed].map(Number) as [
      number,
      number,
      number,
      number,
    ];
    return {
      id,
      total,
      sent,
      blocked,
      failed,
      done: sent + blocked + failed >= total,
      unreached: (await this.redis.smembers(this.keys.broadcastUnreached(id))).sort(),
      senderId: hash.senderId || undefined,
      resends: Number(hash.resends ?? 0),
    };
  }

  /**
   * Sends the broadcast again to the recipients it did not reach (blocked or failed), each once:
   * their messages go through the outbox as before, under ids of this resend, and the report
   * counts them again as they end (the sender is told again when all have). A broadcast from
   * before recipients were kept by member reaches again the officers of its unreached agencies
   * whose message was not marked sent.
   */
  async resend(
    id: string,
    enqueue: (messages: OutboxMessage[]) => Promise<void>,
    wording: (language: Language, text: string) => OutgoingMessage,
  ): Promise<ResendOutcome> {
    const hash = await this.redis.hgetall(this.keys.broadcast(id));
    if (!hash.total) return refuse("broadcast-resend-unknown", { id });
    if (!hash.tracked) await this.trackFromUnreached(id);
    const taken = (await this.redis.eval(
      RESEND_SCRIPT,
      4,
      this.keys.broadcast(id),
      this.keys.broadcastFailed(id),
      this.keys.broadcastResending(id),
      this.keys.broadcastUnreached(id),
    )) as [number, string[]] | null;
    if (!taken) return refuse("broadcast-resend-unknown", { id });
    const [resend, flat] = taken;
    const messages: OutboxMessage[] = [];
    for (let index = 0; index + 1 < flat.length; index += 2) {
      const memberId = flat[index] as MemberId;
      const [number = "0", agencyId = ""] = (flat[index + 1] as string).split("|");
      const language = (await this.members.get(memberId))?.language ?? "vi";
      messages.push({
        id: `${id}-r${number}-${memberId}`,
        memberId,
        message: wording(language, hash.text ?? ""),
        broadcastId: id,
        ...(agencyId ? { agencyId } : {}),
      });
    }
    if (messages.length === 0) return refuse("broadcast-resend-nothing", { id });
    await enqueue(messages);
    broadcastMessages.inc({ result: "resent" }, messages.length);
    return { ok: true, queued: messages.length, resend: Number(resend) };
  }

  /** For a broadcast from before `broadcast-failed`: the officers of its unreached agencies whose message is not marked sent, as new messages of it. */
  private async trackFromUnreached(id: string): Promise<void> {
    const agencies = await this.redis.smembers(this.keys.broadcastUnreached(id));
    const missed: [MemberId, string][] = [];
    for (const agencyId of agencies) {
      for (const memberId of await this.members.idsOf({ role: "officer", agencyId })) {
        if ((await this.redis.get(this.keys.outboxSent(`${id}-${memberId}`))) !== "sent") missed.push([memberId, agencyId]);
      }
    }
    const transaction = this.redis.multi().hset(this.keys.broadcast(id), "tracked", "1");
    // Counted as new messages of the broadcast ("failed" taken back as the resend takes them).
    if (missed.length) {
      transaction
        .hincrby(this.keys.broadcast(id), "total", missed.length)
        .hincrby(this.keys.broadcast(id), "failed", missed.length)
        .hset(this.keys.broadcastFailed(id), Object.fromEntries(missed.map(([memberId, agencyId]) => [memberId, `failed|${agencyId}`])));
    }
    await transaction.exec();
  }

  private async agencyOfMember(memberId: MemberId): Promise<string | undefined> {
    const member = await this.members.get(memberId);
    return member?.binding.role === "officer" ? member.binding.agencyId : undefined;
  }

  /** One broadcast's report with its text, for the console's page of it. */
  async sentWith(id: string): Promise<(BroadcastReport & { text: string }) | undefined> {
    const report = await this.report(id);
    return report && { ...report, text: (await this.redis.hget(this.keys.broadcast(id), "text")) ?? "" };
  }

  /** The latest broadcasts, newest first (their numbers follow broadcast-seq), with their text. */
  async recent(limit: number): Promise<(BroadcastReport & { text: string })[]> {
    const last = Number((await this.redis.get(this.keys.broadcastSeq)) ?? 0);
    const ids = Array.from({ length: Math.max(0, Math.min(limit, last)) }, (_, index) => `b${last - index}`);
    const found = await Promise.all(ids.map((id) => this.sentWith(id)));
    return found.filter((report) => report !== undefined);
  }
}
