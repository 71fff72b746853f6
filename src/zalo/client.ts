import { z } from "zod";

/**
 * Zalo's Bot API (`POST <root>/bot<TOKEN>/<method>`, JSON in and out), as ../shared/zalo.md
 * describes it: answers `{"ok":true,"result":…}` or `{"ok":false,"error_code":N,"description":…}`.
 * `ok` decides, not only the HTTP status.
 */

export class ZaloError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(`Zalo ${code}: ${description}`);
    this.name = "ZaloError";
  }
}

const answerSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error_code: z.number(), description: z.string().default("") }),
]);

const incomingSchema = z.object({
  event_name: z.string(),
  message: z.looseObject({
    from: z.looseObject({ id: z.string(), display_name: z.string().optional(), is_bot: z.boolean().optional() }),
    chat: z.looseObject({ id: z.string(), chat_type: z.string().optional() }),
    message_id: z.string(),
    date: z.number(),
    text: z.string().optional(),
    photo: z.string().optional(),
    caption: z.string().optional(),
  }),
});

export type ZaloUpdate = z.infer<typeof incomingSchema>;

/** An update in either envelope Zalo is known to use: `{ok, result: {…}}` or the update itself. */
export function parseZaloUpdate(body: unknown): ZaloUpdate | undefined {
  const wrapped = z.object({ ok: z.literal(true), result: z.unknown() }).safeParse(body);
  const parsed = incomingSchema.safeParse(wrapped.success ? wrapped.data.result : body);
  return parsed.success ? parsed.data : undefined;
}

export interface ZaloMe {
  id: string;
  account_name?: string;
}

export class ZaloClient {
  constructor(
    private readonly token: string,
    private readonly apiRoot: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async call(method: string, body: Record<string, unknown> = {}, signal?: AbortSignal): Promise<unknown> {
    const response = await this.fetchImpl(`${this.apiRoot}/bot${this.token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
    const parsed = answerSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new ZaloError(response.status, `unreadable answer to ${method}`);
    if (!parsed.data.ok) throw new ZaloError(parsed.data.error_code, parsed.data.description);
    return parsed.data.result;
  }

  async getMe(): Promise<ZaloMe> {
    return z.looseObject({ id: z.coerce.string(), account_name: z.string().optional() }).parse(await this.call("getMe"));
  }

  /** One update, or undefined when none came within `timeoutSeconds` (Zalo's 408). */
  async getUpdate(timeoutSeconds: number, signal?: AbortSignal): Promise<ZaloUpdate | undefined> {
    try {
      return parseZaloUpdate(await this.call("getUpdates", { timeout: timeoutSeconds }, signal));
    } catch (error) {
      if (error instanceof ZaloError && error.code === 408) return undefined;
      throw error;
    }
  }

  async setWebhook(url: string, secret: string): Promise<void> {
    await this.call("setWebhook", { url, secret_token: secret });
  }

  async deleteWebhook(): Promise<void> {
    await this.call("deleteWebhook");
  }

  async sendMessage(chatId: string, text: string): Promise<{ message_id: string }> {
    return z.looseObject({ message_id: z.coerce.string() }).parse(await this.call("sendMessage", { chat_id: chatId, text }));
  }

  async sendPhoto(chatId: string, photoUrl: string, caption?: string): Promise<{ message_id: string }> {
    const body = { chat_id: chatId, photo: photoUrl, ...(caption ? { caption } : {}) };
    return z.looseObject({ message_id: z.coerce.string() }).parse(await this.call("sendPhoto", body));
  }
}
