import { type Context, Hono } from "hono";
import type { FC } from "hono/jsx";
import { progressReport, roundCsv } from "../../desk/reports.js";
import { XLSX_TYPE } from "../../desk/request.js";
import type { Round } from "../../domain/rounds.js";
import { formatMoment } from "../../services/announcements.js";
import { hasRole, visibleAgencies, visibleRound } from "../access.js";
import type { ConsoleEnv, Viewer } from "../env.js";
import { type ExportJob, exportJob, JOB_ID_PATTERN, startExportJob } from "../export-jobs.js";
import { Csrf, Page, path } from "../layout.js";
import { OnceField, runOnce } from "../once.js";

/**
 * A round's files, for the secretariat: the consolidated workbook, its CSV and the progress
 * picture, made as /export and /progress make them in the chat. The workbook of a large round
 * takes a while: it is built in the background (src/console/export-jobs.ts) and its page shows
 * how far it is, refreshing itself with JavaScript and by a link without.
 */
export const downloadPages = new Hono<ConsoleEnv>();

/** How often the page of a workbook being built asks again, in ms. */
const REFRESH_MS = 1000;

/** A file for the browser to save, never to render as a page of this origin. */
export function download(c: Context<ConsoleEnv>, bytes: Buffer, type: string, fileName: string): Response {
  return c.body(new Uint8Array(bytes), 200, {
    "content-type": type,
    "content-length": String(bytes.length),
    "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "content-security-policy": "default-src 'none'; sandbox",
    "cache-control": "private, no-store",
  });
}

/** Who took which of the round's files, in the access log. */
function logDownload(c: Context<ConsoleEnv>, round: Round, detail: "xlsx" | "csv" | "png"): Promise<void> {
  const { deps, viewer } = c.var;
  return deps.accessLog.record({ by: viewer.member.id, what: "download", round: round.id, detail }, deps.now());
}

/** The round, when the viewer is of the secretariat and the round exists; else nothing (404). */
async function roundFor(c: Context<ConsoleEnv>): Promise<Round | undefined> {
  const { deps, viewer } = c.var;
  if (!hasRole(viewer, "secretariat")) return undefined;
  return visibleRound(deps, viewer, c.req.param("roundId") ?? "");
}

const StartForm: FC<{ viewer: Viewer; round: Round; again?: boolean }> = ({ viewer, round, again }) => (
  <form method="post" action={path("rounds", round.id, "downloads", "workbook")} class="actions">
    <OnceField />
    <Csrf viewer={viewer} />
    <button type="submit">{viewer.t(again ? "console-downloads-workbook-again" : "console-downloads-workbook-start")}</button>
  </form>
);

downloadPages.get("/rounds/:roundId/downloads", async (c) => {
  const round = await roundFor(c);
  if (!round) return c.notFound();
  const { deps, viewer } = c.var;
  const { t } = viewer;
  const count = deps.rounds.agenciesOf(round).length;
  return c.html(
    <Page viewer={viewer} title={t("console-downloads-title", { name: round.name })} section="downloads" roundId={round.id}>
      <div class="grid">
        <section class="panel" aria-labelledby="downloads-workbook">
          <h2 id="downloads-workbook">{t("console-downloads-workbook-title")}</h2>
          <p>{t("console-downloads-workbook-about", { count })}</p>
          <StartForm viewer={viewer} round={round} />
        </section>
        <section class="panel" aria-labelledby="downloads-csv">
          <h2 id="downloads-csv">{t("console-downloads-csv-title")}</h2>
          <p>{t("console-downloads-csv-about", { count })}</p>
          <p>
            <a class="button secondary" href={path("rounds", round.id, "downloads", "csv")} download={`tong-hop-${round.id}.csv`}>
              {t("console-downloads-csv-link")}
            </a>
          </p>
        </section>
        <section class="panel" aria-labelledby="downloads-picture">
          <h2 id="downloads-picture">{t("console-downloads-picture-title")}</h2>
          <p>{t("console-downloads-picture-about")}</p>
          <p>
            <a class="button secondary" href={path("rounds", round.id, "downloads", "picture")} download={`tien-do-${round.id}.png`}>
              {t("console-downloads-picture-link")}
            </a>
          </p>
        </section>
      </div>
    </Page>,
  );
});

