import { setFlagsFromString } from "node:v8";

/**
 * The XLSForm expressions a chat needs, for `relevant` and `constraint`: `${name}` for an answer,
 * `.` for the answer being checked, numbers and quoted strings, `=` `!=` `<` `<=` `>` `>=`,
 * `and` `or`, `+` `-` `*` `div` `mod`, parentheses, and the functions `not()`, `selected()`,
 * `count-selected()`, `string-length()`, `if()`, `concat()`, `round()`, `coalesce()` and `regex()`; and one of ours, `agency-kind()`: "province" or
 * "ministry", the kind of agency reporting (4.2 of form 488 is for ministries). Anything else is refused when the form is imported,
 * with where it is, so a form never fails in front of an officer.
 *
 * Values follow XPath 1.0 as ODK does, simplified: an unanswered question is "", a
 * select_multiple answer is its choice names separated by spaces, a comparison with a number
 * compares numbers (and is false when either side is not one), and "" and 0 are false.
 */

export type Expression =
  | { kind: "ref"; name: string }
  | { kind: "self" }
  /** A column of the choice being filtered (`name`, or `province` on a list of districts): a choice_filter only. */
  | { kind: "field"; name: string }
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "binary"; op: BinaryOp; left: Expression; right: Expression }
  | { kind: "negate"; operand: Expression }
  | { kind: "call"; fn: FunctionName; args: Expression[] };

type BinaryOp = "or" | "and" | "=" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "div" | "mod";
type FunctionName = keyof typeof FUNCTIONS;

/** Names and how many arguments each takes (at least, at most): the last four are what calculations use most. */
const FUNCTIONS = {
  not: [1, 1],
  selected: [2, 2],
  "count-selected": [1, 1],
  "string-length": [1, 1],
  "agency-kind": [0, 0],
  if: [3, 3],
  concat: [1, 20],
  round: [1, 2],
  coalesce: [2, 2],
  regex: [2, 2],
} as const;

// V8's linear-time regular expression engine (the `l` flag), so that no pattern a workbook brings can
// keep the process busy on an officer's answer: it takes no backreferences or lookarounds, nor large
// counted repetitions, and such patterns are refused at import. Set before any pattern is compiled.
setFlagsFromString("--enable-experimental-regexp-engine");

/**
 * `regex(., 'pattern')`: the pattern written in quotes, tried anywhere in the answer (ODK's examples
 * anchor theirs with `^` and `$`) by the linear-time engine, whatever the answer's length. Refused
 * at import: a pattern JavaScript does not read (checked with the `u` flag, as a modern reader
 * would), one that needs its Unicode mode (`\p{…}`, `\u{…}`: the linear engine has none, and
 * without it they mean other things), one the linear engine cannot run, and a long one.
 */
const PATTERN_LONGEST = 200;

function checkPattern(pattern: Expression | undefined, at: number): RegExp {
  if (pattern?.kind !== "string") throw new ExpressionError("xls-expr-regex-quoted", {}, at);
  const { value } = pattern;
  if (value.length > PATTERN_LONGEST) throw new ExpressionError("xls-expr-regex-long", { most: PATTERN_LONGEST }, at);
  try {
    new RegExp(value, "u");
  } catch {
    throw new ExpressionError("xls-expr-regex-invalid", { pattern: value }, at);
  }
  if (/\\[pPu]\{/.test(value)) throw new ExpressionError("xls-expr-regex-unicode", { pattern: value }, at);
  try {
    return new RegExp(value, "l");
  } catch {
    throw new ExpressionError("xls-expr-regex-slow", { pattern: value }, at);
  }
}

/** Why an expression does not parse: a message key of locales/<language>/xlsform.ftl, so the secretariat reads it in its language. */
export class ExpressionError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number>,
    /** Where in the expression (0-based). */
    readonly at: number,
  ) {
    super(key);
  }
}

type Token =
  | { type: "ref"; name: string; at: number }
  | { type: "number"; value: number; at: number }
  | { type: "string"; value: string; at: number }
  | { type: "word"; value: string; at: number }
  | { type: "label"; name: string; at: number }
  | { type: "symbol"; value: string; at: number }
  | { type: "end"; at: number };

/**
 * A choice's label in a choice_filter, in any spelling a label column takes: `label`,
 * `label::English`, `label:English`, `label::English (en)`, `label::Tiếng Việt`. The language runs
 * to the code in parentheses, or word by word up to what is no part of a name (an operator, a
 * quote, `and`). Read as one field, `label::<language>`, whatever the colons.
 */
