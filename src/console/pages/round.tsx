import { Hono } from "hono";
import type { FC } from "hono/jsx";
import type { Agency, AgencyKind } from "../../domain/agencies.js";
import { isRoundOpen, type Round } from "../../domain/rounds.js";
import { type ComponentStatus, complianceComponents } from "../../form/compliance.js";
import type { ComponentRule } from "../../form/schema.js";
import { unreachableOfficers } from "../../jobs/unreachable.js";
import { formatMoment } from "../../services/announcements.js";
import { type AgencySummary, type RoundSummaries, type RoundTally, tallyRound } from "../../services/round-standings.js";
import type { Translate } from "../../views.js";
import { visibleAgencies } from "../access.js";
import { kindLabel, type StandingFilter, standingOf } from "../components.js";
import type { ConsoleEnv } from "../env.js";
import { Page, path, withQuery } from "../layout.js";
import { formTextsFor } from "../report-view.js";
import { SubmissionsChart } from "../submissions-chart.js";
import { placeTiles, provinceTiles, TileMap } from "../tile-map.js";
import { deskRound, roundEventPages, roundEventsPath } from "./round-events.js";

/**
 * A round at a glance, for the secretariat (every agency) and a consultant (the provinces
 * assigned to them): submitted and fully compliant out of targeted, ministries and provinces
 * apart; each component's statuses over the submitted reports; submissions per day against the
 * deadline beside the previous round's; and the provinces on a tile map. Every count, tile and
 * bar leads to the agencies behind it in the agencies table. The counts, the chart and the map
 * are live parts: console.js swaps them when the round's event stream says it changed.
 */
export const roundGlancePages = new Hono<ConsoleEnv>();

roundGlancePages.route("/", roundEventPages);

type Level = Exclude<ComponentStatus, "not_applicable">;
const LEVELS: readonly Level[] = ["met", "partial", "not_met", "unanswered"];

interface AgenciesFilter {
  standing?: StandingFilter;
  kind?: AgencyKind;
  component?: string;
  status?: Level;
  q?: string;
}

/** The agencies table of the round, filtered (its query names are the table's). */
export const agenciesHref = (roundId: string, filter: AgenciesFilter): string =>
  withQuery(path("rounds", roundId, "agencies"), { ...filter });

/** The round that opened last before this one, and its lines for the agencies the viewer may see. */
async function previousOf(
  c: { var: ConsoleEnv["Variables"] },
  round: Round,
): Promise<{ round: Round; rows: readonly AgencySummary[] } | undefined> {
  const earlier = (await c.var.deps.rounds.list())
    .filter((other) => other.id !== round.id && other.opensAt < round.opensAt)
    .sort((a, b) => b.opensAt - a.opensAt)[0];
  if (!earlier) return undefined;
  return { round: earlier, rows: (await visibleLines(c, earlier)).rows };
}

/** The round's lines for the agencies the viewer may see, in the round's order. */
async function visibleLines(c: { var: ConsoleEnv["Variables"] }, round: Round, agencies?: readonly Agency[]): Promise<RoundSummaries> {
  const { deps, viewer } = c.var;
  return deps.standings.of(round, agencies ?? (await visibleAgencies(deps, viewer, round)));
}

