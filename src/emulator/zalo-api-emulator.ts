import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { LocalHost } from "./local-host.js";
import { SentReader } from "./sent-reader.js";

/**
 * Zalo's Bot API on localhost, built from ../shared/zalo.md, for end-to-end tests and the demo:
 * `getUpdates` hands out one update per call and answers 408 when none came within its timeout
 * (and refuses while a webhook is set); a webhook gets each update with the secret header, in
 * the wrapped or the flat envelope, until it answers 2xx; `sendMessage` refuses empty text and
 * text over 2,000 characters; errors come as `{"ok":false,"error_code","description"}`.
 */

type Params = Record<string, unknown>;

export const ZALO_MAX_TEXT = 2000;

export interface ZaloIncoming {
  event_name: string;
  message: {
    from: { id: string; display_name: string; is_bot: boolean };
    chat: { id: string; chat_type: "PRIVATE" | "GROUP" };
    message_id: string;
    date: number;
    text?: string;
    photo?: string;
    caption?: string;
  };
}

export interface ZaloSent {
  messageId: string;
  chatId: string;
  text: string;
  photo?: string;
  at: number;
}

export interface ZaloCall {
  method: string;
  params: Params;
  at: number;
}

class ZaloApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(description);
  }
}

export class ZaloApiEmulator {
  readonly token: string;
  readonly botId = randomBytes(10).toString("hex");
  readonly calls: ZaloCall[] = [];
  readonly sent: ZaloSent[] = [];
  /** How a webhook delivery wraps the update: as documented, or flat as seen in live traffic. */
  envelope: "wrapped" | "flat" = "wrapped";
  webhook: { url: string; secret: string } | undefined;

  private readonly host = new LocalHost("Zalo emulator", (req, res) => this.serve(req, res));
  private readonly queue: ZaloIncoming[] = [];
  private waiters: (() => void)[] = [];
  private readonly listeners = new Set<() => void>();
  private nextUserNumber = 0;
  private readonly failures: {
    method: string;
    times: number;
    code: number;
    description: string;
    chatId?: string | undefined;
    after?: number | undefined;
  }[] = [];
  private delivering: Promise<void> = Promise.resolve();

  constructor(token = `${Math.floor(Math.random() * 1e9)}:${randomBytes(12).toString("hex")}`) {
    this.token = token;
  }

  get apiRoot(): string {
    return this.host.root;
  }

  start(): Promise<void> {
    return this.host.start();
  }

  async stop(): Promise<void> {
    for (const wake of this.waiters) wake();
    this.waiters = [];
    await this.host.stop();
  }

  /**
   * The next `times` calls of `method` fail with this error (429 for the quota, say); only those for
   * chat `only.chatId`, when given, and only once `only.after` such calls went through.
   */
  failNext(method: string, times: number, code: number, description: string, only?: { chatId?: string; after?: number }): void {
    this.failures.push({ method, times, code, description, chatId: only?.chatId, after: only?.after });
  }

  callsOf(method: string): ZaloCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** A person writing to the bot: queued for getUpdates, or posted to the webhook. */
  deliver(update: ZaloIncoming): void {
    if (this.webhook) {
      const target = this.webhook;
      this.delivering = this.delivering.then(() => this.post(target, update));
      return;
    }
    this.queue.push(update);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Posts once as Zalo would; the status the bot answered with. */
  async postToWebhook(update: ZaloIncoming, options: { secret?: string; envelope?: "wrapped" | "flat" } = {}): Promise<number> {
    if (!this.webhook) throw new Error("no webhook set");
    const body = (options.envelope ?? this.envelope) === "wrapped" ? { ok: true, result: update } : update;
    const response = await fetch(this.webhook.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-bot-api-secret-token": options.secret ?? this.webhook.secret },
      body: JSON.stringify(body),
    });
    return response.status;
  }

  /** What the bot sent to one chat, in order. */
  sentTo(chatId: string): ZaloSent[] {
    return this.sent.filter((message) => message.chatId === chatId);
  }

  /** Called on every message the bot sends: fake users wait with it. */
  onSent(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async post(target: { url: string; secret: string }, update: ZaloIncoming): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        if ((await this.postToWebhook(update, { secret: target.secret })) < 300) return;
      } catch {
        // The bot is restarting: Zalo's retry policy is unknown; we retry for a while.
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Hosts a picture and returns its URL, as Zalo gives one in `message.photo`. */
  hostFile(bytes: Buffer): string {
    return this.host.hostFile(bytes);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const at = Date.now();
    let params: Params = {};
    try {
      params = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Params) : {};
    } catch {
      return this.answer(res, new ZaloApiError(400, "Bad Request: body is not JSON"));
    }
    if (!match) return this.answer(res, new ZaloApiError(404, "Not Found"));
    const [, token, method] = match as unknown as [string, string, string];
    this.calls.push({ method, params, at });
    if (token !== this.token) return this.answer(res, new ZaloApiError(401, "Unauthorized"));
    const failure = this.failures.find(
      (candidate) =>
        candidate.method === method &&
        candidate.times > 0 &&
        (candidate.chatId === undefined || String(params.chat_id) === candidate.chatId),
    );
    if (failure && (failure.after ?? 0) > 0) failure.after = (failure.after ?? 0) - 1;
    else if (failure) {
      failure.times -= 1;
      return this.answer(res, new ZaloApiError(failure.code, failure.description));
    }
    let closed = false;
    res.on("close", () => (closed = true));
    try {
      this.answer(res, undefined, await this.call(method, params, at, () => closed));
    } catch (error) {
      this.answer(res, error instanceof ZaloApiError ? error : new ZaloApiError(400, String(error)));
    }
  }

