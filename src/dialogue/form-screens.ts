import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { encodeAction } from "../channels/actions.js";
import type { Button, OutgoingMessage } from "../channels/port.js";
import type { FormActionId } from "../form/actions.js";
import { interpolate } from "../form/interpolation.js";
import type {
  Action,
  HoldingBack,
  Notice,
  OpenItem,
  Progress,
  ReviewLine,
  ReviewPart,
  ReviewRow,
  ReviewSystem,
  SubmitSummary,
  View,
} from "../form/protocol.js";
import type { Form, FormNode, Option, Question } from "../form/schema.js";
import type { QuestionSlot } from "../form/slots.js";
import { FormTexts } from "../form/texts.js";
import type { AgencyStanding } from "../services/reporting.js";
import type { Language } from "../storage/members.js";
import { clip, escapeHtml } from "../views.js";

/**
 * The questionnaire's screens as channel-neutral messages: engine views become text (with the
 * few tags of `OutgoingMessage`) and buttons. Two styles: "keyboard" (Telegram) gives the choices
 * as buttons (their words on the button when short, else numbered in the text with the number on
 * the button); "numbered" (Zalo, no buttons) leaves the choices out of the text, because the
 * channel shows each as a numbered line, and the screen's commands as one line of words to type.
 *
 * Each screen says what is new on it: a row's full title once, when the row starts, and a short
 * label after ("Phần 2/4 · 61% · Hàng 1 · Cổng dịch vụ công"); a choice is written once.
 */

export type T = (key: string, params?: Record<string, string | number>) => string;

export type ScreenStyle = "keyboard" | "numbered";

const TELEGRAM_LIMIT = 4096;

