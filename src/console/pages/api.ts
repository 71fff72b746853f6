import { Hono } from "hono";
import type { Round } from "../../domain/rounds.js";
import { complianceComponents } from "../../form/compliance.js";
import { visibleAgencies, visibleAgency, visibleRound, visibleRounds } from "../access.js";
import { standingOf } from "../components.js";
import type { ConsoleEnv } from "../env.js";
import { OPENAPI } from "../openapi.js";

/**
 * The data behind the pages as JSON, for the secretariat's own tools: rounds, a round's progress,
 * its agencies, one agency's response with its history. Signed in by session or by a read-only
 * token (`Authorization: Bearer d06_…`), under the same permissions as the pages. Times are ISO 8601.
 */
export const apiPages = new Hono<ConsoleEnv>();

const iso = (at: number | undefined) => (at === undefined || at >= Number.MAX_SAFE_INTEGER ? null : new Date(at).toISOString());

function roundJson(round: Round, now: number) {
  return {
    id: round.id,
    name: round.name,
    formId: round.formId,
    formVersion: round.formVersion ?? null,
    opensAt: iso(round.opensAt),
    deadline: iso(round.deadline),
    closedAt: iso(round.closedAt),
    status: round.closedAt !== undefined ? "closed" : round.opensAt > now ? "scheduled" : "open",
    targets: round.targets,
  };
}

apiPages.get("/api/openapi.json", (c) => c.json(OPENAPI));

apiPages.get("/api/v1/rounds", async (c) => {
  const { deps, viewer } = c.var;
  const now = deps.now();
  return c.json({ rounds: (await visibleRounds(deps, viewer)).map((round) => roundJson(round, now)) });
});

apiPages.get("/api/v1/rounds/:roundId/progress", async (c) => {
  const { deps, viewer } = c.var;
  const round = await visibleRound(deps, viewer, c.req.param("roundId"));
  if (!round) return c.json({ error: "not found" }, 404);
  const agencies = await visibleAgencies(deps, viewer, round);
  const { rows, form } = await deps.standings.of(round, agencies);
  const byKind = (predicate: (row: (typeof rows)[number]) => boolean) => ({
    ministries: rows.filter((row) => row.agency.kind === "ministry" && predicate(row)).length,
    provinces: rows.filter((row) => row.agency.kind === "province" && predicate(row)).length,
  });
  const submitted = rows.filter((row) => row.standing === "submitted");
  return c.json({
    round: roundJson(round, deps.now()),
    targeted: byKind(() => true),
    submitted: byKind((row) => row.standing === "submitted"),
    fullyCompliant: byKind((row) => row.fullyCompliant),
    components: complianceComponents(form).map((component, index) => {
      const count = (status: string) => submitted.filter((row) => row.components[index] === status).length;
      return {
        id: component.id,
        name: component.short,
        ofSubmitted: {
          met: count("met"),
          partial: count("partial"),
          notMet: count("not_met"),
          unanswered: count("unanswered"),
          notApplicable: count("not_applicable"),
        },
      };
    }),
  });
});

apiPages.get("/api/v1/rounds/:roundId/agencies", async (c) => {
  const { deps, viewer } = c.var;
  const round = await visibleRound(deps, viewer, c.req.param("roundId"));
  if (!round) return c.json({ error: "not found" }, 404);
  const { rows, form } = await deps.standings.of(round, await visibleAgencies(deps, viewer, round));
  const components = complianceComponents(form);
  return c.json({
    round: round.id,
    agencies: rows.map((row) => ({
      id: row.agency.id,
      name: row.agency.name,
      kind: row.agency.kind,
      standing: standingOf(row),
      percent: row.percent,
      lastActivity: iso(row.lastActivity),
      submittedAt: iso(row.submittedAt),
      review: row.review ?? null,
      fullyCompliant: row.fullyCompliant,
      components: Object.fromEntries(components.map((component, index) => [component.id, row.components[index] ?? "unanswered"])),
    })),
  });
});

apiPages.get("/api/v1/rounds/:roundId/agencies/:agencyId", async (c) => {
  const { deps, viewer } = c.var;
  const round = await visibleRound(deps, viewer, c.req.param("roundId"));
  const agency = round ? await visibleAgency(deps, viewer, round, c.req.param("agencyId")) : undefined;
  if (!round || !agency) return c.json({ error: "not found" }, 404);
  const [state, history, { rows }] = await Promise.all([
    deps.responses.loadState(round.id, agency.id),
    deps.responses.history(round.id, agency.id),
    deps.standings.of(round, [agency]),
  ]);
  const row = rows[0];
  return c.json({
    round: round.id,
    agency: { id: agency.id, name: agency.name, kind: agency.kind },
    standing: row ? standingOf(row) : "not-started",
    percent: row?.percent ?? 0,
    status: state?.status ?? null,
    submittedAt: iso(state?.submittedAt),
    review: state?.review ?? null,
    reviewComment: state?.reviewComment ?? null,
    answers: [...(state?.answers ?? new Map()).entries()].map(([path, answer]) => ({
      path,
      value: answer.value,
      by: answer.by,
      at: iso(answer.at),
      via: answer.via ?? null,
    })),
    entries: Object.fromEntries(state?.entries ?? []),
    history: history.map((record) => ({
      path: record.path,
      old: record.old ?? null,
      new: record.new ?? null,
      by: record.by,
      at: iso(record.at),
    })),
  });
});
