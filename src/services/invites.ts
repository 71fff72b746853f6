import { createHash, createHmac, randomInt } from "node:crypto";
import { type Address, type MemberId, memberIdFor } from "../channels/address.js";
import type { AgencyDirectory } from "../domain/agencies.js";
import type { ConsultantDirectory } from "../domain/consultants.js";
import { type Refusal, refuse } from "../domain/refusal.js";
import type { Binding } from "../domain/roles.js";
import { translatorFor } from "../i18n.js";
import type { Outbox } from "../jobs/outbox.js";
import type { InviteStore, OpenInvite, StoredInvite } from "../storage/invites.js";
import type { EffectMarker } from "../storage/marks.js";
import type { Member, MemberStore } from "../storage/members.js";
import { describeBinding } from "../views.js";
import type { WebSessions } from "./web-sessions.js";

/** No 0/O, 1/I/L: codes are read aloud on the phone and typed on small keyboards. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 12;
const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

export const INVITE_LOCKOUT = { maxFailures: 5, windowMs: 15 * 60 * 1000 };

/** /invite list names an invite by the start of its key (hex, so never mistaken for a code). */
const REFERENCE_LENGTH = 8;
const REFERENCE_PATTERN = new RegExp(`^[0-9a-f]{${REFERENCE_LENGTH}}$`);

export interface IssuedInvite {
  /** What goes after `?start=` in a deep link. */
  code: string;
  /** The same code grouped by four for reading aloud, e.g. ABCD-EFGH-JKMN. */
  displayCode: string;
  binding: Binding;
  expiresAt: number;
}

export type Redemption =
  | { outcome: "joined"; binding: Binding }
  /** The invite would change the member's role or agency: asked first, nothing changed yet. */
  | { outcome: "confirm"; binding: Binding; current: Binding }
  | { outcome: "already-member"; binding: Binding }
  | { outcome: "invalid" }
  | { outcome: "used" }
  | { outcome: "locked"; retryInMinutes: number };

export class InviteBindingError extends Error {}

/** Why an invite was not cancelled: used already, no such open invite, or a reference several invites start with. */
export type InviteCancelRefusal = Refusal<"invite-cancel-used" | "invite-cancel-unknown" | "invite-cancel-ambiguous">;

/** Upper-cases and drops spaces and dashes, so "abcd-efgh jkmn" is the code ABCDEFGHJKMN. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, "");
}

/** ABCDEFGHJKMN as people read it: ABCD-EFGH-JKMN. */
const displayCode = (code: string): string => (code.match(/.{1,4}/g) ?? []).join("-");

export function looksLikeCode(input: string): boolean {
  return CODE_PATTERN.test(normalizeCode(input));
}

/** Invites made before codes were keyed with the server secret; they expire within INVITE_TTL_DAYS. */
const legacyHash = (code: string): string => createHash("sha256").update(code).digest("hex");

const sameBinding = (a: Binding, b: Binding) => JSON.stringify(a) === JSON.stringify(b);

/** How invites are made: how long they last (the default otherwise), who made them in the chat, the update's effect mark. */
export interface InviteMaking {
  ttlMs?: number;
  issuedBy?: MemberId;
  mark?: EffectMarker | undefined;
}

export interface InviteWays {
  telegramLink: string | undefined;
  zalo: { name: string; url: string } | undefined;
  /** The Official Account to follow, then send the code to; its link when ZALO_OA_URL gives it. */
  zaloOa: { url: string } | undefined;
}

export class InviteService {
  private secretKey: Promise<string> | undefined;

  constructor(
    private readonly store: InviteStore,
    private readonly directory: AgencyDirectory,
    private readonly consultants: ConsultantDirectory,
    private readonly options: {
      ttlDays: number;
      /** INVITE_SECRET; without it, one made once and kept in Redis (a Redis dump then holds both). */
      secret: string | undefined;
      /** Who made an invite (in the chat) hears from here when it is used. */
      members: MemberStore;
      outbox: Outbox | undefined;
      /** A member given another role by an invite leaves the web console at once. */
      sessions?: Pick<WebSessions, "endAll">;
    },
  ) {}

  /** Codes are stored as an HMAC under the server's secret: a copy of Redis does not reveal them. */
  private async hashCode(code: string): Promise<string> {
    const { secret } = this.options;
    this.secretKey ??= secret ? Promise.resolve(secret) : this.store.secret();
    return createHmac("sha256", await this.secretKey)
      .update(code)
      .digest("hex");
  }

