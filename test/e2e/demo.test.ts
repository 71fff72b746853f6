import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { type TestRedis, testRedis } from "../support/redis.js";

describe("the local demo (npm run bot without BOT_TOKEN)", () => {
  let store: TestRedis;
  beforeAll(() => {
    store = testRedis();
  });
  afterAll(() => store.cleanup());

  it("runs the real bot against the emulator and lets a person join and talk", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/launch.ts"], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? "", REDIS_URL: store.url, REDIS_PREFIX: store.prefix },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.stdin.end(":join\n/web\n/lang\n!2\n:user Minh\nhello\n:invite officer da-nang\n:channel zalo\n:join\n!1\n:quit\n");
    expect(await exited).toBe(0);
    expect(output).toContain("Her invite code:");
    expect(output).toMatch(/Web console: http:\/\/127\.0\.0\.1:\d+\/console/);
    expect(output).toMatch(/http:\/\/127\.0\.0\.1:\d+\/console\/sign-in\/[\w-]+\.[\w-]+/);
    expect(output).toContain("cán bộ đầu mối của Hà Nội");
    expect(output).toContain("Switched to English.  (edited)");
    expect(output).toContain("cần mã mời");
    expect(output).toContain("(you now write from Minh's Zalo account)");
    expect(output).toMatch(/zalo: Chào mừng anh\/chị! Anh\/chị đã được xác nhận là cán bộ đầu mối của Đà Nẵng/);
    expect(output).toMatch(/zalo: Phần 1\/4 · 0%/);
    expect(output).toContain("Demo stopped.");
  });
});
