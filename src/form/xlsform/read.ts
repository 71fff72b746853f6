import ExcelJS from "exceljs";
import { layoutExists } from "../../reports/layout-files.js";
import type { Translate } from "../../views.js";
import { ExpressionError, parseExpression, readsSelf, references } from "./expression.js";
import {
  DIALECT_SURVEY_COLUMNS,
  type Label,
  QUESTION_TYPES,
  type QuestionType,
  questionsOf,
  type XlsChoice,
  type XlsComponent,
  type XlsForm,
  type XlsItem,
  type XlsQuestion,
  type XlsSection,
} from "./model.js";
import { unpackedSize } from "./zip-size.js";

/**
 * Reads an XLSForm workbook (the `survey`, `choices` and `settings` sheets of ODK and
 * KoBoToolbox) into a form the chat can run, or lists every problem by sheet, row and column.
 * The subset that fits a chat is documented in the README ("Bringing a new questionnaire");
 * anything else is reported by name rather than ignored.
 */

export interface Problem {
  sheet: "survey" | "choices" | "settings" | "compliance" | "workbook";
  /** The spreadsheet's row number (the header is row 1). */
  row?: number;
  column?: string;
  /** A message of locales/<language>/xlsform.ftl: the secretariat reads the problems in its language. */
  message: Message;
}

export interface Message {
  key: string;
  /** A value may be a message itself (an expression's error inside "… at character 5"). */
  params?: Record<string, string | number | Message>;
}

const say = (key: string, params?: Message["params"]): Message => ({ key, ...(params ? { params } : {}) });

export type ReadResult = { ok: true; form: XlsForm } | { ok: false; problems: Problem[] };

/** "survey row 14: relevant refers to ${q9}, which comes later", in the language of `t`. */
export function describeProblem(problem: Problem, t: Translate): string {
  const where = problem.row === undefined ? problem.sheet : t("xls-where-row", { sheet: problem.sheet, row: String(problem.row) });
  return `${where}: ${problem.column ? `${problem.column} ` : ""}${worded(problem.message, t)}`;
}

function worded(message: Message, t: Translate): string {
  const params = Object.entries(message.params ?? {}).map(([name, value]) => [name, typeof value === "object" ? worded(value, t) : value]);
  return t(message.key, Object.fromEntries(params));
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const CHOICE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const FORM_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const TRANSLATED = ["label", "hint", "constraint_message"] as const;
const SURVEY_COLUMNS = new Set([
  "type",
  "name",
  "required",
  "relevant",
  "constraint",
  "appearance",
  ...TRANSLATED,
  ...DIALECT_SURVEY_COLUMNS,
]);
const CHOICE_COLUMNS = new Set(["list_name", "name", "label", "compliance"]);
const COMPLIANCE_COLUMNS = new Set(["component", "label", "questions", "min_entries"]);
const STATUSES = ["met", "partial", "not_met"] as const;
/** XLSForm sheets beyond the subset; other sheets (notes, drafts) are no part of XLSForm and are left alone. */
const XLSFORM_SHEETS_UNSUPPORTED = ["external_choices", "entities", "osm"];
const SETTINGS_COLUMNS = new Set(["form_id", "version", "form_title", "default_language", "source", "layout", "compliance_source"]);
const REQUIRED_VALUES: Record<string, boolean> = {
  yes: true,
  true: true,
  "true()": true,
  "1": true,
  no: false,
  false: false,
  "false()": false,
  "0": false,
  "": false,
};

/** A sheet's rows as column → text, with the header's spelling kept for messages. */
interface Sheet {
  columns: string[];
  rows: { number: number; cells: Map<string, string> }[];
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): Sheet | undefined {
  const worksheet = workbook.worksheets.find((candidate) => candidate.name.trim().toLowerCase() === name);
  if (!worksheet) return undefined;
  const header = new Map<number, string>();
  worksheet.getRow(1).eachCell((cell, column) => {
    const text = cell.text.trim();
    if (text) header.set(column, text);
  });
  const rows: Sheet["rows"] = [];
  worksheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells = new Map<string, string>();
    for (const [column, title] of header) {
      const text = row.getCell(column).text.trim();
      if (text) cells.set(title, text);
    }
    if (cells.size) rows.push({ number, cells });
  });
  return { columns: [...header.values()], rows };
}

