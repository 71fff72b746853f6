import { encodeFormAction } from "./actions.js";
import { assessCompliance, meetsEverything, type Shortfall } from "./compliance.js";
import { defaultAnswer } from "./defaults.js";
import { closingFills, optionsShown } from "./interpolation.js";
import { resume } from "./next-screen.js";
import type {
  Action,
  HoldingBack,
  OpenItem,
  Progress,
  ReviewLine,
  ReviewPart,
  ReviewRow,
  ReviewSystem,
  Screen,
  SubmitSummary,
  View,
} from "./protocol.js";
import { type FormNode, optionsOf, type Part } from "./schema.js";
import {
  type AgencyKind,
  completion,
  entriesWanted,
  entryName,
  entryScope,
  expressionScope,
  isOpen,
  type ListSlot,
  nodeById,
  optionsOffered,
  partOf,
  type QuestionSlot,
  questionPath,
  type RepeatNode,
  repeatNode,
  type Slot,
  systemEntryOf,
} from "./slots.js";
import { eachBlocksOf, sameSystemAs } from "./systems.js";
import { type AnswerValue, displayAnswer, type Validation } from "./validators.js";
import type { Draft } from "./writes.js";
import type { Scope } from "./xlsform/expression.js";

/**
 * What each screen shows, channel-neutral: the question or list with what is stored, and the
 * buttons that screen offers. A renderer (src/dialogue/form-screens.ts) turns a view into words.
 * A screen that no longer exists (a cursor stored under an older form, an entry a colleague
 * deleted) shows where the officer would be sent instead.
 */

