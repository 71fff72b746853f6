import { isCommand, isFormScreen } from "../channels/actions.js";
import type { Address } from "../channels/address.js";
import { type FileLinks, LINK_LIFETIME_MS } from "../channels/file-links.js";
import type { Button, Channel, OutgoingMessage, SendOutcome } from "../channels/port.js";
import { plainText, splitText } from "../channels/text.js";
import { translatorFor } from "../i18n.js";
import type { MemberStore } from "../storage/members.js";
import type { MenuStore } from "../storage/menus.js";
import { type ZaloClient, ZaloError } from "./client.js";

/** Zalo's limit on one message. */
export const ZALO_TEXT_LIMIT = 2000;

/**
 * How Zalo shows a message's buttons: its choices as lines numbered from 1 (bulleted where a
 * number typed is the screen's answer), its commands (src/channels/actions.ts, `isCommand`) as one
 * line of words to type; `asWords`, every button a word (a message sent on its own beside a form
 * screen whose numbers stay the screen's).
 */
export function zaloMenu(message: OutgoingMessage, asWords = false): { choices: Button[]; commands: Button[] } {
  const buttons = (message.buttons ?? []).flat();
  const command = (button: Button) => asWords || isCommand(button.data);
  return { choices: buttons.filter((button) => !command(button)), commands: buttons.filter(command) };
}

/** The message as Zalo shows it: plain text, then its choices on numbered lines, then its commands on one line. */
export function zaloText(message: OutgoingMessage, asWords = false): string {
  const { choices, commands } = zaloMenu(message, asWords);
  const lines = choices.map((button, index) => `${message.numbersAreAnswers ? "•" : `${index + 1}.`} ${plainText(button.label)}`);
  // A command is read as the words to type: an emoji before them is no part of them.
  const words = commands.map((button) =>
    plainText(button.label)
      .replace(/^[^\p{L}\p{N}]+/u, "")
      .toLocaleLowerCase("vi"),
  );
  const commandLine = words.length
    ? [translatorFor(message.language)("zalo-commands", { choices: lines.length ? "yes" : "no", commands: words.join(" · ") })]
    : [];
  const menu = [...lines, ...commandLine];
  return [plainText(message.text), ...(menu.length ? ["", ...menu] : [])].join("\n");
}

/**
 * Zalo behind the channel port: no buttons, no HTML, 2,000 characters, files by URL only. Each
 * send remembers the buttons it showed, so the person's "2" (or the button's words) can be
 * understood. A file goes as a signed link to the bot's own server (a picture shown by Zalo from
 * it) when the server has a public address; otherwise the person is told where to find it.
 *
 * A reply to the person (`reply`) shows the screen they are on now: its menu replaces the last.
 * A message the bot sends on its own (`send`: a consultant's answer, a reminder) arriving while a
 * form screen waits does not take that screen's numbers away: its own buttons become words to
 * type, added to the screen's menu.
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

  /** A message the bot sends on its own (through the outbox). */
  async send(chatId: string, message: OutgoingMessage): Promise<SendOutcome> {
    const buttons = (message.buttons ?? []).flat();
    const address: Address = { channel: "zalo", id: chatId };
    const shown = buttons.length ? await this.menus.get(address) : undefined;
    const beside = shown?.buttons.some((button) => isFormScreen(button.data)) && !buttons.some((button) => isFormScreen(button.data));
    if (shown && beside) {
      // The form screen keeps its numbers; this message's buttons are typed by their words.
      const words = buttons.map(({ label, data }) => ({ label: plainText(label), data }));
      await this.menus.set(address, { ...shown, buttons: [...shown.buttons, ...words] });
      return this.deliver(chatId, message, true);
    }
    return this.reply(chatId, message);
  }

  /** The answer to the person's message: the screen they are on now, whose menu replaces the last one. */
  async reply(chatId: string, message: OutgoingMessage): Promise<SendOutcome> {
    const { choices, commands } = zaloMenu(message);
    if (choices.length || commands.length) {
      const numbered = !message.numbersAreAnswers;
      await this.menus.set(
        { channel: "zalo", id: chatId },
        {
          buttons: [
            ...choices.map(({ label, data }, index) => ({ label: plainText(label), data, ...(numbered ? { number: index + 1 } : {}) })),
            ...commands.map(({ label, data }) => ({ label: plainText(label), data })),
          ],
          numbered,
          shownAt: this.now(),
        },
      );
    }
    return this.deliver(chatId, message, false);
  }

  private async deliver(chatId: string, message: OutgoingMessage, asWords: boolean): Promise<SendOutcome> {
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
      const text = [zaloText(message, asWords), fileLine].filter(Boolean).join("\n\n");
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
