import type { Message } from "grammy/types";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import { launchBrowser, newContext, signIn } from "../support/browser.js";
import { type E2E, startE2E } from "../support/e2e.js";

/** Officers' questions in a real browser: the consultant's queue, a question's thread, answering it from the page. */
describe("the questions pages of the console", () => {
  let e2e: E2E;
  let browser: Browser;
  let base: string;
  let hanoi: FakeUser;
  let luong: FakeUser;
  let hung: FakeUser;
  let ticketId: string;

  const QUESTION = 'Hệ thống có <b>đậm</b> & "quotes" thì tính là đã kết nối không?';
  const ANSWER = "Có, nếu hệ thống đã có kênh truyền vào Mạng TSLCD (trả lời từ bảng điều khiển).";

  /** Waits for the next message whose text contains `part`, skipping others. */
  const waitFor = async (user: FakeUser, part: string, timeoutMs = 10_000): Promise<Message> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = await user.nextMessage(Math.max(1, deadline - Date.now()));
      if (textOf(message).includes(part)) return message;
    }
  };

  beforeAll(async () => {
    e2e = await startE2E({ publicUrl: true, env: { SCHEDULER_TICK_SECONDS: "3600" } });
    base = `${e2e.bot.env.PUBLIC_URL}/console`;
    browser = await launchBrowser();
    luong = await e2e.join({ role: "consultant", consultantId: "ha-thanh-luong" }, "Lương");
    hung = await e2e.join({ role: "consultant", consultantId: "nong-cong-hung" }, "Hùng");
    hanoi = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Mai");

    hanoi.send("/ask");
    await hanoi.nextMessage();
    hanoi.send(QUESTION);
    ticketId = /#(\d+)/.exec(textOf(await waitFor(hanoi, "Đã gửi câu hỏi")))![1]!;
    // The consultant is told in chat too; read it before /web, whose answer comes next in that chat.
    await waitFor(luong, `Câu hỏi #${ticketId}`);
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  it("shows the province's consultant the question as typed; the answer from the browser reaches the officer in chat", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, luong);
    await page.goto(`${base}/questions`);
    const row = page.getByRole("row", { name: new RegExp(`#${ticketId}\\b`) });
    await expect(row.getByRole("cell", { name: "Hà Nội", exact: true }).isVisible()).resolves.toBe(true);
    // A wait under an hour in minutes, as the chat says it, not "0.1 giờ".
    await expect(row.textContent()).resolves.toMatch(/Đang chờ trả lời · \d+ phút làm việc/);
    await row.getByRole("link", { name: QUESTION, exact: true }).click();

    await expect(page.getByRole("heading", { name: `Câu hỏi #${ticketId} · Hà Nội` }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(QUESTION, { exact: true }).isVisible()).resolves.toBe(true);
    // The officer's markup is text: no element was made of it.
    expect(await page.locator("main b").count()).toBe(0);
    await expect(page.getByText("Người hỏi: Mai").first().isVisible()).resolves.toBe(true);

    await page.getByLabel("Câu trả lời").fill(ANSWER);
    await page.getByRole("button", { name: "Gửi câu trả lời" }).click();
    await expect(page.getByRole("status").first().textContent()).resolves.toContain(`Đã gửi câu trả lời cho câu hỏi #${ticketId}`);
    await expect(page.getByText(ANSWER, { exact: true }).isVisible()).resolves.toBe(true);

    const answer = textOf(await waitFor(hanoi, `Trả lời câu hỏi #${ticketId}`));
    expect(answer).toContain(ANSWER);
    expect(answer).toContain(QUESTION);
    expect((await e2e.deps.ticketStore.get(Number(ticketId)))?.status).toBe("answered");
    await context.close();
  });

  it("refuses an empty answer beside the field, and sends nothing", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, luong);
    await page.goto(`${base}/questions/${ticketId}`);
    const before = (await e2e.deps.ticketStore.thread(Number(ticketId))).length;
    await page.getByRole("button", { name: "Gửi câu trả lời" }).click();
    const field = page.getByLabel("Câu trả lời");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    await expect(page.locator("#answer-error").textContent()).resolves.toBe("Hãy viết câu trả lời trước khi gửi.");
    expect(await e2e.deps.ticketStore.thread(Number(ticketId))).toHaveLength(before);
    await context.close();
  });

  it("answers another consultant with 404 for that question, and leaves it out of their list", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, hung);
    const response = await page.goto(`${base}/questions/${ticketId}`);
    expect(response?.status()).toBe(404);
    expect(await page.content()).not.toContain("đậm");

    // The session's own token, read where the member may look: what is refused is the page, not the token.
    await page.goto(`${base}/sessions`);
    const csrf = (await page.locator("body").getAttribute("data-csrf")) ?? "";
    const refused = await page.request.post(`${base}/questions/${ticketId}/answer`, {
      form: { _csrf: csrf, answer: "Tôi trả lời thay" },
    });
    expect(refused.status()).toBe(404);
    expect((await e2e.deps.ticketStore.thread(Number(ticketId))).map((message) => message.text)).not.toContain("Tôi trả lời thay");

    await page.goto(`${base}/questions`);
    await expect(page.getByRole("heading", { name: "Câu hỏi đang mở" }).isVisible()).resolves.toBe(true);
    expect(await page.getByRole("link", { name: `#${ticketId}`, exact: true }).count()).toBe(0);
    await context.close();
  });

  it("keeps an answer sent twice (a double click, a resent form) to one, in the thread and in the chat", async () => {
    hanoi.send("/ask");
    await hanoi.nextMessage();
    hanoi.send("Câu hỏi để trả lời hai lần?");
    const id = /#(\d+)/.exec(textOf(await waitFor(hanoi, "Đã gửi câu hỏi")))![1]!;
    await waitFor(luong, `Câu hỏi #${id}`);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, luong);
    await page.goto(`${base}/questions/${id}`);
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Gửi câu trả lời" }) });
    const fields = Object.fromEntries(
      await form
        .locator("input[type=hidden]")
        .evaluateAll((inputs) =>
          inputs.map((input) => [(input as unknown as { name: string }).name, (input as unknown as { value: string }).value]),
        ),
    ) as Record<string, string>;
    for (let press = 0; press < 2; press++) {
      const sent = await page.request.post(`${base}/questions/${id}/answer`, {
        form: { ...fields, answer: "Một lần thôi." },
        maxRedirects: 0,
      });
      expect(sent.status()).toBe(303);
    }
    // One answer kept, so one delivered: each answer kept is one message to the officer.
    expect((await e2e.deps.ticketStore.thread(Number(id))).filter((message) => message.text === "Một lần thôi.")).toHaveLength(1);
    expect(textOf(await waitFor(hanoi, `Trả lời câu hỏi #${id}`))).toContain("Một lần thôi.");
    await context.close();
  });

  it("shows a consultant, on an agency's page, only the questions they hold", async () => {
    hanoi.send("/ask");
    await hanoi.nextMessage();
    hanoi.send("Câu hỏi sẽ chuyển cho đầu mối khác");
    const id = Number(/#(\d+)/.exec(textOf(await waitFor(hanoi, "Đã gửi câu hỏi")))![1]);
    await waitFor(luong, `Câu hỏi #${id}`);
    const thu = await e2e.join({ role: "secretariat" }, "Thu");
    const moved = await e2e.deps.tickets.reassign((await e2e.deps.members.get(String(thu.id)))!, id, "nong-cong-hung", Date.now());
    expect(moved.ok).toBe(true);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, luong);
    const round = await e2e.deps.reports.roundFor(undefined, Date.now());
    await page.goto(`${base}/rounds/${round!.id}/agencies/ha-noi`);
    await expect(page.getByRole("heading", { name: "Hà Nội" }).isVisible()).resolves.toBe(true);
    expect(await page.content()).not.toContain("Câu hỏi sẽ chuyển cho đầu mối khác");
    await context.close();
  });

  it("offers the officer's picture as a file to save to whoever holds the question, and to no one else", async () => {
    hanoi.send("/ask");
    await hanoi.nextMessage();
    hanoi.sendPhoto("Màn hình báo lỗi khi kết nối");
    const id = /#(\d+)/.exec(textOf(await waitFor(hanoi, "Đã gửi câu hỏi")))![1]!;
    await waitFor(luong, `Câu hỏi #${id}`);
    expect((await luong.nextMessage()).photo).toBeDefined();

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, luong);
    await page.goto(`${base}/questions/${id}`);
    await expect(page.getByText("Màn hình báo lỗi khi kết nối", { exact: true }).isVisible()).resolves.toBe(true);
    const href = await page.getByRole("link", { name: "Ảnh đính kèm (tải về)" }).getAttribute("href");
    const file = await page.request.get(`${e2e.bot.env.PUBLIC_URL}${href}`);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-disposition"]).toMatch(/^attachment; filename\*=UTF-8''cau-hoi-\d+-1\.jpg$/);
    expect(file.headers()["content-security-policy"]).toContain("sandbox");
    expect((await file.body()).toString()).toBe("fake jpeg");
    await context.close();

    const other = await (await newContext(browser)).newPage();
    await signIn(other, hung);
    expect((await other.request.get(`${e2e.bot.env.PUBLIC_URL}${href}`)).status()).toBe(404);
    await other.context().close();
  });
});
