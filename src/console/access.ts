import type { Deps } from "../deps.js";
import type { Agency } from "../domain/agencies.js";
import type { Role } from "../domain/roles.js";
import type { Round } from "../domain/rounds.js";
import type { Assignee, Ticket } from "../storage/tickets.js";
import type { Viewer } from "./env.js";

/**
 * Who sees what in the console, from the same rules the chat uses: the secretariat everything, a
 * consultant the provinces assigned to them (the scope /progress gives them) and their questions,
 * an officer their own agency's report, read-only. Whatever is not the viewer's is answered as if
 * it did not exist, so ids cannot be probed.
 */

export const hasRole = (viewer: Viewer, ...roles: Role[]): boolean => roles.includes(viewer.member.binding.role);

/** The agencies of a round the viewer may look at, in the round's order. */
export async function visibleAgencies(deps: Deps, viewer: Viewer, round: Round): Promise<Agency[]> {
  const { binding } = viewer.member;
  if (binding.role === "officer") return deps.rounds.agenciesOf(round).filter((agency) => agency.id === binding.agencyId);
  return deps.reports.visibleAgencies(round, viewer.member);
}

/** The round by id, if it exists and the viewer has something to see in it. */
export async function visibleRound(deps: Deps, viewer: Viewer, roundId: string): Promise<Round | undefined> {
  const round = await deps.reports.roundFor(roundId, deps.now());
  if (!round || round.id !== roundId) return undefined;
  if (hasRole(viewer, "secretariat", "consultant")) return round;
  return (await visibleAgencies(deps, viewer, round)).length > 0 ? round : undefined;
}

/** The rounds the viewer may open, latest first. */
export async function visibleRounds(deps: Deps, viewer: Viewer): Promise<Round[]> {
  const rounds = (await deps.rounds.list()).slice().reverse();
  if (hasRole(viewer, "secretariat", "consultant")) return rounds;
  const { binding } = viewer.member;
  return rounds.filter((round) => binding.role === "officer" && deps.rounds.agenciesOf(round).some((a) => a.id === binding.agencyId));
}

/** The agency of a round, if the viewer may open it. */
export async function visibleAgency(deps: Deps, viewer: Viewer, round: Round, agencyId: string): Promise<Agency | undefined> {
  return (await visibleAgencies(deps, viewer, round)).find((agency) => agency.id === agencyId);
}

/** Whether the viewer handles a question: the secretariat every one, a consultant those they hold. */
export function handlesTicket(viewer: Viewer, ticket: Pick<Ticket, "assignee">): boolean {
  const { binding } = viewer.member;
  if (binding.role === "secretariat") return true;
  return binding.role === "consultant" && ticket.assignee.kind === "consultant" && ticket.assignee.consultantId === binding.consultantId;
}

/** Whose open questions the viewer counts: every one for the secretariat, their own for a consultant. */
export function ticketsHeldFor(viewer: Viewer): Assignee | undefined {
  const { binding } = viewer.member;
  return binding.role === "consultant" ? { kind: "consultant", consultantId: binding.consultantId } : undefined;
}