roundGlancePages.get("/rounds/:roundId", async (c) => {
  const { deps, viewer } = c.var;
  const round = await deskRound(deps, viewer, c.req.param("roundId"));
  if (!round) return c.notFound();
  const { t } = viewer;
  const now = deps.now();
  const visible = await visibleAgencies(deps, viewer, round);
  const { rows, form, version } = await visibleLines(c, round, visible);
  const components = complianceComponents(form);
  const tally = tallyRound(rows, components.length);
  const texts = formTextsFor(viewer, form);
  const previous = await previousOf(c, round);
  const kinds = (["ministry", "province"] as const).filter((kind) => tally.targeted[kind] > 0);
  const provinces = rows.filter((row) => row.agency.kind === "province");
  const link = (filter: AgenciesFilter) => agenciesHref(round.id, filter);
  const unreachable = await unreachableOfficers(deps, visible);

  return c.html(
    <Page viewer={viewer} title={round.name} section="overview" roundId={round.id} live={roundEventsPath(round.id, version)}>
      <p class="muted">
        <RoundState t={t} round={round} now={now} timeZone={deps.timeZone} />
        {viewer.member.binding.role === "consultant" ? <> · {t("console-round-scope-consultant", { count: visible.length })}</> : null}
      </p>

      <section aria-labelledby="glance-counts" data-live-part="counts">
        <h2 id="glance-counts">{t("console-round-counts-heading")}</h2>
        {kinds.length === 0 ? (
          <p>{t("console-round-nothing-visible")}</p>
        ) : (
          <>
            <ul class="stats">
              {kinds.map((kind) => (
                <Stat
                  href={link({ standing: "submitted", kind })}
                  value={`${tally.submitted[kind]}/${tally.targeted[kind]}`}
                  label={t(`console-round-submitted-${kind}`)}
                />
              ))}
              {kinds.map((kind) => (
                <Stat
                  href={link({ standing: "compliant", kind })}
                  value={`${tally.fullyCompliant[kind]}/${tally.targeted[kind]}`}
                  label={t(`console-round-compliant-${kind}`)}
                />
              ))}
            </ul>
            <p class="small muted">{t("console-round-compliant-hint")}</p>
          </>
        )}
      </section>

      {unreachable.length ? (
        <section aria-labelledby="glance-unreachable">
          <h2 id="glance-unreachable">{t("console-unreachable-now", { count: unreachable.length })}</h2>
          <p class="muted">{t("console-broadcast-waiting-why")}</p>
          <ul>
            {unreachable.map(({ agency, since }) => (
              <li>
                <a href={path("rounds", round.id, "agencies", agency.id)}>{agency.name}</a>
                {`: ${t("console-round-unreachable-since", { since: formatMoment(since, deps.timeZone) })}`}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div class="glance">
        <div class="glance-main">
          <section aria-labelledby="glance-components" data-live-part="components">
            <h2 id="glance-components">{t("console-round-components-heading")}</h2>
            {components.length === 0 ? (
              <p class="muted">{t("console-round-components-none")}</p>
            ) : (
              <ComponentsTable
                t={t}
                roundId={round.id}
                tally={tally}
                components={components}
                names={components.map((component) => texts.component(component))}
              />
            )}
          </section>

          <div class="grid">
            <section aria-labelledby="glance-chart" data-live-part="chart">
              <h2 id="glance-chart">{t("console-round-chart-heading")}</h2>
              <SubmissionsChart
                t={t}
                timeZone={deps.timeZone}
                now={now}
                round={round}
                rows={rows}
                targeted={rows.length}
                previous={previous}
              />
            </section>

            <section aria-labelledby="glance-standings" data-live-part="standings">
              <h2 id="glance-standings">{t("console-round-standings-heading")}</h2>
              {kinds.length > 0 ? <StandingsTable t={t} roundId={round.id} tally={tally} kinds={kinds} /> : null}
            </section>
          </div>
        </div>

        <section aria-labelledby="glance-map" data-live-part="map" class="glance-map">
          <h2 id="glance-map">{t("console-round-map-heading")}</h2>
          {provinces.length === 0 ? (
            <p class="muted">{t("console-round-map-none")}</p>
          ) : (
            <TileMap
              t={t}
              placement={placeTiles(
                provinceTiles(),
                deps.directory.ofKind("province"),
                provinces.map((row) => row.agency),
              )}
              summaries={new Map(provinces.map((row) => [row.agency.id, row]))}
              moreHref={link({ kind: "province" })}
              href={(summary) =>
                link({
                  standing: standingOf(summary),
                  kind: "province",
                  q: summary.agency.name,
                })
              }
            />
          )}
        </section>
      </div>
    </Page>,
  );
});

const RoundState: FC<{ t: Translate; round: Round; now: number; timeZone: string }> = ({ t, round, now, timeZone }) => {
  const deadline =
    round.deadline < Number.MAX_SAFE_INTEGER
      ? t("console-round-deadline", { deadline: formatMoment(round.deadline, timeZone) })
      : t("console-round-no-deadline");
  const state =
    round.closedAt !== undefined
      ? t("console-round-closed", { closedAt: formatMoment(round.closedAt, timeZone) })
      : isRoundOpen(round, now)
        ? t("console-round-open")
        : t("console-round-scheduled", { opensAt: formatMoment(round.opensAt, timeZone) });
  return (
    <>
      {deadline} · {state}
    </>
  );
};

const Stat: FC<{ href: string; value: string; label: string }> = ({ href, value, label }) => (
  <li>
    <a href={href}>
      <span class="value">{value}</span> <span class="label">{label}</span>
    </a>
  </li>
);

const StandingsTable: FC<{ t: Translate; roundId: string; tally: RoundTally; kinds: readonly AgencyKind[] }> = ({
  t,
  roundId,
  tally,
  kinds,
}) => {
  const rows: { standing: StandingFilter; counts: Record<AgencyKind, number>; within?: boolean }[] = [
    { standing: "not-started", counts: tally.standings["not-started"] },
    { standing: "in-progress", counts: tally.standings["in-progress"] },
    { standing: "returned", counts: tally.standings.returned },
    { standing: "submitted", counts: tally.submitted },
    { standing: "compliant", counts: tally.fullyCompliant, within: true },
  ];
  return (
    <div class="table-wrap" tabindex={0}>
      <table>
        <caption class="small muted">{t("console-round-standings-caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("console-round-standing-column")}</th>
            {kinds.map((kind) => (
              <th scope="col" class="num">
                {kindLabel(t, kind)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ standing, counts, within }) => (
            <tr>
              <th scope="row" class={within ? "within" : undefined}>
                {within
                  ? t("console-round-standing-within", { standing: t(`console-standing-${standing}`) })
                  : t(`console-standing-${standing}`)}
              </th>
              {kinds.map((kind) => (
                <td class="num">
                  <a href={agenciesHref(roundId, { standing, kind })}>
                    {t("console-round-count-of", { count: counts[kind], total: tally.targeted[kind] })}
                  </a>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

const ComponentsTable: FC<{
  t: Translate;
  roundId: string;
  tally: RoundTally;
  components: readonly ComponentRule[];
  names: readonly string[];
}> = ({ t, roundId, tally, components, names }) => {
  const submitted = tally.submitted.ministry + tally.submitted.province;
  return (
    <>
      <div class="table-wrap" tabindex={0}>
        <table class="components">
          <caption class="small muted">{t("console-round-components-caption", { count: submitted })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("console-round-component-column")}</th>
              {LEVELS.map((level) => (
                <th scope="col" class="num">
                  {t(`console-component-${level}`)}
                </th>
              ))}
              <th scope="col" class="num">
                {t("console-component-not_applicable")}
              </th>
              <th scope="col" class="bar-cell">
                {t("console-round-component-bar")}
              </th>
            </tr>
          </thead>
          <tbody>
            {components.map((component, index) => {
              const counts = tally.components[index];
              if (!counts) return null;
              const href = (status: Level) => agenciesHref(roundId, { standing: "submitted", component: component.id, status });
              return (
                <tr>
                  <th scope="row">{t("console-round-component-name", { id: component.id, name: names[index] ?? "" })}</th>
                  {LEVELS.map((level) => (
                    <td class="num">
                      <a
                        href={href(level)}
                        aria-label={t("console-round-component-link", {
                          count: counts[level],
                          status: t(`console-component-${level}`),
                          id: component.id,
                        })}
                      >
                        {counts[level]}
                      </a>
                    </td>
                  ))}
                  <td class="num muted">{counts.not_applicable}</td>
                  <td class="bar-cell">
                    <ComponentBar counts={counts} href={href} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {tally.drafts > 0 ? (
        <p class="small">
          {t("console-round-drafts", { count: tally.drafts })}{" "}
          <a href={agenciesHref(roundId, { standing: "in-progress" })}>
            {t("console-round-standing-count", { standing: t("console-standing-in-progress"), count: draftsOf(tally, "in-progress") })}
          </a>
          {" · "}
          <a href={agenciesHref(roundId, { standing: "returned" })}>
            {t("console-round-standing-count", { standing: t("console-standing-returned"), count: draftsOf(tally, "returned") })}
          </a>
        </p>
      ) : null}
    </>
  );
};

const draftsOf = (tally: RoundTally, standing: "in-progress" | "returned") =>
  tally.standings[standing].ministry + tally.standings[standing].province;

/**
 * A component's counts as one bar, a segment per status, each leading to its agencies. The
 * numbers beside it are the same links for the keyboard and screen readers, so the bar is
 * left out of both.
 */
const ComponentBar: FC<{ counts: Record<ComponentStatus, number>; href: (status: Level) => string }> = ({ counts, href }) => {
  const total = LEVELS.reduce((sum, level) => sum + counts[level], 0);
  if (total === 0) return <span class="muted">–</span>;
  let x = 0;
  return (
    <svg class="component-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {LEVELS.map((level) => {
        const width = (counts[level] / total) * 100;
        const start = x;
        x += width;
        return width > 0 ? (
          <a href={href(level)} tabindex={-1}>
            <rect x={start} y={0} width={width} height={10} class={`segment ${level}`} />
          </a>
        ) : null;
      })}
    </svg>
  );
};
