import { z } from "zod";
import { projectPath } from "../project-root.js";
import type { AgencyDirectory } from "./agencies.js";
import { readDataFile } from "./data-file.js";

/**
 * Named groups of agencies the secretariat counts by: the letters count different sets (20
 * ministries in the third reminder, 24 in 452, the 49 provinces of 8402's footnote), and the
 * directory changes as ministries and provinces merge, so the groups are data (flows/groups.json
 * or GROUPS_FILE), checked against the directory.
 */

const groupSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "ids are lowercase ASCII words joined by '-'"),
  name: z.string().min(1),
  /** Where the group comes from: the letter and passage. */
  source: z.string().min(1),
  /** What a reader should know of the list itself (a count the letter gets wrong, a list that contradicts another). */
  note: z.string().optional(),
  agencies: z.array(z.string()).min(1),
});

const groupsSchema = z.object({ version: z.number().int().positive(), groups: z.array(groupSchema) });

export type AgencyGroup = z.infer<typeof groupSchema> & {
  /** Ids of the file that the directory in use knows only as taken in by another (today's map): each with the agency it counts as. */
  followed?: { from: string; to: string }[];
};

export class GroupsError extends Error {}

export class GroupDirectory {
  private readonly byId: ReadonlyMap<string, AgencyGroup>;

  constructor(readonly groups: readonly AgencyGroup[]) {
    this.byId = new Map(groups.map((group) => [group.id, group]));
  }

  get(id: string): AgencyGroup | undefined {
    return this.byId.get(id);
  }
}

export const DEFAULT_GROUPS_FILE = projectPath("flows", "groups.json");

/**
 * Loads the groups and checks them against the directory. With today's map (agencies linked to
 * those they took in), a group written for the letters' map keeps a merged province when any of
 * the provinces it took in was in the group, once; its `source` then says so, since /progress
 * shows it under the counts.
 */
export function loadGroups(directory: AgencyDirectory, file = DEFAULT_GROUPS_FILE): GroupDirectory {
  const data = readDataFile(file, groupsSchema, "the groups file", (message) => new GroupsError(message));
  const seen = new Set<string>();
  const groups: AgencyGroup[] = [];
  for (const group of data.groups) {
    if (seen.has(group.id)) throw new GroupsError(`the groups file ${file}: duplicate group id ${group.id}`);
    seen.add(group.id);
    const unknown = group.agencies.filter((id) => !directory.successorOf(id));
    if (unknown.length) throw new GroupsError(`the groups file ${file}: group ${group.id} names unknown agencies: ${unknown.join(", ")}`);
    const followed = group.agencies.flatMap((id) => {
      const now = directory.successorOf(id);
      return now && now.id !== id ? [{ from: id, to: now.id }] : [];
    });
    if (followed.length === 0) {
      groups.push(group);
      continue;
    }
    const agencies = [...new Set(group.agencies.map((id) => directory.successorOf(id)?.id ?? id))];
    const names = [...new Set(followed.map(({ to }) => directory.get(to)?.name ?? to))];
    groups.push({
      ...group,
      agencies,
      followed,
      source: `${group.source}; theo danh bạ đang dùng, ${group.agencies.length} đơn vị của văn bản thành ${agencies.length}: ${followed.length} đơn vị cũ được tính theo đơn vị mới đã tiếp nhận (${names.join(", ")}), một đơn vị mới thuộc nhóm khi có ít nhất một đơn vị cũ của nó thuộc nhóm`,
    });
  }
  return new GroupDirectory(groups);
}
