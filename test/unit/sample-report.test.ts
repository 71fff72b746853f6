import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_NOW, writeSample } from "../../src/dev/sample.js";
import { syntheticStanding, writeSyntheticResponses } from "../../src/dev/synthetic.js";
import { complianceOf } from "../../src/form/compliance.js";
import { loadForm } from "../../src/form/schema.js";
import { projectPath } from "../../src/project-root.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

/** Every cell of every sheet, as text: what a reader sees, whatever bytes exceljs wrote around it. */
async function cells(file: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const out: string[] = [];
  for (const sheet of workbook.worksheets) {
    out.push(`# ${sheet.name}`);
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = cell.value instanceof Date ? cell.value.toISOString() : JSON.stringify(cell.value);
        out.push(`${sheet.name}!${cell.address} ${value}`);
      }),
    );
  }
  return out;
}

describe("the samples in docs/ tell the truth", () => {
  let store: TestRedis;
  beforeAll(() => {
    store = testRedis();
  });
  afterAll(() => store.cleanup());

  it("makes the share of fully compliant agencies its comment claims, by the rule /progress uses", async () => {
    const deps = depsFor(store);
    const agencies = deps.directory.agencies;
    await writeSyntheticResponses(store.redis, deps.keys, "synthetic", agencies, SAMPLE_NOW);
    const form = loadForm();
    const compliant: string[] = [];
    for (const [index, agency] of agencies.entries()) {
      const state = await deps.responses.loadState("synthetic", agency.id);
      const { fullyCompliant } = complianceOf(form, state, agency.kind);
      expect(fullyCompliant, agency.id).toBe(syntheticStanding(index).compliant);
      expect(state?.status === "submitted", agency.id).toBe(syntheticStanding(index).submitted);
      if (fullyCompliant) compliant.push(agency.kind);
    }
    // "16 (11 of the 63 provinces, 5 of the 30 ministries)", as src/dev/synthetic.ts says.
    expect(compliant).toHaveLength(16);
    expect(compliant.filter((kind) => kind === "province")).toHaveLength(11);
    expect(compliant.filter((kind) => kind === "ministry")).toHaveLength(5);
  });

  it("has committed docs/sample-report.xlsx as the generator makes it today (npm run docs:sample)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "d06-sample-"));
    const made = await writeSample(store.redis, `${store.prefix}sample:`, dir);
    const committed = await cells(projectPath("docs", "sample-report.xlsx"));
    expect(committed.length).toBeGreaterThan(1000);
    expect(committed, "docs/sample-report.xlsx is behind the form, the layout or the synthetic answers: run npm run docs:sample").toEqual(
      await cells(made.workbook),
    );
  });
});
