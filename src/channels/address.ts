/**
 * Where a person can be reached: one account on one messenger. A member has one or more; the
 * member id is made once, from the address they joined from, and never changes afterwards:
 * the Telegram user id itself (as every member had before Zalo came), `z-<Zalo user id>` for Zalo's
 * Bot platform, or `o-<user id>` for the ministry's Zalo Official Account (`zalo-oa`, whose user ids
 * are the OA's own and differ from the same person's id on the Zalo bot).
 */

export const CHANNELS = ["telegram", "zalo", "zalo-oa"] as const;
export type ChannelName = (typeof CHANNELS)[number];

/** Each messenger by the name people know it by. */
export const CHANNEL_NAMES: Record<ChannelName, string> = { telegram: "Telegram", zalo: "Zalo", "zalo-oa": "Zalo OA" };

export interface Address {
  channel: ChannelName;
  /** The channel's own id of the person's private chat with the bot. */
  id: string;
}

export type MemberId = string;

export const formatAddress = (address: Address): string => `${address.channel}:${address.id}`;

const isChannel = (name: string): name is ChannelName => (CHANNELS as readonly string[]).includes(name);

export function parseAddress(text: string): Address | undefined {
  const [, channel, id] = /^([a-z-]+):([A-Za-z0-9_-]{1,64})$/.exec(text) ?? [];
  return channel && id && isChannel(channel) ? { channel, id } : undefined;
}

export const telegramAddress = (userId: number): Address => ({ channel: "telegram", id: String(userId) });

/** What a member id made from an address starts with: none for Telegram's, as before Zalo came. */
const MEMBER_ID_PREFIX: Record<ChannelName, string> = { telegram: "", zalo: "z-", "zalo-oa": "o-" };

export const memberIdFor = (address: Address): MemberId => `${MEMBER_ID_PREFIX[address.channel]}${address.id}`;

export const sameAddress = (a: Address, b: Address): boolean => a.channel === b.channel && a.id === b.id;

/** Where to reach a person on the channels this process serves: the address they wrote from last if it can, else any it can. */
export function reachableAddress(
  person: { preferred: Address | undefined; addresses: readonly Address[] },
  served: { has(channel: ChannelName): boolean },
): Address | undefined {
  if (person.preferred && served.has(person.preferred.channel)) return person.preferred;
  return person.addresses.find((address) => served.has(address.channel));
}
