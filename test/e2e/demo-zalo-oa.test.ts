import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { type TestRedis, testRedis } from "../support/redis.js";

describe("the local demo on the Zalo OA", () => {
  let store: TestRedis;
  beforeAll(() => {
    store = testRedis();
  });
  afterAll(() => store.cleanup());

  it("lets a person follow the OA, join by typing the code, and press its buttons with !N", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/launch.ts"], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? "", REDIS_URL: store.url, REDIS_PREFIX: store.prefix },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.stdin.end(":user Hoa\n:invite officer da-nang\n:channel zalo-oa\n:join\n!1\n:quit\n");
    expect(await exited).toBe(0);
    expect(output).toContain("(you now write from Hoa's Zalo OA account)");
    expect(output).toContain("zalo-oa: Cảm ơn anh/chị đã quan tâm");
    expect(output).toMatch(/zalo-oa: Chào mừng anh\/chị! Anh\/chị đã được xác nhận là cán bộ đầu mối của Đà Nẵng/);
    expect(output).toMatch(/\[!1 [^\]]*Bắt đầu điền\]/);
    expect(output).toMatch(/zalo-oa: Phần 1\/\d+ · 0%[^>]*\n\s+Họ và tên\n/);
    expect(output).toContain("Demo stopped.");
  });
});