export function viewOf(draft: Draft, screen: Screen): View {
  const slots = draft.slots();
  const { state, context } = draft;
  const { form } = context;
  switch (screen.kind) {
    case "question": {
      const slot = slots.find((candidate): candidate is QuestionSlot => candidate.kind === "question" && candidate.path === screen.path);
      if (!slot) return viewOf(draft, resume(draft));
      const reads = expressionScope(form, state, slot.scope, context.agencyKind);
      const options = optionsOffered(form, slot.question, reads);
      const stored = state.answers.get(slot.path);
      const current =
        stored === undefined
          ? undefined
          : stored.value === null
            ? ""
            : displayAnswer(slot.question, stored.value, optionsShown(form, slot.question, slot.fills));
      const offered = suggestionFor(draft, slot);
      const fallback = offered === undefined ? defaultOffered(draft, slot, reads, options) : undefined;
      const suggestion = offered ?? (fallback ? displayAnswer(slot.question, fallback.value, options) : undefined);
      // Several options are typed as numbers ("1, 3"); one is pressed.
      const pressable = slot.question.type === "multi" ? [] : options;
      const actions: Action[] = pressable.map((option, index) => ({
        id: encodeFormAction({ kind: "option", number: index + 1 }),
        label: { option, index: index + 1 },
      }));
      if (slot.question.type === "acknowledge")
        actions.push({ id: encodeFormAction({ kind: "answer", value: "OK" }), label: { key: "form-button-acknowledge" } });
      if (offered !== undefined && offered !== current)
        actions.push({ id: "suggest", label: { key: "form-button-suggest", params: { value: offered } } });
      if (fallback && fallback.value !== stored?.value) {
        // A choice is offered by its label, in the officer's language as the options are.
        const option = slot.question.type === "choice" ? options.findIndex((candidate) => candidate.id === fallback.value) : -1;
        const chosen = options[option];
        actions.push({
          id: "suggest",
          label: chosen
            ? { option: chosen, index: option + 1 }
            : { key: "form-button-suggest", params: { value: suggestion ?? String(fallback.value) } },
        });
      }
      if (stored !== undefined) actions.push({ id: "keep", label: { key: "form-button-keep" } });
      const index = slots.findIndex((candidate) => candidate.path === slot.path);
      if (index > 0) actions.push({ id: "back", label: { key: "form-button-back" } });
      // An optional question is skipped (answered "none"); a required one can only be left for later, open.
      if (slot.question.optional) actions.push({ id: "skip", label: { key: "form-button-skip" } });
      else if (stored === undefined && screen.origin === "fill") actions.push({ id: "later", label: { key: "form-button-later" } });
      actions.push({ id: "review", label: { key: "form-button-review" } }, { id: "pause", label: { key: "form-button-pause" } });
      const intro = screen.origin === "fill" && firstQuestionOfNode(slots, slot)?.path === slot.path;
      return {
        kind: "question",
        slot,
        options,
        progress: progressOf(draft, slots, slot.part),
        intro,
        current,
        suggestion,
        actions,
      };
    }
    case "new-entry": {
      const node = repeatNode(form, screen.repeat);
      if (!node) return viewOf(draft, resume(draft));
      return {
        kind: "new-entry",
        node,
        part: partOf(form, node.id),
        count: (state.entries.get(node.id) ?? []).length,
        actions: [{ id: "cancel", label: { key: "form-button-cancel" } }],
      };
    }
    case "list": {
      const node = repeatNode(form, screen.repeat);
      if (!node) return viewOf(draft, resume(draft));
      const part = partOf(form, node.id);
      const entries = (state.entries.get(node.id) ?? []).map((id) => ({ id, name: entryName(state, node.id, id) }));
      const actions: Action[] = entries.map((entry, index) => ({
        id: encodeFormAction({ kind: "entry", entry: entry.id }),
        label: { key: "form-button-entry", params: { n: index + 1 } },
      }));
      const wanted = entriesWanted(form, state, node, context.agencyKind);
      if (entries.length < (wanted ?? node.maxEntries) && entries.length > 0)
        actions.push({ id: "add", label: { key: "form-button-add" } });
      const empty = node.whenEmpty === "not-yet" ? "form-button-not-yet" : "form-button-none";
      // A list that asks for so many entries is complete once it has them.
      if (wanted === undefined || entries.length >= wanted)
        actions.push({ id: "done", label: { key: entries.length === 0 ? empty : "form-button-list-done" } });
      if (slots.findIndex((slot) => slot.kind === "list" && slot.node.id === node.id) > 0)
        actions.push({ id: "back", label: { key: "form-button-back" } });
      actions.push({ id: "review", label: { key: "form-button-review" } }, { id: "pause", label: { key: "form-button-pause" } });
      const nodes = part.nodes;
      const position = nodes.findIndex((candidate) => candidate.id === node.id);
      const firstOfGroup = node.group !== undefined && nodes[position - 1]?.group !== node.group;
      return { kind: "list", node, part, progress: progressOf(draft, slots, part), firstOfGroup, entries, wanted, actions };
    }
    case "entry":
    case "confirm-delete": {
      const node = repeatNode(form, screen.repeat);
      if (!node || !(state.entries.get(node.id) ?? []).includes(screen.entry))
        return viewOf(draft, { kind: "list", repeat: screen.repeat, origin: screen.origin });
      const name = entryName(state, node.id, screen.entry);
      if (screen.kind === "confirm-delete") {
        return {
          kind: "confirm-delete",
          node,
          name,
          actions: [
            { id: "confirm", label: { key: "form-button-confirm-delete" } },
            { id: "cancel", label: { key: "form-button-cancel" } },
          ],
        };
      }
      const items = lines(draft, systemSlots(draft, slots, node, screen.entry));
      return {
        kind: "entry",
        node,
        name,
        items,
        actions: [
          ...items.map((item, index) => editButton(item, index)),
          { id: "delete", label: { key: "form-button-delete" } },
          { id: "cancel", label: { key: screen.origin === "review" ? "form-button-back-to-part" : "form-button-back-to-list" } },
        ],
      };
    }
    case "same-system": {
      const slot = slots.find((candidate): candidate is QuestionSlot => candidate.kind === "question" && candidate.path === screen.path);
      if (slot?.node.kind !== "repeat" || !slot.entry) return viewOf(draft, resume(draft));
      const others = sameSystemAs(form, state, context.agencyKind, { source: slot.node.id, entryId: slot.entry.id }).flatMap(
        ({ source, entryId }) => {
          const node = repeatNode(form, source);
          return node ? [{ node, name: entryName(state, source, entryId) }] : [];
        },
      );
      return {
        kind: "same-system",
        node: slot.node,
        name: screen.name,
        others,
        each: eachBlocksOf(form, slot.node.id)[0]?.number ?? "",
        actions: [
          { id: "same", label: { key: "form-button-same-system" } },
          { id: "apart", label: { key: "form-button-other-system" } },
        ],
      };
    }
    case "review": {
      const parts = reviewParts(draft, slots);
      const open = slots.filter((slot) => isOpen(slot, state)).length;
      const actions: Action[] = parts.map((part) => ({
        id: encodeFormAction({ kind: "part", part: part.part.id }),
        label: { key: "form-button-part", params: { part: part.part.number } },
      }));
      if (state.status === "submitted") actions.push({ id: "reopen", label: { key: "form-button-reopen" } });
      else if (open === 0) actions.push({ id: "submit", label: { key: "form-button-submit" } });
      else actions.push({ id: "resume", label: { key: "form-button-continue" } });
      return { kind: "review", parts, open, status: state.status, actions };
    }
    case "review-part": {
      const part = reviewParts(draft, slots).find((candidate) => candidate.part.id === screen.part);
      if (!part) return viewOf(draft, { kind: "review" });
      const carried = state.unconfirmed.has(part.part.id);
      // Numbered as the screen lists them: a row's answers, a list, then each of its systems.
      let n = 0;
      const numbered: Action[] = part.rows.flatMap((row): Action[] => {
        if (row.kind === "row") return row.lines.map((line) => editButton(line, n++));
        if (row.kind === "each") return [];
        return [
          { id: encodeFormAction({ kind: "list", repeat: row.node.id }), label: { key: "form-button-edit-n", params: { n: ++n } } },
          ...row.systems.map(
            (system): Action => ({
              id: encodeFormAction({ kind: "entry", entry: system.entry }),
              label: { key: "form-button-edit-n", params: { n: ++n } },
            }),
          ),
        ];
      });
      const actions: Action[] = [
        ...(carried ? [{ id: "confirm-part", label: { key: "form-button-confirm-part" } } as const] : []),
        ...numbered,
        { id: "review", label: { key: "form-button-back-to-review" } },
      ];
      return { kind: "review-part", part, carried, actions };
    }
    case "submitted":
      return {
        kind: "submitted",
        at: state.submittedAt,
        summary: summary(draft, slots),
        actions: [
          { id: "review", label: { key: "form-button-view" } },
          ...(context.roundOpen ? [{ id: "reopen", label: { key: "form-button-reopen" } } as const] : []),
        ],
      };
  }
}

