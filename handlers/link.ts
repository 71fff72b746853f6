import { type Action, encodeAction } from "../src/channels/actions.js";
import { type Address, CHANNEL_NAMES, CHANNELS, formatAddress, parseAddress, sameAddress } from "../src/channels/address.js";
import { type Dialogue, type MemberDialogue, nothing, sending, type Turn } from "../src/dialogue/turn.js";
import { translatorFor } from "../src/i18n.js";
import type { OutboxMessage } from "../src/jobs/outbox.js";
import { type LinkEffect, retellUnlink, type UnlinkEffect, unlinkAndTell } from "../src/services/links.js";
import type { Member } from "../src/storage/members.js";
import { describeBinding, refusalHtml } from "../src/views.js";

/**
 * /link: one person on Telegram and Zalo. Without an argument, a one-time code and the member's
 * accounts; with a code, the member's accounts are asked to confirm the address it was typed from;
 * `remove <channel>` takes away the account it is typed on. Every account hears of a link or an unlink.
 */

export async function link(dialogue: Dialogue, argument: string): Promise<Turn> {
  const { deps, member, message, t } = dialogue;
  const [first = "", second = ""] = argument.split(/\s+/);
  if (first.toLowerCase() === "remove") {
    const channel = CHANNELS.find((name) => name === second.toLowerCase());
    if (!member || !channel) return sending({ text: t("link-usage") });
    // Only the account itself may leave: someone who linked theirs cannot push the owner's out.
    if (channel !== message.from.channel) return sending({ text: t("link-remove-self-only", { channel: CHANNEL_NAMES[channel] }) });
    const outcome = await unlinkAndTell(deps, member, message.from, "self", dialogue.effectMark);
    const key = outcome === "removed" ? "link-removed" : outcome === "last" ? "link-last" : "link-not-theirs";
    return sending({ text: t(key, { channel: CHANNEL_NAMES[channel] }) });
  }
  if (first) return redeem(dialogue, first);
  if (!member) return (await deps.strangers.mayAnswer(message.from)) ? sending({ text: t("onboarding-stranger") }) : nothing;
  const issued = await deps.links.issue(member.id);
  if (!issued.ok) return sending({ text: refusalHtml(t, issued) });
  const list = member.addresses.map((own) => CHANNEL_NAMES[own.channel]).join(", ");
  return sending({
    text: [t("link-code", { code: issued.displayCode }), t("link-addresses", { list }), t("link-remove-hint")].join("\n\n"),
  });
}

/** A link code typed on the channel to add (also what a stranger's bare code means): the member's accounts are asked to confirm. */
export async function redeem(dialogue: Dialogue, code: string): Promise<Turn> {
  const { deps, message, t } = dialogue;
  const address = message.from;
  const result = await deps.links.redeem(code, address, dialogue.effectMark);
  switch (result.outcome) {
    case "pending": {
      const { member, requestId } = result;
      deps.logger.info({ memberId: member.id, channel: address.channel }, "address link requested");
      await deps.outbox?.enqueue(askNotices(member, requestId, address));
      return pending(dialogue, member);
    }
    case "already-linked":
      return sending({ text: t("link-already") });
    case "taken":
      return sending({ text: t("link-taken") });
    case "invalid":
      return sending({ text: t("link-invalid") });
    case "locked":
      return (await deps.strangers.mayAnswer(address, "locked"))
        ? sending({ text: t("onboarding-locked", { minutes: result.retryInMinutes }) })
        : nothing;
  }
}

/** The member's accounts are asked to confirm the address a code was typed at: named by the request. */
function askNotices(member: Member, requestId: string, address: Address): OutboxMessage[] {
  const tm = translatorFor(member.language);
  const channel = CHANNEL_NAMES[address.channel];
  const decide = (verdict: "confirm" | "refuse") => encodeAction({ kind: "link-decision", verdict, requestId });
  return member.addresses.map((own) => ({
    id: `link-ask-${requestId}-${formatAddress(own)}`,
    memberId: member.id,
    to: formatAddress(own),
    message: {
      text: tm("link-confirm-ask", { channel }),
      buttons: [
        [{ label: tm("link-button-confirm", { channel }), data: decide("confirm") }],
        [{ label: tm("link-button-refuse"), data: decide("refuse") }],
      ],
    },
  }));
}

/** What the address a code was typed at hears: the member's accounts that must confirm. */
function pending({ t }: Dialogue, member: Member): Turn {
  const where = [...new Set(member.addresses.map((own) => CHANNEL_NAMES[own.channel]))].join(", ");
  return sending({ text: t("link-pending", { where }) });
}

