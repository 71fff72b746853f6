import { TZDate } from "@date-fns/tz";
import type { FC } from "hono/jsx";
import type { Round } from "../domain/rounds.js";
import type { AgencySummary } from "../services/round-standings.js";
import type { Translate } from "../views.js";

/**
 * Reports submitted per day, added up, against the deadline: the round's curve and, beside it,
 * the previous round's, both placed by days before their own deadline so that "three days before
 * the deadline" sits at one place for both. An SVG drawn on the server (no script), with its
 * numbers in words and in a table for whoever cannot see it.
 */

const DAY_MS = 86_400_000;
/** How far the chart reaches back before the deadline, and on after it. */
const MOST_BEFORE = 60;
const MOST_AFTER = 45;

/** The calendar day of a moment where the programme runs, as a day number. */
export function dayOf(at: number, timeZone: string): number {
  const local = new TZDate(at, timeZone);
  return Math.round(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / DAY_MS);
}

const hasDeadline = (round: Round) => round.deadline < Number.MAX_SAFE_INTEGER;

export interface SubmissionSeries {
  /** Days from the reference day (the deadline's, or today's for a round without one) to its first and last day. */
  from: number;
  to: number;
  /** Submitted reports per day, by days from the reference day. */
  perDay: ReadonlyMap<number, number>;
}

/** A round's submitted reports by the day they were (last) submitted, from its opening to today or its closing. */
export function submissionSeries(round: Round, rows: readonly AgencySummary[], now: number, timeZone: string): SubmissionSeries {
  const reference = dayOf(hasDeadline(round) ? round.deadline : now, timeZone);
  const perDay = new Map<number, number>();
  for (const row of rows) {
    if (row.standing !== "submitted" || row.submittedAt === undefined) continue;
    const day = dayOf(row.submittedAt, timeZone) - reference;
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const end = Math.min(now, round.closedAt ?? now);
  return { from: dayOf(round.opensAt, timeZone) - reference, to: Math.max(dayOf(end, timeZone) - reference, ...perDay.keys()), perDay };
}

/** The reports submitted by the end of `day`, counting those of earlier days; none before the series starts. */
export function submittedBy(series: SubmissionSeries, day: number): number | undefined {
  if (day < series.from || day > series.to) return undefined;
  let total = 0;
  for (const [at, count] of series.perDay) if (at <= day) total += count;
  return total;
}

const WIDTH = 640;
const HEIGHT = 250;
const LEFT = 42;
const RIGHT = 14;
const TOP = 16;
const BOTTOM = 36;

/** The top of the scale: a round number at or above `value`, even, so that its half is a whole number too. */
function niceTop(value: number): number {
  if (value <= 10) return Math.max(2, value + (value % 2));
  const step = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 3, 4, 5, 6, 8, 10]) if (factor * step >= value) return factor * step;
  return value;
}

