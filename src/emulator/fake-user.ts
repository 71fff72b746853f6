import type { InlineKeyboardButton, Message, User } from "grammy/types";
/** What happened in a chat, as the emulator records it. */
export type ChatEvent =
  | { kind: "sent"; message: Message }
  | { kind: "edited"; message: Message }
  | { kind: "deleted"; messageId: number }
  | { kind: "action"; action: string };

/** The emulator as a person in a chat uses it (src/emulator/bot-api-emulator.ts). */
export interface ChatSide {
  userMessage(from: User, content: Partial<Message>): Message;
  userEdit(from: User, original: Message, text: string): Message;
  callbackQuery(from: User, message: Message, data: string): string;
  registerFile(name: string, mimeType: string, bytes: Buffer): { fileId: string };
  setBlocked(chatId: number, blocked: boolean): void;
  chatEvents(chatId: number): readonly ChatEvent[];
  message(chatId: number, messageId: number): Message | undefined;
  onChange(listener: () => void): () => void;
  readonly answeredCallbacks: ReadonlyMap<string, { text?: string; show_alert?: boolean }>;
}

export interface FakeUserProfile {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  /** The Telegram client's language, e.g. "vi" or "en". */
  language_code?: string;
}

export interface PressedButton {
  callbackQueryId: string;
  /** Resolves with the bot's answer to the callback query (its toast text, if any). */
  answered(timeoutMs?: number): Promise<{ text?: string; show_alert?: boolean }>;
}

const DEFAULT_WAIT_MS = 10_000;

/**
 * A person in a private chat with the bot: sends text, commands and button presses, and reads
 * what the bot sent back, in order. Each user keeps a cursor over its chat's events, so
 * `nextMessage()` returns the first bot message after the ones already read.
 */
export class FakeUser {
  readonly user: User;
  private cursor = 0;

  constructor(
    private readonly emulator: ChatSide,
    profile: FakeUserProfile,
  ) {
    this.user = { is_bot: false, ...profile };
  }

  get id(): number {
    return this.user.id;
  }

  /** Sends text; a leading "/command" is marked as a bot command, as Telegram does. */
  send(text: string): Message {
    const command = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
    return this.emulator.userMessage(this.user, {
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    });
  }

  /** Edits a message this user sent earlier. */
  edit(sent: Message, text: string): Message {
    return this.emulator.userEdit(this.user, sent, text);
  }

  /** Replies (Telegram "reply") to one of the bot's messages. */
  reply(to: Message, text: string): Message {
    return this.emulator.userMessage(this.user, { text, reply_to_message: to } as Partial<Message>);
  }

  /** Sends a photo: `bytes` are what the bot gets when it fetches the file by its id. */
  sendPhoto(caption?: string, bytes = Buffer.from("fake jpeg")): Message {
    const file = this.emulator.registerFile("photo.jpg", "image/jpeg", bytes);
    return this.emulator.userMessage(this.user, {
      photo: [{ file_id: file.fileId, file_unique_id: file.fileId, width: 800, height: 600, file_size: bytes.length }],
      ...(caption ? { caption } : {}),
    });
  }

  sendDocument(name: string, bytes: Buffer, caption?: string): Message {
    const file = this.emulator.registerFile(name, "application/octet-stream", bytes);
    return this.emulator.userMessage(this.user, {
      document: { file_id: file.fileId, file_unique_id: file.fileId, file_name: name, file_size: bytes.length },
      ...(caption ? { caption } : {}),
    });
  }

  /** Shares a location (attach → Location), in decimal degrees. */
  sendLocation(latitude: number, longitude: number): Message {
    return this.emulator.userMessage(this.user, { location: { latitude, longitude } });
  }

  sendSticker(): Message {
    return this.emulator.userMessage(this.user, {
      sticker: {
        file_id: "STICKER",
        file_unique_id: "STICKER",
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
      },
    } as Partial<Message>);
  }

  sendVoice(): Message {
    return this.emulator.userMessage(this.user, {
      voice: { file_id: "VOICE", file_unique_id: "VOICE", duration: 3 },
    });
  }

  /** Blocks or unblocks the bot: while blocked, the bot's messages fail with 403. */
  setBlocked(blocked: boolean): void {
    this.emulator.setBlocked(this.id, blocked);
  }

