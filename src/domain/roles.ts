export const ROLES = ["officer", "consultant", "secretariat"] as const;
export type Role = (typeof ROLES)[number];

/** Who a member is: an officer speaks for an agency, a consultant is one named expert. */
export type Binding = { role: "officer"; agencyId: string } | { role: "consultant"; consultantId: string } | { role: "secretariat" };

/** A binding as one word (`officer:ha-noi`, `consultant:<id>`, `secretariat`): what a link or a session was given under. */
export function bindingTag(binding: Binding): string {
  switch (binding.role) {
    case "officer":
      return `officer:${binding.agencyId}`;
    case "consultant":
      return `consultant:${binding.consultantId}`;
    case "secretariat":
      return "secretariat";
  }
}
