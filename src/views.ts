import type { TranslateFunction } from "@grammyjs/i18n";
import type { AgencyDirectory } from "./domain/agencies.js";
import type { Binding } from "./domain/roles.js";

/** Shortens text to at most `max` characters, ending with an ellipsis when it was cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Escapes text put into an HTML-formatted message (or an SVG picture: the same three characters). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** "cán bộ đầu mối của Hà Nội", "đầu mối tư vấn", "Thư ký Tổ công tác". */
export function describeBinding(t: TranslateFunction, binding: Binding, directory: AgencyDirectory): string {
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
