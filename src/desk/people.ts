import { encodeAction } from "../channels/actions.js";
import { CHANNEL_NAMES, CHANNELS } from "../channels/address.js";
import type { Deps } from "../deps.js";
import { isRefusal, type Refusal, refuse } from "../domain/refusal.js";
import type { Binding } from "../domain/roles.js";
import { parseTarget, targetAgencies } from "../domain/rounds.js";
import { type InviteLine, inviteWorkbook } from "../reports/invite-workbook.js";
import { formatMoment } from "../services/announcements.js";
import type { InviteWays, IssuedInvite } from "../services/invites.js";
import { retellUnlink, unlinkAndTell } from "../services/links.js";
import { deliverTickets, queueMessage } from "../services/ticket-messages.js";
import type { TicketOutcome } from "../services/tickets.js";
import type { EffectOf } from "../storage/effects.js";
import type { EffectMarker } from "../storage/marks.js";
import type { Member } from "../storage/members.js";
import { describeBinding, escapeHtml } from "../views.js";
import { type DeskRequest, deskDocument, type Replies, refused, say, XLSX_TYPE } from "./request.js";

/** Who has access and who answers whom: /invite, /members, /remove, /queue, /assign, and reassigning a question. */

/**
 * "/invite officer <agency id or name>", "/invite consultant <id>", "/invite secretariat": a
 * one-time code for the person to be invited, with the ways to open it, for the secretariat to
 * pass on privately.
 */
export async function inviteMember(request: DeskRequest, argument: string): Promise<Replies> {
  const { deps, member, t } = request;
  const [role = "", ...rest] = argument.split(/\s+/);
  const target = rest.join(" ");
  if (role === "officers") return inviteMissingOfficers(request, target);
  if (role === "list" && !target) return listInvites(request);
  if (role === "cancel" && target.toLowerCase() === "all") {
    const count = await deps.invites.cancelAll(deps.now());
    deps.logger.info({ by: member.id, count }, "every open invite cancelled");
    return say(t("invite-cancel-all-done", { count }));
  }
  if (role === "cancel") {
    if (!target) return say(t("invite-usage"));
    const outcome = await deps.invites.cancel(target, deps.now());
    if (!outcome.ok) return refused(request, outcome);
    deps.logger.info({ by: member.id }, "invite cancelled");
    return say(t("invite-cancel-cancelled", { code: escapeHtml(target) }));
  }
  const wanted = inviteBinding(deps, role, target);
  if (!wanted.ok) return refused(request, wanted);
  const { binding } = wanted;
  const { issued, ways } = await issueInvite(deps, member, binding, request.effectMark);
  const who =
    binding.role === "consultant"
      ? `${describeBinding(t, binding, deps.directory)} (${escapeHtml(deps.consultants.get(binding.consultantId)?.name ?? binding.consultantId)})`
      : describeBinding(t, binding, deps.directory);
  const code = escapeHtml(issued.displayCode);
  const lines = [
    t("invite-issued", { who, until: formatMoment(issued.expiresAt, deps.timeZone) }),
    `<code>${code}</code>`,
    ways.telegramLink ? t("invite-way-telegram-link", { link: escapeHtml(ways.telegramLink) }) : t("invite-way-telegram-code"),
  ];
  if (ways.zalo)
    lines.push(
      ways.zalo.url
        ? t("invite-way-zalo-link", { link: escapeHtml(ways.zalo.url) })
        : t("invite-way-zalo-name", { name: escapeHtml(ways.zalo.name) }),
    );
  if (ways.zaloOa)
    lines.push(ways.zaloOa.url ? t("invite-way-zalo-oa-link", { link: escapeHtml(ways.zaloOa.url) }) : t("invite-way-zalo-oa"));
  lines.push(t("invite-pass-on"));
  return say(lines.join("\n"));
}

/**
 * Whom an invite is for, from the words of /invite (or the console's form): "officer" and an
 * agency's id or name, "consultant" and a consultant's id, "secretariat" alone.
 */
export function inviteBinding(
  deps: Pick<Deps, "directory" | "consultants">,
  role: string,
  target: string,
): { ok: true; binding: Binding } | Refusal<"invite-usage" | "invite-unknown-agency" | "invite-unknown-consultant"> {
  if (role === "officer") {
    if (!target) return refuse("invite-usage");
    const agency = deps.directory.find(target);
    return agency ? { ok: true, binding: { role, agencyId: agency.id } } : refuse("invite-unknown-agency", { agency: target });
  }
  if (role === "consultant") {
    if (!target) return refuse("invite-usage");
    const consultant = deps.consultants.get(target);
    return consultant
      ? { ok: true, binding: { role, consultantId: consultant.id } }
      : refuse("invite-unknown-consultant", { consultant: target });
  }
  if (role === "secretariat" && !target) return { ok: true, binding: { role } };
  return refuse("invite-usage");
}

