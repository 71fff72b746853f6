import { foldName } from "../domain/agencies.js";
import { decodeFormAction, type FormAction } from "./actions.js";
import { filledOptions, optionsShown } from "./interpolation.js";
import { afterLater, afterList, afterQuestion, backToReview, resume, screenFor } from "./next-screen.js";
import type { Cursor, Input, Notice, Origin, Screen, StepResult } from "./protocol.js";
import {
  entriesWanted,
  entryName,
  entryScope,
  expressionScope,
  isOpen,
  optionsOffered,
  partOf,
  type QuestionSlot,
  type RepeatNode,
  repeatNode,
  type Slot,
} from "./slots.js";
import { eachBlocksOf, entriesNamed, type ListedEntry, sameSystemAs } from "./systems.js";
import {
  type AnswerValue,
  displayAnswer,
  expectedReason,
  type SentAnswer,
  type Validation,
  validateAnswer,
  validateSent,
} from "./validators.js";
import { openItems, suggestedAnswer } from "./views.js";
import type { Draft } from "./writes.js";

/**
 * What a press or a typed line does on the screen the officer is on: the screen it leads to
 * (undefined: stay), the writes it makes on the draft, and what to tell the officer.
 */

export interface Transition {
  screen: Screen | undefined;
  notice: Notice;
  accepted: StepResult["accepted"];
}

/** The input with its button read, so each screen handles what was pressed, not the button's id. */
type Received = Exclude<Input, { kind: "action" }> | { kind: "action"; action: FormAction };

export function transition(draft: Draft, cursor: Cursor, input: Input): Transition {
  const moves = new Moves(draft, cursor);
  const screen = moves.route(input);
  return { screen, notice: moves.notice, accepted: moves.accepted };
}

class Moves {
  notice: Notice;
  accepted: StepResult["accepted"];

  constructor(
    private readonly draft: Draft,
    private readonly cursor: Cursor,
  ) {}

  route(input: Input): Screen | undefined {
    if (input.kind === "open") return this.draft.state.status === "submitted" ? { kind: "submitted" } : resume(this.draft);
    if (input.kind === "action" && input.seq !== this.cursor.seq) {
      this.notice = { key: "form-stale-button" };
      return undefined;
    }
    if (input.kind !== "action") return this.onScreen(input);
    const action = decodeFormAction(input.action);
    if (!action) return this.unexpected();
    const global = this.globalAction(action);
    return global === false ? this.onScreen({ kind: "action", action }) : global;
  }

  /** What the screen on the phone does with the input; a closed round or a submitted report keeps to the review. */
  private onScreen(sent: Received): Screen | undefined {
    const screen = this.cursor.screen;
    // Only a question takes a photo or a place; elsewhere they are what the bot does not read.
    const received: Received =
      (sent.kind === "photo" || sent.kind === "location") && screen.kind !== "question" ? { kind: "unsupported" } : sent;
    const locked = this.lockedReason();
    if (locked && screen.kind !== "review" && screen.kind !== "review-part" && screen.kind !== "submitted") {
      this.notice = { key: locked };
      return this.draft.state.status === "submitted" ? { kind: "submitted" } : { kind: "review" };
    }
    switch (screen.kind) {
      case "question":
        return this.onQuestion(screen, received);
      case "new-entry":
        return this.onNewEntry(screen, received);
      case "list":
        return this.onList(screen, received);
      case "entry":
        return this.onEntry(screen, received);
      case "confirm-delete":
        return this.onConfirmDelete(screen, received);
      case "same-system":
        return this.onSameSystem(screen, received);
      case "review":
        return this.onReview(received, undefined);
      case "review-part":
        return this.onReview(received, screen.part);
      case "submitted":
        return this.onSubmitted(received);
    }
  }

  private lockedReason(): string | undefined {
    if (!this.draft.context.roundOpen) return "form-round-closed";
    if (this.draft.state.status === "submitted") return "form-submitted-locked";
    return undefined;
  }

  /** Actions that work on every screen; false when the action is not one of them. */
  private globalAction(action: FormAction): Screen | undefined | false {
    if (action.kind === "review") return { kind: "review" };
    if (action.kind === "resume") return this.draft.state.status === "submitted" ? { kind: "submitted" } : resume(this.draft);
    if (action.kind === "part") return { kind: "review-part", part: action.part };
    return false;
  }

