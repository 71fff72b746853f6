import { z } from "zod";
import { projectPath } from "../project-root.js";
import { readDataFile } from "./data-file.js";

export const AGENCY_KINDS = ["province", "ministry"] as const;

const agencySchema = z.object({
  // Ids travel in buttons (Telegram caps their data at 64 bytes): 35 characters at most.
  id: z
    .string()
    .max(35, "ids are 35 characters at most")
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "ids are lowercase ASCII words joined by '-'"),
  kind: z.enum(AGENCY_KINDS),
  name: z.string().min(1),
  /** Other spellings found in the letters ("Long an", "Thành phố Cần Thơ"), matched case- and accent-blind. */
  aliases: z.array(z.string().min(1)).default([]),
});

export const directorySchema = z
  .object({
    version: z.number().int().positive(),
    agencies: z.array(agencySchema).min(1),
  })
  .superRefine((directory, ctx) => {
    const seen = new Set<string>();
    for (const [index, agency] of directory.agencies.entries()) {
      if (seen.has(agency.id)) {
        ctx.addIssue({ code: "custom", path: ["agencies", index, "id"], message: `duplicate id ${agency.id}` });
      }
      seen.add(agency.id);
    }
  });

export type Agency = z.infer<typeof agencySchema>;
export type AgencyKind = Agency["kind"];

export class AgencyDirectory {
  private readonly byId: ReadonlyMap<string, Agency>;
  private readonly byFoldedName: ReadonlyMap<string, Agency>;

  constructor(readonly agencies: readonly Agency[]) {
    this.byId = new Map(agencies.map((agency) => [agency.id, agency]));
    this.byFoldedName = new Map(
      agencies.flatMap((agency) => [agency.name, ...agency.aliases].map((name) => [foldName(name), agency] as const)),
    );
  }

  get(id: string): Agency | undefined {
    return this.byId.get(id);
  }

  /** Finds an agency by id or by a printed name in any of its spellings. */
  find(idOrName: string): Agency | undefined {
    return this.byId.get(idOrName) ?? this.byFoldedName.get(foldName(idOrName));
  }

  ofKind(kind: AgencyKind): Agency[] {
    return this.agencies.filter((agency) => agency.kind === kind);
  }
}

/** "Thành phố Hồ Chí Minh" and "thanh pho ho chi minh" fold to the same key. */
export function foldName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export const DEFAULT_AGENCIES_FILE = projectPath("flows", "agencies.json");

export class DirectoryError extends Error {}

/** Loads and checks a directory file; a bad file stops start-up with the reason. */
export function loadAgencyDirectory(file: string = DEFAULT_AGENCIES_FILE): AgencyDirectory {
  const data = readDataFile(file, directorySchema, "the agency directory", (message) => new DirectoryError(message));
  return new AgencyDirectory(data.agencies);
}
