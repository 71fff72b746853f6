import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DirectoryError, foldName, loadAgencyDirectory } from "../../src/domain/agencies.js";

describe("the agency directory", () => {
  const directory = loadAgencyDirectory();

  it("holds the 63 provinces of the seeds and the ministries", () => {
    expect(directory.ofKind("province")).toHaveLength(63);
    expect(directory.ofKind("ministry").length).toBeGreaterThanOrEqual(22);
    expect(directory.get("ha-noi")?.name).toBe("Hà Nội");
    expect(directory.get("ho-chi-minh")?.kind).toBe("province");
    expect(directory.get("bac-kan")?.name).toBe("Bắc Kạn");
    expect(directory.get("bo-tu-phap")?.kind).toBe("ministry");
  });

  it("finds a province under the spellings the letters use", () => {
    expect(directory.find("Long an")?.id).toBe("long-an");
    expect(directory.find("Hung Yên")?.id).toBe("hung-yen");
    expect(directory.find("Thành phố Cần Thơ")?.id).toBe("can-tho");
    expect(directory.find("Thành phố Hồ Chí Minh")?.id).toBe("ho-chi-minh");
    expect(directory.find("Đắk Lắk")?.id).toBe("dak-lak");
    expect(foldName("Thừa Thiên Huế")).toBe("thua thien hue");
  });

  it("refuses a replacement file with a duplicate id or a bad kind, saying where", () => {
    const dir = mkdtempSync(join(tmpdir(), "d06-dir-"));
    const duplicate = join(dir, "dup.json");
    writeFileSync(
      duplicate,
      JSON.stringify({
        version: 2,
        agencies: [
          { id: "a", kind: "province", name: "A" },
          { id: "a", kind: "province", name: "B" },
        ],
      }),
    );
    expect(() => loadAgencyDirectory(duplicate)).toThrow(/agencies\.1\.id: duplicate id a/);
    const badKind = join(dir, "kind.json");
    writeFileSync(badKind, JSON.stringify({ version: 2, agencies: [{ id: "a", kind: "city", name: "A" }] }));
    expect(() => loadAgencyDirectory(badKind)).toThrow(DirectoryError);
  });

  it("accepts a replacement file of the same shape", () => {
    const file = join(mkdtempSync(join(tmpdir(), "d06-dir-")), "merged.json");
    writeFileSync(file, JSON.stringify({ version: 2, agencies: [{ id: "tuyen-quang", kind: "province", name: "Tuyên Quang" }] }));
    expect(loadAgencyDirectory(file).agencies).toHaveLength(1);
  });
});
