import { runBot } from "./bot-process.js";
import { ConfigError, parseConfig } from "./config.js";
import { runDemo } from "./dev/demo.js";
import { ensureRedis, RedisMissingError } from "./dev/local-redis.js";
import { loadEnvFile } from "./env-file.js";
import { projectPath } from "./project-root.js";

/**
 * `npm run bot`: with BOT_TOKEN, the bot on Telegram (and Zalo too with ZALO_BOT_TOKEN, the Zalo OA
 * with ZALO_OA_ID); with ZALO_BOT_TOKEN or ZALO_OA_ID alone, the bot on Zalo; with none, the local demo. A `.env` beside the project
 * is read first (the environment wins over it). When no Redis is configured or running, one is
 * started here: for the real bot it keeps an append-only file in .data/redis, for the demo it
 * lives in a temporary folder. Sentinels (REDIS_SENTINELS) are used as they are.
 */
try {
  loadEnvFile();
  if (process.env.BOT_TOKEN?.trim() || process.env.ZALO_BOT_TOKEN?.trim() || process.env.ZALO_OA_ID?.trim()) {
    const redis = process.env.REDIS_SENTINELS?.trim()
      ? { url: process.env.REDIS_URL?.trim() || "redis://127.0.0.1:6379" }
      : await ensureRedis({ dataDir: projectPath(".data", "redis") });
    await runBot(parseConfig({ ...process.env, REDIS_URL: redis.url }));
  } else {
    await runDemo();
    process.exit(0);
  }
} catch (error) {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) console.error(`Configuration error: ${problem}`);
  } else if (error instanceof RedisMissingError) {
    console.error(error.message);
  } else {
    console.error(`The bot could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
}
