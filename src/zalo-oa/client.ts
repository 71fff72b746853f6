import { z } from "zod";

/**
 * Zalo Official Account API v3 and its OAuth v4 token endpoint, as docs/zalo-oa.md records them:
 * customer-service messages (`POST <api>/v3.0/oa/message/cs`, header `access_token`), answered
 * with HTTP 200 and `{"error":0,"data":{…}}` or `{"error":<negative>,"message":…}`; tokens by
 * `POST <oauth>/v4/oa/access_token` (form-encoded, header `secret_key: <app secret>`), answered
 * with a new pair or `{"error":<negative>,"error_name",…}`. Ids exceed 2^53: they are kept as strings.
 */

/** The OA API answered with an error code (`error` below 0). */
export class OaApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(`Zalo OA ${code}: ${description}`);
    this.name = "OaApiError";
  }
}

/** The OA API answered something that is no answer of its (a 5xx, a page of HTML): try again later. */
export class OaHttpError extends Error {
  constructor(
    readonly status: number,
    what: string,
  ) {
    super(`Zalo OA answered HTTP ${status} to ${what}`);
    this.name = "OaHttpError";
  }
}

/** Zalo refused the refresh token (used before, expired, revoked, or the app's secret is wrong): only a new consent helps. */
export class OaRefreshRefused extends Error {
  constructor(
    readonly code: number,
    readonly errorName: string,
  ) {
    super(`Zalo refused the OA refresh token: ${code} ${errorName}`);
    this.name = "OaRefreshRefused";
  }
}

/** A button whose press posts its payload into the chat as the person's own message (`oa.query.show`). */
export interface OaButton {
  title: string;
  type: "oa.query.show";
  payload: string;
}

/** What `message` holds in a customer-service message: text, with buttons or a picture by URL. */
export type OaMessage =
  | { text: string; attachment?: { type: "template"; payload: { buttons: OaButton[] } } }
  | {
      text?: string;
      attachment: { type: "template"; payload: { template_type: "media"; elements: [{ media_type: "image"; url: string }] } };
    };

/** Whom a message goes to: the person, or the person's message it answers. */
export type OaRecipient = { user_id: string } | { message_id: string };

export interface OaTokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lasts (Zalo gives "90000", a string). */
  expiresIn: number;
}

const apiAnswer = z.looseObject({ error: z.coerce.number(), message: z.string().optional(), data: z.unknown().optional() });
const sentData = z.looseObject({ message_id: z.coerce.string() });
const tokenAnswer = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
});
const tokenError = z.looseObject({
  error: z.coerce.number(),
  error_name: z.string().optional(),
  error_reason: z.string().optional(),
  error_description: z.string().optional(),
});

/** How long a call may take: the webhook's two seconds are not at stake here, a stuck socket is. */
const CALL_TIMEOUT_MS = 15_000;

export class OaClient {
  constructor(
    private readonly apiRoot: string,
    private readonly oauthRoot: string,
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /**
   * Sends a customer-service message to the OA user, or as a reply to one of their messages (by
   * its `msg_id`: Zalo counts a reply among the free ones, a message by user id as one the OA
   * starts); throws OaApiError or OaHttpError when it was refused.
   */
  async sendMessage(accessToken: string, to: OaRecipient, message: OaMessage): Promise<{ messageId: string }> {
    const response = await this.fetchImpl(`${this.apiRoot}/v3.0/oa/message/cs`, {
      method: "POST",
      headers: { "content-type": "application/json", access_token: accessToken },
      body: JSON.stringify({ recipient: to, message }),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    const text = await response.text();
    const answer = apiAnswer.safeParse(parseOaJson(text));
    if (!answer.success) throw new OaHttpError(response.status, "message/cs");
    if (answer.data.error !== 0) throw new OaApiError(answer.data.error, answer.data.message ?? "");
    const data = sentData.safeParse(answer.data.data);
    return { messageId: data.success ? data.data.message_id : "" };
  }

  /**
   * Trades the refresh token for a new pair. Zalo answers an error with or without an HTTP error:
   * any error in the body is a refusal (OaRefreshRefused); no readable answer is OaHttpError.
   */
  async refresh(refreshToken: string): Promise<OaTokenPair> {
    const response = await this.fetchImpl(`${this.oauthRoot}/v4/oa/access_token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", secret_key: this.appSecret },
      body: new URLSearchParams({ app_id: this.appId, grant_type: "refresh_token", refresh_token: refreshToken }).toString(),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    const body = parseOaJson(await response.text());
    const pair = tokenAnswer.safeParse(body);
    if (pair.success)
      return { accessToken: pair.data.access_token, refreshToken: pair.data.refresh_token, expiresIn: pair.data.expires_in };
    const refused = tokenError.safeParse(body);
    if (refused.success && refused.data.error !== 0) throw new OaRefreshRefused(refused.data.error, refused.data.error_name ?? "");
    throw new OaHttpError(response.status, "v4/oa/access_token");
  }
}

/**
 * JSON with every integer of 16 digits or more read as a string: the OA's user and message ids
 * exceed 2^53 and lose their last digits as numbers. Only numbers outside strings are touched.
 * Undefined for text that is not JSON.
 */
export function parseOaJson(text: string): unknown {
  let out = "";
  let inString = false;
  let from = 0;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (inString) {
      if (char === "\\") at++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) {
      let end = at + 1;
      while (end < text.length && /[0-9.eE+-]/.test(text[end] ?? "")) end++;
      const literal = text.slice(at, end);
      if (/^-?\d{16,}$/.test(literal)) {
        out += `${text.slice(from, at)}"${literal}"`;
        from = end;
      }
      at = end - 1;
    }
  }
  try {
    return JSON.parse(out + text.slice(from));
  } catch {
    return undefined;
  }
}
