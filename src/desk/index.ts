import type { Action } from "../channels/actions.js";
import type { Role } from "../domain/roles.js";
import type { Effect } from "../storage/effects.js";
import { listForms } from "./forms.js";
import {
  assign,
  inviteMember,
  listMembers,
  queue,
  reassign,
  reassignChoices,
  removeMember,
  replayInvites,
  replayRemoval,
  replayUnlink,
} from "./people.js";
import { askReviewComment, decide, exportRound, progress, replayReview, review } from "./reports.js";
import { type DeskRequest, type Replies, say } from "./request.js";
import {
  broadcast,
  changeRound,
  chooseTarget,
  listRounds,
  previewBroadcast,
  replayBroadcast,
  replayRound,
  sendBroadcast,
} from "./rounds.js";

export { importFormFile } from "./forms.js";
export type { DeskRequest, Replies } from "./request.js";

/**
 * The desk's commands, buttons and typed follow-ups, for every messenger: a channel passes what
 * the person did and shows the replies. Each command says who may use it and what others are told.
 */

interface DeskCommand {
  roles: readonly Role[];
  /** The locale key of the line others get. */
  refusal: string;
  run(request: DeskRequest, argument: string): Promise<Replies>;
}

const SECRETARIAT = { roles: ["secretariat"], refusal: "ticket-secretariat-only" } as const;

export const DESK_COMMANDS: Readonly<Record<string, DeskCommand>> = {
  progress: { roles: ["consultant", "secretariat"], refusal: "progress-desk-only", run: progress },
  queue: { roles: ["consultant", "secretariat"], refusal: "ticket-queue-desk-only", run: queue },
  export: { ...SECRETARIAT, run: exportRound },
  review: { ...SECRETARIAT, run: review },
  rounds: { ...SECRETARIAT, run: listRounds },
  round: { ...SECRETARIAT, run: changeRound },
  broadcast: { ...SECRETARIAT, run: broadcast },
  invite: { ...SECRETARIAT, run: inviteMember },
  members: { ...SECRETARIAT, run: listMembers },
  remove: { ...SECRETARIAT, run: removeMember },
  assign: { ...SECRETARIAT, run: assign },
  forms: { ...SECRETARIAT, run: listForms },
};

/** A desk command's replies; undefined when the word is no desk command. */
export async function deskCommand(request: DeskRequest, name: string, argument: string): Promise<Replies | undefined> {
  const command = DESK_COMMANDS[name];
  if (!command) return undefined;
  if (!command.roles.includes(request.member.binding.role)) return say(request.t(command.refusal));
  return command.run(request, argument.trim());
}

/** The replies to a desk button: a review decision, a broadcast's target or sending, a question handed to a consultant. */
export async function deskPress(
  request: DeskRequest,
  action: Extract<Action, { kind: "review" | "broadcast-target" | "broadcast-send" | "ticket-reassign" | "ticket-reassign-to" }>,
): Promise<Replies> {
  if (request.member.binding.role !== "secretariat") return say(request.t("ticket-secretariat-only"));
  switch (action.kind) {
    case "review":
      return action.verdict === "accept"
        ? decide(request, action.roundId, action.agencyId, "accepted", "")
        : askReviewComment(request, action.roundId, action.agencyId);
    case "broadcast-send":
      return sendBroadcast(request);
    case "broadcast-target":
      return chooseTarget(request, action.target);
    case "ticket-reassign":
      return reassignChoices(request, action.ticketId);
    case "ticket-reassign-to":
      return reassign(request, action.ticketId, action.consultantId);
  }
}

/** Text the desk waits for (a return comment, a broadcast's text); undefined when it waits for none. */
export async function deskText(request: DeskRequest, text: string): Promise<Replies | undefined> {
  const { deps, member, composing } = request;
  if (composing?.kind === "review-comment") {
    // Cleared once decided: a crash before leaves the comment to the update's next try, one after
    // leaves the decision's effect mark, which the next try finds first.
    const decided = await decide(request, composing.roundId, composing.agencyId, "returned", text);
    await deps.composing.clear(member.id);
    return decided;
  }
  if (composing?.kind === "broadcast") return previewBroadcast(request, composing.target, text);
  return undefined;
}

/** What the desk does that an update's effect mark keeps (src/storage/effects.ts). */
export type DeskEffect = Extract<Effect, { kind: "round" | "review" | "invites" | "broadcast" | "unlink" | "removal" }>;

/**
 * What an earlier try of the update did at the desk, said again by the replay beside the command
 * that did it; nothing is done again. Only the secretariat does these.
 */
export async function deskReplay(request: DeskRequest, effect: DeskEffect): Promise<Replies> {
  if (request.member.binding.role !== "secretariat") return [];
  switch (effect.kind) {
    case "round":
      return replayRound(request, effect);
    case "review":
      return replayReview(request, effect);
    case "invites":
      return replayInvites(request, effect);
    case "broadcast":
      return replayBroadcast(request, effect);
    case "unlink":
      return replayUnlink(request, effect);
    case "removal":
      return replayRemoval(request, effect);
  }
}
