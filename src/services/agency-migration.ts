import type { AgencyDirectory } from "../domain/agencies.js";
import { type Target, targetSchema } from "../domain/rounds.js";
import type { Redis } from "../redis.js";
import type { Keys } from "../storage/keys.js";
import { STANDING_ROUND } from "./active-round.js";

/**
 * Moving a deployment from one agency directory to another (the letters' 63 provinces to today's
 * 34, `npm run cli -- agencies migrate --to flows/agencies-2025.json`): every agency of the old
 * directory is taken in by exactly one of the new (its `predecessors`, or the same id), and what
 * Redis keeps under the old ids follows:
 *
 * - officers: their member record's agency, and the agency's member set;
 * - reports, in every round (open or closed, and the standing round): when one agency it took in
 *   has a report, that report becomes the new agency's, history and all. When several have, the
 *   most complete is kept as the new agency's report (submitted before reopened before draft, then
 *   the most answers, then the first in the decision's order), and each other one is kept whole,
 *   with its history, under `merged-response:<round>:<new>:<old>`; the kept report's history says
 *   which it was and where the others are (`@merged`). Answers of two provinces are never mixed:
 *   each was given for its own province. The officers of the others find the kept report on /start
 *   (their place in a form that is now history is forgotten);
 * - questions (tickets): their agency;
 * - open invites for an old agency: they bind to the new one;
 * - rounds that target a list of agencies: the list, each old id by the agency that took it in.
 *
 * Nothing is written before every key it would change is read into a backup (JSON, a file the
 * command names), and the writes are one transaction that fails if any of those keys moved since
 * the backup. `--undo <file>` puts every key back exactly as the backup has it.
 */

export interface MigrationProblem {
  problem: string;
}

export interface ResponseMove {
  roundId: string;
  to: string;
  /** The predecessor whose report becomes the new agency's; undefined when none had one. */
  kept: { from: string; status: string; answers: number } | undefined;
  /** The other predecessors' reports, kept as history. */
  others: { from: string; status: string; answers: number; key: string }[];
}

export interface MigrationPlan {
  /** Old id → the new agency that takes it in. */
  links: Map<string, string>;
  problems: string[];
  members: { memberId: string; from: string; to: string }[];
  memberSets: { from: string; to: string; count: number }[];
  responses: ResponseMove[];
  tickets: { id: number; from: string; to: string }[];
  invites: { key: string; from: string; to: string }[];
  rounds: { id: string; before: Target; after: Target }[];
  /** Officers' places in a report that is now history: forgotten. */
  cursors: string[];
  /** Every key the migration writes or deletes. */
  keys: string[];
}

type Dumped =
  | { type: "string"; value: string; pttl: number }
  | { type: "hash"; value: Record<string, string>; pttl: number }
  | { type: "set"; value: string[]; pttl: number }
  | { type: "list"; value: string[]; pttl: number }
  | { type: "zset"; value: [string, string][]; pttl: number };

/** What `agencies migrate` writes before it changes anything: every key it changes, as it was (null: it did not exist). */
export interface MigrationBackup {
  kind: "agencies-migrate-backup";
  version: 1;
  prefix: string;
  createdAt: number;
  from: string;
  to: string;
  keys: Record<string, Dumped | null>;
}

const STATUS_RANK: Record<string, number> = { submitted: 3, reopened: 2, draft: 1 };

/** Each old id → the new agency that takes it in: its predecessors, or the same id when it lists none. */
function linksOf(from: AgencyDirectory, to: AgencyDirectory): { links: Map<string, string>; problems: string[] } {
  const links = new Map<string, string>();
  const problems: string[] = [];
  for (const agency of to.agencies) {
    const taken = agency.predecessors ?? (from.get(agency.id) ? [agency.id] : []);
    for (const old of taken) {
      const before = from.get(old);
      if (!before) {
        problems.push(`${agency.id} takes in ${old}, which the directory in use does not have (migrated already?)`);
        continue;
      }
      if (before.kind !== agency.kind) problems.push(`${agency.id} (${agency.kind}) takes in ${old}, a ${before.kind}`);
      links.set(old, agency.id);
    }
  }
  for (const agency of from.agencies)
    if (!links.has(agency.id))
      problems.push(`${agency.id} (${agency.name}) is taken in by no agency of the new directory: its data would have nowhere to go`);
  return { links, problems };
}

