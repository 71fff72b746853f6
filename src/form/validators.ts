import { foldName } from "../domain/agencies.js";
import { formatPhone, normalizePhone } from "../domain/phone.js";
import type { Option, Question } from "./schema.js";
import { conditionOf, type Scope } from "./xlsform/expression.js";

/** A stored answer: text, an option id, a whole number, a month "YYYY-MM". */
export type AnswerValue = string | number;

/**
 * The reason is a locale key (`invalid-…`), so the re-prompt speaks the user's language; `proposal`,
 * an answer the officer may have meant, in the words that give it ("06/2027" for "quý 2 năm 2027").
 */
export type Validation =
  | { ok: true; value: AnswerValue }
  | { ok: false; reason: string; params?: Record<string, string | number>; proposal?: string };

export interface ValidationContext {
  /** Year and month of today, in the deployment's time zone. */
  today: { year: number; month: number };
  options: readonly Option[];
  /** The other answers an answer is checked against: a sibling `atLeast` names, what a constraint reads (src/form/slots.ts, expressionScope). */
  reads: Scope;
}

/** What confirms an acknowledge typed rather than pressed, folded (src/domain/agencies.ts, foldName). */
const ACKNOWLEDGED = new Set(["ok", "da ro", "ro", "dong y", "yes"]);

/** How far a planned go-live month may lie: from the programme's start to five years ahead. */
export const MONTH_RANGE = { firstYear: 2020, yearsAhead: 5 };

export const fail = (reason: string, params?: Record<string, string | number>, proposal?: string): Validation => ({
  ok: false,
  reason,
  ...(params ? { params } : {}),
  ...(proposal ? { proposal } : {}),
});

export function validateAnswer(question: Question, raw: string, context: ValidationContext): Validation {
  const input = raw.trim();
  if (input === "") return fail("invalid-empty");
  return constrained(question, parseAnswer(question, input, context), context);
}

/** What a photo or a shared place stands for, for a question that asks one; the constraint holds as for typed answers. */
export type SentAnswer = { kind: "photo"; reference: string } | { kind: "location"; latitude: number; longitude: number };

export function validateSent(question: Question, sent: SentAnswer, context: ValidationContext): Validation {
  if (sent.kind === "photo")
    return question.type === "image" && sent.reference !== ""
      ? constrained(question, { ok: true, value: sent.reference }, context)
      : expected(question);
  return question.type === "geopoint" ? constrained(question, pointOf(sent.latitude, sent.longitude), context) : expected(question);
}

/** Why what was sent (a photo, a place, a sticker) is not an answer here: the question's own kind says what it takes. */
export function expectedReason(question: Question): string {
  if (question.type === "image") return "invalid-image";
  if (question.type === "geopoint") return "invalid-geopoint";
  return "form-text-expected";
}

const expected = (question: Question): Validation => fail(expectedReason(question));

/** An answer read, held to the question's constraint (the answer as `.`). */
export function constrained(question: Question, parsed: Validation, context: ValidationContext): Validation {
  if (!parsed.ok || !question.constraint) return parsed;
  const accepted = conditionOf(question.constraint)({ ...context.reads, self: parsed.value });
  return accepted ? parsed : fail("invalid-constraint", { reason: question.constraintMessage ?? "none" });
}

