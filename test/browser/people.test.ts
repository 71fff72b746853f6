import type { Message } from "grammy/types";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import { type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import { docsScreenshot, launchBrowser, newContext, signIn } from "../support/browser.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";

/** The secretariat's people pages in a real browser: inviting, the open invites, removing a member. */
describe("the people pages of the console", () => {
  let e2e: E2E;
  let browser: Browser;
  let base: string;
  let thu: FakeUser;
  let nextUserId = 7_100_000 + Math.floor(Math.random() * 100_000) * 10;

  /** Waits for the next message whose text contains `part`, skipping others. */
  const waitFor = async (user: FakeUser, part: string, timeoutMs = 10_000): Promise<Message> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = await user.nextMessage(Math.max(1, deadline - Date.now()));
      if (textOf(message).includes(part)) return message;
    }
  };

  /** Makes an officer's invite in the browser and returns the code the page shows. */
  const inviteOfficer = async (page: Page, agency: string): Promise<string> => {
    await page.goto(`${base}/people/invite`);
    await page.getByLabel("Cán bộ đầu mối của một đơn vị").check();
    await page.getByLabel("Đơn vị (với cán bộ đầu mối)").fill(agency);
    await page.getByRole("button", { name: "Tạo mã mời" }).click();
    await expect(page.getByRole("heading", { name: "Mã mời vừa tạo" }).isVisible()).resolves.toBe(true);
    const code = (await page.getByText(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/).textContent()) ?? "";
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    return code;
  };

  beforeAll(async () => {
    e2e = await startE2E({ publicUrl: true, env: { SCHEDULER_TICK_SECONDS: "3600" } });
    base = `${e2e.bot.env.PUBLIC_URL}/console`;
    browser = await launchBrowser();
    thu = await e2e.join({ role: "secretariat" }, "Thu");
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  it("invites an officer for Hà Nội from the browser; the code shown lets a new Telegram user join", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, thu);
    // Typed without accents, as on a keyboard without Vietnamese input.
    const code = await inviteOfficer(page, "ha noi");
    await expect(page.getByText("Mã mời cho Cán bộ đầu mối · Hà Nội, dùng một lần").isVisible()).resolves.toBe(true);
    const telegram = await page.getByRole("link", { name: /t\.me/ }).getAttribute("href");
    expect(telegram).toMatch(new RegExp(`\\?start=${code.replaceAll("-", "")}$`));

    const mai = e2e.emulator.user({ id: nextUserId++, first_name: "Mai", language_code: "vi" });
    mai.send(code);
    expect(textOf(await mai.nextMessage())).toContain("Hà Nội");
    const joined = await e2e.deps.members.at(telegramAddress(mai.id));
    expect(joined?.binding).toEqual({ role: "officer", agencyId: "ha-noi" });
    // The one who made the invite hears that it was used.
    await waitFor(thu, "đã được dùng");

    await page.goto(`${base}/people`);
    const row = page.getByRole("row", { name: new RegExp(String(mai.id)) });
    await expect(row.getByRole("cell", { name: "Cán bộ đầu mối · Hà Nội" }).isVisible()).resolves.toBe(true);
    await context.close();
  });

  it("lists the open invite and cancels it; the code is then refused in chat", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, thu);
    const code = await inviteOfficer(page, "Bắc Kạn");
    await page.getByRole("link", { name: "Mã mời chưa dùng" }).first().click();
    const row = page.getByRole("row", { name: new RegExp(`…${code.slice(-4)}`) });
    await expect(row.getByRole("cell", { name: "Cán bộ đầu mối · Bắc Kạn" }).isVisible()).resolves.toBe(true);

    const asked: string[] = [];
    page.on("dialog", (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await row.getByRole("button", { name: /^Huỷ mã mời / }).click();
    await expect(page.getByRole("status").first().textContent()).resolves.toMatch(/^Đã huỷ mã mời [0-9a-f]{8}/);
    expect(asked).toEqual([expect.stringMatching(/^Huỷ mã mời [0-9a-f]{8}\?/)]);
    expect(await page.getByRole("row", { name: new RegExp(`…${code.slice(-4)}`) }).count()).toBe(0);

    const stranger = e2e.emulator.user({ id: nextUserId++, first_name: "Khách", language_code: "vi" });
    stranger.send(code);
    expect(textOf(await stranger.nextMessage())).toContain("Mã mời không đúng hoặc đã hết hạn");
    expect(await e2e.deps.members.at(telegramAddress(stranger.id))).toBeUndefined();
    await context.close();
  });

  it("removes a member only after a confirmation; their console session ends and they are told in chat", async () => {
    const lan = await e2e.join({ role: "officer", agencyId: "ha-giang" }, "Lan");
    // Her name, as she gives it in part 1 of the form.
    await fillThroughService(e2e.deps, officer(lan.id, "ha-giang"), answerer({ fullName: "Nguyễn Thị Lan" }), () => [], {
      submit: false,
      stopAfter: 1,
    });
    const lanContext = await newContext(browser);
    const lanPage = await lanContext.newPage();
    await signIn(lanPage, lan);
    expect(lanPage.url()).toContain("/agencies/ha-giang");

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, thu);
    await page.goto(`${base}/people`);
    await docsScreenshot(page, "console-people.png");
    const row = page.getByRole("row", { name: new RegExp(String(lan.id)) });
    await expect(row.getByRole("cell", { name: "Nguyễn Thị Lan" }).isVisible()).resolves.toBe(true);
    await row.getByRole("link", { name: /Thu hồi quyền/ }).click();
    const who = `Nguyễn Thị Lan (thành viên ${lan.id}, Cán bộ đầu mối · Hà Giang)`;
    const question = `Thu hồi quyền của ${who}? Các câu trả lời của người đó vẫn được giữ.`;
    await expect(page.getByRole("heading", { name: question }).isVisible()).resolves.toBe(true);
    // Opening the confirmation changes nothing.
    expect(await e2e.deps.members.get(String(lan.id))).toBeDefined();

    const asked: string[] = [];
    page.on("dialog", (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await page.getByRole("button", { name: "Thu hồi quyền" }).click();
    await expect(page.getByRole("status").first().textContent()).resolves.toContain(`Đã thu hồi quyền của thành viên ${lan.id}`);
    expect(asked).toEqual([`Thu hồi quyền của ${who}?`]);
    expect(await e2e.deps.members.get(String(lan.id))).toBeUndefined();

    const reloaded = await lanPage.reload();
    expect(reloaded?.status()).toBe(401);
    await expect(lanPage.getByRole("heading", { name: /Đăng nhập/ }).isVisible()).resolves.toBe(true);
    expect(textOf(await waitFor(lan, "thu hồi"))).toContain("Các câu trả lời anh/chị đã gửi vẫn được giữ");
    await Promise.all([context.close(), lanContext.close()]);
  });

  it("is not there for a consultant (404)", async () => {
    const luong = await e2e.join({ role: "consultant", consultantId: "ha-thanh-luong" }, "Lương");
    // The secretariat is told of every consultant who joins.
    await waitFor(thu, String(luong.id));
    const page = await (await newContext(browser)).newPage();
    await signIn(page, luong);
    for (const path of ["/people", "/people/invite", "/people/invites", `/people/${thu.id}/remove`]) {
      const response = await page.goto(`${base}${path}`);
      expect(response?.status(), path).toBe(404);
      // Answered like a page that does not exist: nothing of the section shows.
      expect(await page.content(), path).not.toMatch(/Mã mời|Thu hồi quyền|Danh sách thành viên/);
    }
    // The session's own token, read where the member may look: what is refused is the page, not the token.
    await page.goto(`${base}/sessions`);
    const csrf = (await page.locator("body").getAttribute("data-csrf")) ?? "";
    const refused = await page.request.post(`${base}/people/${thu.id}/remove`, {
      form: { _csrf: csrf },
    });
    expect(refused.status()).toBe(404);
    expect(await e2e.deps.members.get(String(thu.id))).toBeDefined();
    await page.context().close();
  });
});
