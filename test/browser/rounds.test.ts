import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../src/emulator/fake-user.js";
import { docsScreenshot, launchBrowser, newContext, signIn } from "../support/browser.js";
import { type E2E, startE2E } from "../support/e2e.js";

const ZONE = "Asia/Ho_Chi_Minh";
/** A moment as a datetime-local field takes it, in the bot's time zone. */
const local = (at: number) => format(new TZDate(at, ZONE), "yyyy-MM-dd'T'HH:mm");
const DAY = 24 * 60 * 60 * 1000;

/** The text of whatever describes a field (its hint and its error), as a screen reader reads it after the label. */
async function descriptionOf(page: Page, field: Locator): Promise<string> {
  const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(" ");
}

/** The secretariat's rounds in a real browser: the form's errors, the announcement before creating, extend, close, reopen. */
describe("the rounds pages of the console", () => {
  let e2e: E2E;
  let browser: Browser;
  let base: string;
  let thu: FakeUser;
  let officer: FakeUser;

  beforeAll(async () => {
    e2e = await startE2E({ publicUrl: true, env: { SCHEDULER_TICK_SECONDS: "0.5" } });
    base = `${e2e.bot.env.PUBLIC_URL}/console`;
    browser = await launchBrowser();
    officer = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Lan");
    thu = await e2e.join({ role: "secretariat" }, "Thu");
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  it("shows each error beside its field, in Vietnamese, and creates nothing", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, thu);
    await page.goto(`${base}/rounds/new`);
    await page.getByLabel("Hạn gửi báo cáo", { exact: true }).fill("2020-01-15T17:00");
    await page.getByRole("button", { name: "Xem trước thông báo" }).click();

    const name = page.getByLabel("Tên đợt", { exact: true });
    const deadline = page.getByLabel("Hạn gửi báo cáo", { exact: true });
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(page, name)).toContain("Cần nhập tên đợt.");
    expect(await deadline.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(page, deadline)).toContain("Hạn gửi phải sau thời điểm mở đợt");
    expect(await deadline.inputValue()).toBe("2020-01-15T17:00");
    await expect(page.getByRole("alert").textContent()).resolves.toContain("2 mục cần sửa");
    expect(await page.getByLabel("Giờ nhắc").getAttribute("aria-invalid")).toBeNull();
    expect(await e2e.deps.rounds.list()).toHaveLength(0);

    await docsScreenshot(page, "console-rounds.png");
    await context.close();
  });

  it("shows the announcement before creating; confirmed, the round exists and the officer is told in chat", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, thu);
    await page.goto(`${base}/rounds/new`);
    const name = "Đợt thử <b>console</b> & 2026";
    const due = Date.now() + 10 * DAY;
    await page.getByLabel("Tên đợt", { exact: true }).fill(name);
    await page.getByLabel("Hạn gửi báo cáo", { exact: true }).fill(local(due));
    await page.getByLabel("Các đơn vị cụ thể:").check();
    await page.getByLabel("Danh sách đơn vị").fill("ha-noi, Bắc Kạn");
    await page.getByRole("button", { name: "Xem trước thông báo" }).click();

    await expect(page.getByRole("heading", { name: "Kiểm tra trước khi tạo đợt" }).isVisible()).resolves.toBe(true);
    const announcement = page.getByRole("figure").filter({ hasText: "Tiếng Việt" });
    await expect(announcement.textContent()).resolves.toContain(`Đợt báo cáo ${name} đã mở.`);
    await expect(page.getByRole("figure").filter({ hasText: "Tiếng Anh" }).textContent()).resolves.toContain(
      `The reporting round ${name} is open.`,
    );
    await expect(page.getByText("Hà Nội, Bắc Kạn (2 đơn vị)").isVisible()).resolves.toBe(true);
    // The name is text: the <b> typed into it is shown, not obeyed.
    expect(await page.locator("main b").count()).toBe(0);
    expect(await e2e.deps.rounds.list()).toHaveLength(0);

    // The confirmation sent again (a double click, the browser resending the form) makes no second round.
    const confirmation = page.locator("form").filter({ has: page.getByRole("button", { name: "Tạo đợt và thông báo" }) });
    const fields = Object.fromEntries(
      await confirmation
        .locator("input[type=hidden]")
        .evaluateAll((inputs) =>
          inputs.map((input) => [(input as unknown as { name: string }).name, (input as unknown as { value: string }).value]),
        ),
    ) as Record<string, string>;
    await page.getByRole("button", { name: "Tạo đợt và thông báo" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("Đã tạo đợt");
    const again = await page.request.post(`${base}/rounds/new`, { form: { ...fields, step: "create" }, maxRedirects: 0 });
    expect(again.status()).toBe(303);
    expect(again.headers().location).toContain("done=created");
    expect(await e2e.deps.rounds.list()).toHaveLength(1);
    const [round] = await e2e.deps.rounds.list();
    expect(round).toMatchObject({ name, targets: { kind: "list", agencies: ["ha-noi", "bac-kan"] }, createdBy: `member:${thu.id}` });
    expect(await e2e.deps.rounds.get(round!.id)).toBeDefined();
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row.textContent()).resolves.toMatch(/Đang mở.*0\/2/);

    const told = await officer.nextMessage(10_000);
    expect(told.text).toContain(`Đợt báo cáo ${name} đã mở.`);
    await context.close();
  });

  it("extends, refuses a deadline before the opening beside the field, closes after asking, and reopens", async () => {
    const [round] = await e2e.deps.rounds.list();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, thu);
    await page.goto(`${base}/rounds`);
    const row = () => page.getByRole("row").filter({ hasText: round!.name });

    await row().getByLabel("Hạn mới").fill("2020-03-01T08:00");
    await row().getByRole("button", { name: "Gia hạn" }).click();
    const field = row().getByLabel("Hạn mới");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(page, field)).toContain("Hạn gửi phải sau thời điểm mở đợt");
    expect((await e2e.deps.rounds.get(round!.id))?.deadline).toBe(round!.deadline);

    const later = round!.deadline + 5 * DAY;
    await row().getByLabel("Hạn mới").fill(local(later));
    await row().getByRole("button", { name: "Gia hạn" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("Đã gia hạn");
    expect((await e2e.deps.rounds.get(round!.id))?.deadline).toBe(later);

    page.once("dialog", (dialog) => void dialog.accept());
    await row().getByRole("button", { name: "Đóng đợt", exact: true }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("Đã đóng đợt");
    expect((await e2e.deps.rounds.get(round!.id))?.closedAt).toBeDefined();
    await expect(row().textContent()).resolves.toContain("Đã đóng");

    await row().getByRole("button", { name: "Mở lại" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("Đã mở lại");
    expect((await e2e.deps.rounds.get(round!.id))?.closedAt).toBeUndefined();
    await context.close();
  });

  it("without JavaScript, closing asks on a page of its own first", async () => {
    const [round] = await e2e.deps.rounds.list();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "vi-VN", javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, thu);
    await page.goto(`${base}/rounds`);
    const row = page.getByRole("row").filter({ hasText: round!.name });
    expect(await row.getByRole("button", { name: "Đóng đợt", exact: true }).count()).toBe(0);
    await row.getByRole("button", { name: "Đóng đợt…" }).click();
    await expect(page.getByRole("heading", { name: `Đóng đợt ${round!.name}?` }).isVisible()).resolves.toBe(true);
    expect((await e2e.deps.rounds.get(round!.id))?.closedAt).toBeUndefined();
    await page.getByRole("button", { name: "Đóng đợt", exact: true }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("Đã đóng đợt");
    expect((await e2e.deps.rounds.get(round!.id))?.closedAt).toBeDefined();
    await context.close();
  });

  it("answers a consultant 404 on the rounds pages", async () => {
    const minh = await e2e.join({ role: "consultant", consultantId: "ha-thanh-luong" }, "Minh");
    await thu.nextMessage(); // the secretariat is told a consultant joined
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, minh);
    expect((await page.goto(`${base}/rounds/new`))?.status()).toBe(404);
    expect((await page.goto(`${base}/rounds`))?.status()).toBe(404);
    const [round] = await e2e.deps.rounds.list();
    await page.goto(`${base}/sessions`);
    const csrf = await page.evaluate<string>("document.body.dataset.csrf || ''");
    expect(csrf).not.toBe("");
    const posted = await page.request.post(`${base}/rounds/${round!.id}/reopen`, { form: { _csrf: csrf } });
    expect(posted.status()).toBe(404);
    expect((await e2e.deps.rounds.get(round!.id))?.closedAt).toBeDefined();
    await context.close();
  });
});
