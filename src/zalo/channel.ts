import { type FileLinks, LINK_LIFETIME_MS } from "../channels/file-links.js";
import type { Channel, OutgoingMessage, SendOutcome } from "../channels/port.js";
import { plainText, splitText } from "../channels/text.js";
import { translatorFor } from "../i18n.js";
import type { MemberStore } from "../storage/members.js";
import type { MenuStore } from "../storage/menus.js";
import { type ZaloClient, ZaloError } from "./client.js";

/** Zalo's limit on one message. */
export const ZALO_TEXT_LIMIT = 2000;

/** The message as Zalo shows it: plain text, then each button on a line, numbered unless numbers are answers. */
export function zaloText(message: OutgoingMessage): string {
  const buttons = (message.buttons ?? []).flat();
  const lines = buttons.map((button, index) => `${message.numbersAreAnswers ? "•" : `${index + 1}.`} ${plainText(button.label)}`);
  return [plainText(message.text), ...(lines.length ? ["", ...lines] : [])].join("\n");
}

/**
 * Zalo behind the channel port: no buttons, no HTML, 2,000 characters, files by URL only. Each
 * send remembers the buttons it showed, so the person's "2" (or the button's words) can be
 * understood. A file goes as a signed link to the bot's own server (a picture shown by Zalo from
 * it) when the server has a public address; otherwise the person is told where to find it.
 */
export class ZaloChannel implements Channel {
  readonly name = "zalo";

  constructor(
    private readonly client: ZaloClient,
    private readonly menus: MenuStore,
    private readonly now: () => number,
    private readonly links: FileLinks | undefined,
    /** Who is at an address: a link is sent to a member and works only while they hold it. */
    private readonly members: Pick<MemberStore, "at">,
  ) {}

  async send(chatId: string, message: OutgoingMessage): Promise<SendOutcome> {
    const buttons = (message.buttons ?? []).flat();
    if (buttons.length) {
      await this.menus.set(
        { channel: "zalo", id: chatId },
        {
          buttons: buttons.map(({ label, data }) => ({ label: plainText(label), data })),
          numbered: !message.numbersAreAnswers,
          shownAt: this.now(),
        },
      );
    }
    const { attachment } = message;
    const link = attachment && (await this.linkTo(chatId, attachment));
    const showsPicture = attachment?.kind === "photo" && link !== undefined;
    const t = translatorFor(message.language);
    const minutes = LINK_LIFETIME_MS[attachment?.export ? "export" : "attachment"] / 60_000;
    const fileLine =
      attachment && !showsPicture
        ? t(link ? "zalo-file-link" : "zalo-file-elsewhere", { caption: plainText(attachment.caption), link: link ?? "", minutes })
        : undefined;
    const messageIds: string[] = [];
    try {
      const text = [zaloText(message), fileLine].filter(Boolean).join("\n\n");
      // A message may be a picture alone.
      if (text)
        for (const part of splitText(text, ZALO_TEXT_LIMIT)) messageIds.push((await this.client.sendMessage(chatId, part)).message_id);
      if (showsPicture)
        messageIds.push(
          await this.sendPicture(chatId, link, plainText(attachment.caption), (line) => t("zalo-file-link", { ...line, minutes })),
        );
    } catch (error) {
      if (!(error instanceof ZaloError)) throw error;
      if (error.code === 429) return { kind: "wait", ms: 5_000 };
      if (error.code === 404) return { kind: "unreachable" };
      if (error.code === 400 || error.code === 401) return { kind: "refused", reason: error.description };
      return { kind: "retry", reason: error.description };
    }
    return { kind: "sent", messageIds };
  }

  private async linkTo(chatId: string, attachment: NonNullable<OutgoingMessage["attachment"]>): Promise<string | undefined> {
    if (!this.links) return undefined;
    const address = { channel: "zalo", id: chatId } as const;
    const member = await this.members.at(address);
    if (!member) return undefined;
    return this.links.link(
      { reference: attachment.fileId, fileName: attachment.fileName ?? (attachment.kind === "photo" ? "anh.jpg" : "tep") },
      { memberId: member.id, binding: member.binding, address },
      this.now(),
      attachment.export ? "export" : "attachment",
    );
  }

  /** Zalo fetches the picture from the link; when it will not, the person gets the link (the text before it is not sent again). */
  private async sendPicture(
    chatId: string,
    link: string,
    caption: string,
    fileLine: (line: { caption: string; link: string }) => string,
  ): Promise<string> {
    try {
      return (await this.client.sendPhoto(chatId, link, caption)).message_id;
    } catch (error) {
      if (!(error instanceof ZaloError) || error.code === 429 || error.code === 404) throw error;
      return (await this.client.sendMessage(chatId, fileLine({ caption, link }))).message_id;
    }
  }
}
