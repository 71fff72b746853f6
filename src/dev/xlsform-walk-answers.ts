import { plainText } from "../channels/text.js";
import type { Form, Question } from "../form/schema.js";
import type { Button, ChatMessage } from "./xlsform-walk-chat.js";

/**
 * What the walker answers a question screen with, by the question's type: plausible values first,
 * others after them for when a constraint refuses one; and how each answer should read in the
 * export, worked out from what the walker typed or saw, never from the bot's own display code.
 */

export type Send =
  | { kind: "text"; text: string }
  | { kind: "press"; data: string }
  | { kind: "photo"; fileId: string }
  | { kind: "location"; latitude: number; longitude: number };

export interface Expectation {
  /** The answer as the walker gave it, for a report of what went missing. */
  shown: string;
  /** Whether an export cell (as text) holds this answer. */
  found(cell: string): boolean;
}

export interface Attempt {
  send: Send;
  expect: Expectation;
}

const exactly = (shown: string): Expectation => ({ shown, found: (cell) => cell.trim() === shown });

/** "1.234,5" as Vietnamese writes numbers (and "12.5" as a number cell may read) to a number. */
const viNumber = (cell: string): number => {
  const text = cell.trim().replace(/\s/g, "");
  return Number(
    /,/.test(text) ? text.replace(/\./g, "").replace(",", ".") : /^\d{1,3}(\.\d{3})+$/.test(text) ? text.replace(/\./g, "") : text,
  );
};

const numberExpected = (typed: string, value: number): Expectation => ({ shown: typed, found: (cell) => viNumber(cell) === value });

const digits = (text: string) => text.replace(/\D/g, "");

/** The options a question screen offers, by their numbers: their words on the buttons, or in the text when too long for one. */
export function offeredOptions(screen: ChatMessage): { number: number; button?: Button; text: string }[] {
  const listed = new Map<number, string>();
  for (const line of screen.text.split("\n")) {
    const [, number, text] = /^(\d+)\. (.+)$/.exec(line) ?? [];
    if (number && text) listed.set(Number(number), plainText(text));
  }
  const buttons = screen.buttons.flatMap((button) => {
    const number = Number(/^f:\d+:opt:(\d+)$/.exec(button.data)?.[1]);
    return number ? [{ number, button, text: /^\d+$/.test(button.text) ? (listed.get(number) ?? button.text) : button.text }] : [];
  });
  if (buttons.length) return buttons;
  // Several options are typed by number: all of them are in the text.
  return [...listed].map(([number, text]) => ({ number, text }));
}

const INTEGERS = [12, 1, 5, 3, 2, 0, 10, 20, 50, 100, 1000, 2026];
const DECIMALS = ["12,5", "1", "0,5", "0", "50", "100", "99,5", "1000"];
const DATES = ["15/03/2026", "01/06/2026", "01/01/2024", "20/11/1990", "01/01/2030"];
const MONTHS = ["06/2026", "12/2025", "01/2027", "01/2021"];
const TEXTS = ["abc", "Hà Nội", "12345", "x"];
const PLACE = { latitude: 21.0285, longitude: 105.8542 };

/**
 * The bounds a simple constraint sets on the answer (". >= 20 and . <= 40", "0 < ."): a value
 * inside them is tried first. One with `or` sets none the walker can trust; the refusals then
 * find a value.
 */
export function constraintBounds(constraint: string | undefined, step: number): { low?: number; high?: number } {
  if (!constraint || /\bor\b/.test(constraint)) return {};
  const bounds: { low?: number; high?: number } = {};
  const bound = (op: string, value: number) => {
    if (op === ">=" || op === ">") bounds.low = Math.max(bounds.low ?? -Infinity, op === ">" ? value + step : value);
    if (op === "<=" || op === "<") bounds.high = Math.min(bounds.high ?? Infinity, op === "<" ? value - step : value);
  };
  const flipped: Record<string, string> = { ">=": "<=", ">": "<", "<=": ">=", "<": ">" };
  for (const [, op = "", value] of constraint.matchAll(/(?:^|[^.\w])\.\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)/g)) bound(op, Number(value));
  for (const [, value, op = ""] of constraint.matchAll(/(-?\d+(?:\.\d+)?)\s*(>=|<=|>|<)\s*\.(?![\w.])/g))
    bound(flipped[op] ?? op, Number(value));
  return bounds;
}

