import { TZDate } from "@date-fns/tz";
import type { Agency, AgencyDirectory } from "../domain/agencies.js";
import { complianceComponents, complianceOf } from "../form/compliance.js";
import { show, step } from "../form/engine.js";
import { navigationAction } from "../form/navigation-words.js";
import {
  type Cursor,
  type EngineContext,
  INITIAL_CURSOR,
  type Input,
  type Notice,
  type StepResult,
  type View,
  type Writes,
} from "../form/protocol.js";
import type { Form } from "../form/schema.js";
import { buildSlots, completion, emptyResponse, isOpen, type ResponseState } from "../form/slots.js";
import { applyWrites, emptyWrites, mergeWrites } from "../form/writes.js";
import type { AppliedMark } from "../storage/marks.js";
import type { Member } from "../storage/members.js";
import type { HistoryRecord, ResponseStore } from "../storage/responses.js";
import { clip } from "../views.js";
import { type ActiveRound, type EarlierRounds, type RoundResolver, STANDING_ROUND } from "./active-round.js";
import type { FormCatalog, FormRef } from "./form-catalog.js";
import type { PreloadedForm } from "./update-reader.js";

export type OfficerMember = Member & { binding: { role: "officer"; agencyId: string } };

/** The screen an officer is on, and whether it is known to have reached them. */
export interface CurrentScreen {
  /** The form of the round, whose texts the screen shows. */
  form: Form;
  view: View;
  cursor: Cursor;
  roundId: string;
  shown: boolean;
}

export interface StepOutcome {
  kind: "step";
  form: Form;
  view: View;
  notice: Notice;
  accepted: StepResult["accepted"];
  cursor: Cursor;
  /** The message that showed the screen before this step. */
  previousPrompt: number | undefined;
  /** The round the step was in. */
  roundId: string;
}

export interface AgencyStanding {
  agency: Agency;
  /** The title of the form the round runs, when it is not form 488 (whose greeting names its letters). */
  importedForm: string | undefined;
  /** "returned": the secretariat sent the submission back for changes. */
  status: "not-started" | "in-progress" | "submitted" | "reopened" | "returned";
  percent: number;
  /** The part of the first open question, when in progress. */
  partNumber: string | undefined;
  submittedAt: number | undefined;
  reviewComment: string | undefined;
  /** Components of 1552 the answers so far say are partly or not met (ids, as /progress numbers them). */
  shortfalls: string[];
}

/** How often a step is tried again when colleagues keep changing the response under it. */
const MAX_ATTEMPTS = 20;

/** Runs the form for officers: loads the response, steps the engine, stores the outcome atomically. */
export class ReportingService {
  constructor(
    private readonly store: ResponseStore,
    private readonly forms: FormCatalog,
    private readonly directory: AgencyDirectory,
    private readonly timeZone: string,
    private readonly roundOf: RoundResolver = async () => STANDING_ROUND,
    private readonly clock: () => number = Date.now,
    private readonly earlierRounds: EarlierRounds = async () => [],
    /** The form a round by its id runs (a round no longer active, for reminders and progress). */
    private readonly formOfRound: (roundId: string) => Promise<FormRef> = async () => STANDING_ROUND,
  ) {}

