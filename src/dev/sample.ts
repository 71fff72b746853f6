import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Redis } from "../redis.js";
import { progressPng } from "../reports/progress-picture.js";
import { writeWorkbook } from "../reports/workbook.js";
import { localDeps } from "./local-deps.js";
import { writeSyntheticResponses } from "./synthetic.js";

/** The sample round: form 488 as it is today, the letters' 93 agencies, answers from src/dev/synthetic.ts. */
export const SAMPLE_NOW = Date.parse("2026-12-16T09:00:00+07:00");

/**
 * Writes docs/progress.png and docs/sample-report.xlsx (or into `dir`) from synthetic answers on
 * the keys under `prefix`, which it deletes afterwards: `npm run docs:sample`, and the test that the
 * committed sample is what the generator makes (test/unit/sample-report.test.ts).
 */
export async function writeSample(redis: Redis, prefix: string, dir: string): Promise<{ picture: string; workbook: string }> {
  const deps = localDeps(redis, prefix);
  const now = SAMPLE_NOW;
  try {
    const created = await deps.rounds.create(
      { id: "mau", name: "Báo cáo tháng 12/2026", opensAt: now - 20 * 86_400_000, deadline: now - 86_400_000, targets: { kind: "all" } },
      "docs",
      now,
    );
    if (!created.ok) throw new Error(created.reason);
    const agencies = deps.rounds.agenciesOf(created.round);
    await writeSyntheticResponses(redis, deps.keys, created.round.id, agencies, now);
    const progress = await deps.reports.progress(created.round, agencies, now);
    mkdirSync(dir, { recursive: true });
    const picture = join(dir, "progress.png");
    writeFileSync(
      picture,
      progressPng(progress, {
        title: "Tiến độ Báo cáo tháng 12/2026: mục 1–5 của Phụ lục Văn bản 488",
        legend: {
          met: "Đã đáp ứng",
          partial: "Một phần",
          not_met: "Chưa đáp ứng",
          unanswered: "Chưa trả lời",
          not_applicable: "Không áp dụng",
        },
        components: progress.components.map((component) => component.short),
        submitted: "Gửi",
        provinces: "Tỉnh, thành phố",
        ministries: "Bộ, ngành",
        note: "Cột 1–5: mục 1–5 của Phụ lục Văn bản 488 (yêu cầu (1), (2), (3), (5), (6) của Văn bản 1552 theo Văn bản đôn đốc lần 3; yêu cầu (4) không có mục)",
      }),
    );
    const workbook = join(dir, "sample-report.xlsx");
    await writeWorkbook(await deps.reports.exportSource(created.round, agencies), workbook);
    return { picture, workbook };
  } finally {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${prefix}*`, count: 500 })) keys.push(...(batch as string[]));
    if (keys.length) await redis.del(...keys);
  }
}
