import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdjustableClock } from "../../src/clock.js";
import { launchBrowser, newContext, openSignInLink, signIn, signInLink } from "../support/browser.js";
import { type E2E, startE2E } from "../support/e2e.js";

/** Signing in to the console with the link /web sends, and every way a session ends, in a real browser. */
describe("signing in to the console", () => {
  let e2e: E2E;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    e2e = await startE2E({
      zalo: true,
      publicUrl: true,
      env: { CLOCK: "adjustable", SCHEDULER_TICK_SECONDS: "3600" },
      deps: { clock: "adjustable" },
    });
    base = `${e2e.bot.env.PUBLIC_URL}/console`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  it("signs in from Telegram with the link, once; the link is refused a second time", async () => {
    const thu = await e2e.join({ role: "secretariat" }, "Thu");
    const link = await signInLink(thu);
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignInLink(page, link);
    await page.goto(`${base}/sessions`);
    await expect(page.getByRole("heading", { name: "Phiên đăng nhập" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("cell", { name: /^Chrome.*phiên này$/ }).isVisible()).resolves.toBe(true);
    const cookie = (await context.cookies()).find((candidate) => candidate.name === "d06_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/console" });

    const other = await (await newContext(browser)).newPage();
    await other.goto(link);
    await other.getByRole("button", { name: /Đăng nhập/ }).click();
    await expect(other.getByRole("alert").textContent()).resolves.toContain("không dùng được");
    await other.goto(`${base}/sessions`);
    await expect(other.getByRole("heading", { name: /Đăng nhập/ }).isVisible()).resolves.toBe(true);
    await context.close();
  });

  it("signs in from Zalo alike, and refuses a link older than 10 minutes by the bot's clock", async () => {
    const zalo = e2e.zalo!;
    const lan = zalo.user("Lan");
    const { displayCode } = await e2e.deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, Date.now());
    lan.send(displayCode);
    await lan.nextMessage();
    await lan.nextMessage();
    const page = await (await newContext(browser)).newPage();
    await signIn(page, lan);
    expect(page.url()).toContain("/console/rounds/");

    const late = await signInLink(lan);
    const clock = e2e.deps.clock as AdjustableClock;
    await clock.setNow(Date.now() + 11 * 60 * 1000);
    const elsewhere = await (await newContext(browser)).newPage();
    await openSignInLink(elsewhere, late);
    await expect(elsewhere.getByRole("alert").textContent()).resolves.toContain("quá 10 phút");
    await clock.setNow(Date.now());
  });

  it("refuses a change without its CSRF token, and changes nothing", async () => {
    const hoa = await e2e.join({ role: "secretariat" }, "Hoa");
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, hoa);
    const refused = await page.request.post(`${base}/sessions/end-all`, { form: { nothing: "here" } });
    expect(refused.status()).toBe(403);
    expect(await e2e.deps.webSessions.list(String(hoa.id), Date.now())).toHaveLength(1);
    await page.goto(`${base}/sessions`);
    await expect(page.getByRole("heading", { name: "Phiên đăng nhập" }).isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Đăng xuất mọi nơi" }).click();
    expect(await e2e.deps.webSessions.list(String(hoa.id), Date.now())).toHaveLength(0);
    await context.close();
  });

  it("refuses a sign-in posted from another site, a body over 1 MiB, and an asset that is no asset", async () => {
    const lan = await e2e.join({ role: "officer", agencyId: "bac-kan" }, "Lan");
    const link = await signInLink(lan);
    const forged = await fetch(link, {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site", origin: "https://elsewhere.example" },
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
    // The refused post did not use the link up: its owner still signs in with it.
    const page = await (await newContext(browser)).newPage();
    await openSignInLink(page, link);
    expect(page.url()).toContain("/console/rounds/");
    const csrf = (await page.locator("body").getAttribute("data-csrf")) ?? "";
    const huge = await page.request.post(`${base}/sessions/end-all`, { form: { _csrf: csrf, filler: "x".repeat(2 * 1024 * 1024) } });
    expect(huge.status()).toBe(413);
    expect(await e2e.deps.webSessions.list(String(lan.id), Date.now())).toHaveLength(1);
    for (const name of ["constructor", "__proto__", "toString"]) expect((await fetch(`${base}/assets/${name}`)).status).toBe(404);
    await page.context().close();
  });

  it("ends every session of a member whose role an invite changes", async () => {
    const an = await e2e.join({ role: "officer", agencyId: "cao-bang" }, "An");
    const page = await (await newContext(browser)).newPage();
    await signIn(page, an);
    expect(await e2e.deps.webSessions.list(String(an.id), Date.now())).toHaveLength(1);
    const { code } = await e2e.deps.invites.issue({ role: "officer", agencyId: "lang-son" }, Date.now());
    an.send(`/start ${code}`);
    an.press("Đổi vai trò", await an.nextMessage());
    await an.nextMessage();
    expect(await e2e.deps.webSessions.list(String(an.id), Date.now())).toHaveLength(0);
    expect((await page.goto(`${base}/sessions`))?.status()).toBe(401);
    await page.context().close();
  });

  it("ends every session of a member who is removed", async () => {
    const minh = await e2e.join({ role: "consultant", consultantId: "ha-thanh-luong" }, "Minh");
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, minh);
    await page.goto(`${base}/sessions`);
    await expect(page.getByRole("heading", { name: "Phiên đăng nhập" }).isVisible()).resolves.toBe(true);
    await e2e.deps.membership.remove(String(minh.id), "test", Date.now(), undefined);
    const response = await page.goto(`${base}/sessions`);
    expect(response?.status()).toBe(401);
    await expect(page.getByRole("heading", { name: /Đăng nhập/ }).isVisible()).resolves.toBe(true);
    expect(await e2e.deps.webSessions.list(String(minh.id), Date.now())).toHaveLength(0);
    await context.close();
  });
});