/** `preferred` moved inside the bounds, when they leave room for a value. */
function within(preferred: number, { low, high }: { low?: number; high?: number }): number | undefined {
  if (low !== undefined && high !== undefined && low > high) return undefined;
  return Math.min(Math.max(preferred, low ?? -Infinity), high ?? Infinity);
}

/**
 * The attempts for one question screen, best first. `serial` makes each text answer its own, so
 * that an answer found in the export is that answer and not another that reads the same.
 */
export function attemptsFor(form: Form, question: Question, screen: ChatMessage, serial: number): Attempt[] {
  const typed = (text: string, expect: Expectation = exactly(text)): Attempt => ({ send: { kind: "text", text }, expect });
  // Types the schema may not have yet are read as the words they are.
  const type: string = question.type;
  switch (type) {
    case "choice": {
      const options = offeredOptions(screen).filter((option) => option.button);
      // "Other" first where the question has it: its "specify" question is then asked too.
      const other = form.optionSets[(question as { options: string }).options]?.find((option) => option.id === "other")?.text;
      const ordered = [...options.filter((option) => option.text === other), ...options.filter((option) => option.text !== other)];
      return ordered.map((option) => ({ send: { kind: "press", data: option.button?.data ?? "" }, expect: exactly(option.text) }));
    }
    case "multi": {
      const options = offeredOptions(screen);
      const pick = (chosen: typeof options) =>
        typed(
          chosen.map((option) => option.number).join(", "),
          exactly(
            [...chosen]
              .sort((a, b) => a.number - b.number)
              .map((option) => option.text)
              .join("; "),
          ),
        );
      return [options.slice(0, 2), ...options.map((option) => [option])].filter((chosen) => chosen.length).map(pick);
    }
    case "integer": {
      const { min, max } = question as { min: number; max: number };
      const fits = within(12, constraintBounds(question.constraint, 1));
      const first = fits === undefined ? [] : [Math.ceil(fits)];
      const values = [...new Set([...first, ...INTEGERS, min, max].filter((value) => value >= min && value <= max))];
      return values.map((value) => typed(String(value), numberExpected(String(value), value)));
    }
    case "decimal": {
      const fits = within(12.5, constraintBounds(question.constraint, 0.5));
      const first = fits === undefined ? [] : [String(fits).replace(".", ",")];
      return [...new Set([...first, ...DECIMALS])].map((text) => typed(text, numberExpected(text, Number(text.replace(",", ".")))));
    }
    case "date":
      return DATES.map((text) => typed(text));
    case "month":
      return MONTHS.map((text) => typed(text));
    case "phone":
      return ["0912345678", "0243 825 1234"].map((text) => typed(text, { shown: text, found: (cell) => digits(cell) === digits(text) }));
    case "email":
      return [typed("vanphong@example.gov.vn")];
    case "acknowledge": {
      const button = screen.buttons.find((candidate) => /^f:\d+:ans:OK$/.test(candidate.data));
      return [...(button ? [{ send: { kind: "press", data: button.data } as Send, expect: exactly("OK") }] : []), typed("OK")];
    }
    case "image": {
      // The workbook links the photo: any link is it, since the walker cannot know the bot's.
      const linked: Expectation = { shown: "(a photo)", found: (cell) => cell.trim() !== "" };
      return [{ send: { kind: "photo", fileId: `walk-photo-${serial}` }, expect: linked }];
    }
    case "geopoint": {
      const there: Expectation = {
        shown: `${PLACE.latitude}, ${PLACE.longitude}`,
        found: (cell) =>
          [PLACE.latitude, PLACE.longitude].every((value) => (cell.match(/-?\d+(?:[.,]\d+)?/g) ?? []).some((n) => viNumber(n) === value)),
      };
      return [{ send: { kind: "location", ...PLACE }, expect: there }, typed(`${PLACE.latitude}, ${PLACE.longitude}`, there)];
    }
    default:
      return [typed(`Trả lời thử ${serial}`), ...TEXTS.map((text) => typed(text))];
  }
}
