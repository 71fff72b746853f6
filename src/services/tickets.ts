import type { MemberId } from "../channels/address.js";
import type { AgencyDirectory } from "../domain/agencies.js";
import type { Consultant, ConsultantDirectory } from "../domain/consultants.js";
import { type Refusal, refuse } from "../domain/refusal.js";
import { addWorkingHours, type WorkCalendar, workingMsBetween } from "../domain/working-time.js";
import type { Logger } from "../logger.js";
import type { EffectOf } from "../storage/effects.js";
import type { EffectMarker } from "../storage/marks.js";
import type { Member, MemberStore } from "../storage/members.js";
import type { Assignee, Attachment, SecretariatReason, Ticket, TicketMessage, TicketStore } from "../storage/tickets.js";

/**
 * Officers' questions go to the consultant of their province (letter 8402, as the secretariat
 * has changed it since); a province without one, a ministry, or a consultant who has not joined
 * yet sends them to the secretariat. No question goes nowhere: it is stored and queued before
 * anyone is told, and timers chase it until it is answered.
 */

export type TimerKind = "remind" | "escalate";

/** Durable timers: the bot process implements this with BullMQ. */
export interface TicketTimers {
  schedule(ticket: Ticket, timers: { kind: TimerKind; at: number }[]): Promise<void>;
}

/** A message to send because of a ticket; the chat adapter words and sends it. */
export type Delivery = { to: MemberId[]; ticket: Ticket } & (
  | { kind: "question"; message: TicketMessage }
  | { kind: "follow-up"; message: TicketMessage }
  | { kind: "answer"; message: TicketMessage; question: TicketMessage | undefined }
  | { kind: "reminder" }
  | { kind: "escalation"; thread: TicketMessage[] }
  | { kind: "escalated" }
  | { kind: "handed-over"; note: string; thread: TicketMessage[] }
  | { kind: "reassigned"; thread: TicketMessage[] }
  | { kind: "closed" }
);

/** Why a ticket action did nothing: a locale key (src/domain/refusal.ts). */
export type TicketRefusal = Refusal<
  "ticket-refused-not-found" | "ticket-refused-not-yours" | "ticket-refused-closed" | "ticket-refused-changed" | "ticket-refused-full"
>;

/** Someone else changed the ticket between reading and writing: nothing was written. */
const CHANGED = refuse("ticket-refused-changed");
/** Refused for what the write found: someone changed the ticket, or its thread is full. */
const refusedFor = (written: "changed" | "full") => refuse(written === "full" ? "ticket-refused-full" : "ticket-refused-changed");

export type TicketOutcome = { ok: true; ticket: Ticket; deliveries: Delivery[] } | TicketRefusal;

/** What an update did to a ticket, as its effect mark keeps it (src/storage/effects.ts). */
export type TicketEffect = EffectOf<"ticket">;
type TicketDid = TicketEffect["did"];

/** The ticket as a change leaves it: the store moves its revision by one with every change. */
const changed = (ticket: Ticket, change: Partial<Ticket>): Ticket => ({ ...ticket, ...change, revision: ticket.revision + 1 });

export interface ConsultantStats {
  consultant: Consultant;
  open: number;
  /** Median working time to the first answer, in ms; undefined before any answer. */
  medianAnswerMs: number | undefined;
  joined: boolean;
}

export interface TicketPolicy {
  calendar: WorkCalendar;
  remindHours: number;
  escalateHours: number;
}

export class TicketService {
  constructor(
    private readonly store: TicketStore,
    private readonly members: MemberStore,
    private readonly agencies: AgencyDirectory,
    private readonly consultants: ConsultantDirectory,
    private readonly policy: TicketPolicy,
    private readonly logger: Logger,
    private readonly timers?: TicketTimers,
  ) {}

