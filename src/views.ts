import type { AgencyDirectory } from "./domain/agencies.js";
import type { Refusal } from "./domain/refusal.js";
import type { Binding } from "./domain/roles.js";
import type { Ticket } from "./storage/tickets.js";

/** A text in the reader's language by its locale key: grammY's `ctx.t`, or the i18n of a job or another channel. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Shortens text to at most `max` characters, ending with an ellipsis when it was cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Escapes text and shortens it so that the escaped form is at most `max` characters, never cutting an entity. */
export function escapeClipped(text: string, max: number): string {
  const escaped = escapeHtml(text);
  if (escaped.length <= max) return escaped;
  let out = "";
  for (const char of text) {
    const piece = escapeHtml(char);
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out}…`;
}

/** Escapes text put into an HTML-formatted message (or an SVG picture: the same three characters). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A refusal (src/domain/refusal.ts) in the reader's language, as plain text: the console (whose pages escape what they show) and the command line. */
export const refusalText = (t: Translate, { reason, params }: Refusal): string => t(reason, params);

/** A refusal in the reader's language for a chat message in HTML: the values it names (ids and words a person typed) escaped. */
export function refusalHtml(t: Translate, { reason, params }: Refusal): string {
  if (!params) return t(reason);
  return t(
    reason,
    Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === "string" ? escapeHtml(value) : value])),
  );
}

/** "cán bộ đầu mối của Hà Nội", "đầu mối tư vấn", "Bộ phận thường trực". */
export function describeBinding(t: Translate, binding: Binding, directory: AgencyDirectory): string {
  switch (binding.role) {
    case "officer": {
      const agency = directory.get(binding.agencyId);
      return t("role-officer", { agency: escapeHtml(agency?.name ?? binding.agencyId) });
    }
    case "consultant":
      return t("role-consultant");
    case "secretariat":
      return t("role-secretariat");
  }
}

/** The officer who asked, by name; one whose personal data was erased (`member erase`) left none: "a former member". */
export function askerName(t: Translate, ticket: Pick<Ticket, "officerName">): string {
  return ticket.officerName || t("ops-former-member");
}