/** `label`, `label::Tiếng Việt (vi)`, `label::English (en)` → the base column and the language (vi for the plain one). */
function splitColumn(title: string): { base: string; language: string | undefined; named: boolean } {
  const [base = "", language] = title.split("::");
  const normalized = base.trim().toLowerCase().replace(/\s+/g, "_");
  if (language === undefined) return { base: normalized, language: "vi", named: false };
  const code = /\(([A-Za-z-]{2,8})\)\s*$/.exec(language)?.[1]?.toLowerCase();
  return { base: normalized, language: code, named: true };
}

/** A row's text in a column, by the column's base name (`label` for `label::English (en)` too: the first given). */
const cellIn = (cells: Map<string, string>, base: string): string | undefined =>
  [...cells].find(([title]) => splitColumn(title).base === base)?.[1];

/** Columns the sheet may not use: each reported once, at the first row that fills it. */
function unsupportedColumns(sheet: Sheet, name: Problem["sheet"], supported: Set<string>, problems: Problem[]): void {
  for (const title of sheet.columns) {
    const { base, language, named } = splitColumn(title);
    if (!supported.has(base)) {
      const first = sheet.rows.find((row) => row.cells.has(title));
      if (first) problems.push({ sheet: name, row: first.number, column: title, message: say("xls-column-unsupported") });
      continue;
    }
    if (named && language === undefined) problems.push({ sheet: name, column: title, message: say("xls-column-language-code") });
    else if (named && language !== "vi" && language !== "en")
      problems.push({ sheet: name, column: title, message: say("xls-column-language", { language: String(language) }) });
  }
}

function labelIn(cells: Map<string, string>, base: (typeof TRANSLATED)[number]): Partial<Label> {
  const label: Partial<Label> = {};
  for (const [title, text] of cells) {
    const column = splitColumn(title);
    if (column.base !== base) continue;
    if (column.language === "vi" && (column.named || label.vi === undefined)) label.vi = text;
    if (column.language === "en") label.en = text;
  }
  return label;
}

const complete = (label: Partial<Label>): Label | undefined =>
  label.vi ? { vi: label.vi, ...(label.en ? { en: label.en } : {}) } : undefined;

/** "begin group" and "begin_group" alike; "select_one list" as the type and the list. */
function typeOf(text: string): { type: string; list: string | undefined; extra: string[] } {
  const words = text.trim().split(/\s+/);
  const first = (words[0] ?? "").toLowerCase();
  if ((first === "begin" || first === "end") && words[1])
    return { type: `${first}_${words[1].toLowerCase()}`, list: undefined, extra: words.slice(2) };
  return { type: first, list: words[1], extra: words.slice(2) };
}

const NOT_XLSX: ReadResult = { ok: false, problems: [{ sheet: "workbook", message: say("xls-not-xlsx") }] };

/** A questionnaire's workbook unpacks to far less; one that unpacks to more is refused before exceljs sees it. */
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

export async function readXlsForm(bytes: Buffer): Promise<ReadResult> {
  const size = unpackedSize(bytes, MAX_UNPACKED_BYTES);
  if (!size.ok && size.reason === "no-zip") return NOT_XLSX;
  if (!size.ok)
    return {
      ok: false,
      problems: [{ sheet: "workbook", message: say("xls-too-big", { mib: String(MAX_UNPACKED_BYTES / 1024 / 1024) }) }],
    };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return NOT_XLSX;
  }
  const problems: Problem[] = [];
  const survey = sheetOf(workbook, "survey");
  const choicesSheet = sheetOf(workbook, "choices");
  const settings = sheetOf(workbook, "settings");
  for (const sheet of workbook.worksheets) {
    const name = sheet.name.trim().toLowerCase();
    if (XLSFORM_SHEETS_UNSUPPORTED.includes(name))
      problems.push({ sheet: "workbook", message: say("xls-sheet-unsupported", { sheet: name }) });
  }
  if (!survey) problems.push({ sheet: "workbook", message: say("xls-no-survey") });
  if (!settings) problems.push({ sheet: "workbook", message: say("xls-no-settings") });

  const choices = choicesSheet ? readChoices(choicesSheet, problems) : {};
  const header = settings ? readSettings(settings, problems) : undefined;
  const items = survey ? readSurvey(survey, choices, problems) : [];
  const complianceSheet = sheetOf(workbook, "compliance");
  const compliance = complianceSheet ? readCompliance(complianceSheet, items, choices, problems) : undefined;
  if (problems.length || !header) return { ok: false, problems };
  return { ok: true, form: { ...header, items, choices, ...(compliance ? { compliance } : {}) } };
}

