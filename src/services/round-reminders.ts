import type { MemberId } from "../channels/address.js";
import type { OutgoingMessage } from "../channels/port.js";
import { type Round, reminderMoments } from "../domain/rounds.js";
import type { WorkCalendar } from "../domain/working-time.js";
import type { OutboxMessage } from "../jobs/outbox.js";
import type { Logger } from "../logger.js";
import { remindersQueued } from "../metrics.js";
import type { Language, MemberStore } from "../storage/members.js";
import type { RoundStore } from "../storage/rounds.js";
import type { AgencyStanding, ReportingService } from "./reporting.js";
import type { RoundService } from "./rounds.js";

/** How the messages of a round are worded, in the recipient's language. */
export interface RoundWording {
  opened(language: Language, round: Round): OutgoingMessage;
  reminder(language: Language, round: Round, standing: AgencyStanding, now: number): OutgoingMessage;
}

/**
 * What a scheduler tick does for the rounds: announce a round that has opened to the officers of
 * its agencies, once; and when a reminder of the plan has come due, remind the officers of every
 * agency that has not submitted, once per due moment however many processes tick.
 */
export class RoundReminders {
  constructor(
    private readonly rounds: RoundService,
    private readonly store: RoundStore,
    private readonly reporting: ReportingService,
    private readonly members: MemberStore,
    private readonly calendar: WorkCalendar,
    private readonly wording: RoundWording,
    private readonly enqueue: (messages: OutboxMessage[]) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  async tick(now: number): Promise<void> {
    for (const round of await this.rounds.list()) {
      if (round.closedAt !== undefined || round.opensAt > now) continue;
      // Queued first, marked after: a process that dies in between leaves the mark where it was,
      // and the next tick queues the same messages again, which their fixed ids make a no-op.
      if (!(await this.store.openingAnnounced(round.id))) {
        await this.announce(round);
        await this.store.claimOpening(round.id);
      }
      const due = reminderMoments(round, this.calendar, now).at(-1);
      if (due === undefined) continue;
      const upTo = await this.store.remindedUpTo(round.id);
      if (due <= upTo) continue;
      await this.remind(round, due, now);
      await this.store.claimReminder(round.id, upTo, due);
    }
  }

  private async officersOf(agencyId: string) {
    const ids = await this.members.idsOf({ role: "officer", agencyId });
    return Promise.all(
      ids.map(
        async (memberId): Promise<{ id: MemberId; language: Language }> => ({
          id: memberId,
          language: (await this.members.get(memberId))?.language ?? "vi",
        }),
      ),
    );
  }

  private async announce(round: Round): Promise<void> {
    const messages: OutboxMessage[] = [];
    for (const agency of this.rounds.agenciesOf(round)) {
      for (const officer of await this.officersOf(agency.id)) {
        messages.push({
          id: `open-${round.id}-${officer.id}`,
          memberId: officer.id,
          message: this.wording.opened(officer.language, round),
        });
      }
    }
    await this.enqueue(messages);
    remindersQueued.inc({ kind: "opened" }, messages.length);
    this.logger.info({ round: round.id, recipients: messages.length }, "round opening announced");
  }

  private async remind(round: Round, due: number, now: number): Promise<void> {
    const messages: OutboxMessage[] = [];
    for (const agency of this.rounds.agenciesOf(round)) {
      const standing = await this.reporting.standingIn(round.id, agency);
      if (standing.status === "submitted") continue;
      for (const officer of await this.officersOf(agency.id)) {
        messages.push({
          id: `remind-${round.id}-${due}-${officer.id}`,
          memberId: officer.id,
          message: this.wording.reminder(officer.language, round, standing, now),
        });
      }
    }
    await this.enqueue(messages);
    remindersQueued.inc({ kind: "reminder" }, messages.length);
    this.logger.info({ round: round.id, due, recipients: messages.length }, "round reminders queued");
  }
}