  /** The consultant who answers an agency now, or why the secretariat does. */
  async consultantOf(agencyId: string): Promise<{ consultant: Consultant } | { consultant: undefined; reason: SecretariatReason }> {
    return this.route(agencyId, await this.store.assignments());
  }

  /** The consultant who answers each of these agencies now (undefined: the secretariat), reading the changes once. */
  async consultantsOf(agencyIds: readonly string[]): Promise<Map<string, Consultant | undefined>> {
    const assignments = await this.store.assignments();
    return new Map(agencyIds.map((agencyId) => [agencyId, this.route(agencyId, assignments).consultant]));
  }

  /**
   * The secretariat's change for the province, else (a province of today's map, which took others
   * in) the first of the provinces it took in, in the decision's order, that has a consultant, as
   * the secretariat changed it or as letter 8402 gave it; else the secretariat.
   */
  private route(
    agencyId: string,
    assignments: ReadonlyMap<string, string | null>,
  ): { consultant: Consultant } | { consultant: undefined; reason: SecretariatReason } {
    const agency = this.agencies.get(agencyId);
    if (!agency || agency.kind === "ministry") return { consultant: undefined, reason: "ministry" };
    const changed = assignments.get(agencyId);
    const assigned = (change: string | null | undefined, province: string) =>
      change === undefined ? this.consultants.ofListedProvince(province) : change === null ? undefined : this.consultants.get(change);
    const consultant =
      changed !== undefined || !agency.predecessors
        ? assigned(changed, agencyId)
        : agency.predecessors.map((predecessor) => assigned(assignments.get(predecessor), predecessor)).find(Boolean);
    return consultant ? { consultant } : { consultant: undefined, reason: "no-consultant" };
  }

  /** The accounts that receive what is sent to an assignee. */
  recipients(assignee: Assignee): Promise<MemberId[]> {
    return this.members.idsOf(
      assignee.kind === "consultant" ? { role: "consultant", consultantId: assignee.consultantId } : { role: "secretariat" },
    );
  }

  async ask(
    officer: Member & { binding: { role: "officer"; agencyId: string } },
    officerName: string,
    question: { text: string; attachment?: Attachment; formItem?: { path: string; label: string } },
    now: number,
    mark?: EffectMarker,
  ): Promise<{ ticket: Ticket; deliveries: Delivery[] }> {
    const route = await this.consultantOf(officer.binding.agencyId);
    let assignee: Assignee = { kind: "secretariat" };
    let reason: SecretariatReason | undefined = route.consultant ? undefined : route.reason;
    if (route.consultant) {
      const joined = await this.recipients({ kind: "consultant", consultantId: route.consultant.id });
      if (joined.length > 0) assignee = { kind: "consultant", consultantId: route.consultant.id };
      else reason = "not-joined";
    }
    const message: TicketMessage = {
      from: "officer",
      userId: officer.id,
      text: question.text,
      ...(question.attachment ? { attachment: question.attachment } : {}),
      at: now,
    };
    const ticket = await this.store.create(
      {
        agencyId: officer.binding.agencyId,
        officerId: officer.id,
        officerName,
        assignee,
        reason,
        status: "open",
        createdAt: now,
        waitingSince: now,
        firstAnsweredAt: undefined,
        revision: 0,
        formItem: question.formItem,
      },
      message,
      mark && ((created) => mark({ kind: "ticket", ticket: created.id, did: "asked", revision: created.revision })),
    );
    this.logger.info({ ticket: ticket.id, agency: ticket.agencyId, assignee: assignee.kind, reason }, "question routed");
    await this.scheduleTimers(ticket);
    return { ticket, deliveries: await this.deliveriesOf("asked", ticket, [message]) };
  }

