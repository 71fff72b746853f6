import { describe, expect, it } from "vitest";
import { type Answer, ExpressionError, holds, parseExpression, readsSelf, references } from "../../src/form/xlsform/expression.js";
import { translatorFor } from "../../src/i18n.js";

const scope = (answers: Record<string, Answer>, self?: Answer) => ({ answer: (name: string) => answers[name], self });
const check = (source: string, answers: Record<string, Answer> = {}, self?: Answer) => holds(parseExpression(source), scope(answers, self));
const errorOf = (source: string): { message: string; at: number } | undefined => {
  try {
    parseExpression(source);
    return undefined;
  } catch (error) {
    if (error instanceof ExpressionError) return { message: translatorFor("en")(error.key, error.params), at: error.at };
    throw error;
  }
};

describe("XLSForm expressions", () => {
  it("read the kind of agency reporting with agency-kind()", () => {
    const asked = (kind: string) => holds(parseExpression("agency-kind() = 'ministry'"), { answer: () => undefined, agencyKind: kind });
    expect(asked("ministry")).toBe(true);
    expect(asked("province")).toBe(false);
    expect(errorOf("agency-kind(1)")?.message).toBe("agency-kind() takes 0 arguments");
  });

  it("compare answers as numbers where one side is a number, as text otherwise", () => {
    expect(check("${age} >= 18", { age: 20 })).toBe(true);
    expect(check("${age} >= 18", { age: "17" })).toBe(false);
    expect(check("${age} > 0", {})).toBe(false);
    expect(check("${status} = 'met'", { status: "met" })).toBe(true);
    expect(check("${status} != 'met'", { status: "partial" })).toBe(true);
    expect(check(". <= 100 and . >= 0", {}, 55)).toBe(true);
    expect(check(". <= 100 and . >= 0", {}, 155)).toBe(false);
  });

  it("combine with and, or, not() and parentheses, and binds and tighter than or", () => {
    expect(check("${a} = 1 or ${b} = 1 and ${c} = 1", { a: 1, b: 0, c: 0 })).toBe(true);
    expect(check("(${a} = 1 or ${b} = 1) and ${c} = 1", { a: 1, b: 0, c: 0 })).toBe(false);
    expect(check("not(${a} = 1)", { a: 2 })).toBe(true);
    expect(check("${a} + ${b} * 2 = 7", { a: 1, b: 3 })).toBe(true);
    expect(check("${a} - 1 = 4", { a: 5 })).toBe(true);
  });

  it("read select_multiple answers with selected() and count-selected(), and text with string-length()", () => {
    const answers = { systems: "cong dvc csdl" };
    expect(check("selected(${systems}, 'dvc')", answers)).toBe(true);
    expect(check("selected(${systems}, 'khac')", answers)).toBe(false);
    expect(check("count-selected(${systems}) >= 2", answers)).toBe(true);
    expect(check("count-selected(${systems}) >= 1", {})).toBe(false);
    expect(check("selected(${systems}, ${wanted})", { ...answers, wanted: "csdl" })).toBe(true);
    expect(check("selected(${systems}, 'cong dvc')", answers)).toBe(false);
    expect(check("string-length(.) <= 5", {}, "Hà Nội")).toBe(false);
    expect(check("string-length(.) <= 6", {}, "Hà Nội")).toBe(true);
  });

  it("list the names they read, and whether they read the answer being checked", () => {
    const expression = parseExpression("${a} = 1 and selected(${b}, 'x') or ${a} > count-selected(.)");
    expect(references(expression)).toEqual(["a", "b"]);
    expect(readsSelf(expression)).toBe(true);
    expect(readsSelf(parseExpression("${a} = 1"))).toBe(false);
  });

  it("refuse what a chat form does not support, saying where", () => {
    expect(errorOf("${a} = ")).toEqual({ message: "the expression ends where a value was expected", at: 7 });
    expect(errorOf("today() > ${a}")).toEqual({ message: "the function today() is not supported", at: 0 });
    expect(errorOf("selected(${a})")).toEqual({ message: "selected() takes 2 arguments", at: 0 });
    expect(errorOf("${a} = 'x")).toEqual({ message: "a quoted text that is never closed", at: 7 });
    expect(errorOf("$a = 1")).toEqual({ message: "a reference is written ${name}", at: 0 });
    expect(errorOf("/data/a = 1")?.message).toBe('"/" is not part of the expressions a chat form supports');
    expect(errorOf("${a} = 1 2")).toEqual({ message: "more after the end of the expression", at: 9 });
    expect(errorOf("yes = 1")?.message).toBe('"yes" is neither a reference (${name}) nor a function');
  });
});