  /** A new code for `binding`; `issuedBy`, the member who made it in the chat, is told when it is used. */
  async issue(binding: Binding, now: number, made: InviteMaking = {}): Promise<IssuedInvite> {
    const [issued] = await this.issueAll([binding], now, made);
    if (!issued) throw new Error("no invite made");
    return issued;
  }

  /**
   * A new code for each binding, stored in one write: made by an update (`made.mark`), with its
   * effect mark, which names the invites by their references only (the codes are nowhere but here).
   */
  async issueAll(bindings: Binding[], now: number, made: InviteMaking = {}): Promise<IssuedInvite[]> {
    for (const binding of bindings) this.checkBinding(binding);
    const expiresAt = now + (made.ttlMs ?? this.options.ttlDays * 24 * 60 * 60 * 1000);
    const codes = bindings.map(() => Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(""));
    const hashes = await Promise.all(codes.map((code) => this.hashCode(code)));
    const invites = bindings.map((binding, index) => ({ codeHash: hashes[index] ?? "", binding, hint: codes[index]?.slice(-4) ?? "" }));
    const mark = made.mark?.({ kind: "invites", refs: hashes.map((hash) => hash.slice(0, REFERENCE_LENGTH)) });
    if (invites.length) await this.store.create(invites, now, expiresAt, made.issuedBy, mark);
    return bindings.map((binding, index) => {
      const code = codes[index] ?? "";
      return { code, displayCode: displayCode(code), binding, expiresAt };
    });
  }

  /**
   * Binds the person writing from `address` to the invite's role: the member they already are, or
   * a new one. Wrong guesses are counted per address and lock redemption for a while, so codes
   * cannot be found by trying.
   */
  async redeem(
    input: string,
    address: Address,
    current: Member | undefined,
    now: number,
    confirmed = false,
    mark?: EffectMarker,
  ): Promise<Redemption> {
    const memberId = current?.id ?? memberIdFor(address);
    const failures = await this.store.failureCount(address);
    if (failures.count >= INVITE_LOCKOUT.maxFailures) {
      return { outcome: "locked", retryInMinutes: Math.max(1, Math.ceil(failures.resetInMs / 60_000)) };
    }
    const { codeHash, invite } = await this.lookup(input, now);
    if (invite?.usedBy === memberId && current) return { outcome: "already-member", binding: current.binding };
    // A secretariat member who opens an officer's link is not demoted without being asked.
    if (invite && !invite.usedBy && current && !confirmed && !sameBinding(current.binding, invite.binding)) {
      return { outcome: "confirm", binding: invite.binding, current: current.binding };
    }
    const outcome = invite
      ? await this.store.redeem(codeHash, invite, memberId, address, current?.binding, now, mark?.({ kind: "joined", invite: codeHash }))
      : "unknown";
    if (invite && outcome === "redeemed") {
      await this.store.clearFailures(address);
      if (current && !sameBinding(current.binding, invite.binding)) await this.options.sessions?.endAll(memberId);
      await this.tellOfUse(invite, memberId, codeHash);
      return { outcome: "joined", binding: invite.binding };
    }
    await this.store.countFailure(address, INVITE_LOCKOUT.windowMs);
    return outcome === "used" ? { outcome: "used" } : { outcome: "invalid" };
  }

  /**
   * Withdraws a code not used yet (sent to the wrong person, or seen by others): nobody can join by
   * it from now on. `input` is the code, or the reference /invite list shows for it.
   */
  async cancel(input: string, now: number): Promise<{ ok: true } | InviteCancelRefusal> {
    const reference = input.trim().toLowerCase();
    const cancelled = async (key: string | undefined): Promise<{ ok: true } | InviteCancelRefusal> => {
      const outcome = key === undefined ? "unknown" : await this.store.cancel(key);
      return outcome === "cancelled" ? { ok: true } : refuse(`invite-cancel-${outcome}`, { code: input });
    };
    if (REFERENCE_PATTERN.test(reference)) {
      const matching = (await this.store.open(now)).filter((open) => open.key.startsWith(reference));
      if (matching.length > 1) return refuse("invite-cancel-ambiguous", { code: input });
      return cancelled(matching[0]?.key);
    }
    const { codeHash, invite } = await this.lookup(input, now);
    return cancelled(invite ? codeHash : undefined);
  }

