import { describe, expect, it } from "vitest";
import { loadForm, parseForm } from "../../src/form/schema.js";
import { readXlsForm } from "../../src/form/xlsform/read.js";
import { fill, layoutProblems, layoutSchema, loadLayout } from "../../src/reports/layout.js";
import { communeSurvey, inEnglish, xlsformWorkbook } from "../support/xlsform-workbook.js";

/** The appendix layout is data (flows/layouts/appendix-488.json); tests/unit/reports.test.ts reads the workbook it lays out. */
describe("workbook layouts as data", () => {
  const form = loadForm();

  it("reads only what form 488 asks", () => {
    expect(form.layout).toBe("appendix-488");
    expect(layoutProblems(loadLayout("appendix-488"), form)).toEqual([]);
  });

  it("says what a layout reads that the form lacks", () => {
    const layout = layoutSchema.parse({
      title: "{@form}",
      sheets: [
        { kind: "agency", widths: [10], blocks: [{ row: ["{officer.nickname}", "$missing"] }, { questions: "gone", row: ["{@text}"] }] },
        { kind: "entries", name: "Hệ thống", columns: [{ header: "x", width: 5, cell: "{each.dossier} {colour}" }] },
      ],
    });
    expect(layoutProblems(layout, form)).toEqual([
      { lacks: "question", name: "officer.nickname", sheet: undefined },
      { lacks: "cell", name: "$missing", sheet: undefined },
      { lacks: "row", name: "gone", sheet: undefined },
      { lacks: "question", name: "colour", sheet: "Hệ thống", column: "x" },
    ]);
  });

  it("fills a template, keeping a lone value's type", () => {
    const values: Record<string, string | number> = { "@index": 3, body: "Sở TTTT" };
    expect(fill("{@index}", (read) => values[read])).toBe(3);
    expect(fill("{@index}. {body}", (read) => values[read])).toBe("3. Sở TTTT");
  });

  it("refuses a form or a workbook naming a layout there is none of", async () => {
    expect(() => parseForm({ ...form, layout: "appendix-999" }, "test")).toThrow(/no such layout in flows\/layouts/);
    const sheets = communeSurvey();
    sheets.settings = [
      ["form_id", "version", "layout"],
      ["xa", "1", "appendix-999"],
    ];
    const read = await readXlsForm(await xlsformWorkbook(sheets));
    expect(read.ok ? [] : read.problems.map(inEnglish)).toEqual([
      'settings row 2: layout must be by-groups or a layout of flows/layouts/, e.g. appendix-488 (got "appendix-999")',
    ]);
  });
});
