import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BotCommand, InlineKeyboardMarkup, Message, Update, User } from "grammy/types";
import { type ChatEvent, FakeUser, type FakeUserProfile } from "./fake-user.js";
import { type HtmlParseError, parseHtml } from "./html.js";
import { parseMultipart } from "./multipart.js";

/**
 * A Telegram Bot API server on localhost for end-to-end tests and the local demo. It keeps
 * what the real one promises and refuses what the real one refuses: update offsets and
 * long polling, webhook delivery with the secret header, message ids per chat, HTML parsing,
 * "message is not modified", callback-data limits, answered callback queries.
 */

type Params = Record<string, unknown>;

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {
    super(description);
  }
}

/** What the bot did in a chat, in order; fake users read their chat's log. */

export interface RecordedCall {
  method: string;
  params: Params;
  at: number;
}

export interface InjectedFailure {
  method: string;
  /** How many calls fail before the method works again. */
  times: number;
  error: ApiError;
  /** Only calls for this chat fail (a reply to one person, while the bot's other sends go through). */
  chatId?: number | undefined;
}

export interface StoredFile {
  fileId: string;
  name: string;
  mimeType: string;
  bytes: Buffer;
}

interface ChatState {
  nextMessageId: number;
  messages: Map<number, Message>;
  events: ChatEvent[];
  blocked: boolean;
}

const MAX_TEXT = 4096;
const SET_UP_METHODS = new Set([
  "getMe",
  "setWebhook",
  "deleteWebhook",
  "getWebhookInfo",
  "setMyCommands",
  "getMyCommands",
  "deleteMyCommands",
]);
const MAX_CAPTION = 1024;

export interface EmulatorOptions {
  token?: string;
  botUsername?: string;
  /** Telegram's ids are large; starting high catches code that assumes small ones. */
  firstUpdateId?: number;
}

export class BotApiEmulator {
  readonly token: string;
  readonly bot: User & { is_bot: true };
  readonly calls: RecordedCall[] = [];
  readonly files = new Map<string, StoredFile>();
  readonly commandMenus = new Map<string, BotCommand[]>();
  readonly answeredCallbacks = new Map<string, { text?: string; show_alert?: boolean }>();

  private server: Server | undefined;
  private apiRootUrl = "";
  private pending: Update[] = [];
  private nextUpdateId: number;
  private poll: { respond: (error?: ApiError) => void } | undefined;
  private webhook: { url: string; secret: string | undefined } | undefined;
  private delivering = false;
  private readonly chats = new Map<number, ChatState>();
  private readonly openCallbacks = new Set<string>();
  private readonly failures: InjectedFailure[] = [];
  private readonly changeListeners = new Set<() => void>();
  private nextCallbackId = 1;
  private failureRate = 0;
  private nextFileId = 1;

  constructor(options: EmulatorOptions = {}) {
    this.token = options.token ?? `${100000 + Math.floor(Math.random() * 899999)}:EMULATOR-${randomBytes(8).toString("hex")}`;
    const username = options.botUsername ?? "de_an_06_demo_bot";
    this.bot = { id: Number(this.token.split(":")[0]), is_bot: true, first_name: "Đề án 06", username };
    this.nextUpdateId = options.firstUpdateId ?? 700_000_000 + Math.floor(Math.random() * 1000);
  }

