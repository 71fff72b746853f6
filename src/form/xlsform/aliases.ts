import type { QuestionType } from "./model.js";

/**
 * XLSForm as the world writes it: the spellings of types, columns and languages that pyxform (the
 * reference converter, used by KoBoToolbox and ODK) accepts, read into the subset a chat form
 * serves (src/form/xlsform/read.ts). What each spelling means was learnt from pyxform's alias tables
 * (`pyxform/aliases.py`, `question_type_dictionary.py`); the tables here are ours, and say for
 * each what the chat does with it: serves it, ignores it with a warning (it only changes how ODK
 * shows or sends a form), or refuses it by name.
 */

/** A type as the survey's `type` cell writes it, once read. */
export type TypeReading =
  | {
      kind: "question";
      type: QuestionType;
      list: string | undefined;
      /** Words after the list that are no part of XLSForm. */
      extra: string[];
      /** `phone number`: a text answered as a phone number. */
      appearance?: "phone";
      /** `percentage`, `number of days in last month`…: an integer within bounds. */
      bounds?: { min: number; max: number };
      /** `or_other`, `or specify other`: the list gains "Other", and a text for it. */
      orOther?: boolean;
    }
  | { kind: "begin" | "end"; section: "group" | "repeat" }
  /** What ODK records by itself (start, end, the device): no question. */
  | { kind: "metadata"; type: string }
  /** A type the chat forms do not serve; `feature` names it once for the whole workbook. */
  | { kind: "unsupported"; feature: string };

const QUESTION_TYPES: Record<string, QuestionType> = {
  text: "text",
  string: "text",
  "q string": "text",
  "add text prompt": "text",
  integer: "integer",
  int: "integer",
  "q int": "integer",
  "add integer prompt": "integer",
  decimal: "decimal",
  "q decimal": "decimal",
  "add decimal prompt": "decimal",
  date: "date",
  "q date": "date",
  "add date prompt": "date",
  note: "note",
  "q note": "note",
  "add note prompt": "note",
  calculate: "calculate",
  "q calculate": "calculate",
  "add calculate prompt": "calculate",
  hidden: "calculate",
  acknowledge: "acknowledge",
  "q acknowledge": "acknowledge",
  "add acknowledge prompt": "acknowledge",
  trigger: "acknowledge",
  image: "image",
  photo: "image",
  "q image": "image",
  "q picture": "image",
  "add image prompt": "image",
  "add photo prompt": "image",
  geopoint: "geopoint",
  location: "geopoint",
  gps: "geopoint",
  "q geopoint": "geopoint",
  "q location": "geopoint",
  "add location prompt": "geopoint",
};

/** Integers pyxform bounds by itself. */
const BOUNDED: Record<string, { min: number; max: number }> = {
  percentage: { min: 0, max: 100 },
  "number of days in last month": { min: 0, max: 31 },
  "number of days in last six months": { min: 0, max: 183 },
  "number of days in last year": { min: 0, max: 365 },
};

/** The ways to write a select, longest first so that `select one from` is not read as `select one`. */
const SELECTS: [string, "select_one" | "select_multiple" | string][] = (
  [
    ["add select one prompt using", "select_one"],
    ["add select multiple prompt using", "select_multiple"],
    ["select all that apply from", "select_multiple"],
    ["select all that apply", "select_multiple"],
    ["select multiple from", "select_multiple"],
    ["select multiple using", "select_multiple"],
    ["select one from", "select_one"],
    ["select one using", "select_one"],
    ["select_one", "select_one"],
    ["select one", "select_one"],
    ["select1", "select_one"],
    ["q select1", "select_one"],
    ["select_multiple", "select_multiple"],
    ["q select", "select_multiple"],
    // Choices from a file or another sheet, ranked: not served.
    ["select_one_external", "select_one_external"],
    ["select one external", "select_one_external"],
    ["select_one_from_file", "select_one_from_file"],
    ["select one from file", "select_one_from_file"],
    ["select_multiple_from_file", "select_multiple_from_file"],
    ["select multiple from file", "select_multiple_from_file"],
    ["rank", "rank"],
  ] as [string, string][]
).sort(([a], [b]) => b.length - a.length);

/** What ODK fills in by itself: the chat keeps its own (who answered, from which agency, when). */
const METADATA = new Set([
  "start",
  "end",
  "today",
  "start time",
  "end time",
  "get start time",
  "get end time",
  "get today",
  "deviceid",
  "device id",
  "get device id",
  "imei",
  "simserial",
  "sim id",
  "get sim id",
  "subscriberid",
  "subscriber id",
  "get subscriber id",
  "phonenumber",
  "get phone number",
  "username",
  "email",
  "audit",
  "uri:deviceid",
  "uri:email",
  "uri:phonenumber",
  "uri:simserial",
  "uri:subscriberid",
  "uri:username",
]);

