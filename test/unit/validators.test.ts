import { describe, expect, it } from "vitest";
import { normalizePhone } from "../../src/domain/phone.js";
import type { Question } from "../../src/form/schema.js";
import { displayAnswer, matchOption, parseWholeNumber, type ValidationContext, validateAnswer } from "../../src/form/validators.js";

const context: ValidationContext = {
  today: { year: 2026, month: 11 },
  options: [
    { id: "met", text: "Đã đáp ứng" },
    { id: "partial", text: "Đáp ứng một phần" },
    { id: "not_met", text: "Chưa đáp ứng" },
  ],
  reads: { answer: (name) => (name === "officesLacking" ? 5 : undefined) },
};
const base = { id: "q", text: "Q", optional: false } as const;
const check = (question: Question, raw: string) => validateAnswer(question, raw, context);

describe("validators", () => {
  it.each([
    ["0912160927", "0912160927"],
    ["0912 160 927", "0912160927"],
    ["0888.736.123", "0888736123"],
    ["+84 912 160 927", "0912160927"],
    ["84347123482", "0347123482"],
    ["024 3943 4567", "02439434567"],
  ])("accepts the phone number %s as %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it("reads a phone number back grouped as people write it", () => {
    expect(displayAnswer({ ...base, type: "phone" }, "0912160927", [])).toBe("0912 160 927");
    expect(displayAnswer({ ...base, type: "phone" }, "02439434567", [])).toBe("024 3943 4567");
  });

  it.each(["09763099791", "091216092", "1912160927", "0112345678", "phone", "0912-160-92x"])("refuses the phone number %s", (input) => {
    expect(normalizePhone(input)).toBeUndefined();
    expect(check({ ...base, type: "phone" }, input)).toEqual({ ok: false, reason: "invalid-phone" });
  });

  it.each([
    ["tqtuan@mic.gov.vn", true],
    ["TQTU@MIC.GOV.VN", true],
    ["tqtuan@mic", false],
    ["tqtuan mic.gov.vn", false],
    ["@mic.gov.vn", false],
  ])("e-mail %s valid: %s", (input, valid) => {
    expect(check({ ...base, type: "email" }, input).ok).toBe(valid);
  });

  it.each([
    ["6/2023", "2023-06"],
    ["06/2023", "2023-06"],
    ["tháng 6/2023", "2023-06"],
    ["T12-2027", "2027-12"],
    ["11/2031", "2031-11"],
  ])("reads the month %s as %s", (input, expected) => {
    expect(check({ ...base, type: "month" }, input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["6/023", "invalid-month"],
    ["13/2024", "invalid-month"],
    ["2024", "invalid-month"],
    ["12/2031", "invalid-month-range"],
    ["12/2019", "invalid-month-range"],
    ["1/2099", "invalid-month-range"],
  ])("refuses the month %s (%s)", (input, reason) => {
    expect(check({ ...base, type: "month" }, input)).toMatchObject({ ok: false, reason });
  });

  it("reads whole numbers as Vietnamese writes them and refuses the rest", () => {
    expect(parseWholeNumber("1.200")).toBe(1200);
    expect(parseWholeNumber("1 200 000")).toBe(1_200_000);
    expect(parseWholeNumber("42")).toBe(42);
    expect(parseWholeNumber("-3")).toBeUndefined();
    expect(parseWholeNumber("1.5")).toBeUndefined();
    expect(parseWholeNumber("mười")).toBeUndefined();
    const integer: Question = { ...base, type: "integer", min: 0, max: 1000, atLeast: "officesLacking" };
    expect(check(integer, "7")).toEqual({ ok: true, value: 7 });
    expect(check(integer, "4")).toMatchObject({ ok: false, reason: "invalid-integer-at-least", params: { min: 5 } });
    expect(check(integer, "1001")).toMatchObject({ ok: false, reason: "invalid-integer-range" });
    expect(check(integer, "-1")).toMatchObject({ ok: false, reason: "invalid-integer" });
  });

  it("leaves the unit after a number aside: 30 xã is 30", () => {
    expect(parseWholeNumber("30 xã")).toBe(30);
    expect(parseWholeNumber("1.200 thiết bị")).toBe(1200);
    expect(parseWholeNumber("12 cơ quan.")).toBe(12);
    // A word before the number, or a second number, is no unit: refused, not guessed.
    expect(parseWholeNumber("khoảng 30")).toBeUndefined();
    expect(parseWholeNumber("30 xã 2 huyện")).toBeUndefined();
  });

  it("offers a quarter as its last month to confirm, and asks for the year of a month typed alone", () => {
    const month: Question = { ...base, type: "month" };
    expect(check(month, "quý 2 năm 2027")).toEqual({
      ok: false,
      reason: "invalid-month-quarter",
      params: { quarter: 2, year: "2027", month: "06/2027" },
      proposal: "06/2027",
    });
    expect(check(month, "Quý IV/2026")).toMatchObject({ ok: false, proposal: "12/2026" });
    // The proposal, sent back as the answer, is taken.
    expect(check(month, "06/2027")).toEqual({ ok: true, value: "2027-06" });
    expect(check(month, "tháng 6 năm 2027")).toEqual({ ok: true, value: "2027-06" });
    // "3" on a month question is March without its year: never a menu line, never the answer alone.
    expect(check(month, "3")).toEqual({ ok: false, reason: "invalid-month-no-year", params: { example: "03/2027" } });
    expect(check(month, "12")).toEqual({ ok: false, reason: "invalid-month-no-year", params: { example: "12/2026" } });
  });

  it("limits free text and refuses an empty answer", () => {
    const text: Question = { ...base, type: "text", maxLength: 10 };
    expect(check(text, "  Sở TTTT  ")).toEqual({ ok: true, value: "Sở TTTT" });
    expect(check(text, "x".repeat(11))).toMatchObject({ ok: false, reason: "invalid-text-too-long", params: { max: 10 } });
    expect(check(text, "   ")).toEqual({ ok: false, reason: "invalid-empty" });
  });

  it("matches an option by number, by its text without accents, or by a unique beginning", () => {
    expect(matchOption(context.options, "2")?.id).toBe("partial");
    expect(matchOption(context.options, "chua dap ung")?.id).toBe("not_met");
    expect(matchOption(context.options, "Đáp ứng MỘT")?.id).toBe("partial");
    expect(matchOption(context.options, "4")).toBeUndefined();
    expect(matchOption(context.options, "đá")).toBeUndefined();
    expect(matchOption(context.options, "hoàn thành")).toBeUndefined();
    expect(check({ ...base, type: "choice", options: "compliance" }, "9")).toMatchObject({ ok: false, reason: "invalid-choice" });
  });
});
