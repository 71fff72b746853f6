import type { Agency } from "../domain/agencies.js";
import type { Logger } from "../logger.js";
import type { Redis } from "../redis.js";
import { formatMoment } from "../services/announcements.js";
import type { Keys } from "../storage/keys.js";
import type { MemberStore } from "../storage/members.js";
import { escapeHtml, type Translate } from "../views.js";
import { WaitingMessages } from "./outbox.js";

type UnreachableDeps = { redis: Redis; keys: Keys; logger: Logger; members: Pick<MemberStore, "get">; timeZone: string };

/** The officers of these agencies whom no messenger may reach now (Zalo OA's window closed, no other address), and since when, longest first. */
export async function unreachableOfficers(
  deps: UnreachableDeps,
  agencies: readonly Agency[],
): Promise<{ agency: Agency; since: number }[]> {
  const byId = new Map(agencies.map((agency) => [agency.id, agency]));
  const found: { agency: Agency; since: number }[] = [];
  for (const { memberId, since } of await new WaitingMessages(deps.redis, deps.keys, deps.logger).members()) {
    const binding = (await deps.members.get(memberId))?.binding;
    const agency = binding?.role === "officer" ? byId.get(binding.agencyId) : undefined;
    if (agency) found.push({ agency, since });
  }
  return found;
}

/**
 * The lines a round's progress adds for officers of its agencies whom no messenger may reach now
 * (Zalo OA's window closed, no other address): their messages wait for them, since when. Empty
 * when there are none, so a progress without the OA reads as before.
 */
export async function unreachableNote(deps: UnreachableDeps, t: Translate, agencies: readonly Agency[]): Promise<string> {
  const lines = (await unreachableOfficers(deps, agencies)).map(({ agency, since }) =>
    t("progress-unreachable-row", { agency: escapeHtml(agency.name), since: formatMoment(since, deps.timeZone) }),
  );
  return lines.length ? [t("progress-unreachable"), ...lines].join("\n") : "";
}