type Header = Pick<XlsForm, "id" | "version" | "title" | "source" | "complianceSource" | "layout">;

function readSettings(sheet: Sheet, problems: Problem[]): Header | undefined {
  unsupportedColumns(sheet, "settings", SETTINGS_COLUMNS, problems);
  const row = sheet.rows[0];
  const cell = (name: string) => (row ? cellIn(row.cells, name) : undefined);
  const id = cell("form_id");
  const version = cell("version");
  const language = cell("default_language");
  const at = row?.number ?? 2;
  if (!id) problems.push({ sheet: "settings", row: at, column: "form_id", message: say("xls-needed") });
  else if (!FORM_ID.test(id)) problems.push({ sheet: "settings", row: at, column: "form_id", message: say("xls-form-id", { got: id }) });
  if (!version) problems.push({ sheet: "settings", row: at, column: "version", message: say("xls-version-needed") });
  else if (!/^\d{1,15}$/.test(version) || Number(version) === 0)
    problems.push({
      sheet: "settings",
      row: at,
      column: "version",
      message: say("xls-version", { got: version }),
    });
  if (language && !/(^vi$|\(vi\)\s*$)/i.test(language))
    problems.push({
      sheet: "settings",
      row: at,
      column: "default_language",
      message: say("xls-language", { got: language }),
    });
  const layout = cell("layout");
  const knownLayout = layout === undefined || layout === "by-groups" || layoutExists(layout);
  if (!knownLayout)
    problems.push({
      sheet: "settings",
      row: at,
      column: "layout",
      message: say("xls-layout", { got: String(layout) }),
    });
  if (!id || !version || !FORM_ID.test(id) || !/^\d{1,15}$/.test(version)) return undefined;
  const source = cell("source");
  const complianceSource = cell("compliance_source");
  return {
    id,
    version: Number(version),
    title: cell("form_title") ?? id,
    ...(source ? { source } : {}),
    ...(complianceSource ? { complianceSource } : {}),
    ...(layout && knownLayout ? { layout } : {}),
  };
}

function readChoices(sheet: Sheet, problems: Problem[]): Record<string, XlsChoice[]> {
  unsupportedColumns(sheet, "choices", CHOICE_COLUMNS, problems);
  const lists: Record<string, XlsChoice[]> = {};
  for (const { number, cells } of sheet.rows) {
    const get = (name: string) => cellIn(cells, name);
    const list = get("list_name");
    const name = get("name");
    const label = complete(labelIn(cells, "label"));
    const compliance = get("compliance")?.toLowerCase();
    if (compliance && !(STATUSES as readonly string[]).includes(compliance))
      problems.push({
        sheet: "choices",
        row: number,
        column: "compliance",
        message: say("xls-choice-compliance", { got: get("compliance") ?? "" }),
      });
    if (!list) problems.push({ sheet: "choices", row: number, column: "list_name", message: say("xls-needed") });
    if (!name) problems.push({ sheet: "choices", row: number, column: "name", message: say("xls-needed") });
    else if (!CHOICE_NAME.test(name))
      problems.push({
        sheet: "choices",
        row: number,
        column: "name",
        message: say("xls-choice-name", { got: name }),
      });
    if (!label) problems.push({ sheet: "choices", row: number, column: "label", message: say("xls-label-needed") });
    if (!list || !name || !label) continue;
    const entries = lists[list] ?? [];
    lists[list] = entries;
    if (entries.some((choice) => choice.name === name))
      problems.push({ sheet: "choices", row: number, column: "name", message: say("xls-choice-twice", { name, list }) });
    else
      entries.push({
        name,
        label,
        ...(compliance && (STATUSES as readonly string[]).includes(compliance)
          ? { compliance: compliance as (typeof STATUSES)[number] }
          : {}),
      });
  }
  return lists;
}

