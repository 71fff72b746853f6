import { translatorFor } from "../i18n.js";
import type { MemberStore } from "../storage/members.js";
import type { Address } from "./address.js";
import { type FileLinks, LINK_LIFETIME_MS } from "./file-links.js";
import type { OutgoingMessage } from "./port.js";
import { plainText } from "./text.js";

/**
 * A message's file on a messenger that takes files only by URL (both Zalo adapters): a signed link
 * to the bot's own server, given only to a member (it works while they hold the address). A picture
 * with a link is shown from it; any other file, or one without a link (no public address, or no
 * member there), is a line of the message's text: its link, or where else to find it.
 */
export type FileByLink =
  | { kind: "none" }
  | { kind: "line"; line: string }
  /** `line`: what is sent instead when the messenger will not fetch the picture. */
  | { kind: "picture"; link: string; caption: string; line: string };

export class FilesByLink {
  constructor(
    private readonly links: FileLinks | undefined,
    private readonly members: Pick<MemberStore, "at">,
    private readonly now: () => number,
  ) {}

  async of(address: Address, message: OutgoingMessage): Promise<FileByLink> {
    const { attachment } = message;
    if (!attachment) return { kind: "none" };
    const link = await this.linkTo(address, attachment);
    const t = translatorFor(message.language);
    const minutes = LINK_LIFETIME_MS[lifetimeOf(attachment)] / 60_000;
    const caption = plainText(attachment.caption);
    if (link === undefined) return { kind: "line", line: t("zalo-file-elsewhere", { caption, link: "", minutes }) };
    const line = t("zalo-file-link", { caption, link, minutes });
    return attachment.kind === "photo" ? { kind: "picture", link, caption, line } : { kind: "line", line };
  }

  private async linkTo(address: Address, attachment: Attachment): Promise<string | undefined> {
    if (!this.links) return undefined;
    const member = await this.members.at(address);
    if (!member) return undefined;
    return this.links.link(
      { reference: attachment.fileId, fileName: attachment.fileName ?? (attachment.kind === "photo" ? "anh.jpg" : "tep") },
      { memberId: member.id, binding: member.binding, address },
      this.now(),
      lifetimeOf(attachment),
    );
  }
}

type Attachment = NonNullable<OutgoingMessage["attachment"]>;

const lifetimeOf = (attachment: Attachment) => (attachment.export ? "export" : "attachment");