/** Cuts at a line break below Telegram's limit; every line closes its own tags. */
export function fitMessage(text: string, limit = TELEGRAM_LIMIT - 96): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, text.lastIndexOf("\n", limit))}\n…`;
}

/** At most this many places under an item not met, and open questions named: the screen stays readable on a phone. */
const PLACES_SHOWN = 5;

/** At most this many systems named under an item holding the agency back on the receipt: the review has them all. */
const RECEIPT_PLACES = 3;

/** Options this short fit a phone's button whole; a longer one is numbered in the text, its number on the button. */
const BUTTON_WORDS = 32;

/** Types whose answer is typed in a form the officer may not guess, or is sent (a photo, a place), and say how. */
const HOW_TYPES = new Set<Question["type"]>(["integer", "decimal", "month", "date", "phone", "email", "multi", "image", "geopoint"]);

/** Types whose answer may be a number: a number typed on their screen is the answer, never a line of its menu. */
const NUMBER_ANSWERS = new Set<Question["type"]>(["integer", "decimal", "multi", "month", "date", "phone", "geopoint"]);

const STATUS_KEYS: Record<HoldingBack["status"], string> = {
  partial: "form-summary-status-partial",
  not_met: "form-summary-status-not-met",
  unanswered: "form-summary-status-unanswered",
};

export class FormRenderer {
  private readonly texts: FormTexts;

  private readonly t: T;

  constructor(
    private readonly language: string,
    t: T,
    private readonly timeZone: string,
    private readonly style: ScreenStyle = "keyboard",
    /** The form on screen, for the texts it carries (a form from XLSForm); form 488's are in the locale files. */
    private readonly form?: Form,
  ) {
    // Hints say "press a button" where there are buttons and "type the number" where there are none;
    // form 488's lists are of systems, an imported form's of entries.
    const surface = style === "keyboard" ? "buttons" : "typed";
    const entries = form === undefined || form.id === "488" ? "system" : "entry";
    this.t = (key, params) => t(key, { surface, entries, ...params });
    this.texts = new FormTexts(language, (key) => t(key), form?.translations);
  }

  render(view: View, seq: number, agencyName: string): OutgoingMessage {
    const text = this.text(view, agencyName);
    const buttons = this.buttons(view, seq);
    // A number typed here is the answer, not a line of the menu: amounts, months, dates, phones, several options.
    const numbersAreAnswers = view.kind === "question" && NUMBER_ANSWERS.has(view.slot.question.type);
    return {
      text: this.style === "keyboard" ? fitMessage(text) : text,
      ...(buttons.length ? { buttons } : {}),
      ...(numbersAreAnswers ? { numbersAreAnswers } : {}),
      language: this.language as Language,
    };
  }

  /** Why an answer was refused or what happened; `view`, the screen it explains, gives a constraint's own words. */
  notice(notice: NonNullable<Notice>, view?: View): string {
    const own =
      notice.key === "invalid-constraint" && view?.kind === "question"
        ? this.filled(this.texts.constraintMessage(view.slot.node, view.slot.question), view.slot)
        : notice.key === "form-cannot-skip" && view?.kind === "question"
          ? this.texts.requiredMessage(view.slot.node, view.slot.question)
          : notice.key === "form-required-later"
            ? this.requiredMessageOf(String(notice.params?.node), String(notice.params?.question))
            : undefined;
    // A constraint refused on a list's screen (an entry's name) comes with the workbook's words as they are.
    const params =
      notice.key === "invalid-constraint" && notice.params?.reason !== undefined
        ? { ...notice.params, reason: escapeHtml(String(notice.params.reason)) }
        : notice.params;
    const said = own === undefined ? this.t(notice.key, params) : escapeHtml(own);
    const open = notice.open ?? [];
    if (!open.length) return said;
    const named = open.slice(0, PLACES_SHOWN).map((item) => `• ${escapeHtml(this.openItem(item))}`);
    if (open.length > PLACES_SHOWN) named.push(`• ${this.t("form-open-more", { count: open.length - PLACES_SHOWN })}`);
    return [said, ...named].join("\n");
  }

  /** The notice as a message: with a button for the answer it proposes, where there are buttons (typed words elsewhere). */
  noticeMessage(notice: NonNullable<Notice>, view: View | undefined, seq: number): OutgoingMessage {
    const text = this.notice(notice, view);
    if (notice.proposal === undefined || this.style !== "keyboard") return { text };
    const action: FormActionId = `ans:${notice.proposal}`;
    return { text, buttons: [[{ label: notice.proposal, data: encodeAction({ kind: "form", seq, action }) }]] };
  }

  /** The question with its accepted answer, for the message that asked it (a messenger that edits it). */
  accepted(slot: QuestionSlot, display: string): string {
    return `${escapeHtml(this.filled(this.texts.question(slot.node, slot.question), slot))}\n✓ <b>${escapeHtml(clip(display, 1000))}</b>`;
  }

  /**
   * The answer just stored, on one line above the next screen (a messenger that cannot edit the
   * question's message): the question is the one just above, so its answer is enough.
   */
  acceptedLine(display: string): string {
    return `✓ <b>${escapeHtml(clip(display, 40))}</b>`;
  }

  standing(standing: AgencyStanding): OutgoingMessage {
    const agency = escapeHtml(standing.agency.name);
    const when = standing.submittedAt === undefined ? "" : this.time(standing.submittedAt);
    const text = this.t(`form-standing-${standing.status}`, {
      agency,
      form: standing.importedForm === undefined ? "488" : "imported",
      title: escapeHtml(standing.importedForm ?? ""),
      percent: standing.percent,
      // No open question left: answered in full, only the submit is missing.
      part: standing.partNumber ?? "none",
      when,
      comment: escapeHtml(standing.reviewComment ?? ""),
    });
    const button =
      standing.status === "not-started"
        ? "form-button-start"
        : standing.status === "submitted"
          ? "form-button-view"
          : "form-button-continue";
    return { text, buttons: [[{ label: this.t(button), data: encodeAction({ kind: "form-open" }) }]] };
  }

  private time(ms: number): string {
    return format(new TZDate(ms, this.timeZone), "HH:mm dd/MM/yyyy");
  }

  private progress(progress: Progress): string {
    return this.t("form-progress", { part: progress.part, parts: progress.parts, percent: progress.percent });
  }

  private text(view: View, agencyName: string): string {
    switch (view.kind) {
      case "question":
        return this.questionText(view);
      case "new-entry":
        return [
          `<b>${escapeHtml(this.rowLabel(view.node))}</b>`,
          this.t("form-new-entry", { n: view.count + 1 }),
          ...this.italic(this.texts.questionHint(view.node, view.node.questions[0])),
        ].join("\n");
      case "list": {
        const empty = view.entries.length === 0;
        const lines = [`<b>${this.progress(view.progress)}</b>`];
        if (empty) {
          // The row's full title and the letter's guidance, once, when the list starts.
          if (view.firstOfGroup) lines.push(...this.italic(this.texts.group(view.node)));
          lines.push(`<b>${escapeHtml(`${view.node.number ?? ""}. ${this.texts.label(view.node) ?? ""}`)}</b>`);
          lines.push(...this.italic(this.texts.nodeHint(view.node)));
          // A list that asks for so many entries has no "none" to offer.
          const prompt = view.wanted
            ? "form-list-prompt-first-counted"
            : view.node.whenEmpty === "not-yet"
              ? "form-list-prompt-first-not-yet"
              : "form-list-prompt-first";
          if (view.wanted !== undefined) lines.push("", this.t("form-list-wanted", { count: view.wanted, have: 0 }));
          lines.push("", this.t(prompt));
          return lines.join("\n");
        }
        lines.push(`<b>${escapeHtml(this.rowLabel(view.node))}</b>`);
        if (this.style === "keyboard")
          lines.push(...view.entries.map((entry, index) => `${index + 1}. ${escapeHtml(clip(entry.name, 200))}`));
        if (view.wanted !== undefined) lines.push("", this.t("form-list-wanted", { count: view.wanted, have: view.entries.length }));
        const full = view.wanted !== undefined && view.entries.length >= view.wanted;
        lines.push("", this.t(full ? "form-list-prompt-counted-full" : "form-list-prompt"));
        return lines.join("\n");
      }
      case "entry": {
        const lines = [`<b>${escapeHtml(`${this.rowLabel(view.node)} · ${clip(view.name, 200)}`)}</b>`];
        if (this.style === "keyboard") {
          let row: string | undefined = view.node.id;
          for (const [index, item] of view.items.entries()) {
            // Row 5's answers for the system come under its own heading.
            if (item.label.node.id !== row) {
              row = item.label.node.id;
              lines.push(`<i>${escapeHtml(this.rowLabel(item.label.node))}</i>`);
            }
            lines.push(`${index + 1}. ${this.line(item, 300)}`);
          }
        }
        lines.push("", this.t("form-entry-prompt"));
        return lines.join("\n");
      }
      case "confirm-delete":
        return this.t("form-confirm-delete", { name: escapeHtml(clip(view.name, 200)) });
      case "same-system": {
        // "hàng 4.1 (tên “…”)", each place the system is listed under its old name.
        const places = view.others.map(({ node, name }) =>
          this.t("form-same-system-place", { number: node.number ?? "", name: escapeHtml(clip(name, 80)) }),
        );
        return this.t("form-same-system", { places: places.join(", "), name: escapeHtml(clip(view.name, 120)), each: view.each });
      }
      case "review": {
        const lines = [`<b>${this.t("form-review-title", { agency: escapeHtml(agencyName) })}</b>`];
        if (this.style === "keyboard") lines.push(...view.parts.map((part) => this.partLine(part)));
        lines.push(
          "",
          ...(view.status === "reopened" ? [this.t("form-review-reopened")] : []),
          view.status === "submitted"
            ? this.t("form-review-submitted")
            : view.open === 0
              ? this.t("form-review-complete")
              : this.t("form-review-open", { count: view.open }),
        );
        return lines.join("\n");
      }
      case "review-part":
        return this.partText(view.part, view.carried);
      case "submitted":
        return this.receipt(view.at, view.summary, agencyName);
      case "paused":
        return this.t("form-paused", { percent: view.progress.percent });
    }
  }

  private questionText(view: Extract<View, { kind: "question" }>): string {
    const { slot, options, progress, current, intro } = view;
    const lines: string[] = [];
    if (intro) {
      // The row's full title, once: the letter's words, its guidance, and the system it is asked of.
      lines.push(`<b>${this.progress(progress)}</b>`);
      lines.push(...this.italic(this.texts.group(slot.node)));
      const label = this.filled(this.texts.label(slot.node), slot);
      const title = label === undefined ? this.texts.part(slot.part) : slot.node.number ? `${slot.node.number}. ${label}` : label;
      lines.push(`<i>${escapeHtml(title)}</i>`);
      lines.push(...this.italic(this.filled(this.texts.nodeHint(slot.node), slot)));
      if (slot.entry) lines.push(`<b>${escapeHtml(clip(slot.entry.name, 200))}</b>`);
    } else {
      // A system is named by its row's number and its own name; a row by its number and short name.
      const where = slot.entry
        ? `${this.t("form-row-system", { number: slot.node.number ?? "" })} · ${clip(slot.entry.name, 120)}`
        : this.placeOf(slot);
      lines.push(`<b>${this.progress(progress)}</b> · ${escapeHtml(where)}`);
    }
    const preface = this.filled(this.texts.preface(slot.node, slot.question), slot);
    if (preface) lines.push("", escapeHtml(preface));
    const optional = slot.question.optional ? ` <i>${this.t("form-optional")}</i>` : "";
    lines.push("", `<b>${escapeHtml(this.filled(this.texts.question(slot.node, slot.question), slot))}</b>${optional}`);
    lines.push(...this.italic(this.filled(this.texts.questionHint(slot.node, slot.question), slot)));
    // Options are written once: on their buttons when short enough; numbered here when typed (several) or too long for a button.
    const listed = slot.question.type === "multi" || (this.style === "keyboard" && !this.optionsFitButtons(view));
    if (options.length && listed)
      lines.push(...options.map((option, index) => `${index + 1}. ${escapeHtml(this.optionWords(slot, option))}`));
    if (HOW_TYPES.has(slot.question.type)) lines.push(this.t(`form-how-${slot.question.type}`));
    if (current !== undefined)
      lines.push(current === "" ? this.t("form-current-skipped") : this.t("form-current", { value: escapeHtml(clip(current, 500)) }));
    return lines.join("\n");
  }

  /** A row by its number and short name ("Hàng 2 · HTTT giải quyết TTHC"); the part's, for a row the letter does not number. */
  /** The required_message of a question left for later: the screen on show is already the next one. */
  private requiredMessageOf(nodeId: string, questionId: string): string | undefined {
    const node = this.form?.parts.flatMap((part) => part.nodes).find((candidate) => candidate.id === nodeId);
    const question = node?.questions.find((candidate) => candidate.id === questionId);
    return node && question ? this.texts.requiredMessage(node, question) : undefined;
  }

  /** A text of the question with the answers it shows (`${name}`) filled in, options in this officer's language. */
  private filled<Text extends string | undefined>(text: Text, slot: QuestionSlot): Text {
    if (text === undefined || !slot.fills) return text;
    return interpolate(text, slot.fills, (set, option) => this.texts.optionOf(set, option)) as Text;
  }

  /** A choice's words as this question offers it: its label in this officer's language, the answers it shows (`${name}`) filled in. */
  private optionWords(slot: QuestionSlot, option: Option): string {
    return this.filled(this.texts.option(slot.question, option), slot);
  }

  private rowLabel(node: FormNode): string {
    const short = this.texts.shortLabel(node) ?? "";
    return node.number ? this.t("form-row", { number: node.number, name: short }) : short;
  }

  private placeOf(slot: QuestionSlot): string {
    return slot.node.number ? this.rowLabel(slot.node) : this.texts.shortPart(slot.part);
  }

  private italic(text: string | undefined): string[] {
    return text ? [`<i>${escapeHtml(text)}</i>`] : [];
  }

  private optionsFitButtons(view: Extract<View, { kind: "question" }>): boolean {
    return view.options.every((option) => this.optionWords(view.slot, option).length <= BUTTON_WORDS);
  }

  /** A part on one line of the review: how many of its questions are answered, what is left. */
  private partLine(part: ReviewPart): string {
    const name = `${this.t("form-part-heading", { part: part.part.number })} · ${escapeHtml(this.texts.shortPart(part.part))}`;
    const state =
      part.open > 0
        ? this.t("form-part-open", { count: part.open })
        : this.t("form-part-complete", { count: part.answered, skipped: part.skipped });
    return `${name}: ${state}`;
  }

  /** One part of the review: its rows in the letter's order, each answer on a line with a short label, each system on one. */
  private partText(part: ReviewPart, carried: boolean): string {
    const lines = carried ? [this.t("form-carried-note"), ""] : [];
    lines.push(`<b>${this.partLine(part)}</b>`);
    let n = 0;
    for (const row of part.rows) {
      if (row.kind === "each") {
        lines.push(this.eachLine(row));
        continue;
      }
      if (row.kind === "row" && row.node.number) lines.push(`<b>${escapeHtml(this.rowLabel(row.node))}</b>`);
      for (const item of this.rowItems(row)) {
        n += 1;
        if (this.style === "keyboard") lines.push(`${n}. ${item.text}`);
      }
    }
    lines.push("", this.t(n ? "form-review-part-prompt" : "form-review-part-lists"));
    return lines.join("\n");
  }

  /** The numbered items of a row, as its screen lists them (a keyboard's text) or its menu does (typed lines). */
  private rowItems(row: Exclude<ReviewRow, { kind: "each" }>): { text: string }[] {
    if (row.kind === "row")
      return row.lines.map((line) => ({
        text:
          this.style === "keyboard" || !row.node.number
            ? this.line(line, 400)
            : `${escapeHtml(this.rowLabel(row.node))} · ${this.line(line, 400)}`,
      }));
    const count = row.systems.length;
    const empty = row.node.whenEmpty === "not-yet" ? "form-list-not-yet" : "form-list-none";
    const heading = `<b>${escapeHtml(this.rowLabel(row.node))}</b>: ${count ? this.t("form-list-count", { count }) : this.t(empty)}`;
    return [{ text: heading }, ...row.systems.map((system) => ({ text: this.systemLine(system, row.node) }))];
  }

  /**
   * A system on one line: its name, its own status, then row 5's answers for it under the row's
   * short name ("An toàn thông tin: Hồ sơ cấp độ ATTT: Đã trình…; Giải pháp, thiết bị ATTT: Đã đáp ứng"),
   * and what is left open.
   */
  private systemLine(system: ReviewSystem, list: FormNode): string {
    const value = (line: ReviewLine) => escapeHtml(clip(line.value ?? "", 90));
    const own = system.answers.filter((line) => line.label.node.id === list.id).map(value);
    const rows = [...new Set(system.answers.map((line) => line.label.node).filter((node) => node.id !== list.id))];
    const others = rows.map(
      (node) =>
        `${this.t("form-row-system", { number: node.number ?? "" })}: ${system.answers
          .filter((line) => line.label.node.id === node.id)
          .map((line) => `${escapeHtml(this.texts.shortQuestion(line.label.node, line.label.question))}: ${value(line)}`)
          .join("; ")}`,
    );
    const open = system.open ? [this.t("form-system-open", { count: system.open })] : [];
    const said = [own.join(" · "), ...others, ...open].filter(Boolean);
    return `${escapeHtml(clip(system.name, 80))}: ${said.join(" · ") || this.t("form-value-missing")}`;
  }

  private eachLine(row: Extract<ReviewRow, { kind: "each" }>): string {
    return `<b>${escapeHtml(this.rowLabel(row.node))}</b>: ${this.t("form-each-on-systems", { open: row.open })}`;
  }

  /** The receipt: when it was sent, and whether the agency counts as fully compliant, else which items hold it back. */
  private receipt(at: number | undefined, summary: SubmitSummary, agencyName: string): string {
    const lines = [this.t("form-submitted", { agency: escapeHtml(agencyName), when: at === undefined ? "" : this.time(at) })];
    if (summary.compliance) lines.push("", ...this.complianceLines(summary.compliance, agencyName));
    const closing = this.form && this.texts.closing(this.form);
    if (closing) lines.push("", escapeHtml(interpolate(closing, summary.closing, (set, option) => this.texts.optionOf(set, option))));
    return lines.join("\n");
  }

  /**
   * Whether the submitted report counts as fully compliant, else each item holding it back on one
   * line, with the systems that do ("Hàng 5 (An toàn thông tin): đáp ứng một phần: Cổng DVC (Hồ sơ
   * cấp độ ATTT)"); the review has the rest.
   */
  private complianceLines({ fully, holdingBack }: NonNullable<SubmitSummary["compliance"]>, agencyName: string): string[] {
    const agency = escapeHtml(agencyName);
    if (fully) return [this.t("form-summary-compliant", { agency })];
    const lines = [this.t("form-summary-not-compliant", { agency })];
    for (const { component, status, places } of holdingBack) {
      const name = escapeHtml(this.t("form-summary-component", { number: component.id, name: this.texts.component(component) }));
      const where = new Map<string, HoldingBack["places"]>();
      for (const place of places) {
        // A row without systems whose own status holds it back: the item's status says it all.
        if (!place.entryName && place.question && place.node.kind === "row") continue;
        const key = place.entryName ? `${place.node.id}#${place.entryName}` : place.node.id;
        where.set(key, [...(where.get(key) ?? []), place]);
      }
      const groups = [...where.values()].map((group) => this.place(group));
      // The same answer holding back every system is said once: "Hồ sơ cấp độ ATTT — Cổng DVC, CSDL đất đai".
      const first = groups[0]?.what ?? "";
      const alike = groups.length > 1 && first !== "" && groups.every((group) => group.what === first);
      const named = groups.slice(0, RECEIPT_PLACES).map((group) => (alike || !group.what ? group.where : `${group.where} (${group.what})`));
      if (groups.length > RECEIPT_PLACES) named.push(this.t("form-summary-more", { count: groups.length - RECEIPT_PLACES }));
      const said = named.length ? `: ${alike ? `${first} — ` : ""}${named.join(", ")}` : "";
      lines.push(`• ${name}: ${this.t(STATUS_KEYS[status])}${said}`);
    }
    return lines;
  }

  /** A system (or a row) and what of it holds an item back ("Hồ sơ cấp độ ATTT"); nothing said for a list's own status. */
  private place(places: HoldingBack["places"]): { where: string; what: string } {
    const [{ node, entryName }] = places as [HoldingBack["places"][number]];
    const where = escapeHtml(entryName ? clip(entryName, 60) : this.rowLabel(node));
    if (places.some(({ question }) => !question)) return { where, what: this.t("form-summary-none-listed") };
    // A list's own status question needs no naming; row 5's questions, asked of each system, do.
    const named = places.filter(
      ({ question }) => node.kind === "each" || !(question !== undefined && "options" in question && question.options === "compliance"),
    );
    const what = named.flatMap(({ question }) => (question ? [escapeHtml(this.texts.shortQuestion(node, question))] : []));
    return { where, what: what.join(", ") };
  }

  /** An open question named where the officer finds it: "Phần 2 · Hàng 3 · Thiết bị đã có", with its system. */
  private openItem({ part, node, question, entryName }: OpenItem): string {
    const where = [this.t("form-part-heading", { part: part.number })];
    if (node.number) where.push(this.rowLabel(node));
    if (entryName) where.push(clip(entryName, 60));
    if (question) where.push(this.texts.shortQuestion(node, question));
    else if (node.number) where.push(this.t("form-open-list"));
    return where.join(" · ");
  }

  /** An answer with its short label: "Cơ quan chủ trì: Sở TTTT". */
  private line(line: ReviewLine, valueMax: number): string {
    const label = this.texts.shortQuestion(line.label.node, line.label.question);
    const value = line.skipped
      ? this.t("form-value-skipped")
      : line.value === undefined
        ? this.t("form-value-missing")
        : escapeHtml(clip(line.value, valueMax));
    return `${escapeHtml(label)}: ${value}`;
  }

  private buttons(view: View, seq: number): Button[][] {
    const slot = view.kind === "question" ? view.slot : undefined;
    const button = (action: Action, label: string): Button => ({ label, data: encodeAction({ kind: "form", seq, action: action.id }) });
    const actions = [...view.actions];
    // A question to the consultant can be asked from any question, about that question.
    const ask: Button[] =
      view.kind === "question"
        ? [{ label: this.t("ticket-button-ask"), data: encodeAction({ kind: "ticket-ask", path: view.slot.path }) }]
        : [];
    const options = actions.filter((action) => "option" in action.label && action.id !== "suggest");
    const suggest = actions.filter((action) => action.id === "suggest");
    const numbered = actions.filter((action) => "key" in action.label && action.label.params && "n" in action.label.params);
    const parts = actions.filter((action) => action.id.startsWith("part:"));
    const rest = actions.filter(
      (action) => !options.includes(action) && !suggest.includes(action) && !numbered.includes(action) && !parts.includes(action),
    );
    // A Telegram button shows its words as they are; a numbered line is read as HTML (src/channels/text.ts), so an answer filled in is escaped there.
    const optionText = (action: Action) => {
      // A default offered (`suggest`) is words the form's author typed: escaped on a numbered line as an option is.
      const words = "option" in action.label && slot ? this.optionWords(slot, action.label.option) : this.label(action);
      return this.style === "numbered" ? escapeHtml(words) : words;
    };
    const commands = [...rest.map((action) => button(action, this.label(action))), ...ask];
    if (this.style === "numbered") {
      // Choices are numbered lines with their full words; commands are typed by their words (the channel writes them on one line).
      const described = this.describedItems(view);
      return [
        ...options.map((action) => [button(action, optionText(action))]),
        ...suggest.map((action) => [button(action, optionText(action))]),
        ...numbered.map((action, index) => [button(action, described[index] ?? this.label(action))]),
        ...parts.map((action, index) => [button(action, described[index] ?? this.label(action))]),
        ...commands.map((command) => [command]),
      ];
    }
    const rows: Button[][] =
      view.kind === "question" && this.optionsFitButtons(view)
        ? options.map((action) => [button(action, optionText(action))])
        : chunk(
            options.map((action) => button(action, String("option" in action.label ? action.label.index : ""))),
            5,
          );
    rows.push(...suggest.map((action) => [button(action, optionText(action))]));
    // Numbered buttons (entries, items) and the parts share rows of five; the commands take rows of three.
    rows.push(
      ...chunk(
        numbered.map((action) => button(action, this.label(action))),
        5,
      ),
    );
    rows.push(
      ...chunk(
        parts.map((action) => button(action, this.label(action))),
        4,
      ),
    );
    rows.push(...chunk(commands, 3));
    return rows;
  }

  /** What each numbered line stands for, in the order of the buttons: entries, items, parts. */
  private describedItems(view: View): string[] {
    switch (view.kind) {
      case "list":
        return view.entries.map((entry) => escapeHtml(clip(entry.name, 200)));
      case "entry":
        return view.items.map((line) =>
          line.label.node.id === view.node.id
            ? this.line(line, 300)
            : `${escapeHtml(this.rowLabel(line.label.node))} · ${this.line(line, 300)}`,
        );
      case "review-part":
        return view.part.rows.flatMap((row) => (row.kind === "each" ? [] : this.rowItems(row).map((item) => item.text)));
      case "review":
        return view.parts.map((part) => this.partLine(part));
      default:
        return [];
    }
  }

  private label(action: Action): string {
    return "key" in action.label ? this.t(action.label.key, action.label.params) : String(action.label.index);
  }
}

function chunk<T>(items: T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let start = 0; start < items.length; start += size) rows.push(items.slice(start, start + size));
  return rows;
}
