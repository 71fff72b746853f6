import type { Address } from "../channels/address.js";
import type { FilesByLink } from "../channels/file-by-link.js";
import type { Channel, OutgoingMessage, SendOutcome } from "../channels/port.js";
import { plainText, splitText } from "../channels/text.js";
import { besideFormScreen, keepingAside } from "../channels/typed-menu.js";
import type { MenuStore } from "../storage/menus.js";
import { OaApiError, type OaButton, type OaClient, OaHttpError, type OaMessage, type OaRecipient } from "./client.js";
import { OaTokenUnavailable, type TokenKeeper } from "./tokens.js";

/** Zalo's limit on one message's text. */
export const OA_TEXT_LIMIT = 2000;
/** Buttons one OA message carries at most (Zalo's SDK: 5). */
export const OA_MAX_BUTTONS = 5;
const TITLE_LIMIT = 100;
const PAYLOAD_LIMIT = 1000;

/** The OA's error codes, as docs/zalo-oa.md records them, by what the bot does about each. */
const CLOSED_CODES = new Map([
  [-213, "the person does not follow the OA"],
  [-227, "the person has not used Zalo for a long time"],
  [-230, "outside the consultation window"],
  [-232, "outside the consultation window"],
]);
const TOKEN_CODES = new Set([-124, -216, -220]);
const REFUSED_CODES = new Set([-201, -204, -207, -210, -211, -224]);
const RATE_LIMIT_CODE = -32;
/** A reply by message id refused as malformed: sent by the person's id instead. */
const REPLY_REFUSED_CODES = new Set([-201, -204]);

/**
 * The message as the OA shows it: plain text, then every button as a numbered line (a number typed
 * works as the press); bulleted where numbers are the screen's answer, or `asWords` (a message
 * beside a form screen whose numbers stay the screen's).
 */
export function oaText(message: OutgoingMessage, asWords = false): string {
  const buttons = (message.buttons ?? []).flat();
  const bullet = message.numbersAreAnswers || asWords;
  const lines = buttons.map((button, index) => `${bullet ? "•" : `${index + 1}.`} ${plainText(button.label)}`);
  return [plainText(message.text), ...(lines.length ? ["", ...lines] : [])].join("\n");
}

/**
 * What a press of the button posts into the chat (`oa.query.show`): the button's own words, which
 * the adapter reads back as the press, as it reads the same words typed.
 */
export const pressPayload = (label: string): string => plainText(label).slice(0, PAYLOAD_LIMIT);

/** The first buttons of a message as the OA's, at most five; the rest only as numbered lines. */
export function oaButtons(message: OutgoingMessage): OaButton[] {
  return (message.buttons ?? [])
    .flat()
    .slice(0, OA_MAX_BUTTONS)
    .map((button) => {
      const title = plainText(button.label);
      return {
        title: title.length > TITLE_LIMIT ? `${title.slice(0, TITLE_LIMIT - 1)}…` : title,
        type: "oa.query.show",
        payload: pressPayload(button.label),
      };
    });
}

/**
 * Zalo OA behind the channel port: plain text of at most 2,000 characters a message, the screen's
 * buttons as OA buttons on its last message (and all of them as numbered lines), pictures by URL
 * (a signed link to the bot's own server), no edits. Each send remembers the buttons it showed, so
 * a press (the button's words) or a typed number is understood. A send outside the consultation
 * window is answered "closed"; the OA's other error codes map to retry, wait or give up.
 */
export class OaChannel implements Channel {
  readonly name = "zalo-oa";

  constructor(
    private readonly client: OaClient,
    private readonly tokens: Pick<TokenKeeper, "accessToken" | "replace">,
    private readonly menus: MenuStore,
    private readonly now: () => number,
    private readonly files: FilesByLink,
  ) {}

  /**
   * A message the bot starts (through the outbox): to the person by their id. Arriving while a
   * form screen waits (a consultant's answer, a reminder), it does not take that screen's numbers
   * away: its own buttons are pressed or typed by their words, added to the screen's menu.
   */
  async send(chatId: string, message: OutgoingMessage): Promise<SendOutcome> {
    const address: Address = { channel: "zalo-oa", id: chatId };
    const buttons = (message.buttons ?? []).flat();
    // The OA stores a screen's lines numbered by their place: they get their numbers before words follow them.
    const beside = besideFormScreen(buttons.length ? await this.menus.get(address) : undefined, buttons, { numberByPlace: true });
    if (beside) {
      await this.menus.set(address, beside);
      return this.deliver(chatId, message, undefined, true);
    }
    await this.remember(address, message);
    return this.deliver(chatId, message, undefined, false);
  }

