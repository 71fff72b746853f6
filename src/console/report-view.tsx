import type { FC } from "hono/jsx";
import { CHANNEL_NAMES, type ChannelName, type MemberId } from "../channels/address.js";
import type { Deps } from "../deps.js";
import type { Agency } from "../domain/agencies.js";
import type { Round } from "../domain/rounds.js";
import { type Fills, interpolate, optionFills } from "../form/interpolation.js";
import { type Form, type FormNode, type Option, optionsOf, type Part, type Question } from "../form/schema.js";
import {
  type AgencyKind,
  buildSlots,
  emptyResponse,
  entriesOf,
  entryName,
  expressionScope,
  type QuestionSlot,
  type ResponseState,
  type StoredAnswer,
} from "../form/slots.js";
import { FormTexts } from "../form/texts.js";
import { type AnswerValue, displayAnswer } from "../form/validators.js";
import { formatMoment } from "../services/announcements.js";
import type { HistoryRecord } from "../storage/responses.js";
import type { Translate } from "../views.js";
import type { Viewer } from "./env.js";

/**
 * An agency's report as the appendix lays it out (parts, rows, and the systems of each list), read
 * from the same slots the chat asks (src/form/slots.ts) and worded as the chat words answers
 * (displayAnswer with the form's option texts in the viewer's language); each answer with who gave
 * it, when, on which messenger, and whether it was carried over from the last round. Also the
 * history of the response's changes. Shared by the agency page and its print view.
 */

export interface AnswerLine {
  question: string;
  /** The answer as the chat shows it; undefined while unanswered. */
  value: string | undefined;
  skipped: boolean;
  answer: StoredAnswer | undefined;
  carried: boolean;
}

export interface ReportBlock {
  /** "1. Hạ tầng mạng…", "1.2 — Cổng dịch vụ công", or none for a part's plain rows. */
  heading: string | undefined;
  /** The group heading shown above this block, when the group changes here. */
  group: string | undefined;
  lines: AnswerLine[];
  /** For a list: how many entries it has, whether the officers said it is complete, and what an empty one means. */
  list: { count: number; done: boolean; whenEmpty: "none" | "not-yet" } | undefined;
}

export interface ReportPart {
  part: Part;
  title: string;
  /** Carried over from the last round and not yet confirmed by an officer. */
  unconfirmed: boolean;
  blocks: ReportBlock[];
}

export interface ReportModel {
  parts: ReportPart[];
  /** Member id → the name shown for them. */
  names: ReadonlyMap<string, string>;
}

export const formTextsFor = (viewer: Viewer, form: Form) => new FormTexts(viewer.language, (key) => viewer.t(key), form.translations);

/**
 * An answer worded as the chat words it: an option's text in the viewer's language (with the answers
 * it shows, `${name}`, filled in from `fills`, its question's), a month as MM/YYYY, a phone grouped.
 */
export function answerText(form: Form, texts: FormTexts, question: Question, value: AnswerValue, fills?: Fills): string {
  const words = (set: string, option: Option) => texts.optionOf(set, option);
  const options = optionsOf(form, question).map((option) => ({
    ...option,
    text: interpolate(texts.option(question, option), fills, words),
  }));
  return displayAnswer(question, value, options);
}

/**
 * The name shown for each member: their own (part 1) name, else a consultant's name from the
 * directory, else the name a removed member had ("a former member" once erased), else the id. Names are personal data: shown on
 * the page, never logged.
 */
export async function memberNames(deps: Deps, t: Translate, ids: Iterable<MemberId>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = await Promise.all(
    unique.map(async (id) => {
      const member = await deps.members.get(id);
      const consultant = member?.binding.role === "consultant" ? deps.consultants.get(member.binding.consultantId)?.name : undefined;
      const own = member?.profile.fullName ?? consultant;
      if (own) return own;
      const who = await deps.reports.attribution(id);
      return who.kind === "named" ? who.name : who.kind === "former" ? t("ops-former-member") : id;
    }),
  );
  return new Map(unique.map((id, index) => [id, names[index] ?? id]));
}