async function scanMembers(redis: Redis, keys: Keys): Promise<{ id: string; role: string | null; agencyId: string | null }[]> {
  const ids = await redis.smembers(keys.allMembers);
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hmget(keys.member(id), "role", "agencyId");
  const rows = (await pipeline.exec()) ?? [];
  return ids.map((id, index) => {
    const [role, agencyId] = (rows[index]?.[1] as (string | null)[] | undefined) ?? [null, null];
    return { id, role: role ?? null, agencyId: agencyId ?? null };
  });
}

async function responseSummary(redis: Redis, key: string): Promise<{ status: string; answers: number } | undefined> {
  const hash = await redis.hgetall(key);
  if (Object.keys(hash).length === 0) return undefined;
  let answers = 0;
  for (const [field, value] of Object.entries(hash)) {
    if (!field.startsWith("a:")) continue;
    try {
      if ((JSON.parse(value) as { v?: unknown }).v !== null) answers += 1;
    } catch {
      // A field that fails its check counts for nothing here; it moves all the same.
    }
  }
  return { status: hash["m:status"] ?? "draft", answers };
}

/** What a migration from `from` to `to` would change in Redis; writes nothing. */
export async function planMigration(redis: Redis, keys: Keys, from: AgencyDirectory, to: AgencyDirectory): Promise<MigrationPlan> {
  const { links, problems } = linksOf(from, to);
  const moved = (old: string) => {
    const now = links.get(old);
    return now !== undefined && now !== old ? now : undefined;
  };
  const plan: MigrationPlan = {
    links,
    problems,
    members: [],
    memberSets: [],
    responses: [],
    tickets: [],
    invites: [],
    rounds: [],
    cursors: [],
    keys: [],
  };
  if (problems.length) return plan;
  const touched = new Set<string>();
  const touch = (...names: string[]) => {
    for (const name of names) touched.add(name);
  };

  // Officers and the agencies' member sets.
  const members = await scanMembers(redis, keys);
  for (const member of members) {
    const now = member.role === "officer" && member.agencyId ? moved(member.agencyId) : undefined;
    if (member.agencyId && now) {
      plan.members.push({ memberId: member.id, from: member.agencyId, to: now });
      touch(keys.member(member.id));
    }
  }
  for (const [old, now] of links) {
    if (old === now) continue;
    const count = await redis.scard(keys.agencyMembers(old));
    if (count > 0) {
      plan.memberSets.push({ from: old, to: now, count });
      touch(keys.agencyMembers(old), keys.agencyMembers(now));
    }
  }

  // Reports, round by round: every round, and the standing one.
  const roundIds = [...new Set([STANDING_ROUND.id, ...(await redis.zrange(keys.rounds, "0", "-1"))])];
  const byNew = new Map<string, string[]>();
  for (const [old, now] of links) byNew.set(now, [...(byNew.get(now) ?? []), old]);
  const movedOfficers = new Map<string, string[]>();
  for (const member of plan.members) movedOfficers.set(member.from, [...(movedOfficers.get(member.from) ?? []), member.memberId]);
  for (const roundId of roundIds) {
    let changed = false;
    for (const [now, olds] of byNew) {
      if (olds.length === 1 && olds[0] === now) continue;
      const found: { from: string; status: string; answers: number; order: number }[] = [];
      for (const [order, old] of olds.entries()) {
        const summary = await responseSummary(redis, keys.response(roundId, old));
        if (summary) found.push({ from: old, ...summary, order });
      }
      if (found.length === 0) continue;
      const [kept, ...others] = [...found].sort(
        (a, b) => (STATUS_RANK[b.status] ?? 0) - (STATUS_RANK[a.status] ?? 0) || b.answers - a.answers || a.order - b.order,
      );
      if (!kept || (kept.from === now && others.length === 0)) continue;
      changed = true;
      plan.responses.push({
        roundId,
        to: now,
        kept: { from: kept.from, status: kept.status, answers: kept.answers },
        others: others.map(({ from: old, status, answers }) => ({
          from: old,
          status,
          answers,
          key: keys.mergedResponse(roundId, now, old),
        })),
      });
      touch(keys.response(roundId, now), keys.responseHistory(roundId, now));
      for (const { from: old } of found)
        touch(
          keys.response(roundId, old),
          keys.responseHistory(roundId, old),
          keys.mergedResponse(roundId, now, old),
          keys.mergedResponseHistory(roundId, now, old),
        );
      // The officers of a report now kept as history lose their place in it (found again on /start).
      const stale = [...olds.filter((old) => old !== kept.from)];
      for (const old of stale) {
        const ids = [...(movedOfficers.get(old) ?? []), ...(old === now ? await redis.smembers(keys.agencyMembers(now)) : [])];
        for (const id of ids) {
          const cursor = keys.cursor(roundId, id);
          if (!touched.has(cursor) && (await redis.exists(cursor))) {
            plan.cursors.push(cursor);
            touch(cursor);
          }
        }
      }
    }
    if (changed) touch(keys.roundChanges(roundId));
  }

  // Questions.
  const lastTicket = Number((await redis.get(keys.ticketSeq)) ?? 0);
  for (let start = 1; start <= lastTicket; start += 2_000) {
    const pipeline = redis.pipeline();
    const ids = Array.from({ length: Math.min(2_000, lastTicket - start + 1) }, (_, index) => start + index);
    for (const id of ids) pipeline.hget(keys.ticket(id), "agencyId");
    const rows = (await pipeline.exec()) ?? [];
    ids.forEach((id, index) => {
      const agencyId = rows[index]?.[1] as string | null | undefined;
      const now = agencyId ? moved(agencyId) : undefined;
      if (agencyId && now) {
        plan.tickets.push({ id, from: agencyId, to: now });
        touch(keys.ticket(id));
      }
    });
  }

  // Invites not used yet.
  for (const hash of await redis.zrange(keys.openInvites, "0", "-1")) {
    const agencyId = await redis.hget(keys.invite(hash), "agencyId");
    const now = agencyId ? moved(agencyId) : undefined;
    if (agencyId && now) {
      plan.invites.push({ key: hash, from: agencyId, to: now });
      touch(keys.invite(hash));
    }
  }

  // Rounds that name their agencies.
  for (const roundId of roundIds) {
    const text = await redis.hget(keys.round(roundId), "targets");
    if (!text) continue;
    const parsed = targetSchema.safeParse(JSON.parse(text));
    if (!parsed.success || parsed.data.kind !== "list") continue;
    const before = parsed.data;
    const after: Target = { kind: "list", agencies: [...new Set(before.agencies.map((id) => links.get(id) ?? id))] };
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      plan.rounds.push({ id: roundId, before, after });
      touch(keys.round(roundId), keys.roundsVersion);
    }
  }
  plan.keys = [...touched].sort();
  return plan;
}

