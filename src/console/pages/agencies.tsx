import { Hono } from "hono";
import type { FC } from "hono/jsx";
import { AGENCY_KINDS, type Agency, type AgencyKind, foldName } from "../../domain/agencies.js";
import { type ComponentStatus, complianceComponents } from "../../form/compliance.js";
import { formatMoment } from "../../services/announcements.js";
import type { AgencySummary } from "../../services/round-standings.js";
import { hasRole, ticketsHeldFor, visibleAgencies, visibleRound } from "../access.js";
import { ComponentBadge, kindLabel, STANDINGS, StandingBadge, type StandingFilter, standingOf } from "../components.js";
import type { ConsoleEnv, Viewer } from "../env.js";
import { Page, path, withQuery } from "../layout.js";
import { formTextsFor, memberNames } from "../report-view.js";

/**
 * The agencies of a round, one row each, for the secretariat (all of them) and a consultant (the
 * provinces assigned to them): where each report stands, each component's status, who answers
 * for it. Filtered, sorted and paged on the server from the round's cached standings, so 10,000
 * agencies stay fast; officers, consultants and open questions are read only for the page shown.
 * The query's names (standing, kind, group, component, status, q, sort, dir, page) are what the
 * round's overview links to.
 */
export const agenciesPages = new Hono<ConsoleEnv>();

export const PAGE_SIZE = 50;

const SORTS = ["name", "standing", "percent", "activity"] as const;
type Sort = (typeof SORTS)[number];
type Direction = "asc" | "desc";
const LEVELS = ["met", "partial", "not_met", "unanswered"] as const;
type Level = (typeof LEVELS)[number];

export interface AgencyQuery {
  standing: StandingFilter | undefined;
  kind: AgencyKind | undefined;
  group: string | undefined;
  component: string | undefined;
  /** Unset with a component: partly or not met. */
  status: Level | undefined;
  q: string;
  sort: Sort;
  dir: Direction;
  page: number;
}

const pick = <T extends string>(allowed: readonly T[], value: string | undefined): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;