  private unexpected(): undefined {
    this.notice = { key: "form-use-buttons", refusal: true };
    return undefined;
  }

  /** The answer is not taken: the screen stays, and the notice says why. */
  private refuse(key: string, params?: Record<string, string | number>, proposal?: string): undefined {
    this.notice = { key, ...(params ? { params } : {}), refusal: true, ...(proposal ? { proposal } : {}) };
    return undefined;
  }

  private onQuestion(screen: Extract<Screen, { kind: "question" }>, input: Received): Screen | undefined {
    const slots = this.draft.slots();
    const slot = slots.find((candidate): candidate is QuestionSlot => candidate.kind === "question" && candidate.path === screen.path);
    if (!slot) return resume(this.draft);
    if (input.kind === "unsupported") return this.refuse(expectedReason(slot.question));
    if (input.kind === "text") return this.answer(slot, input.text, screen.origin);
    if (input.kind === "photo" || input.kind === "location") return this.answerSent(slot, input, screen.origin);
    if (input.kind !== "action") return this.unexpected();
    switch (input.action.kind) {
      case "option":
        return this.answer(slot, String(input.action.number), screen.origin);
      case "answer":
        return this.answer(slot, input.action.value, screen.origin);
      case "suggest": {
        const suggested = suggestedAnswer(this.draft, slot);
        if (suggested === undefined) return this.unexpected();
        return "typed" in suggested ? this.answer(slot, suggested.typed, screen.origin) : this.take(slot, suggested.taken, screen.origin);
      }
      case "keep":
        return afterQuestion(this.draft, slot, screen.origin);
      case "skip":
        if (!slot.question.optional) return this.refuse("form-cannot-skip");
        this.draft.store(slot.path, null);
        return afterQuestion(this.draft, slot, screen.origin);
      case "later":
        // The form's own reason the answer is needed, above the next question (XLSForm's required_message).
        if (slot.question.requiredMessage !== undefined)
          this.notice = { key: "form-required-later", params: { node: slot.node.id, question: slot.question.id } };
        return afterLater(this.draft, slot, screen.origin);
      case "back":
        return this.back(slots, slot.path, screen.origin);
      default:
        return this.unexpected();
    }
  }

  private answer(slot: QuestionSlot, raw: string, origin: Origin): Screen | undefined {
    const { form, today, agencyKind } = this.draft.context;
    const reads = expressionScope(form, this.draft.state, slot.scope, agencyKind);
    return this.take(
      slot,
      validateAnswer(slot.question, raw, { today, options: filledOptions(optionsOffered(form, slot.question, reads), slot.fills), reads }),
      origin,
    );
  }

  /** A photo or a shared place, on the question on screen. */
  private answerSent(slot: QuestionSlot, sent: SentAnswer, origin: Origin): Screen | undefined {
    const { form, today, agencyKind } = this.draft.context;
    const reads = expressionScope(form, this.draft.state, slot.scope, agencyKind);
    return this.take(slot, validateSent(slot.question, sent, { today, options: [], reads }), origin);
  }

  private take(slot: QuestionSlot, result: Validation, origin: Origin): Screen | undefined {
    const { form } = this.draft.context;
    if (!result.ok) return this.refuse(result.reason, result.params, result.proposal);
    if (slot.node.kind === "repeat" && slot.question.id === slot.node.questions[0]?.id) return this.rename(slot, result.value, origin);
    this.draft.store(slot.path, result.value);
    this.accepted = { slot, display: displayAnswer(slot.question, result.value, optionsShown(form, slot.question, slot.fills)) };
    return afterQuestion(this.draft, slot, origin);
  }

  /**
   * A new name for a listed system. Listed in other rows too under its old name, the officer is
   * asked first whether it is still the same system there; a name another system already bears
   * makes them one system (src/form/systems.ts), and the officer is told.
   */
  private rename(slot: QuestionSlot, name: AnswerValue, origin: Origin): Screen | undefined {
    const entry = this.listed(slot);
    const old = entryName(this.draft.state, entry.source, entry.entryId);
    const { form, agencyKind } = this.draft.context;
    if (foldName(old) !== foldName(String(name)) && sameSystemAs(form, this.draft.state, agencyKind, entry).length > 0)
      return { kind: "same-system", path: slot.path, name: String(name), origin };
    return this.renamed(slot, [entry], name, origin);
  }