/** A one-time code for `binding`, made by `by` (who hears when it is used), with the ways to open it. */
export async function issueInvite(
  deps: Deps,
  by: Member,
  binding: Binding,
  mark?: EffectMarker,
): Promise<{ issued: IssuedInvite; ways: InviteWays }> {
  const issued = await deps.invites.issue(binding, deps.now(), { issuedBy: by.id, mark });
  deps.logger.info({ by: by.id, role: binding.role, agencyId: binding.role === "officer" ? binding.agencyId : undefined }, "invite issued");
  return { issued, ways: (await deps.invites.ways())(issued.code) };
}

/** The most invites one message lists; the count says how many there are in all. */
const INVITES_LISTED = 50;

/** "/invite list": the codes nobody used yet, by whom and until when, each with the reference that cancels it. */
async function listInvites(request: DeskRequest): Promise<Replies> {
  const { deps, t } = request;
  const open = await deps.invites.open(deps.now());
  if (open.length === 0) return say(t("invite-list-empty"));
  const lines = open.slice(0, INVITES_LISTED).map((invite) =>
    t("invite-list-line", {
      reference: invite.reference,
      role: describeBinding(t, invite.binding, deps.directory),
      hint: invite.hint ?? "????",
      by: escapeHtml(invite.issuedBy ?? "CLI"),
      until: formatMoment(invite.expiresAt, deps.timeZone),
    }),
  );
  const more = open.length > INVITES_LISTED ? [t("invite-list-more", { count: open.length - INVITES_LISTED })] : [];
  return say([t("invite-list-title", { count: open.length }), ...lines, ...more, "", t("invite-list-usage")].join("\n"));
}

/**
 * "/invite officers [all | provinces | ministries | group:<id> | ids]", the targets of a round: a
 * code for every agency of them that has no officer, in one workbook with a row per agency, for
 * the letter or e-mail that goes to each.
 */
async function inviteMissingOfficers(request: DeskRequest, argument: string): Promise<Replies> {
  const { deps, member, t } = request;
  const made = await inviteMissingOfficersOf(deps, member, argument, request.effectMark);
  if (!made.ok) return refused(request, made);
  const { lines } = made;
  if (lines.length === 0) return say(t("invite-none-missing"));
  return [
    await deskDocument(request, {
      bytes: await inviteWorkbook(lines, t),
      type: XLSX_TYPE,
      caption: t("invite-officers-caption", { count: lines.length, until: lines[0]?.until ?? "" }),
      fileName: made.fileName,
    }),
  ];
}

/**
 * A code for every agency of a target ("all", "provinces", "ministries", "group:<id>", ids) that
 * has no officer, made by `by`: the lines of the invite workbook (none when every agency has one),
 * and the workbook's file name.
 */
export async function inviteMissingOfficersOf(
  deps: Deps,
  by: Member,
  argument: string,
  mark?: EffectMarker,
): Promise<{ ok: true; lines: InviteLine[]; fileName: string } | Refusal<"invite-unknown-target">> {
  const target = parseTarget(argument || "all", deps.directory, deps.groups);
  if (isRefusal(target)) return refuse("invite-unknown-target", { target: argument });
  const agencies = targetAgencies(target, deps.directory);
  const officers = await Promise.all(agencies.map((agency) => deps.members.idsOf({ role: "officer", agencyId: agency.id })));
  const missing = agencies.filter((_, index) => officers[index]?.length === 0);
  const waysOf = missing.length ? await deps.invites.ways() : () => ({ telegramLink: undefined, zalo: undefined, zaloOa: undefined });
  const issued = await deps.invites.issueAll(
    missing.map((agency) => ({ role: "officer", agencyId: agency.id })),
    deps.now(),
    { issuedBy: by.id, mark },
  );
  const lines: InviteLine[] = missing.map((agency, index) => {
    const invite = issued[index] as IssuedInvite;
    return { agency, displayCode: invite.displayCode, ways: waysOf(invite.code), until: formatMoment(invite.expiresAt, deps.timeZone) };
  });
  if (lines.length)
    deps.logger.info({ by: by.id, count: lines.length, target: argument || "all" }, "invites issued for agencies without an officer");
  const fileName = `ma-moi-can-bo-dau-moi-${argument.startsWith("group:") ? argument.slice("group:".length) : target.kind}.xlsx`;
  return { ok: true, lines, fileName };
}

export async function listMembers(request: DeskRequest, argument: string): Promise<Replies> {
  const { deps, t } = request;
  const listed = await deps.membership.list(argument || undefined);
  const lines = listed.slice(0, 100).map((member) => `<code>${escapeHtml(deps.membership.describe(member))}</code>`);
  const covered = new Set(listed.flatMap(({ binding }) => (binding.role === "officer" ? [binding.agencyId] : [])));
  const coverage = argument
    ? []
    : [
        t("members-coverage", {
          covered: deps.directory.agencies.filter((agency) => covered.has(agency.id)).length,
          total: deps.directory.agencies.length,
        }),
      ];
  return say([t("members-title", { count: listed.length }), ...lines, "", ...coverage, t("members-usage")].join("\n"));
}