  /** Every invite not used yet, soonest to expire first, each with the reference that cancels it. */
  async open(now: number): Promise<(OpenInvite & { reference: string })[]> {
    return (await this.store.open(now)).map((open) => ({ ...open, reference: open.key.slice(0, REFERENCE_LENGTH) }));
  }

  /** Withdraws every invite not used yet; returns how many. */
  async cancelAll(now: number): Promise<number> {
    const outcomes = await Promise.all((await this.store.open(now)).map((open) => this.store.cancel(open.key)));
    return outcomes.filter((outcome) => outcome === "cancelled").length;
  }

  /**
   * Withdraws the invites a member made that nobody used yet (the rows of an /invite officers
   * workbook included): someone removed cannot come back, or bring others in, by an old code.
   */
  async revokeIssuedBy(memberId: MemberId): Promise<number> {
    const outcomes = await Promise.all((await this.store.issuedBy(memberId)).map((key) => this.store.cancel(key)));
    await this.store.forgetIssuer(memberId);
    return outcomes.filter((outcome) => outcome === "cancelled").length;
  }

  /** The invite a typed code stands for, with the key it is kept under; none when expired by the bot's clock. */
  private async lookup(input: string, now: number): Promise<{ codeHash: string; invite: StoredInvite | undefined }> {
    const code = normalizeCode(input);
    if (!CODE_PATTERN.test(code)) return { codeHash: "", invite: undefined };
    let codeHash = await this.hashCode(code);
    let invite = await this.store.find(codeHash);
    if (!invite) {
      codeHash = legacyHash(code);
      invite = await this.store.find(codeHash);
    }
    // Redis drops an invite at its expiry by its own clock; the bot's may run ahead of it (the demo's does).
    return { codeHash, invite: invite && invite.expiresAt > now ? invite : undefined };
  }

  /**
   * The member who made the invite learns that it was used, and by which member id (no name); when
   * it gave a consultant's or the secretariat's rights, the whole secretariat learns it too, so a
   * privileged code used by the wrong person is seen at once.
   */
  /**
   * For the repeat of an update that joined someone (its effect mark, `invite` the invite's key):
   * whoever was told of the invite's use is told again, under the same ids (sent once); the binding it gave.
   */
  async joinedAgain(codeHash: string, memberId: MemberId): Promise<Binding | undefined> {
    const invite = await this.store.find(codeHash);
    if (!invite || invite.usedBy !== memberId) return undefined;
    await this.tellOfUse(invite, memberId, codeHash);
    return invite.binding;
  }

  private async tellOfUse(invite: StoredInvite, memberId: MemberId, codeHash: string): Promise<void> {
    const { binding, issuedBy } = invite;
    const secretariat = binding.role === "officer" ? [] : await this.options.members.idsOf({ role: "secretariat" });
    const told = new Set([...(issuedBy ? [issuedBy] : []), ...secretariat]);
    told.delete(memberId);
    const recipients = await Promise.all([...told].map((id) => this.options.members.get(id)));
    await this.options.outbox?.enqueue(
      recipients.flatMap((recipient) => {
        if (!recipient) return [];
        const t = translatorFor(recipient.language);
        const key = recipient.id === issuedBy ? "invite-used" : "invite-used-by-other";
        return [
          {
            id: `invite-used-${codeHash.slice(0, 16)}-${recipient.id}`,
            memberId: recipient.id,
            message: { text: t(key, { member: memberId, role: describeBinding(t, binding, this.directory), issuer: issuedBy ?? "CLI" }) },
          },
        ];
      }),
    );
  }

  /**
   * Where invites are opened: the Telegram start link once the bot has told its username, and
   * the Zalo bot (its name, its link when configured) and the Official Account to send the code
   * to, when there are.
   * The bots are read once, for as many codes as the caller has.
   */
  async ways(): Promise<(code: string) => InviteWays> {
    const { telegramUsername, zalo, zaloOa } = await this.store.botsKnown();
    return (code) => ({ telegramLink: telegramUsername ? `https://t.me/${telegramUsername}?start=${code}` : undefined, zalo, zaloOa });
  }

  private checkBinding(binding: Binding): void {
    if (binding.role === "officer" && !this.directory.get(binding.agencyId)) {
      throw new InviteBindingError(`unknown agency id "${binding.agencyId}"`);
    }
    if (binding.role === "consultant" && !this.consultants.get(binding.consultantId)) {
      throw new InviteBindingError(`unknown consultant id "${binding.consultantId}" (see: npm run cli -- consultants)`);
    }
  }
}