  private renamed(slot: QuestionSlot, entries: ListedEntry[], name: AnswerValue, origin: Origin): Screen {
    const { form, agencyKind } = this.draft.context;
    const [entry] = entries as [ListedEntry];
    const apart = new Set(
      [...entries, ...sameSystemAs(form, this.draft.state, agencyKind, entry)].map(({ source, entryId }) => `${source}#${entryId}`),
    );
    const joined = entriesNamed(form, this.draft.state, agencyKind, entry.source, String(name)).find(
      ({ source, entryId }) => !apart.has(`${source}#${entryId}`),
    );
    this.draft.renameEntries(entries, name);
    this.accepted = { slot, display: displayAnswer(slot.question, name, []) };
    if (joined) {
      const each = eachBlocksOf(form, entry.source)[0]?.number ?? "";
      this.notice = { key: "form-system-joined", params: { row: repeatNode(form, joined.source)?.number ?? "", each } };
    }
    return afterQuestion(this.draft, slot, origin);
  }

  private listed(slot: QuestionSlot): ListedEntry {
    return { source: slot.node.id, entryId: slot.entry?.id ?? "" };
  }

  private onSameSystem(screen: Extract<Screen, { kind: "same-system" }>, input: Received): Screen | undefined {
    const slot = this.draft
      .slots()
      .find((candidate): candidate is QuestionSlot => candidate.kind === "question" && candidate.path === screen.path);
    if (!slot) return resume(this.draft);
    if (input.kind !== "action") return this.unexpected();
    const entry = this.listed(slot);
    const { form, agencyKind } = this.draft.context;
    if (input.action.kind === "same")
      return this.renamed(slot, [entry, ...sameSystemAs(form, this.draft.state, agencyKind, entry)], screen.name, screen.origin);
    if (input.action.kind === "apart") return this.renamed(slot, [entry], screen.name, screen.origin);
    return this.unexpected();
  }

  private onNewEntry(screen: Extract<Screen, { kind: "new-entry" }>, input: Received): Screen | undefined {
    const node = repeatNode(this.draft.context.form, screen.repeat);
    if (input.kind === "action" && input.action.kind === "cancel") return { kind: "list", repeat: screen.repeat, origin: screen.origin };
    if (input.kind === "unsupported") return this.refuse("form-text-expected");
    if (input.kind !== "text" || !node) return this.unexpected();
    return this.addEntry(node, input.text, screen.origin);
  }

  private addEntry(node: RepeatNode, name: string, origin: Origin): Screen | undefined {
    const { form, agencyKind } = this.draft.context;
    const most = entriesWanted(form, this.draft.state, node, agencyKind) ?? node.maxEntries;
    if ((this.draft.state.entries.get(node.id) ?? []).length >= most) {
      this.notice = { key: "form-list-full", params: { max: most } };
      return { kind: "list", repeat: node.id, origin };
    }
    const result = validateAnswer(node.questions[0], name, {
      today: this.draft.context.today,
      options: [],
      reads: { answer: () => undefined },
    });
    if (!result.ok) return this.refuse(result.reason, result.params);
    const entry = this.draft.addEntry(node, result.value);
    const slot = this.draft
      .slots()
      .find((candidate): candidate is QuestionSlot => candidate.kind === "question" && candidate.scope === entryScope(node.id, entry));
    return slot ? afterQuestion(this.draft, slot, origin === "review" ? "list" : origin) : { kind: "list", repeat: node.id, origin };
  }

  private onList(screen: Extract<Screen, { kind: "list" }>, input: Received): Screen | undefined {
    const node = repeatNode(this.draft.context.form, screen.repeat);
    if (!node) return resume(this.draft);
    if (input.kind === "text") return this.addEntry(node, input.text, screen.origin);
    if (input.kind === "unsupported") return this.refuse("form-text-expected");
    if (input.kind !== "action") return this.unexpected();
    const { action } = input;
    if (action.kind === "add") return { kind: "new-entry", repeat: node.id, origin: screen.origin };
    if (action.kind === "done") {
      const wanted = entriesWanted(this.draft.context.form, this.draft.state, node, this.draft.context.agencyKind);
      const have = (this.draft.state.entries.get(node.id) ?? []).length;
      if (wanted !== undefined && have < wanted) return this.refuse("form-list-wanted", { count: wanted, have });
      this.draft.closeList(node.id);
      return afterList(this.draft, node, screen.origin);
    }
    if (action.kind === "back") return this.back(this.draft.slots(), node.id, screen.origin);
    if (action.kind === "entry" && (this.draft.state.entries.get(node.id) ?? []).includes(action.entry))
      return { kind: "entry", repeat: node.id, entry: action.entry, origin: screen.origin };
    return this.unexpected();
  }

