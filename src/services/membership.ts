import { formatAddress, type MemberId } from "../channels/address.js";
import type { AgencyDirectory } from "../domain/agencies.js";
import { type Refusal, refuse } from "../domain/refusal.js";
import { translatorFor } from "../i18n.js";
import type { Outbox } from "../jobs/outbox.js";
import type { Logger } from "../logger.js";
import type { EffectMarker } from "../storage/marks.js";
import type { Member, MemberStore } from "../storage/members.js";
import type { TicketStore } from "../storage/tickets.js";
import type { AccessLog } from "./access-log.js";
import type { InviteService } from "./invites.js";
import type { WebSessions } from "./web-sessions.js";

export type EraseOutcome = { ok: true; removedNow: boolean; tickets: number } | Refusal<"members-erase-unknown">;

/**
 * Who has access, and taking it away: a transferred officer or a lost phone must stop reading,
 * changing and submitting the agency's report at once. Past answers stay, attributed.
 */
export class MembershipService {
  constructor(
    private readonly members: MemberStore,
    private readonly directory: AgencyDirectory,
    private readonly invites: Pick<InviteService, "revokeIssuedBy">,
    private readonly sessions: Pick<WebSessions, "endAll">,
    private readonly logger: Logger,
    private readonly accessLog?: Pick<AccessLog, "record">,
    private readonly tickets?: Pick<TicketStore, "eraseOfficerName">,
  ) {}

  /** Every member, or an agency's officers; ordered by id. */
  async list(agencyId?: string): Promise<Member[]> {
    const ids = agencyId ? await this.members.idsOf({ role: "officer", agencyId }) : await this.members.allIds();
    const members = await Promise.all(ids.map((id) => this.members.get(id)));
    return members.filter((member): member is Member => member !== undefined);
  }

  /** One line per member: id, role, agency or consultant, addresses. No names: ids are enough to act on. */
  describe(member: Member): string {
    const { binding } = member;
    const what =
      binding.role === "officer"
        ? `officer ${binding.agencyId} (${this.directory.get(binding.agencyId)?.name ?? "?"})`
        : binding.role === "consultant"
          ? `consultant ${binding.consultantId}`
          : "secretariat";
    return `${member.id}  ${what}  ${member.addresses.map(formatAddress).join(" ")}`;
  }

  /**
   * Removes the member and tells them in one line, on each of their accounts. The invites they made
   * and nobody used yet are withdrawn with them, and their web console sessions end; links to files
   * sent to them stop working, since a link is checked against its member on every request
   * (src/channels/file-links.ts). Made by an update (`mark`, the chat's), with its effect mark.
   */
  async remove(memberId: MemberId, by: string, now: number, outbox: Outbox | undefined, mark?: EffectMarker): Promise<Member | undefined> {
    const member = await this.members.get(memberId);
    if (!member) return undefined;
    const text = translatorFor(member.language)("member-removed");
    await outbox?.enqueue(
      member.addresses.map((address) => ({
        // Named by the membership that ends (its joining), not the clock: a removal tried again says farewell once.
        id: `removed-${member.id}-${member.joinedAt}-${formatAddress(address)}`,
        memberId: member.id,
        to: formatAddress(address),
        farewell: true,
        message: { text },
      })),
    );
    await this.members.remove(member, by, now, mark?.({ kind: "removal", member: member.id }));
    const { invitesWithdrawn, sessionsEnded } = await this.withdrawAccess(member.id);
    await this.accessLog?.record(
      { by, what: "removal", member: member.id, ...(member.binding.role === "officer" ? { agency: member.binding.agencyId } : {}) },
      now,
    );
    this.logger.info({ memberId: member.id, role: member.binding.role, invitesWithdrawn, sessionsEnded }, "member removed");
    return member;
  }

  /**
   * What goes with a removed member's access: the invites they made that nobody used, and their web
   * console sessions. Again for a removal whose update is tried again (its effect mark says it was
   * made), since a failure may have come between the removal and these.
   */
  async withdrawAccess(memberId: MemberId): Promise<{ invitesWithdrawn: number; sessionsEnded: number }> {
    const invitesWithdrawn = await this.invites.revokeIssuedBy(memberId);
    const sessionsEnded = await this.sessions.endAll(memberId);
    return { invitesWithdrawn, sessionsEnded };
  }

  /**
   * Removes a person's personal data everywhere (`npm run cli -- member erase`), after removing
   * them if they are still a member: the profile and addresses of their removed record and of every
   * earlier removal, what is kept by their addresses, and the name on the questions they asked. The
   * agency's report stays whole: answers and history keep the member id, which now reads "a former
   * member" wherever a name is shown (`ReportService.attribution`).
   */
  async erase(memberId: MemberId, by: string, now: number, outbox: Outbox | undefined): Promise<EraseOutcome> {
    const removedNow = (await this.remove(memberId, by, now, outbox)) !== undefined;
    if (!(await this.members.erase(memberId, now))) return refuse("members-erase-unknown", { id: memberId });
    const tickets = (await this.tickets?.eraseOfficerName(memberId)) ?? 0;
    await this.accessLog?.record({ by, what: "erase", member: memberId }, now);
    this.logger.info({ memberId, removedNow, tickets }, "member erased");
    return { ok: true, removedNow, tickets };
  }
}
