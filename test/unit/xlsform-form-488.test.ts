import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Form, loadForm } from "../../src/form/schema.js";
import { FormTexts } from "../../src/form/texts.js";
import { readXlsForm } from "../../src/form/xlsform/read.js";
import { toEngineForm } from "../../src/form/xlsform/to-form.js";
import { writeXlsForm } from "../../src/form/xlsform/write.js";
import { translatorFor } from "../../src/i18n.js";
import { projectPath } from "../../src/project-root.js";
import { answerer, FormHarness } from "../support/form-harness.js";
import { communeSurvey, inEnglish, xlsformWorkbook } from "../support/xlsform-workbook.js";

const imported = async (bytes: Buffer): Promise<Form> => {
  const read = await readXlsForm(bytes);
  if (!read.ok) throw new Error(read.problems.map(inEnglish).join("\n"));
  return toEngineForm(read.form);
};

const builtIn = loadForm();
const english = translatorFor("en");

describe("form 488 as an XLSForm workbook (flows/form-488.xlsx)", () => {
  it("imports to the form that runs today, in Vietnamese and in English", async () => {
    const shipped = await imported(readFileSync(projectPath("flows", "form-488.xlsx")));
    const { names, translations, ...form } = shipped;
    expect(form, "flows/form-488.xlsx is behind flows/form-488.json: npm run cli -- form export 488 flows/form-488.xlsx").toEqual(builtIn);
    const keys = FormTexts.keysOf(builtIn);
    expect(keys.length).toBeGreaterThan(100);
    for (const key of keys) expect(translations?.en?.[key], key).toBe(english(key));
    // The names it gives are those used once in the form; a row's "compliance" is read by its siblings.
    expect(names?.fullName).toEqual({ node: "officer", question: "fullName" });
    expect(names?.compliance).toBeUndefined();
  });

  it("asks what today's form asks and keeps the same answers, walked with the same answers", async () => {
    const shipped = await imported(readFileSync(projectPath("flows", "form-488.xlsx")));
    // Partly met opens every branch; a first pass meets everything, so both ways through are walked.
    for (const choices of [{}, { compliance: "2", investment: "7", dossier: "3" }] as Record<string, string>[]) {
      for (const kind of ["province", "ministry"] as const) {
        const walk = (form: Form) => {
          const harness = new FormHarness(form, kind);
          harness.open();
          const asked = harness.fill(answerer(choices), (repeat) => [`${repeat} A`, `${repeat} B`]);
          return { asked, answers: [...harness.state.answers].map(([path, answer]) => [path, answer.value]) };
        };
        const today = walk(builtIn);
        expect(today.asked.length).toBeGreaterThan(20);
        expect(walk(shipped)).toEqual(today);
      }
    }
  });
});

describe("exporting a form as XLSForm", () => {
  it("writes a workbook that reads back into the same form, names and English included", async () => {
    const form = await imported(await xlsformWorkbook(communeSurvey()));
    expect(await imported(await writeXlsForm(form, () => undefined))).toEqual(form);
  });

  it("writes form 488 with its dialect: field-list rows, numbers, each, months, phones", async () => {
    const read = await readXlsForm(await writeXlsForm(builtIn, english));
    if (!read.ok) throw new Error(read.problems.map(inEnglish).join("\n"));
    const sections = read.form.items.flatMap((part) => (part.kind === "question" ? [] : part.items));
    const officer = sections.find((item) => item.name === "officer");
    expect(officer).toMatchObject({ kind: "group", fieldList: true });
    expect(sections.find((item) => item.name === "r5")).toMatchObject({
      kind: "repeat",
      number: "5",
      each: ["r1", "r4_1", "r4_2", "r4_3"],
    });
    const questions = officer?.kind === "group" ? officer.items : [];
    expect(questions.find((item) => item.name === "phone")).toMatchObject({ type: "text", appearance: "phone", profile: "phone" });
    expect(read.form).toMatchObject({ id: "488", version: 2, layout: "appendix-488" });
  });
});
