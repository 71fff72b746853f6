import { Queue } from "bullmq";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import { type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import { connectRedis } from "../../src/redis.js";
import { type E2E, startE2E } from "../support/e2e.js";

/**
 * Officers' questions through the real bot process. Working time runs round the clock here and
 * the limits are seconds (0.001 h = 3.6 s to the reminder, 0.002 h = 7.2 s to escalation), so
 * the durable timers can be watched firing, also across a SIGKILL.
 */
describe("questions reach the consultant of the province, and the answer comes back", () => {
  let e2e: E2E;
  let deps: Deps;
  let bot: E2E["bot"];
  let join: E2E["join"];
  let hanoi: FakeUser;
  let luong: FakeUser;
  let hung: FakeUser;
  let secretariat: FakeUser;

  /** Waits for the next message whose text contains `part`, skipping others. */
  const waitFor = async (user: FakeUser, part: string, timeoutMs = 10_000): Promise<Message> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = await user.nextMessage(Math.max(1, deadline - Date.now()));
      if (textOf(message).includes(part)) return message;
    }
  };

  /** Reads messages until each part has been seen, in any order. */
  const waitForAll = async (user: FakeUser, parts: string[], timeoutMs: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    const missing = new Set(parts);
    while (missing.size > 0) {
      const text = textOf(await user.nextMessage(Math.max(1, deadline - Date.now())));
      for (const part of missing) if (text.includes(part)) missing.delete(part);
    }
  };

  beforeAll(async () => {
    e2e = await startE2E({
      env: { WORK_DAYS: "1-7", WORK_HOURS: "00:00-24:00", TICKET_REMIND_HOURS: "0.001", TICKET_ESCALATE_HOURS: "0.002" },
    });
    ({ deps, bot, join } = e2e);
    luong = await join({ role: "consultant", consultantId: "ha-thanh-luong" }, "Lương");
    hung = await join({ role: "consultant", consultantId: "nong-cong-hung" }, "Hùng");
    secretariat = await join({ role: "secretariat" }, "Thư ký");
    hanoi = await join({ role: "officer", agencyId: "ha-noi" }, "Mai");
  });

  afterAll(() => e2e?.stop());

  it("a Hà Nội officer asks from a form question, Hà Thanh Lương replies, the answer comes back, and the form goes on", async () => {
    hanoi.send("/start");
    hanoi.press({ data: "f:open" }, await hanoi.nextMessage());
    const question = await hanoi.nextScreen();
    expect(textOf(question)).toContain("Họ và tên");
    hanoi.press("Hỏi tư vấn", question);
    expect(textOf(await hanoi.nextMessage())).toContain("Câu hỏi về: Phần 1 · Họ và tên");
    hanoi.send("Hệ thống đặt tại trung tâm dữ liệu VNPT có tính là đã kết nối không?");
    expect(textOf(await hanoi.nextMessage())).toMatch(/Đã gửi câu hỏi #\d+\. Người trả lời: đầu mối tư vấn Hà Thanh Lương/);
    const back = await hanoi.nextScreen();
    expect(textOf(back)).toContain("Phần 1/4 · 0%");
    expect(textOf(back)).toContain("Họ và tên");

    const routed = await waitFor(luong, "Câu hỏi #");
    expect(textOf(routed)).toContain("Hà Nội");
    expect(textOf(routed)).toContain("Người hỏi: Mai");
    expect(textOf(routed)).toContain("Về mục: Phần 1 · Họ và tên");
    luong.reply(routed, "Có, nếu có kênh truyền vào Mạng TSLCD.");
    expect(textOf(await luong.nextMessage())).toContain("Đã gửi câu trả lời");

    const answer = await waitFor(hanoi, "Trả lời câu hỏi #");
    expect(textOf(answer)).toContain("VNPT có tính là đã kết nối không?");
    expect(textOf(answer)).toContain("Có, nếu có kênh truyền vào Mạng TSLCD.");

    hanoi.reply(answer, "Cảm ơn anh. Còn CSDL hộ tịch thì sao?");
    expect(textOf(await hanoi.nextMessage())).toContain("Đã gửi thêm");
    expect(textOf(await waitFor(luong, "Người hỏi viết thêm"))).toContain("CSDL hộ tịch");

    hanoi.send("Nguyễn Thị Mai");
    expect(textOf(await hanoi.nextScreen())).toContain("Cơ quan công tác");
  });

  it("a Bắc Kạn officer's question, with a screenshot, goes to the secretariat", async () => {
    const backan = await join({ role: "officer", agencyId: "bac-kan" }, "Tuấn");
    backan.send("/ask");
    await backan.nextMessage();
    backan.sendPhoto("Màn hình báo lỗi khi kết nối");
    expect(textOf(await waitFor(backan, "Đã gửi câu hỏi"))).toContain("Bộ phận thường trực (Cục Chuyển đổi số quốc gia)");
    const routed = await waitFor(secretariat, "Bắc Kạn");
    expect(textOf(routed)).toContain("Tỉnh chưa có đầu mối tư vấn");
    expect(textOf(routed)).toContain("Màn hình báo lỗi");
    const photo = await secretariat.nextMessage();
    expect(photo.photo).toBeDefined();
  });

  it("a province whose consultant has not joined yet goes to the secretariat too", async () => {
    const danang = await join({ role: "officer", agencyId: "da-nang" }, "Hoa");
    danang.send("/ask");
    await danang.nextMessage();
    danang.send("Hỏi về hồ sơ cấp độ");
    await waitFor(danang, "Đã gửi câu hỏi");
    expect(textOf(await waitFor(secretariat, "Đà Nẵng"))).toContain("chưa đăng ký dùng trợ lý");
  });

  it("a consultant can neither see nor answer another consultant's ticket", async () => {
    hanoi.send("/ask");
    await hanoi.nextMessage();
    hanoi.send("Câu hỏi riêng cho anh Lương");
    const sent = textOf(await waitFor(hanoi, "Đã gửi câu hỏi"));
    const id = /#(\d+)/.exec(sent)![1]!;
    expect(textOf(await hanoi.nextScreen())).toContain("Cơ quan công tác");
    await waitFor(luong, `Câu hỏi #${id}`);

    hung.send("/queue");
    expect(textOf(await hung.nextMessage())).not.toContain(`#${id}`);
    const forged = {
      message_id: 1,
      date: 0,
      chat: { id: hung.id, type: "private", first_name: "Hùng" },
      text: "x",
      reply_markup: { inline_keyboard: [[{ text: "Trả lời", callback_data: `t:ans:${id}` }]] },
    } as Message;
    hung.press("Trả lời", forged);
    await hung.nextMessage();
    const seenByHanoi = hanoi.messages().length;
    hung.send("Tôi trả lời thay");
    // A delivery would be sent before the refusal is: the refusal is the signal that none was.
    expect(textOf(await hung.nextMessage())).toContain("không do anh/chị phụ trách");
    expect(hanoi.messages()).toHaveLength(seenByHanoi);

    luong.send("/queue");
    expect(textOf(await luong.nextMessage())).toContain(`#${id}`);
  });

  it("an unanswered question reminds the consultant, then goes to the secretariat, once, across a SIGKILL", async () => {
    hanoi.send("/ask");
    await hanoi.nextMessage();
    hanoi.send("Câu hỏi không ai trả lời");
    const id = /#(\d+)/.exec(textOf(await waitFor(hanoi, "Đã gửi câu hỏi")))![1]!;
    await waitFor(luong, `Câu hỏi #${id}`);
    await bot.kill("SIGKILL");
    await bot.spawn();

    // Earlier tickets left unanswered fire their own timers meanwhile; these waits pick this one's.
    // The reminder and the escalation go through the outbox, which does not promise their order.
    await waitForAll(luong, [`#${id} — Hà Nội đang chờ trả lời`, `#${id} — Hà Nội đã quá hạn`], 20_000);
    expect(textOf(await waitFor(secretariat, `#${id} — Hà Nội`, 15_000))).toContain("quá hạn");
    const [seenByLuong, seenBySecretariat] = [luong.messages().length, secretariat.messages().length];
    // The signal that nothing more comes: no timer of this ticket is left in the queue (a timer's
    // messages are sent before its job completes).
    const connection = connectRedis(e2e.store.url);
    const timers = new Queue("ticket-timers", { connection, prefix: `${e2e.store.prefix}bull` });
    try {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const pending = await timers.getJobs(["delayed", "waiting", "active", "prioritized"]);
        if (!pending.some((job) => job.id?.startsWith(`ticket-${id}-`))) break;
        if (Date.now() > deadline) throw new Error(`timers of ticket ${id} still pending`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await timers.close();
      await connection.quit();
    }
    const later = [...luong.messages().slice(seenByLuong), ...secretariat.messages().slice(seenBySecretariat)].map(textOf);
    expect(later.filter((text) => text.includes(`#${id}`))).toEqual([]);
    expect((await deps.ticketStore.get(Number(id)))?.assignee).toEqual({ kind: "secretariat" });
  }, 40_000);

  it("a reassignment of a province takes effect for the next question", async () => {
    secretariat.send("/assign ha-noi nong-cong-hung");
    expect(textOf(await waitFor(secretariat, "Từ nay"))).toContain("Nông Công Hùng");
    hanoi.send("/ask");
    await hanoi.nextMessage();
    hanoi.send("Câu hỏi sau khi đổi đầu mối");
    expect(textOf(await waitFor(hanoi, "Đã gửi câu hỏi"))).toContain("Nông Công Hùng");
    expect(textOf(await waitFor(hung, "Câu hỏi sau khi đổi đầu mối"))).toContain("Hà Nội");
    secretariat.send("/assign ha-noi ha-thanh-luong");
    await waitFor(secretariat, "Từ nay");
  });

  it("the secretariat sees every open question with its age, and each consultant's count", async () => {
    secretariat.send("/queue");
    const queue = textOf(await waitFor(secretariat, "Câu hỏi đang mở"));
    expect(queue).toContain("Bắc Kạn");
    // Answered within minutes: said in minutes, not as "0.1 giờ".
    expect(queue).toMatch(/Hà Thanh Lương: \d+ câu đang mở; thời gian trả lời \(trung vị\): \d+ phút làm việc/);
    expect(queue).toMatch(/Trương Trọng Khang: \d+ câu đang mở; chưa đăng ký dùng trợ lý/);
  });
});
