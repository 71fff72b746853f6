import type { Agency, AgencyDirectory } from "../domain/agencies.js";
import { isRefusal, type Refusal, refuse } from "../domain/refusal.js";
import { DEFAULT_PLAN, isRoundOpen, type ReminderPlan, type Round, type Target, targetAgencies, targetsAgency } from "../domain/rounds.js";
import type { Logger } from "../logger.js";
import type { EffectOf } from "../storage/effects.js";
import type { EffectMark, EffectMarker } from "../storage/marks.js";
import type { RoundStore } from "../storage/rounds.js";
import { type ActiveRound, STANDING_ROUND } from "./active-round.js";
import type { FormCatalog } from "./form-catalog.js";

/** Why a round was not created or changed: a locale key, worded in the reader's language by whoever shows it. */
export type RoundRefusal = Refusal<
  | "round-refused-no-name"
  | "round-refused-deadline-not-after-opening"
  | "target-unknown-agencies"
  | "round-refused-bad-id"
  | "round-refused-no-form"
  | "round-refused-id-taken"
  | "round-refused-no-round"
  | "round-refused-closed-already"
  | "round-refused-open-already"
>;

export type RoundOutcome = { ok: true; round: Round } | RoundRefusal;

export interface NewRound {
  id?: string;
  name: string;
  /** The form the round runs: form 488 when not given; an imported one runs its latest version. */
  formId?: string;
  opensAt?: number;
  deadline: number;
  targets: Target;
  plan?: ReminderPlan;
  /** For rounds loaded as history (the seed letters): closed from the start. */
  closed?: boolean;
}

/** What an update did to a round, as its effect mark keeps it (src/storage/effects.ts). */
export type RoundEffect = EffectOf<"round">;

/**
 * Creating, extending, closing and reopening rounds; which round an agency answers in. A change made
 * by an update (`mark`) is written with its effect mark, so that a repeat of the update does not make it again.
 */
export class RoundService {
  constructor(
    private readonly store: RoundStore,
    private readonly directory: AgencyDirectory,
    private readonly forms: FormCatalog,
    private readonly logger: Logger,
  ) {}

  async create(input: NewRound, by: string, now: number, mark?: EffectMarker): Promise<RoundOutcome> {
    const opensAt = input.opensAt ?? now;
    const [problem] = this.problems(input, now);
    if (problem) return problem;
    const formId = input.formId ?? this.forms.builtIn.id;
    const form = await this.forms.latest(formId);
    if (!form) return refuse("round-refused-no-form", { form: formId });
    const round: Round = {
      id: input.id ?? (await this.store.nextId()),
      name: input.name.trim(),
      formId: form.formId,
      formVersion: form.formVersion,
      opensAt,
      deadline: input.deadline,
      targets: input.targets,
      plan: input.plan ?? DEFAULT_PLAN,
      closedAt: input.closed ? Math.max(input.deadline, opensAt) : undefined,
      createdBy: by,
      createdAt: now,
    };
    if (!(await this.store.create(round, mark?.({ kind: "round", round: round.id, did: "created" }))))
      return refuse("round-refused-id-taken", { round: round.id });
    this.logger.info({ round: round.id, by }, "round created");
    return { ok: true, round };
  }

  list(): Promise<Round[]> {
    return this.store.list();
  }

  get(id: string): Promise<Round | undefined> {
    return this.store.get(id);
  }

  /** A new deadline; the reminders still to come follow it, and a closed round stays closed. */
  async extend(id: string, deadline: number, mark?: EffectMarker): Promise<RoundOutcome> {
    return this.change(
      id,
      (round) => (deadline <= round.opensAt ? refuse("round-refused-deadline-not-after-opening") : { ...round, deadline }),
      mark?.({ kind: "round", round: id, did: "extended" }),
    );
  }

  async close(id: string, now: number, mark?: EffectMarker): Promise<RoundOutcome> {
    return this.change(
      id,
      (round) => (round.closedAt !== undefined ? refuse("round-refused-closed-already", { round: id }) : { ...round, closedAt: now }),
      mark?.({ kind: "round", round: id, did: "closed" }),
    );
  }

