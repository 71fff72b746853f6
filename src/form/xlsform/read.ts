import ExcelJS from "exceljs";
import { layoutExists } from "../../reports/layout-files.js";
import type { Translate } from "../../views.js";
import { DYNAMIC_DEFAULT } from "../defaults.js";
import { choiceNamesIn, referencesIn, withoutChoiceNames } from "../interpolation.js";
import {
  APPEARANCES_READ,
  COLUMN_ALIASES,
  columnUse,
  displayOnly,
  distance,
  languageCode,
  readType,
  SHEETS_READ,
  SHEETS_REFUSED,
  snakeCase,
} from "./aliases.js";
import { ExpressionError, fieldsOf, labelLanguage, parseExpression, readsSelf, references } from "./expression.js";
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
import { defaultRefused } from "./to-form.js";
import { unpackedSize } from "./zip-size.js";

/**
 * Reads an XLSForm workbook (the `survey`, `choices` and `settings` sheets of ODK and
 * KoBoToolbox) into a form the chat can run, or lists every problem by sheet, row and column.
 * XLSForm is read as the world writes it (src/form/xlsform/aliases.ts: pyxform's spellings, any
 * case, settings optional, labels in any language); the subset that fits a chat is documented in
 * the README ("Bringing a new questionnaire"); a feature beyond it is refused by name, once, and
 * what only changes how ODK shows a form is ignored with a warning.
 */

export interface Problem {
  sheet: "survey" | "choices" | "settings" | "compliance" | "workbook";
  /** The spreadsheet's row number (the header is row 1). */
  row?: number;
  column?: string;
  /** A message of locales/<language>/xlsform.ftl: the secretariat reads the problems in its language. */
  message: Message;
  /** The XLSForm feature refused (or ignored), named once for the whole workbook: `calculate`, `choice_filter`… */
  feature?: string;
}

export interface Message {
  key: string;
  /** A value may be a message itself (an expression's error inside "… at character 5"). */
  params?: Record<string, string | number | Message>;
}

const say = (key: string, params?: Message["params"]): Message => ({ key, ...(params ? { params } : {}) });

/** Warnings: what was ignored or assumed, for the secretariat to read; the form imports all the same. */
export type ReadResult = { ok: true; form: XlsForm; warnings: Problem[] } | { ok: false; problems: Problem[]; warnings: Problem[] };

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
const TRANSLATED = ["label", "short", "hint", "constraint_message", "required_message"] as const;
/** The texts a question shows answers in: `jr:choice-name(${q}, '${q}')` is served there, and nowhere else. */
const SHOWING_ANSWERS = new Set(["label", "hint", "constraint_message"]);
type Translated = (typeof TRANSLATED)[number];
const SUGGESTIONS = ["agency", "system"] as const;
const SURVEY_COLUMNS = new Set([
  "type",
  "name",
  "required",
  "relevant",
  "constraint",
  "calculate",
  "choice_filter",
  "repeat_count",
  "appearance",
  "default",
  ...TRANSLATED,
  ...DIALECT_SURVEY_COLUMNS,
]);
const CHOICE_COLUMNS = new Set(["list_name", "name", "label", "compliance"]);
const COMPLIANCE_COLUMNS = new Set(["component", "label", "questions", "min_entries"]);
const STATUSES = ["met", "partial", "not_met"] as const;
const SETTINGS_COLUMNS = new Set([
  "form_id",
  "version",
  "form_title",
  "default_language",
  "add_none_option",
  "allow_choice_duplicates",
  "source",
  "layout",
  "compliance_source",
]);
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
/** Curly quotes, as Excel and Word type them, are straight ones in an expression (pyxform reads them so too). */
const straightQuotes = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');

/**
 * A column as its header writes it: the column it is (aliases read: `caption` is `label`), and for
 * a translated one, its language: a code (`vi`, `en`, `fr`), the name as written when the bot does
 * not know it, or "default" when none is written (`label`).
 */
interface Column {
  title: string;
  base: string;
  language?: string;
  /** The language as the header writes it (`English (en)`), for messages. */
  written?: string;
}

/** A sheet's columns, and its rows as column (by position) → text. */
interface Sheet {
  columns: Column[];
  rows: { number: number; cells: Map<number, string> }[];
}

type SheetName = "survey" | "choices" | "settings" | "compliance";

function sheetOf(workbook: ExcelJS.Workbook, name: SheetName): Sheet | undefined {
  const worksheet = workbook.worksheets.find((candidate) => candidate.name.trim().toLowerCase() === name);
  if (!worksheet) return undefined;
  const titles = new Map<number, string>();
  worksheet.getRow(1).eachCell((cell, column) => {
    const text = cell.text.trim();
    if (text) titles.set(column, text);
  });
  // pyxform splits on "::", or on ":" in a sheet whose headers never use "::" (`label:English`).
  const doubleColon = [...titles.values()].some((title) => title.includes("::"));
  const positions = [...titles.keys()];
  const rows: Sheet["rows"] = [];
  worksheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells = new Map<number, string>();
    for (const [position, index] of positions.entries()) {
      const text = cellText(row.getCell(index)).trim();
      if (text) cells.set(position, text);
    }
    if (cells.size) rows.push({ number, cells });
  });
  return { columns: [...titles.values()].map((title) => columnOf(title, name, doubleColon)), rows };
}

/**
 * A cell's text; a date as XLSForm writes one, `2026-12-31` (with its time when it has one), where
 * exceljs would give JavaScript's long form: Excel keeps a default date typed in a cell as a date.
 */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  const date =
    value instanceof Date
      ? value
      : value && typeof value === "object" && "result" in value && value.result instanceof Date
        ? value.result
        : undefined;
  if (!date || Number.isNaN(date.getTime())) return cell.text;
  const iso = date.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}