  private onEntry(screen: Extract<Screen, { kind: "entry" }>, input: Received): Screen | undefined {
    if (input.kind !== "action") return this.unexpected();
    const { action } = input;
    if (action.kind === "delete") return { ...screen, kind: "confirm-delete" };
    // An entry opened from a part of the review goes back to that part; from its list, to the list.
    const fromReview = screen.origin === "review";
    if (action.kind === "cancel")
      return fromReview
        ? backToReview(this.draft, partOf(this.draft.context.form, screen.repeat).id)
        : { kind: "list", repeat: screen.repeat, origin: screen.origin };
    if (action.kind === "edit" && this.asks(action.path))
      return { kind: "question", path: action.path, origin: fromReview ? "review" : "list" };
    return this.unexpected();
  }

  private onConfirmDelete(screen: Extract<Screen, { kind: "confirm-delete" }>, input: Received): Screen | undefined {
    if (input.kind !== "action") return this.unexpected();
    if (input.action.kind === "cancel") return { ...screen, kind: "entry" };
    if (input.action.kind !== "confirm") return this.unexpected();
    this.draft.removeEntry(screen.repeat, screen.entry);
    this.notice = { key: "form-entry-deleted" };
    return { kind: "list", repeat: screen.repeat, origin: screen.origin };
  }

  private onReview(input: Received, partId: string | undefined): Screen | undefined {
    if (input.kind !== "action") return this.unexpected();
    const { action } = input;
    const locked = this.lockedReason();
    if (locked && action.kind !== "reopen") return this.refuse(locked);
    if (action.kind === "confirm-part" && partId && this.draft.state.unconfirmed.has(partId)) {
      this.draft.confirmPart(partId);
      return resume(this.draft);
    }
    if (action.kind === "edit")
      return this.asks(action.path) ? { kind: "question", path: action.path, origin: "review" } : this.unexpected();
    if (action.kind === "list" && repeatNode(this.draft.context.form, action.repeat))
      return { kind: "list", repeat: action.repeat, origin: "review" };
    if (action.kind === "entry") {
      const { entry } = action;
      const repeat = [...this.draft.state.entries].find(([, entries]) => entries.includes(entry))?.[0];
      return repeat && repeatNode(this.draft.context.form, repeat) ? { kind: "entry", repeat, entry, origin: "review" } : this.unexpected();
    }
    if (action.kind === "submit") return this.submit();
    if (action.kind === "reopen") return this.onSubmitted(input);
    return this.unexpected();
  }

  private submit(): Screen | undefined {
    const slots = this.draft.slots();
    const open = slots.find((slot) => isOpen(slot, this.draft.state));
    if (open) {
      const items = openItems(this.draft);
      this.notice = { key: "form-incomplete", params: { count: items.length }, open: items };
      return screenFor(open, "fill");
    }
    this.draft.record("submitted");
    return { kind: "submitted" };
  }

  private onSubmitted(input: Received): Screen | undefined {
    if (input.kind === "action" && input.action.kind === "reopen") {
      if (!this.draft.context.roundOpen) return this.refuse("form-round-closed");
      this.draft.record("reopened");
      return { kind: "review" };
    }
    return this.unexpected();
  }

  private back(slots: readonly Slot[], path: string, origin: Origin): Screen | undefined {
    const index = slots.findIndex((slot) => slot.path === path);
    const previous = index > 0 ? slots[index - 1] : undefined;
    if (!previous) return this.refuse("form-at-first");
    return screenFor(previous, origin);
  }

  /** Whether the form asks this question now: an edit button may outlive it. */
  private asks(path: string): boolean {
    return this.draft.slots().some((slot) => slot.kind === "question" && slot.path === path);
  }
}
