import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../src/emulator/fake-user.js";
import { seriousViolations } from "../support/axe.js";
import { launchBrowser, newContext, signIn } from "../support/browser.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";

/**
 * The console's main pages checked by axe-core (no serious or critical violation) and worked by
 * keyboard alone, at a laptop's size and at a phone's.
 */

describe("the console for people who use a keyboard or a screen reader", () => {
  let e2e: E2E;
  let browser: Browser;
  let base: string;
  let thu: FakeUser;

  beforeAll(async () => {
    e2e = await startE2E({ publicUrl: true, env: { SCHEDULER_TICK_SECONDS: "3600" } });
    base = `${e2e.bot.env.PUBLIC_URL}/console`;
    browser = await launchBrowser();
    await e2e.deps.rounds.create(
      {
        id: "dot-a11y",
        name: "Đợt kiểm tra",
        deadline: Date.now() + 7 * 86_400_000,
        targets: { kind: "list", agencies: ["ha-noi", "bac-kan", "bo-tu-phap"] },
      },
      "test",
      Date.now(),
    );
    await fillThroughService(e2e.deps, officer(41, "ha-noi"), answerer({ fullName: "Lê Thị Thu" }), () => [], { submit: true });
    thu = await e2e.join({ role: "secretariat" }, "Thu");
    await e2e.join({ role: "officer", agencyId: "bac-kan" }, "Hùng");
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  const PAGES = [
    "/rounds/dot-a11y",
    "/rounds/dot-a11y/agencies",
    "/rounds/dot-a11y/agencies/ha-noi",
    "/rounds",
    "/rounds/new",
    "/broadcast",
    "/people",
    "/questions",
    "/rounds/dot-a11y/downloads",
    "/api-tokens",
    "/sessions",
  ];

  for (const viewport of [
    { name: "a laptop", width: 1366, height: 768 },
    { name: "a phone", width: 390, height: 844 },
  ]) {
    it(`has no serious accessibility violation on the main pages, on ${viewport.name}`, async () => {
      const context = await newContext(browser, { width: viewport.width, height: viewport.height });
      const page = await context.newPage();
      await signIn(page, thu);
      const found: string[] = [];
      for (const url of PAGES) {
        const response = await page.goto(`${base}${url}`);
        expect(response?.status(), url).toBe(200);
        found.push(...(await seriousViolations(page)).map((violation) => `${url}: ${violation}`));
        // Nothing but a table scrolls sideways.
        const wide = await page.evaluate(
          "[...document.querySelectorAll('main *')].filter((el) => !el.closest('.table-wrap') && el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((el) => el.tagName + '.' + el.className).slice(0, 3)",
        );
        expect(wide, `${url} wider than the screen`).toEqual([]);
      }
      expect(found).toEqual([]);
      await context.close();
    });
  }

  it("is worked by keyboard alone: skip to the content, move through the sections, fill and send a form", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, thu);
    await page.goto(`${base}/broadcast`);
    await page.keyboard.press("Tab");
    await expect(page.evaluate("document.activeElement.textContent")).resolves.toBe("Bỏ qua, tới nội dung chính");
    await page.keyboard.press("Enter");
    await expect(page.evaluate("document.activeElement.id")).resolves.toBe("main");

    // Tab from the top of the content to the text field, type, choose the targets, and preview.
    const focused = (expression: string) => page.evaluate(`(() => { const el = document.activeElement; return ${expression}; })()`);
    const tabTo = async (reached: () => Promise<unknown>) => {
      for (let presses = 0; presses < 60; presses++) {
        await page.keyboard.press("Tab");
        if (await reached()) return;
      }
      throw new Error("not reached by Tab");
    };
    await tabTo(() => focused("el.name === 'text'"));
    await page.keyboard.type("Nhắc bằng bàn phím");
    // A radio group is one stop for Tab; the arrows choose within it.
    await tabTo(() => focused("el.type === 'radio'"));
    for (let presses = 0; presses < 10 && !(await focused("el.labels[0].textContent.includes('Cán bộ các tỉnh, thành phố')")); presses++) {
      await page.keyboard.press("ArrowDown");
    }
    await expect(page.getByLabel("Cán bộ các tỉnh, thành phố").isChecked()).resolves.toBe(true);
    await tabTo(() => focused("el.textContent === 'Xem trước số người nhận'"));
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    await expect(page.getByRole("heading", { name: "Kiểm tra trước khi gửi" }).isVisible()).resolves.toBe(true);

    // The navigation is reached by Tab, and Enter follows a link.
    await page.goto(`${base}/rounds`);
    await tabTo(() => focused("el.textContent === 'Thành viên'"));
    await Promise.all([page.waitForURL(`${base}/people`), page.keyboard.press("Enter")]);
    await context.close();
  });
});
