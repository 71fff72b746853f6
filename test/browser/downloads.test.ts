import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agency, AgencyDirectory, loadAgencyDirectory } from "../../src/domain/agencies.js";
import type { FakeUser } from "../../src/emulator/fake-user.js";
import { STANDING_ROUND } from "../../src/services/active-round.js";
import { launchBrowser, newContext, signIn } from "../support/browser.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";

/** Agencies beyond the real directory, so that building the workbook takes long enough to be watched. */
const EXTRA = 2_000;

/** A round's files in a real browser: the workbook built in the background with its progress, the CSV, the picture. */
describe("the downloads pages of the console", () => {
  let e2e: E2E;
  let browser: Browser;
  let base: string;
  let thu: FakeUser;
  let lan: FakeUser;
  const file = join(tmpdir(), `downloads-agencies-${process.pid}.json`);
  const round = STANDING_ROUND.id;

  beforeAll(async () => {
    const extra = Array.from({ length: EXTRA }, (_, index): Agency => {
      const number = String(index + 1).padStart(5, "0");
      return { id: `co-quan-${number}`, kind: index % 2 ? "ministry" : "province", name: `Cơ quan thử ${number}`, aliases: [] };
    });
    const agencies = [...loadAgencyDirectory().agencies, ...extra];
    writeFileSync(file, JSON.stringify({ version: 1, agencies }));
    e2e = await startE2E({
      publicUrl: true,
      env: { AGENCIES_FILE: file, SCHEDULER_TICK_SECONDS: "3600" },
      deps: { directory: new AgencyDirectory(agencies) },
    });
    base = `${e2e.bot.env.PUBLIC_URL}/console`;
    browser = await launchBrowser();
    thu = await e2e.join({ role: "secretariat" }, "Thu");
    lan = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Lan");
    await fillThroughService(e2e.deps, officer(31, "ha-noi"), answerer({ fullName: "Lê Thị Thu" }), () => [], { submit: true });
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
    rmSync(file, { force: true });
  });

  it("builds the workbook in the background, shows how far it is, then offers the file, which holds the agency's answers", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, thu);
    await page.goto(`${base}/rounds/${round}/downloads`);
    await page.getByRole("button", { name: "Lập báo cáo tổng hợp" }).click();
    expect(page.url()).toMatch(/\/downloads\/[0-9a-f]{16}$/);
    const total = (EXTRA + loadAgencyDirectory().agencies.length).toLocaleString("vi-VN");
    await expect(page.getByRole("status").textContent()).resolves.toMatch(
      new RegExp(`^Đang lập: [\\d.]+ trên ${total.replace(".", "\\.")} đơn vị\\.$`),
    );
    await expect(page.getByRole("link", { name: "Tải lại trang để xem tiến độ" }).isVisible()).resolves.toBe(true);
    // The page follows the build by itself: the same document, not a reload, ends with the link.
    await page.evaluate(() => {
      (globalThis as unknown as { followed: boolean }).followed = true;
    });
    // Meanwhile the page, asked again (as its refresh link does), tells how far the build is: some agencies, not all.
    const counts: string[] = [];
    for (const deadline = Date.now() + 40_000; Date.now() < deadline; ) {
      const html = await (await page.request.get(page.url())).text();
      const count = new RegExp(`Đang lập: ([\\d.]+) trên ${total.replace(".", "\\.")} đơn vị`).exec(html)?.[1];
      if (count) counts.push(count);
      if (html.includes("Đã lập xong")) break;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    expect(counts.some((count) => count !== "0")).toBe(true);
    const link = page.getByRole("link", { name: "Tải báo cáo tổng hợp (.xlsx)" });
    await link.waitFor({ timeout: 40_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { followed?: boolean }).followed)).toBe(true);
    await expect(page.getByRole("status").textContent()).resolves.toBe(`Đã lập xong: ${total} trên ${total} đơn vị.`);

    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(`bao-cao-tong-hop-${round}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const summary = workbook.worksheets[0]!;
    const rows = summary.getSheetValues().filter((row): row is ExcelJS.CellValue[] => Array.isArray(row));
    const hanoi = rows.find((row) => row.includes("ha-noi"));
    expect(hanoi).toBeDefined();
    expect(hanoi).toContain("Đã gửi");
    expect(hanoi).toContain("Lê Thị Thu");
    expect(rows.filter((row) => typeof row[2] === "string" && row[2].startsWith("co-quan-"))).toHaveLength(EXTRA);
    await context.close();
  }, 60_000);

  it("gives the CSV with the agency's row and the progress picture, as files to save", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, thu);
    await page.goto(`${base}/rounds/${round}/downloads`);
    const csvHref = await page.getByRole("link", { name: "Tải tệp CSV" }).getAttribute("href");
    const csv = await page.request.get(`${e2e.bot.env.PUBLIC_URL}${csvHref}`);
    expect(csv.headers()["content-disposition"]).toBe(`attachment; filename*=UTF-8''tong-hop-${round}.csv`);
    const line = (await csv.text()).split("\r\n").find((row) => row.split(",")[1] === "ha-noi");
    expect(line).toMatch(/^\d+,ha-noi,Hà Nội,province,submitted,/);

    const pictureHref = await page.getByRole("link", { name: "Tải hình tiến độ" }).getAttribute("href");
    const picture = await page.request.get(`${e2e.bot.env.PUBLIC_URL}${pictureHref}`);
    expect(picture.headers()["content-type"]).toBe("image/png");
    expect(picture.headers()["content-disposition"]).toMatch(/^attachment;/);
    expect((await picture.body()).subarray(1, 4).toString()).toBe("PNG");
    await context.close();
  });

  it("is not there for an officer (404)", async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, lan);
    for (const path of [`/rounds/${round}/downloads`, `/rounds/${round}/downloads/csv`, `/rounds/${round}/downloads/picture`]) {
      const response = await page.goto(`${base}${path}`).catch(() => undefined);
      expect(response?.status(), path).toBe(404);
    }
    await page.goto(`${base}/sessions`);
    const csrf = (await page.locator("body").getAttribute("data-csrf")) ?? "";
    const refused = await page.request.post(`${base}/rounds/${round}/downloads/workbook`, {
      form: { _csrf: csrf },
    });
    expect(refused.status()).toBe(404);
    await page.context().close();
  });
});
