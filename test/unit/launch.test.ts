import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../src/dev/local-redis.js";
import { ZaloApiEmulator } from "../../src/emulator/zalo-api-emulator.js";
import { loadEnvFile } from "../../src/env-file.js";
import { PROJECT_ROOT } from "../../src/project-root.js";

describe("npm run bot and npm run cli read a .env beside the project", () => {
  const dir = mkdtempSync(join(tmpdir(), "d06-env-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("fills what the environment does not set, and the environment wins", () => {
    const file = join(dir, ".env");
    writeFileSync(file, 'D06_TEST_FROM_FILE=file\nD06_TEST_BOTH=file\n# a comment\nD06_TEST_QUOTED="a b"\n');
    process.env.D06_TEST_BOTH = "environment";
    try {
      expect(loadEnvFile(file)).toBe(file);
      expect(process.env.D06_TEST_FROM_FILE).toBe("file");
      expect(process.env.D06_TEST_BOTH).toBe("environment");
      expect(process.env.D06_TEST_QUOTED).toBe("a b");
      expect(loadEnvFile(join(dir, "missing.env"))).toBeUndefined();
    } finally {
      for (const name of ["D06_TEST_FROM_FILE", "D06_TEST_BOTH", "D06_TEST_QUOTED"]) delete process.env[name];
    }
  });
});

describe("npm run bot with only ZALO_BOT_TOKEN", () => {
  const zalo = new ZaloApiEmulator();
  afterAll(() => zalo.stop());

  it("starts the bot on Zalo, not the demo", async () => {
    await zalo.start();
    const child = spawn(process.execPath, ["--import", "tsx", "src/launch.ts"], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        ZALO_BOT_TOKEN: zalo.token,
        ZALO_API_ROOT: zalo.apiRoot,
        REDIS_URL: inject("redisUrl"),
        REDIS_PREFIX: `t${randomBytes(4).toString("hex")}:`,
        PORT: String(await freePort()),
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      await expect.poll(() => output, { timeout: 20_000 }).toContain('"msg":"bot started"');
      const started = JSON.parse(output.split("\n").find((line) => line.includes('"msg":"bot started"')) ?? "{}");
      expect(started).toMatchObject({ zalo: "polling" });
      expect(started.telegram).toBeUndefined();
      expect(output).not.toMatch(/demo/i);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  }, 30_000);
});
