import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { MemberId } from "../channels/address.js";
import type { Deps } from "../deps.js";
import { roundWorkbook } from "../desk/reports.js";
import { XLSX_TYPE } from "../desk/request.js";
import type { Round } from "../domain/rounds.js";

/**
 * A consolidated workbook built in the background of the process that was asked, its state kept
 * in Redis (`export-job:<id>`) so that any process behind a proxy shows how far it is, and the
 * finished file kept with the attachments for as long as the job is. A job whose process stopped
 * (no word from it for a while) shows as failed, to be started again.
 */

/** A job and its file are kept a day. */
export const EXPORT_JOB_SECONDS = 24 * 60 * 60;
/** Progress is written at most this often. */
const WRITE_EVERY_MS = 250;
/** A running job that has not moved for this long has lost its process. */
const STALE_MS = 60_000;

export const JOB_ID_PATTERN = "[0-9a-f]{16}";

export type ExportJobStatus = "running" | "done" | "failed";

export interface ExportJob {
  id: string;
  roundId: string;
  by: MemberId;
  status: ExportJobStatus;
  done: number;
  total: number;
  /** The finished workbook, an attachment reference. */
  file: string | undefined;
  startedAt: number;
  updatedAt: number;
}

const jobSchema = z.object({
  roundId: z.string(),
  by: z.string(),
  status: z.enum(["running", "done", "failed"]),
  done: z.coerce.number().int().nonnegative(),
  total: z.coerce.number().int().nonnegative(),
  file: z.string().optional(),
  startedAt: z.coerce.number(),
  updatedAt: z.coerce.number(),
});

export async function exportJob(deps: Deps, id: string): Promise<ExportJob | undefined> {
  if (!new RegExp(`^${JOB_ID_PATTERN}$`).test(id)) return undefined;
  const parsed = jobSchema.safeParse(await deps.redis.hgetall(deps.keys.exportJob(id)));
  if (!parsed.success) return undefined;
  const job = { id, ...parsed.data, file: parsed.data.file };
  // Measured by the wall clock, as updatedAt is written: the bot's clock may be moved in the demo.
  return job.status === "running" && Date.now() - job.updatedAt > STALE_MS ? { ...job, status: "failed" } : job;
}

/** Starts building the round's workbook in the background; returns the job's id at once. */
export async function startExportJob(deps: Deps, round: Round, by: MemberId): Promise<string> {
  const id = randomBytes(8).toString("hex");
  const key = deps.keys.exportJob(id);
  const total = deps.rounds.agenciesOf(round).length;
  const now = Date.now();
  await deps.redis
    .multi()
    .hset(key, { roundId: round.id, by, status: "running", done: 0, total, startedAt: now, updatedAt: now })
    .expire(key, EXPORT_JOB_SECONDS)
    .exec();

  let written = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const progress = (done: number, of: number) => {
    const at = Date.now();
    if (at - written < WRITE_EVERY_MS) return;
    written = at;
    writing = writing.then(() => deps.redis.hset(key, { done, total: of, updatedAt: at })).catch(() => undefined);
  };
  const build = async () => {
    try {
      const bytes = await roundWorkbook(deps, round, progress, await deps.members.get(by));
      await deps.accessLog.record({ by, what: "export", round: round.id, detail: "xlsx" }, deps.now());
      const file = await deps.attachments.put(bytes, XLSX_TYPE, EXPORT_JOB_SECONDS);
      await writing;
      await deps.redis.hset(key, { status: "done", done: total, file, updatedAt: Date.now() });
      deps.logger.info({ job: id, round: round.id, agencies: total, bytes: bytes.length, ms: Date.now() - now }, "console workbook built");
    } catch (error) {
      await writing;
      await deps.redis.hset(key, { status: "failed", updatedAt: Date.now() });
      throw error;
    }
  };
  deps.background.run("console workbook", build());
  return id;
}
