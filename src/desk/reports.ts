import { PassThrough } from "node:stream";
import { encodeAction } from "../channels/actions.js";
import type { MemberId } from "../channels/address.js";
import type { Deps } from "../deps.js";
import type { Agency } from "../domain/agencies.js";
import { type Refusal, refuse } from "../domain/refusal.js";
import type { Round } from "../domain/rounds.js";
import { FormTexts } from "../form/texts.js";
import { translatorFor } from "../i18n.js";
import type { OutboxMessage } from "../jobs/outbox.js";
import { unreachableNote } from "../jobs/unreachable.js";
import { photoLinksFor } from "../reports/answer-links.js";
import { progressPng } from "../reports/progress-picture.js";
import { progressText } from "../reports/progress-text.js";
import { writeSummaryCsv, writeWorkbook } from "../reports/workbook.js";
import type { RoundProgress } from "../services/progress.js";
import type { EffectOf } from "../storage/effects.js";
import type { EffectMarker } from "../storage/marks.js";
import type { Language, Member } from "../storage/members.js";
import { escapeHtml, type Translate } from "../views.js";
import { cancelButton, DESK_FILE_SECONDS, type DeskRequest, deskDocument, type Replies, refused, say, XLSX_TYPE } from "./request.js";

/** /progress for the desk (the secretariat all agencies, a consultant his provinces); /export and /review for the secretariat. */

/** Reports made for one request are kept two days: their links last one. */

async function roundOr(request: DeskRequest, id: string | undefined): Promise<Round | Replies> {
  const round = await request.deps.reports.roundFor(id || undefined, request.deps.now());
  return round ?? refused(request, refuse("round-refused-no-round", { round: id ?? "" }));
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
  if (groupId !== undefined && !group) return refused(request, refuse("target-unknown-group", { group: groupId }));
  const round = await roundOr(
    request,
    words.find((word) => !word.startsWith("group:")),
  );
  if (Array.isArray(round)) return round;
  const visible = await deps.reports.visibleAgencies(round, member);
  const agencies = group ? visible.filter((agency) => group.agencies.includes(agency.id)) : visible;
  if (agencies.length === 0) return say(t("progress-desk-only"));
  const { counted, components, picture } = await progressReport(deps, round, agencies, t, request.language);
  const text = [progressText(t, counted, components, deps.timeZone), await unreachableNote(deps, t, agencies)].filter(Boolean).join("\n\n");
  const fileId = await deps.attachments.put(picture, "image/png", DESK_FILE_SECONDS);
  return [
    {
      text: group ? `${text}\n\n${t("progress-group", { name: escapeHtml(group.name), source: escapeHtml(group.source) })}` : text,
      language: request.language,
      attachment: { kind: "photo", fileId, caption: t("progress-picture-caption"), fileName: `tien-do-${round.id}.png`, export: true },
    },
  ];
}

/**
 * A round's progress over some agencies: the counts, each component's name in the reader's
 * language, and the picture of it (PNG), as /progress and the console's downloads show it.
 */
export async function progressReport(
  deps: Deps,
  round: Round,
  agencies: Agency[],
  t: Translate,
  language: Language,
): Promise<{ counted: RoundProgress; components: string[]; picture: Buffer }> {
  const counted = await deps.reports.progress(round, agencies, deps.now());
  const texts = new FormTexts(language, (key) => t(key));
  const components = counted.components.map((component) => texts.component(component));
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
    // How the appendix's items map to letter 000's requirements holds for the appendix's own form only.
    ...(round.formId === deps.catalog.builtIn.id ? { note: t("progress-picture-note") } : {}),
  });
  return { counted, components, picture };
}

/** The consolidated workbook of a round, every agency it targets; `onProgress` hears how far it is, in agencies. */
export async function roundWorkbook(
  deps: Deps,
  round: Round,
  onProgress?: (done: number, total: number) => void,
  /** Whom the workbook is for: its links to photo answers are theirs. */
  reader?: Member,
): Promise<Buffer> {
  const exported = await deps.reports.exportSource(round, deps.rounds.agenciesOf(round));
  const source = { ...exported, photoLink: photoLinksFor(deps.fileLinks, reader, deps.now()) };
  return toBuffer((stream) => writeWorkbook(source, stream, onProgress));
}

/** The summary of a round as CSV, a row per agency it targets. */
export async function roundCsv(deps: Deps, round: Round): Promise<Buffer> {
  const source = await deps.reports.exportSource(round, deps.rounds.agenciesOf(round));
  return toBuffer((stream) => writeSummaryCsv(source, stream));
}