  /** More from the officer on the same ticket: it goes to whoever holds the ticket now. */
  async followUp(
    officer: Member,
    ticketId: number,
    text: string,
    attachment: Attachment | undefined,
    now: number,
    mark?: EffectMarker,
  ): Promise<TicketOutcome> {
    const ticket = await this.store.get(ticketId);
    if (!ticket) return refuse("ticket-refused-not-found");
    if (officer.binding.role !== "officer" || officer.binding.agencyId !== ticket.agencyId) return refuse("ticket-refused-not-yours");
    const message: TicketMessage = { from: "officer", userId: officer.id, text, ...(attachment ? { attachment } : {}), at: now };
    const after = changed(ticket, { status: "open", waitingSince: ticket.status === "open" ? ticket.waitingSince : now });
    const written = await this.store.update(ticket, after, message, undefined, this.markOf(mark, after, "followed-up"));
    if (written !== "updated") return refusedFor(written);
    if (ticket.status !== "open") await this.scheduleTimers(after);
    return { ok: true, ticket: after, deliveries: await this.deliveriesOf("followed-up", after, [message]) };
  }

  /** A consultant answers his own tickets; the secretariat answers any. */
  async answer(
    responder: Member,
    ticketId: number,
    text: string,
    attachment: Attachment | undefined,
    now: number,
    mark?: EffectMarker,
  ): Promise<TicketOutcome> {
    const checked = await this.checkHolder(responder, ticketId);
    if (!checked.ok) return checked;
    const ticket = checked.ticket;
    const from = responder.binding.role === "consultant" ? "consultant" : "secretariat";
    const message: TicketMessage = { from, userId: responder.id, text, ...(attachment ? { attachment } : {}), at: now };
    const after = changed(ticket, { status: "answered", firstAnsweredAt: ticket.firstAnsweredAt ?? now });
    const timed =
      ticket.firstAnsweredAt === undefined && responder.binding.role === "consultant"
        ? { consultantId: responder.binding.consultantId, ms: workingMsBetween(this.policy.calendar, ticket.createdAt, now) }
        : undefined;
    const written = await this.store.update(ticket, after, message, timed, this.markOf(mark, after, "answered"));
    if (written !== "updated") return refusedFor(written);
    const [question] = await this.store.thread(ticketId);
    this.logger.info({ ticket: ticketId, by: from }, "question answered");
    return { ok: true, ticket: after, deliveries: await this.deliveriesOf("answered", after, [...(question ? [question] : []), message]) };
  }

  async close(member: Member, ticketId: number, now: number, mark?: EffectMarker): Promise<TicketOutcome> {
    const checked = await this.checkHolder(member, ticketId);
    if (!checked.ok) return checked;
    const after = changed(checked.ticket, { status: "closed" });
    const closing: TicketMessage = {
      from: member.binding.role === "consultant" ? "consultant" : "secretariat",
      userId: member.id,
      text: "",
      at: now,
    };
    if ((await this.store.update(checked.ticket, after, closing, undefined, this.markOf(mark, after, "closed"))) !== "updated")
      return CHANGED;
    return { ok: true, ticket: after, deliveries: await this.deliveriesOf("closed", after, []) };
  }

  /** A consultant gives a ticket to the secretariat, with a note saying why. */
  async handOver(consultant: Member, ticketId: number, note: string, now: number, mark?: EffectMarker): Promise<TicketOutcome> {
    const checked = await this.checkHolder(consultant, ticketId);
    if (!checked.ok) return checked;
    const after = changed(checked.ticket, { assignee: { kind: "secretariat" }, reason: "handed-over" });
    const noted: TicketMessage = { from: "consultant", userId: consultant.id, text: note, at: now };
    const written = await this.store.update(checked.ticket, after, noted, undefined, this.markOf(mark, after, "handed"));
    if (written !== "updated") return refusedFor(written);
    return { ok: true, ticket: after, deliveries: await this.deliveriesOf("handed", after, await this.store.thread(ticketId)) };
  }

