import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { type AgencyDirectory, loadAgencyDirectory } from "./domain/agencies.js";
import type { Redis } from "./redis.js";
import { applyMigration, backupOf, describePlan, isBackup, planMigration, undoMigration } from "./services/agency-migration.js";
import type { Keys } from "./storage/keys.js";

/**
 * `npm run cli -- agencies migrate --to <file> [--dry-run] [--backup <file>]` and
 * `agencies migrate --undo <backup file>`: the command around src/services/agency-migration.ts.
 * The bot should be stopped while it runs, and started again with AGENCIES_FILE naming the new
 * directory (or the old one after --undo).
 */

export interface MigrateCommand {
  redis: Redis;
  /** A second connection, for WATCH: the transaction fails if a key moved after the backup was read. */
  watching: Redis;
  keys: Keys;
  prefix: string;
  /** The directory in use (AGENCIES_FILE), and its file. */
  from: AgencyDirectory;
  fromFile: string | undefined;
  by: string;
  now: number;
  print: (line: string) => void;
}

export class MigrateError extends Error {}

const backupName = (now: number) => `.data/migrations/agencies-${new Date(now).toISOString().replace(/[:.]/g, "-")}.json`;

export async function migrateAgencies(
  command: MigrateCommand,
  options: { to: string; dryRun: boolean; backup: string | undefined },
): Promise<{ applied: boolean; backup: string | undefined }> {
  const { redis, watching, keys, from, print } = command;
  const to = loadAgencyDirectory(options.to);
  const fromFile = command.fromFile ?? "flows/agencies.json";
  print(
    `From ${fromFile} (${from.ofKind("province").length} provinces, ${from.ofKind("ministry").length} ministries and agencies) to ${options.to} (${to.ofKind("province").length} provinces, ${to.ofKind("ministry").length} ministries and agencies).`,
  );
  for (let attempt = 0; attempt < 3; attempt++) {
    const plan = await planMigration(redis, keys, from, to);
    if (plan.problems.length) throw new MigrateError(`the new directory does not take in the one in use:\n  ${plan.problems.join("\n  ")}`);
    if (attempt === 0) for (const line of describePlan(plan, from, to)) print(line);
    if (options.dryRun) {
      print(
        "Dry run: nothing was written. Without --dry-run a backup of every key above is written first, then the changes, in one transaction.",
      );
      return { applied: false, backup: undefined };
    }
    if (plan.keys.length) await watching.watch(...plan.keys);
    const backup = await backupOf(redis, plan, { prefix: command.prefix, createdAt: command.now, from: fromFile, to: options.to });
    const file = options.backup ?? backupName(command.now);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(backup, null, 1)}\n`);
    if (await applyMigration(redis, keys, plan, command.by, command.now, watching)) {
      print(`Backup of the ${plan.keys.length} keys changed: ${file} (undo: npm run cli -- agencies migrate --undo ${file}).`);
      print(`Done. Start the bot with AGENCIES_FILE=${options.to}.`);
      return { applied: true, backup: file };
    }
    print("Something changed while the backup was read (is the bot running?): trying again.");
  }
  throw new MigrateError("the data kept changing while the backup was read: stop the bot and try again");
}

export async function undoAgencies(command: Pick<MigrateCommand, "redis" | "prefix" | "print">, file: string): Promise<number> {
  let backup: unknown;
  try {
    backup = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new MigrateError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (!isBackup(backup)) throw new MigrateError(`${file} is not a backup written by agencies migrate`);
  if (backup.prefix !== command.prefix)
    throw new MigrateError(`${file} was written for REDIS_PREFIX ${backup.prefix}, not ${command.prefix}: nothing restored`);
  const restored = await undoMigration(command.redis, backup);
  command.print(
    `Restored ${restored} keys as they were before the migration to ${backup.to}. Start the bot with AGENCIES_FILE=${backup.from}.`,
  );
  return restored;
}