function columnOf(title: string, sheet: SheetName, doubleColon: boolean): Column {
  let parts = title.split(doubleColon ? "::" : ":").map((part) => part.trim());
  // `jr:count` split on ":" is one column still.
  const jr = parts.findIndex((part) => part.toLowerCase() === "jr");
  if (!doubleColon && jr >= 0 && parts[jr + 1] !== undefined)
    parts = [...parts.slice(0, jr), `jr:${parts[jr + 1]}`, ...parts.slice(jr + 2)];
  const [first = "", written] = parts;
  const name = snakeCase(first);
  const whole = snakeCase(title);
  const aliases: Record<string, string> = sheet === "compliance" ? {} : COLUMN_ALIASES[sheet];
  const base = aliases[whole] ?? aliases[name] ?? name;
  if (!(TRANSLATED as readonly string[]).includes(base)) return { title, base };
  if (written === undefined) return { title, base, language: "default" };
  return { title, base, language: languageCode(written) ?? written.toLowerCase(), written };
}

/** A row's text in a column by its name (not a translated one: those are read by `textsOf`). */
const cellIn = (sheet: Sheet, cells: Map<number, string>, base: string): string | undefined => {
  for (const [index, text] of cells) if (sheet.columns[index]?.base === base) return text;
  return undefined;
};

/**
 * Which texts serve whom. Vietnamese members read the Vietnamese texts, or, in a form without
 * any, its default language's (`default_language`, else English when it has English); English
 * members the English ones. A column without a language (`label`) is in `default_language`, else taken for
 * Vietnamese, and stands in wherever a row lacks the serving language's text (as ODK shows the
 * default one); texts in a language the bot does not speak are ignored.
 */
interface Languages {
  /** The language Vietnamese members read. */
  serving: string;
  /** It as the workbook names it (`English`), for messages. */
  servingName?: string;
  /** The language of a column written without one. */
  unmarked: string;
}

const effective = (column: Column, languages: Languages) =>
  column.language === "default" ? languages.unmarked : (column.language ?? languages.unmarked);

/** The texts of a translated column in a row: for Vietnamese members, and English ones. */
function textsOf(sheet: Sheet, cells: Map<number, string>, base: Translated, languages: Languages): Partial<Label> {
  const named: Partial<Label> = {};
  let unmarked: string | undefined;
  for (const [index, text] of cells) {
    const column = sheet.columns[index];
    if (column?.base !== base || column.language === undefined) continue;
    if (column.language === "default") {
      unmarked ??= text;
      continue;
    }
    if (column.language === languages.serving) named.vi ??= text;
    if (column.language === "en") named.en ??= text;
  }
  const vi = named.vi ?? unmarked;
  const en = named.en ?? (languages.unmarked === "en" ? unmarked : undefined);
  return { ...(vi ? { vi } : {}), ...(en ? { en } : {}) };
}

const complete = (label: Partial<Label>): Label | undefined =>
  label.vi ? { vi: label.vi, ...(label.en ? { en: label.en } : {}) } : undefined;

/** A sheet's columns by what the chat does with them, each reported once: refused, ignored with a warning, or read. */
function checkColumns(sheet: Sheet, name: SheetName, read: Set<string>, findings: Findings): void {
  const seen = new Map<string, string>();
  for (const [index, column] of sheet.columns.entries()) {
    const first = sheet.rows.find((row) => row.cells.has(index));
    const at = { sheet: name, ...(first ? { row: first.number } : {}), column: column.title };
    const key = `${column.base}::${column.language ?? ""}`;
    const twice = seen.get(key);
    // Twice a column the chat reads is ambiguous; twice one it refuses or ignores is reported as that.
    if (twice && read.has(column.base)) findings.problem({ ...at, message: say("xls-column-twice", { other: twice }) });
    seen.set(key, column.title);
    if (name === "compliance") {
      if (!read.has(column.base) && first) findings.problem({ ...at, message: say("xls-column-unsupported") });
      continue;
    }
    const use = columnUse(name, column.base, read);
    if (use === "read" || !first) continue;
    if (use === "refused") {
      const media = MEDIA_COLUMNS.includes(column.base);
      findings.refuse(media ? "media" : column.base, { ...at, message: say("xls-column-unsupported") });
    } else if (use === "ignored") findings.warn(`column ${column.base}`, { ...at, message: say("xls-warn-display") });
    else {
      const like = [...read].find((known) => known.length > 3 && distance(known, column.base) <= 2);
      findings.warn(`column ${column.title}`, {
        ...at,
        message: like ? say("xls-warn-column-like", { column: like }) : say("xls-warn-column"),
      });
    }
  }
}

const MEDIA_COLUMNS = ["image", "big-image", "audio", "video", "media"];
/** A row whose label is a picture or a sound: refused as media already, its missing text is no second problem. */
const mediaLabelled = (sheet: Sheet, cells: Map<number, string>) =>
  [...cells.keys()].some((index) => MEDIA_COLUMNS.includes(sheet.columns[index]?.base ?? ""));

/** Problems and warnings as they are found; a feature refused or a thing ignored is reported once, where first met. */
class Findings {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  private readonly named = new Set<string>();

  problem(problem: Problem): void {
    this.problems.push(problem);
  }

  refuse(feature: string, problem: Problem): void {
    if (this.named.has(feature)) return;
    this.named.add(feature);
    this.problems.push({ ...problem, feature });
  }