/** A key as it is now, to put back exactly: its type, value and time to live (-1: none). */
async function dump(redis: Redis, key: string): Promise<Dumped | null> {
  const type = await redis.type(key);
  const pttl = await redis.pttl(key);
  switch (type) {
    case "none":
      return null;
    case "string":
      return { type, value: (await redis.get(key)) ?? "", pttl };
    case "hash":
      return { type, value: await redis.hgetall(key), pttl };
    case "set":
      return { type, value: (await redis.smembers(key)).sort(), pttl };
    case "list":
      return { type, value: await redis.lrange(key, 0, -1), pttl };
    case "zset": {
      const value: [string, string][] = [];
      for (const member of await redis.zrange(key, "0", "-1")) value.push([member, String(await redis.zscore(key, member))]);
      return { type, value, pttl };
    }
    default:
      throw new Error(`cannot back up ${key}: a ${type}`);
  }
}

/** Every key the plan changes, as it is now. */
export async function backupOf(
  redis: Redis,
  plan: MigrationPlan,
  meta: Omit<MigrationBackup, "kind" | "version" | "keys">,
): Promise<MigrationBackup> {
  const keys: Record<string, Dumped | null> = {};
  for (const key of plan.keys) keys[key] = await dump(redis, key);
  return { kind: "agencies-migrate-backup", version: 1, ...meta, keys };
}