  /** The secretariat gives a ticket to a consultant; his timers start from now. */
  async reassign(secretariat: Member, ticketId: number, consultantId: string, now: number, mark?: EffectMarker): Promise<TicketOutcome> {
    if (secretariat.binding.role !== "secretariat") return refuse("ticket-refused-not-yours");
    const ticket = await this.store.get(ticketId);
    if (!ticket || !this.consultants.get(consultantId)) return refuse("ticket-refused-not-found");
    if (ticket.status === "closed") return refuse("ticket-refused-closed");
    const after = changed(ticket, {
      assignee: { kind: "consultant", consultantId },
      reason: undefined,
      waitingSince: ticket.status === "open" ? now : ticket.waitingSince,
    });
    if ((await this.store.update(ticket, after, undefined, undefined, this.markOf(mark, after, "reassigned"))) !== "updated")
      return CHANGED;
    if (after.status === "open") await this.scheduleTimers(after);
    return { ok: true, ticket: after, deliveries: await this.deliveriesOf("reassigned", after, await this.store.thread(ticketId)) };
  }

  /**
   * What an update did to a ticket, read back for its repeat: the ticket as it is now and, while it
   * is still at the revision the effect left it, the effect's deliveries built again (their outbox
   * ids are the first try's, so whatever it queued is not sent twice, and whatever a crash kept it
   * from queueing is). A ticket changed since has moved on: its deliveries are not rebuilt from a
   * later state. Undefined for a ticket that is gone.
   */
  async redelivery(effect: TicketEffect): Promise<{ ticket: Ticket; deliveries: Delivery[] } | undefined> {
    const ticket = await this.store.get(effect.ticket);
    if (!ticket) return undefined;
    if (ticket.revision !== effect.revision) return { ticket, deliveries: [] };
    // Its timers too, which a failure may have kept from being set: named by the wait, they are set once.
    if (ticket.status === "open") await this.scheduleTimers(ticket);
    return { ticket, deliveries: await this.deliveriesOf(effect.did, ticket, await this.store.thread(ticket.id)) };
  }

  /**
   * A timer of a ticket came due. It acts only if the officer is still waiting since the same
   * moment with the same consultant, and only once however often the job runs.
   */
  async fireTimer(ticketId: number, kind: TimerKind, waitingSince: number): Promise<Delivery[]> {
    const ticket = await this.store.get(ticketId);
    if (ticket?.status !== "open" || ticket.waitingSince !== waitingSince || ticket.assignee.kind !== "consultant") return [];
    if (!(await this.store.claimTimer(ticketId, `${kind}:${waitingSince}`))) return [];
    const consultantAccounts = await this.recipients(ticket.assignee);
    if (kind === "remind") return [{ kind: "reminder", to: consultantAccounts, ticket }];
    const after = changed(ticket, { assignee: { kind: "secretariat" }, reason: "escalated" });
    // Answered or moved meanwhile: nothing to escalate.
    if ((await this.store.update(ticket, after)) !== "updated") return [];
    this.logger.info({ ticket: ticketId }, "question escalated to the secretariat");
    const thread = await this.store.thread(ticketId);
    return [
      { kind: "escalation", to: await this.recipients(after.assignee), ticket: after, thread },
      { kind: "escalated", to: consultantAccounts, ticket: after },
    ];
  }

  /** A consultant's open tickets, or for the secretariat every open ticket; oldest first. */
  async queue(member: Member): Promise<Ticket[]> {
    if (member.binding.role === "consultant") return this.store.open({ kind: "consultant", consultantId: member.binding.consultantId });
    if (member.binding.role === "secretariat") return this.store.open();
    return [];
  }

  async stats(): Promise<ConsultantStats[]> {
    const open = await this.store.open();
    return Promise.all(
      this.consultants.consultants.map(async (consultant) => {
        const times = (await this.store.answerTimes(consultant.id)).sort((a, b) => a - b);
        return {
          consultant,
          open: open.filter((ticket) => ticket.assignee.kind === "consultant" && ticket.assignee.consultantId === consultant.id).length,
          medianAnswerMs: times.length ? times[Math.floor((times.length - 1) / 2)] : undefined,
          joined: (await this.recipients({ kind: "consultant", consultantId: consultant.id })).length > 0,
        };
      }),
    );
  }

