import { z } from "zod";
import { projectPath } from "../project-root.js";
import { readDataFile } from "./data-file.js";

export const AGENCY_KINDS = ["province", "ministry"] as const;

// Ids travel in buttons (Telegram caps their data at 64 bytes): 35 characters at most.
const idSchema = z
  .string()
  .max(35, "ids are 35 characters at most")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "ids are lowercase ASCII words joined by '-'");

const agencySchema = z.object({
  id: idSchema,
  kind: z.enum(AGENCY_KINDS),
  name: z.string().min(1),
  /** Other spellings found in the letters ("Long an", "Thành phố Cần Thơ"), matched case- and accent-blind. */
  aliases: z.array(z.string().min(1)).default([]),
  /**
   * In a directory that replaces another (today's map, flows/agencies-2025.json): the ids, in the
   * directory before it, of the agencies this one took in, in the order the decision lists them
   * (its own id among them when it kept it). Members, reports, history and questions of those
   * follow to this one (`npm run cli -- agencies migrate`); consultants and groups follow the link.
   */
  predecessors: z.array(idSchema).min(1).optional(),
  /** Agencies this one took only some functions of: for the reader; nothing follows them. */
  partsOf: z.array(idSchema).optional(),
  /** A city under the central government (thành phố trực thuộc Trung ương). */
  centralCity: z.boolean().optional(),
  note: z.string().optional(),
});

/** What a directory rests on: one fact, where it comes from, and how sure its author is. */
const basisSchema = z.object({ fact: z.string().min(1), source: z.string().min(1), certainty: z.string().min(1) }).strict();

export const directorySchema = z
  .object({
    version: z.number().int().positive(),
    /** Which map of the country this is ("2025"); the letters' directory says none. */
    map: z.string().optional(),
    source: z.string().optional(),
    basis: z.array(basisSchema).optional(),
    agencies: z.array(agencySchema).min(1),
  })
  .superRefine((directory, ctx) => {
    const seen = new Set<string>();
    const takenBy = new Map<string, string>();
    for (const [index, agency] of directory.agencies.entries()) {
      if (seen.has(agency.id)) {
        ctx.addIssue({ code: "custom", path: ["agencies", index, "id"], message: `duplicate id ${agency.id}` });
      }
      seen.add(agency.id);
      for (const predecessor of agency.predecessors ?? []) {
        const other = takenBy.get(predecessor);
        if (other)
          ctx.addIssue({
            code: "custom",
            path: ["agencies", index, "predecessors"],
            message: `${predecessor} is taken in by both ${other} and ${agency.id}`,
          });
        takenBy.set(predecessor, agency.id);
      }
    }
  });

export type Agency = z.infer<typeof agencySchema>;
export type AgencyKind = Agency["kind"];

export class AgencyDirectory {
  private readonly byId: ReadonlyMap<string, Agency>;
  private readonly byFoldedName: ReadonlyMap<string, Agency>;
  private readonly byPredecessor: ReadonlyMap<string, Agency>;

  constructor(
    readonly agencies: readonly Agency[],
    /** Which map this is ("2025"), when the file says. */
    readonly map?: string,
  ) {
    this.byId = new Map(agencies.map((agency) => [agency.id, agency]));
    this.byPredecessor = new Map(agencies.flatMap((agency) => (agency.predecessors ?? []).map((id) => [id, agency] as const)));
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

  /** Whether any agency says which agencies of an earlier directory it took in. */
  get linked(): boolean {
    return this.byPredecessor.size > 0;
  }

  /**
   * The agency an id stands for now: itself when the directory has it, else the one that took it
   * in (a province of the letters' map merged in 2025); undefined when neither.
   */
  successorOf(id: string): Agency | undefined {
    return this.byId.get(id) ?? this.byPredecessor.get(id);
  }

  /** The agencies of the earlier directory an agency took in, in the decision's order: itself alone when it says none. */
  predecessorsOf(id: string): readonly string[] {
    return this.byId.get(id)?.predecessors ?? [id];
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
/** Today's map: 34 provinces from 1 July 2025, the ministries as restructured in March 2025, each linked to those it took in. */
export const AGENCIES_2025_FILE = projectPath("flows", "agencies-2025.json");

export class DirectoryError extends Error {}

/** Loads and checks a directory file; a bad file stops start-up with the reason. */
export function loadAgencyDirectory(file: string = DEFAULT_AGENCIES_FILE): AgencyDirectory {
  const data = readDataFile(file, directorySchema, "the agency directory", (message) => new DirectoryError(message));
  return new AgencyDirectory(data.agencies, data.map);
}