/** Every account of the member but the one that confirmed hears of the new one: named by the request. */
function linkedNotices(dialogue: MemberDialogue, requestId: string, address: Address): OutboxMessage[] {
  const { deps, member, message } = dialogue;
  const tm = translatorFor(member.language);
  const channel = CHANNEL_NAMES[address.channel];
  const role = describeBinding(tm, member.binding, deps.directory);
  return member.addresses
    .filter((own) => !sameAddress(own, message.from))
    .map((own) => ({
      id: `link-done-${requestId}-${formatAddress(own)}`,
      memberId: member.id,
      to: formatAddress(own),
      message: {
        text: sameAddress(own, address)
          ? tm("link-linked", { channel, role })
          : tm("link-linked-other", { channel, channelId: address.channel }),
      },
    }));
}

/** The address whose request the member refused hears it: named by the request. */
const refusedNotice = (member: Member, requestId: string, address: Address): OutboxMessage => ({
  id: `link-refused-${requestId}`,
  memberId: member.id,
  to: formatAddress(address),
  message: { text: translatorFor(undefined)("link-refused") },
});

const RETIRED = { kind: "retire", target: "pressed" } as const;

/**
 * The member's answer to a link request, pressed on an account they already have: the new account
 * is theirs from now on, and every account hears it; or it stays a stranger's, and it hears that.
 * Either is written with the update's effect mark: a repeat says it again (`replay`).
 */
export async function decide(dialogue: MemberDialogue, action: Extract<Action, { kind: "link-decision" }>): Promise<Turn> {
  const { deps, member, t, effectMark } = dialogue;
  const { requestId } = action;
  const decision =
    action.verdict === "confirm"
      ? await deps.links.confirm(requestId, member, effectMark)
      : await deps.links.refuse(requestId, member, effectMark);
  switch (decision.outcome) {
    case "linked": {
      const linked = decision.member;
      deps.logger.info({ memberId: linked.id, channel: decision.address.channel }, "address linked");
      await deps.outbox?.enqueue(linkedNotices({ ...dialogue, member: linked }, requestId, decision.address));
      const channel = CHANNEL_NAMES[decision.address.channel];
      return { replies: [RETIRED, ...sending({ text: t("link-confirmed", { channel }) }).replies], answerSaved: false };
    }
    case "refused": {
      deps.logger.info({ memberId: member.id, channel: decision.address.channel }, "address link refused by the member");
      await deps.outbox?.enqueue([refusedNotice(member, requestId, decision.address)]);
      return { replies: [RETIRED, ...sending({ text: t("link-refused-done") }).replies], answerSaved: false };
    }
    case "taken":
      return { replies: [RETIRED, ...sending({ text: t("link-taken") }).replies], answerSaved: false };
    case "gone":
      return { replies: [RETIRED, ...sending({ text: t("link-request-gone") }).replies], answerSaved: false };
  }
}

/**
 * A link request or a decision on one that an earlier try of the update made: said again as
 * `redeem` and `decide` said it, what they queued queued again (under the same ids: sent once).
 * A request already answered, or expired, is said to be so; nothing is consumed or bound again.
 */
export async function replay(dialogue: Dialogue, effect: LinkEffect): Promise<Turn> {
  const { deps, member, t } = dialogue;
  const address = parseAddress(effect.address);
  if (!address) return nothing;
  const channel = CHANNEL_NAMES[address.channel];
  switch (effect.did) {
    case "requested": {
      const asked = await deps.links.pending(effect.request);
      if (!asked) return sending({ text: t("link-request-gone") });
      await deps.outbox?.enqueue(askNotices(asked, effect.request, address));
      return pending(dialogue, asked);
    }
    case "linked":
      if (member) await deps.outbox?.enqueue(linkedNotices({ ...dialogue, member }, effect.request, address));
      return { replies: [RETIRED, ...sending({ text: t("link-confirmed", { channel }) }).replies], answerSaved: false };
    case "refused":
      if (member) await deps.outbox?.enqueue([refusedNotice(member, effect.request, address)]);
      return { replies: [RETIRED, ...sending({ text: t("link-refused-done") }).replies], answerSaved: false };
  }
}

/** An account that took itself away in an earlier try of the update: said again, the member's accounts told again (sent once). */
export async function replayUnlink(dialogue: Dialogue, effect: UnlinkEffect): Promise<Turn> {
  const address = await retellUnlink(dialogue.deps, effect);
  return address ? sending({ text: dialogue.t("link-removed", { channel: CHANNEL_NAMES[address.channel] }) }) : nothing;
}
