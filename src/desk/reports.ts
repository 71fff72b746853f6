import { PassThrough } from "node:stream";
import type { Round } from "../domain/rounds.js";
import { OPEN_CALLBACK } from "../form/screens.js";
import { FormTexts } from "../form/texts.js";
import { translatorFor } from "../i18n.js";
import type { OutboxMessage } from "../jobs/outbox.js";
import { progressPng } from "../reports/progress-picture.js";
import { progressText } from "../reports/progress-text.js";
import { writeSummaryCsv, writeWorkbook } from "../reports/workbook.js";
import { escapeHtml } from "../views.js";
import { cancelButton, DESK_FILE_SECONDS, type DeskRequest, deskDocument, type Replies, refused, say, XLSX_TYPE } from "./request.js";

/** /progress for the desk (the secretariat all agencies, a consultant his provinces); /export and /review for the secretariat. */

/** Reports made for one request are kept two days: their links last one. */

async function roundOr(request: DeskRequest, id: string | undefined): Promise<Round | Replies> {
  const round = await request.deps.reports.roundFor(id || undefined, request.deps.now());
  return round ?? refused(request, `no round ${id ?? ""}`.trim());
}

const toBuffer = async (write: (stream: PassThrough) => Promise<void>): Promise<Buffer> => {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => stream.on("end", resolve));
  await write(stream);
  await ended;
  return Buffer.concat(chunks);
};

/** "/progress [round-id] [group:<id>]": a group counts only its agencies, as the letter that names it does. */
export async function progress(request: DeskRequest, argument: string): Promise<Replies> {
  const { deps, member, t } = request;
  const words = argument.split(/\s+/).filter(Boolean);
  const groupId = words.find((word) => word.startsWith("group:"))?.slice("group:".length);
  const group = groupId === undefined ? undefined : deps.groups.get(groupId);
  if (groupId !== undefined && !group) return refused(request, `unknown group ${groupId}`);
  const round = await roundOr(
    request,
    words.find((word) => !word.startsWith("group:")),
  );
  if (Array.isArray(round)) return round;
  const visible = await deps.reports.visibleAgencies(round, member);
  const agencies = group ? visible.filter((agency) => group.agencies.includes(agency.id)) : visible;
  if (agencies.length === 0) return say(t("progress-desk-only"));
  const counted = await deps.reports.progress(round, agencies, deps.now());
  const texts = new FormTexts(request.language, (key) => t(key));
  const components = counted.components.map((component) => texts.component(component));
  const text = progressText(t, counted, components, deps.timeZone);
  const picture = progressPng(counted, {
    title: t("progress-picture-title", { name: round.name }),
    legend: {
      met: t("progress-legend-met"),
      partial: t("progress-legend-partial"),
      not_met: t("progress-legend-not-met"),
      unanswered: t("progress-legend-unanswered"),
      not_applicable: t("progress-legend-not-applicable"),
    },
    components,
    submitted: t("progress-legend-submitted"),
    provinces: t("progress-provinces"),
    ministries: t("progress-ministries"),
  });
  const fileId = await deps.attachments.put(picture, "image/png", DESK_FILE_SECONDS);
  return [
    {
      text: group ? `${text}\n\n${t("progress-group", { name: escapeHtml(group.name), source: escapeHtml(group.source) })}` : text,
      language: request.language,
      attachment: { kind: "photo", fileId, caption: t("progress-picture-caption"), fileName: `tien-do-${round.id}.png`, export: true },
    },
  ];
}

/** "/export [round-id]": the consolidated workbook and its one-sheet CSV. */
export async function exportRound(request: DeskRequest, argument: string): Promise<Replies> {
  const { deps, t } = request;
  const round = await roundOr(request, argument);
  if (Array.isArray(round)) return round;
  const source = await deps.reports.exportSource(round, deps.rounds.agenciesOf(round));
  const workbook = await toBuffer((stream) => writeWorkbook(source, stream));
  const csv = await toBuffer((stream) => writeSummaryCsv(source, stream));
  return Promise.all([
    deskDocument(request, {
      bytes: workbook,
      type: XLSX_TYPE,
      caption: t("export-caption", { name: escapeHtml(round.name) }),
      fileName: `bao-cao-tong-hop-${round.id}.xlsx`,
    }),
    deskDocument(request, {
      bytes: csv,
      type: "text/csv; charset=utf-8",
      caption: t("export-csv-caption"),
      fileName: `tong-hop-${round.id}.csv`,
    }),
  ]);
}

/** "/review <agency> [round-id]": a submitted report, to accept or return with a comment. */
export async function review(request: DeskRequest, argument: string): Promise<Replies> {
  const { deps, t } = request;
  const [agencyId, roundId] = argument.split(/\s+/);
  const agency = agencyId ? deps.directory.get(agencyId) : undefined;
  if (!agency) return say(t("review-usage"));
  const round = await roundOr(request, roundId);
  if (Array.isArray(round)) return round;
  const standing = await deps.reporting.standingIn(round.id, agency);
  if (standing.status !== "submitted") return say(t("review-not-submitted", { agency: escapeHtml(agency.name) }));
  return [
    {
      text: t("review-prompt", { agency: escapeHtml(agency.name), name: escapeHtml(round.name) }),
      buttons: [
        [
          { label: t("review-button-accept"), data: `r:ok:${round.id}:${agency.id}` },
          { label: t("review-button-return"), data: `r:back:${round.id}:${agency.id}` },
        ],
      ],
    },
  ];
}

/** "Return" pressed: the comment is asked for first. */
export async function askReviewComment(request: DeskRequest, roundId: string, agencyId: string): Promise<Replies> {
  await request.deps.composing.set(request.member.id, { kind: "review-comment", roundId, agencyId });
  return [{ text: request.t("review-comment-prompt"), buttons: cancelButton(request) }];
}

/** Records the decision and tells the officers of the agency, through the outbox. */
export async function decide(
  request: DeskRequest,
  roundId: string,
  agencyId: string,
  decision: "accepted" | "returned",
  comment: string,
): Promise<Replies> {
  const { deps, member, t } = request;
  const now = deps.now();
  const round = await deps.reports.roundFor(roundId, now);
  const agency = deps.directory.get(agencyId);
  if (!round || !agency) return refused(request, `no round ${roundId} for ${agencyId}`);
  const result = await deps.reports.review(round, agencyId, decision, comment, member.id, now);
  if (!result.ok) return say(t("review-not-submitted", { agency: escapeHtml(agency.name) }));
  const notices: OutboxMessage[] = [];
  for (const officer of result.officers) {
    const officerT = translatorFor((await deps.members.get(officer))?.language);
    const text = officerT(decision === "accepted" ? "review-accepted-officer" : "review-returned-officer", {
      name: escapeHtml(round.name),
      comment: escapeHtml(comment),
    });
    const buttons = decision === "returned" ? [[{ label: officerT("form-button-continue"), data: OPEN_CALLBACK }]] : undefined;
    notices.push({
      id: `review-${round.id}-${agencyId}-${now}-${officer}`,
      memberId: officer,
      message: { text, ...(buttons ? { buttons } : {}) },
    });
  }
  await deps.outbox?.enqueue(notices);
  return say(
    t(decision === "accepted" ? "review-accepted-done" : "review-returned-done", {
      agency: escapeHtml(agency.name),
      officers: result.officers.length,
    }),
  );
}
