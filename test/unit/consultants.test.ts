import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadAgencyDirectory } from "../../src/domain/agencies.js";
import { ConsultantsError, loadConsultants } from "../../src/domain/consultants.js";

describe("the consultants of letter 8402", () => {
  const agencies = loadAgencyDirectory();
  const consultants = loadConsultants(agencies);

  it("has the four consultants and the 49 provinces of the appendix", () => {
    expect(consultants.consultants.map((consultant) => consultant.id)).toEqual([
      "truong-trong-khang",
      "phung-van-tin",
      "ha-thanh-luong",
      "nong-cong-hung",
    ]);
    expect(consultants.consultants.flatMap((consultant) => consultant.provinces)).toHaveLength(49);
    expect(consultants.ofProvince("ha-noi")?.name).toBe("Hà Thanh Lương");
    expect(consultants.ofProvince("lam-dong")?.id).toBe("ha-thanh-luong");
    expect(consultants.ofProvince("hung-yen")?.id).toBe("nong-cong-hung");
  });

  it("leaves Bắc Kạn and thirteen other provinces without a consultant", () => {
    const without = agencies.ofKind("province").filter((province) => !consultants.ofProvince(province.id));
    expect(without).toHaveLength(14);
    expect(without.map((province) => province.id)).toContain("bac-kan");
  });

  it("keeps Phùng Văn Tin's 11-digit number as printed and flags it as suspect", () => {
    expect(consultants.get("phung-van-tin")).toMatchObject({ phone: "09763099791", phoneSuspect: true });
    expect(consultants.suspects.map((consultant) => consultant.id)).toEqual(["phung-van-tin"]);
  });

  it("refuses a file that gives one province twice or names an unknown one", () => {
    const dir = mkdtempSync(join(tmpdir(), "d06-consultants-"));
    const twice = join(dir, "twice.json");
    writeFileSync(
      twice,
      JSON.stringify({
        version: 1,
        consultants: [
          { id: "a", name: "A", phone: "0912345678", provinces: ["ha-noi"] },
          { id: "b", name: "B", phone: "0912345678", provinces: ["ha-noi"] },
        ],
      }),
    );
    expect(() => loadConsultants(agencies, twice)).toThrow(/ha-noi is given to both a and b/);
    const unknown = join(dir, "unknown.json");
    writeFileSync(
      unknown,
      JSON.stringify({ version: 1, consultants: [{ id: "a", name: "A", phone: "0912345678", provinces: ["bo-tu-phap"] }] }),
    );
    expect(() => loadConsultants(agencies, unknown)).toThrow(ConsultantsError);
  });
});