const LABEL_FIELD =
  /^label\s*::?\s*((?:(?!(?:and|or|div|mod)(?![\p{L}\p{N}_-]))[\p{L}\p{N}_-]+\s*)+?)(\(\s*[A-Za-z-]+\s*\))?(?=\s*(?:$|[=!<>)+*,-]|and\b|or\b))/iu;

/** The language a label field names, as written (`English (en)`), or "" for `label` alone; undefined for another field. */
export function labelLanguage(field: string): string | undefined {
  if (field.toLowerCase() === "label") return "";
  return /^label::(.+)$/i.exec(field)?.[1];
}

function tokenize(source: string, fields: boolean): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    if (/\s/.test(char)) {
      i += 1;
      continue;
    }
    const rest = source.slice(i);
    const label = fields ? LABEL_FIELD.exec(rest) : null;
    if (label) {
      const language = `${(label[1] as string).trim()}${label[2] ? ` ${label[2].replace(/\s+/g, "")}` : ""}`.replace(/\s+/g, " ");
      tokens.push({ type: "label", name: `label::${language}`, at: i });
      i += label[0].length;
      continue;
    }
    const ref = /^\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/.exec(rest);
    const number = /^\d+(\.\d+)?|^\.\d+/.exec(rest);
    const word = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(rest);
    const symbol = /^(!=|<=|>=|[=<>()+\-*,.])/.exec(rest);
    if (ref) tokens.push({ type: "ref", name: ref[1] as string, at: i });
    else if (char === "'" || char === '"') {
      const end = source.indexOf(char, i + 1);
      if (end === -1) throw new ExpressionError("xls-expr-unclosed", {}, i);
      tokens.push({ type: "string", value: source.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    } else if (number) tokens.push({ type: "number", value: Number(number[0]), at: i });
    else if (word) tokens.push({ type: "word", value: word[0], at: i });
    else if (symbol) tokens.push({ type: "symbol", value: symbol[0], at: i });
    else if (char === "$") throw new ExpressionError("xls-expr-reference", {}, i);
    else throw new ExpressionError("xls-expr-character", { char }, i);
    i += (ref ?? number ?? word ?? symbol)?.[0].length ?? 1;
  }
  tokens.push({ type: "end", at: source.length });
  return tokens;
}

/** Binding power of each binary operator: `or` binds loosest. */
const PRECEDENCE: Record<BinaryOp, number> = {
  or: 1,
  and: 2,
  "=": 3,
  "!=": 3,
  "<": 4,
  "<=": 4,
  ">": 4,
  ">=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  div: 6,
  mod: 6,
};

/** `fields`: bare words name columns of the choice being filtered, as a choice_filter writes them, and `label::<language>` its label. */
export function parseExpression(source: string, fields = false): Expression {
  const tokens = tokenize(source, fields);
  let position = 0;
  const peek = () => tokens[position] as Token;
  const take = () => tokens[position++] as Token;
  const binaryOp = (token: Token): BinaryOp | undefined => {
    const value = token.type === "symbol" || token.type === "word" ? token.value : undefined;
    return value !== undefined && value in PRECEDENCE ? (value as BinaryOp) : undefined;
  };

  const primary = (): Expression => {
    const token = take();
    switch (token.type) {
      case "ref":
        return { kind: "ref", name: token.name };
      case "label":
        return { kind: "field", name: token.name };
      case "number":
        return { kind: "number", value: token.value };
      case "string":
        return { kind: "string", value: token.value };
      case "symbol":
        if (token.value === ".") return { kind: "self" };
        if (token.value === "-") return { kind: "negate", operand: primary() };
        if (token.value === "(") {
          const inner = binary(0);
          expect(")");
          return inner;
        }
        throw new ExpressionError("xls-expr-value-expected", { token: token.value }, token.at);
      case "word": {
        if (peek().type !== "symbol" || (peek() as { value: string }).value !== "(") {
          if (fields) return { kind: "field", name: token.value };
          throw new ExpressionError("xls-expr-not-reference", { word: token.value }, token.at);
        }
        if (!(token.value in FUNCTIONS)) throw new ExpressionError("xls-expr-function", { fn: token.value }, token.at);
        take();
        const args: Expression[] = [];
        if (!isSymbol(peek(), ")")) {
          args.push(binary(0));
          while (isSymbol(peek(), ",")) {
            take();
            args.push(binary(0));
          }
        }
        expect(")");
        const fn = token.value as FunctionName;
        const [least, most] = FUNCTIONS[fn];
        if (args.length < least || args.length > most)
          throw new ExpressionError("xls-expr-arguments", { fn, count: args.length < least ? least : most }, token.at);
        if (fn === "regex") checkPattern(args[1], token.at);
        return { kind: "call", fn, args };
      }
      case "end":
        throw new ExpressionError("xls-expr-ends", {}, token.at);
    }
  };

  const binary = (minimum: number): Expression => {
    let left = primary();
    for (let op = binaryOp(peek()); op && PRECEDENCE[op] > minimum; op = binaryOp(peek())) {
      take();
      left = { kind: "binary", op, left, right: binary(PRECEDENCE[op]) };
    }
    return left;
  };

  const expect = (symbol: string) => {
    const token = take();
    if (!isSymbol(token, symbol)) throw new ExpressionError("xls-expr-expected", { symbol }, token.at);
  };

  const expression = binary(0);
  const rest = peek();
  if (rest.type !== "end") throw new ExpressionError("xls-expr-more", {}, rest.at);
  return expression;
}