  /**
   * Applies what the officer sent. Text that arrives when the screen does not ask for any
   * (a greeting, a question for later) gets where the agency stands instead.
   */
  async step(
    member: OfficerMember,
    input: Input,
    now: number,
    options: { applied?: AppliedMark | undefined; preloaded?: PreloadedForm | undefined; via?: string } = {},
  ): Promise<StepOutcome | { kind: "standing"; standing: AgencyStanding }> {
    const { applied, preloaded, via } = options;
    const agency = this.agencyOf(member);
    const round = preloaded?.round ?? (await this.roundOf(agency.id, now));
    const form = await this.forms.of(round);
    // Colleagues answer the same response at once: a step that finds it changed since it read it
    // reads again and steps again, so nothing is submitted incomplete and no change is lost.
    for (let attempt = 1; ; attempt++) {
      const loaded = attempt === 1 && preloaded ? preloaded.loaded : await this.store.load(round.id, agency.id, member.id);
      const screen = loaded.cursor?.cursor.screen.kind;
      const typesAnswer = screen === "question" || screen === "new-entry" || screen === "list";
      const navigates = input.kind === "text" && navigationAction(input.text) !== undefined;
      const sent = input.kind === "text" || input.kind === "unsupported" || input.kind === "photo" || input.kind === "location";
      if (sent && !typesAnswer && !navigates) {
        return { kind: "standing", standing: this.standingOf(form, agency, loaded.state) };
      }
      const prefill = loaded.state ? undefined : mergeWrites(await this.carryOver(form, agency, round), this.prefill(form, member, now));
      const state = prefill ? applyWrites(emptyResponse(form.version), prefill) : (loaded.state ?? emptyResponse(form.version));
      const result = step(this.context(form, member, agency, round, now), state, loaded.cursor?.cursor ?? INITIAL_CURSOR, input);
      const writes = prefill ? mergeWrites(prefill, result.writes) : result.writes;
      const profileField = result.accepted?.slot.question.profile;
      const profile =
        profileField && result.accepted
          ? { [profileField]: String(writes.answers.get(result.accepted.slot.path)?.value ?? "") }
          : undefined;
      const saved = await this.store.save(
        {
          roundId: round.id,
          agencyId: agency.id,
          memberId: member.id,
          formVersion: state.formVersion,
          now,
          revision: loaded.revision,
          isNew: !loaded.state,
          via,
        },
        writes,
        result.cursor,
        { ...(profile ? { profile } : {}), ...(applied ? { applied } : {}) },
      );
      if (!saved.saved) {
        if (attempt >= MAX_ATTEMPTS) throw new Error("the response kept changing under this step");
        continue;
      }
      // The next step of this officer finds the response unmoved and need not read it again.
      if (saved.revision) this.store.remember(round.id, agency.id, saved.revision, applyWrites(state, result.writes));
      return {
        kind: "step",
        form,
        view: result.view,
        notice: result.notice,
        accepted: result.accepted,
        cursor: result.cursor,
        previousPrompt: loaded.cursor?.promptMessageId,
        roundId: round.id,
      };
    }
  }

  /** The screen the officer is on, without changing anything; `shown` tells whether it is known to have reached them. */
  async current(member: OfficerMember, now: number, preloaded?: PreloadedForm): Promise<CurrentScreen | undefined> {
    const agency = this.agencyOf(member);
    const round = preloaded?.round ?? (await this.roundOf(agency.id, now));
    const loaded = preloaded?.loaded ?? (await this.store.load(round.id, agency.id, member.id));
    if (!loaded.state || !loaded.cursor) return undefined;
    const form = await this.forms.of(round);
    const context = this.context(form, member, agency, round, now);
    return {
      form,
      view: show(context, loaded.state, loaded.cursor.cursor),
      cursor: loaded.cursor.cursor,
      roundId: round.id,
      shown: loaded.cursor.shownSeq === loaded.cursor.cursor.seq,
    };
  }

  /** Where the officer's agency stands: for the greeting and, later, reminders. */
  async standing(member: OfficerMember): Promise<AgencyStanding> {
    const agency = this.agencyOf(member);
    const round = await this.roundOf(agency.id, this.clock());
    return this.standingOf(await this.forms.of(round), agency, await this.store.loadState(round.id, agency.id));
  }

  /** Where an agency stands in a given round: for reminders, progress and reports. */
  async standingIn(roundId: string, agency: Agency): Promise<AgencyStanding> {
    const form = await this.forms.of(await this.formOfRound(roundId));
    return this.standingOf(form, agency, await this.store.loadState(roundId, agency.id));
  }

  private standingOf(form: Form, agency: Agency, state: ResponseState | undefined): AgencyStanding {
    const importedForm = form.id === this.forms.builtIn.id ? undefined : form.title;
    if (!state)
      return {
        agency,
        importedForm,
        status: "not-started",
        percent: 0,
        partNumber: undefined,
        submittedAt: undefined,
        reviewComment: undefined,
        shortfalls: [],
      };
    const slots = buildSlots(form, state, agency.kind);
    const firstOpen = slots.find((slot) => isOpen(slot, state));
    const status: AgencyStanding["status"] =
      state.status === "submitted"
        ? "submitted"
        : state.status === "reopened"
          ? state.review === "returned"
            ? "returned"
            : "reopened"
          : "in-progress";
    return {
      agency,
      importedForm,
      status,
      percent: completion(slots, state).percent,
      partNumber: firstOpen?.part.number,
      submittedAt: state.submittedAt,
      reviewComment: state.reviewComment,
      shortfalls: this.shortfalls(form, agency, state),
    };
  }

