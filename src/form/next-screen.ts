import type { Origin, Screen } from "./protocol.js";
import { entryOf, isOpen, partOf, type QuestionSlot, type RepeatNode, repeatNode, type Slot } from "./slots.js";
import type { Draft } from "./writes.js";

/**
 * Where the officer goes once a question is answered or a list is complete. Filling in goes on in
 * asking order to the next open slot, wrapping round, so nothing left open earlier is passed over
 * on the way to the review; an edit returns to where it was started (the review, a part, a list).
 */

/**
 * After a question: first the questions its answer opened in the same row or entry, or whose
 * choice it cleared (a district of the province no longer chosen), then back where the officer
 * came from, or on to the next open question.
 */
export function afterQuestion(draft: Draft, slot: QuestionSlot, origin: Origin): Screen {
  const slots = draft.slots();
  const index = slots.findIndex((candidate) => candidate.path === slot.path);
  const cleared = ({ question, path }: QuestionSlot) =>
    (question.type === "choice" || question.type === "multi") &&
    question.choiceFilter !== undefined &&
    draft.writes.removedAnswers.includes(path);
  const dependent = slots
    .slice(index + 1)
    .find(
      (candidate) =>
        candidate.kind === "question" && (candidate.scope === slot.scope || cleared(candidate)) && isOpen(candidate, draft.state),
    );
  if (dependent) return screenFor(dependent, origin);
  const repeat = entryOf(slot.path)?.nodeId;
  if (origin === "review") return backToReview(draft, slot.part.id);
  if (origin === "list" && repeat && repeatNode(draft.context.form, repeat)) return { kind: "list", repeat, origin: "list" };
  return firstOpen(draft, slots, index + 1);
}

/** After a list said complete: the review or its part when opened from there, else what is open after it. */
export function afterList(draft: Draft, node: RepeatNode, origin: Origin): Screen {
  const slots = draft.slots();
  const index = slots.findIndex((slot) => slot.kind === "list" && slot.node.id === node.id);
  return origin === "review" ? backToReview(draft, partOf(draft.context.form, node.id).id) : firstOpen(draft, slots, index + 1);
}

/** Where filling in goes on: the first open slot, or the review when everything is answered. */
export function resume(draft: Draft): Screen {
  return firstOpen(draft, draft.slots(), 0);
}

export function screenFor(slot: Slot, origin: Origin): Screen {
  if (slot.kind === "confirm") return { kind: "review-part", part: slot.part.id };
  return slot.kind === "question" ? { kind: "question", path: slot.path, origin } : { kind: "list", repeat: slot.node.id, origin };
}

/** After a change made from the review: back to the part it was made in (the review, when the part is not known). */
export function backToReview(_draft: Draft, partId: string | undefined): Screen {
  return partId ? { kind: "review-part", part: partId } : { kind: "review" };
}

/**
 * A required question left for later: it stays open, and filling in goes on with the next open
 * slot after it (wrapping round), the review when nothing else is open; an edit goes back where
 * it was started.
 */
export function afterLater(draft: Draft, slot: QuestionSlot, origin: Origin): Screen {
  if (origin === "review") return backToReview(draft, slot.part.id);
  const repeat = entryOf(slot.path)?.nodeId;
  if (origin === "list" && repeat && repeatNode(draft.context.form, repeat)) return { kind: "list", repeat, origin: "list" };
  const slots = draft.slots();
  const index = slots.findIndex((candidate) => candidate.path === slot.path);
  const ordered = [...slots.slice(index + 1), ...slots.slice(0, index)];
  const open = ordered.find((candidate) => isOpen(candidate, draft.state));
  return open ? screenFor(open, "fill") : { kind: "review" };
}

/** The first open slot from `from` on, wrapping round; the review when none is left. */
function firstOpen(draft: Draft, slots: readonly Slot[], from: number): Screen {
  const ordered = [...slots.slice(from), ...slots.slice(0, from)];
  const open = ordered.find((slot) => isOpen(slot, draft.state));
  return open ? screenFor(open, "fill") : { kind: "review" };
}