/**
 * The compliance sheet: a component per row (or several rows, one after another), decided by
 * select_one questions whose choices say met, partial or not_met (the choices sheet's `compliance`
 * column), or by field-list groups or repeats holding such questions, of which `min_entries`
 * entries must be listed.
 */
function readCompliance(sheet: Sheet, items: XlsItem[], choices: Record<string, XlsChoice[]>, problems: Problem[]): XlsComponent[] {
  unsupportedColumns(sheet, "compliance", COMPLIANCE_COLUMNS, problems);
  const questions = new Map(questionsOf(items).map(({ question }) => [question.name, question]));
  /** Repeats and field-list groups: the rows whose questions count together. */
  const rows = new Map<string, XlsItem[]>();
  const walk = (list: XlsItem[]): void => {
    for (const item of list) {
      if (item.kind === "question") continue;
      if (item.kind === "repeat" || item.fieldList) rows.set(item.name, item.items);
      walk(item.items);
    }
  };
  walk(items);
  const counts = (question: XlsQuestion | undefined) =>
    question?.type === "select_one" && (choices[question.list ?? ""] ?? []).some((choice) => choice.compliance !== undefined);
  const components: XlsComponent[] = [];
  for (const { number, cells } of sheet.rows) {
    const get = (name: string) => cellIn(cells, name);
    const problem = (column: string, message: Message) => problems.push({ sheet: "compliance", row: number, column, message });
    const id = get("component");
    const previous = components.at(-1);
    // A component's later rows add targets (with their own min_entries); its label is on its first.
    const continues = id !== undefined && previous?.id === id;
    const label = complete(labelIn(cells, "label")) ?? (continues ? previous?.label : undefined);
    const targets = (get("questions") ?? "").split(/[\s,]+/).filter(Boolean);
    const minEntries = get("min_entries");
    if (!id) problem("component", say("xls-needed"));
    else if (!continues && components.some((component) => component.id === id)) problem("component", say("xls-component-twice", { id }));
    if (!label) problem("label", say("xls-label-needed"));
    if (!targets.length) problem("questions", say("xls-component-targets"));
    for (const target of targets) {
      const inRow = rows.get(target);
      if (inRow) {
        if (!questionsOf(inRow).some(({ question }) => counts(question))) problem("questions", say("xls-target-no-status", { target }));
      } else if (!questions.has(target)) problem("questions", say("xls-target-unknown", { target }));
      else if (!counts(questions.get(target))) problem("questions", say("xls-target-not-status", { target }));
    }
    if (minEntries !== undefined && !/^[1-9]\d{0,2}$/.test(minEntries)) problem("min_entries", say("xls-min-entries", { got: minEntries }));
    if (id && label && targets.length)
      components.push({
        id,
        label,
        targets,
        ...(minEntries && /^[1-9]\d{0,2}$/.test(minEntries) ? { minEntries: Number(minEntries) } : {}),
      });
  }
  return components;
}

type Open = XlsSection & {
  /** The questions so far of a field-list group or repeat, by name: what its later questions may read and name. */
  asked: Map<string, QuestionType>;
};

/** A repeat asks something, and its first question (text) names each entry, as lists in the chat are named. */
function checkRepeat(repeat: Open, problem: (column: string | undefined, message: Message) => void): void {
  const asked = questionsOf(repeat.items)
    .map(({ question }) => question)
    .filter((question) => question.type !== "note");
  if (!asked.length) return void problem("type", say("xls-repeat-asks-nothing", { repeat: repeat.name }));
  if (repeat.each) return;
  if (asked[0]?.type !== "text")
    problem("type", say("xls-repeat-first-text", { repeat: repeat.name, name: asked[0]?.name ?? "", type: asked[0]?.type ?? "" }));
  if (asked.slice(1).some((question) => question.name === "name")) problem("type", say("xls-repeat-name", { repeat: repeat.name }));
}