function parseAnswer(question: Question, input: string, context: ValidationContext): Validation {
  switch (question.type) {
    case "text":
      return input.length > question.maxLength
        ? fail("invalid-text-too-long", { max: question.maxLength, length: input.length })
        : { ok: true, value: input };
    case "choice": {
      const option = matchOption(context.options, input);
      return option ? { ok: true, value: option.id } : fail("invalid-choice", { count: context.options.length });
    }
    case "integer": {
      const parsed = parseWholeNumber(input);
      if (parsed === undefined) return fail("invalid-integer");
      if (parsed < question.min || parsed > question.max) return fail("invalid-integer-range", { min: question.min, max: question.max });
      const floor = question.atLeast ? context.reads.answer(question.atLeast) : undefined;
      if (typeof floor === "number" && parsed < floor) return fail("invalid-integer-at-least", { min: floor });
      return { ok: true, value: parsed };
    }
    case "month":
      return validateMonth(input, context.today);
    case "phone": {
      const phone = normalizePhone(input);
      return phone ? { ok: true, value: phone } : fail("invalid-phone");
    }
    case "email": {
      const email = input.toLowerCase();
      return /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/.test(email) && email.length <= 254 ? { ok: true, value: email } : fail("invalid-email");
    }
    case "decimal": {
      // "12,5" as Vietnamese writes it, or "12.5".
      const match = /^-?\d+(?:[.,]\d+)?$/.exec(input.replace(/\s+/g, ""));
      return match ? { ok: true, value: Number(match[0].replace(",", ".")) } : fail("invalid-decimal");
    }
    case "date":
      return validateDate(input);
    case "acknowledge":
      return ACKNOWLEDGED.has(foldName(input)) ? { ok: true, value: "OK" } : fail("invalid-acknowledge");
    case "calculate":
      // Worked out, never asked: nothing an officer types is its answer.
      return fail("invalid-empty");
    case "image":
      // A picture is sent, not described: a caption or a file name typed is no photo.
      return fail("invalid-image");
    case "geopoint":
      return parseGeopoint(input);
    case "multi": {
      const parts = input.split(/[,;\s]+/).filter(Boolean);
      const chosen = parts.map((part) => matchOption(context.options, part));
      if (!parts.length || chosen.some((option) => option === undefined)) return fail("invalid-multi", { count: context.options.length });
      const ids = [...new Set(chosen.map((option) => option?.id))];
      // In the order of the options, as a select_multiple keeps them.
      return {
        ok: true,
        value: context.options
          .filter((option) => ids.includes(option.id))
          .map((option) => option.id)
          .join(" "),
      };
    }
  }
}

/**
 * "21.0285, 105.8542", "21.0285,105.8542", "21.0285 105.8542", "21.0285° 105.8542°", and with
 * decimal commas when a space alone parts the two ("21,0285 105,8542"): latitude first, as maps
 * copy them. A comma between two whole numbers with no space ("21,02") could be either, and is
 * refused. Read after the spacing is made single, so that no run of spaces is tried many ways.
 */
const POINT_BY_SEPARATOR = /^(-?\d{1,3}(?:\.\d+)?) ?[,;] ?(-?\d{1,3}(?:\.\d+)?)$/;
const POINT_BY_SPACE = /^(-?\d{1,3}(?:[.,]\d+)?) (-?\d{1,3}(?:[.,]\d+)?)$/;
/** Longer than any way of writing two coordinates: not read at all. */
const POINT_LONGEST = 64;

function parseGeopoint(input: string): Validation {
  if (input.length > POINT_LONGEST) return fail("invalid-geopoint");
  const text = input.replaceAll("°", " ").replace(/\s+/g, " ").trim();
  const separated = POINT_BY_SEPARATOR.exec(text);
  // "21,02": a comma with no space between two whole numbers is a decimal comma as likely as a separator.
  const ambiguous = separated !== null && !/[.;]| /.test(text);
  const [, latitude, longitude] = (ambiguous ? null : separated) ?? POINT_BY_SPACE.exec(text) ?? [];
  if (latitude === undefined || longitude === undefined) return fail("invalid-geopoint");
  return pointOf(Number(latitude.replace(",", ".")), Number(longitude.replace(",", ".")));
}

/** A place as XLSForm writes a geopoint: "lat lon", decimal degrees to six places (about 10 cm). */
function pointOf(latitude: number, longitude: number): Validation {
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180)
    return fail("invalid-geopoint-range");
  const degrees = (value: number) => String(Number(value.toFixed(6)));
  return { ok: true, value: `${degrees(latitude)} ${degrees(longitude)}` };
}

const DATE_PATTERN = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/;