  /**
   * Presses the inline button whose text is `label`, else the first that contains it (or whose callback data equals
   * `{ data }`), on the newest bot message that has one, or on `on` as the user saw it then
   * (a keyboard the bot has since removed can still be pressed on a slow phone).
   */
  press(label: string | { data: string }, on?: Message): PressedButton {
    const candidates = on ? [on] : [...this.messages()].reverse();
    for (const message of candidates) {
      const buttons = buttonsOf(message);
      const button =
        typeof label === "string"
          ? (buttons.find((candidate) => candidate.text === label) ?? buttons.find((candidate) => candidate.text.includes(label)))
          : buttons.find((candidate) => "callback_data" in candidate && candidate.callback_data === label.data);
      if (button && "callback_data" in button) {
        const callbackQueryId = this.emulator.callbackQuery(this.user, message, button.callback_data);
        return { callbackQueryId, answered: (timeoutMs = DEFAULT_WAIT_MS) => this.waitForAnswer(callbackQueryId, timeoutMs) };
      }
    }
    throw new Error(`no button ${JSON.stringify(label)} in the chat of user ${this.id}`);
  }

  /** The bot's messages in this chat as they stand now (edits applied, deleted ones gone). */
  messages(): Message[] {
    const ids = new Set<number>();
    for (const event of this.emulator.chatEvents(this.id)) if (event.kind === "sent") ids.add(event.message.message_id);
    return [...ids].map((id) => this.current(id)).filter((message): message is Message => message !== undefined);
  }

  /** The newest bot message, as it stands now. */
  lastMessage(): Message | undefined {
    return this.messages().at(-1);
  }

  current(messageId: number): Message | undefined {
    return this.emulator.message(this.id, messageId);
  }

  /** Waits for the next message the bot sends after those already read. */
  async nextMessage(timeoutMs = DEFAULT_WAIT_MS): Promise<Message> {
    const event = await this.nextEvent((candidate) => candidate.kind === "sent", timeoutMs);
    return (event as Extract<ChatEvent, { kind: "sent" }>).message;
  }

  /** Waits for the next sent or edited message after those already read. */
  async nextUpdate(timeoutMs = DEFAULT_WAIT_MS): Promise<Message> {
    const event = await this.nextEvent((candidate) => candidate.kind === "sent" || candidate.kind === "edited", timeoutMs);
    return (event as Extract<ChatEvent, { kind: "sent" | "edited" }>).message;
  }

  /** Waits for the next message sent or edited with buttons: the screen the bot now shows. */
  async nextScreen(timeoutMs = DEFAULT_WAIT_MS): Promise<Message> {
    const event = await this.nextEvent(
      (candidate) => (candidate.kind === "sent" || candidate.kind === "edited") && buttonsOf(candidate.message).length > 0,
      timeoutMs,
    );
    return (event as Extract<ChatEvent, { kind: "sent" | "edited" }>).message;
  }

  /** Waits until a bot message, as it stands, passes `accept` (an edit that may land after the next message). */
  whenMessage(messageId: number, accept: (message: Message) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<Message> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const message = this.current(messageId);
        if (!message || !accept(message)) return false;
        done();
        resolve(message);
        return true;
      };
      const unsubscribe = this.emulator.onChange(() => void check());
      const timer = setTimeout(() => {
        done();
        reject(new Error(`user ${this.id}: message ${messageId} did not become as expected within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
      };
      check();
    });
  }

  /** Texts of all bot messages after those already read, waiting `quietMs` for more to arrive. */
  async drain(quietMs = 300): Promise<string[]> {
    const texts: string[] = [];
    for (;;) {
      try {
        const message = await this.nextMessage(quietMs);
        texts.push(textOf(message));
      } catch {
        return texts;
      }
    }
  }

  /** Skips what the bot sent so far: the next wait starts from now. */
  markAllRead(): void {
    this.cursor = this.emulator.chatEvents(this.id).length;
  }

  private nextEvent(accept: (event: ChatEvent) => boolean, timeoutMs: number): Promise<ChatEvent> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const events = this.emulator.chatEvents(this.id);
        for (let event = events[this.cursor]; event; event = events[this.cursor]) {
          this.cursor += 1;
          if (accept(event)) {
            done();
            resolve(event);
            return true;
          }
        }
        return false;
      };
      const unsubscribe = this.emulator.onChange(() => void check());
      const timer = setTimeout(() => {
        done();
        reject(new Error(`user ${this.id}: no message from the bot within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
      };
      check();
    });
  }

  private waitForAnswer(id: string, timeoutMs: number): Promise<{ text?: string; show_alert?: boolean }> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const answer = this.emulator.answeredCallbacks.get(id);
        if (!answer) return;
        done();
        resolve(answer);
      };
      const unsubscribe = this.emulator.onChange(check);
      const timer = setTimeout(() => {
        done();
        reject(new Error(`callback query ${id} was not answered within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
      };
      check();
    });
  }
}

export function buttonsOf(message: Message): InlineKeyboardButton[] {
  return message.reply_markup?.inline_keyboard.flat() ?? [];
}

export function textOf(message: Message): string {
  return message.text ?? message.caption ?? "";
}
