export const ROLES = ["officer", "consultant", "secretariat"] as const;
export type Role = (typeof ROLES)[number];

/** Who a member is: an officer speaks for an agency, a consultant is one named expert. */
export type Binding = { role: "officer"; agencyId: string } | { role: "consultant"; consultantId: string } | { role: "secretariat" };