  /**
   * The answer to a person's message (the dialogue's turn): sent as a reply to it, which Zalo
   * counts among the free replies of its window; where the OA will not take it so, by their id.
   * Its buttons are the menu now.
   */
  async reply(chatId: string, replyTo: string, message: OutgoingMessage): Promise<SendOutcome> {
    await this.remember({ channel: "zalo-oa", id: chatId }, message);
    return this.deliver(chatId, message, replyTo, false);
  }

  private async remember(address: Address, message: OutgoingMessage): Promise<void> {
    const buttons = (message.buttons ?? []).flat();
    if (!buttons.length) return;
    const menu = {
      buttons: buttons.map(({ label, data }) => ({ label: plainText(label), data })),
      numbered: !message.numbersAreAnswers,
      shownAt: this.now(),
    };
    await this.menus.set(address, keepingAside(await this.menus.get(address), menu));
  }

  private async deliver(chatId: string, message: OutgoingMessage, replyTo: string | undefined, asWords: boolean): Promise<SendOutcome> {
    const file = await this.files.of({ channel: "zalo-oa", id: chatId }, message);
    const text = [oaText(message, asWords), file.kind === "line" ? file.line : undefined].filter(Boolean).join("\n\n");
    const parts = text ? splitText(text, OA_TEXT_LIMIT) : [];
    const onLast = oaButtons(message);
    const messageIds: string[] = [];
    try {
      for (const [index, part] of parts.entries()) {
        const withButtons = index === parts.length - 1 && onLast.length > 0;
        messageIds.push(
          await this.post(chatId, replyTo, {
            text: part,
            ...(withButtons ? { attachment: { type: "template", payload: { buttons: onLast } } } : {}),
          }),
        );
      }
      if (file.kind === "picture") {
        const picture: OaMessage = {
          attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", url: file.link }] } },
        };
        try {
          messageIds.push(await this.post(chatId, replyTo, picture));
        } catch (error) {
          // The OA would not fetch the picture: the person gets its link instead.
          if (!(error instanceof OaApiError) || CLOSED_CODES.has(error.code) || error.code === RATE_LIMIT_CODE) throw error;
          messageIds.push(await this.post(chatId, replyTo, { text: file.line }));
        }
      }
    } catch (error) {
      return outcomeOf(error);
    }
    return { kind: "sent", messageIds };
  }

  /**
   * One message with a working token: a token the OA calls invalid is replaced once and the
   * message sent again. A reply the OA refuses as such (its message too old, or replies by message
   * id not what it takes: docs/zalo-oa.md) goes by the person's id instead.
   */
  private async post(userId: string, replyTo: string | undefined, message: OaMessage): Promise<string> {
    const send = async (to: OaRecipient): Promise<string> => {
      const token = await this.tokens.accessToken();
      try {
        return (await this.client.sendMessage(token, to, message)).messageId;
      } catch (error) {
        if (!(error instanceof OaApiError) || !TOKEN_CODES.has(error.code)) throw error;
        const fresh = await this.tokens.replace(token);
        return (await this.client.sendMessage(fresh, to, message)).messageId;
      }
    };
    if (replyTo === undefined) return send({ user_id: userId });
    try {
      return await send({ message_id: replyTo });
    } catch (error) {
      if (!(error instanceof OaApiError) || !REPLY_REFUSED_CODES.has(error.code)) throw error;
      return send({ user_id: userId });
    }
  }
}

/** A failed send as the port's outcome; a failure that leaves it unknown whether the OA has the message is thrown. */
export function outcomeOf(error: unknown): SendOutcome {
  if (error instanceof OaTokenUnavailable) return { kind: "retry", reason: error.message };
  if (error instanceof OaHttpError) return { kind: "retry", reason: error.message };
  if (!(error instanceof OaApiError)) throw error;
  const closed = CLOSED_CODES.get(error.code);
  if (closed) return { kind: "closed", reason: `${error.code}: ${closed}` };
  if (error.code === RATE_LIMIT_CODE) return { kind: "wait", ms: 15_000 };
  if (REFUSED_CODES.has(error.code)) return { kind: "refused", reason: `${error.code}: ${error.description}` };
  return { kind: "retry", reason: `${error.code}: ${error.description}` };
}
