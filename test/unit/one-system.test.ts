import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { loadAgencyDirectory } from "../../src/domain/agencies.js";
import { DEFAULT_PLAN, type Round } from "../../src/domain/rounds.js";
import { assessCompliance } from "../../src/form/compliance.js";
import { loadForm } from "../../src/form/schema.js";
import { writeWorkbook } from "../../src/reports/workbook.js";
import { answerer, FormHarness } from "../support/form-harness.js";

/**
 * A system is one system: the letter's own example lists the administrative-procedure system in
 * row 1 and again in 4.1. Named the same there (case, accents and spacing aside), row 5 asks its
 * security questions once, the workbook prints it once, and compliance counts it once.
 */
describe("a system listed in several rows", () => {
  const form = loadForm();
  const lists: Record<string, string[]> = {
    r1: ["Hệ thống thông tin giải quyết TTHC", "Mạng WAN tỉnh"],
    r4_1: ["hệ thống  thong tin giải quyết TTHC"],
    r4_3: ["CSDL hộ tịch"],
  };

  function filled(dossier: (path: string) => string): FormHarness {
    const harness = new FormHarness(form, "province");
    harness.open();
    const answer = answerer();
    harness.fill(
      (slot) => (slot.question.id === "dossier" ? dossier(slot.path) : answer(slot)),
      (id) => lists[id] ?? [],
    );
    return harness;
  }

  it("is asked about once in row 5, under its first entry", () => {
    const asked: string[] = [];
    filled((path) => {
      asked.push(path);
      return "3";
    });
    // Three systems, though four entries: the TTHC system of rows 1 and 4.1 is one.
    expect(asked).toHaveLength(3);
  });

  it("is counted once for compliance, and printed once in the agency's sheet, its row-5 answers beside each of its entries", async () => {
    // The TTHC system's dossier only submitted: row 5 partly met, once, for it alone.
    let dossiers = 0;
    const harness = filled(() => (dossiers++ === 0 ? "2" : "3"));
    const [component5] = assessCompliance(form, harness.state, "province").filter(({ component }) => component.id === "5");
    expect(component5?.shortfalls.map((shortfall) => shortfall.entry?.repeat)).toEqual(["r1"]);

    const directory = loadAgencyDirectory();
    const haNoi = directory.get("ha-noi")!;
    const round: Round = {
      id: "r1",
      name: "Đợt thử",
      formId: form.id,
      formVersion: undefined,
      opensAt: 0,
      deadline: Date.UTC(2027, 0, 1),
      targets: { kind: "list", agencies: ["ha-noi"] },
      plan: DEFAULT_PLAN,
      closedAt: undefined,
      createdBy: "test",
      createdAt: 0,
    };
    const file = join(mkdtempSync(join(tmpdir(), "d06-one-system-")), "report.xlsx");
    await writeWorkbook(
      {
        round,
        agencies: [haNoi],
        form,
        timeZone: "Asia/Ho_Chi_Minh",
        load: async () => ({ ...harness.state, status: "submitted" }),
        submitterName: async () => undefined,
      },
      file,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const cells = (workbook.getWorksheet("Hà Nội")!.getSheetValues() as unknown[][]).flat().map((cell) => String(cell ?? ""));
    // Row 5's systems: 5.1, 5.2, 5.3 and no 5.4.
    expect(cells.filter((cell) => /^5\.\d$/.test(cell))).toEqual(["5.1", "5.2", "5.3"]);
    // The systems sheet: each of the four entries, the TTHC system's dossier beside both of its lines.
    const systems = (workbook.getWorksheet("Hệ thống")!.getSheetValues() as unknown[][]).slice(2).map((row) => row.map(String));
    const tthc = systems.filter((row) => /giải quyết TTHC/i.test(row.join(" ")));
    expect(tthc).toHaveLength(2);
    for (const row of tthc) expect(row.join(" ")).toContain("Đã trình cấp có thẩm quyền phê duyệt");
  });
});
