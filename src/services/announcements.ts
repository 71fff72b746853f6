import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { encodeAction } from "../channels/actions.js";
import type { Button, OutgoingMessage } from "../channels/port.js";
import type { AgencyDirectory } from "../domain/agencies.js";
import type { Round } from "../domain/rounds.js";
import { getI18n, translatorFor } from "../i18n.js";
import type { Language } from "../storage/members.js";
import { escapeHtml } from "../views.js";
import type { BroadcastReport } from "./broadcasts.js";
import type { AgencyStanding } from "./reporting.js";

/**
 * The words of what the bot sends on its own: a round opening, a reminder, a broadcast and its
 * report. Each is rendered in the recipient's language when it is queued.
 */

export const formatMoment = (at: number, timeZone: string) => format(new TZDate(at, timeZone), "HH:mm dd/MM/yyyy");

const openButton = (language: Language, key: string): Button[][] => [
  [{ label: getI18n().t(language, key), data: encodeAction({ kind: "form-open" }) }],
];

export function roundOpenedText(language: Language, round: Round, timeZone: string): OutgoingMessage {
  return {
    text: getI18n().t(language, "round-opened", { name: escapeHtml(round.name), deadline: formatMoment(round.deadline, timeZone) }),
    buttons: openButton(language, "form-button-start"),
  };
}

/** Worded by where the agency stands: not started, how far it is, or reopened. */
export function reminderText(language: Language, round: Round, standing: AgencyStanding, now: number, timeZone: string): OutgoingMessage {
  const late = now > round.deadline;
  const params = {
    name: escapeHtml(round.name),
    agency: escapeHtml(standing.agency.name),
    deadline: formatMoment(round.deadline, timeZone),
    percent: standing.percent,
    // No open question left: answered in full, only the submit is missing.
    part: standing.partNumber ?? "none",
  };
  const reopened = standing.status === "reopened" || standing.status === "returned";
  const key = `reminder-${standing.status === "not-started" ? "not-started" : reopened ? "reopened" : "in-progress"}${late ? "-late" : ""}`;
  // Reminded before a deadline for 100% compliance, the officer also hears which components still fall short.
  const shortfalls = standing.shortfalls.length
    ? `\n${getI18n().t(language, "reminder-shortfalls", { components: standing.shortfalls.join(", "), form: standing.importedForm ? "imported" : "488" })}`
    : "";
  return {
    text: `${getI18n().t(language, key, params)}${shortfalls}`,
    buttons: openButton(language, standing.status === "not-started" ? "form-button-start" : "form-button-continue"),
  };
}

export function broadcastText(language: Language, text: string): string {
  return `${getI18n().t(language, "broadcast-heading")}\n\n${escapeHtml(text)}`;
}

export function broadcastReportText(language: Language, report: BroadcastReport, directory: AgencyDirectory): string {
  const t = translatorFor(language);
  const lines = [
    t("broadcast-report", { id: report.id, sent: report.sent, total: report.total, blocked: report.blocked, failed: report.failed }),
  ];
  if (report.unreached.length) {
    const names = report.unreached.map((id) => directory.get(id)?.name ?? id);
    lines.push(t("broadcast-unreached", { agencies: escapeHtml(names.join(", ")) }));
  }
  if (report.failed + report.blocked > 0) lines.push(t("broadcast-resend-hint", { id: report.id }));
  return lines.join("\n");
}
