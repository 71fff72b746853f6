import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "../support/axe.js";
import { docsScreenshot, launchBrowser, newContext, signIn } from "../support/browser.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";

const DAY = 86_400_000;

/**
 * The agencies table of a round of all 93 agencies, in Chromium against the real bot process:
 * filters, search with or without accents, sorting by the column headers, paging on the server,
 * who sees which rows, and a table that stays usable on a laptop and on a phone.
 */
describe("the agencies table", () => {
  let e2e: E2E;
  let browser: Browser;
  let base: string;
  let table: string;
  /** The secretariat's signed-in cookies: one sign-in link for the file (they are rate limited). */
  let desk: Awaited<ReturnType<BrowserContext["storageState"]>>;

  beforeAll(async () => {
    e2e = await startE2E({ publicUrl: true });
    base = `${e2e.bot.env.PUBLIC_URL}/console`;
    table = `${base}/rounds/dot-all/agencies`;
    browser = await launchBrowser();
    const { deps } = e2e;
    const created = await deps.rounds.create(
      { id: "dot-all", name: "Đợt toàn quốc", opensAt: Date.now() - 5 * DAY, deadline: Date.now() + 30 * DAY, targets: { kind: "all" } },
      "test",
      Date.now() - 5 * DAY,
    );
    if (!created.ok) throw new Error(created.reason);
    await deps.roundStore.claimOpening("dot-all");
    const lists = (list: string) => [`Hệ thống ${list}`];
    // Fully compliant: every component met, the security dossier approved.
    await fillThroughService(deps, officer(8001, "ha-noi"), answerer({ dossier: "3" }), lists, { submit: true, now: Date.now() - 3 * DAY });
    await fillThroughService(deps, officer(8002, "bo-tu-phap"), answerer({ dossier: "3" }), lists, { submit: true });
    // Submitted, the dossier not yet drawn up: component 5 not met.
    await fillThroughService(deps, officer(8003, "hai-phong"), answerer(), lists, { submit: true, now: Date.now() - 2 * DAY });
    await fillThroughService(deps, officer(8004, "da-nang"), answerer(), lists, { submit: false, stopAfter: 8 });
    await fillThroughService(deps, officer(8005, "can-tho"), answerer(), lists, { submit: true });
    // Two questions from Hà Nội, one of them closed: one open.
    for (const text of ["Hỏi về mục 4.1", "Hỏi về mục 5"])
      await deps.tickets.ask(officer(8001, "ha-noi"), "Lê Văn An", { text }, Date.now());
    const [closing] = await deps.ticketStore.open();
    const closed = await deps.tickets.close({ ...officer(8000, "ha-noi"), binding: { role: "secretariat" } }, closing!.id, Date.now());
    if (!closed.ok) throw new Error(closed.reason);
    const round = await deps.reports.roundFor("dot-all", Date.now());
    await deps.reports.review(round!, "can-tho", "returned", "Bổ sung số quyết định", "test", Date.now());

    const context = await newContext(browser);
    await signIn(await context.newPage(), await e2e.join({ role: "secretariat" }, "Thu"));
    desk = await context.storageState();
    await context.close();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  // axe is added to the page as a script of the test's, which the console's CSP would refuse.
  const deskPage = async (viewport = { width: 1366, height: 768 }): Promise<Page> => {
    const page = await (await browser.newContext({ viewport, locale: "vi-VN", storageState: desk, bypassCSP: true })).newPage();
    page.setDefaultTimeout(5_000);
    return page;
  };
  const agencyTable = (page: Page) => page.getByRole("table", { name: /^Các đơn vị của đợt/ });
  /** The agencies' names, in the order the table lists them. */
  const names = (page: Page) => agencyTable(page).locator("tbody").getByRole("rowheader").allTextContents();

  it("lists the round's 93 agencies 50 a page, with the total, and filters them by standing, kind, group and component", async () => {
    const page = await deskPage();
    await page.goto(table);
    await expect(page.getByRole("status").first().textContent()).resolves.toBe("Đơn vị 1–50 trong 93 đơn vị phù hợp (tổng 93)");
    expect(await names(page)).toHaveLength(50);
    await expect(page.locator('[data-live-part="agencies"]').count()).resolves.toBe(1);
    await expect(page.locator("body").getAttribute("data-live")).resolves.toBe("/console/rounds/dot-all/events");
    await page.getByRole("link", { name: "Trang sau →" }).click();
    expect(await names(page)).toHaveLength(43);
    await expect(page.getByText("Trang 2/2").isVisible()).resolves.toBe(true);

    const hanoi = agencyTable(page).getByRole("row", { name: /^Hà Nội/ });
    await page.goto(`${table}?q=ha+noi`);
    await expect(hanoi.getByRole("cell").nth(1).textContent()).resolves.toBe("Đáp ứng 100%");
    await expect(hanoi.textContent()).resolves.toContain("Hà Thanh Lương");
    await expect(hanoi.getByRole("cell").last().textContent()).resolves.toBe("1");

    await page.goto(table);
    await page.getByLabel("Tình trạng").selectOption("submitted");
    await page.getByRole("button", { name: "Lọc" }).click();
    expect(page.url()).toContain("standing=submitted");
    expect(await names(page)).toEqual(["Bộ Tư pháp", "Hà Nội", "Hải Phòng"]);

    await page.getByLabel("Tình trạng").selectOption("compliant");
    await page.getByLabel("Loại đơn vị").selectOption("ministry");
    await page.getByRole("button", { name: "Lọc" }).click();
    expect(await names(page)).toEqual(["Bộ Tư pháp"]);

    await page.goto(`${table}?standing=returned`);
    expect(await names(page)).toEqual(["Cần Thơ"]);
    await page.goto(`${table}?standing=in-progress`);
    expect(await names(page)).toEqual(["Đà Nẵng"]);
    await page.goto(`${table}?standing=not-started&kind=ministry`);
    await expect(page.getByRole("status").first().textContent()).resolves.toContain("trong 29 đơn vị phù hợp");

    // Component 5 not met (partly or not at all): the reports whose security dossier is not approved.
    await page.goto(table);
    await page.getByRole("combobox", { name: /^Thành phần/ }).selectOption("5");
    await page.getByRole("button", { name: "Lọc" }).click();
    expect(await names(page)).toEqual(["Cần Thơ", "Hải Phòng"]);
    await page.getByLabel("Mức đáp ứng của thành phần").selectOption("met");
    await page.getByRole("button", { name: "Lọc" }).click();
    expect(await names(page)).toEqual(["Bộ Tư pháp", "Hà Nội"]);

    const group = e2e.deps.groups.get("8402-chua-ket-noi")!;
    await page.goto(`${table}?group=${group.id}`);
    await expect(page.getByRole("status").first().textContent()).resolves.toContain(`trong ${group.agencies.length} đơn vị phù hợp`);
    await page.getByRole("link", { name: "Bỏ lọc" }).click();
    await expect(page.getByRole("status").first().textContent()).resolves.toContain("trong 93 đơn vị phù hợp");
    await page.context().close();
  });

  it("finds an agency by its name typed with or without accents", async () => {
    const page = await deskPage();
    await page.goto(table);
    for (const typed of ["ha noi", "HÀ NỘI", "Ha Noi"]) {
      await page.getByLabel("Tìm theo tên").fill(typed);
      await page.getByRole("button", { name: "Lọc" }).click();
      expect(await names(page)).toEqual(["Hà Nội"]);
    }
    await page.getByLabel("Tìm theo tên").fill("da nang");
    await page.getByRole("button", { name: "Lọc" }).click();
    expect(await names(page)).toEqual(["Đà Nẵng"]);
    await page.getByLabel("Tìm theo tên").fill("khong co don vi nay");
    await page.getByRole("button", { name: "Lọc" }).click();
    await expect(page.getByText("Không có đơn vị nào phù hợp với bộ lọc.").isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it("sorts by a column when its header is pressed, and says which way", async () => {
    const page = await deskPage();
    await page.goto(table);
    const header = (name: RegExp) => agencyTable(page).getByRole("columnheader", { name });
    await expect(header(/^Đơn vị/).getAttribute("aria-sort")).resolves.toBe("ascending");
    const byName = await names(page);
    expect(byName).toEqual([...byName].sort(new Intl.Collator("vi", { sensitivity: "base", numeric: true }).compare));

    await header(/^Hoạt động gần nhất/)
      .getByRole("link")
      .click();
    await expect(header(/^Hoạt động gần nhất/).getAttribute("aria-sort")).resolves.toBe("ascending");
    await expect(header(/^Đơn vị/).getAttribute("aria-sort")).resolves.toBeNull();
    await header(/^Hoạt động gần nhất/)
      .getByRole("link")
      .click();
    await expect(header(/^Hoạt động gần nhất/).getAttribute("aria-sort")).resolves.toBe("descending");
    // Most recent first: those answered today, then Hải Phòng (two days ago), then Hà Nội (three).
    expect((await names(page)).slice(3, 5)).toEqual(["Hải Phòng", "Hà Nội"]);

    await page.goto(`${table}?sort=standing&dir=desc`);
    expect((await names(page)).slice(0, 5)).toEqual(["Bộ Tư pháp", "Hà Nội", "Hải Phòng", "Cần Thơ", "Đà Nẵng"]);
    await docsScreenshot(page, "console-agencies.png");
    await page.goto(`${table}?sort=percent&dir=desc&standing=in-progress`);
    expect(await names(page)).toEqual(["Đà Nẵng"]);
    await page.context().close();
  });

  it("shows a consultant only the provinces assigned to them, and an officer nothing", async () => {
    const consultant = await e2e.join({ role: "consultant", consultantId: "ha-thanh-luong" }, "Lương");
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, consultant);
    expect((await page.goto(table))?.status()).toBe(200);
    await expect(page.getByRole("status").first().textContent()).resolves.toBe("Đơn vị 1–12 trong 12 đơn vị phù hợp (tổng 12)");
    expect(await names(page)).toContain("Hà Nội");
    expect(await names(page)).not.toContain("Kiên Giang");
    await context.close();

    const lan = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Lan");
    const officerContext = await newContext(browser);
    const officerPage = await officerContext.newPage();
    await signIn(officerPage, lan);
    expect((await officerPage.goto(table))?.status()).toBe(404);
    await officerContext.close();
  });

  it.each([
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ])("stays usable at $width×$height: nothing wider than the screen but the table, which scrolls in its frame", async (viewport) => {
    const page = await deskPage(viewport);
    await page.goto(table);
    const overflowing = await page.locator("body *").evaluateAll(
      (elements, width) =>
        elements
          .filter((element) => !element.closest(".table-wrap") || element.classList.contains("table-wrap"))
          .filter((element) => {
            const box = element.getBoundingClientRect();
            // A skip link waits off the screen, to the left, until it is focused.
            return box.width > 0 && box.right > width + 1 && box.left < width;
          })
          .map((element) => `${element.tagName}.${element.className}`),
      viewport.width,
    );
    expect(overflowing).toEqual([]);
    const frame = await page
      .locator(".table-wrap")
      .first()
      .evaluate((wrap) => ({ scroll: wrap.scrollWidth, client: wrap.clientWidth }));
    if (viewport.width < 500) expect(frame.scroll).toBeGreaterThan(frame.client);
    // The filters and the first agency's link are reachable and on the screen.
    await expect(page.getByLabel("Tìm theo tên").isVisible()).resolves.toBe(true);
    const first = agencyTable(page).locator("tbody").getByRole("link").first();
    await first.focus();
    await expect(first.evaluate((link) => link === link.ownerDocument.activeElement)).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
