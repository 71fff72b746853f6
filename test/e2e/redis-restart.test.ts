import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type LocalRedis, startPrivateRedis } from "../../src/dev/local-redis.js";
import { BotApiEmulator } from "../../src/emulator/bot-api-emulator.js";
import { textOf } from "../../src/emulator/fake-user.js";
import { connectRedis } from "../../src/redis.js";
import { BotProcess } from "../support/bot-process.js";
import { depsFor } from "../support/redis.js";

/** Redis as deployed (append-only file, fsync always) goes down and comes back mid-form. */
describe("a restart of Redis in the middle of the form", () => {
  const dir = mkdtempSync(join(tmpdir(), "d06-aof-"));
  let redis: LocalRedis;
  let port: number;
  let emulator: BotApiEmulator;
  let bot: BotProcess;

  beforeAll(async () => {
    port = await freePort();
    redis = await startPrivateRedis({ dataDir: dir, port });
    emulator = new BotApiEmulator();
    await emulator.start();
    bot = await BotProcess.start({ emulator, redisUrl: redis.url, prefix: "d06:" });
  });

  afterAll(async () => {
    await bot?.kill("SIGKILL");
    await emulator?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("loses no answer, and the officer goes on at the same question", async () => {
    const setup = connectRedis(redis.url);
    const deps = depsFor({ redis: setup, prefix: "d06:" });
    const { code } = await deps.invites.issue({ role: "officer", agencyId: "lam-dong" }, Date.now());
    await setup.quit();

    const officer = emulator.user({ id: 4242, first_name: "Phạm", language_code: "vi" });
    officer.send(`/start ${code}`);
    await officer.nextMessage();
    officer.press({ data: "f:open" }, await officer.nextMessage());
    await officer.nextScreen();
    officer.send("Phạm Thị Hoa");
    await officer.nextScreen();
    officer.send("Sở Thông tin và Truyền thông Lâm Đồng");
    await officer.nextScreen();
    officer.send("Phó Giám đốc Sở");
    await officer.nextScreen();

    await redis.stop();
    redis = await startPrivateRedis({ dataDir: dir, port });

    officer.send("0263 3822 111");
    const next = await officer.nextScreen(20_000);
    expect(textOf(next)).toContain("Email");
    officer.send("/start");
    expect(textOf(await officer.nextMessage())).toContain("đang được điền");

    const check = connectRedis(redis.url);
    const hash = await check.hgetall("d06:response:488:lam-dong");
    await check.quit();
    expect(JSON.parse(hash["a:officer.fullName"]!).v).toBe("Phạm Thị Hoa");
    expect(JSON.parse(hash["a:officer.position"]!).v).toBe("Phó Giám đốc Sở");
    expect(JSON.parse(hash["a:officer.phone"]!).v).toBe("02633822111");
  });
});
