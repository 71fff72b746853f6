import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { type TestRedis, testRedis } from "../support/redis.js";

describe("the local demo (npm run bot without BOT_TOKEN)", () => {
  const stores: TestRedis[] = [];
  afterAll(() => Promise.all(stores.map((store) => store.cleanup())));

  /** Runs the demo, on keys of its own, with `script` typed in; what it printed, once it exited 0. */
  async function demo(script: string): Promise<string> {
    const store = testRedis();
    stores.push(store);
    const child = spawn(process.execPath, ["--import", "tsx", "src/launch.ts"], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? "", REDIS_URL: store.url, REDIS_PREFIX: store.prefix },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.stdin.end(script);
    expect(await exited).toBe(0);
    expect(output).toContain("Demo stopped.");
    return output;
  }

  it("runs the real bot against the emulator and lets a person join and talk", async () => {
    const output = await demo(":join\n/web\n/lang\n!2\n:user Minh\nhello\n:invite officer da-nang\n:channel zalo\n:join\n!1\n:quit\n");
    expect(output).toContain("Her invite code:");
    expect(output).toMatch(/Web console: http:\/\/127\.0\.0\.1:\d+\/console/);
    expect(output).toMatch(/http:\/\/127\.0\.0\.1:\d+\/console\/sign-in\/[\w-]+\.[\w-]+/);
    expect(output).toContain("cán bộ đầu mối của Hà Nội");
    expect(output).toContain("Switched to English.  (edited)");
    expect(output).toContain("cần mã mời");
    expect(output).toContain("(you now write from Minh's Zalo account)");
    expect(output).toMatch(/zalo: Chào mừng anh\/chị! Anh\/chị đã được xác nhận là cán bộ đầu mối của Đà Nẵng/);
    expect(output).toMatch(/zalo: Phần 1\/4 · 0%/);
  });

  it("on the Zalo OA, lets a person follow the OA, join by typing the code, and press its buttons with !N", async () => {
    const output = await demo(":user Hoa\n:invite officer da-nang\n:channel zalo-oa\n:join\n!1\n:quit\n");
    expect(output).toContain("(you now write from Hoa's Zalo OA account)");
    expect(output).toContain("zalo-oa: Cảm ơn anh/chị đã quan tâm");
    expect(output).toMatch(/zalo-oa: Chào mừng anh\/chị! Anh\/chị đã được xác nhận là cán bộ đầu mối của Đà Nẵng/);
    expect(output).toMatch(/\[!1 [^\]]*Bắt đầu điền\]/);
    expect(output).toMatch(/zalo-oa: Phần 1\/\d+ · 0%[^>]*\n\s+Họ và tên\n/);
  });
});