  /** Starts listening on 127.0.0.1; returns the API root to give the bot (TELEGRAM_API_ROOT). */
  async start(port = 0): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    this.server = server;
    this.apiRootUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.apiRootUrl;
  }

  get apiRoot(): string {
    return this.apiRootUrl;
  }

  async stop(): Promise<void> {
    this.poll?.respond();
    this.webhook = undefined;
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A person on Telegram who writes to the bot. */
  user(profile: FakeUserProfile): FakeUser {
    this.chatOf(profile.id);
    return new FakeUser(this, profile);
  }

  /**
   * From now on this share of calls (0 to 1) fail with 502, half of them after 1.5 s, and are not
   * carried out; the calls a bot makes to start (getMe, webhooks, menus) are spared.
   */
  failRandomly(rate: number): void {
    this.failureRate = rate;
  }

  /** The next `times` calls of `method` (for chat `only.chatId`, when given) fail with this error (e.g. 429 with retry_after). */
  injectFailure(
    method: string,
    times: number,
    code: number,
    description: string,
    parameters?: { retry_after?: number },
    only?: { chatId: number },
  ): void {
    this.failures.push({ method, times, error: new ApiError(code, description, parameters), chatId: only?.chatId });
  }

  get webhookUrl(): string | undefined {
    return this.webhook?.url;
  }

  get pendingUpdateCount(): number {
    return this.pending.length;
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  // ---- the side of the fake users ----

  /** @internal */
  chatEvents(chatId: number): readonly ChatEvent[] {
    return this.chatOf(chatId).events;
  }

  /** @internal The message as it stands now, after edits. */
  message(chatId: number, messageId: number): Message | undefined {
    return this.chatOf(chatId).messages.get(messageId);
  }

  /** @internal */
  setBlocked(chatId: number, blocked: boolean): void {
    this.chatOf(chatId).blocked = blocked;
  }

  /** @internal A message the user sends; stored in the chat and queued as an update. */
  userMessage(from: User, content: Partial<Message>): Message {
    const chat = this.chatOf(from.id);
    const message = {
      message_id: chat.nextMessageId++,
      date: nowSeconds(),
      chat: { id: from.id, type: "private", first_name: from.first_name },
      from,
      ...content,
    } as Message;
    chat.messages.set(message.message_id, message);
    this.enqueue({ message } as Omit<Update, "update_id">);
    return message;
  }

  /** @internal The user edits one of their own messages: Telegram sends an edited_message update. */
  userEdit(from: User, original: Message, text: string): Message {
    const edited = { ...original, text, edit_date: nowSeconds() } as Message;
    this.chatOf(from.id).messages.set(edited.message_id, edited);
    this.enqueue({ edited_message: edited } as Omit<Update, "update_id">);
    return edited;
  }

  /** @internal A button press; returns the callback query id. */
  callbackQuery(from: User, message: Message, data: string): string {
    const id = String(this.nextCallbackId++);
    this.openCallbacks.add(id);
    this.enqueue({ callback_query: { id, from, message, chat_instance: String(from.id), data } } as Omit<Update, "update_id">);
    return id;
  }

  /** @internal Resolves when the bot changes anything (a message, an answer). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  registerFile(name: string, mimeType: string, bytes: Buffer): StoredFile {
    const file = { fileId: `FILE-${this.nextFileId++}-${randomBytes(4).toString("hex")}`, name, mimeType, bytes };
    this.files.set(file.fileId, file);
    return file;
  }

  // ---- updates ----

  private enqueue(content: Omit<Update, "update_id">): void {
    this.pending.push({ update_id: this.nextUpdateId++, ...content } as Update);
    this.poll?.respond();
    void this.deliverWebhook();
  }

  private confirmBelow(offset: number): void {
    this.pending = this.pending.filter((update) => update.update_id >= offset);
  }

  private async getUpdates(params: Params, req: IncomingMessage): Promise<Update[]> {
    if (this.webhook)
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    const offset = params.offset === undefined ? undefined : Number(params.offset);
    if (offset !== undefined && offset > 0) this.confirmBelow(offset);
    if (offset !== undefined && offset < 0) this.pending = this.pending.slice(offset);
    const limit = Math.min(Math.max(Number(params.limit ?? 100), 1), 100);
    const timeoutSeconds = Math.max(Number(params.timeout ?? 0), 0);
    // One getUpdates at a time, as on Telegram: a newer call ends a waiting older one with 409.
    this.poll?.respond(
      new ApiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"),
    );
    const available = () => this.pending.slice(0, limit);
    if (available().length > 0 || timeoutSeconds === 0) return available();
    return new Promise<Update[]>((resolve, reject) => {
      const timer = setTimeout(() => finish(), timeoutSeconds * 1000);
      const finish = (error?: ApiError) => {
        clearTimeout(timer);
        if (this.poll === entry) this.poll = undefined;
        if (error) reject(error);
        else resolve(available());
      };
      const entry = { respond: finish };
      this.poll = entry;
      req.once("close", () => {
        if (this.poll === entry) this.poll = undefined;
        clearTimeout(timer);
      });
    });
  }

  private async deliverWebhook(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    let backoffMs = 100;
    try {
      for (let update = this.pending[0]; this.webhook && update; update = this.pending[0]) {
        const { url, secret } = this.webhook;
        const ok = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
          body: JSON.stringify(update),
          signal: AbortSignal.timeout(60_000),
        }).then(
          async (res) => {
            await res.arrayBuffer();
            return res.ok;
          },
          () => false,
        );
        if (ok) {
          if (this.pending[0] === update) this.pending.shift();
          backoffMs = 100;
        } else {
          await sleep(backoffMs);
          backoffMs = Math.min(backoffMs * 2, 2000);
        }
      }
    } finally {
      this.delivering = false;
    }
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // When the request arrived, not when its body was read: rate checks measure arrivals.
    const at = Date.now();
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const download = /^\/file\/bot([^/]+)\/files\/(.+)$/.exec(url.pathname);
    if (download) return this.download(res, download[1] ?? "", decodeURIComponent(download[2] ?? ""));
    try {
      const [, token, method = ""] = match ?? [];
      if (!match) throw new ApiError(404, "Not Found");
      if (token !== this.token) throw new ApiError(401, "Unauthorized");
      const params = { ...Object.fromEntries(url.searchParams), ...(await readParams(req)) };
      this.calls.push({ method, params, at });
      const failure = this.failures.find(
        (candidate) =>
          candidate.method === method &&
          candidate.times > 0 &&
          (candidate.chatId === undefined || String(params.chat_id) === String(candidate.chatId)),
      );
      if (failure) {
        failure.times -= 1;
        throw failure.error;
      }
      if (!SET_UP_METHODS.has(method) && Math.random() < this.failureRate) {
        // Half fail at once, half after a wait, as a gateway that gave up would: neither was carried out.
        if (Math.random() < 0.5) await sleep(1_500);
        throw new ApiError(502, "Bad Gateway");
      }
      const result = await this.call(method, params, req);
      send(res, 200, { ok: true, result });
    } catch (error) {
      const apiError =
        error instanceof ApiError ? error : new ApiError(400, `Bad Request: ${error instanceof Error ? error.message : String(error)}`);
      send(res, apiError.code, {
        ok: false,
        error_code: apiError.code,
        description: apiError.description,
        ...(apiError.parameters ? { parameters: apiError.parameters } : {}),
      });
    }
  }

  /** A file's bytes, as Telegram serves them at <root>/file/bot<token>/<file_path>. */
  private download(res: ServerResponse, token: string, fileId: string): void {
    const file = token === this.token ? this.files.get(fileId) : undefined;
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": file.mimeType, "content-length": file.bytes.length }).end(file.bytes);
  }

  private async call(method: string, params: Params, req: IncomingMessage): Promise<unknown> {
    switch (method) {
      case "getMe":
        return { ...this.bot, can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
      case "getUpdates":
        return this.getUpdates(params, req);
      case "setWebhook": {
        const target = String(params.url ?? "");
        if (params.drop_pending_updates) this.pending = [];
        this.webhook = target ? { url: target, secret: params.secret_token ? String(params.secret_token) : undefined } : undefined;
        this.poll?.respond(new ApiError(409, "Conflict: terminated by setWebhook request"));
        void this.deliverWebhook();
        return true;
      }
      case "deleteWebhook":
        if (params.drop_pending_updates) this.pending = [];
        this.webhook = undefined;
        return true;
      case "getWebhookInfo":
        return { url: this.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: this.pending.length };
      case "setMyCommands":
        this.commandMenus.set(menuKey(params), params.commands as BotCommand[]);
        return true;
      case "getMyCommands":
        return this.commandMenus.get(menuKey(params)) ?? [];
      case "deleteMyCommands":
        this.commandMenus.delete(menuKey(params));
        return true;
      case "getFile": {
        const file = this.files.get(String(params.file_id));
        if (!file) throw new ApiError(400, "Bad Request: invalid file_id");
        return { file_id: file.fileId, file_unique_id: file.fileId, file_size: file.bytes.length, file_path: `files/${file.fileId}` };
      }
      case "sendChatAction":
        this.record(this.writableChat(params), { kind: "action", action: String(params.action) });
        return true;
      case "sendMessage":
        return this.sendMessage(params);
      case "sendPhoto":
      case "sendDocument":
        return this.sendMedia(method === "sendPhoto" ? "photo" : "document", params);
      case "editMessageText":
        return this.editMessage(params, { text: true });
      case "editMessageReplyMarkup":
        return this.editMessage(params, { text: false });
      case "deleteMessage": {
        const chat = this.writableChat(params);
        const messageId = Number(params.message_id);
        if (!chat.messages.delete(messageId)) throw new ApiError(400, "Bad Request: message to delete not found");
        this.record(chat, { kind: "deleted", messageId });
        return true;
      }
      case "answerCallbackQuery": {
        const id = String(params.callback_query_id);
        if (!this.openCallbacks.delete(id)) {
          throw new ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
        }
        this.answeredCallbacks.set(id, {
          ...(params.text !== undefined ? { text: String(params.text) } : {}),
          ...(params.show_alert !== undefined ? { show_alert: Boolean(params.show_alert) } : {}),
        });
        this.notify();
        return true;
      }
      case "close":
      case "logOut":
        return true;
      default:
        throw new ApiError(404, "Not Found: method not found");
    }
  }

  private sendMessage(params: Params): Message {
    const chat = this.writableChat(params);
    const { text, entities } = formatted(params.text, params.parse_mode, MAX_TEXT, "message");
    const message = this.botMessage(chat, params, { text, ...(entities.length ? { entities } : {}) });
    this.record(chat, { kind: "sent", message });
    return message;
  }

  private sendMedia(kind: "photo" | "document", params: Params): Message {
    const chat = this.writableChat(params);
    let input = params[kind];
    // Uploads arrive as a separate multipart field that the parameter names with attach://.
    if (typeof input === "string" && input.startsWith("attach://")) input = params[input.slice("attach://".length)];
    const file: StoredFile | undefined = isUpload(input)
      ? this.registerFile(input.filename, input.contentType, input.data)
      : typeof input === "string"
        ? this.files.get(input)
        : undefined;
    if (!file) throw new ApiError(400, `Bad Request: wrong file identifier/HTTP URL specified`);
    const caption = params.caption === undefined ? undefined : formatted(params.caption, params.parse_mode, MAX_CAPTION, "caption");
    const media =
      kind === "photo"
        ? { photo: [{ file_id: file.fileId, file_unique_id: file.fileId, width: 1280, height: 720 }] }
        : { document: { file_id: file.fileId, file_unique_id: file.fileId, file_name: file.name, mime_type: file.mimeType } };
    const message = this.botMessage(chat, params, {
      ...media,
      ...(caption ? { caption: caption.text, ...(caption.entities.length ? { caption_entities: caption.entities } : {}) } : {}),
    });
    this.record(chat, { kind: "sent", message });
    return message;
  }

  private editMessage(params: Params, change: { text: boolean }): Message {
    const chat = this.writableChat(params);
    const current = chat.messages.get(Number(params.message_id));
    if (!current || current.from?.id !== this.bot.id) throw new ApiError(400, "Bad Request: message to edit not found");
    const markup = params.reply_markup === undefined ? undefined : checkMarkup(params.reply_markup);
    let next: Message;
    if (change.text) {
      const { text, entities } = formatted(params.text, params.parse_mode, MAX_TEXT, "message");
      next = { ...current, text, entities: entities.length ? entities : undefined, reply_markup: markup } as Message;
    } else {
      next = { ...current, reply_markup: markup } as Message;
    }
    if (next.text === current.text && JSON.stringify(next.reply_markup ?? null) === JSON.stringify(current.reply_markup ?? null)) {
      throw new ApiError(
        400,
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    next = { ...next, edit_date: nowSeconds() } as Message;
    chat.messages.set(next.message_id, next);
    this.record(chat, { kind: "edited", message: next });
    return next;
  }

  private botMessage(chat: ChatState, params: Params, content: Partial<Message>): Message {
    const chatId = Number(params.chat_id);
    const markup = params.reply_markup === undefined ? undefined : checkMarkup(params.reply_markup);
    const replyTo = replyTarget(params);
    const message = {
      message_id: chat.nextMessageId++,
      date: nowSeconds(),
      chat: { id: chatId, type: "private", first_name: "" },
      from: this.bot,
      ...content,
      ...(markup ? { reply_markup: markup } : {}),
      ...(replyTo !== undefined && chat.messages.has(replyTo) ? { reply_to_message: chat.messages.get(replyTo) } : {}),
    } as Message;
    chat.messages.set(message.message_id, message);
    return message;
  }

  private writableChat(params: Params): ChatState {
    const chatId = Number(params.chat_id);
    if (!Number.isSafeInteger(chatId) || !this.chats.has(chatId)) throw new ApiError(400, "Bad Request: chat not found");
    const chat = this.chatOf(chatId);
    if (chat.blocked) throw new ApiError(403, "Forbidden: bot was blocked by the user");
    return chat;
  }

  private chatOf(chatId: number): ChatState {
    let chat = this.chats.get(chatId);
    if (!chat) {
      chat = { nextMessageId: 1, messages: new Map(), events: [], blocked: false };
      this.chats.set(chatId, chat);
    }
    return chat;
  }

  private record(chat: ChatState, event: ChatEvent): void {
    chat.events.push(event);
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.changeListeners]) listener();
  }
}

function formatted(value: unknown, parseMode: unknown, max: number, what: "message" | "caption") {
  const raw = value === undefined || value === null ? "" : String(value);
  let parsed: ReturnType<typeof parseHtml> = { text: raw, entities: [] };
  if (parseMode === "HTML") {
    try {
      parsed = parseHtml(raw);
    } catch (error) {
      throw new ApiError(400, `Bad Request: can't parse entities: ${(error as HtmlParseError).message}`);
    }
  } else if (parseMode !== undefined) {
    throw new ApiError(400, `Bad Request: unsupported parse_mode in this emulator: ${String(parseMode)}`);
  }
  if (what === "message" && parsed.text.trim() === "") throw new ApiError(400, "Bad Request: message text is empty");
  if (parsed.text.length > max)
    throw new ApiError(400, `Bad Request: ${what === "message" ? "message is too long" : "message caption is too long"}`);
  return parsed;
}

function checkMarkup(markup: unknown): InlineKeyboardMarkup | undefined {
  const keyboard = markup as Partial<InlineKeyboardMarkup> & Record<string, unknown>;
  if (!Array.isArray(keyboard.inline_keyboard)) return markup as InlineKeyboardMarkup;
  if (keyboard.inline_keyboard.length === 0 || keyboard.inline_keyboard.every((row) => row.length === 0)) return undefined;
  for (const row of keyboard.inline_keyboard) {
    for (const button of row) {
      if (!button.text) throw new ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard");
      if ("callback_data" in button) {
        const bytes = Buffer.byteLength(String(button.callback_data));
        if (bytes < 1 || bytes > 64) throw new ApiError(400, "Bad Request: BUTTON_DATA_INVALID");
      }
    }
  }
  return keyboard as InlineKeyboardMarkup;
}

function replyTarget(params: Params): number | undefined {
  const parameters = params.reply_parameters as { message_id?: number } | undefined;
  const id = parameters?.message_id ?? params.reply_to_message_id;
  return id === undefined ? undefined : Number(id);
}

function menuKey(params: Params): string {
  return `${JSON.stringify(params.scope ?? { type: "default" })}|${String(params.language_code ?? "")}`;
}

/** An uploaded file, as a multipart part with a file name. */
export interface Upload {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Parameters as JSON, form-encoded or multipart (files); objects inside forms arrive as JSON text. */
async function readParams(req: IncomingMessage): Promise<Params> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = String(req.headers["content-type"] ?? "");
  if (req.method !== "POST" || body.length === 0) return {};
  if (type.startsWith("application/json")) return JSON.parse(body.toString("utf8")) as Params;
  const fields: [string, string | Upload][] = type.startsWith("multipart/form-data")
    ? parseMultipart(body, type).map((part) => [
        part.name,
        part.filename !== undefined
          ? { filename: part.filename, contentType: part.contentType ?? "application/octet-stream", data: part.data }
          : part.data.toString("utf8"),
      ])
    : [...new URLSearchParams(body.toString("utf8"))];
  const params: Params = {};
  for (const [name, value] of fields) {
    params[name] = typeof value === "string" && /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return params;
}

function isUpload(value: unknown): value is Upload {
  return typeof value === "object" && value !== null && Buffer.isBuffer((value as Upload).data);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
