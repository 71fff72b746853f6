/**
 * What the fault runs answer to part 1 of form 488, by the question's own line: officer `n`'s
 * answer as typed, and as it is stored (a phone typed with spaces is kept without them), so a run
 * can tell an answer kept from one lost.
 */
export const PART_ONE_ANSWERS: Record<string, { path: string; value: (n: number) => string; stored: (n: number) => string }> = {
  "Họ và tên": { path: "officer.fullName", value: (n) => `Cán bộ số ${n}`, stored: (n) => `Cán bộ số ${n}` },
  "Cơ quan công tác": { path: "officer.agency", value: (n) => `Sở Thông tin số ${n}`, stored: (n) => `Sở Thông tin số ${n}` },
  "Chức vụ": { path: "officer.position", value: (n) => `Chuyên viên ${n}`, stored: (n) => `Chuyên viên ${n}` },
  "Số điện thoại": {
    path: "officer.phone",
    value: (n) => `0912 ${String(n).padStart(3, "0")} 000`,
    stored: (n) => `0912${String(n).padStart(3, "0")}000`,
  },
  Email: { path: "officer.email", value: (n) => `can.bo.${n}@example.gov.vn`, stored: (n) => `can.bo.${n}@example.gov.vn` },
};