  warn(about: string, warning: Problem): void {
    if (this.named.has(`warn ${about}`)) return;
    this.named.add(`warn ${about}`);
    this.warnings.push(warning);
  }
}

const NOT_XLSX: ReadResult = { ok: false, problems: [{ sheet: "workbook", message: say("xls-not-xlsx") }], warnings: [] };

/** A questionnaire's workbook unpacks to far less; one that unpacks to more is refused before exceljs sees it. */
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

/**
 * `fileName` names the form when the settings sheet does not (`khao-sat-xa.xlsx`: `khao-sat-xa`);
 * `now` is the version of a workbook that gives none: the import time, in seconds, so the same
 * workbook imported again is a newer version (and below any `yyyymmddrr` version written later).
 */
export async function readXlsForm(bytes: Buffer, fileName?: string, now: Date = new Date()): Promise<ReadResult> {
  const size = unpackedSize(bytes, MAX_UNPACKED_BYTES);
  if (!size.ok && size.reason === "no-zip") return NOT_XLSX;
  if (!size.ok)
    return {
      ok: false,
      problems: [{ sheet: "workbook", message: say("xls-too-big", { mib: String(MAX_UNPACKED_BYTES / 1024 / 1024) }) }],
      warnings: [],
    };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return NOT_XLSX;
  }
  const findings = new Findings();
  const survey = sheetOf(workbook, "survey");
  const choicesSheet = sheetOf(workbook, "choices");
  const settings = sheetOf(workbook, "settings");
  const complianceSheet = sheetOf(workbook, "compliance");
  const names = workbook.worksheets.map((sheet) => sheet.name.trim().toLowerCase());
  for (const name of names)
    if (SHEETS_REFUSED.includes(name))
      findings.refuse(`${name} sheet`, { sheet: "workbook", message: say("xls-sheet-unsupported", { sheet: name }) });
  // A sheet one or two letters from one of XLSForm's, when that one is missing, is likely it misspelt (pyxform warns so too).
  for (const expected of SHEETS_READ) {
    if (names.includes(expected)) continue;
    const like = workbook.worksheets.find(
      (sheet) => !sheet.name.startsWith("_") && distance(sheet.name.trim().toLowerCase(), expected) <= 2,
    );
    if (like) findings.warn(`sheet ${expected}`, { sheet: "workbook", message: say("xls-warn-sheet", { sheet: like.name, expected }) });
  }
  if (!survey) findings.problem({ sheet: "workbook", message: say("xls-no-survey") });

  const header = readSettings(settings, fileName, now, findings);
  const languages = languagesOf([survey, choicesSheet, complianceSheet], header?.defaultLanguage, findings);
  const { columns: filtered, labels: labelFields } = survey ? filterColumns(survey) : { columns: new Set<string>(), labels: [] };
  // A label a choice_filter reads is known when the choices sheet has a label column in its language.
  const readLabels = new Map(
    labelFields.flatMap((field) => {
      const columns = choicesSheet ? labelColumns(choicesSheet, field, languages) : [];
      return columns.length ? [[field, columns] as const] : [];
    }),
  );
  if (choicesSheet) checkColumns(choicesSheet, "choices", new Set([...CHOICE_COLUMNS, ...filtered]), findings);
  if (survey) checkColumns(survey, "survey", SURVEY_COLUMNS, findings);
  if (complianceSheet) checkColumns(complianceSheet, "compliance", COMPLIANCE_COLUMNS, findings);
  const choices = choicesSheet ? readChoices(choicesSheet, languages, findings, filtered, header.choiceDuplicates, readLabels) : {};
  const items = survey ? readSurvey(survey, choices, languages, findings, new Set(readLabels.keys()), now) : [];
  const compliance = complianceSheet ? readCompliance(complianceSheet, items, choices, languages, findings) : undefined;
  const { problems, warnings } = findings;
  if (problems.length || !header.form) return { ok: false, problems, warnings };
  // A list no question uses is left out, as pyxform leaves it (the engine would check it for nothing).
  const used = new Set(questionsOf(items).flatMap(({ question }) => question.list ?? []));
  const usedChoices = Object.fromEntries(Object.entries(choices).filter(([list]) => used.has(list)));
  return { ok: true, form: { ...header.form, items, choices: usedChoices, ...(compliance ? { compliance } : {}) }, warnings };
}

/**
 * The languages of the texts, decided for the whole workbook: which one Vietnamese members read,
 * and a warning for each language the bot does not speak (its columns are ignored) and for a form
 * that has no Vietnamese texts.
 */