export const SubmissionsChart: FC<{
  t: Translate;
  timeZone: string;
  now: number;
  round: Round;
  rows: readonly AgencySummary[];
  /** How many agencies the curve could reach. */
  targeted: number;
  previous: { round: Round; rows: readonly AgencySummary[] } | undefined;
}> = ({ t, timeZone, now, round, rows, targeted, previous }) => {
  const current = submissionSeries(round, rows, now, timeZone);
  const earlier = previous && hasDeadline(round) && hasDeadline(previous.round) ? previous : undefined;
  const before = earlier ? submissionSeries(earlier.round, earlier.rows, now, timeZone) : undefined;
  const today = dayOf(now, timeZone) - dayOf(hasDeadline(round) ? round.deadline : now, timeZone);
  let low = Math.max(-MOST_BEFORE, Math.min(current.from, before?.from ?? current.from));
  const high = Math.min(MOST_AFTER, Math.max(hasDeadline(round) ? 0 : today, current.to, before?.to ?? current.to));
  if (high - low < 7) low = high - 7;
  const days = Array.from({ length: high - low + 1 }, (_, index) => low + index);
  const within = (series: SubmissionSeries) =>
    days.flatMap((day) => {
      // Whatever came in before the chart's first day is counted on that day.
      const count = submittedBy(series, day);
      return count === undefined ? [] : [{ day, count }];
    });
  const points = within(current);
  const earlierPoints = before ? within(before) : [];
  const top = niceTop(Math.max(targeted, ...points.map((point) => point.count), ...earlierPoints.map((point) => point.count), 1));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (day: number) => LEFT + ((day - low) / (high - low)) * plotWidth;
  const y = (count: number) => TOP + plotHeight - (count / top) * plotHeight;
  const line = (series: { day: number; count: number }[]) =>
    series.map((point, index) => `${index === 0 ? "M" : "L"}${x(point.day).toFixed(1)},${y(point.count).toFixed(1)}`).join(" ");
  const referenceDay = dayOf(hasDeadline(round) ? round.deadline : now, timeZone);
  const dateOf = (day: number) => {
    const date = new Date((referenceDay + day) * DAY_MS);
    return `${String(date.getUTCDate()).padStart(2, "0")}/${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
  };
  const ticks = days.filter((day) => day % 7 === 0);
  // A label near an edge is written from it inwards, so that none spills out of the drawing.
  const anchor = (at: number) => (at > WIDTH - RIGHT - 36 ? "end" : at < LEFT + 36 ? "start" : "middle");
  const submittedNow = points.at(-1)?.count ?? 0;
  const earlierNow = before ? submittedBy(before, Math.min(Math.max(today, before.from), before.to)) : undefined;
  const summary = [
    t("console-round-chart-summary", { count: submittedNow, total: targeted }),
    earlier && earlierNow !== undefined ? t("console-round-chart-summary-previous", { name: earlier.round.name, count: earlierNow }) : "",
  ]
    .filter(Boolean)
    .join(" ");
  // The table lists the days on which something moved, the deadline and today.
  const tableDays = days.filter(
    (day) =>
      day === 0 ||
      day === today ||
      (current.perDay.get(day) ?? 0) > 0 ||
      (before?.perDay.get(day) ?? 0) > 0 ||
      (day === low && (points[0]?.count ?? 0) + (earlierPoints[0]?.count ?? 0) > 0),
  );
  const offsetWords = (day: number) =>
    !hasDeadline(round)
      ? ""
      : day < 0
        ? t("console-round-chart-before", { days: -day })
        : day === 0
          ? t("console-round-chart-on")
          : t("console-round-chart-after", { days: day });
  return (
    <figure class="chart round-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">{t("console-round-chart-title")}</title>
        <desc id="chart-desc">{summary}</desc>
        <g class="axis">
          {[0, top / 2, top].map((value) => (
            <g>
              <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(value)} y2={y(value)} class="grid-line" />
              <text x={LEFT - 6} y={y(value) + 4} class="y-tick">
                {value}
              </text>
            </g>
          ))}
          {ticks.map((day) => (
            <text x={x(day)} y={HEIGHT - BOTTOM + 16} class={`x-tick ${anchor(x(day))}`}>
              {dateOf(day)}
            </text>
          ))}
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(0)} y2={y(0)} class="base" />
        </g>
        {targeted > 0 ? (
          <g class="targeted">
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(targeted)} y2={y(targeted)} />
            <text x={WIDTH - RIGHT} y={y(targeted) - 4}>
              {t("console-round-chart-total", { count: targeted })}
            </text>
          </g>
        ) : null}
        {hasDeadline(round) && low <= 0 && high >= 0 ? (
          <g class="deadline">
            <line x1={x(0)} x2={x(0)} y1={TOP} y2={HEIGHT - BOTTOM} />
            <text x={x(0)} y={HEIGHT - 6} class={anchor(x(0))}>
              {t("console-round-chart-deadline", { date: dateOf(0) })}
            </text>
          </g>
        ) : null}
        {today >= low && today <= high && today !== 0 && round.closedAt === undefined ? (
          <g class="today">
            <line x1={x(today)} x2={x(today)} y1={TOP} y2={HEIGHT - BOTTOM} />
            <text x={x(today)} y={TOP - 4} class={anchor(x(today))}>
              {t("console-round-chart-today")}
            </text>
          </g>
        ) : null}
        {earlierPoints.length > 0 ? <path d={line(earlierPoints)} class="series previous" /> : null}
        {points.length > 0 ? <path d={line(points)} class="series current" /> : null}
        {points.length === 1 ? points.map((point) => <circle cx={x(point.day)} cy={y(point.count)} r={3} class="series current" />) : null}
      </svg>
      <figcaption>
        <p>{summary}</p>
        <ul class="legend">
          <li>
            <span class="line-sample current" aria-hidden="true" /> {t("console-round-chart-this")}
          </li>
          {earlier ? (
            <li>
              <span class="line-sample previous" aria-hidden="true" /> {t("console-round-chart-previous", { name: earlier.round.name })}
            </li>
          ) : (
            <li class="muted">{t("console-round-chart-no-previous")}</li>
          )}
        </ul>
        {earlier ? <p class="small muted">{t("console-round-chart-aligned")}</p> : null}
        <details>
          <summary>{t("console-round-chart-table")}</summary>
          {/* Scrolled sideways on a narrow screen: the keyboard reaches it too. */}
          <section class="table-wrap" aria-label={t("console-round-chart-figures")} tabindex={0}>
            <table>
              <caption class="small muted">{t("console-round-chart-title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("console-round-chart-day")}</th>
                  {hasDeadline(round) ? <th scope="col">{t("console-round-chart-offset")}</th> : null}
                  <th scope="col" class="num">
                    {t("console-round-chart-this")}
                  </th>
                  {earlier ? (
                    <th scope="col" class="num">
                      {t("console-round-chart-previous", { name: earlier.round.name })}
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {tableDays.map((day) => (
                  <tr>
                    <th scope="row">{dateOf(day)}</th>
                    {hasDeadline(round) ? <td>{offsetWords(day)}</td> : null}
                    <td class="num">{points.find((point) => point.day === day)?.count ?? "–"}</td>
                    {earlier ? <td class="num">{earlierPoints.find((point) => point.day === day)?.count ?? "–"}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </details>
      </figcaption>
    </figure>
  );
};
