import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { encodeAction } from "../channels/actions.js";
import type { Button, OutgoingMessage } from "../channels/port.js";
import type { Action, HoldingBack, Notice, ReviewLine, ReviewPart, SubmitSummary, View } from "../form/protocol.js";
import type { Form, FormNode } from "../form/schema.js";
import type { QuestionSlot } from "../form/slots.js";
import { FormTexts } from "../form/texts.js";
import type { AgencyStanding } from "../services/reporting.js";
import { clip, escapeHtml } from "../views.js";

/**
 * The questionnaire's screens as channel-neutral messages: engine views become text (with the
 * few tags of `OutgoingMessage`) and buttons. Two styles: "keyboard" (Telegram) lists the options
 * and entries by number in the text and gives short buttons beside it; "numbered" (Zalo, no
 * buttons) leaves those lists out of the text, because the channel shows every button as a
 * numbered line with its full words.
 */

export type T = (key: string, params?: Record<string, string | number>) => string;

export type ScreenStyle = "keyboard" | "numbered";

const TELEGRAM_LIMIT = 4096;

/** Cuts at a line break below Telegram's limit; every line closes its own tags. */
export function fitMessage(text: string, limit = TELEGRAM_LIMIT - 96): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, text.lastIndexOf("\n", limit))}\n…`;
}

/** At most this many places under an item not met: the screen stays readable on a phone. */
const PLACES_SHOWN = 5;

const STATUS_KEYS: Record<HoldingBack["status"], string> = {
  partial: "form-summary-status-partial",
  not_met: "form-summary-status-not-met",
  unanswered: "form-summary-status-unanswered",
};

export class FormRenderer {
  private readonly texts: FormTexts;

  private readonly t: T;

  constructor(
    language: string,
    t: T,
    private readonly timeZone: string,
    private readonly style: ScreenStyle = "keyboard",
    /** The form on screen, for the texts it carries (a form from XLSForm); form 488's are in the locale files. */
    private readonly form?: Form,
  ) {
    // Hints say "press a button" where there are buttons and "type the number" where there are none.
    const surface = style === "keyboard" ? "buttons" : "typed";
    this.t = (key, params) => t(key, { surface, ...params });
    this.texts = new FormTexts(language, (key) => t(key), form?.translations);
  }

  render(view: View, seq: number, agencyName: string): OutgoingMessage {
    const text = this.style === "keyboard" ? fitMessage(this.text(view, agencyName)) : this.text(view, agencyName);
    const buttons = this.buttons(view, seq);
    // A question to the consultant can be asked from any question, about that question.
    if (view.kind === "question")
      buttons.push([{ label: this.t("ticket-button-ask"), data: encodeAction({ kind: "ticket-ask", path: view.slot.path }) }]);
    // A number typed here is the answer, not a line of the menu: amounts, and the options of a several-option question.
    const numbersAreAnswers = view.kind === "question" && ["integer", "decimal", "multi"].includes(view.slot.question.type);
    return { text, ...(buttons.length ? { buttons } : {}), ...(numbersAreAnswers ? { numbersAreAnswers } : {}) };
  }

  /** Why an answer was refused or what happened; `view`, the screen it explains, gives a constraint's own words. */
  notice(notice: NonNullable<Notice>, view?: View): string {
    const own =
      notice.key === "invalid-constraint" && view?.kind === "question"
        ? this.texts.constraintMessage(view.slot.node, view.slot.question)
        : undefined;
    return own ?? this.t(notice.key, notice.params);
  }

  /** The question with its accepted answer, for the message that asked it. */
  accepted(slot: QuestionSlot, display: string): string {
    return `${escapeHtml(this.texts.question(slot.node, slot.question))}\n✓ <b>${escapeHtml(clip(display, 1000))}</b>`;
  }

  standing(standing: AgencyStanding): OutgoingMessage {
    const agency = escapeHtml(standing.agency.name);
    const when = standing.submittedAt === undefined ? "" : this.time(standing.submittedAt);
    const text = this.t(`form-standing-${standing.status}`, {
      agency,
      form: standing.importedForm === undefined ? "488" : "imported",
      title: escapeHtml(standing.importedForm ?? ""),
      percent: standing.percent,
      part: standing.partNumber ?? "",
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

  private text(view: View, agencyName: string): string {
    switch (view.kind) {
      case "question": {
        const { slot, options, progress, current } = view;
        const lines = [`<b>${this.t("form-progress", { part: slot.part.number, index: progress.index, total: progress.total })}</b>`];
        const group = this.texts.group(slot.node);
        if (group) lines.push(`<i>${escapeHtml(clip(group, 160))}</i>`);
        const heading = this.heading(slot.node, slot.entry?.name) ?? clip(this.texts.part(slot.part), 160);
        lines.push(`<i>${escapeHtml(heading)}</i>`);
        const preface = this.texts.preface(slot.node, slot.question);
        if (preface) lines.push("", escapeHtml(preface));
        lines.push("", `<b>${escapeHtml(this.texts.question(slot.node, slot.question))}</b>`);
        const hint = this.texts.questionHint(slot.node, slot.question);
        if (hint) lines.push(`<i>${escapeHtml(hint)}</i>`);
        // On a keyboard the options are buttons too; several options are typed, so their numbers are always listed.
        if (options.length && (this.style === "keyboard" || slot.question.type === "multi"))
          lines.push("", ...options.map((option, index) => `${index + 1}. ${escapeHtml(this.texts.option(slot.question, option))}`));
        lines.push("", this.t(`form-how-${slot.question.type}`) + (slot.question.optional ? ` ${this.t("form-optional")}` : ""));
        if (current !== undefined)
          lines.push(current === "" ? this.t("form-current-skipped") : this.t("form-current", { value: escapeHtml(clip(current, 500)) }));
        return lines.join("\n");
      }
      case "new-entry":
        return [
          `<b>${escapeHtml(`${view.node.number ?? ""}. ${this.texts.label(view.node) ?? ""}`)}</b>`,
          this.t("form-new-entry", { n: view.count + 1 }),
          `<i>${escapeHtml(this.texts.questionHint(view.node, view.node.questions[0]) ?? "")}</i>`,
        ].join("\n");
      case "list": {
        const lines = [`<b>${this.t("form-progress-part", { part: view.part.number })}</b>`];
        const group = this.texts.group(view.node);
        if (group) lines.push(`<i>${escapeHtml(group)}</i>`);
        lines.push("", `<b>${escapeHtml(`${view.node.number ?? ""}. ${this.texts.label(view.node) ?? ""}`)}</b>`);
        const hint = this.texts.nodeHint(view.node);
        if (hint) lines.push(`<i>${escapeHtml(hint)}</i>`);
        lines.push("");
        if (view.entries.length === 0) lines.push(this.t("form-list-empty"));
        else if (this.style === "keyboard")
          lines.push(...view.entries.map((entry, index) => `${index + 1}. ${escapeHtml(clip(entry.name, 200))}`));
        lines.push("", this.t(view.entries.length === 0 ? "form-list-prompt-first" : "form-list-prompt"));
        return lines.join("\n");
      }
      case "entry":
        return [
          `<b>${escapeHtml(clip(view.name, 200))}</b>`,
          ...(this.style === "keyboard" ? view.items.map((line, index) => `${index + 1}. ${this.line(line, 60, 300)}`) : []),
          "",
          this.t("form-entry-prompt"),
        ].join("\n");
      case "confirm-delete":
        return this.t("form-confirm-delete", { name: escapeHtml(clip(view.name, 200)) });
      case "review":
        return [
          `<b>${this.t("form-review-title", { agency: escapeHtml(agencyName) })}</b>`,
          ...view.parts.flatMap((part) => ["", ...this.partSummary(part, 40, 60)]),
          "",
          ...(view.status === "reopened" ? [this.t("form-review-reopened")] : []),
          view.status === "submitted"
            ? this.t("form-review-submitted")
            : view.open === 0
              ? this.t("form-review-complete")
              : this.t("form-review-open", { count: view.open }),
        ].join("\n");
      case "review-part":
        return [
          ...(view.carried ? [this.t("form-carried-note"), ""] : []),
          ...this.partSummary(view.part, 90, 400, true),
          "",
          this.t(view.part.lines.length ? "form-review-part-prompt" : "form-review-part-lists"),
        ].join("\n");
      case "submitted": {
        const compliance = view.summary.options.filter((entry) => entry.set === "compliance");
        const lines = [this.t("form-submitted", { agency: escapeHtml(agencyName), when: view.at === undefined ? "" : this.time(view.at) })];
        if (compliance.length) {
          lines.push("", `<b>${this.t("form-summary-compliance")}</b>`);
          lines.push(...compliance.map((entry) => `• ${escapeHtml(this.texts.optionOf("compliance", entry.option))}: ${entry.count}`));
        }
        if (view.summary.lists.length) {
          lines.push("", `<b>${this.t("form-summary-lists")}</b>`);
          lines.push(
            ...view.summary.lists.map(
              (list) => `• ${escapeHtml(`${list.node.number ?? ""}. ${clip(this.texts.label(list.node) ?? "", 70)}`)}: ${list.count}`,
            ),
          );
        }
        if (view.summary.compliance) lines.push("", ...this.complianceLines(view.summary.compliance, agencyName));
        const closing = this.form && this.texts.closing(this.form);
        if (closing) lines.push("", escapeHtml(closing));
        return lines.join("\n");
      }
      case "paused":
        return this.t("form-paused", { percent: view.progress.percent });
    }
  }

  /** Whether the submitted report counts as fully compliant, else which items hold it back and where (a system's security dossier, say). */
  private complianceLines({ fully, holdingBack }: NonNullable<SubmitSummary["compliance"]>, agencyName: string): string[] {
    const agency = escapeHtml(agencyName);
    if (fully) return [this.t("form-summary-compliant", { agency })];
    const lines = [this.t("form-summary-not-compliant", { agency })];
    for (const { component, status, places } of holdingBack) {
      const name = escapeHtml(this.t("form-summary-component", { number: component.id, name: this.texts.component(component) }));
      lines.push(`• ${name}: ${this.t(STATUS_KEYS[status])}`);
      for (const place of places.slice(0, PLACES_SHOWN)) lines.push(`   – ${this.placeText(place)}`);
      if (places.length > PLACES_SHOWN) lines.push(`   – ${this.t("form-summary-more", { count: places.length - PLACES_SHOWN })}`);
    }
    return lines;
  }

  private placeText({ node, entryName, question, option }: HoldingBack["places"][number]): string {
    const where = escapeHtml(entryName ? clip(entryName, 60) : (node.number ?? clip(this.texts.label(node) ?? "", 60)));
    if (!question) return `${where}: ${this.t("form-summary-none-listed")}`;
    const given = option ? escapeHtml(clip(this.texts.option(question, option), 90)) : this.t("form-summary-no-answer");
    return `${where}: ${escapeHtml(clip(this.texts.question(node, question), 60))} — ${given}`;
  }

  private heading(node: FormNode, entryName: string | undefined): string | undefined {
    const label = this.texts.label(node);
    if (!label) return undefined;
    const numbered = node.number ? `${node.number}. ${clip(label, 160)}` : clip(label, 160);
    return entryName ? `${numbered} — ${clip(entryName, 120)}` : numbered;
  }

  private partSummary(review: ReviewPart, labelMax: number, valueMax: number, numbered = false): string[] {
    const lines = [
      `<b>${this.t("form-part-heading", { part: review.part.number })}</b> ${escapeHtml(clip(this.texts.part(review.part), 120))}`,
    ];
    if (!numbered) lines.push(review.open === 0 ? this.t("form-part-complete") : this.t("form-part-open", { count: review.open }));
    if (!numbered || this.style === "keyboard")
      lines.push(...review.lines.map((line, index) => `${numbered ? `${index + 1}.` : "•"} ${this.line(line, labelMax, valueMax)}`));
    for (const list of review.lists) {
      const empty = list.node.whenEmpty === "not-yet" ? "form-list-not-yet" : "form-list-none";
      const names = list.entries.length ? list.entries.map((name) => clip(name, 60)).join("; ") : this.t(empty);
      lines.push(
        `• ${escapeHtml(`${list.node.number ?? ""}. ${clip(this.texts.label(list.node) ?? "", labelMax)}`)}: ${escapeHtml(names)}`,
      );
    }
    return lines;
  }

  private line(line: ReviewLine, labelMax: number, valueMax: number): string {
    const question = clip(this.texts.question(line.label.node, line.label.question), labelMax);
    // The row number tells row 2's managing body from row 3's, and row 1's questions from row 5's asked of the same system.
    const label = line.label.node.number ? `${line.label.node.number} · ${question}` : question;
    const value = line.skipped
      ? this.t("form-value-skipped")
      : line.value === undefined
        ? this.t("form-value-missing")
        : escapeHtml(clip(line.value, valueMax));
    return `${escapeHtml(label)}: ${value}`;
  }

  private buttons(view: View, seq: number): Button[][] {
    const { actions } = view;
    const question = view.kind === "question" ? view.slot.question : undefined;
    const button = (action: Action, label: string): Button => ({ label, data: encodeAction({ kind: "form", seq, action: action.id }) });
    const options = actions.filter((action) => "option" in action.label);
    const numbered = actions.filter(
      (action) => !("option" in action.label) && "params" in action.label && action.label.params && "n" in action.label.params,
    );
    const rest = actions.filter((action) => !options.includes(action) && !numbered.includes(action));
    const optionText = (action: Action) =>
      "option" in action.label && question ? this.texts.option(question, action.label.option) : this.label(action);
    if (this.style === "numbered") {
      // Every button is a line of its own, with the words the keyboard style puts in the text.
      const described = this.describedItems(view);
      return [
        ...options.map((action) => [button(action, optionText(action))]),
        ...numbered.map((action, index) => [button(action, described[index] ?? this.label(action))]),
        ...rest.map((action) => [button(action, this.label(action))]),
      ];
    }
    const rows: Button[][] = options.map((action) => [
      button(action, clip(`${"option" in action.label ? action.label.index : ""}. ${optionText(action)}`, 48)),
    ]);
    // Numbered buttons (entries, items) share rows of five; the rest take rows of two.
    for (let start = 0; start < numbered.length; start += 5)
      rows.push(numbered.slice(start, start + 5).map((action) => button(action, this.label(action))));
    for (let start = 0; start < rest.length; start += 2)
      rows.push(rest.slice(start, start + 2).map((action) => button(action, this.label(action))));
    return rows;
  }

  /** What each numbered button stands for, in the order of the buttons: entries, items, answers. */
  private describedItems(view: View): string[] {
    switch (view.kind) {
      case "list":
        return view.entries.map((entry) => escapeHtml(clip(entry.name, 200)));
      case "entry":
        return view.items.map((line) => this.line(line, 60, 300));
      case "review-part":
        return view.part.lines.map((line) => this.line(line, 90, 400));
      default:
        return [];
    }
  }

  private label(action: Action): string {
    return "key" in action.label ? this.t(action.label.key, action.label.params) : String(action.label.index);
  }
}