function languagesOf(sheets: (Sheet | undefined)[], defaultLanguage: string | undefined, findings: Findings): Languages {
  const unmarked = defaultLanguage ?? "vi";
  const found: { column: Column; sheet: SheetName; language: string; rows: string[] }[] = [];
  for (const [position, sheet] of sheets.entries()) {
    if (!sheet) continue;
    const name = (["survey", "choices", "compliance"] as const)[position] ?? "survey";
    for (const [index, column] of sheet.columns.entries()) {
      if (column.language === undefined) continue;
      const rows = sheet.rows.flatMap(({ cells }) => cells.get(index) ?? []);
      if (rows.length) found.push({ column, sheet: name, language: effective(column, { serving: "", unmarked }), rows });
    }
  }
  const labels = found.filter(({ column, sheet }) => sheet === "survey" && column.base === "label");
  const present = (labels.length ? labels : found).map(({ language }) => language);
  // The form's own default first (its author's language), then English, more read in Vietnam than the rest.
  const serving = present.includes("vi")
    ? "vi"
    : defaultLanguage && present.includes(defaultLanguage)
      ? defaultLanguage
      : present.includes("en")
        ? "en"
        : (present[0] ?? "vi");
  const named = (language: string) => {
    const column = found.find((entry) => entry.language === language && entry.column.written)?.column;
    return column?.written ?? (language === "en" ? "English" : language);
  };
  const languages = { serving, servingName: named(serving), unmarked };
  if (serving !== "vi")
    findings.warn("no vietnamese", { sheet: "workbook", message: say("xls-warn-no-vietnamese", { language: named(serving) }) });
  else if (!defaultLanguage && !found.some(({ column }) => column.language === "vi")) {
    // Texts without a language are taken for Vietnamese; say so when none is written with a letter only Vietnamese uses.
    const unnamed = labels.filter(({ column }) => column.language === "default").flatMap(({ rows }) => rows);
    if (unnamed.length && !unnamed.some((text) => VIETNAMESE_LETTERS.test(text))) {
      const first = labels.find(({ column }) => column.language === "default")?.column.title ?? "label";
      findings.warn("unmarked", { sheet: "survey", column: first, message: say("xls-warn-unmarked") });
    }
  }
  // A column without a language stands in for any (textsOf): it is never ignored.
  for (const { column, sheet, language } of found)
    if (column.language !== "default" && language !== serving && language !== "en")
      findings.warn(`language ${language}`, {
        sheet,
        column: column.title,
        message: say("xls-warn-language", { language: column.written ?? language }),
      });
  return languages;
}

/** Letters only Vietnamese writes (đ, ơ, ư, ă and the vowels with a hook or a dot below). */
const VIETNAMESE_LETTERS = /[đăơưạảẹẻẽịỉọỏụủỳỵỷỹấầẩẫậắằẳẵặếềểễệốồổỗộớờởỡợứừửữựĩũ]/i;

/** A form's id from a file name or a form_id as written: `Khảo sát xã.xlsx` is `khao-sat-xa`. */
export function formIdFrom(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+/, "")
    .slice(0, 40)
    .replace(/[-_]+$/, "");
}

type Header = Pick<XlsForm, "id" | "version" | "title" | "source" | "complianceSource" | "layout">;

/**
 * The settings, all optional as in pyxform: the form's id from the file name, its title from the
 * id, its version the import time; `default_language` any language.
 */
function readSettings(
  sheet: Sheet | undefined,
  fileName: string | undefined,
  now: Date,
  findings: Findings,
): { form: Header | undefined; defaultLanguage: string | undefined; choiceDuplicates: boolean } {
  if (sheet) checkColumns(sheet, "settings", SETTINGS_COLUMNS, findings);
  const row = sheet?.rows[0];
  const cell = (name: string) => (sheet && row ? cellIn(sheet, row.cells, name) : undefined);
  // Without a settings sheet, what it lacks is said of the sheet, without a row.
  const at = row ? { row: row.number } : {};
  const problem = (column: string, message: Message) => findings.problem({ sheet: "settings", ...at, column, message });
  const written = cell("form_id");
  const stem = fileName
    ?.split(/[\\/]/)
    .at(-1)
    ?.replace(/\.[^.]*$/, "");
  let id: string | undefined;
  if (written !== undefined) {
    id = FORM_ID.test(written) ? written : formIdFrom(written) || undefined;
    if (!id) problem("form_id", say("xls-form-id", { got: written }));
    else if (id !== written)
      findings.warn("form_id", { sheet: "settings", ...at, column: "form_id", message: say("xls-form-id-kept", { got: written, id }) });
  } else {
    id = stem ? formIdFrom(stem) || undefined : undefined;
    if (!id) problem("form_id", say("xls-form-id-needed"));
  }
  const importTime = Math.floor(now.getTime() / 1000);
  const version = cell("version");
  let number = importTime;
  if (version !== undefined && /^\d{1,15}$/.test(version)) {
    number = Number(version);
    if (number === 0) problem("version", say("xls-version", { got: version }));
  } else if (version !== undefined)
    findings.warn("version", {
      sheet: "settings",
      ...at,
      column: "version",
      message: say("xls-version-time", { got: version, version: String(importTime) }),
    });
  const language = cell("default_language");
  const defaultLanguage = language === undefined ? undefined : (languageCode(language) ?? language.toLowerCase());
  const noneOption = cell("add_none_option");
  if (noneOption !== undefined && REQUIRED_VALUES[noneOption.toLowerCase()])
    findings.refuse("add_none_option", { sheet: "settings", ...at, column: "add_none_option", message: say("xls-none-option") });
  const layout = cell("layout");
  const knownLayout = layout === undefined || layout === "by-groups" || layoutExists(layout);
  if (!knownLayout) problem("layout", say("xls-layout", { got: String(layout) }));
  const source = cell("source");
  const complianceSource = cell("compliance_source");
  const form =
    id && number > 0
      ? {
          id,
          version: number,
          title: cell("form_title") ?? id,
          ...(source ? { source } : {}),
          ...(complianceSource ? { complianceSource } : {}),
          ...(layout && knownLayout ? { layout } : {}),
        }
      : undefined;
  return {
    form,
    defaultLanguage: defaultLanguage === "default" ? undefined : defaultLanguage,
    choiceDuplicates: REQUIRED_VALUES[(cell("allow_choice_duplicates") ?? "").toLowerCase()] === true,
  };
}

/**
 * The choices' columns the survey's choice_filters read (`province` on a list of districts): read,
 * not warned about; and the labels they read (`label::English`), which are label columns already.
 */