/** The pause screen: how far the agency is, and a button to go on later. */
export function pausedView(draft: Draft): View {
  return {
    kind: "paused",
    progress: completion(draft.slots(), draft.state),
    actions: [{ id: "resume", label: { key: "form-button-continue" } }],
  };
}

/**
 * The body an officer of the agency works at, offered as a one-tap workplace: a ministry is one;
 * a province is not, its focal officers work at its Department of Science and Technology, which
 * since 2025 also carries digital transformation (the question's hint names it).
 */
export function workplaceOf(kind: AgencyKind, name: string): string {
  return kind === "ministry" ? name : `Sở Khoa học và Công nghệ ${name}`;
}

/** The one-tap answer a question offers: the workplace, or what the system's own row answered to the same question. */
function suggestionFor(draft: Draft, slot: QuestionSlot): string | undefined {
  const { context, state } = draft;
  if (slot.question.suggest === "agency") return workplaceOf(context.agencyKind, context.agencyName);
  if (slot.question.suggest !== "system" || slot.entry === undefined || slot.node.kind !== "each") return undefined;
  for (const source of slot.node.of) {
    if (!(state.entries.get(source) ?? []).includes(slot.entry.id)) continue;
    const value = state.answers.get(questionPath(entryScope(source, slot.entry.id), slot.question.id))?.value;
    return value === null || value === undefined ? undefined : String(value);
  }
  return undefined;
}

/** The question's default when it is an answer the question takes now (its choice offered, its constraint met). */
function defaultOffered(
  draft: Draft,
  slot: QuestionSlot,
  reads: Scope,
  options: ReturnType<typeof optionsOffered>,
): { value: AnswerValue } | undefined {
  const result = defaultAnswer(slot.question, { today: draft.context.today, options, reads });
  return result?.ok ? { value: result.value } : undefined;
}