/** dd/mm/yyyy as Vietnamese writes dates, stored as yyyy-mm-dd as XLSForm keeps them. */
function validateDate(input: string): Validation {
  const [, day, month, year] = DATE_PATTERN.exec(input) ?? [];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (!day || date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1) return fail("invalid-date");
  return { ok: true, value: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}

/** "2", "Đáp ứng một phần", "dap ung mot phan" or a unique beginning such as "chưa đáp". */
export function matchOption(options: readonly Option[], input: string): Option | undefined {
  const trimmed = input.trim();
  if (/^\d+$/.test(trimmed)) return options[Number(trimmed) - 1];
  const folded = foldName(trimmed);
  if (!folded) return undefined;
  const exact = options.find((option) => foldName(option.text) === folded);
  if (exact) return exact;
  const starting = options.filter((option) => foldName(option.text).startsWith(folded));
  return folded.length >= 3 && starting.length === 1 ? starting[0] : undefined;
}

/**
 * Digits, optionally grouped by thousands with ".", "," or spaces as Vietnamese writes them, and
 * the unit after them left aside: "30 xã" is 30, "1.200 thiết bị" is 1200.
 */
export function parseWholeNumber(input: string): number | undefined {
  const compact = input
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^(\d[\d., ]*?)\s*\p{L}[\p{L} ]*\.?$/u, "$1")
    .trim();
  if (/^\d+$/.test(compact)) return Number(compact);
  if (/^\d{1,3}([., ]\d{3})+$/.test(compact)) return Number(compact.replace(/[., ]/g, ""));
  return undefined;
}

const MONTH_PATTERN = /^(?:(?:tháng|thang|t)\s*)?(\d{1,2})\s*(?:[/.\-\s]|\s*n[aă]m\s*)\s*(\d{4})$/i;
/** "quý 2 năm 2027", "quý II/2027", "Q2-2027". */
const QUARTER_PATTERN = /^(?:qu[yý]|q)\s*(1|2|3|4|i{1,3}|iv)\s*(?:[/.\-\s]|\s*n[aă]m\s*)\s*(\d{4})$/i;
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

const pad = (month: number) => String(month).padStart(2, "0");

function validateMonth(input: string, today: { year: number; month: number }): Validation {
  const [, which, quarterYear] = QUARTER_PATTERN.exec(input) ?? [];
  if (which && quarterYear) {
    // A quarter is offered as its last month, for the officer to confirm.
    const number = ROMAN[which.toLowerCase()] ?? Number(which);
    const last = `${pad(number * 3)}/${quarterYear}`;
    // The year as written: a number would be grouped by thousands ("2.027").
    return fail("invalid-month-quarter", { quarter: number, year: quarterYear, month: last }, last);
  }
  const alone = /^(?:(?:tháng|thang|t)\s*)?(\d{1,2})$/i.exec(input);
  if (alone && Number(alone[1]) >= 1 && Number(alone[1]) <= 12) {
    // The month without its year: the next such month, as an example of what to type.
    const month = Number(alone[1]);
    const year = month >= today.month ? today.year : today.year + 1;
    return fail("invalid-month-no-year", { example: `${pad(month)}/${year}` });
  }
  const match = MONTH_PATTERN.exec(input);
  if (!match) return fail("invalid-month");
  const month = Number(match[1]);
  const year = Number(match[2]);
  if (month < 1 || month > 12) return fail("invalid-month");
  const lastYear = today.year + MONTH_RANGE.yearsAhead;
  if (year < MONTH_RANGE.firstYear || year > lastYear || (year === lastYear && month > today.month)) {
    return fail("invalid-month-range", { from: `01/${MONTH_RANGE.firstYear}`, to: `${String(today.month).padStart(2, "0")}/${lastYear}` });
  }
  return { ok: true, value: `${year}-${String(month).padStart(2, "0")}` };
}

/** How a stored answer reads back: an option's text, a month as MM/YYYY, a phone number grouped. */
export function displayAnswer(question: Question, value: AnswerValue, options: readonly Option[]): string {
  switch (question.type) {
    case "choice":
      return options.find((option) => option.id === value)?.text ?? String(value);
    case "multi":
      return String(value)
        .split(" ")
        .map((id) => options.find((option) => option.id === id)?.text ?? id)
        .join("; ");
    case "date": {
      const [year, month, day] = String(value).split("-");
      return `${day}/${month}/${year}`;
    }
    case "decimal":
      return Number(value).toLocaleString("vi-VN");
    case "month": {
      const [year, month] = String(value).split("-");
      return `${month}/${year}`;
    }
    case "integer":
      return Number(value).toLocaleString("vi-VN");
    case "calculate":
      return typeof value === "number" ? value.toLocaleString("vi-VN") : value;
    case "phone":
      return formatPhone(String(value));
    case "image":
      // The reference is the messenger's or the store's, nothing a person reads: the export links it (src/reports/answer-links.ts).
      return "📷";
    default:
      return String(value);
  }
}