const isSymbol = (token: Token, value: string) => token.type === "symbol" && token.value === value;

/** The `${name}`s an expression reads, in order, each once. */
export const references = (expression: Expression): string[] => namesRead(expression, "ref");

/** The choice columns a choice_filter reads, each once. */
export const fieldsOf = (expression: Expression): string[] => namesRead(expression, "field");

function namesRead(expression: Expression, kind: "ref" | "field"): string[] {
  const names: string[] = [];
  const visit = (node: Expression): void => {
    if (node.kind === kind && !names.includes(node.name)) names.push(node.name);
    if (node.kind === "binary") {
      visit(node.left);
      visit(node.right);
    }
    if (node.kind === "negate") visit(node.operand);
    if (node.kind === "call") node.args.forEach(visit);
  };
  visit(expression);
  return names;
}

/** Whether the expression reads `.`: a constraint must, a relevant must not. */
export function readsSelf(expression: Expression): boolean {
  if (expression.kind === "self") return true;
  if (expression.kind === "binary") return readsSelf(expression.left) || readsSelf(expression.right);
  if (expression.kind === "negate") return readsSelf(expression.operand);
  if (expression.kind === "call") return expression.args.some(readsSelf);
  return false;
}

type Value = string | number | boolean;

/** An answer as expressions see it: "" when unanswered, a select_multiple's names joined by spaces. */
export type Answer = string | number | undefined;

export interface Scope {
  /** The answer to the question of that name (in the same repeat entry, or outside any repeat). */
  answer(name: string): Answer;
  /** The answer being checked, for `.`. */
  self?: Answer;
  /** The kind of agency reporting, for `agency-kind()`. */
  agencyKind?: string;
  /** A column of the choice a choice_filter is deciding on. */
  field?(name: string): string | undefined;
}

const toNumber = (value: Value): number =>
  typeof value === "number" ? value : typeof value === "boolean" ? Number(value) : value.trim() === "" ? Number.NaN : Number(value);

const toBoolean = (value: Value): boolean =>
  typeof value === "boolean" ? value : typeof value === "number" ? value !== 0 && !Number.isNaN(value) : value !== "";

const toText = (value: Value): string => (typeof value === "string" ? value : typeof value === "number" ? String(value) : String(value));

function compare(op: "=" | "!=" | "<" | "<=" | ">" | ">=", left: Value, right: Value): boolean {
  if (typeof left === "boolean" || typeof right === "boolean") {
    const [a, b] = [toBoolean(left), toBoolean(right)];
    return op === "=" ? a === b : op === "!=" ? a !== b : compare(op, Number(a), Number(b));
  }
  if (op === "=" || op === "!=") {
    const equal = typeof left === "number" || typeof right === "number" ? toNumber(left) === toNumber(right) : left === right;
    return op === "=" ? equal : !equal;
  }
  const [a, b] = [toNumber(left), toNumber(right)];
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
}

type Compiled = (scope: Scope) => Value;

const selectedIn = (answer: string, name: string) => answer === name || answer.split(/\s+/).includes(name);