function filterColumns(survey: Sheet): { columns: Set<string>; labels: string[] } {
  const columns = new Set<string>();
  const labels = new Set<string>();
  for (const { cells } of survey.rows) {
    const filter = cellIn(survey, cells, "choice_filter");
    if (!filter) continue;
    try {
      for (const field of fieldsOf(parseExpression(straightQuotes(filter), true)))
        if (labelLanguage(field) !== undefined) labels.add(field);
        else if (field !== "name") columns.add(field);
    } catch (error) {
      // Reported with its row when the survey is read.
      if (!(error instanceof ExpressionError)) throw error;
    }
  }
  return { columns, labels: [...labels] };
}

/**
 * The choices sheet's label columns a choice_filter's label field names, by language as the label
 * columns are read (`label::English`, `label::EN`, `label::English (en)` alike; `label` alone is the
 * columns without a language, in `default_language`). Where both are written, the column spelt as
 * the field is (with a language, or without) is read first.
 */
function labelColumns(sheet: Sheet, field: string, languages: Languages): number[] {
  const written = labelLanguage(field) ?? "";
  const unmarked = written === "";
  const language = written === "" ? languages.unmarked : (languageCode(written) ?? written.toLowerCase());
  const wanted = language === "default" ? languages.unmarked : language;
  return [...sheet.columns.entries()]
    .filter(([, column]) => column.base === "label" && column.language !== undefined && effective(column, languages) === wanted)
    .sort(([, a], [, b]) => Number((b.language === "default") === unmarked) - Number((a.language === "default") === unmarked))
    .map(([index]) => index);
}

/** `duplicates`: the settings' allow_choice_duplicates, for lists a choice_filter cuts (King county in Texas and in Washington). */
function readChoices(
  sheet: Sheet,
  languages: Languages,
  findings: Findings,
  filtered: Set<string>,
  duplicates: boolean,
  labels: ReadonlyMap<string, number[]>,
): Record<string, XlsChoice[]> {
  const lists: Record<string, XlsChoice[]> = {};
  for (const { number, cells } of sheet.rows) {
    const get = (name: string) => cellIn(sheet, cells, name);
    const fields: Record<string, string> = {};
    for (const column of filtered) {
      const value = get(column);
      if (value !== undefined) fields[column] = value;
    }
    for (const [field, columns] of labels) {
      const text = columns.map((index) => cells.get(index)).find((value) => value !== undefined);
      if (text !== undefined) fields[field] = text;
    }
    const problem = (column: string, message: Message) => findings.problem({ sheet: "choices", row: number, column, message });
    const list = get("list_name");
    const name = get("name");
    // pyxform lets a choice go without a label (ODK shows its name): so does the chat, with a warning.
    const unlabelled = ![...cells.keys()].some((index) => sheet.columns[index]?.base === "label");
    if (unlabelled && name)
      findings.warn(`unlabelled ${list}`, {
        sheet: "choices",
        row: number,
        column: "label",
        message: say("xls-warn-choice-label", { list: list ?? "" }),
      });
    const label = unlabelled && name ? { vi: name } : complete(textsOf(sheet, cells, "label", languages));
    const compliance = get("compliance")?.toLowerCase();
    if (compliance && !(STATUSES as readonly string[]).includes(compliance))
      problem("compliance", say("xls-choice-compliance", { got: get("compliance") ?? "" }));
    if (!list) problem("list_name", say("xls-needed"));
    if (!name) problem("name", say("xls-needed"));
    else if (!CHOICE_NAME.test(name)) problem("name", say("xls-choice-name", { got: name }));
    if (!label) problem("label", labelNeeded(languages));
    if (!list || !name || !label) continue;
    const entries = lists[list] ?? [];
    lists[list] = entries;
    if (!duplicates && entries.some((choice) => choice.name === name)) problem("name", say("xls-choice-twice", { name, list }));
    else
      entries.push({
        name,
        label,
        ...(Object.keys(fields).length ? { fields } : {}),
        ...(compliance && (STATUSES as readonly string[]).includes(compliance)
          ? { compliance: compliance as (typeof STATUSES)[number] }
          : {}),
      });
  }
  return lists;
}

/** "is needed, in Vietnamese", or in the language that serves Vietnamese members in a form without Vietnamese. */
const labelNeeded = (languages: Languages): Message =>
  languages.serving === "vi"
    ? say("xls-label-needed")
    : say("xls-label-needed-in", { language: languages.servingName ?? languages.serving });

/**
 * The compliance sheet: a component per row (or several rows, one after another), decided by
 * select_one questions whose choices say met, partial or not_met (the choices sheet's `compliance`
 * column), or by field-list groups or repeats holding such questions, of which `min_entries`
 * entries must be listed.
 */