  async reopen(id: string, mark?: EffectMarker): Promise<RoundOutcome> {
    return this.change(
      id,
      (round) => (round.closedAt === undefined ? refuse("round-refused-open-already", { round: id }) : { ...round, closedAt: undefined }),
      mark?.({ kind: "round", round: id, did: "reopened" }),
    );
  }

  agenciesOf(round: Round): Agency[] {
    return targetAgencies(round.targets, this.directory);
  }

  /**
   * The round an agency answers in: the latest open round that targets it; else the latest
   * round that did (read-only once closed); else the standing round.
   */
  async activeFor(agencyId: string, now: number, knownVersion?: string): Promise<ActiveRound> {
    return this.activeAmong(await this.store.list(knownVersion), agencyId, now);
  }

  /**
   * The same, from the rounds as this process last read them, with their version: a guess the
   * caller checks against the version it reads (see src/services/update-reader.ts).
   */
  activeFromCache(agencyId: string, now: number): { round: ActiveRound; version: string } | undefined {
    const cached = this.store.cachedRounds();
    return cached && { round: this.activeAmong(cached.rounds, agencyId, now), version: cached.version };
  }

  private activeAmong(rounds: Round[], agencyId: string, now: number): ActiveRound {
    const targeting = rounds.filter((round) => round.opensAt <= now && this.targets(round, agencyId));
    const open = targeting.filter((round) => isRoundOpen(round, now)).at(-1);
    const chosen = open ?? targeting.at(-1);
    return chosen
      ? { id: chosen.id, open: isRoundOpen(chosen, now), opensAt: chosen.opensAt, formId: chosen.formId, formVersion: chosen.formVersion }
      : STANDING_ROUND;
  }

  private targets(round: Round, agencyId: string): boolean {
    const agency = this.directory.get(agencyId);
    return agency !== undefined && targetsAgency(round.targets, agency);
  }

  /**
   * The rounds of the same form an agency answered before `round`, latest first, ending with the
   * standing round for form 488: where a new response looks for last time's answers.
   */
  async earlierFor(agencyId: string, round: ActiveRound): Promise<string[]> {
    const earlier = (await this.store.list()).filter(
      (candidate) =>
        candidate.id !== round.id &&
        candidate.formId === round.formId &&
        candidate.opensAt <= round.opensAt &&
        this.targets(candidate, agencyId),
    );
    const standing = round.id !== STANDING_ROUND.id && round.formId === STANDING_ROUND.formId ? [STANDING_ROUND.id] : [];
    return [...earlier.reverse().map((candidate) => candidate.id), ...standing];
  }

  private async change(id: string, apply: (round: Round) => Round | RoundRefusal, mark: EffectMark | undefined): Promise<RoundOutcome> {
    const round = await this.store.get(id);
    if (!round) return refuse("round-refused-no-round", { round: id });
    const changed = apply(round);
    if (isRefusal(changed)) return changed;
    await this.store.save(changed, mark);
    this.logger.info({ round: id }, "round changed");
    return { ok: true, round: changed };
  }

  /**
   * Every reason a new round would be refused that can be told without reading Redis, in the order
   * `create` checks them; a deadline not yet known is not checked. The console shows them all at
   * once, each beside its field.
   */
  problems(input: Pick<NewRound, "name" | "opensAt" | "id"> & { deadline?: number; targets?: Target }, now: number): RoundRefusal[] {
    const opensAt = input.opensAt ?? now;
    const found: RoundRefusal[] = [];
    if (!input.name.trim()) found.push(refuse("round-refused-no-name"));
    if (input.deadline !== undefined && input.deadline <= opensAt) found.push(refuse("round-refused-deadline-not-after-opening"));
    const unknown = input.targets?.kind === "list" ? input.targets.agencies.filter((id) => !this.directory.get(id)) : [];
    if (unknown.length) found.push(refuse("target-unknown-agencies", { ids: unknown.join(", ") }));
    // Round and agency ids travel in buttons, whose data Telegram caps at 64 bytes: 20 and 35 at most.
    if (input.id !== undefined && !/^[a-z0-9][a-z0-9-]{0,19}$/.test(input.id))
      found.push(refuse("round-refused-bad-id", { round: input.id }));
    return found;
  }
}
