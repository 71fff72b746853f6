import { mkdirSync, writeFileSync } from "node:fs";
import { projectPath } from "../project-root.js";
import { connectRedis } from "../redis.js";
import { progressPng } from "../reports/progress-picture.js";
import { writeWorkbook } from "../reports/workbook.js";
import { localDeps } from "./local-deps.js";
import { ensureRedis } from "./local-redis.js";
import { writeSyntheticResponses } from "./synthetic.js";

/** `npm run docs:sample`: the progress picture and a sample workbook in docs/, from synthetic answers. */
const local = await ensureRedis();
const redis = connectRedis(local.url);
const prefix = "docs-sample:";
const deps = localDeps(redis, prefix);
const now = Date.parse("2026-12-16T09:00:00+07:00");
const created = await deps.rounds.create(
  { id: "mau", name: "Báo cáo tháng 12/2026", opensAt: now - 20 * 86_400_000, deadline: now - 86_400_000, targets: { kind: "all" } },
  "docs",
  now,
);
if (!created.ok) throw new Error(created.reason);
const agencies = deps.rounds.agenciesOf(created.round);
await writeSyntheticResponses(redis, deps.keys, created.round.id, agencies, now);
const progress = await deps.reports.progress(created.round, agencies, now);
mkdirSync(projectPath("docs"), { recursive: true });
writeFileSync(
  projectPath("docs", "progress.png"),
  progressPng(progress, {
    title: "Tiến độ Báo cáo tháng 12/2026: thành phần 1–5 theo Văn bản 1552",
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
  }),
);
await writeWorkbook(await deps.reports.exportSource(created.round, agencies), projectPath("docs", "sample-report.xlsx"));
const keys = await redis.keys(`${prefix}*`);
if (keys.length) await redis.del(...keys);
await redis.quit();
await local.stop();
console.log("Wrote docs/progress.png and docs/sample-report.xlsx");
