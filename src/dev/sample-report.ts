import { projectPath } from "../project-root.js";
import { connectRedis } from "../redis.js";
import { ensureRedis } from "./local-redis.js";
import { writeSample } from "./sample.js";

/** `npm run docs:sample`: the progress picture and a sample workbook in docs/, from synthetic answers (src/dev/sample.ts). */
const local = await ensureRedis();
const redis = connectRedis(local.url);
await writeSample(redis, "docs-sample:", projectPath("docs"));
await redis.quit();
await local.stop();
console.log("Wrote docs/progress.png and docs/sample-report.xlsx");