downloadPages.post("/rounds/:roundId/downloads/workbook", async (c) => {
  const round = await roundFor(c);
  if (!round) return c.notFound();
  const { deps, viewer } = c.var;
  // Pressed twice, one workbook is built: the repeat follows the first's job.
  const started = await runOnce(deps, (await c.req.parseBody()).once, async () => {
    const id = await startExportJob(deps, round, viewer.member.id);
    return { result: id, made: id };
  });
  if (started.kind === "unmarked") return c.redirect(path("rounds", round.id, "downloads"), 303);
  const id = started.kind === "done" ? started.result : started.made;
  return c.redirect(id ? path("rounds", round.id, "downloads", id) : path("rounds", round.id, "downloads"), 303);
});

/** How far the job is: a live part the script fetches again until the file is there. */
const JobState: FC<{ viewer: Viewer; round: Round; job: ExportJob }> = ({ viewer, round, job }) => {
  const { t } = viewer;
  const here = path("rounds", round.id, "downloads", job.id);
  if (job.status === "running")
    return (
      <div data-live-part="export-job" data-refresh-after={String(REFRESH_MS)}>
        <p role="status">{t("console-downloads-job-running", { done: job.done, total: job.total })}</p>
        <progress max={Math.max(1, job.total)} value={job.done} aria-label={t("console-downloads-job-progress")}>
          {job.done}/{job.total}
        </progress>
        <p class="small">
          <a href={here}>{t("console-downloads-job-refresh")}</a>
        </p>
      </div>
    );
  if (job.status === "done")
    return (
      <div data-live-part="export-job">
        <p role="status">{t("console-downloads-job-done", { total: job.total })}</p>
        <p>
          <a class="button" href={`${here}/file`} download={`bao-cao-tong-hop-${round.id}.xlsx`}>
            {t("console-downloads-job-download")}
          </a>
        </p>
        <p class="muted small">{t("console-downloads-job-kept")}</p>
      </div>
    );
  return (
    <div data-live-part="export-job">
      <p class="notice error" role="alert">
        {t("console-downloads-job-failed")}
      </p>
      <StartForm viewer={viewer} round={round} again />
    </div>
  );
};

downloadPages.get(`/rounds/:roundId/downloads/:jobId{${JOB_ID_PATTERN}}`, async (c) => {
  const round = await roundFor(c);
  const job = round ? await exportJob(c.var.deps, c.req.param("jobId")) : undefined;
  if (!round || !job || job.roundId !== round.id) return c.notFound();
  const { deps, viewer } = c.var;
  const { t } = viewer;
  return c.html(
    <Page viewer={viewer} title={t("console-downloads-job-title", { name: round.name })} section="downloads" roundId={round.id}>
      <section class="panel" aria-labelledby="job-heading">
        <h2 id="job-heading">{t("console-downloads-workbook-title")}</h2>
        <p class="muted small">{t("console-downloads-job-started", { at: formatMoment(job.startedAt, deps.timeZone), by: job.by })}</p>
        <JobState viewer={viewer} round={round} job={job} />
      </section>
      <p>
        <a href={path("rounds", round.id, "downloads")}>{t("console-downloads-back")}</a>
      </p>
    </Page>,
  );
});

downloadPages.get(`/rounds/:roundId/downloads/:jobId{${JOB_ID_PATTERN}}/file`, async (c) => {
  const round = await roundFor(c);
  const { deps } = c.var;
  const job = round ? await exportJob(deps, c.req.param("jobId")) : undefined;
  if (!round || !job || job.roundId !== round.id || job.status !== "done" || !job.file) return c.notFound();
  const file = await deps.attachments.get(job.file);
  if (!file) return c.notFound();
  await logDownload(c, round, "xlsx");
  return download(c, file.bytes, XLSX_TYPE, `bao-cao-tong-hop-${round.id}.xlsx`);
});

downloadPages.get("/rounds/:roundId/downloads/csv", async (c) => {
  const round = await roundFor(c);
  if (!round) return c.notFound();
  await logDownload(c, round, "csv");
  return download(c, await roundCsv(c.var.deps, round), "text/csv; charset=utf-8", `tong-hop-${round.id}.csv`);
});

downloadPages.get("/rounds/:roundId/downloads/picture", async (c) => {
  const round = await roundFor(c);
  if (!round) return c.notFound();
  const { deps, viewer } = c.var;
  const agencies = await visibleAgencies(deps, viewer, round);
  const { picture } = await progressReport(deps, round, agencies, viewer.t, viewer.language);
  await logDownload(c, round, "png");
  return download(c, picture, "image/png", `tien-do-${round.id}.png`);
});
