import type { Action } from "../channels/actions.js";
import type { Role } from "../domain/roles.js";
import { listForms } from "./forms.js";
import { assign, inviteMember, listMembers, queue, reassign, reassignChoices, removeMember } from "./people.js";
import { askReviewComment, decide, exportRound, progress, review } from "./reports.js";
import { type DeskRequest, type Replies, say } from "./request.js";
import { broadcast, changeRound, chooseTarget, listRounds, previewBroadcast, sendBroadcast } from "./rounds.js";

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
    await deps.composing.clear(member.id);
    return decide(request, composing.roundId, composing.agencyId, "returned", text);
  }
  if (composing?.kind === "broadcast") return previewBroadcast(request, composing.target, text);
  return undefined;
}
