import { createHash, randomBytes, randomInt } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { LocalHost } from "./local-host.js";
import { SentReader } from "./sent-reader.js";

/**
 * Zalo's Official Account API v3 and its OAuth v4 token endpoint on localhost, built from
 * docs/zalo-oa.md, for end-to-end tests and the demo:
 * - `POST /v3.0/oa/message/cs` with header `access_token`, to `recipient.user_id` or as a reply to a
 *   person's message (`recipient.message_id`): answers HTTP 200 with
 *   `{"error":0,"data":{"message_id",…}}` or `{"error":<negative>,"message"}`; refuses an unknown
 *   token (-216), an expired one (-220), a person who does not follow (-213), one whose last
 *   message is older than the window (-230), text over 2,000 characters (-210), more than five
 *   buttons or a malformed one (-201). The buttons of each message are kept for the fake user.
 * - `POST /v4/oa/access_token` (form-encoded, header `secret_key`): trades a refresh token for a
 *   new pair, once: a refresh token used before is refused (and counted), as Zalo's are single use.
 *   A refresh held by a test and whose caller went away meanwhile (a killed bot) is not carried
 *   out: what Zalo does then is not known (docs/zalo-oa.md); the one case the bot cannot survive.
 * - The webhook: each event is posted signed as Zalo signs (`X-ZEvent-Signature: mac=<sha256 of
 *   app id, body, timestamp, OA secret key>`), one after another, again until the bot answers 2xx.
 * Ids are strings of 16 digits or more, as Zalo's exceed 2^53.
 */

const MAX_TEXT = 2000;
const MAX_BUTTONS = 5;
const BUTTON_TYPES = new Set(["oa.query.show", "oa.query.hide", "oa.open.url", "oa.open.phone", "oa.open.sms"]);

/** A promise and what settles it (Node 20 has no Promise.withResolvers). */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

const digits = (length: number): string => `${randomInt(1, 10)}${Array.from({ length: length - 1 }, () => randomInt(0, 10)).join("")}`;
const token = (): string => randomBytes(36).toString("base64url");

export interface OaSentButton {
  title: string;
  type: string;
  payload: unknown;
}

export interface OaSent {
  messageId: string;
  userId: string;
  /** Sent as a reply to one of the person's messages (`recipient.message_id`), not by their id. */
  reply: boolean;
  text: string;
  buttons: OaSentButton[];
  /** A picture sent by URL (the media template). */
  image?: string;
  at: number;
}

export type OaRefreshOutcome = "rotated" | "reused" | "unknown" | "bad-secret" | "abandoned";

/** A call held until the test lets it go (to kill the bot while it waits). */
export interface Hold {
  /** Resolves when the held call arrives. */
  arrived: Promise<void>;
  /** Resolves when the caller of the held call has gone (its connection closed). */
  abandoned: Promise<void>;
  release(): void;
}

interface PendingHold {
  kind: "refresh" | "send-after-refresh";
  arrive: () => void;
  abandon: () => void;
  released: Promise<void>;
  release: () => void;
}

interface OaUser {
  following: boolean;
  /** When they last wrote (ms): the window is counted from it. */
  lastMessageAt: number;
}

export class ZaloOaEmulator {
  readonly oaId = digits(18);
  readonly appId = digits(19);
  readonly secretKey = randomBytes(15).toString("base64url");
  readonly appSecret = randomBytes(15).toString("base64url");
  /** The refresh token the OA admin's consent gave: what ZALO_OA_REFRESH_TOKEN is set to. */
  readonly firstRefreshToken: string;
  /** Seconds an access token lasts (Zalo's: 90000). */
  accessLifetimeSeconds = 90_000;
  /** How long after a person's last message the OA may write to them. */
  windowMs = 7 * 24 * 60 * 60 * 1000;
  /** Where events are posted: the bot's webhook, as the OA admin sets it in Zalo for Developers. */
  webhookUrl: string | undefined;
  readonly sent: OaSent[] = [];
  readonly refreshes: { at: number; outcome: OaRefreshOutcome }[] = [];

  private readonly host = new LocalHost("Zalo OA emulator", (req, res) => this.serve(req, res));
  private readonly accessTokens = new Map<string, { expiresAt: number; generation: number }>();
  private readonly refreshTokens = new Map<string, "live" | "used">();
  private generation = 0;
  private readonly users = new Map<string, OaUser>();
  private readonly holds: PendingHold[] = [];
  private readonly failures: { times: number; code: number; message: string }[] = [];
  private readonly listeners = new Set<() => void>();
  /** The people's messages by their msg_id: a reply names one. */
  private readonly messageSenders = new Map<string, string>();
  private delivering: Promise<void> = Promise.resolve();