  /** Working time a ticket has waited since the officer last wrote. */
  waitedMs(ticket: Ticket, now: number): number {
    return workingMsBetween(this.policy.calendar, ticket.waitingSince, now);
  }

  /** Moves a province to another consultant (null: to the secretariat), for the questions to come. */
  async assignProvince(
    provinceId: string,
    consultantId: string | null,
    by: string,
    now: number,
  ): Promise<{ ok: true } | Refusal<"ticket-assign-not-province" | "ticket-assign-not-consultant">> {
    const province = this.agencies.get(provinceId);
    if (province?.kind !== "province") return refuse("ticket-assign-not-province", { province: provinceId });
    if (consultantId !== null && !this.consultants.get(consultantId))
      return refuse("ticket-assign-not-consultant", { consultant: consultantId });
    await this.store.assign(provinceId, consultantId, by, now);
    this.logger.info({ province: provinceId, toSecretariat: consultantId === null }, "province assignment changed");
    return { ok: true };
  }

  private async checkHolder(
    member: Member,
    ticketId: number,
  ): Promise<{ ok: true; ticket: Ticket } | Refusal<"ticket-refused-not-found" | "ticket-refused-not-yours" | "ticket-refused-closed">> {
    const ticket = await this.store.get(ticketId);
    if (!ticket) return refuse("ticket-refused-not-found");
    const holds =
      member.binding.role === "secretariat" ||
      (member.binding.role === "consultant" &&
        ticket.assignee.kind === "consultant" &&
        ticket.assignee.consultantId === member.binding.consultantId);
    if (!holds) return refuse("ticket-refused-not-yours");
    if (ticket.status === "closed") return refuse("ticket-refused-closed");
    return { ok: true, ticket };
  }

  /** The update's mark for a change to a ticket, which leaves it as `after`. */
  private markOf(mark: EffectMarker | undefined, after: Ticket, did: TicketDid) {
    return mark?.({ kind: "ticket", ticket: after.id, did, revision: after.revision });
  }

  /**
   * Who is told of a change to a ticket, and with what: from the ticket as the change left it and
   * its thread then (the change's own message last; for "asked" and "followed-up" that message is enough).
   */
  private async deliveriesOf(did: TicketDid, ticket: Ticket, thread: TicketMessage[]): Promise<Delivery[]> {
    const [question] = thread;
    const last = thread.at(-1);
    switch (did) {
      case "asked":
        return question ? [{ kind: "question", to: await this.recipients(ticket.assignee), ticket, message: question }] : [];
      case "followed-up":
        return last ? [{ kind: "follow-up", to: await this.recipients(ticket.assignee), ticket, message: last }] : [];
      case "answered":
        return last ? [{ kind: "answer", to: [ticket.officerId], ticket, message: last, question }] : [];
      case "closed":
        return [{ kind: "closed", to: [ticket.officerId], ticket }];
      case "handed":
        return [{ kind: "handed-over", to: await this.recipients(ticket.assignee), ticket, note: last?.text ?? "", thread }];
      case "reassigned":
        return [{ kind: "reassigned", to: await this.recipients(ticket.assignee), ticket, thread }];
    }
  }

  private async scheduleTimers(ticket: Ticket): Promise<void> {
    if (!this.timers || ticket.assignee.kind !== "consultant") return;
    await this.timers.schedule(ticket, [
      { kind: "remind", at: addWorkingHours(this.policy.calendar, ticket.waitingSince, this.policy.remindHours) },
      { kind: "escalate", at: addWorkingHours(this.policy.calendar, ticket.waitingSince, this.policy.escalateHours) },
    ]);
  }
}
