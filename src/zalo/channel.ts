import { isCommand } from "../channels/actions.js";
import type { Address } from "../channels/address.js";
import type { FileByLink, FilesByLink } from "../channels/file-by-link.js";
import type { Button, Channel, OutgoingMessage, SendOutcome } from "../channels/port.js";
import { plainText, splitText } from "../channels/text.js";
import { besideFormScreen, keepingAside } from "../channels/typed-menu.js";
import { translatorFor } from "../i18n.js";
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
    private readonly files: FilesByLink,
  ) {}

  /** A message the bot sends on its own (through the outbox). */
  async send(chatId: string, message: OutgoingMessage): Promise<SendOutcome> {
    const buttons = (message.buttons ?? []).flat();
    const address: Address = { channel: "zalo", id: chatId };
    // Zalo stores its choices with their numbers: there is nothing to number here.
    const beside = besideFormScreen(buttons.length ? await this.menus.get(address) : undefined, buttons, { numberByPlace: false });
    if (beside) {
      await this.menus.set(address, beside);
      return this.deliver(chatId, message, true);
    }
    return this.reply(chatId, message);
  }

  /** The answer to the person's message: the screen they are on now, whose menu replaces the last one. */
  async reply(chatId: string, message: OutgoingMessage): Promise<SendOutcome> {
    const { choices, commands } = zaloMenu(message);
    if (choices.length || commands.length) {
      const address: Address = { channel: "zalo", id: chatId };
      const numbered = !message.numbersAreAnswers;
      const menu = {
        buttons: [
          ...choices.map(({ label, data }, index) => ({ label: plainText(label), data, ...(numbered ? { number: index + 1 } : {}) })),
          ...commands.map(({ label, data }) => ({ label: plainText(label), data })),
        ],
        numbered,
        shownAt: this.now(),
      };
      await this.menus.set(address, keepingAside(await this.menus.get(address), menu));
    }
    return this.deliver(chatId, message, false);
  }

  private async deliver(chatId: string, message: OutgoingMessage, asWords: boolean): Promise<SendOutcome> {
    const file = await this.files.of({ channel: "zalo", id: chatId }, message);
    const messageIds: string[] = [];
    try {
      const text = [zaloText(message, asWords), file.kind === "line" ? file.line : undefined].filter(Boolean).join("\n\n");
      // A message may be a picture alone.
      if (text)
        for (const part of splitText(text, ZALO_TEXT_LIMIT)) messageIds.push((await this.client.sendMessage(chatId, part)).message_id);
      if (file.kind === "picture") messageIds.push(await this.sendPicture(chatId, file));
    } catch (error) {
      if (!(error instanceof ZaloError)) throw error;
      if (error.code === 429) return { kind: "wait", ms: 5_000 };
      if (error.code === 404) return { kind: "unreachable" };
      if (error.code === 400 || error.code === 401) return { kind: "refused", reason: error.description };
      return { kind: "retry", reason: error.description };
    }
    return { kind: "sent", messageIds };
  }

  /** Zalo fetches the picture from the link; when it will not, the person gets the link (the text before it is not sent again). */
  private async sendPicture(chatId: string, picture: Extract<FileByLink, { kind: "picture" }>): Promise<string> {
    try {
      return (await this.client.sendPhoto(chatId, picture.link, picture.caption)).message_id;
    } catch (error) {
      if (!(error instanceof ZaloError) || error.code === 429 || error.code === 404) throw error;
      return (await this.client.sendMessage(chatId, picture.line)).message_id;
    }
  }
}