  constructor() {
    this.firstRefreshToken = token();
    this.refreshTokens.set(this.firstRefreshToken, "live");
  }

  get apiRoot(): string {
    return this.host.root;
  }

  start(): Promise<void> {
    return this.host.start();
  }

  async stop(): Promise<void> {
    for (const hold of this.holds.splice(0)) hold.release();
    await this.host.stop();
  }

  /** Holds the next refresh, or the next send made with a token from the latest refresh, until released. */
  hold(kind: PendingHold["kind"]): Hold {
    const [arrived, abandoned, released] = [signal(), signal(), signal()];
    this.holds.push({ kind, arrive: arrived.resolve, abandon: abandoned.resolve, released: released.promise, release: released.resolve });
    return { arrived: arrived.promise, abandoned: abandoned.promise, release: released.resolve };
  }

  /** The next `times` sends fail with this error code. */
  failNext(times: number, code: number, message: string): void {
    this.failures.push({ times, code, message });
  }

  /** Every access token given so far stops working: the next call with one gets -220. */
  expireAccessTokens(): void {
    for (const entry of this.accessTokens.values()) entry.expiresAt = 0;
  }

  /** The person's last message is now older than the window: the OA may no longer write to them. */
  closeWindow(userId: string): void {
    const user = this.users.get(userId);
    if (user) user.lastMessageAt = 0;
  }

  /** How often the bot sent a refresh token that had been used already. */
  get reusedRefreshTokens(): number {
    return this.refreshes.filter((refresh) => refresh.outcome === "reused").length;
  }

  /** The refresh token Zalo would take now (the last one it gave). */
  get liveRefreshToken(): string | undefined {
    return [...this.refreshTokens].find(([, state]) => state === "live")?.[0];
  }

  sentTo(userId: string): OaSent[] {
    return this.sent.filter((message) => message.userId === userId);
  }

