import { runBot } from "./bot-process.js";
import { ConfigError, parseConfig } from "./config.js";
import { runDemo } from "./dev/demo.js";
import { ensureRedis, RedisMissingError } from "./dev/local-redis.js";
import { projectPath } from "./project-root.js";

/**
 * `npm run bot`: with BOT_TOKEN, the bot on Telegram; without, the local demo.
 * When no Redis is configured or running, one is started here: for the real bot it keeps an
 * append-only file in .data/redis, for the demo it lives in a temporary folder.
 */
try {
  if (process.env.BOT_TOKEN?.trim()) {
    const redis = await ensureRedis({ dataDir: projectPath(".data", "redis") });
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
