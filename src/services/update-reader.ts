import { type Address, formatAddress, type MemberId } from "../channels/address.js";
import { RecentMap } from "../recent-map.js";
import type { UpdateState } from "../storage/applied-updates.js";
import type { Composing, ComposingStore } from "../storage/composing.js";
import type { Member, MemberStore } from "../storage/members.js";
import type { Menu, MenuStore } from "../storage/menus.js";
import type { LoadedResponse, ResponseStore } from "../storage/responses.js";
import type { UpdateSnapshotStore } from "../storage/update-snapshot.js";
import type { ActiveRound } from "./active-round.js";
import type { RoundService } from "./rounds.js";

/** What an update starts from, read in one round trip (src/storage/update-snapshot.ts). */
export interface UpdateSnapshot {
  state: UpdateState;
  member: Member | undefined;
  /** What the person was writing when the update arrived. */
  composing: Composing | undefined;
  /** The last menu shown at the address, when asked for. */
  menu: Menu | undefined;
  /** An officer's response and place in the round they answer in now, when they could be read along. */
  form: PreloadedForm | undefined;
  /** What an earlier try of this update did besides a form answer, as JSON (src/dialogue/effects.ts reads it). */
  effect: string | undefined;
}

/** A response read before the step, with the round it belongs to: the step's first read, saved. */
export interface PreloadedForm {
  round: ActiveRound;
  loaded: LoadedResponse;
}

/** Officers this process remembers, so the next update's read can take their response along. */
const REMEMBERED_OFFICERS = 100_000;

/**
 * Reads what an update needs before any handler runs. An officer this process has seen before
 * has their response and cursor read along, from a guess (their member id and agency, the round
 * the cached rounds say they answer in) that is checked against what the read returns: a
 * moved address, a changed binding or changed rounds only cost the step its usual read.
 */
export class UpdateReader {
  private readonly officers = new RecentMap<string, { memberId: MemberId; agencyId: string }>(REMEMBERED_OFFICERS);

  constructor(
    private readonly snapshots: UpdateSnapshotStore,
    private readonly members: MemberStore,
    private readonly composing: ComposingStore,
    private readonly menus: MenuStore,
    private readonly responses: ResponseStore,
    private readonly rounds: RoundService,
  ) {}

  async read(request: {
    chat: string | number | undefined;
    updateId: number;
    address: Address | undefined;
    now: number;
    menu?: boolean;
  }): Promise<UpdateSnapshot> {
    const addressKey = request.address ? formatAddress(request.address) : undefined;
    const officer = addressKey ? this.officers.get(addressKey) : undefined;
    const cached = officer ? this.rounds.activeFromCache(officer.agencyId, request.now) : undefined;
    const guess =
      officer && cached
        ? { ...officer, roundId: cached.round.id, knownRevision: this.responses.cached(cached.round.id, officer.agencyId)?.revision }
        : undefined;
    const raw = await this.snapshots.read({
      chat: request.chat,
      updateId: request.updateId,
      address: request.address,
      ...(request.menu ? { menu: true } : {}),
      ...(guess ? { guess } : {}),
    });
    const member = raw.memberId === undefined ? undefined : this.members.parse(raw.memberId, raw.member);
    const agencyId = member?.binding.role === "officer" ? member.binding.agencyId : undefined;
    if (addressKey && member && agencyId) this.officers.set(addressKey, { memberId: member.id, agencyId });
    else if (addressKey) this.officers.delete(addressKey);
    const held = guess && cached && raw.response && raw.cursor && agencyId === guess.agencyId && raw.roundsVersion === cached.version;
    const loaded = !held
      ? undefined
      : raw.response === "unmoved"
        ? this.responses.parseUnmoved(guess.roundId, guess.agencyId, guess.knownRevision ?? "", raw.cursor ?? {})
        : this.responses.parse(guess.roundId, guess.agencyId, raw.response ?? {}, raw.cursor ?? {});
    const guessed = loaded && cached ? { round: cached.round, loaded } : undefined;
    return {
      state: raw.handled ? "handled" : raw.saved ? "saved" : "new",
      member,
      composing: member ? this.composing.parse(raw.composing) : undefined,
      menu: this.menus.parse(raw.menu),
      form: guessed,
      effect: raw.effect,
    };
  }
}
