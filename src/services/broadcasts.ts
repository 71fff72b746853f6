import type { MemberId } from "../channels/address.js";
import type { OutgoingMessage } from "../channels/port.js";
import type { AgencyDirectory } from "../domain/agencies.js";
import type { OutboxMessage, SendResult } from "../jobs/outbox.js";
import type { Redis } from "../redis.js";
import type { Keys } from "../storage/keys.js";
import type { MemberStore } from "../storage/members.js";
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

export interface BroadcastReport {
  id: string;
  total: number;
  sent: number;
  blocked: number;
  failed: number;
  done: boolean;
  unreached: string[];
  senderId: MemberId | undefined;
}

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
  async recipients(target: BroadcastTarget): Promise<Recipient[] | { error: string }> {
    if (target.kind === "everyone") {
      const ids = await this.members.allIds();
      return Promise.all(ids.map(async (memberId) => ({ memberId, agencyId: await this.agencyOfMember(memberId) })));
    }
    let agencyIds: string[];
    switch (target.kind) {
      case "provinces":
      case "ministries":
        agencyIds = this.directory.ofKind(target.kind === "provinces" ? "province" : "ministry").map((agency) => agency.id);
        break;
      case "agencies": {
        const unknown = target.agencyIds.filter((id) => !this.directory.get(id));
        if (unknown.length) return { error: `unknown agency ids: ${unknown.join(", ")}` };
        agencyIds = target.agencyIds;
        break;
      }
      case "consultant": {
        const provinces = this.directory.ofKind("province").map((province) => province.id);
        const routes = await this.tickets.consultantsOf(provinces);
        agencyIds = provinces.filter((province) => routes.get(province)?.id === target.consultantId);
        if (agencyIds.length === 0) return { error: `no province answers to consultant ${target.consultantId}` };
        break;
      }
      case "not-submitted": {
        const round = await this.rounds.get(target.roundId);
        if (!round) return { error: `no round ${target.roundId}` };
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
    return perAgency.flat();
  }

  /** Records a broadcast and returns its id; the caller queues the messages with `messageFor`. */
  async create(senderId: MemberId | undefined, text: string, recipients: Recipient[]): Promise<string> {
    const id = `b${await this.redis.incr(this.keys.broadcastSeq)}`;
    await this.redis.hset(this.keys.broadcast(id), {
      total: String(recipients.length),
      sent: "0",
      blocked: "0",
      failed: "0",
      text,
      ...(senderId !== undefined ? { senderId: String(senderId) } : {}),
    });
    return id;
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
    const script = `
      if redis.call('SADD', KEYS[2], ARGV[1]) == 1 then
        redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
        if ARGV[2] ~= 'sent' and ARGV[3] ~= '' then redis.call('SADD', KEYS[3], ARGV[3]) end
      end
      local h = redis.call('HMGET', KEYS[1], 'total', 'sent', 'blocked', 'failed')
      if not h[1] then return 0 end
      if tonumber(h[2] or '0') + tonumber(h[3] or '0') + tonumber(h[4] or '0') < tonumber(h[1]) then return 0 end
      return redis.call('HSETNX', KEYS[1], 'reported', '1')`;
    const last = await this.redis.eval(
      script,
      3,
      key,
      this.keys.broadcastSettled(message.broadcastId),
      this.keys.broadcastUnreached(message.broadcastId),
      message.id,
      result,
      message.agencyId ?? "",
    );
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
    };
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