  onSent(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The signature header Zalo sends with this body. */
  sign(body: string, timestamp: string): string {
    return `mac=${createHash("sha256").update(`${this.appId}${body}${timestamp}${this.secretKey}`).digest("hex")}`;
  }

  /** Posts an event once, signed unless told otherwise; the status the bot answered with. */
  async post(event: Record<string, unknown>, options: { signature?: string | null; body?: string } = {}): Promise<number> {
    if (!this.webhookUrl) throw new Error("no webhook URL set");
    const message = event.message as { msg_id?: unknown } | undefined;
    const sender = event.sender as { id?: unknown } | undefined;
    if (typeof message?.msg_id === "string" && typeof sender?.id === "string") this.messageSenders.set(message.msg_id, sender.id);
    const body = options.body ?? JSON.stringify(event);
    const signature = options.signature === undefined ? this.sign(body, String(event.timestamp ?? "")) : options.signature;
    const response = await fetch(this.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...(signature === null ? {} : { "x-zevent-signature": signature }) },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** Posts an event as Zalo does: after the ones before it, again until the bot answers 2xx. */
  deliver(event: Record<string, unknown>): Promise<void> {
    this.delivering = this.delivering.then(async () => {
      for (let attempt = 0; attempt < 100; attempt++) {
        try {
          if ((await this.post(event)) < 300) return;
        } catch {
          // The bot is restarting: Zalo retries for hours; we for a while.
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
    return this.delivering;
  }

  /** A person on Zalo who finds the OA. */
  user(name: string): FakeOaUser {
    return new FakeOaUser(this, digits(19), name);
  }

  /** What happens on Zalo's side when a person writes or follows: the window opens. */
  noteInteraction(userId: string, at: number, following?: boolean): void {
    const user = this.users.get(userId) ?? { following: true, lastMessageAt: 0 };
    user.lastMessageAt = Math.max(user.lastMessageAt, at);
    if (following !== undefined) user.following = following;
    this.users.set(userId, user);
  }

  noteUnfollow(userId: string): void {
    const user = this.users.get(userId);
    if (user) user.following = false;
  }

  /** Hosts a picture a person sends, as Zalo's (expiring) URLs serve them. */
  hostFile(bytes: Buffer): string {
    return this.host.hostFile(bytes);
  }

  /** The common part of the events Zalo posts. */
  envelope(eventName: string, at: number): Record<string, unknown> {
    return { app_id: this.appId, user_id_by_app: digits(19), event_name: eventName, timestamp: String(at) };
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    let gone = false;
    const goneListeners: (() => void)[] = [];
    res.on("close", () => {
      if (res.writableEnded) return;
      gone = true;
      for (const listener of goneListeners) listener();
    });
    const whenGone = (listener: () => void) => (gone ? listener() : goneListeners.push(listener));
    const answer = (value: unknown) => {
      if (!gone) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
    };
    if (req.method === "POST" && path === "/v4/oa/access_token") return answer(await this.refresh(req, body, () => gone, whenGone));
    if (req.method === "POST" && path === "/v3.0/oa/message/cs") {
      const result = await this.send(req.headers.access_token, body, () => gone, whenGone);
      return result === "gone" ? undefined : answer(result);
    }
    res.writeHead(404, { "content-type": "application/json" }).end('{"error":-404,"message":"not found"}');
  }

  private takeHold(kind: PendingHold["kind"]): PendingHold | undefined {
    const at = this.holds.findIndex((hold) => hold.kind === kind);
    return at === -1 ? undefined : this.holds.splice(at, 1)[0];
  }

  private async refresh(
    req: IncomingMessage,
    body: string,
    gone: () => boolean,
    whenGone: (listener: () => void) => void,
  ): Promise<unknown> {
    const form = new URLSearchParams(body);
    const refused = (outcome: OaRefreshOutcome, error: number, name: string) => {
      this.refreshes.push({ at: Date.now(), outcome });
      return { error, error_name: name, error_reason: name, error_description: name };
    };
    if (req.headers.secret_key !== this.appSecret || form.get("app_id") !== this.appId)
      return refused("bad-secret", -14002, "Invalid app id or secret key");
    if (form.get("grant_type") !== "refresh_token") return refused("unknown", -14003, "Invalid grant type");
    const hold = this.takeHold("refresh");
    if (hold) {
      whenGone(hold.abandon);
      hold.arrive();
      await hold.released;
      if (gone()) {
        this.refreshes.push({ at: Date.now(), outcome: "abandoned" });
        return undefined;
      }
    }
    const given = form.get("refresh_token") ?? "";
    const state = this.refreshTokens.get(given);
    if (state === "used") return refused("reused", -14014, "Refresh token has been used");
    if (state !== "live") return refused("unknown", -14014, "Invalid refresh token");
    this.refreshTokens.set(given, "used");
    const access = token();
    const refresh = token();
    this.generation += 1;
    this.accessTokens.set(access, { expiresAt: Date.now() + this.accessLifetimeSeconds * 1000, generation: this.generation });
    this.refreshTokens.set(refresh, "live");
    this.refreshes.push({ at: Date.now(), outcome: "rotated" });
    return { access_token: access, refresh_token: refresh, expires_in: String(this.accessLifetimeSeconds) };
  }

  private async send(
    accessToken: string | string[] | undefined,
    body: string,
    gone: () => boolean,
    whenGone: (listener: () => void) => void,
  ): Promise<unknown> {
    const error = (code: number, message: string) => ({ error: code, message });
    const entry = typeof accessToken === "string" ? this.accessTokens.get(accessToken) : undefined;
    if (!entry) return error(-216, "Access token is invalid");
    if (entry.expiresAt <= Date.now()) return error(-220, "Access token has expired");
    if (entry.generation === this.generation) {
      const hold = this.takeHold("send-after-refresh");
      if (hold) {
        whenGone(hold.abandon);
        hold.arrive();
        await hold.released;
        if (gone()) return "gone";
      }
    }
    const failure = this.failures.find((candidate) => candidate.times > 0);
    if (failure) {
      failure.times -= 1;
      return error(failure.code, failure.message);
    }
    let request: {
      recipient?: { user_id?: unknown; message_id?: unknown };
      message?: { text?: unknown; attachment?: { type?: unknown; payload?: unknown } };
    };
    try {
      request = JSON.parse(body);
    } catch {
      return error(-201, "Invalid parameter: body is not JSON");
    }
    const reply = request.recipient?.message_id !== undefined;
    const userId = reply
      ? (this.messageSenders.get(String(request.recipient?.message_id)) ?? "")
      : String(request.recipient?.user_id ?? "");
    const user = this.users.get(userId);
    if (!user) return error(-201, reply ? "Invalid parameter: message_id" : "Invalid parameter: user_id");
    if (!user.following) return error(-213, "User has not followed the OA");
    if (Date.now() - user.lastMessageAt > this.windowMs) return error(-230, "User has not interacted with the OA in the past 7 days");
    const text = request.message?.text;
    if (text !== undefined && (typeof text !== "string" || text.length > MAX_TEXT)) return error(-210, "Message text is too long");
    const payload = (request.message?.attachment?.payload ?? {}) as {
      buttons?: unknown;
      template_type?: unknown;
      elements?: { media_type?: unknown; url?: unknown }[];
    };
    let buttons: OaSentButton[] = [];
    let image: string | undefined;
    if (request.message?.attachment !== undefined) {
      if (request.message.attachment.type !== "template") return error(-201, "Invalid parameter: attachment.type");
      if (payload.template_type === "media") {
        const url = payload.elements?.[0]?.url;
        if (payload.elements?.[0]?.media_type !== "image" || typeof url !== "string") return error(-201, "Invalid parameter: media");
        image = url;
      } else {
        if (!Array.isArray(payload.buttons) || payload.buttons.length === 0 || payload.buttons.length > MAX_BUTTONS)
          return error(-201, "Invalid parameter: buttons (1 to 5)");
        buttons = payload.buttons as OaSentButton[];
        const bad = buttons.find(
          (button) =>
            typeof button.title !== "string" ||
            button.title.length === 0 ||
            button.title.length > 100 ||
            !BUTTON_TYPES.has(button.type) ||
            (button.type.startsWith("oa.query.") && (typeof button.payload !== "string" || button.payload.length > 1000)),
        );
        if (bad) return error(-201, "Invalid parameter: button");
      }
    }
    if (!text && !image) return error(-201, "Invalid parameter: message is empty");
    const message: OaSent = {
      messageId: randomBytes(16).toString("hex"),
      userId,
      reply,
      text: typeof text === "string" ? text : "",
      buttons,
      ...(image ? { image } : {}),
      at: Date.now(),
    };
    this.sent.push(message);
    for (const listener of this.listeners) listener();
    return { error: 0, message: "Success", data: { message_id: message.messageId, user_id: userId } };
  }
}

/** A person on Zalo who follows the OA, writes to it, presses its buttons, and reads what it sent, in order. */
export class FakeOaUser extends SentReader<OaSent> {
  constructor(
    private readonly emulator: ZaloOaEmulator,
    readonly id: string,
    readonly name: string,
  ) {
    super(
      () => emulator.sentTo(id),
      (listener) => emulator.onSent(listener),
      `OA user ${name}`,
    );
  }

  /** The event Zalo posts when this person sends text. */
  textEvent(text: string, at = Date.now()): Record<string, unknown> {
    return {
      ...this.emulator.envelope("user_send_text", at),
      sender: { id: this.id },
      recipient: { id: this.emulator.oaId },
      message: { text, msg_id: randomBytes(16).toString("hex") },
    };
  }

  follow(): Promise<void> {
    const at = Date.now();
    this.emulator.noteInteraction(this.id, at, true);
    return this.emulator.deliver({
      ...this.emulator.envelope("follow", at),
      oa_id: this.emulator.oaId,
      source: "oa_profile",
      follower: { id: this.id },
    });
  }

  unfollow(): Promise<void> {
    this.emulator.noteUnfollow(this.id);
    return this.emulator.deliver({
      ...this.emulator.envelope("unfollow", Date.now()),
      oa_id: this.emulator.oaId,
      source: "oa_profile",
      follower: { id: this.id },
    });
  }

  /** Types a message (writing opens the window again). */
  send(text: string): Promise<void> {
    const at = Date.now();
    this.emulator.noteInteraction(this.id, at);
    return this.emulator.deliver(this.textEvent(text, at));
  }

  /**
   * Presses the button titled `label` (or the first whose title contains it) on the newest message
   * that has one, or on `on`: Zalo posts its payload as this person's text (`oa.query.show`).
   */
  press(label: string, on?: OaSent): Promise<void> {
    const candidates = on ? [on] : [...this.emulator.sentTo(this.id)].reverse();
    for (const message of candidates) {
      const button =
        message.buttons.find((candidate) => candidate.title === label) ??
        message.buttons.find((candidate) => candidate.title.includes(label));
      if (button && button.type === "oa.query.show" && typeof button.payload === "string") return this.send(button.payload);
    }
    throw new Error(`no button "${label}" in the OA chat of ${this.name}`);
  }

  /** A picture (its bytes hosted by the emulator), with a caption. */
  sendPhoto(bytes: Buffer, caption = ""): Promise<void> {
    const at = Date.now();
    this.emulator.noteInteraction(this.id, at);
    return this.emulator.deliver({
      ...this.emulator.envelope("user_send_image", at),
      sender: { id: this.id },
      recipient: { id: this.emulator.oaId },
      message: {
        text: caption,
        msg_id: randomBytes(16).toString("hex"),
        attachments: [{ type: "image", payload: { url: this.emulator.hostFile(bytes), thumbnail: "" } }],
      },
    });
  }

  sendSticker(): Promise<void> {
    const at = Date.now();
    this.emulator.noteInteraction(this.id, at);
    return this.emulator.deliver({
      ...this.emulator.envelope("user_send_sticker", at),
      sender: { id: this.id },
      recipient: { id: this.emulator.oaId },
      message: { msg_id: randomBytes(16).toString("hex"), attachments: [{ type: "sticker", payload: { id: "1", url: "" } }] },
    });
  }

  /** Everything the OA sent to this person so far. */
  messages(): OaSent[] {
    return this.emulator.sentTo(this.id);
  }
}