/** Our dialect's columns, and the rows each is for (README, "Form 488 as XLSForm"). */
const DIALECT_COLUMNS: Record<
  string,
  { only: string; fits: (row: { type: string; fieldList: boolean; appearance: string | undefined }) => boolean }
> = {
  number: { only: "xls-only-rows", fits: (row) => row.fieldList || row.type === "begin_repeat" },
  each: { only: "xls-only-repeats", fits: (row) => row.type === "begin_repeat" },
  when_empty: { only: "xls-only-repeats", fits: (row) => row.type === "begin_repeat" },
  max_length: { only: "xls-only-text", fits: (row) => row.type === "text" && row.appearance === undefined },
  min: { only: "xls-only-integer", fits: (row) => row.type === "integer" },
  max: { only: "xls-only-integer", fits: (row) => row.type === "integer" },
  at_least: { only: "xls-only-integer", fits: (row) => row.type === "integer" },
  profile: { only: "xls-only-text", fits: (row) => row.type === "text" },
  suggest: { only: "xls-only-text", fits: (row) => row.type === "text" && row.appearance === undefined },
  hint: { only: "xls-only-hint", fits: (row) => !row.type.startsWith("begin_group") || row.fieldList },
};

/** The appearances the chat understands, by type: a group as one row, a month, a phone number, an e-mail address. */
const APPEARANCES: Record<string, string[]> = { begin_group: ["field-list"], date: ["month-year"], text: ["phone", "email"] };
const PROFILES = ["fullName", "position", "phone", "email", "workplace"] as const;
const WHOLE = /^-?\d{1,10}$/;

