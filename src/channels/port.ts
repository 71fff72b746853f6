import type { WebhookRoute } from "../http-server.js";
import type { StoredFile } from "../storage/attachments.js";
import type { Language } from "../storage/members.js";
import type { Address, ChannelName } from "./address.js";

/**
 * What a messenger must provide for the bot to reach people on it, both ways. Coming in, each
 * adapter turns its updates into an `IncomingMessage`: text, a press of a button (or the typed
 * number of a line standing for one), a command, a file, a place, or something the bot does not read.
 * Going out, services and the dialogue speak in `OutgoingMessage`s: text in the recipient's
 * language (with the few tags below), the screen's buttons, a picture; each channel shows them its
 * own way (Telegram: HTML and inline keyboards; Zalo: plain text, buttons as numbered lines, long
 * text split) and reports how a send ended.
 */

/** What a person sent, whatever the messenger. */
export type Incoming =
  | { kind: "text"; text: string }
  /** `/name argument`; on a messenger without commands, the same typed. */
  | { kind: "command"; name: string; argument: string }
  /** A button pressed (or the number of its line typed): its data, as `src/channels/actions.ts` encodes it. */
  | { kind: "press"; data: string }
  | { kind: "file"; file: IncomingFile; caption: string }
  /** A place shared (Telegram's location), in decimal degrees. */
  | { kind: "location"; latitude: number; longitude: number }
  /** A message sent earlier, changed: an edit is not an answer. */
  | { kind: "edited" }
  /** A line of a screen chosen by its number after that screen was replaced (typed before the new one arrived). */
  | { kind: "late-choice" }
  /** A sticker, a voice note: nothing the bot reads. */
  | { kind: "other" };

/** A picture or a document someone sent: by the messenger's file id, or by a URL that expires (Zalo). */
export interface IncomingFile {
  kind: "photo" | "document";
  source: { kind: "file-id"; fileId: string } | { kind: "url"; url: string };
  fileName?: string;
  /** Its size in bytes, where the messenger says it before the file is fetched (Telegram). */
  size?: number;
}

export interface IncomingMessage {
  from: Address;
  /** The person's name as the messenger gives it: a question's sender when no profile name is known. */
  senderName: string;
  /** The messenger client's language, for someone who has not chosen one. */
  clientLanguage?: string | undefined;
  content: Incoming;
  /** The bot's message this one replies to, on a messenger with replies: its id, and when it was sent (ms). */
  replyTo?: { messageId: number; sentAt: number } | undefined;
}

/** How a messenger shows things, which the dialogue words its screens for. */
export interface Surface {
  /** "keyboard": buttons beside short texts; "numbered": every button a numbered line to type. */
  style: "keyboard" | "numbered";
  /** Whether a message already sent can be changed (an answered question shows its answer; a screen is redrawn in place). */
  edits: boolean;
}

/** A choice or an action on a screen; `data` is what pressing it sends back (callback data). */
export interface Button {
  label: string;
  data: string;
}

export interface OutgoingMessage {
  /** Text with HTML entities escaped; only <b>, <i>, <code> and <blockquote> may appear. */
  text: string;
  /** Rows of buttons. */
  buttons?: Button[][];
  /** The screen takes a number as its answer: a channel without buttons must not number them. */
  numbersAreAnswers?: boolean;
  /**
   * A picture or a file, by its Telegram file id or `stored:<id>` (bytes the bot keeps). `export`
   * marks the programme's data (a workbook, the progress picture): a channel that sends files as
   * links gives it a short-lived one.
   */
  attachment?: { kind: "photo" | "document"; fileId: string; caption: string; fileName?: string; export?: boolean };
  /** The recipient's language, for the few words a channel adds itself (where a file it cannot show is). */
  language?: Language;
  /** Its link is the person's own to open (a sign-in link): the messenger must not fetch it for a preview. */
  noPreview?: boolean;
}

export type SendOutcome =
  | { kind: "sent"; messageIds: string[] }
  /** The channel asked everyone to wait (Telegram 429 retry_after, Zalo's quota). */
  | { kind: "wait"; ms: number }
  /** The person blocked the bot or cannot be reached on this channel any more. */
  | { kind: "unreachable" }
  /**
   * The channel may not write to this person now, though they may write to it: Zalo OA's
   * consultation window has closed since their last message. Open again once they write.
   */
  | { kind: "closed"; reason: string }
  /** Refused for good (too long, malformed): retrying the same message would fail again. */
  | { kind: "refused"; reason: string }
  /** The channel answered that it did not take it this time (a server error): try again later. */
  | { kind: "retry"; reason: string };

export interface Channel {
  name: ChannelName;
  /**
   * Sends to the person's private chat. Throws only when it cannot know whether the message
   * arrived (the connection broke): the caller must not send it again.
   */
  send(chatId: string, message: OutgoingMessage): Promise<SendOutcome>;
  /** The bytes of a file people sent on this channel, by the id it gave (for a link the other side can open). */
  fetchFile?(fileId: string): Promise<StoredFile | undefined>;
}

/** A channel as the bot process runs it: sending, plus how it receives (polling, or webhook paths on the HTTP server). */
export interface RunningChannel {
  channel: Channel;
  /** Paths to serve on the bot's HTTP server, in webhook mode. */
  webhooks: Record<string, WebhookRoute>;
  /** Starts receiving, once the HTTP server is up. */
  receive(): Promise<void>;
  stop(): Promise<void>;
}
