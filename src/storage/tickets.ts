import { z } from "zod";
import type { MemberId } from "../channels/address.js";
import type { Redis } from "../redis.js";
import { safeJson } from "./json.js";
import type { Keys } from "./keys.js";
import { type EffectMark, effectMarkArgs, effectMarkLua, writeEffectMark } from "./marks.js";

/**
 * Officers' questions ("tickets"), their threads, the queues they wait in, and the
 * province → consultant changes the secretariat made.
 */

export type Assignee = { kind: "consultant"; consultantId: string } | { kind: "secretariat" };
export type SecretariatReason = "no-consultant" | "ministry" | "not-joined" | "handed-over" | "escalated" | "reassigned";
export type TicketStatus = "open" | "answered" | "closed";

export interface Attachment {
  kind: "photo" | "document";
  fileId: string;
  /** A document's name as it was sent. */
  fileName?: string;
}

export interface TicketMessage {
  from: "officer" | "consultant" | "secretariat";
  /** The member who said it. */
  userId: MemberId;
  text: string;
  attachment?: Attachment;
  at: number;
}

export interface Ticket {
  id: number;
  agencyId: string;
  officerId: MemberId;
  /** Shown to whoever answers; personal data, never logged. */
  officerName: string;
  assignee: Assignee;
  /** Why the secretariat holds it, when it does. */
  reason: SecretariatReason | undefined;
  status: TicketStatus;
  createdAt: number;
  /** Since when the officer has been waiting for an answer: the timers count from here. */
  waitingSince: number;
  firstAnsweredAt: number | undefined;
  formItem: { path: string; label: string } | undefined;
  /** Moves with every change: an update applies only to the ticket as it was read. */
  revision: number;
}

const ticketSchema = z.object({
  id: z.coerce.number().int(),
  agencyId: z.string(),
  officerId: z.coerce.string(),
  officerName: z.string(),
  assignee: z.string(),
  reason: z.string().optional(),
  status: z.enum(["open", "answered", "closed"]),
  createdAt: z.coerce.number(),
  waitingSince: z.coerce.number(),
  firstAnsweredAt: z.coerce.number().optional(),
  formPath: z.string().optional(),
  formLabel: z.string().optional(),
  rev: z.coerce.number().int().default(0),
});

const threadMessageSchema: z.ZodType<TicketMessage> = z.object({
  from: z.enum(["officer", "consultant", "secretariat"]),
  // Members from before Zalo were numbers.
  userId: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  attachment: z.object({ kind: z.enum(["photo", "document"]), fileId: z.string(), fileName: z.string().optional() }).optional(),
  at: z.number(),
}) as z.ZodType<TicketMessage>;

/**
 * A ticket's change as one compare-and-set on its revision, with the effect mark of the update that
 * made it. KEYS: ticket, thread, old queue, new queue, open tickets, answer times, the mark's set.
 * ARGV: the revision read, the change as JSON, the mark (see marks.ts).
 */
const UPDATE_SCRIPT = `
if tonumber(redis.call('HGET', KEYS[1], 'rev') or '0') ~= tonumber(ARGV[1]) then return 0 end
local p = cjson.decode(ARGV[2])
if p.message and p.capped and redis.call('LLEN', KEYS[2]) >= tonumber(p.maxThread) then return -1 end
redis.call('HSET', KEYS[1], unpack(p.hset))
redis.call('HINCRBY', KEYS[1], 'rev', 1)
if p.clearReason then redis.call('HDEL', KEYS[1], 'reason') end
if p.message then redis.call('RPUSH', KEYS[2], p.message) end
if p.leaveOld then redis.call('ZREM', KEYS[3], p.id) end
if p.closed then redis.call('ZREM', KEYS[5], p.id) else redis.call('ZADD', KEYS[4], p.score, p.id) end
if p.answerMs then
  redis.call('RPUSH', KEYS[6], p.answerMs)
  redis.call('LTRIM', KEYS[6], -1000, -1)
end
${effectMarkLua(7, 3)}
return 1
`;

const assigneeKey = (assignee: Assignee) => (assignee.kind === "consultant" ? `consultant:${assignee.consultantId}` : "secretariat");
const parseAssignee = (key: string): Assignee =>
  key.startsWith("consultant:") ? { kind: "consultant", consultantId: key.slice("consultant:".length) } : { kind: "secretariat" };

/**
 * A thread holds at most this many messages: a question that needs more is a new question. Keeps
 * every thread, and every message built from one, within bounds.
 */
export const THREAD_MAX = 200;

