/**
 * An update as it may be kept past its day: what a person wrote (text, captions, a contact's
 * number) and who they are by name replaced by "[redacted]"; ids, dates, the kind of update and the
 * shape stay, so an operator can still see what failed and where. For Telegram's updates and
 * Zalo's alike: the fields are found by name at any depth.
 */
export const REDACTED = "[redacted]";

const PERSONAL_KEYS = new Set([
  "text",
  "caption",
  "first_name",
  "last_name",
  "username",
  "display_name",
  "phone_number",
  "email",
  "vcard",
  "title",
  "description",
  "query",
  "address",
  "name",
  // What fetches a picture or a file someone sent: within Telegram's or Zalo's keeping, the content itself.
  "file_id",
  "url",
  "photo_url",
]);

/** Objects that are personal as a whole: where someone is, and a contact card. */
const WHOLE_KEYS = new Set(["location", "contact", "venue"]);

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      WHOLE_KEYS.has(key) || (PERSONAL_KEYS.has(key) && typeof inner === "string") ? REDACTED : redactValue(inner),
    ]),
  );
}

/** The update's JSON with its personal text redacted; text that is not JSON is redacted whole. */
export function redactUpdate(json: string): string {
  try {
    return JSON.stringify(redactValue(JSON.parse(json)));
  } catch {
    return JSON.stringify(REDACTED);
  }
}
