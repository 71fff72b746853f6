import type { FileLinks } from "../channels/file-links.js";
import type { Member } from "../storage/members.js";

/**
 * Photos answered in a form, in a workbook: a cell cannot hold the picture's reference (a Telegram
 * file id, `stored:<id>`), which opens nothing, so it holds a signed link to the bot's file server
 * (src/channels/file-links.ts) made for the member the workbook is for. Like any link the bot gives
 * for a picture it lasts 24 hours and works while that member keeps their role and an address.
 */

/** The link to a photo answer, by its reference and the name it downloads under; undefined when no link can be made. */
export type PhotoLink = (reference: string, fileName: string) => string | undefined;

/** Links for `member`, or none where the bot has no public address (no file server) or the member no account to hold one. */
export function photoLinksFor(links: FileLinks | undefined, member: Member | undefined, now: number): PhotoLink | undefined {
  const address = member?.addresses[0];
  if (!links || !member || !address) return undefined;
  return (reference, fileName) =>
    links.link({ reference, fileName }, { memberId: member.id, binding: member.binding, address }, now, "attachment");
}

/** A photo answer's cell: a link that opens it, or, with none to give, that there is one. */
export function photoCell(reference: string, fileName: string, link: PhotoLink | undefined): string | { text: string; hyperlink: string } {
  const url = link?.(reference, fileName);
  return url ? { text: url, hyperlink: url } : "(có ảnh)";
}