  /** By the same rule as /progress: the components the answers so far say are partly or not met. */
  private shortfalls(form: Form, agency: Agency, state: ResponseState): string[] {
    const { components } = complianceOf(form, state, agency.kind);
    return complianceComponents(form)
      .filter((_, index) => components[index] === "partial" || components[index] === "not_met")
      .map((component) => component.id);
  }

  /** A form item in the letter's words, for a question about it: "Phần 2 · 1. Hạ tầng… — Hệ thống A · Cơ quan chủ trì, quản lý". */
  async describeItem(member: OfficerMember, path: string): Promise<string | undefined> {
    const agency = this.agencyOf(member);
    const round = await this.roundOf(agency.id, this.clock());
    const state = await this.store.loadState(round.id, agency.id);
    if (!state) return undefined;
    const slot = buildSlots(await this.forms.of(round), state, agency.kind).find(
      (candidate) => candidate.kind === "question" && candidate.path === path,
    );
    if (slot?.kind !== "question") return undefined;
    const row = slot.node.number ? `${slot.node.number}. ${slot.node.label ?? ""}` : undefined;
    return [`Phần ${slot.part.number}`, row && clip(row, 80), slot.entry?.name, slot.question.text].filter(Boolean).join(" · ");
  }

  /** Every change to an agency's response in the current round, oldest first. */
  async history(agencyId: string): Promise<HistoryRecord[]> {
    return this.store.history((await this.roundOf(agencyId, this.clock())).id, agencyId);
  }

  private context(form: Form, member: OfficerMember, agency: Agency, round: ActiveRound, now: number): EngineContext {
    const today = new TZDate(now, this.timeZone);
    return {
      form,
      agencyKind: agency.kind,
      agencyName: agency.name,
      memberId: member.id,
      now,
      today: { year: today.getFullYear(), month: today.getMonth() + 1 },
      roundOpen: round.open,
    };
  }

  /**
   * A new round starts from the agency's last submitted answers to the same form: every answer
   * the current form still asks, the lists and their entries, each part to be confirmed by an
   * officer; the history says where each answer came from.
   */
  private async carryOver(form: Form, agency: Agency, round: ActiveRound): Promise<Writes> {
    const writes = emptyWrites();
    for (const roundId of await this.earlierRounds(agency.id, round)) {
      const earlier = await this.store.loadState(roundId, agency.id);
      if (earlier?.status !== "submitted") continue;
      const asked = new Set(form.parts.flatMap((part) => part.nodes.flatMap((node) => node.questions.map((q) => `${node.id}.${q.id}`))));
      const parts = new Set<string>();
      const partOf = (nodeId: string) => form.parts.find((part) => part.nodes.some((node) => node.id === nodeId))?.id;
      for (const [path, answer] of earlier.answers) {
        const nodeId = path.split(/[#.]/)[0] ?? "";
        if (!asked.has(`${nodeId}.${path.slice(path.lastIndexOf(".") + 1)}`)) continue;
        writes.answers.set(path, answer);
        writes.history.push({ path, old: undefined, new: answer.value, carriedFrom: roundId });
        const part = partOf(nodeId);
        if (part) parts.add(part);
      }
      for (const [repeat, entries] of earlier.entries) {
        if (!partOf(repeat)) continue;
        for (const entry of entries) writes.addedEntries.push({ repeat, entry });
      }
      for (const repeat of earlier.listsDone) {
        const part = partOf(repeat);
        if (!part) continue;
        writes.listsDone.push({ repeat, done: true });
        parts.add(part);
      }
      writes.carried.push(...parts);
      return writes;
    }
    return writes;
  }

  /**
   * A new response starts with what the bot already knows: the officer's own details from
   * earlier responses, so nobody is asked twice.
   */
  private prefill(form: Form, member: OfficerMember, now: number): Writes {
    const writes = emptyWrites();
    for (const part of form.parts) {
      for (const node of part.nodes) {
        if (node.kind !== "row") continue;
        for (const question of node.questions) {
          const value = question.profile ? member.profile[question.profile] : undefined;
          if (value !== undefined) writes.answers.set(`${node.id}.${question.id}`, { value, by: member.id, at: now });
        }
      }
    }
    return writes;
  }

  private agencyOf(member: OfficerMember): Agency {
    const agency = this.directory.get(member.binding.agencyId);
    if (!agency) throw new Error(`agency ${member.binding.agencyId} is not in the directory`);
    return agency;
  }
}