/**
 * Applies a plan in one transaction, only if none of its keys changed since `watch` (called before
 * the backup was read). Returns false when something moved meanwhile: nothing was written.
 */
export async function applyMigration(
  redis: Redis,
  keys: Keys,
  plan: MigrationPlan,
  by: string,
  now: number,
  watching: Redis,
): Promise<boolean> {
  const transaction = watching.multi();
  for (const { memberId, to } of plan.members) transaction.hset(keys.member(memberId), "agencyId", to);
  const sets = new Map<string, string[]>();
  for (const { from, to } of plan.memberSets) sets.set(to, [...(sets.get(to) ?? []), from]);
  for (const [to, froms] of sets) {
    const union = new Set(await redis.smembers(keys.agencyMembers(to)));
    for (const from of froms) for (const id of await redis.smembers(keys.agencyMembers(from))) union.add(id);
    for (const from of froms) transaction.del(keys.agencyMembers(from));
    if (union.size) transaction.sadd(keys.agencyMembers(to), ...union);
  }
  for (const move of plan.responses) {
    const { roundId, to, kept, others } = move;
    if (!kept) continue;
    // Each report kept as history first (the new agency's own among them, when another was more complete), then the one kept.
    for (const other of others) {
      transaction.rename(keys.response(roundId, other.from), keys.mergedResponse(roundId, to, other.from));
      if (await redis.exists(keys.responseHistory(roundId, other.from)))
        transaction.rename(keys.responseHistory(roundId, other.from), keys.mergedResponseHistory(roundId, to, other.from));
    }
    if (kept.from !== to) {
      transaction.rename(keys.response(roundId, kept.from), keys.response(roundId, to));
      if (await redis.exists(keys.responseHistory(roundId, kept.from)))
        transaction.rename(keys.responseHistory(roundId, kept.from), keys.responseHistory(roundId, to));
    }
    transaction.rpush(
      keys.responseHistory(roundId, to),
      JSON.stringify({
        path: "@merged",
        old: null,
        new: { kept: kept.from, others: others.map(({ from, key }) => ({ from, key })) },
        by,
        at: now,
      }),
    );
    transaction.incr(keys.roundChanges(roundId));
  }
  for (const { id, to } of plan.tickets) transaction.hset(keys.ticket(id), "agencyId", to);
  for (const { key, to } of plan.invites) transaction.hset(keys.invite(key), "agencyId", to);
  for (const { id, after } of plan.rounds) transaction.hset(keys.round(id), "targets", JSON.stringify(after));
  if (plan.rounds.length) transaction.incr(keys.roundsVersion);
  for (const cursor of plan.cursors) transaction.del(cursor);
  const result = await transaction.exec();
  if (result === null) return false;
  const failed = result.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
  return true;
}

