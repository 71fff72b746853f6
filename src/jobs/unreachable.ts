import type { Agency } from "../domain/agencies.js";
import type { Logger } from "../logger.js";
import type { Redis } from "../redis.js";
import { formatMoment } from "../services/announcements.js";
import type { Keys } from "../storage/keys.js";
import type { MemberStore } from "../storage/members.js";
import { escapeHtml, type Translate } from "../views.js";
import { WaitingMessages } from "./outbox.js";

/**
 * The lines a round's progress adds for officers of its agencies whom no messenger may reach now
 * (Zalo OA's window closed, no other address): their messages wait for them, since when. Empty
 * when there are none, so a progress without the OA reads as before.
 */
export async function unreachableNote(
  deps: { redis: Redis; keys: Keys; logger: Logger; members: Pick<MemberStore, "get">; timeZone: string },
  t: Translate,
  agencies: Agency[],
): Promise<string> {
  const names = new Map(agencies.map((agency) => [agency.id, agency.name]));
  const lines: string[] = [];
  for (const { memberId, since } of await new WaitingMessages(deps.redis, deps.keys, deps.logger).members()) {
    const binding = (await deps.members.get(memberId))?.binding;
    const agency = binding?.role === "officer" ? names.get(binding.agencyId) : undefined;
    if (agency) lines.push(t("progress-unreachable-row", { agency: escapeHtml(agency), since: formatMoment(since, deps.timeZone) }));
  }
  return lines.length ? [t("progress-unreachable"), ...lines].join("\n") : "";
}