/** The expression as a function, built once, so that asking whether a question applies costs no parsing or tree walking. */
function compile(expression: Expression): Compiled {
  switch (expression.kind) {
    case "ref": {
      const { name } = expression;
      return (scope) => scope.answer(name) ?? "";
    }
    case "self":
      return (scope) => scope.self ?? "";
    case "field": {
      const { name } = expression;
      // A label reads as shown: `${name}` in it is that answer ("" unanswered), so `label != ''` leaves out a choice naming nothing yet.
      if (labelLanguage(name) !== undefined)
        return (scope) =>
          (scope.field?.(name) ?? "").replace(/\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g, (_, ref: string) => String(scope.answer(ref) ?? ""));
      return (scope) => scope.field?.(name) ?? "";
    }
    case "number":
    case "string": {
      const { value } = expression;
      return () => value;
    }
    case "negate": {
      const operand = compile(expression.operand);
      return (scope) => -toNumber(operand(scope));
    }
    case "call": {
      const [first = () => "", second = () => ""] = expression.args.map(compile);
      switch (expression.fn) {
        case "not":
          return (scope) => !toBoolean(first(scope));
        case "selected": {
          const [, name] = expression.args;
          if (name?.kind === "string") {
            const wanted = name.value.trim();
            return (scope) => selectedIn(toText(first(scope)), wanted);
          }
          return (scope) => selectedIn(toText(first(scope)), toText(second(scope)).trim());
        }
        case "count-selected":
          return (scope) => toText(first(scope)).split(/\s+/).filter(Boolean).length;
        case "string-length":
          return (scope) => [...toText(first(scope))].length;
        case "agency-kind":
          return (scope) => scope.agencyKind ?? "";
        case "if": {
          const [, , otherwise = () => ""] = expression.args.map(compile);
          return (scope) => (toBoolean(first(scope)) ? second(scope) : otherwise(scope));
        }
        case "concat": {
          const parts = expression.args.map(compile);
          return (scope) => parts.map((part) => toText(part(scope))).join("");
        }
        case "round":
          return (scope) => {
            const digits = expression.args.length > 1 ? toNumber(second(scope)) : 0;
            const factor = 10 ** (Number.isFinite(digits) ? Math.trunc(digits) : 0);
            return Math.round(toNumber(first(scope)) * factor) / factor;
          };
        case "coalesce":
          return (scope) => {
            const value = first(scope);
            return toText(value) === "" ? second(scope) : value;
          };
        case "regex": {
          const pattern = checkPattern(expression.args[1], 0);
          return (scope) => pattern.test(toText(first(scope)));
        }
      }
      break;
    }
    case "binary": {
      const { op } = expression;
      const left = compile(expression.left);
      const right = compile(expression.right);
      if (op === "or") return (scope) => toBoolean(left(scope)) || toBoolean(right(scope));
      if (op === "and") return (scope) => toBoolean(left(scope)) && toBoolean(right(scope));
      if (op === "+" || op === "-" || op === "*" || op === "div" || op === "mod") {
        const apply =
          op === "+"
            ? (a: number, b: number) => a + b
            : op === "-"
              ? (a: number, b: number) => a - b
              : op === "*"
                ? (a: number, b: number) => a * b
                : op === "div"
                  ? (a: number, b: number) => a / b
                  : (a: number, b: number) => a % b;
        return (scope) => apply(toNumber(left(scope)), toNumber(right(scope)));
      }
      return (scope) => compare(op, left(scope), right(scope));
    }
  }
  return () => "";
}

/** True when the expression holds: a question is asked, an answer accepted. */
export function holds(expression: Expression, scope: Scope): boolean {
  return toBoolean(compile(expression)(scope));
}

const values = new Map<string, (scope: Scope) => Answer>();

/**
 * What a `calculate` works out, as an answer reads: a number, or text ("true"/"false" for a
 * comparison, as ODK stores it); "" for what is no number (a sum over an unanswered question).
 */
export function calculationOf(source: string): (scope: Scope) => Answer {
  let value = values.get(source);
  if (!value) {
    const compiled = compile(parseExpression(source));
    value = (scope) => {
      const result = compiled(scope);
      if (typeof result === "boolean") return String(result);
      return typeof result === "number" && !Number.isFinite(result) ? "" : result;
    };
    values.set(source, value);
  }
  return value;
}

const conditions = new Map<string, (scope: Scope) => boolean>();

/** An expression of a form, parsed and built once per process: a form's expressions were checked when it was loaded. */
export function conditionOf(source: string, fields = false): (scope: Scope) => boolean {
  const key = `${fields ? "filter" : "plain"}:${source}`;
  let condition = conditions.get(key);
  if (!condition) {
    const compiled = compile(parseExpression(source, fields));
    condition = (scope) => toBoolean(compiled(scope));
    conditions.set(key, condition);
  }
  return condition;
}
