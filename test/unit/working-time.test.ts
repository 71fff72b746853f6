import { describe, expect, it } from "vitest";
import { addWorkingHours, CalendarError, nextWorkingMoment, parseCalendar, workingMsBetween } from "../../src/domain/working-time.js";

const calendar = parseCalendar("Asia/Ho_Chi_Minh", "1-5", "07:30-17:00", "2026-12-31,2027-01-01");
/** A moment in Hà Nội local time. */
const at = (local: string) => new Date(`${local}+07:00`).getTime();
const HOUR = 3_600_000;

describe("working time of government offices", () => {
  it("adds hours inside one working day", () => {
    expect(addWorkingHours(calendar, at("2026-11-23T08:00:00"), 4)).toBe(at("2026-11-23T12:00:00"));
  });

  it("carries what is left past 17:00 to 07:30 the next working day", () => {
    expect(addWorkingHours(calendar, at("2026-11-23T15:00:00"), 4)).toBe(at("2026-11-24T09:30:00"));
  });

  it("skips the weekend and holidays", () => {
    expect(addWorkingHours(calendar, at("2026-11-27T16:00:00"), 2)).toBe(at("2026-11-30T08:30:00"));
    expect(addWorkingHours(calendar, at("2026-12-30T16:00:00"), 2)).toBe(at("2027-01-04T08:30:00"));
  });

  it("starts counting at the next working moment when asked at night or on Sunday", () => {
    expect(addWorkingHours(calendar, at("2026-11-24T02:00:00"), 1)).toBe(at("2026-11-24T08:30:00"));
    expect(nextWorkingMoment(calendar, at("2026-11-29T10:00:00"))).toBe(at("2026-11-30T07:30:00"));
    expect(nextWorkingMoment(calendar, at("2026-11-23T10:00:00"))).toBe(at("2026-11-23T10:00:00"));
    expect(nextWorkingMoment(calendar, at("2026-11-23T17:00:00"))).toBe(at("2026-11-24T07:30:00"));
  });

  it("measures working time between two moments", () => {
    expect(workingMsBetween(calendar, at("2026-11-27T16:00:00"), at("2026-11-30T08:30:00"))).toBe(2 * HOUR);
    expect(workingMsBetween(calendar, at("2026-11-23T18:00:00"), at("2026-11-23T20:00:00"))).toBe(0);
  });

  it("works round the clock when configured so, for tests and for 24/7 desks", () => {
    const always = parseCalendar("Asia/Ho_Chi_Minh", "1-7", "00:00-24:00", "");
    expect(addWorkingHours(always, at("2026-11-29T23:00:00"), 2)).toBe(at("2026-11-30T01:00:00"));
  });

  it.each([
    ["8-9", "07:30-17:00", ""],
    ["1-5", "17:00-07:30", ""],
    ["1-5", "7h-17h", ""],
    ["1-5", "07:30-17:00", "31/12/2026"],
  ])("refuses the calendar %s %s %s", (days, hours, holidays) => {
    expect(() => parseCalendar("Asia/Ho_Chi_Minh", days, hours, holidays)).toThrow(CalendarError);
  });
});
