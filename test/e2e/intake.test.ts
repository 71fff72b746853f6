import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, type LocalRedis, startPrivateRedis } from "../../src/dev/local-redis.js";
import { BotApiEmulator } from "../../src/emulator/bot-api-emulator.js";
import { type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import { connectRedis } from "../../src/redis.js";
import { BotProcess } from "../support/bot-process.js";
import { depsFor } from "../support/redis.js";

/**
 * Updates are kept in Redis before Telegram is told they arrived: while Redis is gone, the webhook
 * answers 503 and polling does not confirm, so Telegram delivers again and nothing is lost; and a
 * SIGTERM still ends the process within seconds.
 */
describe("the intake while Redis is gone", () => {
  let dir: string;
  let redis: LocalRedis;
  let port: number;
  let emulator: BotApiEmulator;
  let bot: BotProcess;

  async function start(mode: "polling" | "webhook"): Promise<FakeUser> {
    dir = mkdtempSync(join(tmpdir(), "d06-intake-"));
    port = await freePort();
    redis = await startPrivateRedis({ dataDir: dir, port });
    emulator = new BotApiEmulator();
    await emulator.start();
    bot = await BotProcess.start({
      emulator,
      redisUrl: redis.url,
      prefix: "d06:",
      mode,
      ...(mode === "webhook" ? { webhookSecret: "s".repeat(40) } : {}),
    });
    const setup = connectRedis(redis.url);
    const deps = depsFor({ redis: setup, prefix: "d06:" });
    const { code } = await deps.invites.issue({ role: "officer", agencyId: "lam-dong" }, Date.now());
    await setup.quit();
    const officer = emulator.user({ id: 4343, first_name: "Phạm", language_code: "vi" });
    officer.send(`/start ${code}`);
    await officer.nextMessage();
    officer.press({ data: "f:open" }, await officer.nextMessage());
    expect(textOf(await officer.nextScreen())).toContain("Họ và tên");
    await bot.settled();
    return officer;
  }

  /** Resolves when the bot's log has the line: the explicit sign that it met the missing Redis. */
  async function logged(line: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!bot.output.includes(line)) {
      if (Date.now() > deadline) throw new Error(`no "${line}" in the log:\n${bot.output.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  afterEach(async () => {
    await bot?.kill("SIGKILL");
    await emulator?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("webhook: answers 503 while Redis is gone, and the update Telegram delivers again is applied once", async () => {
    const officer = await start("webhook");
    await redis.stop();
    officer.send("Phạm Thị Hoa");
    await logged("Telegram update not kept; Telegram will deliver it again");
    redis = await startPrivateRedis({ dataDir: dir, port });
    const next = await officer.nextScreen(30_000);
    expect(textOf(next)).toContain("Cơ quan công tác");
    officer.send("/start");
    expect(textOf(await officer.nextMessage())).toContain("đã xong");
  });

  it("polling: takes nothing from Telegram it cannot keep, then applies it in order once Redis is back", async () => {
    const officer = await start("polling");
    await redis.stop();
    officer.send("Phạm Thị Hoa");
    officer.send("Sở Thông tin và Truyền thông Lâm Đồng");
    await logged("Telegram update not kept yet; trying again");
    redis = await startPrivateRedis({ dataDir: dir, port });
    expect(textOf(await officer.nextScreen(30_000))).toContain("Cơ quan công tác");
    expect(textOf(await officer.nextScreen())).toContain("Chức vụ");
  });

  it("SIGTERM ends the process within seconds while Redis is gone", async () => {
    await start("polling");
    await redis.stop();
    const asked = Date.now();
    // Ends by its own stop (0), not by the deadline that ends a hung stop (1).
    expect(await bot.kill("SIGTERM")).toBe(0);
    expect(Date.now() - asked).toBeLessThan(9_000);
  });
});
