import { formatMoment } from "../services/announcements.js";
import { noComponentCounts, type RoundProgress } from "../services/progress.js";
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
  if (progress.notSubmitted.length) {
    const names = progress.notSubmitted.map((agency) => agency.name);
    const shown = names.length > 60 ? [...names.slice(0, 60), t("progress-and-more", { count: names.length - 60 })] : names;
    lines.push(
      "",
      `<b>${t(progress.late ? "progress-late" : "progress-pending", { count: names.length })}</b>`,
      escapeHtml(shown.join(", ")),
    );
  }
  return lines.join("\n");
}
