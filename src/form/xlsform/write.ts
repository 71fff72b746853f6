import ExcelJS from "exceljs";
import type { Form, FormNode, Question } from "../schema.js";
import { formTextKeys } from "../texts.js";
import { languageCode } from "./aliases.js";
import { labelLanguage } from "./expression.js";
import { DIALECT_SURVEY_COLUMNS } from "./model.js";

/**
 * A form as an XLSForm workbook, the way src/form/xlsform/read.ts reads it back into the same
 * form: the secretariat takes the form a round runs (form 488 too), changes it in Excel, raises
 * the version and imports it. What XLSForm has no word for is written in our dialect's columns
 * (README, "Form 488 as XLSForm"); a column no row uses is left out.
 */

const VI = "Tiếng Việt (vi)";
const EN = "English (en)";
const SURVEY_COLUMNS = [
  "type",
  "name",
  `label::${VI}`,
  `label::${EN}`,
  `short::${VI}`,
  `short::${EN}`,
  `hint::${VI}`,
  `hint::${EN}`,
  "required",
  "default",
  "relevant",
  "constraint",
  `constraint_message::${VI}`,
  `constraint_message::${EN}`,
  `required_message::${VI}`,
  `required_message::${EN}`,
  "calculation",
  "choice_filter",
  "repeat_count",
  "appearance",
  ...DIALECT_SURVEY_COLUMNS,
] as const;

type Row = Partial<Record<string, string | number>>;

/**
 * `english` gives a text's English by its key (src/form/texts.ts), or undefined; a form from
 * XLSForm carries its own, the built-in form has its in the locale files.
 */