/** Whether an answer comes from an earlier round: given before this round opened, or in a part still waiting to be confirmed. */
const isCarried = (round: Round, state: ResponseState, part: Part, answer: StoredAnswer | undefined) =>
  answer !== undefined && (answer.at < round.opensAt || state.unconfirmed.has(part.id));

/** The report's parts and blocks, from the questions that apply to this agency with these answers. */
export async function reportOf(
  deps: Deps,
  viewer: Viewer,
  form: Form,
  round: Round,
  agency: Agency,
  state: ResponseState | undefined,
): Promise<ReportModel> {
  const read = state ?? emptyResponse(form.version);
  const texts = formTextsFor(viewer, form);
  // The slots that apply, by part and then by row or list, in asking order.
  const byPart = new Map<string, { part: Part; nodes: Map<string, { node: FormNode; slots: QuestionSlot[] }> }>();
  for (const slot of buildSlots(form, read, agency.kind)) {
    if (slot.kind === "confirm") continue;
    const part = byPart.get(slot.part.id) ?? { part: slot.part, nodes: new Map() };
    byPart.set(slot.part.id, part);
    const node = part.nodes.get(slot.node.id) ?? { node: slot.node, slots: [] };
    part.nodes.set(slot.node.id, node);
    if (slot.kind === "question") node.slots.push(slot);
  }
  const line = (slot: QuestionSlot): AnswerLine => {
    const answer = read.answers.get(slot.path);
    return {
      question: texts.question(slot.node, slot.question),
      value: answer && answer.value !== null ? answerText(form, texts, slot.question, answer.value, slot.fills) : undefined,
      skipped: answer?.value === null,
      answer,
      carried: isCarried(round, read, slot.part, answer),
    };
  };
  const parts: ReportPart[] = [...byPart.values()].map(({ part, nodes }) => {
    const blocks: ReportBlock[] = [];
    let group: string | undefined;
    for (const { node, slots } of nodes.values()) {
      const groupHeading = node.group && node.group !== group ? texts.group(node) : undefined;
      group = node.group;
      if (node.kind === "row") {
        blocks.push({ heading: nodeHeading(texts, node), group: groupHeading, lines: slots.map(line), list: undefined });
        continue;
      }
      const entries = entriesOf(form, node, read, agency.kind);
      const list =
        node.kind === "repeat" ? { count: entries.length, done: read.listsDone.has(node.id), whenEmpty: node.whenEmpty } : undefined;
      blocks.push({ heading: nodeHeading(texts, node), group: groupHeading, lines: [], list });
      entries.forEach(({ source, entryId }, index) => {
        const name = entryName(read, source, entryId);
        const entrySlots = slots.filter((slot) => slot.entry?.id === entryId);
        blocks.push({
          heading: `${node.number ? `${node.number}.${index + 1}` : `${index + 1}.`} ${name}`.trim(),
          group: undefined,
          // A list's first question is its entry's name, which heads the entry.
          lines: entrySlots.filter((slot) => node.kind !== "repeat" || slot.question.id !== node.questions[0].id).map(line),
          list: undefined,
        });
      });
    }
    return { part, title: texts.part(part), unconfirmed: read.unconfirmed.has(part.id), blocks };
  });
  const names = await memberNames(
    deps,
    viewer.t,
    [...read.answers.values()].map((answer) => answer.by),
  );
  return { parts, names };
}

function nodeHeading(texts: FormTexts, node: FormNode): string | undefined {
  const label = texts.label(node);
  if (!label) return undefined;
  return node.number ? `${node.number}. ${label}` : label;
}

const messengerName = (t: Translate, via: string | undefined) =>
  via !== undefined && Object.hasOwn(CHANNEL_NAMES, via) ? CHANNEL_NAMES[via as ChannelName] : t("console-agency-via-unknown");

