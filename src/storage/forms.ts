import { type XlsForm, xlsFormSchema } from "../form/xlsform/model.js";
import type { Redis } from "../redis.js";
import { safeJson } from "./json.js";
import type { Keys } from "./keys.js";

/**
 * Questionnaires imported from XLSForm workbooks, every version kept: a round runs the version
 * that was the latest when it opened, and answers stay readable against the version they were
 * given under.
 */

/** KEYS: the version's key, the versions, the form ids. ARGV: id, version, the form's JSON. */
const IMPORT_SCRIPT = `
local latest = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')[2]
if latest and tonumber(latest) >= tonumber(ARGV[2]) then
  if tonumber(latest) == tonumber(ARGV[2]) and redis.call('GET', KEYS[1]) == ARGV[3] then return 'same' end
  return 'older:' .. latest
end
redis.call('SET', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[1])
return 'imported'
`;

export type ImportOutcome = { kind: "imported" } | { kind: "same" } | { kind: "older"; latest: number };

export class FormStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Keeps a new version; refused when it is not newer than the latest (the same workbook again is "same"). */
  async import(form: XlsForm): Promise<ImportOutcome> {
    const outcome = String(
      await this.redis.eval(
        IMPORT_SCRIPT,
        3,
        this.keys.importedForm(form.id, form.version),
        this.keys.formVersions(form.id),
        this.keys.importedForms,
        form.id,
        String(form.version),
        JSON.stringify(form),
      ),
    );
    if (outcome.startsWith("older:")) return { kind: "older", latest: Number(outcome.slice("older:".length)) };
    return outcome === "same" ? { kind: "same" } : { kind: "imported" };
  }

  /** One version, or the latest; undefined when there is none (or it no longer reads as a form). */
  async get(id: string, version?: number): Promise<XlsForm | undefined> {
    const wanted = version ?? Number((await this.redis.zrange(this.keys.formVersions(id), "-1", "-1"))[0]);
    if (!Number.isFinite(wanted)) return undefined;
    const raw = await this.redis.get(this.keys.importedForm(id, wanted));
    const parsed = raw ? xlsFormSchema.safeParse(safeJson(raw)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  }

  /** Every imported form with its versions, oldest first, by id. */
  async list(): Promise<{ id: string; title: string; versions: number[] }[]> {
    const ids = (await this.redis.smembers(this.keys.importedForms)).sort();
    return Promise.all(
      ids.map(async (id) => {
        const versions = (await this.redis.zrange(this.keys.formVersions(id), "0", "-1")).map(Number);
        return { id, title: (await this.get(id))?.title ?? id, versions };
      }),
    );
  }
}
