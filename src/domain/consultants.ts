import { z } from "zod";
import { projectPath } from "../project-root.js";
import type { AgencyDirectory } from "./agencies.js";
import { readDataFile } from "./data-file.js";
import { normalizePhone } from "./phone.js";

/**
 * The consultants of letter 8402 and the provinces each one helps. Names and phones are kept
 * as printed; a phone that is not a valid Vietnamese number is reported as suspect when the
 * file is loaded, never corrected.
 */

const consultantSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "ids are lowercase ASCII words joined by '-', made from the name"),
  name: z.string().min(1),
  phone: z.string().min(1),
  provinces: z.array(z.string()).default([]),
});

const fileSchema = z.object({
  version: z.number().int().positive(),
  source: z.string().optional(),
  consultants: z.array(consultantSchema),
});

export type Consultant = z.infer<typeof consultantSchema> & { phoneSuspect: boolean };

export class ConsultantsError extends Error {}

export class ConsultantDirectory {
  private readonly byId: ReadonlyMap<string, Consultant>;
  private readonly byProvince: ReadonlyMap<string, Consultant>;

  constructor(
    readonly consultants: readonly Consultant[],
    /**
     * A province of today's map → the provinces it took in, in the decision's order (the agency
     * directory's `predecessors`): its consultant is the first of theirs the file names.
     */
    private readonly predecessors: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    this.byId = new Map(consultants.map((consultant) => [consultant.id, consultant]));
    this.byProvince = new Map(consultants.flatMap((consultant) => consultant.provinces.map((province) => [province, consultant] as const)));
  }

  get(id: string): Consultant | undefined {
    return this.byId.get(id);
  }

  /**
   * The consultant the letter assigns to a province, before any change the secretariat made: for a
   * province of today's map, that of the first province it took in that has one.
   */
  ofProvince(provinceId: string): Consultant | undefined {
    const taken = this.predecessors.get(provinceId);
    if (!taken) return this.byProvince.get(provinceId);
    for (const predecessor of taken) {
      const consultant = this.byProvince.get(predecessor);
      if (consultant) return consultant;
    }
    return undefined;
  }

  /** The consultant the file names for a province id as the letter wrote it (a province of the letters' map). */
  ofListedProvince(provinceId: string): Consultant | undefined {
    return this.byProvince.get(provinceId);
  }

  get suspects(): Consultant[] {
    return this.consultants.filter((consultant) => consultant.phoneSuspect);
  }
}

export const DEFAULT_CONSULTANTS_FILE = projectPath("flows", "consultants.json");

/**
 * Loads and checks the file against the agency directory: every province known (a province of the
 * directory, or one a province of it took in: the letter's list stays as printed when the map
 * changes), none given twice.
 */
export function loadConsultants(agencies: AgencyDirectory, file: string = DEFAULT_CONSULTANTS_FILE): ConsultantDirectory {
  const data = readDataFile(file, fileSchema, "the consultants file", (message) => new ConsultantsError(message));
  const seenIds = new Set<string>();
  const assigned = new Map<string, string>();
  for (const consultant of data.consultants) {
    if (seenIds.has(consultant.id)) throw new ConsultantsError(`${file}: consultant id ${consultant.id} appears twice`);
    seenIds.add(consultant.id);
    for (const province of consultant.provinces) {
      const agency = agencies.successorOf(province);
      if (agency?.kind !== "province")
        throw new ConsultantsError(`${file}: ${consultant.id} lists "${province}", which is not a province id of the directory`);
      const other = assigned.get(province);
      if (other) throw new ConsultantsError(`${file}: province ${province} is given to both ${other} and ${consultant.id}`);
      assigned.set(province, consultant.id);
    }
  }
  const links = new Map(
    agencies.agencies.flatMap((agency) =>
      agency.kind === "province" && agency.predecessors ? [[agency.id, agency.predecessors] as const] : [],
    ),
  );
  return new ConsultantDirectory(
    data.consultants.map((consultant) => ({ ...consultant, phoneSuspect: normalizePhone(consultant.phone) === undefined })),
    links,
  );
}