/** "/export [round-id]": the consolidated workbook and its one-sheet CSV. */
export async function exportRound(request: DeskRequest, argument: string): Promise<Replies> {
  const { deps, t } = request;
  const round = await roundOr(request, argument);
  if (Array.isArray(round)) return round;
  const workbook = await roundWorkbook(deps, round, undefined, request.member);
  const csv = await roundCsv(deps, round);
  await deps.accessLog.record({ by: request.member.id, what: "export", round: round.id, detail: "xlsx" }, deps.now());
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
          {
            label: t("review-button-accept"),
            data: encodeAction({ kind: "review", verdict: "accept", roundId: round.id, agencyId: agency.id }),
          },
          {
            label: t("review-button-return"),
            data: encodeAction({ kind: "review", verdict: "return", roundId: round.id, agencyId: agency.id }),
          },
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

/** What recording a review decision came to: the officers told, or why nothing was recorded. */
export type ReviewDecision =
  | { ok: true; round: Round; agency: Agency; officers: MemberId[] }
  | Refusal<"round-refused-no-round" | "review-unknown-agency" | "review-not-submitted">;

/**
 * Records the secretariat's decision on a submission and tells the agency's officers in chat,
 * each in their language, through the outbox: the one way to review, for the chat's /review and
 * the console's agency page alike. Made by an update (`mark`, the chat's), the decision is written
 * with its effect mark, so that a repeat of the update shows it (`replayReview`) and decides nothing again.
 */
export async function recordReviewDecision(
  deps: Deps,
  by: MemberId,
  roundId: string,
  agencyId: string,
  decision: "accepted" | "returned",
  comment: string,
  mark?: EffectMarker,
): Promise<ReviewDecision> {
  const now = deps.now();
  const round = await deps.reports.roundFor(roundId, now);
  const agency = deps.directory.get(agencyId);
  if (!round) return refuse("round-refused-no-round", { round: roundId });
  if (!agency) return refuse("review-unknown-agency", { agency: agencyId });
  const result = await deps.reports.review(round, agencyId, decision, comment, by, now, mark);
  if (!result.ok) return result;
  await deps.outbox?.enqueue(await reviewNotices(deps, round, agencyId, { decision, comment, at: now }, result.officers));
  return { ok: true, round, agency, officers: result.officers };
}

/**
 * The agency's officers told of a decision, each in their language; named by the decision (its
 * time as recorded), so that telling them again, for a repeat of the update, sends nothing twice.
 */
async function reviewNotices(
  deps: Deps,
  round: Round,
  agencyId: string,
  review: { decision: "accepted" | "returned"; comment: string; at: number },
  officers: MemberId[],
): Promise<OutboxMessage[]> {
  const notices: OutboxMessage[] = [];
  for (const officer of officers) {
    const officerT = translatorFor((await deps.members.get(officer))?.language);
    const text = officerT(review.decision === "accepted" ? "review-accepted-officer" : "review-returned-officer", {
      name: escapeHtml(round.name),
      comment: escapeHtml(review.comment),
    });
    const buttons =
      review.decision === "returned"
        ? [[{ label: officerT("form-button-continue"), data: encodeAction({ kind: "form-open" }) }]]
        : undefined;
    notices.push({
      id: `review-${round.id}-${agencyId}-${review.at}-${officer}`,
      memberId: officer,
      message: { text, ...(buttons ? { buttons } : {}) },
    });
  }
  return notices;
}

/** Records the decision and tells the officers of the agency (recordReviewDecision); says what was done. */
export async function decide(
  request: DeskRequest,
  roundId: string,
  agencyId: string,
  decision: "accepted" | "returned",
  comment: string,
): Promise<Replies> {
  const { deps, member, t } = request;
  const result = await recordReviewDecision(deps, member.id, roundId, agencyId, decision, comment, request.effectMark);
  if (!result.ok) return refused(request, result);
  return say(
    t(decision === "accepted" ? "review-accepted-done" : "review-returned-done", {
      agency: escapeHtml(result.agency.name),
      officers: result.officers.length,
    }),
  );
}

/**
 * A decision an earlier try of the update recorded: said again as `decide` said it, and the
 * officers' notices queued again while it is still the agency's last decision (under the same ids:
 * sent once, also when a crash kept the first try from queueing them). Nothing is decided again.
 */
export async function replayReview(request: DeskRequest, effect: EffectOf<"review">): Promise<Replies> {
  const { deps, t, composing } = request;
  // The comment a return was written with, if a crash kept the first try from letting it go.
  if (composing?.kind === "review-comment" && composing.roundId === effect.round && composing.agencyId === effect.agency)
    await deps.composing.clear(request.member.id);
  const round = await deps.reports.roundFor(effect.round, deps.now());
  const agency = deps.directory.get(effect.agency);
  if (!round || !agency) return [];
  const officers = await deps.members.idsOf({ role: "officer", agencyId: agency.id });
  const last = await deps.responses.lastReview(round.id, agency.id);
  if (last?.at === effect.at && last.decision === effect.decision)
    await deps.outbox?.enqueue(await reviewNotices(deps, round, agency.id, last, officers));
  return say(
    t(effect.decision === "accepted" ? "review-accepted-done" : "review-returned-done", {
      agency: escapeHtml(agency.name),
      officers: officers.length,
    }),
  );
}
