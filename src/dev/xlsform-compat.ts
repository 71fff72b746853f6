import { readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describeProblem, type Problem, readXlsForm } from "../form/xlsform/read.js";
import { toEngineForm } from "../form/xlsform/to-form.js";
import { translatorFor } from "../i18n.js";
import { formCounts } from "../services/form-imports.js";
import { walkFolder } from "./xlsform-walk-folder.js";

/**
 * `npm run xlsform:compat -- <folder>`: imports every .xlsx/.xlsm workbook of a folder as the bot
 * would (read, then turned into the engine's form; nothing is stored) and prints a Markdown table:
 * what each imported as, or the features that refused it, each named once. Measured against
 * pyxform's example workbooks in the README ("Bringing a new questionnaire (XLSForm)").
 * `--walk` also answers each imported workbook in chat and looks for the answers in the export
 * (src/dev/xlsform-walk.ts), in a column of its own.
 */

export interface CompatRow {
  file: string;
  outcome: "imported" | "refused" | "failed";
  /** "3 questions, 1 groups, 0 repeats; 2 warnings", or the features and problems that refused it. */
  detail: string;
  /** With `--walk`, an imported workbook's walk: "walked: 12 answered, all found", or what went wrong. */
  walk?: string;
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

/** `walk` answers an imported workbook in chat (src/dev/xlsform-walk-folder.ts) and says how it went. */
export async function compatTable(
  folder: string,
  walk?: (file: string, bytes: Buffer) => Promise<string>,
): Promise<{ rows: CompatRow[]; markdown: string }> {
  const files = readdirSync(folder)
    .filter((name) => /\.xls[xm]$/i.test(name))
    .sort();
  const rows: CompatRow[] = [];
  for (const file of files) {
    const bytes = readFileSync(join(folder, file));
    const row = await compatRow(file, bytes);
    rows.push(walk && row.outcome === "imported" ? { ...row, walk: await walk(file, bytes) } : row);
  }
  const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
  const imported = rows.filter((row) => row.outcome === "imported").length;
  const walked = rows.filter((row) => row.walk?.startsWith("walked:") && row.walk.includes("all found")).length;
  const markdown = [
    `| workbook | outcome | questions, groups, repeats; or what refused it |${walk ? " walked in chat |" : ""}`,
    `|---|---|---|${walk ? "---|" : ""}`,
    ...rows.map((row) => `| ${cell(row.file)} | ${row.outcome} | ${cell(row.detail)} |${walk ? ` ${cell(row.walk ?? "")} |` : ""}`),
    "",
    `${imported} of ${rows.length} imported.${walk ? ` ${walked} of ${imported} walked in chat with every answer found in the export.` : ""}`,
  ].join("\n");
  return { rows, markdown };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const folder = args.find((arg) => !arg.startsWith("--"));
  if (!folder || args.some((arg) => arg.startsWith("--") && arg !== "--walk")) {
    console.error("usage: npm run xlsform:compat -- <folder of .xlsx/.xlsm workbooks> [--walk]");
    process.exit(2);
  }
  if (args.includes("--walk")) await walkFolder((walk) => compatTable(folder, walk).then((table) => console.log(table.markdown)));
  else console.log((await compatTable(folder)).markdown);
}
