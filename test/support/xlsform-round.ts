import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { PROJECT_ROOT } from "../../src/project-root.js";
import type { E2E } from "./e2e.js";
import { xlsformWorkbook } from "./xlsform-workbook.js";

/** The CLI on the test bot's Redis, as the secretariat runs it. */
export function cliOf(e2e: E2E): (...args: string[]) => SpawnSyncReturns<string> {
  return (...args) =>
    spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: PROJECT_ROOT, env: e2e.bot.env, encoding: "utf8" });
}

/**
 * A round on a workbook the test wrote, as the secretariat makes one: the workbook imported with
 * the CLI (its `form_id` and `version` from its settings sheet), then a round on it for Hà Nội and
 * Hải Phòng (or `targets`), whose opening notice is left out (the officers here only answer).
 */
export async function roundOnWorkbook(
  e2e: E2E,
  sheets: Record<string, string[][]>,
  round: { id: string; name: string; targets?: string },
): Promise<void> {
  const [header = [], values = []] = sheets.settings ?? [];
  const formId = values[header.indexOf("form_id")] ?? "";
  const version = values[header.indexOf("version")] ?? "";
  const file = join(mkdtempSync(join(tmpdir(), "xlsform-round-")), `${formId}.xlsx`);
  writeFileSync(file, await xlsformWorkbook(sheets));
  const cli = cliOf(e2e);
  const imported = cli("form", "import", file);
  expect(imported.stdout, imported.stderr).toContain(`imported ${formId} version ${version}`);
  const created = cli(
    "round",
    "create",
    ...[
      "--id",
      round.id,
      "--name",
      round.name,
      "--deadline",
      "2026-12-31 17:00",
      "--targets",
      round.targets ?? "ha-noi,hai-phong",
      "--form",
      formId,
    ],
  );
  expect(created.stdout, created.stderr).toContain(`form ${formId} version ${version}`);
  await e2e.deps.roundStore.claimOpening(round.id);
}