  private answer(res: ServerResponse, error: ZaloApiError | undefined, result?: unknown): void {
    const body = error ? { ok: false, error_code: error.code, description: error.description } : { ok: true, result };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  private async call(method: string, params: Params, at: number, gone: () => boolean): Promise<unknown> {
    switch (method) {
      case "getMe":
        return { id: this.botId, account_name: "Bot Đề án 06", account_type: "BASIC", can_join_groups: false };
      case "getUpdates":
        return this.getUpdates(Number(params.timeout ?? 30), gone);
      case "setWebhook": {
        const url = String(params.url ?? "");
        const secret = String(params.secret_token ?? "");
        if (!/^https?:\/\//.test(url)) throw new ZaloApiError(400, "Bad Request: url must be HTTPS");
        if (secret.length < 8 || secret.length > 256) throw new ZaloApiError(400, "Bad Request: secret_token must be 8-256 characters");
        this.webhook = { url, secret };
        for (const update of this.queue.splice(0)) this.deliver(update);
        return { url, updated_at: at };
      }
      case "deleteWebhook":
        this.webhook = undefined;
        return { url: "", updated_at: at };
      case "getWebhookInfo":
        return { url: this.webhook?.url ?? "", updated_at: at };
      case "sendMessage": {
        const text = typeof params.text === "string" ? params.text : "";
        if (text.length === 0) throw new ZaloApiError(400, "Bad Request: text is empty");
        if (text.length > ZALO_MAX_TEXT) throw new ZaloApiError(400, "Bad Request: text is too long");
        return this.record(String(params.chat_id ?? ""), { text }, at);
      }
      case "sendPhoto": {
        const photo = typeof params.photo === "string" ? params.photo : "";
        if (!photo) throw new ZaloApiError(400, "Bad Request: photo is required");
        return this.record(String(params.chat_id ?? ""), { text: String(params.caption ?? ""), photo }, at);
      }
      case "sendChatAction":
      case "sendSticker":
        return {};
      default:
        throw new ZaloApiError(400, `Bad Request: unknown method ${method}`);
    }
  }

  private record(chatId: string, content: { text: string; photo?: string }, at: number): { message_id: string; date: number } {
    if (!chatId) throw new ZaloApiError(400, "Bad Request: chat_id is required");
    const message: ZaloSent = { messageId: randomBytes(10).toString("hex"), chatId, ...content, at };
    this.sent.push(message);
    for (const listener of this.listeners) listener();
    return { message_id: message.messageId, date: at };
  }

  /** A poller that went away (a killed bot) takes nothing: the update stays for the next call. */
  private async getUpdates(timeoutSeconds: number, gone: () => boolean): Promise<unknown> {
    if (this.webhook) throw new ZaloApiError(400, "Bad Request: webhook is set, getUpdates is not available");
    const deadline = Date.now() + Math.min(Math.max(timeoutSeconds, 0), 50) * 1000;
    while (this.queue.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0 || gone() || !this.host.listening) throw new ZaloApiError(408, "Request Timeout");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (gone()) throw new ZaloApiError(408, "Request Timeout");
    return this.queue.shift();
  }

  /** A Zalo user who writes to the bot from a private chat. */
  user(displayName: string): FakeZaloUser {
    this.nextUserNumber += 1;
    return new FakeZaloUser(this, `${randomBytes(8).toString("hex")}${String(this.nextUserNumber).padStart(4, "0")}`, displayName);
  }
}

/** A person on Zalo: writes text or sends a picture, and reads what the bot sent, in order. */
export class FakeZaloUser extends SentReader<ZaloSent> {
  constructor(
    private readonly emulator: ZaloApiEmulator,
    readonly id: string,
    readonly displayName: string,
  ) {
    super(
      () => emulator.sentTo(id),
      (listener) => emulator.onSent(listener),
      `Zalo user ${displayName}`,
    );
  }

  /** A message as Zalo delivers it; `date` can be set to model one typed earlier. */
  incoming(content: { text?: string; photo?: string; caption?: string; sticker?: boolean }, date = Date.now()): ZaloIncoming {
    const event = content.photo ? "message.image.received" : content.sticker ? "message.sticker.received" : "message.text.received";
    return {
      event_name: event,
      message: {
        from: { id: this.id, display_name: this.displayName, is_bot: false },
        chat: { id: this.id, chat_type: "PRIVATE" },
        message_id: randomBytes(10).toString("hex"),
        date,
        ...(content.text !== undefined ? { text: content.text } : {}),
        ...(content.photo ? { photo: content.photo, caption: content.caption ?? "" } : {}),
      },
    };
  }

  send(text: string, date?: number): ZaloIncoming {
    const update = this.incoming({ text }, date);
    this.emulator.deliver(update);
    return update;
  }

  /** A picture (its bytes hosted by the emulator), with a caption. */
  sendPhoto(bytes: Buffer, caption?: string): ZaloIncoming {
    const update = this.incoming({ photo: this.emulator.hostFile(bytes), ...(caption ? { caption } : {}) });
    this.emulator.deliver(update);
    return update;
  }

  sendSticker(): ZaloIncoming {
    const update = this.incoming({ sticker: true });
    this.emulator.deliver(update);
    return update;
  }

  /** Everything the bot sent to this person so far. */
  messages(): string[] {
    return this.emulator.sentTo(this.id).map((message) => message.text);
  }
}