function readSurvey(sheet: Sheet, choices: Record<string, XlsChoice[]>, problems: Problem[]): XlsItem[] {
  unsupportedColumns(sheet, "survey", SURVEY_COLUMNS, problems);
  const root: XlsItem[] = [];
  const open: Open[] = [];
  /** Names of groups, repeats and the questions outside field-list groups and repeats: each once in the form. */
  const nodeNames = new Set<string>();
  /** Every question so far, with the repeat it is in: what a later expression may read. */
  const seen = new Map<string, { repeat: string | undefined }>();
  /** How many questions of the survey bear each name: one outside a field-list group or repeat may be read from anywhere. */
  const questionNames = new Map<string, number>();
  const repeatsSoFar = new Set<string>();
  for (const row of sheet.rows) {
    const type = typeOf(cellIn(row.cells, "type") ?? "").type;
    const name = cellIn(row.cells, "name");
    if (name && !type.startsWith("begin_") && !type.startsWith("end_")) questionNames.set(name, (questionNames.get(name) ?? 0) + 1);
  }
  const currentRepeat = () => open.findLast((item) => item.kind === "repeat")?.name;
  /** The field-list group or repeat a question belongs to: one row of the chat's form. */
  const container = () => open.findLast((item) => item.kind === "repeat" || item.fieldList);

  for (const { number, cells } of sheet.rows) {
    const get = (name: string) => cellIn(cells, name);
    const problem = (column: string | undefined, message: Message) =>
      problems.push({ sheet: "survey", row: number, ...(column ? { column } : {}), message });
    const rawType = get("type");
    if (!rawType) {
      problem("type", say("xls-needed"));
      continue;
    }
    const { type, list, extra } = typeOf(rawType);
    const name = get("name");
    const label = complete(labelIn(cells, "label"));

    if (type === "end_group" || type === "end_repeat") {
      const kind = type === "end_group" ? "group" : "repeat";
      const closing = open.pop();
      if (!closing) problem("type", say("xls-end-without-begin", { type, kind }));
      else if (closing.kind !== kind)
        problem("type", say("xls-end-mismatch", { type, kind: closing.kind, name: closing.name, row: String(closing.row) }));
      else if (closing.items.length === 0) problem("type", say("xls-section-empty", { kind, name: closing.name }));
      else if (kind === "repeat") checkRepeat(closing, problem);
      if (closing) {
        const { asked: _, ...section } = closing;
        (open.at(-1)?.items ?? root).push(section);
      }
      continue;
    }

    const appearance = get("appearance");
    const fieldList = type === "begin_group" && appearance === "field-list";
    if (appearance && !APPEARANCES[type]?.includes(appearance)) problem("appearance", say("xls-appearance", { appearance, type }));
    for (const [column, rule] of Object.entries(DIALECT_COLUMNS))
      if (get(column) !== undefined && !rule.fits({ type, fieldList, appearance })) problem(column, say(rule.only));

    const holder = container();
    if (!name) problem("name", say("xls-needed"));
    else if (!NAME.test(name)) problem("name", say("xls-name", { got: name }));
    else if (holder && !type.startsWith("begin_") ? holder.asked.has(name) : nodeNames.has(name))
      problem("name", say("xls-name-twice", { name }));
    const checkExpression = (column: "relevant" | "constraint") => {
      const source = get(column);
      if (!source) return undefined;
      let expression: ReturnType<typeof parseExpression>;
      try {
        expression = parseExpression(source);
      } catch (error) {
        if (error instanceof ExpressionError)
          problem(column, say("xls-expression", { error: say(error.key, error.params), at: String(error.at + 1), source }));
        else throw error;
        return undefined;
      }
      if (column === "relevant" && readsSelf(expression)) problem(column, say("xls-relevant-self-answer"));
      const sibling = type.startsWith("begin_") ? undefined : container();
      for (const ref of references(expression)) {
        if (ref === name)
          problem(column, column === "constraint" ? say("xls-constraint-self", { ref: `\${${ref}}` }) : say("xls-relevant-self"));
        else if (sibling?.asked.has(ref)) continue;
        else if (!questionNames.has(ref)) problem(column, say("xls-ref-unknown", { ref: `\${${ref}}` }));
        else if ((questionNames.get(ref) ?? 0) > 1) problem(column, say("xls-ref-shared", { ref: `\${${ref}}` }));
        else if (!seen.has(ref)) problem(column, say("xls-ref-later", { ref: `\${${ref}}` }));
        else {
          const inRepeat = seen.get(ref)?.repeat;
          if (inRepeat && inRepeat !== currentRepeat()) problem(column, say("xls-ref-repeat", { ref: `\${${ref}}`, repeat: inRepeat }));
        }
      }
      return source;
    };

    if (type === "begin_group" || type === "begin_repeat") {
      const kind = type === "begin_group" ? "group" : "repeat";
      if (kind === "repeat" && currentRepeat()) problem("type", say("xls-repeat-in-repeat", { repeat: String(currentRepeat()) }));
      if (holder?.fieldList) problem("type", say("xls-field-list-holds", { group: holder.name }));
      else if (fieldList && currentRepeat()) problem("appearance", say("xls-field-list-in-repeat", { repeat: String(currentRepeat()) }));
      const relevant = checkExpression("relevant");
      if (get("constraint")) problem("constraint", say("xls-constraint-on-section", { kind }));
      if (name) nodeNames.add(name);
      const each =
        kind === "repeat"
          ? get("each")
              ?.split(/[\s,]+/)
              .filter(Boolean)
          : undefined;
      for (const source of each ?? []) if (!repeatsSoFar.has(source)) problem("each", say("xls-each", { source }));
      const whenEmpty = get("when_empty");
      if (whenEmpty !== undefined && whenEmpty !== "none" && whenEmpty !== "not-yet")
        problem("when_empty", say("xls-when-empty", { got: whenEmpty }));
      if (kind === "repeat" && name && !each) repeatsSoFar.add(name);
      const hint = complete(labelIn(cells, "hint"));
      open.push({
        kind,
        name: name ?? "",
        label,
        relevant,
        items: [],
        row: number,
        asked: new Map(),
        ...(hint && (fieldList || kind === "repeat") ? { hint } : {}),
        ...(fieldList ? { fieldList } : {}),
        ...(get("number") && (fieldList || kind === "repeat") ? { number: get("number") } : {}),
        ...(each?.length ? { each } : {}),
        ...(whenEmpty === "not-yet" && kind === "repeat" ? { whenEmpty } : {}),
      });
      continue;
    }

    if (!(QUESTION_TYPES as readonly string[]).includes(type)) {
      problem("type", say("xls-type-unsupported", { type: rawType, types: QUESTION_TYPES.join(", ") }));
      continue;
    }
    const questionType = type as QuestionType;
    const isSelect = questionType === "select_one" || questionType === "select_multiple";
    if (isSelect && !list) problem("type", say("xls-list-needed", { type }));
    else if (isSelect && list && !choices[list]) problem("type", say("xls-list-unknown", { list }));
    if (extra.length) problem("type", say("xls-after-list", { extra: extra.join(" ") }));
    if (!isSelect && list) problem("type", say("xls-no-list", { type }));
    if (!label) problem("label", say("xls-label-needed"));
    const requiredText = (get("required") ?? "").toLowerCase();
    const required = REQUIRED_VALUES[requiredText];
    if (required === undefined) problem("required", say("xls-required", { got: get("required") ?? "" }));
    if (questionType === "note" && (required || get("constraint")))
      problem(required ? "required" : "constraint", say("xls-note-asks-nothing"));
    if (questionType === "note" && get("relevant")) problem("relevant", say("xls-note-relevant"));
    if (isSelect && list && choices[list]?.length === 1) problem("type", say("xls-list-one-choice", { list }));
    const relevant = checkExpression("relevant");
    if (name) {
      seen.set(name, { repeat: currentRepeat() });
      if (!holder) nodeNames.add(name);
    }
    const constraint = questionType === "note" ? undefined : checkExpression("constraint");
    const whole = (column: string, low: number, high: number): number | undefined => {
      const text = get(column);
      if (text === undefined) return undefined;
      if (WHOLE.test(text) && Number(text) >= low && Number(text) <= high) return Number(text);
      problem(column, say("xls-whole", { low: String(low), high: String(high), got: text }));
      return undefined;
    };
    const maxLength = whole("max_length", 1, 4000);
    const min = whole("min", -1_000_000_000, 1_000_000_000);
    const max = whole("max", -1_000_000_000, 1_000_000_000);
    if (min !== undefined && max !== undefined && min > max) problem("max", say("xls-max-below-min", { min: String(min) }));
    const atLeast = get("at_least");
    if (atLeast !== undefined && holder?.asked.get(atLeast) !== "integer") problem("at_least", say("xls-at-least", { name: atLeast }));
    const profile = get("profile");
    if (profile !== undefined && !(PROFILES as readonly string[]).includes(profile))
      problem("profile", say("xls-profile", { profiles: PROFILES.join(", "), got: profile }));
    const suggest = get("suggest");
    if (suggest !== undefined && suggest !== "agency") problem("suggest", say("xls-suggest", { got: suggest }));
    if (name) holder?.asked.set(name, questionType);
    if (!name || !label) continue;
    const hint = complete(labelIn(cells, "hint"));
    const constraintMessage = complete(labelIn(cells, "constraint_message"));
    const question: XlsQuestion = {
      kind: "question",
      type: questionType,
      name,
      label,
      required: required ?? false,
      row: number,
      ...(hint ? { hint } : {}),
      ...(relevant ? { relevant } : {}),
      ...(constraint ? { constraint } : {}),
      ...(constraintMessage ? { constraintMessage } : {}),
      ...(isSelect && list ? { list } : {}),
      ...(appearance === "month-year" || appearance === "phone" || appearance === "email" ? { appearance } : {}),
      ...(maxLength !== undefined ? { maxLength } : {}),
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(atLeast !== undefined ? { atLeast } : {}),
      ...(profile !== undefined && (PROFILES as readonly string[]).includes(profile)
        ? { profile: profile as (typeof PROFILES)[number] }
        : {}),
      ...(suggest === "agency" ? { suggest } : {}),
    };
    (open.at(-1)?.items ?? root).push(question);
  }
  for (const left of open)
    problems.push({
      sheet: "survey",
      row: left.row,
      column: "type",
      message: say("xls-never-ended", { kind: left.kind, name: left.name }),
    });
  if (!root.length && !open.length) problems.push({ sheet: "survey", message: say("xls-asks-nothing") });
  return root;
}
