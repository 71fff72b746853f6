import { formatMoment } from "../services/announcements.js";
import { type AgencyRow, noComponentCounts, type RoundProgress } from "../services/progress.js";
import { escapeHtml } from "../views.js";

type T = (key: string, params?: Record<string, string | number>) => string;

/** The built-in form, whose items are the rows of letter 488's appendix (flows/form-488.json). */
const FORM_488 = "488";

/** The progress of a round in words, as the letters count it. */
export function progressText(t: T, progress: RoundProgress, componentNames: readonly string[], timeZone: string): string {
  const { round } = progress;
  const lines = [
    `<b>${t("progress-title", { name: escapeHtml(round.name) })}</b>`,
    round.deadline < Number.MAX_SAFE_INTEGER ? t("progress-deadline", { deadline: formatMoment(round.deadline, timeZone) }) : "",
    t("progress-submitted", {
      ministries: progress.submitted.ministry,
      ministriesTotal: progress.targeted.ministry,
      provinces: progress.submitted.province,
      provincesTotal: progress.targeted.province,
    }),
    t("progress-drafts", { ministries: progress.drafts.ministry, provinces: progress.drafts.province }),
    t("progress-compliant", {
      ministries: progress.fullyCompliant.ministry,
      ministriesTotal: progress.targeted.ministry,
      provinces: progress.fullyCompliant.province,
      provincesTotal: progress.targeted.province,
    }),
    "",
    `<b>${t("progress-components")}</b>`,
    ...progress.components.map((component, index) => {
      const tally = progress.perComponent[index] ?? noComponentCounts();
      return t("progress-component-line", {
        id: component.id,
        name: escapeHtml(componentNames[index] ?? ""),
        met: tally.met,
        partial: tally.partial,
        notMet: tally.not_met,
        unanswered: tally.unanswered,
        notApplicable: tally.not_applicable,
      });
    }),
  ].filter((line) => line !== "");
  // Form 488's items are the appendix's rows: said once, which of letter 000's six requirements each stands for.
  if (round.formId === FORM_488 && progress.components.length) lines.push(t("progress-requirements-488"));
  lines.push(...notSubmitted(t, progress));
  return lines.join("\n");
}

/**
 * Who has not submitted, ministries and provinces each under their own heading, and within each
 * who has not started apart from who is filling in (with how far): no kind of agency is ever
 * hidden behind the other's count.
 */
function notSubmitted(t: T, progress: RoundProgress): string[] {
  const lines: string[] = [];
  const waiting = progress.rows.filter((row) => !row.submitted);
  if (waiting.length === 0) return lines;
  lines.push("", `<b>${t(progress.late ? "progress-late" : "progress-pending", { count: waiting.length })}</b>`);
  const byName = (a: AgencyRow, b: AgencyRow) => a.agency.name.localeCompare(b.agency.name, "vi");
  for (const kind of ["ministry", "province"] as const) {
    const rows = waiting.filter((row) => row.agency.kind === kind).sort(byName);
    if (rows.length === 0) continue;
    const started = rows.filter((row) => row.percent !== undefined);
    const notStarted = rows.filter((row) => row.percent === undefined);
    lines.push(t(kind === "ministry" ? "progress-kind-ministries" : "progress-kind-provinces", { count: rows.length }));
    if (started.length)
      lines.push(
        `${t("progress-filling-in", { count: started.length })} ${escapeHtml(
          names(
            t,
            started.map((row) => t("progress-agency-percent", { name: row.agency.name, percent: row.percent ?? 0 })),
          ),
        )}`,
      );
    if (notStarted.length)
      lines.push(
        `${t("progress-not-started", { count: notStarted.length })} ${escapeHtml(
          names(
            t,
            notStarted.map((row) => row.agency.name),
          ),
        )}`,
      );
  }
  return lines;
}

/** At most this many names in one list: more than there are provinces, so a list is cut only for a directory larger than Vietnam's. */
const NAMES_SHOWN = 70;

const names = (t: T, all: string[]) =>
  (all.length > NAMES_SHOWN ? [...all.slice(0, NAMES_SHOWN), t("progress-and-more", { count: all.length - NAMES_SHOWN })] : all).join(", ");
