import type { Deps } from "../deps.js";
import { translatorFor } from "../i18n.js";
import type { Member } from "../storage/members.js";
import { describeBinding, type Translate } from "../views.js";
import { type Address, CHANNELS, type ChannelName, formatAddress, sameAddress } from "./address.js";
import type { OutgoingMessage } from "./port.js";

export const CHANNEL_NAMES: Record<ChannelName, string> = { telegram: "Telegram", zalo: "Zalo" };

/** The buttons under a link request, sent to the member's own accounts: `lk:ok:<request>` and `lk:no:<request>`. */
export const LINK_DECISION = /^lk:(ok|no):([0-9a-f]{12})$/;

export const isLinkDecision = (data: string): boolean => LINK_DECISION.test(data);

/**
 * /link on any channel: without an argument, a one-time code and the member's accounts; with a
 * code, asks the member's accounts to confirm the address it was typed from; `remove <channel>`
 * takes away the account it is typed from. Every account hears of a link or an unlink.
 */
export async function linkCommand(
  deps: Deps,
  address: Address,
  member: Member | undefined,
  argument: string,
  t: Translate,
): Promise<OutgoingMessage | undefined> {
  const [first = "", second = ""] = argument.split(/\s+/);
  if (first.toLowerCase() === "remove") {
    const channel = CHANNELS.find((name) => name === second.toLowerCase());
    if (!member || !channel) return { text: t("link-usage") };
    // Only the account itself may leave: someone who linked theirs cannot push the owner's out.
    if (channel !== address.channel) return { text: t("link-remove-self-only", { channel: CHANNEL_NAMES[channel] }) };
    const outcome = await unlinkAndTell(deps, member, address, "self");
    const key = outcome === "removed" ? "link-removed" : outcome === "last" ? "link-last" : "link-not-theirs";
    return { text: t(key, { channel: CHANNEL_NAMES[channel] }) };
  }
  if (first) return redeemLink(deps, address, first, t);
  if (!member) return (await deps.strangers.mayAnswer(address)) ? { text: t("onboarding-stranger") } : undefined;
  const issued = await deps.links.issue(member.id);
  if (!issued.ok) return { text: t("link-too-many") };
  const list = member.addresses.map((own) => CHANNEL_NAMES[own.channel]).join(", ");
  return { text: [t("link-code", { code: issued.displayCode }), t("link-addresses", { list }), t("link-remove-hint")].join("\n\n") };
}

/** A link code typed on the channel to add (also what a stranger's bare code means): the member's accounts are asked to confirm. */
export async function redeemLink(deps: Deps, address: Address, code: string, t: Translate): Promise<OutgoingMessage | undefined> {
  const result = await deps.links.redeem(code, address);
  switch (result.outcome) {
    case "pending": {
      const { member, requestId } = result;
      deps.logger.info({ memberId: member.id, channel: address.channel }, "address link requested");
      const tm = translatorFor(member.language);
      const channel = CHANNEL_NAMES[address.channel];
      await deps.outbox?.enqueue(
        member.addresses.map((own) => ({
          id: `link-ask-${requestId}-${formatAddress(own)}`,
          memberId: member.id,
          to: formatAddress(own),
          message: {
            text: tm("link-confirm-ask", { channel }),
            buttons: [
              [{ label: tm("link-button-confirm", { channel }), data: `lk:ok:${requestId}` }],
              [{ label: tm("link-button-refuse"), data: `lk:no:${requestId}` }],
            ],
          },
        })),
      );
      const where = [...new Set(member.addresses.map((own) => CHANNEL_NAMES[own.channel]))].join(", ");
      return { text: t("link-pending", { where }) };
    }
    case "already-linked":
      return { text: t("link-already") };
    case "taken":
      return { text: t("link-taken") };
    case "invalid":
      return { text: t("link-invalid") };
    case "locked":
      return (await deps.strangers.mayAnswer(address, "locked"))
        ? { text: t("onboarding-locked", { minutes: result.retryInMinutes }) }
        : undefined;
  }
}

/**
 * The member's answer to a link request, pressed on an account they already have: the new account
 * is theirs from now on, and every account hears it; or it stays a stranger's, and it hears that.
 */
export async function decideLink(deps: Deps, member: Member, address: Address, data: string, t: Translate): Promise<OutgoingMessage> {
  const [, verdict, requestId = ""] = LINK_DECISION.exec(data) ?? [];
  const decision = verdict === "ok" ? await deps.links.confirm(requestId, member) : await deps.links.refuse(requestId, member);
  switch (decision.outcome) {
    case "linked": {
      const linked = decision.member;
      deps.logger.info({ memberId: linked.id, channel: decision.address.channel }, "address linked");
      const tm = translatorFor(linked.language);
      const channel = CHANNEL_NAMES[decision.address.channel];
      const role = describeBinding(tm, linked.binding, deps.directory);
      await deps.outbox?.enqueue(
        linked.addresses
          .filter((own) => !sameAddress(own, address))
          .map((own) => ({
            id: `link-done-${requestId}-${formatAddress(own)}`,
            memberId: linked.id,
            to: formatAddress(own),
            message: {
              text: sameAddress(own, decision.address)
                ? tm("link-linked", { channel, role })
                : tm("link-linked-other", { channel, channelId: decision.address.channel }),
            },
          })),
      );
      return { text: t("link-confirmed", { channel }) };
    }
    case "refused": {
      deps.logger.info({ memberId: member.id, channel: decision.address.channel }, "address link refused by the member");
      await deps.outbox?.enqueue([
        {
          id: `link-refused-${requestId}`,
          memberId: member.id,
          to: formatAddress(decision.address),
          message: { text: translatorFor(undefined)("link-refused") },
        },
      ]);
      return { text: t("link-refused-done") };
    }
    case "taken":
      return { text: t("link-taken") };
    case "gone":
      return { text: t("link-request-gone") };
  }
}

/**
 * Takes one account away from a member (by the account itself, or by the secretariat) and tells
 * each of the member's accounts, the one removed included, except the one that asked.
 */
export async function unlinkAndTell(
  deps: Deps,
  member: Member,
  address: Address,
  by: "self" | "secretariat",
): Promise<"removed" | "last" | "not-theirs"> {
  const outcome = await deps.links.unlink(member, address);
  if (outcome !== "removed") return outcome;
  deps.logger.info({ memberId: member.id, channel: address.channel, by }, "address unlinked");
  const tm = translatorFor(member.language);
  const channel = CHANNEL_NAMES[address.channel];
  const told = by === "self" ? member.addresses.filter((own) => !sameAddress(own, address)) : member.addresses;
  await deps.outbox?.enqueue(
    told.map((own) => ({
      id: `unlinked-${formatAddress(address)}-${formatAddress(own)}-${deps.now()}`,
      memberId: member.id,
      to: formatAddress(own),
      message: {
        text: sameAddress(own, address)
          ? tm("link-unlinked-this", { channel })
          : tm(by === "self" ? "link-unlinked-other" : "link-unlinked-by-secretariat", { channel }),
      },
    })),
  );
  return outcome;
}
