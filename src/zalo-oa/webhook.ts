import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * What the OA's webhook posts, and how it is known to be Zalo's: the header
 * `X-ZEvent-Signature: mac=<hex>`, hex the SHA-256 (plain, not HMAC) of the app id, the raw body,
 * the body's `timestamp` and the OA secret key, in that order (docs/zalo-oa.md). The event is
 * kept in the intake in the shape below, not as it came: only what the dialogue reads.
 */

export const SIGNATURE_HEADER = "X-ZEvent-Signature";

/**
 * How old a signed event may be. Zalo delivers again for up to about 12 hours while the bot
 * answers something else than 200 (docs/zalo-oa.md); an older body is a replay. It stays under
 * the two days an event's id is remembered, so a replay within it is known and applied once.
 */
export const SIGNED_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Clocks differ: an event may seem to come from a little ahead. */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

/** The signature Zalo sends with a body, as hex. */
export function oaSignature(appId: string, rawBody: string, timestamp: string, secretKey: string): string {
  return createHash("sha256").update(`${appId}${rawBody}${timestamp}${secretKey}`, "utf8").digest("hex");
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: "no signature" | "wrong signature" | "no timestamp" | "too old" | "from the future" };

/** The header checked against the body in constant time, and the body's time against the window. */
export function checkSignature(
  header: string | undefined,
  rawBody: string,
  timestamp: string | undefined,
  keys: { appId: string; secretKey: string },
  now: number,
): SignatureCheck {
  const given = /^mac=([0-9a-fA-F]+)$/.exec(header?.trim() ?? "")?.[1];
  if (!given) return { ok: false, reason: "no signature" };
  if (!timestamp || !/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: "no timestamp" };
  const expected = Buffer.from(oaSignature(keys.appId, rawBody, timestamp, keys.secretKey), "hex");
  const received = Buffer.from(given.length % 2 === 0 ? given : `0${given}`, "hex");
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) return { ok: false, reason: "wrong signature" };
  const at = Number(timestamp);
  if (at < now - SIGNED_WINDOW_MS) return { ok: false, reason: "too old" };
  if (at > now + FUTURE_SKEW_MS) return { ok: false, reason: "from the future" };
  return { ok: true };
}

/** An OA event as the intake keeps it. Field names chosen so that parked copies are redacted (text, url, name). */
export type OaEvent =
  | {
      kind: "message";
      event_name: string;
      userId: string;
      /** When the person sent it (ms), by Zalo's clock. */
      at: number;
      msgId: string;
      text: string;
      /** A picture or a file, by the URL Zalo gives (it expires). */
      file?: { type: "photo" | "document"; url: string; name?: string };
    }
  | { kind: "follow" | "unfollow"; event_name: string; userId: string; at: number };

const id = z.union([z.string(), z.number()]).transform(String);
const attachmentSchema = z.looseObject({
  type: z.string(),
  payload: z.looseObject({ url: z.string().optional(), thumbnail: z.string().optional(), name: z.string().optional() }).optional(),
});
const eventSchema = z.looseObject({
  event_name: z.string(),
  timestamp: id,
  oa_id: id.optional(),
  sender: z.looseObject({ id }).optional(),
  recipient: z.looseObject({ id }).optional(),
  follower: z.looseObject({ id }).optional(),
  message: z
    .looseObject({
      msg_id: id.optional(),
      text: z.string().optional(),
      attachments: z.array(attachmentSchema).optional(),
    })
    .optional(),
});

/** What a person sends that the bot reads as more than "something else". */
const MESSAGE_EVENTS = new Set([
  "user_send_text",
  "user_send_image",
  "user_send_file",
  "user_send_sticker",
  "user_send_gif",
  "user_send_audio",
  "user_send_video",
  "user_send_location",
  "user_send_link",
  "user_send_business_card",
]);

/**
 * The event in a body: "invalid" for a body that is no event, "ignored" for one the bot has no use
 * for (the OA's own sends coming back, read receipts, another OA's, the registration's empty `{}`).
 */
export function parseOaEvent(body: unknown, oaId: string): OaEvent | "invalid" | "ignored" {
  if (body !== null && typeof body === "object" && Object.keys(body).length === 0) return "ignored";
  const parsed = eventSchema.safeParse(body);
  if (!parsed.success) return "invalid";
  const event = parsed.data;
  const at = Number(event.timestamp);
  if (event.event_name === "follow" || event.event_name === "unfollow") {
    const userId = event.follower?.id ?? event.sender?.id;
    if (!userId || (event.oa_id !== undefined && event.oa_id !== oaId)) return "ignored";
    return { kind: event.event_name, event_name: event.event_name, userId, at };
  }
  if (!MESSAGE_EVENTS.has(event.event_name)) return "ignored";
  const userId = event.sender?.id;
  const msgId = event.message?.msg_id;
  if (!userId || !msgId || event.recipient?.id !== oaId) return "ignored";
  const attachment = event.message?.attachments?.[0];
  const url = attachment?.payload?.url || attachment?.payload?.thumbnail;
  const file =
    url && event.event_name === "user_send_image"
      ? { type: "photo" as const, url }
      : url && event.event_name === "user_send_file"
        ? { type: "document" as const, url, ...(attachment?.payload?.name ? { name: attachment.payload.name } : {}) }
        : undefined;
  return { kind: "message", event_name: event.event_name, userId, at, msgId, text: event.message?.text ?? "", ...(file ? { file } : {}) };
}

/** What a redelivery of the event is known by: its message id, or for a follow its kind, person and time. */
export const dedupeKeyOf = (event: OaEvent): string =>
  event.kind === "message" ? `m:${event.msgId}` : `${event.kind}:${event.userId}:${event.at}`;