export function parseAgencyQuery(query: (name: string) => string | undefined): AgencyQuery {
  const page = Number.parseInt(query("page") ?? "1", 10);
  return {
    standing: pick(STANDINGS, query("standing")),
    kind: pick(AGENCY_KINDS, query("kind")),
    group: query("group") || undefined,
    component: query("component") || undefined,
    status: pick(LEVELS, query("status")),
    q: (query("q") ?? "").trim().slice(0, 100),
    sort: pick(SORTS, query("sort")) ?? "name",
    dir: query("dir") === "desc" ? "desc" : "asc",
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** The query as link parameters; `change` overrides some. */
function queryOf(query: AgencyQuery, change: Partial<AgencyQuery> = {}): Record<string, string | number | undefined> {
  const next = { ...query, ...change };
  return {
    standing: next.standing,
    kind: next.kind,
    group: next.group,
    component: next.component,
    status: next.component ? next.status : undefined,
    q: next.q,
    sort: next.sort === "name" ? undefined : next.sort,
    dir: next.dir === "asc" ? undefined : next.dir,
    page: next.page > 1 ? next.page : undefined,
  };
}

/** Names folded for search (no accents, no case), remembered per name: the same 10,000 names are searched again and again. */
const folded = new Map<string, string>();
function foldedName(agency: Agency): string {
  const key = [agency.name, ...agency.aliases].join("\u0000");
  let value = folded.get(key);
  if (value === undefined) {
    value = [agency.name, ...agency.aliases].map(foldName).join("\u0000");
    if (folded.size > 50_000) folded.clear();
    folded.set(key, value);
  }
  return value;
}

const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

/** The rows the filters keep, sorted. */
export function selectRows(
  rows: readonly AgencySummary[],
  query: AgencyQuery,
  componentIndex: number,
  group: ReadonlySet<string> | undefined,
) {
  const needle = foldName(query.q);
  const wanted: (status: ComponentStatus) => boolean = query.status
    ? (status) => status === query.status
    : (status) => status === "partial" || status === "not_met";
  const kept = rows.filter(
    (row) =>
      (!query.standing || (query.standing === "submitted" ? row.standing === "submitted" : standingOf(row) === query.standing)) &&
      (!query.kind || row.agency.kind === query.kind) &&
      (!group || group.has(row.agency.id)) &&
      (componentIndex < 0 || wanted(row.components[componentIndex] ?? "not_applicable")) &&
      (!needle || foldedName(row.agency).includes(needle)),
  );
  const byName = (a: AgencySummary, b: AgencySummary) => collator.compare(a.agency.name, b.agency.name);
  const order: Record<Sort, (a: AgencySummary, b: AgencySummary) => number> = {
    name: byName,
    standing: (a, b) => STANDINGS.indexOf(standingOf(a)) - STANDINGS.indexOf(standingOf(b)) || a.percent - b.percent,
    percent: (a, b) => a.percent - b.percent,
    // Never touched counts as the earliest.
    activity: (a, b) => (a.lastActivity ?? 0) - (b.lastActivity ?? 0),
  };
  const sign = query.dir === "desc" ? -1 : 1;
  return kept.sort((a, b) => sign * order[query.sort](a, b) || byName(a, b));
}

agenciesPages.get("/rounds/:roundId/agencies", async (c) => {
  const { deps, viewer } = c.var;
  if (!hasRole(viewer, "secretariat", "consultant")) return c.notFound();
  const round = await visibleRound(deps, viewer, c.req.param("roundId"));
  if (!round) return c.notFound();
  const { t } = viewer;
  const query = parseAgencyQuery((name) => c.req.query(name));
  const visible = new Set((await visibleAgencies(deps, viewer, round)).map((agency) => agency.id));
  // Every agency of the round at once: the standings' cache is kept for the whole round, whoever looks.
  const { rows: all, form } = await deps.standings.of(round, deps.rounds.agenciesOf(round));
  const rows = all.filter((row) => visible.has(row.agency.id));
  const components = complianceComponents(form);
  const texts = formTextsFor(viewer, form);
  const componentIndex = query.component ? components.findIndex((component) => component.id === query.component) : -1;
  const groupFilter = query.group ? deps.groups.get(query.group) : undefined;
  const selected = selectRows(rows, query, componentIndex, groupFilter ? new Set(groupFilter.agencies) : undefined);
  const pages = Math.max(1, Math.ceil(selected.length / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const shown = selected.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  // Only the page's rows need their officers, consultants and questions.
  const ids = shown.map((row) => row.agency.id);
  const [officerIds, consultants, openCounts] = await Promise.all([
    Promise.all(ids.map((agencyId) => deps.members.idsOf({ role: "officer", agencyId }))),
    deps.tickets.consultantsOf(ids),
    deps.ticketStore.openCountsByAgency(ticketsHeldFor(viewer)),
  ]);
  const names = await memberNames(deps, viewer.t, officerIds.flat());
  const base = path("rounds", round.id, "agencies");
  const current = { ...query, page };
  const filtered = !!(query.standing || query.kind || query.group || query.component || query.q);

  return c.html(
    <Page
      viewer={viewer}
      title={t("console-agencies-title", { round: round.name })}
      section="agencies"
      roundId={round.id}
      live={path("rounds", round.id, "events")}
    >
      <form method="get" action={base} class="filters" aria-label={t("console-agencies-filters")}>
        <label for="f-q">
          {t("console-agencies-search")}
          <input type="search" id="f-q" name="q" value={query.q} autocomplete="off" />
        </label>
        <label for="f-standing">
          {t("console-agencies-standing")}
          <select id="f-standing" name="standing">
            <option value="">{t("console-agencies-any")}</option>
            {STANDINGS.map((standing) => (
              <option value={standing} selected={query.standing === standing}>
                {t(`console-standing-${standing}`)}
              </option>
            ))}
          </select>
        </label>
        <label for="f-kind">
          {t("console-agencies-kind")}
          <select id="f-kind" name="kind">
            <option value="">{t("console-agencies-any")}</option>
            {AGENCY_KINDS.map((kind) => (
              <option value={kind} selected={query.kind === kind}>
                {kindLabel(t, kind)}
              </option>
            ))}
          </select>
        </label>
        {deps.groups.groups.length ? (
          <label for="f-group">
            {t("console-agencies-group")}
            <select id="f-group" name="group">
              <option value="">{t("console-agencies-any")}</option>
              {deps.groups.groups.map((group) => (
                <option value={group.id} selected={query.group === group.id}>
                  {group.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {components.length ? (
          <>
            <label for="f-component">
              {t("console-agencies-component")}
              <select id="f-component" name="component">
                <option value="">{t("console-agencies-any")}</option>
                {components.map((component) => (
                  <option value={component.id} selected={query.component === component.id}>
                    {`${component.id}. ${texts.component(component)}`}
                  </option>
                ))}
              </select>
            </label>
            <label for="f-status">
              {t("console-agencies-component-status")}
              <select id="f-status" name="status">
                <option value="">{t("console-agencies-not-met")}</option>
                {LEVELS.map((level) => (
                  <option value={level} selected={query.status === level}>
                    {t(`console-component-${level}`)}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : null}
        {query.sort !== "name" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <button type="submit">{t("console-agencies-apply")}</button>
        {filtered ? <a href={withQuery(base, queryOf(query, blankFilters))}>{t("console-agencies-clear")}</a> : null}
      </form>

      <section data-live-part="agencies" aria-label={t("console-agencies-list")}>
        <p id="agencies-count" class="muted" role="status">
          {selected.length === 0
            ? t("console-agencies-none")
            : t("console-agencies-count", {
                from: (page - 1) * PAGE_SIZE + 1,
                to: (page - 1) * PAGE_SIZE + shown.length,
                count: selected.length,
                total: rows.length,
              })}
        </p>
        <div class="table-wrap" tabindex={0}>
          <table class="agencies">
            <caption class="visually-hidden">{t("console-agencies-caption", { round: round.name })}</caption>
            <thead>
              <tr>
                <SortHeader viewer={viewer} base={base} query={current} sort="name" label={t("console-agencies-col-name")} />
                <th scope="col">{t("console-agencies-col-kind")}</th>
                <SortHeader viewer={viewer} base={base} query={current} sort="standing" label={t("console-agencies-col-standing")} />
                <SortHeader viewer={viewer} base={base} query={current} sort="percent" label={t("console-agencies-col-percent")} num />
                <SortHeader viewer={viewer} base={base} query={current} sort="activity" label={t("console-agencies-col-activity")} />
                <th scope="col">{t("console-agencies-col-officers")}</th>
                {components.map((component) => (
                  <th scope="col" class="component">
                    <abbr title={texts.component(component)}>{t("console-agencies-col-component", { id: component.id })}</abbr>
                  </th>
                ))}
                <th scope="col">{t("console-agencies-col-consultant")}</th>
                <th scope="col" class="num">
                  {t("console-agencies-col-questions")}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row, index) => {
                const officers = officerIds[index] ?? [];
                const consultant = consultants.get(row.agency.id);
                return (
                  <tr>
                    <th scope="row">
                      <a href={path("rounds", round.id, "agencies", row.agency.id)}>{row.agency.name}</a>
                    </th>
                    <td class="kind">{kindLabel(t, row.agency.kind)}</td>
                    <td>
                      <StandingBadge t={t} summary={row} />
                    </td>
                    <td class="num">{`${row.percent}%`}</td>
                    <td class="when">{row.lastActivity === undefined ? "—" : formatMoment(row.lastActivity, deps.timeZone)}</td>
                    <td>
                      {officers.length === 0 ? (
                        <span class="muted">{t("console-agencies-no-officers")}</span>
                      ) : (
                        <details>
                          <summary>{t("console-agencies-officers", { count: officers.length })}</summary>
                          <ul class="plain small">
                            {officers.map((id) => (
                              <li>{names.get(id) ?? id}</li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </td>
                    {components.map((_, componentAt) => (
                      <td class="component">
                        <ComponentBadge t={t} status={row.components[componentAt] ?? "not_applicable"} />
                      </td>
                    ))}
                    <td>{consultant ? consultant.name : <span class="muted">{t("console-agencies-secretariat")}</span>}</td>
                    <td class="num">{openCounts.get(row.agency.id) ?? 0}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {pages > 1 ? (
          <nav class="pager" aria-label={t("console-agencies-pages")}>
            {page > 1 ? (
              <a href={withQuery(base, queryOf(current, { page: page - 1 }))} rel="prev">
                {t("console-agencies-previous")}
              </a>
            ) : null}
            <span>{t("console-agencies-page", { page, pages })}</span>
            {page < pages ? (
              <a href={withQuery(base, queryOf(current, { page: page + 1 }))} rel="next">
                {t("console-agencies-next")}
              </a>
            ) : null}
          </nav>
        ) : null}
      </section>
    </Page>,
  );
});

const blankFilters: Partial<AgencyQuery> = {
  standing: undefined,
  kind: undefined,
  group: undefined,
  component: undefined,
  status: undefined,
  q: "",
  page: 1,
};

/** A column header that sorts by its column: a link, the current order told by aria-sort and in words. */
const SortHeader: FC<{ viewer: Viewer; base: string; query: AgencyQuery; sort: Sort; label: string; num?: boolean }> = ({
  viewer,
  base,
  query,
  sort,
  label,
  num,
}) => {
  const active = query.sort === sort;
  const next: Direction = active && query.dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" class={num ? "num" : undefined} aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <a href={withQuery(base, queryOf(query, { sort, dir: next, page: 1 }))}>
        {label}
        {active ? <span aria-hidden="true">{query.dir === "asc" ? " ▲" : " ▼"}</span> : null}
        <span class="visually-hidden">{` (${viewer.t(next === "asc" ? "console-agencies-sort-asc" : "console-agencies-sort-desc")})`}</span>
      </a>
    </th>
  );
};
