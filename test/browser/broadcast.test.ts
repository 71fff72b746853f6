import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../src/emulator/fake-user.js";
import { launchBrowser, newContext, signIn } from "../support/browser.js";
import { type E2E, startE2E } from "../support/e2e.js";

/** A broadcast from the console: who it reaches before it goes, then the officers' chats and the delivery report. */
describe("the broadcast page of the console", () => {
  let e2e: E2E;
  let browser: Browser;
  let base: string;
  let thu: FakeUser;
  const officers: FakeUser[] = [];

  beforeAll(async () => {
    e2e = await startE2E({ publicUrl: true, env: { SCHEDULER_TICK_SECONDS: "0.5" } });
    base = `${e2e.bot.env.PUBLIC_URL}/console`;
    browser = await launchBrowser();
    for (const agencyId of ["ha-noi", "bac-kan"]) officers.push(await e2e.join({ role: "officer", agencyId }, agencyId));
    thu = await e2e.join({ role: "secretariat" }, "Thu");
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  it("shows the reach before sending; confirmed, the officers receive it and the report counts them", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, thu);
    await page.goto(`${base}/broadcast`);

    await page.getByLabel("Cán bộ các tỉnh, thành phố").check();
    await page.getByRole("button", { name: "Xem trước số người nhận" }).click();
    const field = page.getByLabel("Nội dung thông báo");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    await expect(page.getByText("Cần nhập nội dung thông báo.", { exact: true }).isVisible()).resolves.toBe(true);

    const text = "Đề nghị các tỉnh hoàn thành báo cáo trước 17:00 thứ Sáu. <i>Trân trọng</i>";
    await field.fill(text);
    await page.getByRole("button", { name: "Xem trước số người nhận" }).click();
    await expect(page.getByRole("heading", { name: "Kiểm tra trước khi gửi" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("status").textContent()).resolves.toContain("2 người thuộc 2 đơn vị");
    await expect(page.getByText("Gửi tới: Cán bộ các tỉnh, thành phố").isVisible()).resolves.toBe(true);
    const reach = page.getByRole("table", { name: "Theo ứng dụng nhắn tin" });
    await expect(reach.getByRole("row", { name: "Telegram" }).textContent()).resolves.toContain("2");
    await expect(page.getByRole("figure").filter({ hasText: "Tiếng Việt" }).textContent()).resolves.toContain(text);
    expect(await e2e.deps.broadcasts.recent(5)).toHaveLength(0);

    await page.getByRole("button", { name: "Gửi tới 2 người" }).click();
    expect(page.url()).toMatch(/\/console\/broadcast\/b1$/);
    for (const officer of officers) {
      const received = await officer.nextMessage(10_000);
      expect(received.text).toContain(text);
    }
    // The report follows the delivery without a reload.
    const report = page.getByRole("region", { name: "Kết quả gửi" });
    await report.getByText("Đã gửi xong.").waitFor({ timeout: 5_000 });
    await expect(report.getByRole("listitem").filter({ hasText: "đã gửi" }).textContent()).resolves.toMatch(/^\s*2\s*đã gửi\s*$/);
    await expect(report.getByRole("listitem").filter({ hasText: "tổng số" }).textContent()).resolves.toMatch(/^\s*2\s*tổng số\s*$/);

    await page.goto(`${base}/broadcast`);
    await expect(page.getByRole("row").filter({ hasText: "b1" }).textContent()).resolves.toContain("2/2");
    await context.close();
  });

  it("sends nothing for a request without the CSRF token", async () => {
    await e2e.quiet();
    expect((await thu.drain(0)).join("\n")).toContain("📊"); // the sender's delivery report, in chat as before
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, thu);
    const before = (await e2e.deps.broadcasts.recent(10)).length;
    const refused = await page.request.post(`${base}/broadcast`, { form: { text: "Không được gửi", to: "provinces", step: "send" } });
    expect(refused.status()).toBe(403);
    await e2e.quiet();
    for (const officer of officers) expect(await officer.drain(0)).toEqual([]);
    expect(await e2e.deps.broadcasts.recent(10)).toHaveLength(before);
    await context.close();
  });

  it("sends a confirmed broadcast once, however often the confirmation is sent", async () => {
    await e2e.quiet();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, thu);
    await page.goto(`${base}/broadcast`);
    await page.getByLabel("Cán bộ các tỉnh, thành phố").check();
    await page.getByLabel("Nội dung thông báo").fill("Nhắc một lần thôi");
    await page.getByRole("button", { name: "Xem trước số người nhận" }).click();
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: /^Gửi tới/ }) });
    const fields = Object.fromEntries(
      await form
        .locator("input[type=hidden]")
        .evaluateAll((inputs) =>
          inputs.map((input) => [(input as unknown as { name: string }).name, (input as unknown as { value: string }).value]),
        ),
    ) as Record<string, string>;
    const before = (await e2e.deps.broadcasts.recent(10)).length;
    const confirm = () => page.request.post(`${base}/broadcast`, { form: { ...fields, step: "send" }, maxRedirects: 0 });
    const first = await confirm();
    const again = await confirm();
    expect([first.status(), again.status()]).toEqual([303, 303]);
    expect(first.headers().location).toMatch(/\/console\/broadcast\/b\d+$/);
    expect(again.headers().location).toBe(first.headers().location);
    expect(await e2e.deps.broadcasts.recent(10)).toHaveLength(before + 1);
    await e2e.quiet();
    for (const officer of officers)
      expect((await officer.drain(0)).filter((message) => message.includes("Nhắc một lần thôi"))).toHaveLength(1);
    await thu.drain(0);
    await context.close();
  });

  it("updates the delivery report as messages settle, without a reload", async () => {
    const { broadcasts } = e2e.deps;
    const recipients = [
      { memberId: "900001", agencyId: "ha-noi" },
      { memberId: "900002", agencyId: "bac-kan" },
    ];
    const id = await broadcasts.create(undefined, "Theo dõi", recipients);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, thu);
    await page.goto(`${base}/broadcast/${id}`);
    const report = page.getByRole("region", { name: "Kết quả gửi" });
    await expect(report.textContent()).resolves.toContain("Đang gửi: còn 2 tin nhắn");
    await page.evaluate("window.notReloaded = true");

    await broadcasts.settle(broadcasts.messageFor(id, recipients[0]!, { text: "" }), "sent");
    await broadcasts.settle(broadcasts.messageFor(id, recipients[1]!, { text: "" }), "blocked");
    await report.getByText("Đã gửi xong.").waitFor({ timeout: 5_000 });
    await expect(report.getByRole("listitem").filter({ hasText: "bị chặn" }).textContent()).resolves.toMatch(/^\s*1\s*bị chặn\s*$/);
    await expect(report.getByRole("listitem").filter({ hasText: "Bắc Kạn" }).isVisible()).resolves.toBe(true);
    expect(await page.evaluate("window.notReloaded")).toBe(true);
    await context.close();
  });

  it("answers anyone but the secretariat 404", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, officers[0]!);
    expect((await page.goto(`${base}/broadcast`))?.status()).toBe(404);
    expect((await page.goto(`${base}/broadcast/b1`))?.status()).toBe(404);
    await context.close();
  });
});
