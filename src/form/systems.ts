import { foldName } from "../domain/agencies.js";
import type { Form, FormNode } from "./schema.js";
import { type AgencyKind, entryName, entryScope, listedEntries, type ResponseState, type StoredAnswer } from "./slots.js";

/**
 * A system listed in several rows (1, 4.1–4.3) under one name is one system for the blocks asked
 * once per system (row 5): its answers there are kept under its first entry (`entriesOf`). A
 * rename changes which entries are one system, so it says where those answers go:
 *
 * - the entries still bearing a system's name keep its answers (a rename that leaves a system,
 *   "not the same system", takes none with it: row 5 is asked for it afresh);
 * - a system renamed as a whole (one entry alone, or every entry of it) keeps its answers;
 * - a rename onto the name of another system joins it, silently: the system that already had the
 *   name keeps its answers (the renamed one's, when it had none), the others go into the history.
 */

export interface ListedEntry {
  source: string;
  entryId: string;
}

const keyOf = ({ source, entryId }: ListedEntry) => `${source}#${entryId}`;

/** The blocks asked once per system of a list's entries (row 5 of rows 1 and 4.1–4.3). */
export function eachBlocksOf(form: Form, repeat: string): FormNode[] {
  return form.parts.flatMap((part) => part.nodes).filter((node) => node.kind === "each" && node.of.includes(repeat));
}

/** The entries listed under this name (folded), in the rows asked once per system together with `repeat`. */
export function entriesNamed(form: Form, state: ResponseState, agencyKind: AgencyKind, repeat: string, name: string): ListedEntry[] {
  const system = foldName(name);
  if (!system) return [];
  const found = new Map<string, ListedEntry>();
  for (const each of eachBlocksOf(form, repeat))
    for (const entry of listedEntries(form, each, state, agencyKind))
      if (foldName(entryName(state, entry.source, entry.entryId)) === system) found.set(keyOf(entry), entry);
  return [...found.values()];
}

/** The other entries that are one system with this one: listed elsewhere (or twice) under the same name. */
export function sameSystemAs(form: Form, state: ResponseState, agencyKind: AgencyKind, entry: ListedEntry): ListedEntry[] {
  const name = entryName(state, entry.source, entry.entryId);
  return entriesNamed(form, state, agencyKind, entry.source, name).filter((other) => keyOf(other) !== keyOf(entry));
}

/**
 * The per-system answers a rename moves (see above), as answers to set and paths to remove:
 * `before` and `after` the response without and with the new names of `renamed`.
 */
export function systemAnswerMoves(
  form: Form,
  before: ResponseState,
  after: ResponseState,
  agencyKind: AgencyKind,
  renamed: readonly ListedEntry[],
): { set: Map<string, StoredAnswer>; remove: string[] } {
  const moves = { set: new Map<string, StoredAnswer>(), remove: [] as string[] };
  const renamedKeys = new Set(renamed.map(keyOf));
  const blocks = new Set(renamed.flatMap(({ source }) => eachBlocksOf(form, source)));
  for (const each of blocks) {
    const nameIn = (state: ResponseState, entry: ListedEntry) => foldName(entryName(state, entry.source, entry.entryId));
    const groupsOf = (state: ResponseState) => {
      const groups = new Map<string, ListedEntry[]>();
      for (const entry of listedEntries(form, each, state, agencyKind)) {
        const name = nameIn(state, entry) || `#${keyOf(entry)}`;
        groups.set(name, [...(groups.get(name) ?? []), entry]);
      }
      return groups;
    };
    const beforeGroups = groupsOf(before);
    const afterGroups = groupsOf(after);
    const beforeGroupOf = (entry: ListedEntry) => beforeGroups.get(nameIn(before, entry) || `#${keyOf(entry)}`) ?? [entry];
    const answersOf = (entryId: string) => {
      const prefix = `${entryScope(each.id, entryId)}.`;
      return [...before.answers]
        .filter(([path]) => path.startsWith(prefix))
        .map(([path, answer]) => [path.slice(prefix.length), answer] as const);
    };
    const touched = [...afterGroups.values()].filter((group) =>
      group.some((entry) => renamedKeys.has(keyOf(entry)) || beforeGroupOf(entry).some((old) => renamedKeys.has(keyOf(old)))),
    );
    for (const group of touched) {
      const [holder] = group as [ListedEntry];
      const kept = group.find((entry) => !renamedKeys.has(keyOf(entry)));
      const moved = group.find((entry) => renamedKeys.has(keyOf(entry)));
      // The system that had the name; else the renamed one, when all of it was renamed (not an entry leaving it).
      const candidates = [
        kept && beforeGroupOf(kept)[0],
        moved && beforeGroupOf(moved).every((entry) => renamedKeys.has(keyOf(entry))) ? beforeGroupOf(moved)[0] : undefined,
      ].filter((candidate): candidate is ListedEntry => candidate !== undefined);
      const source = candidates.find((candidate) => answersOf(candidate.entryId).length > 0);
      const wanted = new Map(
        (source ? answersOf(source.entryId) : []).map(([question, answer]) => [
          `${entryScope(each.id, holder.entryId)}.${question}`,
          answer,
        ]),
      );
      for (const entry of group) {
        const prefix = `${entryScope(each.id, entry.entryId)}.`;
        for (const path of after.answers.keys()) if (path.startsWith(prefix) && !wanted.has(path)) moves.remove.push(path);
      }
      for (const [path, answer] of wanted) if (after.answers.get(path) !== answer) moves.set.set(path, answer);
    }
  }
  return moves;
}
