import { encodeFormAction } from "./actions.js";
import { assessCompliance, meetsEverything, type Shortfall } from "./compliance.js";
import { resume } from "./next-screen.js";
import type { Action, HoldingBack, ReviewLine, ReviewPart, Screen, SubmitSummary, View } from "./protocol.js";
import { optionsOf } from "./schema.js";
import { completion, entryName, isOpen, type ListSlot, partOf, progressOf, type QuestionSlot, repeatNode, type Slot } from "./slots.js";
import { displayAnswer } from "./validators.js";
import type { Draft } from "./writes.js";

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
      const options = optionsOf(form, slot.question);
      const stored = state.answers.get(slot.path);
      const current = stored === undefined ? undefined : stored.value === null ? "" : displayAnswer(slot.question, stored.value, options);
      // Several options are typed as numbers ("1, 3"); one is pressed.
      const pressable = slot.question.type === "multi" ? [] : options;
      const actions: Action[] = pressable.map((option, index) => ({
        id: encodeFormAction({ kind: "option", number: index + 1 }),
        label: { option, index: index + 1 },
      }));
      if (slot.question.suggest === "agency")
        actions.push({ id: "suggest", label: { key: "form-button-suggest", params: { value: context.agencyName } } });
      if (stored !== undefined) actions.push({ id: "keep", label: { key: "form-button-keep" } });
      if (slot.question.optional) actions.push({ id: "skip", label: { key: "form-button-skip" } });
      if (slots.findIndex((candidate) => candidate.path === slot.path) > 0)
        actions.push({ id: "back", label: { key: "form-button-back" } });
      actions.push({ id: "review", label: { key: "form-button-review" } }, { id: "pause", label: { key: "form-button-pause" } });
      return { kind: "question", slot, options, progress: progressOf(slots, slot.path), current, actions };
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
      const entries = (state.entries.get(node.id) ?? []).map((id) => ({ id, name: entryName(state, node.id, id) }));
      const actions: Action[] = entries.map((entry, index) => ({
        id: encodeFormAction({ kind: "entry", entry: entry.id }),
        label: { key: "form-button-entry", params: { n: index + 1 } },
      }));
      if (entries.length < node.maxEntries) actions.push({ id: "add", label: { key: "form-button-add" } });
      const empty = node.whenEmpty === "not-yet" ? "form-button-not-yet" : "form-button-none";
      actions.push({ id: "done", label: { key: entries.length === 0 ? empty : "form-button-list-done" } });
      actions.push({ id: "review", label: { key: "form-button-review" } }, { id: "pause", label: { key: "form-button-pause" } });
      return { kind: "list", node, part: partOf(form, node.id), entries, actions };
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
      // The entry's own questions, then those asked for it elsewhere (row 5 for a system of row 1).
      const items = lines(
        draft,
        slots.filter(
          (slot): slot is QuestionSlot =>
            slot.kind === "question" &&
            slot.entry?.id === screen.entry &&
            (slot.node.id === node.id || (slot.node.kind === "each" && slot.node.of.includes(node.id))),
        ),
      );
      return {
        kind: "entry",
        node,
        name,
        items,
        actions: [
          ...items.map((item, index) => editButton(item, index)),
          { id: "delete", label: { key: "form-button-delete" } },
          { id: "cancel", label: { key: "form-button-back-to-list" } },
        ],
      };
    }
    case "review": {
      const parts = reviewParts(draft, slots);
      const open = slots.filter((slot) => isOpen(slot, state)).length;
      const actions: Action[] = parts.map((part) => ({
        id: encodeFormAction({ kind: "part", part: part.part.id }),
        label: { key: "form-button-edit-part", params: { part: part.part.number } },
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
      const actions: Action[] = [
        ...(carried ? [{ id: "confirm-part", label: { key: "form-button-confirm-part" } } as const] : []),
        ...part.lines.map((line, index) => editButton(line, index)),
        ...part.lists.map((list) => ({
          id: encodeFormAction({ kind: "list", repeat: list.node.id }),
          label: { key: "form-button-edit-list", params: { number: list.node.number ?? "" } },
        })),
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

/** The n-th answer of an entry or a part, to change (numbered as the screen lists them). */
function editButton(line: ReviewLine, index: number): Action {
  return { id: encodeFormAction({ kind: "edit", path: line.path }), label: { key: "form-button-edit-n", params: { n: index + 1 } } };
}

function reviewParts(draft: Draft, slots: readonly Slot[]): ReviewPart[] {
  const { state } = draft;
  return draft.context.form.parts.map((part) => {
    const partSlots = slots.filter((slot) => slot.part.id === part.id);
    const questions = partSlots.filter((slot): slot is QuestionSlot => slot.kind === "question" && slot.entry === undefined);
    const lists = partSlots
      .filter((slot): slot is ListSlot => slot.kind === "list")
      .map((slot) => ({
        node: slot.node,
        entries: (state.entries.get(slot.node.id) ?? []).map((id) => entryName(state, slot.node.id, id)),
      }));
    return { part, lines: lines(draft, questions), lists, open: partSlots.filter((slot) => isOpen(slot, state)).length };
  });
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
          : displayAnswer(slot.question, stored.value, optionsOf(draft.context.form, slot.question)),
      skipped: stored?.value === null,
    };
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
  return { options, lists, ...complianceSummary(draft) };
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