function readCompliance(
  sheet: Sheet,
  items: XlsItem[],
  choices: Record<string, XlsChoice[]>,
  languages: Languages,
  findings: Findings,
): XlsComponent[] {
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
    const get = (name: string) => cellIn(sheet, cells, name);
    const problem = (column: string, message: Message) => findings.problem({ sheet: "compliance", row: number, column, message });
    const id = get("component");
    const previous = components.at(-1);
    // A component's later rows add targets (with their own min_entries); its label is on its first.
    const continues = id !== undefined && previous?.id === id;
    const label = complete(textsOf(sheet, cells, "label", languages)) ?? (continues ? previous?.label : undefined);
    const targets = (get("questions") ?? "").split(/[\s,]+/).filter(Boolean);
    const minEntries = get("min_entries");
    if (!id) problem("component", say("xls-needed"));
    else if (!continues && components.some((component) => component.id === id)) problem("component", say("xls-component-twice", { id }));
    if (!label) problem("label", labelNeeded(languages));
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
    .filter((question) => question.type !== "note" && question.type !== "calculate");
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

const PROFILES = ["fullName", "position", "phone", "email", "workplace"] as const;
const WHOLE = /^-?\d{1,10}$/;

function readSurvey(
  sheet: Sheet,
  choices: Record<string, XlsChoice[]>,
  languages: Languages,
  findings: Findings,
  labelFields: ReadonlySet<string>,
  now: Date,
): XlsItem[] {
  const root: XlsItem[] = [];
  const open: Open[] = [];
  /** Names of groups, repeats and the questions outside field-list groups and repeats: each once in the form. */
  const nodeNames = new Set<string>();
  /** Every question so far, with the repeat it is in: what a later expression may read. */
  const seen = new Map<string, { repeat: string | undefined }>();
  /** How many questions of the survey bear each name: one outside a field-list group or repeat may be read from anywhere. */
  const questionNames = new Map<string, number>();
  const repeatsSoFar = new Set<string>();
  /** The type of each question so far: `jr:choice-name()` shows the label of a select's answer only. */
  const typeOf = new Map<string, QuestionType>();
  for (const row of sheet.rows) {
    const reading = readType(cellIn(sheet, row.cells, "type") ?? "");
    const name = cellIn(sheet, row.cells, "name");
    const named = reading.kind === "question" && reading.orOther ? [name, `${name}_other`] : [name];
    for (const one of name && (reading.kind === "question" || reading.kind === "unsupported") ? named : [])
      if (one) questionNames.set(one, (questionNames.get(one) ?? 0) + 1);
  }
  const currentRepeat = () => open.findLast((item) => item.kind === "repeat")?.name;
  /** The field-list group or repeat a question belongs to: one row of the chat's form. */
  const container = () => open.findLast((item) => item.kind === "repeat" || item.fieldList);

  for (const { number, cells } of sheet.rows) {
    const get = (name: string) => cellIn(sheet, cells, name);
    const texts = (base: Translated) => complete(textsOf(sheet, cells, base, languages));
    const problem = (column: string | undefined, message: Message) =>
      findings.problem({ sheet: "survey", row: number, ...(column ? { column } : {}), message });
    const rawType = get("type");
    if (!rawType) {
      problem("type", say("xls-needed"));
      continue;
    }
    const name = get("name");
    const reading = readType(rawType);
    if (reading.kind === "metadata") {
      findings.warn(`metadata ${reading.type}`, {
        sheet: "survey",
        row: number,
        column: "type",
        message: say("xls-warn-metadata", { type: rawType }),
      });
      continue;
    }
    if (reading.kind === "unsupported") {
      findings.refuse(reading.feature, {
        sheet: "survey",
        row: number,
        column: "type",
        message: say("xls-type-unsupported", { type: rawType, types: QUESTION_TYPES.join(", ") }),
      });
      // Known by name still, so that what refers to it is not reported besides.
      if (name) seen.set(name, { repeat: currentRepeat() });
      continue;
    }
    const type = reading.kind === "question" ? reading.type : `${reading.kind}_${reading.section}`;
    const list = reading.kind === "question" ? reading.list : undefined;
    const extra = reading.kind === "question" ? reading.extra : [];
    const orOther = reading.kind === "question" && reading.orOther === true;
    for (const [index, text] of cells) {
      const shows = SHOWING_ANSWERS.has(sheet.columns[index]?.base ?? "");
      if (!(shows ? withoutChoiceNames(text) : text).includes("jr:choice-name(")) continue;
      findings.refuse("jr:choice-name", { sheet: "survey", row: number, message: say("xls-choice-name-function") });
      break;
    }
    const label = texts("label");

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

    // Several appearances may be given; those that only change how ODK draws a question are ignored.
    const appearances = (get("appearance") ?? "").split(/\s+/).filter(Boolean);
    const ours = appearances.filter((appearance) => APPEARANCES_READ[type]?.includes(appearance));
    for (const appearance of appearances) {
      if (ours.includes(appearance)) continue;
      const at = { sheet: "survey" as const, row: number, column: "appearance" };
      if (displayOnly(appearance))
        findings.warn(`appearance ${appearance}`, { ...at, message: say("xls-warn-appearance", { appearance }) });
      else findings.refuse(`appearance ${appearance} on ${type}`, { ...at, message: say("xls-appearance", { appearance, type }) });
    }
    // A repeat's entry is one row already: field-list on a group inside it changes nothing.
    const inRepeat = type === "begin_group" && ours.length > 0 && currentRepeat() !== undefined;
    if (inRepeat)
      findings.warn(`field-list in ${currentRepeat()}`, {
        sheet: "survey",
        row: number,
        column: "appearance",
        message: say("xls-field-list-in-repeat", { repeat: String(currentRepeat()) }),
      });
    const fieldList = type === "begin_group" && ours.length > 0 && !inRepeat;
    const appearance =
      reading.kind === "question" && reading.appearance ? reading.appearance : ours.find((value) => value !== "field-list");
    for (const [column, rule] of Object.entries(DIALECT_COLUMNS))
      if (get(column) !== undefined && !rule.fits({ type, fieldList, appearance })) problem(column, say(rule.only));

    const holder = container();
    if (!name) problem("name", say("xls-needed"));
    else if (!NAME.test(name)) problem("name", say("xls-name", { got: name }));
    else if (holder && !type.startsWith("begin_") ? holder.asked.has(name) : nodeNames.has(name))
      problem("name", say("xls-name-twice", { name }));
    const checkExpression = (read: "relevant" | "constraint" | "calculate" | "choice_filter" | "repeat_count") => {
      const written = get(read);
      if (!written) return undefined;
      // The calculate column is spelt calculation in XLSForm's own documents.
      const column = read === "calculate" ? "calculation" : read;
      const source = straightQuotes(written);
      let expression: ReturnType<typeof parseExpression>;
      try {
        expression = parseExpression(source, read === "choice_filter");
        if (read === "choice_filter") {
          const known = new Set([
            "name",
            ...labelFields,
            ...(choices[list ?? ""] ?? []).flatMap((choice) => Object.keys(choice.fields ?? {})),
          ]);
          for (const field of fieldsOf(expression))
            if (!known.has(field)) problem(column, say("xls-filter-field", { field, list: list ?? "" }));
        }
      } catch (error) {
        if (error instanceof ExpressionError)
          problem(column, say("xls-expression", { error: say(error.key, error.params), at: String(error.at + 1), source }));
        else throw error;
        return undefined;
      }
      if (column !== "constraint" && readsSelf(expression))
        problem(column, say(column === "relevant" || column === "repeat_count" ? "xls-relevant-self-answer" : "xls-calculate-self-answer"));
      for (const ref of references(expression)) {
        if (ref === name)
          problem(column, column === "constraint" ? say("xls-constraint-self", { ref: `\${${ref}}` }) : say("xls-relevant-self"));
        else checkReference(column, ref);
      }
      return source;
    };
    /**
     * A default the chat may offer: a value written out, on a question that is asked and takes
     * typed or chosen answers (a photo is sent, never given beforehand). Checked against the
     * question once it is read.
     */
    const checkDefault = (value: string): string | undefined => {
      if (DYNAMIC_DEFAULT.test(value)) return void problem("default", say("xls-default-dynamic", { got: value }));
      if (type === "note" || type === "calculate" || type === "image")
        return void problem("default", say("xls-default-type", { type: rawType }));
      // A list that is not there is said already.
      const isSelect = type === "select_one" || type === "select_multiple";
      return isSelect && !choices[list ?? ""] ? undefined : value;
    };
    /** An earlier answer this row may read: of its own field-list group or entry, or a name the form gives once, outside other repeats. */
    const checkReference = (column: string, ref: string) => {
      const sibling = type.startsWith("begin_") ? undefined : container();
      if (sibling?.asked.has(ref)) return;
      if (!questionNames.has(ref)) problem(column, say("xls-ref-unknown", { ref: `\${${ref}}` }));
      else if ((questionNames.get(ref) ?? 0) > 1) problem(column, say("xls-ref-shared", { ref: `\${${ref}}` }));
      else if (!seen.has(ref) || ref === name) problem(column, say("xls-ref-later", { ref: `\${${ref}}` }));
      else {
        const inRepeat = seen.get(ref)?.repeat;
        if (inRepeat && inRepeat !== currentRepeat()) problem(column, say("xls-ref-repeat", { ref: `\${${ref}}`, repeat: inRepeat }));
      }
    };

    if (type === "begin_group" || type === "begin_repeat") {
      const kind = type === "begin_group" ? "group" : "repeat";
      if (kind === "repeat" && currentRepeat()) problem("type", say("xls-repeat-in-repeat", { repeat: String(currentRepeat()) }));
      if (holder?.fieldList) problem("type", say("xls-field-list-holds", { group: holder.name }));
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
      const count = kind === "repeat" && !each ? checkExpression("repeat_count") : undefined;
      if (get("default") !== undefined) problem("default", say("xls-default-type", { type: rawType }));
      if (get("repeat_count") && (kind !== "repeat" || each)) problem("repeat_count", say("xls-only-repeats"));
      const whenEmpty = get("when_empty");
      if (whenEmpty !== undefined && whenEmpty !== "none" && whenEmpty !== "not-yet")
        problem("when_empty", say("xls-when-empty", { got: whenEmpty }));
      if (kind === "repeat" && name && !each) repeatsSoFar.add(name);
      const hint = texts("hint");
      const short = texts("short");
      open.push({
        kind,
        name: name ?? "",
        label,
        ...(short ? { short } : {}),
        relevant,
        items: [],
        row: number,
        asked: new Map(),
        ...(hint && (fieldList || kind === "repeat") ? { hint } : {}),
        ...(fieldList ? { fieldList } : {}),
        ...(get("number") && (fieldList || kind === "repeat") ? { number: get("number") } : {}),
        ...(each?.length ? { each } : {}),
        ...(whenEmpty === "not-yet" && kind === "repeat" ? { whenEmpty } : {}),
        ...(count ? { count } : {}),
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
    const calculates = questionType === "calculate";
    if (!label && !calculates && !mediaLabelled(sheet, cells)) problem("label", labelNeeded(languages));
    const requiredText = (get("required") ?? "").toLowerCase();
    const required = REQUIRED_VALUES[requiredText];
    if (required === undefined) problem("required", say("xls-required", { got: get("required") ?? "" }));
    if (questionType === "note" && (required || get("constraint")))
      problem(required ? "required" : "constraint", say("xls-note-asks-nothing"));
    if (calculates && (required || get("constraint"))) problem(required ? "required" : "constraint", say("xls-calculate-asks-nothing"));
    if (calculates && !get("calculate")) problem("calculation", say("xls-needed"));
    if (!calculates && get("calculate")) problem("calculation", say("xls-only-calculate"));
    if (questionType === "note" && get("relevant")) problem("relevant", say("xls-note-relevant"));
    if (isSelect && list && choices[list]?.length === 1) problem("type", say("xls-list-one-choice", { list }));
    const relevant = checkExpression("relevant");
    if (name) {
      seen.set(name, { repeat: currentRepeat() });
      typeOf.set(name, questionType);
      if (orOther) seen.set(`${name}_other`, { repeat: currentRepeat() });
      if (!holder) nodeNames.add(name);
    }
    const constraint = questionType === "note" || calculates ? undefined : checkExpression("constraint");
    const calculation = calculates ? checkExpression("calculate") : undefined;
    const choiceFilter = isSelect ? checkExpression("choice_filter") : undefined;
    if (!isSelect && get("choice_filter")) problem("choice_filter", say("xls-only-select"));
    const whole = (column: string, low: number, high: number): number | undefined => {
      const text = get(column);
      if (text === undefined) return undefined;
      if (WHOLE.test(text) && Number(text) >= low && Number(text) <= high) return Number(text);
      problem(column, say("xls-whole", { low: String(low), high: String(high), got: text }));
      return undefined;
    };
    const maxLength = whole("max_length", 1, 4000);
    const bounds = reading.kind === "question" ? reading.bounds : undefined;
    const min = whole("min", -1_000_000_000, 1_000_000_000) ?? bounds?.min;
    const max = whole("max", -1_000_000_000, 1_000_000_000) ?? bounds?.max;
    if (min !== undefined && max !== undefined && min > max) problem("max", say("xls-max-below-min", { min: String(min) }));
    const atLeast = get("at_least");
    if (atLeast !== undefined && holder?.asked.get(atLeast) !== "integer") problem("at_least", say("xls-at-least", { name: atLeast }));
    const profile = get("profile");
    if (profile !== undefined && !(PROFILES as readonly string[]).includes(profile))
      problem("profile", say("xls-profile", { profiles: PROFILES.join(", "), got: profile }));
    const suggest = get("suggest");
    const suggestion = SUGGESTIONS.find((known) => known === suggest);
    if (suggest !== undefined && !suggestion) problem("suggest", say("xls-suggest", { got: suggest }));
    if (name) holder?.asked.set(name, questionType);
    if (name && orOther) holder?.asked.set(`${name}_other`, "text");
    // A calculate has no label to show: the export heads its column with its name.
    const named = label ?? (calculates && name ? { vi: name } : undefined);
    if (!name || !named) continue;
    const hint = texts("hint");
    const short = texts("short");
    const constraintMessage = texts("constraint_message");
    // Said only of a question that must be answered: on another it would never be heard.
    const requiredMessage = required ? texts("required_message") : undefined;
    for (const [column, text] of [
      ["label", named],
      ["hint", hint],
      ["constraint_message", constraintMessage],
      ["required_message", requiredMessage],
    ] as const)
      for (const ref of referencesIn(`${text?.vi ?? ""} ${text?.en ?? ""}`)) checkReference(column, ref);
    // A choice's label reads answers as the label of the question offering it does, from where that question stands.
    const choiceLabels = isSelect && list ? (choices[list] ?? []).map(({ label: words }) => `${words.vi} ${words.en ?? ""}`) : [];
    for (const ref of referencesIn(choiceLabels.join(" "))) checkReference("type", ref);
    for (const [column, text] of [
      ["label", named],
      ["hint", hint],
      ["constraint_message", constraintMessage],
    ] as const)
      for (const ref of choiceNamesIn(`${text?.vi ?? ""} ${text?.en ?? ""}`)) {
        const read = holder?.asked.get(ref) ?? typeOf.get(ref);
        if (read && read !== "select_one" && read !== "select_multiple")
          problem(column, say("xls-choice-name-select", { ref: `\${${ref}}` }));
      }
    const written = get("default");
    const fallback = written === undefined ? undefined : checkDefault(written);
    const question: XlsQuestion = {
      kind: "question",
      type: questionType,
      name,
      label: named,
      required: required ?? false,
      row: number,
      ...(calculation ? { calculation } : {}),
      ...(short ? { short } : {}),
      ...(hint ? { hint } : {}),
      ...(relevant ? { relevant } : {}),
      ...(constraint ? { constraint } : {}),
      ...(constraintMessage ? { constraintMessage } : {}),
      ...(requiredMessage ? { requiredMessage } : {}),
      ...(isSelect && list ? { list } : {}),
      ...(isSelect && orOther ? { orOther } : {}),
      ...(choiceFilter ? { choiceFilter } : {}),
      ...(appearance === "month-year" || appearance === "phone" || appearance === "email" ? { appearance } : {}),
      ...(maxLength !== undefined ? { maxLength } : {}),
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(atLeast !== undefined ? { atLeast } : {}),
      ...(profile !== undefined && (PROFILES as readonly string[]).includes(profile)
        ? { profile: profile as (typeof PROFILES)[number] }
        : {}),
      ...(suggestion ? { suggest: suggestion } : {}),
    };
    if (fallback !== undefined) {
      const refused = defaultRefused({ ...question, default: fallback }, choices[list ?? ""] ?? [], now);
      if (!refused) question.default = fallback;
      else if (refused.reason === "invalid-choice" || refused.reason === "invalid-multi")
        problem("default", say("xls-default-choice", { got: fallback, list: list ?? "" }));
      else problem("default", say("xls-default-refused", { got: fallback, reason: say(refused.reason, refused.params) }));
    }
    (open.at(-1)?.items ?? root).push(question);
  }
  for (const left of open)
    findings.problem({
      sheet: "survey",
      row: left.row,
      column: "type",
      message: say("xls-never-ended", { kind: left.kind, name: left.name }),
    });
  if (!root.length && !open.length) findings.problem({ sheet: "survey", message: say("xls-asks-nothing") });
  return root;
}
