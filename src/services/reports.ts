import type { MemberId } from "../channels/address.js";
import type { Agency, AgencyDirectory } from "../domain/agencies.js";
import { type Refusal, refuse } from "../domain/refusal.js";
import type { Round } from "../domain/rounds.js";
import { translatorFor } from "../i18n.js";
import type { ExportSource } from "../reports/sheets.js";
import type { EffectMarker } from "../storage/marks.js";
import type { Member, MemberStore } from "../storage/members.js";
import type { ResponseStore } from "../storage/responses.js";
import type { AccessLog } from "./access-log.js";
import { STANDING_ROUND } from "./active-round.js";
import type { FormCatalog } from "./form-catalog.js";
import { type RoundProgress, roundProgress } from "./progress.js";
import type { RoundService } from "./rounds.js";
import type { TicketService } from "./tickets.js";

/**
 * Who a member id stands for where a name is shown: a name (their own, or the one they had when
 * removed), "a former member" once their personal data was erased (the locale key
 * `ops-former-member`), or nobody known by name (show the id).
 */
export type Attribution = { kind: "named"; name: string } | { kind: "former" } | { kind: "unnamed" };

/**
 * What the desk sees of a round: its progress (the secretariat all agencies, a consultant his
 * provinces, an officer nothing), the consolidated report, and the review of submissions.
 */
export class ReportService {
  constructor(
    private readonly rounds: RoundService,
    private readonly responses: ResponseStore,
    private readonly members: MemberStore,
    private readonly directory: AgencyDirectory,
    private readonly tickets: TicketService,
    private readonly forms: FormCatalog,
    private readonly timeZone: string,
    private readonly accessLog?: Pick<AccessLog, "record">,
  ) {}

  /** Who answers attributed to this member id read as: their name, or "a former member" once erased. */
  async attribution(memberId: MemberId): Promise<Attribution> {
    const member = await this.members.get(memberId);
    const name = member ? member.profile.fullName : await this.members.removedName(memberId);
    if (name) return { kind: "named", name };
    if (!member && (await this.members.isErased(memberId))) return { kind: "former" };
    return { kind: "unnamed" };
  }

  /** The round named, else the latest open one, else the latest; the standing round when none exists. */
  async roundFor(id: string | undefined, now: number): Promise<Round | undefined> {
    const all = await this.rounds.list();
    if (id)
      return id === STANDING_ROUND.id && !all.some((round) => round.id === id) ? this.standing() : all.find((round) => round.id === id);
    const open = all.filter((round) => round.closedAt === undefined && round.opensAt <= now);
    return open.at(-1) ?? all.at(-1) ?? this.standing();
  }

  /** The agencies of a round a member may look at; none for an officer. */
  async visibleAgencies(round: Round, viewer: Member): Promise<Agency[]> {
    const agencies = this.rounds.agenciesOf(round);
    if (viewer.binding.role === "secretariat") return agencies;
    if (viewer.binding.role !== "consultant") return [];
    const consultantId = viewer.binding.consultantId;
    const routes = await this.tickets.consultantsOf(agencies.map((agency) => agency.id));
    return agencies.filter((agency) => routes.get(agency.id)?.id === consultantId);
  }

  async progress(round: Round, agencies: Agency[], now: number): Promise<RoundProgress> {
    return roundProgress(this.responses, await this.forms.of(round), round, agencies, now);
  }

  async exportSource(round: Round, agencies: Agency[]): Promise<ExportSource> {
    return {
      round,
      agencies,
      form: await this.forms.of(round),
      timeZone: this.timeZone,
      load: (agencyId) => this.responses.loadState(round.id, agencyId),
      submitterName: async (state) => {
        const by = state.submittedBy;
        const who = by === undefined ? undefined : await this.attribution(by);
        if (who?.kind === "named") return who.name;
        // The workbook is in Vietnamese.
        if (who?.kind === "former") return translatorFor("vi")("ops-former-member");
        const answered = state.answers.get("officer.fullName")?.value;
        return typeof answered === "string" ? answered : undefined;
      },
    };
  }

  /**
   * Accepts a submission, or sends it back with a comment; only a submitted report can be reviewed.
   * Made by an update (`mark`), the decision is written with its effect mark: a repeat of the update
   * does not decide again.
   */
  async review(
    round: Round,
    agencyId: string,
    decision: "accepted" | "returned",
    comment: string,
    by: MemberId,
    now: number,
    mark?: EffectMarker,
  ): Promise<{ ok: true; officers: MemberId[] } | Refusal<"review-unknown-agency" | "review-not-submitted">> {
    const agency = this.directory.get(agencyId);
    if (!agency) return refuse("review-unknown-agency", { agency: agencyId });
    const state = await this.responses.loadState(round.id, agencyId);
    if (state?.status !== "submitted") return refuse("review-not-submitted", { agency: agency.name });
    const marked = mark?.({ kind: "review", round: round.id, agency: agencyId, decision, at: now });
    await this.responses.review(round.id, agencyId, decision, comment, by, now, marked);
    await this.accessLog?.record({ by, what: "review", round: round.id, agency: agencyId, detail: decision }, now);
    return { ok: true, officers: await this.members.idsOf({ role: "officer", agencyId }) };
  }

  private standing(): Round {
    return {
      id: STANDING_ROUND.id,
      name: "Báo cáo thường trực (Phụ lục Văn bản 488)",
      formId: this.forms.builtIn.id,
      formVersion: undefined,
      opensAt: 0,
      deadline: Number.MAX_SAFE_INTEGER,
      targets: { kind: "all" },
      plan: { daysBefore: [], afterDeadline: false, time: "08:30" },
      closedAt: undefined,
      createdBy: "",
      createdAt: 0,
    };
  }
}
