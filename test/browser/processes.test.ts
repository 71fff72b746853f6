import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../../src/emulator/fake-user.js";
import { BotProcess } from "../support/bot-process.js";
import { launchBrowser, newContext, signInLink } from "../support/browser.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";

const SECRET = "console-two-processes-console-two-processes";

/**
 * Two real bot processes on one Redis, as behind a proxy: a session begun on one is known to the
 * other, and the page the second serves follows a submission the first applied, without a reload.
 */
describe("the console served by two processes", () => {
  let e2e: E2E;
  let second: BotProcess;
  let browser: Browser;

  beforeAll(async () => {
    e2e = await startE2E({
      mode: "webhook",
      webhookSecret: SECRET,
      publicUrl: true,
      env: { INSTANCE_ID: "bot-1", SCHEDULER_TICK_SECONDS: "3600" },
    });
    second = await BotProcess.start({
      emulator: e2e.emulator,
      redisUrl: e2e.store.url,
      prefix: e2e.store.prefix,
      mode: "webhook",
      webhookSecret: SECRET,
      publicUrl: true,
      env: { INSTANCE_ID: "bot-2", SCHEDULER_TICK_SECONDS: "3600" },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await second?.kill("SIGKILL");
    await e2e?.stop();
  });

  it("knows a session begun on the other process, and shows there, live, what this one applied", async () => {
    await e2e.deps.rounds.create(
      {
        id: "dot-2p",
        name: "Đợt hai tiến trình",
        deadline: Date.now() + 7 * 86_400_000,
        targets: { kind: "list", agencies: ["ha-noi", "bac-kan"] },
      },
      "test",
      Date.now(),
    );
    const thu = await e2e.join({ role: "secretariat" }, "Thu");
    const lan = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Lan");
    await fillThroughService(e2e.deps, officer(lan.id, "ha-noi"), answerer({ fullName: "Nguyễn Thị Lan" }), () => [], { submit: false });

    // Signed in on the first process (its link), reading pages from the second.
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(await signInLink(thu));
    await page.getByRole("button", { name: /Đăng nhập/ }).click();
    await page.waitForLoadState();
    const onSecond = `http://127.0.0.1:${second.port}/console`;
    expect((await page.goto(`${onSecond}/rounds/dot-2p`))?.status()).toBe(200);
    const submitted = page.getByRole("link", { name: /Tỉnh, thành phố đã gửi báo cáo$/ });
    await expect(submitted.textContent()).resolves.toContain("0/2");
    let navigations = 0;
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });

    // The officer submits in the chat; the webhook reaches the first process, and either process applies it.
    lan.send("/start");
    for (;;) {
      const greeting = await lan.nextMessage();
      if (!textOf(greeting).includes("đã trả lời đủ nhưng chưa gửi")) continue;
      lan.press("Tiếp tục", greeting);
      break;
    }
    const review = await lan.nextScreen();
    lan.press("Gửi báo cáo", review);
    await submitted.filter({ hasText: "1/2" }).waitFor({ timeout: 2_000 });
    expect(navigations).toBe(0);
    await context.close();
  });
});
