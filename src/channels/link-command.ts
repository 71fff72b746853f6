import type { Deps } from "../deps.js";
import { translatorFor } from "../i18n.js";
import type { Member } from "../storage/members.js";
import { describeBinding, type Translate } from "../views.js";
import { type Address, CHANNELS, type ChannelName, formatAddress } from "./address.js";
import type { OutgoingMessage } from "./port.js";

const CHANNEL_NAMES: Record<ChannelName, string> = { telegram: "Telegram", zalo: "Zalo" };

/**
 * /link on any channel: without an argument, a one-time code and the member's accounts; with a
 * code, binds the address it was typed from; `remove <channel>` takes one account away. The
 * member's other accounts are told when a new one is linked.
 */
export async function linkCommand(
  deps: Deps,
  address: Address,
  member: Member | undefined,
  argument: string,
  t: Translate,
): Promise<OutgoingMessage> {
  const [first = "", second = ""] = argument.split(/\s+/);
  if (first.toLowerCase() === "remove") {
    const channel = CHANNELS.find((name) => name === second.toLowerCase());
    if (!member || !channel) return { text: t("link-usage") };
    const own = member.addresses.find((candidate) => candidate.channel === channel);
    const outcome = own ? await deps.links.unlink(member, own) : "not-theirs";
    const key = outcome === "removed" ? "link-removed" : outcome === "last" ? "link-last" : "link-not-theirs";
    return { text: t(key, { channel: CHANNEL_NAMES[channel] }) };
  }
  if (first) return redeemLink(deps, address, first, t);
  if (!member) return { text: t("onboarding-stranger") };
  const issued = await deps.links.issue(member.id);
  if (!issued.ok) return { text: t("link-too-many") };
  const list = member.addresses.map((own) => CHANNEL_NAMES[own.channel]).join(", ");
  return { text: [t("link-code", { code: issued.displayCode }), t("link-addresses", { list }), t("link-remove-hint")].join("\n\n") };
}

/** A link code typed on the channel to add; also what a stranger's bare code means. */
export async function redeemLink(deps: Deps, address: Address, code: string, t: Translate): Promise<OutgoingMessage> {
  const result = await deps.links.redeem(code, address);
  switch (result.outcome) {
    case "linked": {
      const { member } = result;
      deps.logger.info({ memberId: member.id, channel: address.channel }, "address linked");
      const tm = translatorFor(member.language);
      await deps.outbox?.enqueue(
        result.others.map((other) => ({
          id: `linked-${formatAddress(address)}-${formatAddress(other)}-${deps.now()}`,
          memberId: member.id,
          to: formatAddress(other),
          message: { text: tm("link-linked-other", { channel: CHANNEL_NAMES[address.channel], channelId: address.channel }) },
        })),
      );
      return {
        text: tm("link-linked", { channel: CHANNEL_NAMES[address.channel], role: describeBinding(tm, member.binding, deps.directory) }),
      };
    }
    case "already-linked":
      return { text: t("link-already") };
    case "taken":
      return { text: t("link-taken") };
    case "invalid":
      return { text: t("link-invalid") };
    case "locked":
      return { text: t("onboarding-locked", { minutes: result.retryInMinutes }) };
  }
}