/** Types the chat does not serve yet or cannot, by the feature they are (aliases read as the type they stand for). */
const UNSUPPORTED: Record<string, string> = {
  datetime: "datetime",
  "date time": "datetime",
  "q date time": "datetime",
  "q datetime": "datetime",
  "add date time prompt": "datetime",
  "add datetime prompt": "datetime",
  audio: "audio",
  "q audio": "audio",
  "add audio prompt": "audio",
  video: "video",
  "q video": "video",
  "add video prompt": "video",
  file: "file",
  "add file prompt": "file",
  barcode: "barcode",
  "q barcode": "barcode",
  "add barcode prompt": "barcode",
};

/** `begin group`, `begin_repeat`, `begin looped group`, `end lgroup`… */
const SECTIONS: Record<string, "group" | "repeat" | "loop"> = {
  group: "group",
  repeat: "repeat",
  lgroup: "repeat",
  "looped group": "repeat",
  loop: "loop",
};
const SECTION = /^(begin|end)[ _](looped group|lgroup|group|repeat|loop)(?: (?:over )?(\S+))?$/;
const OR_OTHER = /^(.*?)\s+(or specify other|or_other|or other)$/;

export function readType(cell: string): TypeReading {
  const text = cell.trim().replace(/\s+/g, " ");
  const lower = text.toLowerCase();
  const section = SECTION.exec(lower);
  if (section) {
    const kind = section[1] as "begin" | "end";
    const what = SECTIONS[section[2] as string] ?? "loop";
    if (what === "loop") return { kind: "unsupported", feature: "loop" };
    return { kind, section: what };
  }
  for (const [words, type] of SELECTS) {
    if (lower !== words && !lower.startsWith(`${words} `)) continue;
    if (type !== "select_one" && type !== "select_multiple") return { kind: "unsupported", feature: type };
    const rest = text.slice(words.length).trim();
    const other = OR_OTHER.exec(rest);
    const [list, ...extra] = (other ? (other[1] as string) : rest).split(" ").filter(Boolean);
    return { kind: "question", type, list, extra, ...(other ? { orOther: true } : {}) };
  }
  const plain = QUESTION_TYPES[lower];
  if (plain) return { kind: "question", type: plain, list: undefined, extra: [] };
  if (lower === "phone number") return { kind: "question", type: "text", list: undefined, extra: [], appearance: "phone" };
  const bounds = BOUNDED[lower];
  if (bounds) return { kind: "question", type: "integer", list: undefined, extra: [], bounds };
  if (METADATA.has(lower)) return { kind: "metadata", type: lower };
  const refused = UNSUPPORTED[lower];
  if (refused) return { kind: "unsupported", feature: refused };
  // "text something": the type, and a list it does not take.
  const [first = "", list, ...extra] = text.split(" ");
  const typed = QUESTION_TYPES[first.toLowerCase()];
  if (typed) return { kind: "question", type: typed, list, extra };
  // `osm building_tags`: the feature is the type, not the list after it.
  return { kind: "unsupported", feature: lower.split(" ")[0] ?? lower };
}

/**
 * The columns of each sheet, by what the chat does with them. A column is written
 * case-insensitively, spaces for underscores (`List Name`), and by any of pyxform's aliases
 * (`caption` for `label`); a translated one with its language after `::` (or `:` when no header
 * of the sheet uses `::`).
 */
export type ColumnUse = "read" | "ignored" | "refused" | "unknown";

/** pyxform's other names for the columns, by sheet. */
export const COLUMN_ALIASES: Record<"survey" | "choices" | "settings", Record<string, string>> = {
  survey: {
    caption: "label",
    relevance: "relevant",
    constraining_message: "constraint_message",
    command: "type",
    tag: "name",
    value: "name",
    calculation: "calculate",
    count: "repeat_count",
    "jr:count": "repeat_count",
    requiredmsg: "required_message",
    "jr:requiredmsg": "required_message",
    "jr:constraintmsg": "constraint_message",
    read_only: "readonly",
    noapperrorstring: "no_app_error_string",
  },
  choices: { caption: "label", "list name": "list_name", list: "list_name", value: "name" },
  settings: { id_string: "form_id", set_form_id: "form_id", title: "form_title", set_form_title: "form_title" },
};

/** XLSForm's own columns that the chat does not serve: refused by name. */
const REFUSED: Record<"survey" | "choices" | "settings", Set<string>> = {
  survey: new Set(["readonly", "trigger", "parameters", "image", "big-image", "audio", "video", "media", "save_to"]),
  choices: new Set(["image", "big-image", "audio", "video", "media"]),
  settings: new Set(["entity_version"]),
};

