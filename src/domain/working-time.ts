import { TZDate } from "@date-fns/tz";

/**
 * Working time of Vietnamese government offices: some days of the week, one window a day,
 * minus public holidays, in one time zone. Timers count only this time, so a question asked on
 * Friday afternoon is not "late" on Saturday morning.
 */
export interface WorkCalendar {
  timeZone: string;
  /** ISO weekdays: 1 Monday … 7 Sunday. */
  days: ReadonlySet<number>;
  /** Minutes after midnight; `end` may be 1440 (24:00). */
  start: number;
  end: number;
  /** Local dates "YYYY-MM-DD". */
  holidays: ReadonlySet<string>;
}

const HOUR = 60 * 60 * 1000;

export class CalendarError extends Error {}

/** "1-5" or "1,2,3,4,5,6"; "07:30-17:00"; "2026-01-01,2026-04-30". */
export function parseCalendar(timeZone: string, days: string, hours: string, holidays: string): WorkCalendar {
  const dayList = days.split(",").flatMap((part) => {
    const range = /^\s*([1-7])\s*(?:-\s*([1-7]))?\s*$/.exec(part);
    if (!range) throw new CalendarError(`WORK_DAYS must be ISO weekdays like 1-5 or 1,2,3 (got "${days}")`);
    const from = Number(range[1]);
    const to = Number(range[2] ?? range[1]);
    return Array.from({ length: to - from + 1 }, (_, index) => from + index);
  });
  const window = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(hours);
  if (!window) throw new CalendarError(`WORK_HOURS must be like 07:30-17:00 (got "${hours}")`);
  const start = Number(window[1]) * 60 + Number(window[2]);
  const end = Number(window[3]) * 60 + Number(window[4]);
  if (!(start < end && end <= 1440)) throw new CalendarError(`WORK_HOURS must start before it ends, within 00:00-24:00 (got "${hours}")`);
  const holidayList = holidays
    .split(",")
    .map((day) => day.trim())
    .filter(Boolean);
  for (const day of holidayList)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new CalendarError(`HOLIDAYS must be dates like 2026-09-02 (got "${day}")`);
  return { timeZone, days: new Set(dayList), start, end, holidays: new Set(holidayList) };
}

/** The day's working window [from, to) in ms, or undefined on a day off. */
function windowOf(calendar: WorkCalendar, year: number, month: number, day: number): { from: number; to: number } | undefined {
  const midnight = new TZDate(year, month, day, 0, 0, 0, calendar.timeZone);
  const weekday = midnight.getDay() === 0 ? 7 : midnight.getDay();
  const date = `${year}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (!calendar.days.has(weekday) || calendar.holidays.has(date)) return undefined;
  return { from: midnight.getTime() + calendar.start * 60_000, to: midnight.getTime() + calendar.end * 60_000 };
}

/** Calls `visit` with each day's window from the day of `from` on, until it returns a value. */
function scanDays<T>(calendar: WorkCalendar, from: number, visit: (window: { from: number; to: number }) => T | undefined): T {
  const local = new TZDate(from, calendar.timeZone);
  for (let offset = 0; offset < 3660; offset++) {
    const day = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + offset, 12, 0, 0, calendar.timeZone);
    const window = windowOf(calendar, day.getFullYear(), day.getMonth(), day.getDate());
    if (!window) continue;
    const result = visit(window);
    if (result !== undefined) return result;
  }
  throw new CalendarError("no working day within ten years: check WORK_DAYS and HOLIDAYS");
}

/** The first working moment at or after `at`: `at` itself when it is inside working time. */
export function nextWorkingMoment(calendar: WorkCalendar, at: number): number {
  return scanDays(calendar, at, (window) => (at < window.to ? Math.max(at, window.from) : undefined));
}

/** The moment `hours` of working time after `from`. */
export function addWorkingHours(calendar: WorkCalendar, from: number, hours: number): number {
  let remaining = hours * HOUR;
  return scanDays(calendar, from, (window) => {
    const start = Math.max(from, window.from);
    if (start >= window.to) return undefined;
    if (remaining <= window.to - start) return start + remaining;
    remaining -= window.to - start;
    return undefined;
  });
}

/** Working time between two moments, in ms: how long a ticket has really waited. */
export function workingMsBetween(calendar: WorkCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  scanDays(calendar, from, (window) => {
    if (window.from >= to) return true;
    total += Math.max(0, Math.min(window.to, to) - Math.max(window.from, from));
    return undefined;
  });
  return total;
}
