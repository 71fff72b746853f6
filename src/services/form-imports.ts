import type { Form } from "../form/schema.js";
import { questionsOf, type XlsForm } from "../form/xlsform/model.js";
import { describeProblem, type Message, readXlsForm } from "../form/xlsform/read.js";
import { toEngineForm } from "../form/xlsform/to-form.js";
import { writeXlsForm } from "../form/xlsform/write.js";
import { translatorFor } from "../i18n.js";
import { layoutProblems, loadLayout } from "../reports/layout.js";
import type { Translate } from "../views.js";
import type { FormCatalog } from "./form-catalog.js";

/**
 * A questionnaire brought as an XLSForm workbook: checked, then kept as a new version; one way
 * for the command line and the chat alike.
 */
export type WorkbookImport =
  | { kind: "problems"; problems: string[] }
  /** `warnings`: what the workbook had that the chat ignores or assumed, worded by `t`. */
  | { kind: "imported"; form: XlsForm; warnings: string[] }
  | { kind: "same"; form: XlsForm }
  | { kind: "older"; form: XlsForm; latest: number };

/**
 * `t` words the problems: the secretariat's language in the chat, English on the command line.
 * `fileName` names the form when the workbook has no settings sheet, as pyxform names it.
 */
export async function importWorkbook(catalog: FormCatalog, bytes: Buffer, t: Translate, fileName?: string): Promise<WorkbookImport> {
  const read = await readXlsForm(bytes, fileName);
  if (!read.ok) return { kind: "problems", problems: read.problems.map((problem) => describeProblem(problem, t)) };
  // The layout it names must find its questions, or the round's workbook would come out blank.
  const { layout } = read.form;
  if (layout && layout !== "by-groups") {
    const problems = layoutProblems(loadLayout(layout), toEngineForm(read.form));
    if (problems.length)
      return {
        kind: "problems",
        problems: problems.map(({ lacks, name, sheet, column }) => {
          const where: Message =
            sheet === undefined
              ? { key: "xls-layout-agency-sheets" }
              : column === undefined
                ? { key: "xls-layout-sheet", params: { sheet } }
                : { key: "xls-layout-column", params: { sheet, column } };
          const message: Message = {
            key: lacks === "cell" ? "xls-layout-cell" : "xls-layout-lacks",
            params: { layout, lacks, name, where },
          };
          return describeProblem({ sheet: "settings", column: "layout", message }, t);
        }),
      };
  }
  const outcome = await catalog.import(read.form);
  if (outcome.kind === "older") return { kind: "older", form: read.form, latest: outcome.latest };
  if (outcome.kind === "same") return { kind: "same", form: read.form };
  return { kind: "imported", form: read.form, warnings: read.warnings.map((warning) => describeProblem(warning, t)) };
}

/** How much a form asks: its questions (notes apart), notes, groups and repeats. */
export function formCounts(form: XlsForm): { questions: number; notes: number; groups: number; repeats: number } {
  const questions = questionsOf(form.items);
  const notes = questions.filter(({ question }) => question.type === "note").length;
  const count = (kind: "group" | "repeat") => {
    const walk = (items: XlsForm["items"]): number =>
      items.reduce((sum, item) => sum + (item.kind === kind ? 1 : 0) + (item.kind === "question" ? 0 : walk(item.items)), 0);
    return walk(form.items);
  };
  return { questions: questions.length - notes, notes, groups: count("group"), repeats: count("repeat") };
}

/** "7 questions (and 1 note), 2 groups, 1 repeat", for the command line. */
export function describeForm(form: XlsForm): string {
  const { questions, notes, groups, repeats } = formCounts(form);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(questions, "question")}${notes ? ` (and ${plural(notes, "note")})` : ""}, ${plural(groups, "group")}, ${plural(repeats, "repeat")}`;
}

/**
 * The form a new round of `formId` would run, as an XLSForm workbook to change and import again;
 * undefined for a form never imported. The built-in form's English comes from the locale files.
 */
export async function exportWorkbook(catalog: FormCatalog, formId: string): Promise<{ form: Form; bytes: Buffer } | undefined> {
  const ref = await catalog.latest(formId);
  if (!ref) return undefined;
  const form = await catalog.of(ref);
  const english = translatorFor("en");
  // A key the locale files lack comes back as itself: no English for it.
  return { form, bytes: await writeXlsForm(form, (key) => (english(key) === key ? undefined : english(key))) };
}
