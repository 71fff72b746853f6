import type { Question } from "./schema.js";
import { constrained, fail, type Validation, type ValidationContext, validateAnswer } from "./validators.js";

/**
 * XLSForm's `default`, as the chat serves it: never stored by itself, but offered on the question's
 * screen as a one-tap answer (src/form/views.ts), which the officer may take or pass over. The
 * default is written as XLSForm stores the answer (a choice's name, `2026-12-31`, `21.0285 105.8542`);
 * it is taken as the officer's own answer would be, so it meets the question's type, bounds and
 * constraint, and a choice a choice_filter does not offer now is not offered either.
 */

/** A default worked out from the form (`${name}`, `today()`): the chat offers a value written out, not an expression. */
export const DYNAMIC_DEFAULT = /\$\{|(?:^|[^\p{L}\p{N}_])[A-Za-z_][A-Za-z0-9_:-]*\(/u;

/** The default as this question's answer, or why the question would refuse it; undefined when it has none. */
export function defaultAnswer(question: Question, context: ValidationContext): Validation | undefined {
  const written = question.default?.trim();
  if (written === undefined) return undefined;
  switch (question.type) {
    case "choice":
    case "multi": {
      const names = written.split(/\s+/).filter(Boolean);
      const offered = context.options.filter((option) => names.includes(option.id));
      const single = question.type === "choice";
      if ((single && names.length !== 1) || new Set(names).size !== offered.length)
        return fail(single ? "invalid-choice" : "invalid-multi", { count: context.options.length });
      return constrained(question, { ok: true, value: offered.map((option) => option.id).join(" ") }, context);
    }
    case "integer":
      // XPath writes a whole number plainly: "1.200" is no integer default, though an officer may type it.
      return /^-?\d+$/.test(written) ? validateAnswer(question, written, context) : fail("invalid-integer");
    case "decimal":
      return /^-?\d+(?:\.\d+)?$/.test(written) ? validateAnswer(question, written, context) : fail("invalid-decimal");
    case "date": {
      const [, year, month, day] = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00)?)?$/.exec(written) ?? [];
      return day ? validateAnswer(question, `${day}/${month}/${year}`, context) : fail("invalid-date");
    }
    case "month": {
      // A month-year date stores a date: its day is left aside.
      const [, year, month] = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(written) ?? [];
      return month ? validateAnswer(question, `${month}/${year}`, context) : fail("invalid-month");
    }
    case "geopoint": {
      // ODK's geopoint is "lat lon altitude accuracy": the chat keeps the place.
      const [latitude, longitude] = written.split(/\s+/);
      return longitude ? validateAnswer(question, `${latitude} ${longitude}`, context) : fail("invalid-geopoint");
    }
    case "image":
    case "calculate":
      return fail("invalid-empty");
    default:
      return validateAnswer(question, written, context);
  }
}