export async function writeXlsForm(form: Form, english: (key: string) => string | undefined): Promise<Buffer> {
  const en = form.translations ? (key: string) => form.translations?.en?.[key] : english;
  /** A text in both columns of a translated column, English only when the form has it. */
  const texts = (column: string, vi: string | undefined, key: string): Row => {
    const translated = vi === undefined ? undefined : en(key);
    return vi === undefined ? {} : { [`${column}::${VI}`]: vi, ...(translated === undefined ? {} : { [`${column}::${EN}`]: translated }) };
  };
  const xlsName = new Map(Object.entries(form.names ?? {}).map(([name, at]) => [`${at.node}.${at.question}`, name]));
  const taken = new Set<string>([
    ...form.parts.flatMap((part) => [part.id, ...part.nodes.flatMap((node) => [node.id, ...node.questions.map((q) => q.id)])]),
    ...xlsName.values(),
  ]);
  /** A name for a row the form keeps no name of (a heading, a note). */
  const fresh = (base: string): string => {
    let name = base;
    for (let n = 2; taken.has(name); n += 1) name = `${base}_${n}`;
    taken.add(name);
    return name;
  };

  const survey: Row[] = [];
  const questionRow = (node: FormNode, question: Question, name: string): void => {
    if (question.preface !== undefined)
      survey.push({
        type: "note",
        name: fresh(`${name}_note`),
        ...texts("label", question.preface, formTextKeys.preface(node, question)),
      });
    const kind: Row =
      question.type === "choice"
        ? { type: `select_one ${question.options}` }
        : question.type === "multi"
          ? { type: `select_multiple ${question.options}` }
          : question.type === "month"
            ? { type: "date", appearance: "month-year" }
            : question.type === "phone" || question.type === "email"
              ? { type: "text", appearance: question.type }
              : question.type === "integer"
                ? { type: "integer", min: question.min, max: question.max, ...(question.atLeast ? { at_least: question.atLeast } : {}) }
                : question.type === "text"
                  ? { type: "text", max_length: question.maxLength }
                  : question.type === "calculate"
                    ? { type: "calculate", calculation: question.calculation }
                    : { type: question.type };
    const filter = question.type === "choice" || question.type === "multi" ? question.choiceFilter : undefined;
    survey.push({
      ...kind,
      name,
      ...texts("label", question.text, formTextKeys.question(node, question)),
      ...texts("short", question.short, formTextKeys.shortQuestion(node, question)),
      ...texts("hint", question.hint, formTextKeys.questionHint(node, question)),
      required: question.optional ? "no" : "yes",
      ...(question.default !== undefined ? { default: question.default } : {}),
      ...(question.relevant ? { relevant: question.relevant } : {}),
      ...(question.constraint ? { constraint: question.constraint } : {}),
      ...texts("constraint_message", question.constraintMessage, formTextKeys.constraintMessage(node, question)),
      ...texts("required_message", question.requiredMessage, formTextKeys.requiredMessage(node, question)),
      ...(filter ? { choice_filter: filter } : {}),
      ...(question.profile ? { profile: question.profile } : {}),
      ...(question.suggest ? { suggest: question.suggest } : {}),
    });
  };
  const nodeRows = (node: FormNode): void => {
    const [only] = node.questions;
    const bare =
      node.kind === "row" &&
      node.questions.length === 1 &&
      only?.id === node.id &&
      !node.label &&
      !node.short &&
      !node.hint &&
      !node.number &&
      !node.relevant;
    if (bare && only) {
      questionRow(node, only, xlsName.get(`${node.id}.${only.id}`) ?? only.id);
      return;
    }
    survey.push({
      type: node.kind === "row" ? "begin_group" : "begin_repeat",
      name: node.id,
      ...texts("label", node.label, formTextKeys.label(node)),
      ...texts("short", node.short, formTextKeys.shortLabel(node)),
      ...texts("hint", node.hint, formTextKeys.nodeHint(node)),
      ...(node.relevant ? { relevant: node.relevant } : {}),
      ...(node.kind === "row" ? { appearance: "field-list" } : {}),
      ...(node.number ? { number: node.number } : {}),
      ...(node.kind === "each" ? { each: node.of.join(" ") } : {}),
      ...(node.kind === "repeat" && node.whenEmpty === "not-yet" ? { when_empty: "not-yet" } : {}),
      ...(node.kind === "repeat" && node.count !== undefined ? { repeat_count: node.count } : {}),
    });
    for (const question of node.questions) questionRow(node, question, xlsName.get(`${node.id}.${question.id}`) ?? question.id);
    survey.push({ type: node.kind === "row" ? "end_group" : "end_repeat" });
  };

  for (const part of form.parts) {
    survey.push({
      type: "begin_group",
      name: part.id,
      ...texts("label", part.title, formTextKeys.part(part)),
      ...texts("short", part.short, formTextKeys.shortPart(part)),
    });
    let heading: string | undefined;
    for (const node of part.nodes) {
      if (node.group !== heading) {
        if (heading !== undefined) survey.push({ type: "end_group" });
        heading = node.group;
        if (heading !== undefined)
          survey.push({ type: "begin_group", name: fresh(`${node.id}_heading`), ...texts("label", heading, formTextKeys.group(node)) });
      }
      nodeRows(node);
    }
    if (heading !== undefined) survey.push({ type: "end_group" });
    survey.push({ type: "end_group" });
  }
  if (form.closing !== undefined)
    survey.push({ type: "note", name: fresh("closing"), ...texts("label", form.closing, formTextKeys.closing) });

  const statuses = form.compliance?.statuses ?? {};
  /**
   * A label a choice_filter reads (`label::English`) is kept with the choice as it was imported;
   * in Vietnamese or English it is the label columns written here already, read back by language.
   */
  const written = (field: string) => {
    const language = labelLanguage(field);
    if (language === undefined) return true;
    const code = languageCode(language);
    return language !== "" && code !== "vi" && code !== "en";
  };
  const choices = Object.entries(form.optionSets).flatMap(([list, options]) =>
    options.map((option) => ({
      list_name: list,
      name: option.id,
      ...texts("label", option.text, formTextKeys.option(list, option)),
      ...(statuses[list]?.[option.id] ? { compliance: statuses[list]?.[option.id] } : {}),
      ...Object.fromEntries(Object.entries(option.fields ?? {}).filter(([field]) => written(field))),
    })),
  );
  // The columns a choice_filter reads; a name twice in a list, as such lists need (King county in two states).
  const fields = [
    ...new Set(
      Object.values(form.optionSets).flatMap((options) => options.flatMap((option) => Object.keys(option.fields ?? {}).filter(written))),
    ),
  ];
  const duplicates = Object.values(form.optionSets).some((options) => new Set(options.map((option) => option.id)).size < options.length);
  const compliance = (form.compliance?.components ?? []).flatMap((component) =>
    component.rows.map((row, index) => ({
      component: component.id,
      ...(index === 0 ? texts("label", component.short, formTextKeys.component(component)) : {}),
      questions: row.node,
      ...(row.atLeast ? { min_entries: row.atLeast } : {}),
    })),
  );
  const settings = [
    {
      form_id: form.id,
      version: form.version,
      form_title: form.title,
      ...(form.source ? { source: form.source } : {}),
      layout: form.layout,
      ...(form.compliance?.source ? { compliance_source: form.compliance.source } : {}),
      ...(duplicates ? { allow_choice_duplicates: "yes" } : {}),
    },
  ];

  const workbook = new ExcelJS.Workbook();
  addSheet(workbook, "survey", SURVEY_COLUMNS, survey);
  addSheet(workbook, "choices", ["list_name", "name", `label::${VI}`, `label::${EN}`, "compliance", ...fields], choices);
  addSheet(
    workbook,
    "settings",
    ["form_id", "version", "form_title", "source", "layout", "compliance_source", "allow_choice_duplicates"],
    settings,
  );
  if (compliance.length)
    addSheet(workbook, "compliance", ["component", `label::${VI}`, `label::${EN}`, "questions", "min_entries"], compliance);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A sheet with the columns some row fills, in the order given. */
function addSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly string[], rows: Row[]): void {
  const used = columns.filter((column) => rows.some((row) => row[column] !== undefined));
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(used);
  for (const row of rows) sheet.addRow(used.map((column) => row[column] ?? null));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
}
