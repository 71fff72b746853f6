import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import { seriousViolations } from "../support/axe.js";
import { docsScreenshot, launchBrowser, newContext, openSignInLink } from "../support/browser.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";

const DAY = 24 * 60 * 60 * 1000;
const ROUND = "dot-moi";
/** Hà Nội and Nghệ An are Hà Thanh Lương's (letter 8402); Cần Thơ is Trương Trọng Khang's; Bắc Kạn nobody's. */
const TARGETS = ["ha-noi", "nghe-an", "can-tho", "bac-kan", "bo-tu-phap"];

/** The next message of the member's chat that passes `accept`, reading past any other. */
async function messageWhere(user: FakeUser, accept: (text: string) => boolean): Promise<Parameters<typeof textOf>[0]> {
  for (let read = 0; read < 10; read++) {
    const message = await user.nextMessage();
    if (accept(textOf(message))) return message;
  }
  throw new Error("no such message");
}

/** Signs the member in with the link /web sends, whatever else their chat holds. */
async function signInAs(page: Page, user: FakeUser): Promise<void> {
  user.send("/web");
  const message = await messageWhere(user, (text) => text.includes("/console/sign-in/"));
  const link = /(https?:\/\/\S+\/console\/sign-in\/\S+)/.exec(textOf(message))?.[1];
  await openSignInLink(page, link!);
}

