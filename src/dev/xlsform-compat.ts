import { readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describeProblem, type Problem, readXlsForm } from "../form/xlsform/read.js";
import { toEngineForm } from "../form/xlsform/to-form.js";
import { translatorFor } from "../i18n.js";
import { formCounts } from "../services/form-imports.js";

/**
 * `npm run xlsform:compat -- <folder>`: imports every .xlsx/.xlsm workbook of a folder as the bot
 * would (read, then turned into the engine's form; nothing is stored) and prints a Markdown table:
 * what each imported as, or the features that refused it, each named once. Measured against
 * pyxform's example workbooks in the README ("Bringing a new questionnaire (XLSForm)").
 */

export interface CompatRow {
  file: string;
  outcome: "imported" | "refused" | "failed";
  /** "3 questions, 1 groups, 0 repeats; 2 warnings", or the features and problems that refused it. */
  detail: string;
}

const english = translatorFor("en");
/** A problem without its row: the feature it names, so that each is listed once. */
const feature = (problem: Problem): string => problem.feature ?? describeProblem({ ...problem, row: undefined }, english);

export async function compatRow(file: string, bytes: Buffer): Promise<CompatRow> {
  try {
    const read = await readXlsForm(bytes, basename(file));
    if (!read.ok) return { file, outcome: "refused", detail: [...new Set(read.problems.map(feature))].join("; ") };
    // The engine checks the form once more (ids, option sets): a workbook it would refuse is not imported.
    toEngineForm(read.form);
    const { questions, notes, groups, repeats } = formCounts(read.form);
    const warnings = read.warnings.length;
    return {
      file,
      outcome: "imported",
      detail: `${questions} questions${notes ? ` (+${notes} notes)` : ""}, ${groups} groups, ${repeats} repeats${warnings ? `; ${warnings} warnings` : ""}`,
    };
  } catch (error) {
    return { file, outcome: "failed", detail: error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error) };
  }
}

export async function compatTable(folder: string): Promise<{ rows: CompatRow[]; markdown: string }> {
  const files = readdirSync(folder)
    .filter((name) => /\.xls[xm]$/i.test(name))
    .sort();
  const rows: CompatRow[] = [];
  for (const file of files) rows.push(await compatRow(file, readFileSync(join(folder, file))));
  const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
  const imported = rows.filter((row) => row.outcome === "imported").length;
  const markdown = [
    "| workbook | outcome | questions, groups, repeats; or what refused it |",
    "|---|---|---|",
    ...rows.map((row) => `| ${cell(row.file)} | ${row.outcome} | ${cell(row.detail)} |`),
    "",
    `${imported} of ${rows.length} imported.`,
  ].join("\n");
  return { rows, markdown };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folder = process.argv[2];
  if (!folder) {
    console.error("usage: npm run xlsform:compat -- <folder of .xlsx/.xlsm workbooks>");
    process.exit(2);
  }
  console.log((await compatTable(folder)).markdown);
}