/** "/remove <member id>" withdraws a member's access; "/remove <member id> telegram|zalo" takes one of their accounts away. */
export async function removeMember(request: DeskRequest, argument: string): Promise<Replies> {
  const { deps, member, t } = request;
  const [memberId = "", channelWord, ...extra] = argument.split(/\s+/);
  if (!memberId || extra.length) return say(t("members-usage"));
  if (channelWord !== undefined) {
    const channel = CHANNELS.find((name) => name === channelWord.toLowerCase());
    const target = channel ? await deps.members.get(memberId) : undefined;
    if (!channel) return say(t("members-usage"));
    if (!target) return say(t("members-unknown", { id: escapeHtml(memberId) }));
    const own = target.addresses.find((address) => address.channel === channel);
    const outcome = own ? await unlinkAndTell(deps, target, own, "secretariat", request.effectMark) : "not-theirs";
    return say(t(`members-unlink-${outcome}`, { id: escapeHtml(memberId), channel: CHANNEL_NAMES[channel] }));
  }
  const removed = await deps.membership.remove(memberId, `member:${member.id}`, deps.now(), deps.outbox, request.effectMark);
  return say(t(removed ? "members-removed-done" : "members-unknown", { id: escapeHtml(memberId) }));
}

export async function queue(request: DeskRequest): Promise<Replies> {
  return [await queueMessage(request.t, request.deps, request.member, request.deps.now())];
}

/** "/assign <province> <consultant|none>": who answers a province's questions from now on. */
export async function assign(request: DeskRequest, argument: string): Promise<Replies> {
  const { deps, member, t } = request;
  const [province, consultant] = argument.split(/\s+/);
  if (!province || !consultant) return say(t("ticket-assign-usage"));
  const target = consultant === "none" ? null : consultant;
  const result = await deps.tickets.assignProvince(province, target, `member:${member.id}`, deps.now());
  if (!result.ok) return refused(request, result);
  const who = target ? (deps.consultants.get(target)?.name ?? target) : t("ticket-holder-secretariat");
  return say(t("ticket-assign-done", { province: escapeHtml(deps.directory.get(province)?.name ?? province), who: escapeHtml(who) }));
}

/** "Reassign" under a question: the consultants to choose from. */
export function reassignChoices({ deps, t }: DeskRequest, ticketId: number): Replies {
  return [
    {
      text: t("ticket-reassign-prompt", { id: ticketId }),
      buttons: deps.consultants.consultants.map((consultant) => [
        { label: consultant.name, data: encodeAction({ kind: "ticket-reassign-to", ticketId, consultantId: consultant.id }) },
      ]),
    },
  ];
}

export async function reassign(request: DeskRequest, ticketId: number, consultantId: string): Promise<Replies> {
  const { deps, member, t } = request;
  const outcome: TicketOutcome = await deps.tickets.reassign(member, ticketId, consultantId, deps.now(), request.effectMark);
  if (!outcome.ok) return refused(request, outcome);
  await deliverTickets(deps, outcome.deliveries);
  const name = deps.consultants.get(consultantId)?.name ?? consultantId;
  return say(t("ticket-reassigned-done", { id: ticketId, name: escapeHtml(name) }));
}

/**
 * Invites an earlier try of the update made: their codes were shown once and are kept only hashed,
 * so they are named by their references, for /invite list and /invite cancel; none is made again.
 */
export function replayInvites({ t }: DeskRequest, effect: EffectOf<"invites">): Replies {
  // A workbook's worth of references would not fit one message: the first as /invite list shows them.
  const { refs } = effect;
  const shown = refs.slice(0, INVITES_LISTED).join(", ");
  const more = refs.length > INVITES_LISTED ? [t("invite-list-more", { count: refs.length - INVITES_LISTED })] : [];
  return say([t("invite-made-before", { count: refs.length, refs: shown }), ...more].join("\n"));
}

/** An account the secretariat took away in an earlier try of the update: said again, its notices queued again (sent once). */
export async function replayUnlink(request: DeskRequest, effect: EffectOf<"unlink">): Promise<Replies> {
  const { deps, t } = request;
  const address = await retellUnlink(deps, effect);
  const channel = address ? CHANNEL_NAMES[address.channel] : "";
  return say(t("members-unlink-removed", { id: escapeHtml(effect.member), channel }));
}

/** A member the secretariat removed in an earlier try of the update: what goes with their access withdrawn again, and said so. */
export async function replayRemoval(request: DeskRequest, effect: EffectOf<"removal">): Promise<Replies> {
  const { deps, t } = request;
  await deps.membership.withdrawAccess(effect.member);
  return say(t("members-removed-done", { id: escapeHtml(effect.member) }));
}