/** A round's page, for the secretariat and consultants, in a real browser, live as officers submit in chat. */
describe("a round at a glance", () => {
  let e2e: E2E;
  let browser: Browser;
  let base: string;
  let desk: FakeUser;
  let luong: FakeUser;
  let lan: FakeUser;
  /** The secretariat's session cookie, from signing in once through the chat. */
  let deskSession: Awaited<ReturnType<BrowserContext["cookies"]>>;

  /** A context of the test's own, signed in as the secretariat. */
  async function deskContext(options: Parameters<Browser["newContext"]>[0] = {}): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "vi-VN", ...options });
    await context.addCookies(deskSession);
    return context;
  }

  beforeAll(async () => {
    e2e = await startE2E({ publicUrl: true, env: { SCHEDULER_TICK_SECONDS: "3600" } });
    base = `${e2e.bot.env.PUBLIC_URL}/console`;
    browser = await launchBrowser();
    const { deps } = e2e;
    const now = Date.now();
    // The previous round (deadline 10 days ago): Bắc Kạn submitted 10 days before it, Bộ Tư pháp 8. Agencies
    // that answered it would find their answers carried over into this round: this round's answers are others'.
    await deps.rounds.create(
      {
        id: "dot-truoc",
        name: "Đợt tháng trước",
        opensAt: now - 30 * DAY,
        deadline: now - 10 * DAY,
        targets: { kind: "list", agencies: TARGETS },
      },
      "test",
      now - 30 * DAY,
    );
    await deps.rounds.create(
      { id: ROUND, name: "Đợt tháng này", opensAt: now - 4 * DAY, deadline: now + 6 * DAY, targets: { kind: "list", agencies: TARGETS } },
      "test",
      now - 4 * DAY,
    );
    const fill = (agencyId: string, at: number, options: { submit: boolean; stopAfter?: number }) =>
      fillThroughService(deps, officer(1000 + TARGETS.indexOf(agencyId), agencyId), answerer(), () => [], { ...options, now: at });
    await fill("bac-kan", now - 20 * DAY, { submit: true });
    await fill("bo-tu-phap", now - 18 * DAY, { submit: true });
    await deps.rounds.close("dot-truoc", now - 9 * DAY);
    // This round: Cần Thơ submitted yesterday, Nghệ An has begun.
    await fill("can-tho", now - DAY, { submit: true });
    await fill("nghe-an", now - DAY, { submit: false, stopAfter: 4 });

    // The consultant first: a member joining as one is told to the secretariat, which is nobody yet.
    luong = await e2e.join({ role: "consultant", consultantId: "ha-thanh-luong" }, "Lương");
    desk = await e2e.join({ role: "secretariat" }, "Thu");
    lan = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Lan");
    // Lan's report is filled in to the review, not yet submitted.
    await fillThroughService(deps, officer(lan.id, "ha-noi"), answerer({ fullName: "Nguyễn Thị Lan" }), () => [], { submit: false });

    const signingIn = await newContext(browser);
    await signInAs(await signingIn.newPage(), desk);
    deskSession = await signingIn.cookies();
    await signingIn.close();
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  it("counts the round for the secretariat, and shows an officer's submission in chat within 2 s, without a reload", async () => {
    const context = await deskContext();
    const page = await context.newPage();
    await page.goto(`${base}/rounds/${ROUND}`);
    await expect(page.getByRole("heading", { level: 1, name: "Đợt tháng này" }).isVisible()).resolves.toBe(true);
    const provinces = page.getByRole("link", { name: /Tỉnh, thành phố đã gửi báo cáo$/ });
    await expect(provinces.textContent()).resolves.toContain("1/4");
    await expect(page.getByRole("link", { name: /Bộ, ngành đã gửi báo cáo$/ }).textContent()).resolves.toContain("0/1");
    // Components count submitted reports only (Cần Thơ's); the draft is said apart.
    await expect(page.getByRole("table").filter({ hasText: "Thành phần" }).first().textContent()).resolves.toContain(
      "Tính trên 1 báo cáo đã gửi",
    );
    // Hà Nội and Nghệ An are being written: said apart, not counted.
    await expect(page.getByText("Chưa tính 2 báo cáo chưa gửi:").isVisible()).resolves.toBe(true);
    await expect(page.getByRole("link", { name: "Nghệ An, NA: Đang điền" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("link", { name: /^Hà Nội, HN: / }).getAttribute("aria-label")).resolves.toBe("Hà Nội, HN: Đang điền");
    // The chart in words: this round 1 so far; the previous round had 2 six days before its own deadline.
    const chart = page.getByRole("img", { name: /^Số báo cáo đã gửi, cộng dồn theo ngày/ });
    await expect(chart.getAttribute("aria-labelledby")).resolves.toBe("chart-title chart-desc");
    await expect(page.locator("#chart-desc").textContent()).resolves.toBe(
      "Đến nay đã gửi 1 trên 5 báo cáo. Cùng thời điểm so với hạn, đợt trước (Đợt tháng trước) có 2 báo cáo.",
    );
    await page.getByText("Xem số liệu theo ngày").click();
    const today = page.getByRole("row", { name: /còn 6 ngày/ });
    await expect(today.getByRole("cell").allTextContents()).resolves.toEqual(["còn 6 ngày", "1", "2"]);

    // Whatever happens next must happen in this very document.
    let navigations = 0;
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });
    await page.evaluate(() => {
      (globalThis as { __sameDocument?: boolean }).__sameDocument = true;
    });

    lan.send("/start");
    const greeting = await messageWhere(lan, (text) => text.includes("đã trả lời đủ nhưng chưa gửi"));
    lan.press("Tiếp tục", greeting);
    const review = await lan.nextScreen();
    expect(textOf(review)).toMatch(/^Xem lại báo cáo/);
    lan.press("Gửi báo cáo", review);
    const pressed = Date.now();
    await page
      .getByRole("link", { name: /Tỉnh, thành phố đã gửi báo cáo$/ })
      .filter({ hasText: "2/4" })
      .waitFor({ timeout: 2000 });
    const shownAfter = Date.now() - pressed;
    expect(textOf(await lan.nextScreen())).toContain("Đã gửi báo cáo của Hà Nội");
    expect(shownAfter).toBeLessThan(2000);
    // The chart and the map moved too, in the same document.
    await expect(page.locator("#chart-desc").textContent()).resolves.toContain("Đến nay đã gửi 2 trên 5 báo cáo.");
    await expect(page.getByRole("link", { name: /^Hà Nội, HN: (Đã gửi|Đáp ứng 100%)$/ }).isVisible()).resolves.toBe(true);
    expect(navigations).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    await docsScreenshot(page, "console-round.png", { fullPage: true });
    await context.close();
  });

  it("leads every count, bar and tile to the agencies behind it", async () => {
    const context = await deskContext();
    const page = await context.newPage();
    await page.goto(`${base}/rounds/${ROUND}`);
    const queryOf = async (name: string | RegExp) => {
      const href = await page.getByRole("link", { name }).first().getAttribute("href");
      const url = new URL(href!, base);
      expect(url.pathname).toBe(`/console/rounds/${ROUND}/agencies`);
      return Object.fromEntries(url.searchParams);
    };
    expect(await queryOf(/Tỉnh, thành phố đã gửi báo cáo$/)).toEqual({ standing: "submitted", kind: "province" });
    expect(await queryOf(/Bộ, ngành đáp ứng 100% yêu cầu$/)).toEqual({ standing: "compliant", kind: "ministry" });
    expect(await queryOf(/đơn vị Chưa đáp ứng thành phần 2$/)).toEqual({
      standing: "submitted",
      component: "2",
      status: "not_met",
    });
    expect(await queryOf("Nghệ An, NA: Đang điền")).toEqual({ standing: "in-progress", kind: "province", q: "Nghệ An" });
    // The bar's segments lead there too, out of the keyboard's way (the numbers beside them are the same links).
    const segment = page.locator("svg.component-bar a").first();
    expect(await segment.getAttribute("tabindex")).toBe("-1");
    expect(new URL((await segment.getAttribute("href"))!, base).searchParams.get("component")).toBe("1");
    // The tile is a link a keyboard reaches, and it opens the agencies table.
    await page.getByRole("link", { name: "Nghệ An, NA: Đang điền" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/agencies\?/);
    expect(new URL(page.url()).searchParams.get("q")).toBe("Nghệ An");
    await context.close();
  });

  it("reads on a phone without scrolling sideways, and has no serious accessibility violation", async () => {
    // axe is added to the page as a script of the test's, which the console's CSP would refuse.
    const phone = await deskContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    const page = await phone.newPage();
    await page.goto(`${base}/rounds/${ROUND}`);
    await expect(page.getByRole("group", { name: /Các tỉnh, thành phố theo tình trạng/ }).isVisible()).resolves.toBe(true);
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
      return root.documentElement.scrollWidth - root.documentElement.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByText("Xem số liệu theo ngày").click();
    expect(await seriousViolations(page)).toEqual([]);
    await phone.close();
  });

  it("gives a consultant the counts of their provinces only", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAs(page, luong);
    await page.goto(`${base}/rounds/${ROUND}`);
    // Hà Nội (submitted in chat above) and Nghệ An: Cần Thơ is another consultant's, Bộ Tư pháp no consultant's.
    await expect(page.getByRole("link", { name: /Tỉnh, thành phố đã gửi báo cáo$/ }).textContent()).resolves.toContain("1/2");
    await expect(page.getByRole("link", { name: /Bộ, ngành/ }).count()).resolves.toBe(0);
    await expect(page.getByText("Chỉ tính 2 đơn vị anh/chị phụ trách").isVisible()).resolves.toBe(true);
    await expect(page.getByRole("link", { name: /^Nghệ An, NA: / }).count()).resolves.toBe(1);
    await expect(page.getByRole("link", { name: /^Cần Thơ, CT: / }).count()).resolves.toBe(0);
    await expect(page.locator("#chart-desc").textContent()).resolves.toContain("Đến nay đã gửi 1 trên 2 báo cáo.");
    await context.close();
  });

  it("is no officer's page: 404, the page and its events alike, as for a round that does not exist", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAs(page, lan);
    const response = await page.goto(`${base}/rounds/${ROUND}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Không tìm thấy" }).isVisible()).resolves.toBe(true);
    const missing = await page.request.get(`${base}/rounds/khong-co`);
    expect(missing.status()).toBe(404);
    expect(await response?.text()).toBe(await missing.text());
    const events = await page.request.get(`${base}/rounds/${ROUND}/events`);
    expect(events.status()).toBe(404);
    expect(await events.text()).toBe(await missing.text());
    await context.close();

    const secretariat = await deskContext();
    const desk404 = await secretariat.newPage();
    expect((await desk404.goto(`${base}/rounds/khong-co`))?.status()).toBe(404);
    expect((await desk404.request.get(`${base}/rounds/khong-co/events`)).status()).toBe(404);
    await secretariat.close();
  });
});