/** Where a message that carries a ticket sits, so a Telegram reply to it finds the ticket. */
const MESSAGE_LINK_TTL_SECONDS = 180 * 24 * 60 * 60;
export class TicketStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Stores a new ticket with its first message; `mark`, given its number, is the update's effect mark, written with it. */
  async create(ticket: Omit<Ticket, "id">, first: TicketMessage, mark?: (created: Ticket) => EffectMark): Promise<Ticket> {
    const id = await this.redis.incr(this.keys.ticketSeq);
    const created = { ...ticket, id };
    const transaction = this.redis
      .multi()
      .hset(this.keys.ticket(id), this.toHash(created))
      .rpush(this.keys.ticketThread(id), JSON.stringify(first))
      .zadd(this.keys.openTickets, created.createdAt, String(id))
      .zadd(this.keys.assigneeTickets(assigneeKey(created.assignee)), created.createdAt, String(id));
    if (mark) writeEffectMark(transaction, mark(created));
    await transaction.exec();
    return created;
  }

  async get(id: number): Promise<Ticket | undefined> {
    const parsed = ticketSchema.safeParse(await this.redis.hgetall(this.keys.ticket(id)));
    if (!parsed.success) return undefined;
    const hash = parsed.data;
    return {
      id: hash.id,
      agencyId: hash.agencyId,
      officerId: hash.officerId,
      officerName: hash.officerName,
      assignee: parseAssignee(hash.assignee),
      reason: hash.reason as SecretariatReason | undefined,
      status: hash.status,
      createdAt: hash.createdAt,
      waitingSince: hash.waitingSince,
      firstAnsweredAt: hash.firstAnsweredAt,
      formItem: hash.formPath ? { path: hash.formPath, label: hash.formLabel ?? "" } : undefined,
      revision: hash.rev,
    };
  }

  /** The thread, oldest first; a line that fails its check is left out rather than trusted. */
  async thread(id: number): Promise<TicketMessage[]> {
    return (await this.redis.lrange(this.keys.ticketThread(id), 0, -1)).flatMap((line) => {
      const parsed = threadMessageSchema.safeParse(safeJson(line));
      return parsed.success ? [parsed.data] : [];
    });
  }

  /**
   * Writes the ticket's new state, appends to its thread and moves it between queues, in one
   * compare-and-set: only if nobody changed the ticket since `before` was read ("changed" then),
   * and, for a message that says more, only while the thread is under THREAD_MAX ("full" then).
   * The update's effect mark, when given, is written in the same step. The ticket's revision moves
   * by one: `after` says where to.
   */
  async update(
    before: Ticket,
    after: Ticket,
    message?: TicketMessage,
    answerTimeMs?: { consultantId: string; ms: number },
    mark?: EffectMark,
  ): Promise<"updated" | "changed" | "full"> {
    const moved = assigneeKey(before.assignee) !== assigneeKey(after.assignee) || after.status === "closed";
    const payload = {
      hset: Object.entries(this.toHash(after)).flat(),
      clearReason: !after.reason,
      message: message ? JSON.stringify(message) : false,
      leaveOld: moved,
      closed: after.status === "closed",
      score: String(after.createdAt),
      id: String(after.id),
      answerMs: answerTimeMs ? String(answerTimeMs.ms) : false,
      // Closing always goes through: it is how a full thread ends.
      capped: after.status !== "closed",
      maxThread: THREAD_MAX,
    };
    const marked = effectMarkArgs(mark, this.keys.ticket(after.id));
    const result = await this.redis.eval(
      UPDATE_SCRIPT,
      7,
      this.keys.ticket(after.id),
      this.keys.ticketThread(after.id),
      this.keys.assigneeTickets(assigneeKey(before.assignee)),
      this.keys.assigneeTickets(assigneeKey(after.assignee)),
      this.keys.openTickets,
      this.keys.answerTimes(answerTimeMs?.consultantId ?? "none"),
      marked.key,
      String(before.revision),
      JSON.stringify(payload),
      ...marked.args,
    );
    return result === 1 ? "updated" : result === -1 ? "full" : "changed";
  }

  /** Tickets not yet closed, oldest first: all of them, or those of one assignee. */
  async open(assignee?: Assignee): Promise<Ticket[]> {
    const key = assignee ? this.keys.assigneeTickets(assigneeKey(assignee)) : this.keys.openTickets;
    const ids = await this.redis.zrange(key, "0", "-1");
    const tickets = await Promise.all(ids.map((id) => this.get(Number(id))));
    return tickets.filter((ticket): ticket is Ticket => ticket !== undefined && ticket.status !== "closed");
  }

  async answerTimes(consultantId: string): Promise<number[]> {
    return (await this.redis.lrange(this.keys.answerTimes(consultantId), 0, -1)).map(Number);
  }

  async linkMessage(chatId: number, messageId: number, ticketId: number): Promise<void> {
    await this.redis.set(this.keys.ticketMessage(chatId, messageId), String(ticketId), "EX", MESSAGE_LINK_TTL_SECONDS);
  }

  async ticketOfMessage(chatId: number, messageId: number): Promise<number | undefined> {
    const id = await this.redis.get(this.keys.ticketMessage(chatId, messageId));
    return id === null ? undefined : Number(id);
  }

  /** Marks a timer as fired; false when it already was, so a retried job sends nothing twice. */
  async claimTimer(ticketId: number, timer: string): Promise<boolean> {
    return (await this.redis.hsetnx(this.keys.ticket(ticketId), `timer:${timer}`, String(Date.now()))) === 1;
  }

  // ---- the secretariat's changes to who answers which province ----

  async assignments(): Promise<Map<string, string | null>> {
    const hash = await this.redis.hgetall(this.keys.assignments);
    return new Map(Object.entries(hash).map(([province, consultant]) => [province, consultant === "" ? null : consultant]));
  }

  async assign(provinceId: string, consultantId: string | null, by: string, at: number): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.assignments, provinceId, consultantId ?? "")
      .rpush(this.keys.assignmentLog, JSON.stringify({ provinceId, consultantId, by, at }))
      .exec();
  }

  private toHash(ticket: Ticket): Record<string, string> {
    return {
      id: String(ticket.id),
      agencyId: ticket.agencyId,
      officerId: String(ticket.officerId),
      officerName: ticket.officerName,
      assignee: assigneeKey(ticket.assignee),
      ...(ticket.reason ? { reason: ticket.reason } : {}),
      status: ticket.status,
      createdAt: String(ticket.createdAt),
      waitingSince: String(ticket.waitingSince),
      ...(ticket.firstAnsweredAt !== undefined ? { firstAnsweredAt: String(ticket.firstAnsweredAt) } : {}),
      ...(ticket.formItem ? { formPath: ticket.formItem.path, formLabel: ticket.formItem.label } : {}),
    };
  }

  // ---- one agency's questions, for the console ----

  /** How many questions not yet closed each agency has (held by `heldBy`, when given); agencies with none are absent. */
  async openCountsByAgency(heldBy?: Assignee): Promise<Map<string, number>> {
    const index = heldBy ? this.keys.assigneeTickets(assigneeKey(heldBy)) : this.keys.openTickets;
    const ids = await this.redis.zrange(index, "0", "-1");
    const counts = new Map<string, number>();
    for (let start = 0; start < ids.length; start += 2_000) {
      const pipeline = this.redis.pipeline();
      for (const id of ids.slice(start, start + 2_000)) pipeline.hget(this.keys.ticket(Number(id)), "agencyId");
      for (const [, agencyId] of (await pipeline.exec()) ?? [])
        if (typeof agencyId === "string") counts.set(agencyId, (counts.get(agencyId) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * Every question an agency's officers asked, open or closed, newest first. Tickets are not
   * indexed by agency: each one's agency is read, in pipelined batches (a few ms for 10,000).
   */
  async ofAgency(agencyId: string): Promise<Ticket[]> {
    const last = Number((await this.redis.get(this.keys.ticketSeq)) ?? 0);
    const ids: number[] = [];
    for (let start = 1; start <= last; start += 2_000) {
      const batch = Array.from({ length: Math.min(2_000, last - start + 1) }, (_, index) => start + index);
      const pipeline = this.redis.pipeline();
      for (const id of batch) pipeline.hget(this.keys.ticket(id), "agencyId");
      const agencies = (await pipeline.exec()) ?? [];
      batch.forEach((id, index) => {
        if (agencies[index]?.[1] === agencyId) ids.push(id);
      });
    }
    const tickets = await Promise.all(ids.reverse().map((id) => this.get(id)));
    return tickets.filter((ticket): ticket is Ticket => ticket !== undefined);
  }

  /**
   * Forgets the name an officer asked under (`member erase`): every ticket of theirs keeps its
   * thread and its officer id, with an empty name and a new revision. Returns how many.
   */
  async eraseOfficerName(officerId: MemberId): Promise<number> {
    const last = Number((await this.redis.get(this.keys.ticketSeq)) ?? 0);
    let erased = 0;
    for (let start = 1; start <= last; start += 2_000) {
      const batch = Array.from({ length: Math.min(2_000, last - start + 1) }, (_, index) => start + index);
      const pipeline = this.redis.pipeline();
      for (const id of batch) pipeline.hget(this.keys.ticket(id), "officerId");
      const officers = (await pipeline.exec()) ?? [];
      const mine = batch.filter((_, index) => officers[index]?.[1] === String(officerId));
      if (mine.length === 0) continue;
      const transaction = this.redis.multi();
      for (const id of mine) transaction.hset(this.keys.ticket(id), "officerName", "").hincrby(this.keys.ticket(id), "rev", 1);
      await transaction.exec();
      erased += mine.length;
    }
    return erased;
  }
}