/** Puts back every key of a backup exactly: its value, type and time to live; a key that did not exist is deleted. */
export async function undoMigration(redis: Redis, backup: MigrationBackup): Promise<number> {
  const transaction = redis.multi();
  for (const [key, dumped] of Object.entries(backup.keys)) {
    transaction.del(key);
    if (!dumped) continue;
    switch (dumped.type) {
      case "string":
        transaction.set(key, dumped.value);
        break;
      case "hash":
        if (Object.keys(dumped.value).length) transaction.hset(key, dumped.value);
        break;
      case "set":
        if (dumped.value.length) transaction.sadd(key, ...dumped.value);
        break;
      case "list":
        if (dumped.value.length) transaction.rpush(key, ...dumped.value);
        break;
      case "zset":
        for (const [member, score] of dumped.value) transaction.zadd(key, score, member);
        break;
    }
    if (dumped.pttl > 0) transaction.pexpire(key, dumped.pttl);
  }
  const result = await transaction.exec();
  const failed = result?.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
  return Object.keys(backup.keys).length;
}

/** The plan in words, for the dry run and before applying. */
export function describePlan(plan: MigrationPlan, from: AgencyDirectory, to: AgencyDirectory): string[] {
  const name = (directory: AgencyDirectory, id: string) => directory.get(id)?.name ?? id;
  const lines: string[] = [];
  const merged = to.agencies.filter((agency) => {
    const olds = [...plan.links].filter(([, now]) => now === agency.id).map(([old]) => old);
    return olds.length !== 1 || olds[0] !== agency.id;
  });
  lines.push(`Agencies that take others in (${merged.length}):`);
  for (const agency of merged) {
    const olds = [...plan.links].filter(([, now]) => now === agency.id).map(([old]) => `${old} (${name(from, old)})`);
    lines.push(`  ${agency.id} (${agency.name}) ← ${olds.length ? olds.join(", ") : "none: a new agency"}`);
  }
  lines.push(`Officers whose agency changes: ${plan.members.length}`);
  for (const member of plan.members) lines.push(`  member ${member.memberId}: ${member.from} → ${member.to}`);
  lines.push(`Agency member lists merged: ${plan.memberSets.length}`);
  for (const set of plan.memberSets) lines.push(`  agency-members:${set.from} (${set.count}) → agency-members:${set.to}`);
  lines.push(`Reports that follow (every round, open or closed): ${plan.responses.length}`);
  for (const move of plan.responses) {
    const kept = move.kept ? `${move.kept.from}'s (${move.kept.status}, ${move.kept.answers} answers) becomes the report` : "";
    const others = move.others.map(
      (other) => `${other.from}'s (${other.status}, ${other.answers} answers) kept as history in ${other.key}`,
    );
    lines.push(`  round ${move.roundId}, ${move.to}: ${[kept, ...others].filter(Boolean).join("; ")}`);
  }
  lines.push(`Questions (tickets) whose agency changes: ${plan.tickets.length}`);
  for (const ticket of plan.tickets) lines.push(`  #${ticket.id}: ${ticket.from} → ${ticket.to}`);
  lines.push(`Open invites that bind to the new agency: ${plan.invites.length}`);
  for (const invite of plan.invites) lines.push(`  …${invite.key.slice(-6)}: ${invite.from} → ${invite.to}`);
  lines.push(`Rounds whose list of agencies changes: ${plan.rounds.length}`);
  for (const round of plan.rounds)
    lines.push(
      `  ${round.id}: ${round.before.kind === "list" ? round.before.agencies.length : 0} → ${round.after.kind === "list" ? round.after.agencies.length : 0} agencies`,
    );
  if (plan.cursors.length) lines.push(`Places in a report now kept as history, forgotten (found again on /start): ${plan.cursors.length}`);
  lines.push(`Keys changed: ${plan.keys.length}`);
  return lines;
}

export function isBackup(value: unknown): value is MigrationBackup {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { kind?: unknown }).kind === "agencies-migrate-backup" &&
    typeof (value as { keys?: unknown }).keys === "object"
  );
}
