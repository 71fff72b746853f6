import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import { seriousViolations } from "../support/axe.js";
import { docsScreenshot, launchBrowser, newContext, signIn } from "../support/browser.js";
import { fillInChat } from "../support/chat-form.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT = "<script>window.__pwned=1</script>";
const DAY = 86_400_000;

/**
 * An agency's page in the console, against the real bot process, the Telegram emulator, Redis
 * and Chromium: the answers an officer typed in chat, with who gave them, when and on which
 * messenger; text that looks like HTML stays text; sending back reaches the officer in chat; and
 * who may open which agency.
 */
describe("an agency's report in the console", () => {
  let e2e: E2E;
  let browser: Browser;
  let base: string;
  let lan: FakeUser;
  let binh: FakeUser;
  let secretariat: FakeUser;
  let consultant: FakeUser;
  /** The secretariat's signed-in cookies: one sign-in link for the file (they are rate limited). */
  let desk: Awaited<ReturnType<BrowserContext["storageState"]>>;

  beforeAll(async () => {
    e2e = await startE2E({
      publicUrl: true,
      before: async ({ deps }) => {
        // Last round: Đồng Nai submitted; this round starts from its answers.
        const earlier = await deps.rounds.create(
          { id: "dot-1", name: "Đợt tháng 5", opensAt: Date.now() - 20 * DAY, deadline: Date.now() - 5 * DAY, targets: { kind: "all" } },
          "test",
          Date.now() - 20 * DAY,
        );
        if (!earlier.ok) throw new Error(earlier.reason);
        await deps.roundStore.claimOpening("dot-1");
        await fillThroughService(
          deps,
          officer(7001, "dong-nai"),
          answerer({ fullName: "Trần Văn Đức" }),
          () => ["Cổng dịch vụ công Đồng Nai"],
          { submit: true, now: Date.now() - 10 * DAY },
        );
        await deps.rounds.close("dot-1", Date.now() - 2 * DAY);
        const current = await deps.rounds.create(
          { id: "dot-2", name: "Đợt tháng 6", opensAt: Date.now() - DAY, deadline: Date.now() + 30 * DAY, targets: { kind: "all" } },
          "test",
          Date.now() - DAY,
        );
        if (!current.ok) throw new Error(current.reason);
        await deps.roundStore.claimOpening("dot-2");
        // Đồng Nai's officer opens this round's form: last round's answers come over, to be confirmed.
        await fillThroughService(deps, officer(7001, "dong-nai"), answerer(), () => [], { submit: false, stopAfter: 0 });
      },
    });
    base = `${e2e.bot.env.PUBLIC_URL}/console`;
    browser = await launchBrowser();

    // Consultants and officers first: the secretariat is told when a consultant joins.
    consultant = await e2e.join({ role: "consultant", consultantId: "ha-thanh-luong" }, "Lương");
    binh = await e2e.join({ role: "officer", agencyId: "hai-phong" }, "Bình");
    secretariat = await e2e.join({ role: "secretariat" }, "Thu");

    // Hà Nội's officer answers the whole form in chat, some answers looking like HTML, and submits.
    lan = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Lan");
    lan.press({ data: "f:open" });
    const { review } = await fillInChat(
      lan,
      await lan.nextScreen(),
      { text: { "Họ và tên": "Nguyễn Thị Lan", "Chức vụ": IMG } },
      { "1": [SCRIPT], "4.1": ["Cổng dịch vụ công Hà Nội"] },
    );
    lan.press("Gửi báo cáo", review);
    expect(textOf(await lan.nextScreen())).toContain("Đã gửi báo cáo của Hà Nội");

    const context = await newContext(browser);
    await signIn(await context.newPage(), secretariat);
    desk = await context.storageState();
    await context.close();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  const deskContext = (viewport = { width: 1366, height: 768 }, bypassCSP = false) =>
    browser.newContext({ viewport, locale: "vi-VN", storageState: desk, bypassCSP });

  it("shows the answers typed in chat with who gave them, when and on which messenger; HTML-looking answers stay text", async () => {
    const context = await deskContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${base}/rounds/dot-2/agencies/ha-noi`, { waitUntil: "load" });
    await expect(page.getByRole("heading", { level: 1, name: "Hà Nội" }).isVisible()).resolves.toBe(true);

    const name = page.getByRole("row", { name: /^Họ và tên/ });
    await expect(name.getByRole("cell").nth(0).textContent()).resolves.toBe("Nguyễn Thị Lan");
    await expect(name.getByRole("cell").nth(1).textContent()).resolves.toBe("Nguyễn Thị Lan");
    await expect(name.getByRole("cell").nth(2).textContent()).resolves.toMatch(/^\d\d:\d\d \d\d\/\d\d\/\d{4}$/);
    await expect(name.getByRole("cell").nth(3).textContent()).resolves.toBe("Telegram");
    // A choice reads as its option's words, as in chat.
    await expect(
      page
        .getByRole("row", { name: /^Đáp ứng yêu cầu theo Văn bản số 1552/ })
        .first()
        .textContent(),
    ).resolves.toContain("Đã đáp ứng");

    // The malicious answers: shown as the very text typed, and nothing ran.
    await expect(
      page
        .getByRole("row", { name: /^Chức vụ/ })
        .getByRole("cell")
        .first()
        .textContent(),
    ).resolves.toBe(IMG);
    await expect(page.getByRole("cell", { name: IMG, exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("rowheader", { name: `1.1 ${SCRIPT}` }).isVisible()).resolves.toBe(true);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);

    // The history: the same answers, newest first, with who.
    const history = page.getByRole("region", { name: "Lịch sử thay đổi" });
    await expect(history.getByRole("row").nth(1).textContent()).resolves.toContain("Gửi báo cáo");
    await expect(history.getByText(IMG, { exact: true }).count()).resolves.toBeGreaterThan(0);

    await docsScreenshot(page, "console-agency.png");
    await context.close();
  });

  it("marks the answers carried over from the last round", async () => {
    const context = await deskContext();
    const page = await context.newPage();
    await page.goto(`${base}/rounds/dot-2/agencies/dong-nai`);
    await expect(page.getByRole("heading", { name: /^Phần 1\..*chuyển từ đợt trước/ }).isVisible()).resolves.toBe(true);
    const carried = page.getByRole("row", { name: /^Họ và tên/ });
    await expect(carried.textContent()).resolves.toContain("chuyển từ đợt trước");
    await expect(page.getByRole("region", { name: "Lịch sử thay đổi" }).textContent()).resolves.toContain("Đợt tháng 5");
    await context.close();
  });

  it("lists the agency's questions with their threads, typed text shown as text", async () => {
    const { deps } = e2e;
    const asked = await deps.tickets.ask(officer(7001, "dong-nai"), "Trần Văn Đức", { text: "Mục 5 ghi gì? <b>gấp</b>" }, Date.now());
    const luong = await deps.members.get(String(consultant.id));
    const answered = await deps.tickets.answer(luong!, asked.ticket.id, "Xem hướng dẫn <i>1552</i>", undefined, Date.now());
    expect(answered.ok).toBe(true);
    const context = await deskContext();
    const page = await context.newPage();
    await page.goto(`${base}/rounds/dot-2/agencies/dong-nai`);
    const ticket = page.getByRole("article", { name: new RegExp(`^Câu hỏi #${asked.ticket.id}`) });
    await expect(ticket.getByText("Đã trả lời").isVisible()).resolves.toBe(true);
    await expect(ticket.getByText("Mục 5 ghi gì? <b>gấp</b>", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(ticket.getByText("Xem hướng dẫn <i>1552</i>", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(ticket.textContent()).resolves.toContain("Đầu mối tư vấn · Hà Thanh Lương");
    expect(await ticket.locator("b, i").count()).toBe(0);
    await context.close();
  });

  it("sends a report back with a note: the officer reads it in chat, and the page shows the new standing", async () => {
    await fillThroughService(e2e.deps, officer(binh.id, "hai-phong"), answerer({ fullName: "Phạm Văn Bình" }), () => [
      "Hệ thống một cửa điện tử Hải Phòng",
    ]);
    const context = await deskContext();
    const page = await context.newPage();
    await page.goto(`${base}/rounds/dot-2/agencies/hai-phong`);
    await expect(page.getByText("Đã gửi", { exact: true }).isVisible()).resolves.toBe(true);

    // No note: refused beside the field, nothing recorded.
    await page.getByRole("button", { name: "Trả lại để sửa" }).click();
    const note = page.getByLabel("Nội dung đề nghị sửa");
    await expect(note.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.getByText("Hãy ghi nội dung cần sửa").isVisible()).resolves.toBe(true);
    expect((await e2e.deps.responses.loadState("dot-2", "hai-phong"))?.status).toBe("submitted");

    await note.fill("Đề nghị bổ sung số quyết định phê duyệt hồ sơ cấp độ <ATTT>");
    await page.getByRole("button", { name: "Trả lại để sửa" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã trả lại báo cáo" }).textContent()).resolves.toContain("1 cán bộ");
    await expect(page.getByText("Bị trả lại", { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole("heading", { name: "Xem xét báo cáo" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: "Trả lại để sửa" }).count()).resolves.toBe(0);

    const told = textOf(await binh.nextMessage());
    expect(told).toContain("Đề nghị bổ sung số quyết định phê duyệt hồ sơ cấp độ <ATTT>");
    expect(told).toContain("Đợt tháng 6");
    await context.close();
  });

  it("lets a consultant read their provinces only: another province and a made-up id are the same 404", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, consultant);
    const own = await page.goto(`${base}/rounds/dot-2/agencies/ha-noi`);
    expect(own?.status()).toBe(200);
    await expect(page.getByRole("row", { name: /^Họ và tên/ }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: "Chấp nhận báo cáo" }).count()).resolves.toBe(0);
    const csrf = (await page.locator("body").getAttribute("data-csrf")) ?? "";
    const post = await page.request.post(`${base}/rounds/dot-2/agencies/ha-noi/review`, {
      form: { _csrf: csrf, decision: "accepted" },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(404);
    expect((await e2e.deps.responses.loadState("dot-2", "ha-noi"))?.review).toBeUndefined();

    const other = await page.goto(`${base}/rounds/dot-2/agencies/kien-giang`);
    expect(other?.status()).toBe(404);
    const otherText = await page.locator("body").textContent();
    const madeUp = await page.goto(`${base}/rounds/dot-2/agencies/khong-co-don-vi-nay`);
    expect(madeUp?.status()).toBe(404);
    expect(await page.locator("body").textContent()).toBe(otherText);
    expect((await page.goto(`${base}/rounds/dot-2/agencies/kien-giang/print`))?.status()).toBe(404);
    await context.close();
  });

  it("shows an officer their own agency read-only, with its history, and nothing else", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, lan);
    expect(page.url()).toBe(`${base}/rounds/dot-2/agencies/ha-noi`);
    await expect(page.getByRole("heading", { level: 1, name: "Hà Nội" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("region", { name: "Lịch sử thay đổi" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("heading", { name: "Xem xét báo cáo" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Chấp nhận báo cáo" }).count()).resolves.toBe(0);
    await expect(page.getByRole("heading", { name: "Câu hỏi của đơn vị" }).count()).resolves.toBe(0);
    expect((await page.goto(`${base}/rounds/dot-2/agencies/hai-phong`))?.status()).toBe(404);
    expect((await page.goto(`${base}/rounds/dot-2/agencies`))?.status()).toBe(404);
    await context.close();
  });

  it.each([
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ])("has no serious accessibility violation at $width×$height, and reaches review by keyboard", async (viewport) => {
    // axe is added to the page as a script of the test's, which the console's CSP would refuse.
    const context = await deskContext(viewport, true);
    const page = await context.newPage();
    await page.goto(`${base}/rounds/dot-2/agencies/dong-nai`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${base}/rounds/dot-2/agencies/ha-noi`);
    expect(await seriousViolations(page)).toEqual([]);
    const overflow = await page.locator("html").evaluate((root) => root.scrollWidth - root.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // From the top of the page, the Tab key reaches the decision, and Enter would press it.
    let focused = "";
    for (let presses = 0; presses < 40 && focused !== "Chấp nhận báo cáo"; presses++) {
      await page.keyboard.press("Tab");
      focused = (await page.locator(":focus").textContent()) ?? "";
    }
    expect(focused).toBe("Chấp nhận báo cáo");
    await context.close();
  });

  it("prints the report without the navigation, for A4 landscape", async () => {
    const context = await deskContext();
    const page = await context.newPage();
    for (const address of [`${base}/rounds/dot-2/agencies/ha-noi/print`, `${base}/rounds/dot-2/agencies/ha-noi?print=1`]) {
      const response = await page.goto(address);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("navigation").count()).resolves.toBe(0);
      await expect(page.getByRole("heading", { level: 1, name: "Hà Nội" }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole("row", { name: /^Họ và tên/ }).textContent()).resolves.toContain("Nguyễn Thị Lan");
      await expect(page.getByText("Thủ trưởng đơn vị").isVisible()).resolves.toBe(true);
      await expect(page.getByRole("heading", { name: "Lịch sử thay đổi" }).count()).resolves.toBe(0);
    }
    await context.close();
  });
});
