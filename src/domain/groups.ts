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
  agencies: z.array(z.string()).min(1),
});

const groupsSchema = z.object({ version: z.number().int().positive(), groups: z.array(groupSchema) });

export type AgencyGroup = z.infer<typeof groupSchema>;

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

export function loadGroups(directory: AgencyDirectory, file = DEFAULT_GROUPS_FILE): GroupDirectory {
  const data = readDataFile(file, groupsSchema, "the groups file", (message) => new GroupsError(message));
  const seen = new Set<string>();
  for (const group of data.groups) {
    if (seen.has(group.id)) throw new GroupsError(`the groups file ${file}: duplicate group id ${group.id}`);
    seen.add(group.id);
    const unknown = group.agencies.filter((id) => !directory.get(id));
    if (unknown.length) throw new GroupsError(`the groups file ${file}: group ${group.id} names unknown agencies: ${unknown.join(", ")}`);
  }
  return new GroupDirectory(data.groups);
}
