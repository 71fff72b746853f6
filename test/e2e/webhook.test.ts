import { spawnSync } from "node:child_process";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import { textOf } from "../../src/emulator/fake-user.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { type E2E, startE2E } from "../support/e2e.js";

const SECRET = "s3cret-Token_for-tests-0123456789abcdef";

describe("the real bot process in webhook mode", () => {
  let e2e: E2E;
  let emulator: E2E["emulator"];
  let bot: E2E["bot"];
  let deps: Deps;

  beforeAll(async () => {
    e2e = await startE2E({ mode: "webhook", webhookSecret: SECRET });
    ({ emulator, bot, deps } = e2e);
  });

  afterAll(() => e2e?.stop());

  const webhookUrl = () => `http://127.0.0.1:${bot.port}/telegram/webhook`;
  const post = (body: unknown, secret?: string) =>
    fetch(webhookUrl(), {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
      body: JSON.stringify(body),
    });

  it("registers its webhook URL with the secret at start-up", () => {
    expect(emulator.webhookUrl).toBe(webhookUrl());
    expect(emulator.callsOf("setWebhook").at(-1)?.params.secret_token).toBe(SECRET);
  });

  it("receives updates by webhook and binds an officer", async () => {
    const officer = emulator.user({ id: 7001, first_name: "Hùng", language_code: "vi" });
    officer.send("chào");
    expect(textOf(await officer.nextMessage())).toContain("mã mời");
    const { code } = await deps.invites.issue({ role: "officer", agencyId: "bac-kan" }, Date.now());
    officer.send(`/start ${code}`);
    expect(textOf(await officer.nextMessage())).toContain("Bắc Kạn");
  });

  it("rejects a request whose secret-token header is wrong or missing", async () => {
    const update = {
      update_id: 1,
      message: { message_id: 1, date: 0, chat: { id: 7001, type: "private", first_name: "x" }, text: "/help" },
    };
    expect((await post(update, "wrong")).status).toBe(401);
    expect((await post(update)).status).toBe(401);
  });

  it("refuses a body larger than an update can be, before reading it", async () => {
    // The length is announced and nothing sent: only a server that decides on the announcement answers.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest(webhookUrl(), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": String(2 * 1024 * 1024),
          "x-telegram-bot-api-secret-token": SECRET,
        },
      });
      request.on("response", (response) => resolve(response.statusCode));
      request.on("error", reject);
      request.flushHeaders();
    });
    expect(status).toBe(413);
    expect((await fetch(bot.healthUrl)).status).toBe(200);
  });

  it("does not start in webhook mode without a secret, and says why in one line", async () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: PROJECT_ROOT,
      env: { ...bot.env, WEBHOOK_SECRET: "" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(child.status).toBe(1);
    expect(child.stderr.trim()).toMatch(/^Configuration error: WEBHOOK_SECRET is required in webhook mode[^\n]*$/);
  });

  it("applies a redelivered update once", async () => {
    const officer = emulator.user({ id: 7002, first_name: "Mai", language_code: "vi" });
    const { code } = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, Date.now());
    officer.send(`/start ${code}`);
    await officer.nextMessage();
    await officer.nextMessage();
    const update = {
      update_id: 900_000_001,
      message: {
        message_id: 99,
        date: Math.floor(Date.now() / 1000),
        chat: { id: officer.id, type: "private", first_name: "Mai" },
        from: officer.user,
        text: "/help",
        entities: [{ type: "bot_command", offset: 0, length: 5 }],
      },
    };
    // The webhook answers 200 once the update is kept; it is applied from Redis after.
    expect((await post(update, SECRET)).status).toBe(200);
    expect((await post(update, SECRET)).status).toBe(200);
    expect(textOf(await officer.nextMessage())).toContain("/start");
    // One chat's updates are applied in order: the next reply is to this /lang, so the repeat made none.
    officer.send("/lang");
    expect(textOf(await officer.nextMessage())).toContain("Chọn ngôn ngữ");
  });

  it("does not let an update id far ahead silence a chat", async () => {
    const officer = emulator.user({ id: 7002, first_name: "Mai", language_code: "vi" });
    officer.markAllRead();
    const ahead = {
      update_id: 2 ** 52,
      message: {
        message_id: 100,
        date: Math.floor(Date.now() / 1000),
        chat: { id: officer.id, type: "private", first_name: "Mai" },
        from: officer.user,
        text: "/help",
        entities: [{ type: "bot_command", offset: 0, length: 5 }],
      },
    };
    expect((await post(ahead, SECRET)).status).toBe(200);
    await officer.nextMessage();
    officer.send("/help");
    expect(textOf(await officer.nextMessage())).toContain("/start");
  });

  it("reports Redis on /health, keeps state through SIGKILL, stops cleanly on SIGTERM", async () => {
    const health = await fetch(bot.healthUrl);
    expect(await health.json()).toMatchObject({ status: "ok", redis: "up", mode: "webhook" });

    await bot.kill("SIGKILL");
    const officer = emulator.user({ id: 7001, first_name: "Hùng", language_code: "vi" });
    officer.markAllRead();
    officer.send("/help");
    await bot.spawn();
    expect(textOf(await officer.nextMessage())).toContain("Bắc Kạn");

    expect(await bot.kill("SIGTERM")).toBe(0);
  });
});