/**
 * What `suggest` answers on this question, for the engine: the same value the screen offers,
 * typed as the officer would type it, or the question's default, already read as its answer.
 */
export function suggestedAnswer(draft: Draft, slot: QuestionSlot): { typed: string } | { taken: Validation } | undefined {
  const typed = suggestionFor(draft, slot);
  if (typed !== undefined) return { typed };
  const { form, agencyKind } = draft.context;
  const reads = expressionScope(form, draft.state, slot.scope, agencyKind);
  const fallback = defaultOffered(draft, slot, reads, optionsOffered(form, slot.question, reads));
  return fallback ? { taken: { ok: true, value: fallback.value } } : undefined;
}

/** "Phần 2/4 · 61%": the part on screen and how much of the form is done. */
function progressOf(draft: Draft, slots: readonly Slot[], part: Part): Progress {
  return { part: part.number, parts: draft.context.form.parts.length, percent: completion(slots, draft.state).percent };
}

/** The first question asked of a row (of a block asked per system: of its first system), where its full title belongs. */
function firstQuestionOfNode(slots: readonly Slot[], slot: QuestionSlot): QuestionSlot | undefined {
  return slots.find((candidate): candidate is QuestionSlot => candidate.kind === "question" && candidate.node.id === slot.node.id);
}

/** The n-th answer of an entry or a part, to change (numbered as the screen lists them). */
function editButton(line: ReviewLine, index: number): Action {
  return { id: encodeFormAction({ kind: "edit", path: line.path }), label: { key: "form-button-edit-n", params: { n: index + 1 } } };
}

/** A system's questions: its own row's, then those of the rows asked once per system (row 5), where it stands for itself. */
function systemSlots(draft: Draft, slots: readonly Slot[], node: RepeatNode, entry: string): QuestionSlot[] {
  const { form, agencyKind } = draft.context;
  const eachEntry = (each: FormNode) => systemEntryOf(form, each, draft.state, agencyKind, { source: node.id, entryId: entry });
  return slots.filter((slot): slot is QuestionSlot => {
    if (slot.kind !== "question" || slot.entry === undefined) return false;
    if (slot.node.id === node.id) return slot.entry.id === entry;
    return slot.node.kind === "each" && slot.node.of.includes(node.id) && slot.entry.id === eachEntry(slot.node);
  });
}

function reviewParts(draft: Draft, slots: readonly Slot[]): ReviewPart[] {
  const { state } = draft;
  return draft.context.form.parts.map((part) => {
    const partSlots = slots.filter((slot) => slot.part.id === part.id);
    const questions = partSlots.filter((slot): slot is QuestionSlot => slot.kind === "question");
    const rows = part.nodes.flatMap((node): ReviewRow[] => {
      const own = partSlots.filter((slot) => slot.kind !== "confirm" && slot.node.id === node.id);
      if (own.length === 0) return [];
      if (node.kind === "row") return [{ kind: "row", node, lines: lines(draft, own as QuestionSlot[]) }];
      if (node.kind === "each")
        return [
          {
            kind: "each",
            node,
            systems: new Set(own.map((slot) => (slot.kind === "question" ? slot.entry?.id : undefined))).size,
            open: own.filter((slot) => isOpen(slot, state)).length,
          },
        ];
      return [{ kind: "list", node, systems: (state.entries.get(node.id) ?? []).map((entry) => system(draft, slots, node, entry)) }];
    });
    const lists = partSlots
      .filter((slot): slot is ListSlot => slot.kind === "list")
      .map((slot) => ({
        node: slot.node,
        entries: (state.entries.get(slot.node.id) ?? []).map((id) => entryName(state, slot.node.id, id)),
      }));
    const given = questions.map((slot) => state.answers.get(slot.path));
    return {
      part,
      lines: lines(
        draft,
        questions.filter((slot) => slot.entry === undefined),
      ),
      rows,
      lists,
      open: partSlots.filter((slot) => isOpen(slot, state)).length,
      answered: given.filter((answer) => answer !== undefined && answer.value !== null).length,
      skipped: given.filter((answer) => answer?.value === null).length,
    };
  });
}

