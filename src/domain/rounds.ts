import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import type { Agency, AgencyDirectory } from "./agencies.js";
import type { GroupDirectory } from "./groups.js";
import { type Refusal, refuse } from "./refusal.js";
import { nextWorkingMoment, type WorkCalendar } from "./working-time.js";

/**
 * A reporting round: one request for the form, to some agencies, with an opening, a deadline and
 * a plan of reminders. The letters of the seeds are rounds (488 by 28/02/2023; its third reminder
 * by 20/6/2023).
 */

export const targetSchema = z.union([
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("provinces") }),
  z.object({ kind: z.literal("ministries") }),
  z.object({ kind: z.literal("list"), agencies: z.array(z.string()).min(1) }),
]);
export type Target = z.infer<typeof targetSchema>;

export const planSchema = z.object({
  /** Reminders this many days before the deadline, at `time`. */
  daysBefore: z.array(z.number().int().positive()).default([7, 3, 1]),
  /** Then every working day after the deadline until the round closes. */
  afterDeadline: z.boolean().default(true),
  /** Local time of day, HH:MM. */
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day like 08:30")
    .default("08:30"),
});
export type ReminderPlan = z.infer<typeof planSchema>;
export const DEFAULT_PLAN: ReminderPlan = planSchema.parse({});

export interface Round {
  id: string;
  name: string;
  formId: string;
  /** The version of an imported form the round runs, the latest when it was created; none for form 488. */
  formVersion: number | undefined;
  opensAt: number;
  deadline: number;
  targets: Target;
  plan: ReminderPlan;
  closedAt: number | undefined;
  createdBy: string;
  createdAt: number;
}

export const isRoundOpen = (round: Round, now: number) => round.opensAt <= now && round.closedAt === undefined;

export function targetAgencies(target: Target, directory: AgencyDirectory): Agency[] {
  switch (target.kind) {
    case "all":
      return [...directory.agencies];
    case "provinces":
      return directory.ofKind("province");
    case "ministries":
      return directory.ofKind("ministry");
    case "list":
      return target.agencies.map((id) => directory.get(id)).filter((agency): agency is Agency => agency !== undefined);
  }
}

/** Whether a round's targets include this agency, without listing them (a step asks it of every round). */
export function targetsAgency(target: Target, agency: Agency): boolean {
  switch (target.kind) {
    case "all":
      return true;
    case "provinces":
      return agency.kind === "province";
    case "ministries":
      return agency.kind === "ministry";
    case "list":
      return target.agencies.includes(agency.id);
  }
}

/** "all", "provinces", "ministries", "group:<id>" (its agencies as they are now), or agency ids. */
export function parseTarget(
  text: string,
  directory: AgencyDirectory,
  groups: GroupDirectory,
): Target | Refusal<"target-unknown-group" | "target-unknown-agencies" | "target-no-agencies"> {
  const value = text.trim();
  if (value === "all" || value === "provinces" || value === "ministries") return { kind: value };
  if (value.startsWith("group:")) {
    const group = groups.get(value.slice("group:".length));
    return group
      ? { kind: "list", agencies: [...group.agencies] }
      : refuse("target-unknown-group", { group: value.slice("group:".length) });
  }
  const ids = value
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !directory.get(id));
  if (ids.length === 0) return refuse("target-no-agencies");
  if (unknown.length) return refuse("target-unknown-agencies", { ids: unknown.join(", ") });
  return { kind: "list", agencies: ids };
}

/** A local date and time ("2026-12-15 17:00", "15/12/2026 17:00", or a date alone: at 17:00) in the time zone. */
export function parseLocalDateTime(text: string, timeZone: string, defaultTime = "17:00"): number | undefined {
  const match = /^\s*(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})\/(\d{1,2})\/(\d{4}))(?:[ T](\d{1,2}):(\d{2}))?\s*$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1] ?? match[6]);
  const month = Number(match[2] ?? match[5]);
  const day = Number(match[3] ?? match[4]);
  const [hour = 0, minute = 0] = match[7] ? [Number(match[7]), Number(match[8])] : defaultTime.split(":").map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const at = new TZDate(year, month - 1, day, hour, minute, 0, timeZone);
  return at.getDate() === day ? at.getTime() : undefined;
}

function atLocalTime(timeZone: string, year: number, month: number, day: number, time: string): number {
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  return new TZDate(year, month, day, hour, minute, 0, timeZone).getTime();
}

/**
 * The moments a round's reminders are due, up to `until`: the plan's days before the deadline,
 * then every working day after it; each moved to the next working moment when it falls outside
 * office hours (a Saturday, 02:00), and none before the round opens.
 */
export function reminderMoments(round: Round, calendar: WorkCalendar, until: number): number[] {
  const moments = new Set<number>();
  const deadline = new TZDate(round.deadline, calendar.timeZone);
  for (const days of round.plan.daysBefore) {
    const at = atLocalTime(calendar.timeZone, deadline.getFullYear(), deadline.getMonth(), deadline.getDate() - days, round.plan.time);
    const moved = nextWorkingMoment(calendar, at);
    if (at >= round.opensAt && moved < round.deadline && moved <= until) moments.add(moved);
  }
  if (round.plan.afterDeadline) {
    for (let offset = 1; offset < 3660; offset++) {
      const at = atLocalTime(calendar.timeZone, deadline.getFullYear(), deadline.getMonth(), deadline.getDate() + offset, round.plan.time);
      if (at > until) break;
      const day = new TZDate(at, calendar.timeZone);
      const weekday = day.getDay() === 0 ? 7 : day.getDay();
      const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
      if (!calendar.days.has(weekday) || calendar.holidays.has(date)) continue;
      const moved = nextWorkingMoment(calendar, at);
      if (moved <= until) moments.add(moved);
    }
  }
  return [...moments].sort((a, b) => a - b);
}