/** The report, a table a part, as the appendix prints it. */
export const ReportTables: FC<{ t: Translate; model: ReportModel; timeZone: string }> = ({ t, model, timeZone }) => (
  <div class="report">
    {model.parts.map((part) => (
      <section>
        <h2 id={`part-${part.part.id}`}>
          {t("console-agency-part", { number: part.part.number, title: part.title })}
          {part.unconfirmed ? <span class="carried"> · {t("console-agency-part-unconfirmed")}</span> : null}
        </h2>
        {/* A table wider than a phone scrolls in its frame, which the keyboard can then reach. */}
        <section class="table-wrap" aria-labelledby={`part-${part.part.id}`} tabindex={0}>
          <table class="report-part">
            <caption class="visually-hidden">{t("console-agency-part", { number: part.part.number, title: part.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("console-agency-col-question")}</th>
                <th scope="col">{t("console-agency-col-answer")}</th>
                <th scope="col">{t("console-agency-col-by")}</th>
                <th scope="col">{t("console-agency-col-at")}</th>
                <th scope="col">{t("console-agency-col-via")}</th>
              </tr>
            </thead>
            {part.blocks.map((block) => (
              <tbody>
                {block.group ? (
                  <tr class="group">
                    <th scope="rowgroup" colspan={5}>
                      {block.group}
                    </th>
                  </tr>
                ) : null}
                {block.heading ? (
                  <tr class="heading">
                    <th scope="rowgroup" colspan={5}>
                      {block.heading}
                      {block.list ? <ListNote t={t} list={block.list} /> : null}
                    </th>
                  </tr>
                ) : null}
                {block.list && block.list.count === 0 && block.list.done ? (
                  <tr>
                    <td colspan={5}>
                      {t(block.list.whenEmpty === "not-yet" ? "console-agency-list-not-yet" : "console-agency-list-none")}
                    </td>
                  </tr>
                ) : null}
                {block.lines.map((line) => (
                  <tr>
                    <th scope="row" class="question">
                      {line.question}
                    </th>
                    <td class="answer">
                      {line.skipped ? (
                        <span class="muted">{t("console-agency-skipped")}</span>
                      ) : line.value === undefined ? (
                        <span class="muted">{t("console-agency-unanswered")}</span>
                      ) : (
                        line.value
                      )}
                      {line.carried ? <span class="carried"> · {t("console-agency-carried")}</span> : null}
                    </td>
                    <td>{line.answer ? (model.names.get(line.answer.by) ?? line.answer.by) : ""}</td>
                    <td class="when">{line.answer ? formatMoment(line.answer.at, timeZone) : ""}</td>
                    <td>{line.answer ? messengerName(t, line.answer.via) : ""}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </section>
      </section>
    ))}
  </div>
);

const ListNote: FC<{ t: Translate; list: NonNullable<ReportBlock["list"]> }> = ({ t, list }) => (
  <span class="muted small">
    {" · "}
    {t("console-agency-list-count", { count: list.count })}
    {list.done ? "" : ` · ${t("console-agency-list-open")}`}
  </span>
);

// ---- the history of changes ----

export interface HistoryLine {
  at: number;
  by: string;
  /** What changed: a question with its row and entry, or the report's own step (submitted, sent back…). */
  what: string;
  old: string | undefined;
  new: string | undefined;
  note: string | undefined;
}

/** The history's records worded for the page, in the order given. */
export function historyLines(
  viewer: Viewer,
  form: Form,
  state: ResponseState | undefined,
  records: readonly HistoryRecord[],
  roundName: (id: string) => string,
  /** The agency's kind, for what a choice's label reads (`${name}`); without it such a label is filled with nothing. */
  agencyKind?: AgencyKind,
): HistoryLine[] {
  const { t } = viewer;
  const texts = formTextsFor(viewer, form);
  const nodes = new Map(form.parts.flatMap((part) => part.nodes.map((node) => [node.id, node] as const)));
  // A choice's label reads the answers as they stand now: the history keeps what was chosen, not the words it then showed.
  const fillsAt = (path: string, node: FormNode, question: Question) =>
    optionFills(
      form,
      node,
      question,
      state && agencyKind ? expressionScope(form, state, path.slice(0, path.lastIndexOf(".")), agencyKind) : { answer: () => undefined },
    );
  const value = (question: Question | undefined, given: AnswerValue | null | undefined, fills: Fills | undefined): string | undefined =>
    given === undefined
      ? undefined
      : given === null
        ? t("console-agency-skipped")
        : question
          ? answerText(form, texts, question, given, fills)
          : String(given);
  return records.map((record) => {
    const base = { at: record.at, by: String(record.by), old: undefined, new: undefined, note: undefined };
    const raw = record as HistoryRecord & { comment?: unknown };
    if (record.path === "@status")
      return { ...base, what: t(record.new === "submitted" ? "console-agency-history-submitted" : "console-agency-history-reopened") };
    if (record.path === "@review")
      return {
        ...base,
        what: t(record.new === "accepted" ? "console-agency-history-accepted" : "console-agency-history-returned"),
        note: typeof raw.comment === "string" && raw.comment ? raw.comment : undefined,
      };
    if (record.path.startsWith("@confirmed:")) {
      const part = form.parts.find((candidate) => candidate.id === record.path.slice("@confirmed:".length));
      return { ...base, what: t("console-agency-history-confirmed", { number: part?.number ?? record.path }) };
    }
    const nodeId = record.path.split(/[#.]/)[0] ?? "";
    const entryId = /#([^.]+)\./.exec(record.path)?.[1];
    const node = nodes.get(nodeId);
    const question = node?.questions.find((candidate) => candidate.id === record.path.slice(record.path.lastIndexOf(".") + 1));
    const where = node?.number ?? "";
    const entry = node && entryId && state ? entryLabel(node, entryId, state) : "";
    const what = node && question ? [where, entry, texts.question(node, question)].filter(Boolean).join(" · ") : record.path;
    const fills = node && question ? fillsAt(record.path, node, question) : undefined;
    return {
      ...base,
      what,
      old: value(question, record.old, fills),
      new: value(question, record.new, fills),
      note: record.carriedFrom ? t("console-agency-history-carried", { round: roundName(record.carriedFrom) }) : undefined,
    };
  });
}

function entryLabel(node: FormNode, entryId: string, state: ResponseState): string {
  const source = node.kind === "each" ? node.of.find((repeat) => state.entries.get(repeat)?.includes(entryId)) : node.id;
  return source ? entryName(state, source, entryId) : "";
}

export const HistoryTable: FC<{ t: Translate; lines: HistoryLine[]; names: ReadonlyMap<string, string>; timeZone: string }> = ({
  t,
  lines,
  names,
  timeZone,
}) => (
  <section class="table-wrap" aria-labelledby="history-title" tabindex={0}>
    <table class="history">
      <caption class="visually-hidden">{t("console-agency-history-title")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("console-agency-col-at")}</th>
          <th scope="col">{t("console-agency-col-by")}</th>
          <th scope="col">{t("console-agency-history-what")}</th>
          <th scope="col">{t("console-agency-history-change")}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr>
            <td class="when">{formatMoment(line.at, timeZone)}</td>
            <td>{names.get(line.by) ?? line.by}</td>
            <td>{line.what}</td>
            <td class="answer">
              {line.old !== undefined || line.new !== undefined ? (
                <>
                  <span class="old">{line.old ?? "—"}</span>
                  {" → "}
                  <span class="new">{line.new ?? t("console-agency-history-removed")}</span>
                </>
              ) : null}
              {line.note ? <span class="provenance">{line.note}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
);