/** XLSForm's columns that only change how ODK shows or sends a form: ignored, with a warning. */
const IGNORED: Record<"survey" | "choices" | "settings", Set<string>> = {
  // bind and instance
  // carry attributes of ODK's XForm (saveIncomplete…) that mean nothing in a chat.
  survey: new Set([
    "rows",
    "autoplay",
    "no_app_error_string",
    "guidance_hint",
    "body",
    "compact_tag",
    "sms_field",
    "sms_option",
    "bind",
    "instance",
  ]),
  choices: new Set(["sms_option"]),
  settings: new Set([
    "public_key",
    "submission_url",
    "auto_send",
    "auto_delete",
    "style",
    "instance_name",
    "omit_instanceid",
    "clean_text_values",
    "xml_root",
    "flat",
    "namespaces",
    "name",
    "instance_xmlns",
    "client_editable",
    "prefix",
    "delimiter",
    "attribute",
    "sms_keyword",
    "sms_separator",
    "sms_allow_media",
    "sms_date_format",
    "sms_datetime_format",
    "sms_response",
  ]),
};

export function columnUse(sheet: "survey" | "choices" | "settings", base: string, read: Set<string>): ColumnUse {
  if (read.has(base)) return "read";
  if (REFUSED[sheet].has(base)) return "refused";
  if (IGNORED[sheet].has(base)) return "ignored";
  return "unknown";
}

/** How far apart two names are (edits of one letter): a column two edits from one we read is likely that one, misspelt. */
export function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] as number;
}

/** `snake_case`, as pyxform reads a header's first part: `List Name` is `list_name`. */
export const snakeCase = (text: string): string => text.trim().split(/\s+/).join("_").toLowerCase();

/**
 * Language names as workbooks write them after `label::`, to the code the bot knows them by: the
 * two it speaks, and others common enough to name in a warning. A code in parentheses, as
 * `English (en)`, or alone, as `EN` or `vi-VN`, is read as that code.
 */
const LANGUAGE_NAMES: Record<string, string> = {
  vietnamese: "vi",
  "tiếng việt": "vi",
  "tieng viet": "vi",
  việt: "vi",
  english: "en",
  "tiếng anh": "en",
  "tieng anh": "en",
  french: "fr",
  français: "fr",
  francais: "fr",
  spanish: "es",
  español: "es",
  espanol: "es",
  portuguese: "pt",
  português: "pt",
  chinese: "zh",
  中文: "zh",
  khmer: "km",
  lao: "lo",
  thai: "th",
  swahili: "sw",
  kiswahili: "sw",
  arabic: "ar",
  russian: "ru",
  german: "de",
  deutsch: "de",
  japanese: "ja",
  korean: "ko",
  hindi: "hi",
  indonesian: "id",
  nepali: "ne",
  hausa: "ha",
  amharic: "am",
};

/** A language as a column or `default_language` names it: its code when known, "default" for pyxform's language-less one. */
export function languageCode(written: string): string | undefined {
  const text = written.normalize("NFC").trim();
  const inParentheses = /\(\s*([A-Za-z]{2,3})(?:-[A-Za-z0-9]+)*\s*\)\s*$/.exec(text);
  if (inParentheses) return (inParentheses[1] as string).toLowerCase();
  const lower = text.toLowerCase();
  if (lower === "default") return "default";
  const named = LANGUAGE_NAMES[lower];
  if (named) return named;
  const alone = /^([a-z]{2,3})(?:[-_][a-z0-9]+)*$/.exec(lower);
  return alone ? alone[1] : undefined;
}

/**
 * Appearances: those the chat reads (by type), those that only change how ODK draws a question
 * (ignored, with a warning) and the rest, refused as today. Several may be given, space-separated.
 */
export const APPEARANCES_READ: Record<string, string[]> = {
  begin_group: ["field-list", "table-list"],
  date: ["month-year"],
  text: ["phone", "email"],
};
const DISPLAY_ONLY = new Set([
  "minimal",
  "quick",
  "autocomplete",
  "compact",
  "quickcompact",
  "columns",
  "columns-pack",
  "no-buttons",
  "likert",
  "label",
  "list-nolabel",
  "list",
  "horizontal",
  "horizontal-compact",
  "multiline",
  "numbers",
  "masked",
  "thousands-sep",
  "no-calendar",
  "ethiopian",
  "coptic",
  "islamic",
  "bikram-sambat",
  "myanmar",
  "persian",
  "hidden-answer",
  "counter",
  "rating",
]);
export const displayOnly = (appearance: string): boolean =>
  DISPLAY_ONLY.has(appearance) || /^(columns|compact|quickcompact)-\d+$/.test(appearance) || /^w\d+$/.test(appearance);

/** Sheets of XLSForm beyond the chat's: refused by name. Other sheets (notes, drafts) are no part of XLSForm and left alone. */
export const SHEETS_REFUSED = ["external_choices", "entities", "osm"];
export const SHEETS_READ = ["survey", "choices", "settings"];