/**
 * A system on one line: its name, the answers that say where it stands (its choices and months:
 * its status, investment and planned month, row 5's dossier and solutions), and what is left open.
 */
function system(draft: Draft, slots: readonly Slot[], node: RepeatNode, entry: string): ReviewSystem {
  const own = systemSlots(draft, slots, node, entry);
  const telling = own.filter((slot) => slot.question.type === "choice" || slot.question.type === "month");
  return {
    entry,
    name: entryName(draft.state, node.id, entry),
    answers: lines(draft, telling).filter((line) => line.value !== undefined),
    open: own.filter((slot) => isOpen(slot, draft.state)).length,
  };
}

function lines(draft: Draft, slots: readonly QuestionSlot[]): ReviewLine[] {
  return slots.map((slot) => {
    const stored = draft.state.answers.get(slot.path);
    return {
      path: slot.path,
      label: { node: slot.node, question: slot.question, ...(slot.entry ? { entry: slot.entry.name } : {}) },
      value:
        stored?.value === null || stored === undefined
          ? undefined
          : displayAnswer(slot.question, stored.value, optionsShown(draft.context.form, slot.question, slot.fills)),
      skipped: stored?.value === null,
    };
  });
}

/** The slots still open, as the officer finds them: part, row, question and system. */
export function openItems(draft: Draft): OpenItem[] {
  const { form } = draft.context;
  return draft
    .slots()
    .filter((slot) => isOpen(slot, draft.state))
    .map((slot) => {
      if (slot.kind === "confirm")
        return { part: slot.part, node: slot.part.nodes[0] as FormNode, question: undefined, entryName: undefined };
      if (slot.kind === "list") return { part: slot.part, node: slot.node, question: undefined, entryName: undefined };
      return { part: slot.part, node: nodeById(form, slot.node.id) ?? slot.node, question: slot.question, entryName: slot.entry?.name };
    });
}

function summary(draft: Draft, slots: readonly Slot[]): SubmitSummary {
  const counts = new Map<string, number>();
  for (const slot of slots) {
    const value = slot.kind === "question" && slot.question.type === "choice" ? draft.state.answers.get(slot.path)?.value : undefined;
    if (slot.kind === "question" && slot.question.type === "choice" && value != null) {
      const key = `${slot.question.options}/${value}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const options = Object.entries(draft.context.form.optionSets).flatMap(([set, list]) =>
    list.map((option) => ({ set, option, count: counts.get(`${set}/${option.id}`) ?? 0 })).filter((entry) => entry.count > 0),
  );
  const lists = slots
    .filter((slot): slot is ListSlot => slot.kind === "list")
    .map((slot) => ({ node: slot.node, count: (draft.state.entries.get(slot.node.id) ?? []).length }));
  const closing = closingFills(draft.context.form, expressionScope(draft.context.form, draft.state, "", draft.context.agencyKind));
  return { options, lists, ...complianceSummary(draft), ...(closing ? { closing } : {}) };
}

function complianceSummary(draft: Draft): Pick<SubmitSummary, "compliance"> {
  const { form, agencyKind } = draft.context;
  const assessed = assessCompliance(form, draft.state, agencyKind);
  if (!assessed.length) return {};
  const holdingBack = assessed.flatMap(({ component, status, shortfalls }): HoldingBack[] =>
    status === "met" || status === "not_applicable"
      ? []
      : [{ component, status, places: shortfalls.map((shortfall) => place(draft, shortfall)) }],
  );
  return { compliance: { fully: meetsEverything(assessed.map(({ status }) => status)), holdingBack } };
}

function place(draft: Draft, { node, entry, answer }: Shortfall): HoldingBack["places"][number] {
  const name = entry ? entryName(draft.state, entry.repeat, entry.id) : undefined;
  const option = answer ? optionsOf(draft.context.form, answer.question).find(({ id }) => id === String(answer.value)) : undefined;
  return { node, ...(name ? { entryName: name } : {}), ...(answer ? { question: answer.question } : {}), ...(option ? { option } : {}) };
}
