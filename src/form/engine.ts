import { navigationAction } from "./navigation-words.js";
import type { Cursor, EngineContext, Input, StepResult, View } from "./protocol.js";
import type { ResponseState } from "./slots.js";
import { transition } from "./transitions.js";
import { pausedView, viewOf } from "./views.js";
import { Draft } from "./writes.js";

/**
 * The questionnaire engine: a pure function from (form, response, where this officer is,
 * what they sent) to the changes to store, where they are next and what to show. No chat,
 * no Redis, no clock: the caller passes `now` and stores the changes in one atomic write.
 *
 * Split by job, so each part reads in one sitting: protocol.ts (what goes in and out), actions.ts
 * (the buttons), transitions.ts (what an input does on each screen), next-screen.ts (where the
 * officer goes next), writes.ts (what a step stores), systems.ts (entries that are one system, and
 * where their shared answers go on a rename), views.ts (what each screen shows).
 */

export function step(context: EngineContext, state: ResponseState, cursor: Cursor, typed: Input): StepResult {
  const draft = new Draft(context, state);
  const input = pressedByWord(draft, cursor, typed);
  if (input.kind === "action" && input.action === "pause" && input.seq === cursor.seq) {
    return { cursor, writes: draft.writes, view: pausedView(draft), notice: undefined, accepted: undefined };
  }
  const { screen = cursor.screen, notice, accepted } = transition(draft, cursor, input);
  // Buttons carry the sequence number; it moves only with the screen, so after a wrong answer
  // the buttons of the question already on the phone still work.
  const moved = JSON.stringify(screen) !== JSON.stringify(cursor.screen) || input.kind === "open";
  return {
    cursor: { seq: moved ? cursor.seq + 1 : cursor.seq, screen },
    writes: draft.writes,
    view: viewOf(draft, screen),
    notice,
    accepted,
  };
}

/** Shows the screen the cursor is on, without changing anything (after /start, a reminder, a pause). */
export function show(context: EngineContext, state: ResponseState, cursor: Cursor): View {
  return viewOf(new Draft(context, state), cursor.screen);
}

/**
 * A typed navigation word ("quay lại", "xem lại") is the press of that button, when the screen has
 * it. On a question, "bỏ qua" and "để sau" are never taken as its answer: a required question
 * says it cannot be skipped, and either may be left open for later.
 */
function pressedByWord(draft: Draft, cursor: Cursor, input: Input): Input {
  if (input.kind !== "text") return input;
  const action = navigationAction(input.text);
  if (!action) return input;
  const always = cursor.screen.kind === "question" && (action === "skip" || action === "later");
  if (!always && !viewOf(draft, cursor.screen).actions.some((candidate) => candidate.id === action)) return input;
  return { kind: "action", seq: cursor.seq, action };
}
