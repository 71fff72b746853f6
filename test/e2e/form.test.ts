import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import type { AdjustableClock } from "../../src/clock.js";
import type { Deps } from "../../src/deps.js";
import { buttonsOf, type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import { STANDING_ROUND } from "../../src/services/active-round.js";
import type { OfficerMember } from "../../src/services/reporting.js";
import { fillInChat, isList, isReview, pressOption, questionOf } from "../support/chat-form.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { fillThroughService } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";

/**
 * Officers fill in the appendix of letter 488 through the real bot process, the emulator and
 * real Redis, reading the screens as a person would: the question, its numbered options, buttons.
 */

describe("officers answer the appendix-488 form in chat", () => {
  let e2e: E2E;
  let store: E2E["store"];
  let emulator: E2E["emulator"];
  let bot: E2E["bot"];
  let deps: Deps;
  let nextUserId = 9001;

  beforeAll(async () => {
    e2e = await startE2E();
    ({ store, emulator, bot, deps } = e2e);
  });

  afterAll(() => e2e?.stop());

  const PHONE_EXAMPLES = "số di động có 10 chữ số (ví dụ 0912 345 678), số cố định có 11 chữ số (ví dụ 024 3943 4567).";
  const TEXT_EXPECTED = "Câu hỏi này cần trả lời bằng chữ; ảnh, nhãn dán hay tin nhắn thoại không được ghi nhận.";
  /** The bot's messages sent after `since`, by id (edits change messages, they add none). */
  const sentSince = (user: FakeUser, since: Message) =>
    user
      .messages()
      .map((message) => message.message_id)
      .filter((id) => id > since.message_id);

  /** An officer who joined and pressed the button under the greeting: returns the first screen. */
  async function officerOf(agencyId: string): Promise<{ user: FakeUser; first: Message }> {
    const user = emulator.user({ id: nextUserId++, first_name: "Cán bộ", language_code: "vi" });
    const { code } = await deps.invites.issue({ role: "officer", agencyId }, Date.now());
    user.send(`/start ${code}`);
    await user.nextMessage();
    const greeting = await user.nextMessage();
    user.press({ data: "f:open" }, greeting);
    return { user, first: await user.nextScreen() };
  }

  const stateOf = (agencyId: string) =>
    deps.reporting.standing({
      id: "0",
      addresses: [],
      preferred: undefined,
      binding: { role: "officer", agencyId },
      profile: {},
      language: undefined,
      joinedAt: 0,
      blocked: false,
    });
  const responseOf = async (agencyId: string) => {
    const hash = await store.redis.hgetall(`${store.prefix}response:${STANDING_ROUND.id}:${agencyId}`);
    return hash;
  };

  it("a province officer completes the whole form, never seeing row 4.2, and submits", async () => {
    const { user, first } = await officerOf("ha-noi");
    expect(textOf(first)).toContain("Phần 1/4 · 0%");
    const { asked, review } = await fillInChat(
      user,
      first,
      {
        choice: { "Đáp ứng yêu cầu theo Văn bản số 1552/BTTTT-THH": 2 },
        text: { "Cơ quan công tác": "Sở Thông tin và Truyền thông Hà Nội" },
      },
      { "1": ["Hệ thống một cửa điện tử"] },
    );
    expect(asked).not.toContain("Tên CSDL quốc gia, CSDL chuyên ngành");
    expect(asked).toContain("Trong trường hợp đáp ứng một phần, liệt kê các chức năng chính chưa đáp ứng");
    expect(textOf(review)).toContain("Đã trả lời đủ");
    user.press("Gửi báo cáo", review);
    const submitted = textOf(await user.nextScreen());
    expect(submitted).toContain("Đã gửi báo cáo của Hà Nội");
    expect(submitted).toContain("• Hàng 1 (Mạng, đường truyền): đáp ứng một phần: Hệ thống một cửa điện tử");
    // Row 2 only partly met: Hà Nội does not count as fully compliant yet, and is told why.
    expect(submitted).toContain("Hà Nội chưa đạt 100% yêu cầu");
    expect(submitted).toContain("• Hàng 2 (HTTT giải quyết TTHC): đáp ứng một phần");
    expect((await stateOf("ha-noi")).status).toBe("submitted");
    const hash = await responseOf("ha-noi");
    expect(JSON.parse(hash["a:officer.agency"]!).v).toBe("Sở Thông tin và Truyền thông Hà Nội");
    expect(Object.keys(hash).some((field) => field.startsWith("a:r4_2"))).toBe(false);
  });

  it("a ministry officer answers row 4.2 as well", async () => {
    const { user, first } = await officerOf("bo-tu-phap");
    const { asked } = await fillInChat(user, first, {}, { "4.2": ["CSDL hộ tịch điện tử"] });
    expect(asked).toContain("Cơ quan chủ trì, quản lý");
    const hash = await responseOf("bo-tu-phap");
    expect(Object.entries(hash).some(([field, value]) => field.startsWith("a:r4_2#") && value.includes("CSDL hộ tịch điện tử"))).toBe(true);
  });

  it("shows the next question when the reply to a saved answer failed, and does not apply the answer twice", async () => {
    const { user } = await officerOf("quang-tri");
    // The next question cannot be sent once: the update fails after its answer was saved, and is tried again.
    emulator.injectFailure("sendMessage", 1, 400, "Bad Request: chat not available for a moment");
    user.send("Hồ Thị Vân");
    const next = await user.nextScreen();
    expect(questionOf(next)).toBe("Cơ quan công tác");
    const stored = await responseOf("quang-tri");
    expect(JSON.parse(stored["a:officer.fullName"] ?? "{}").v).toBe("Hồ Thị Vân");
    expect(stored["a:officer.agency"]).toBeUndefined();
  });

  it("does not show that question again when the officer has written since: their next answer lands where they meant it", async () => {
    const { user } = await officerOf("cao-bang");
    emulator.injectFailure("sendMessage", 1, 400, "Bad Request: chat not available for a moment");
    user.send("Phan Văn Minh");
    // Typed before the failed update is tried again (half a second later), as a person who knows the form would.
    user.send("Sở Thông tin và Truyền thông Cao Bằng");
    expect(questionOf(await user.nextScreen())).toBe("Chức vụ");
    const stored = await responseOf("cao-bang");
    expect(JSON.parse(stored["a:officer.fullName"] ?? "{}").v).toBe("Phan Văn Minh");
    expect(JSON.parse(stored["a:officer.agency"] ?? "{}").v).toBe("Sở Thông tin và Truyền thông Cao Bằng");
  });

  it("does the same for a pressed answer, whose callback was answered by the failed try", async () => {
    const { user } = await officerOf("quang-binh");
    user.send("Trần Văn Hải");
    const workplace = await user.nextScreen();
    emulator.injectFailure("sendMessage", 1, 400, "Bad Request: chat not available for a moment");
    user.press("Sở Khoa học và Công nghệ Quảng Bình", workplace);
    expect(questionOf(await user.nextScreen())).toBe("Chức vụ");
  });

  it("takes the next answer while the answered question's message still waits to be tidied", async () => {
    const { user, first } = await officerOf("ha-tinh");
    // Telegram holds up the edit that shows the first answer kept: auto-retry waits out the 429.
    emulator.injectFailure("editMessageText", 1, 429, "Too Many Requests: retry after 3", { retry_after: 3 });
    user.send("Lê Văn Tâm");
    const workplace = await user.nextScreen();
    user.press("Sở Khoa học và Công nghệ Hà Tĩnh", workplace);
    expect(questionOf(await user.nextScreen())).toBe("Chức vụ");
    expect(textOf(user.current(first.message_id)!)).not.toContain("Lê Văn Tâm");
    await user.whenMessage(first.message_id, (message) => textOf(message).includes("Lê Văn Tâm"), 10_000);
  });

  it("refuses a bad answer on the question's own message, no second message, and takes a typed option number", async () => {
    const { user, first } = await officerOf("hai-phong");
    user.send("Trần Thị Bình");
    const workplace = await user.nextScreen();
    expect(questionOf(workplace)).toBe("Cơ quan công tác");
    user.press("Sở Khoa học và Công nghệ Hải Phòng", workplace);
    await user.nextScreen();
    user.send("Chuyên viên");
    const phone = await user.nextScreen();
    user.send("12345");
    // The question's message itself says why, on one line below it, its buttons kept.
    const refused = await user.whenMessage(phone.message_id, (message) => textOf(message) !== textOf(phone));
    expect(textOf(refused)).toBe(`${textOf(phone)}\n\n⚠ Số điện thoại chưa đúng: ${PHONE_EXAMPLES}`);
    expect(buttonsOf(refused)).toEqual(buttonsOf(phone));
    // A second refusal replaces the line.
    user.sendSticker();
    const again = await user.whenMessage(phone.message_id, (message) => textOf(message) !== textOf(refused));
    expect(textOf(again)).toBe(`${textOf(phone)}\n\n⚠ ${TEXT_EXPECTED}`);
    // The question stays the one on screen: the next answer is its answer, its screen without the line.
    user.send("0912 345 678");
    const email = await user.nextMessage();
    expect(questionOf(email)).toBe("Email");
    expect(textOf(email)).not.toContain("⚠");
    const answered = await user.whenMessage(phone.message_id, (message) => textOf(message).includes("✓ 0912 345 678"));
    expect(textOf(answered)).not.toContain("⚠");
    expect(sentSince(user, phone)).toEqual([email.message_id]);
    user.send("binh@haiphong.gov.vn");
    const list = await user.nextScreen();
    expect(isList(list)).toBe(true);
    user.send("Cổng dịch vụ công");
    await user.nextScreen();
    user.send("Sở TTTT");
    const compliance = await user.nextScreen();
    user.send("3");
    const investment = await user.nextScreen();
    expect(questionOf(investment)).toContain("Hiện trạng đầu tư");
    // The answered question shows its answer (an edit sent alongside the next question).
    await user.whenMessage(compliance.message_id, (message) => textOf(message).includes("✓ Chưa đáp ứng"));
    expect(first.message_id).toBeLessThan(investment.message_id);
  });

  it("offers the month a quarter stands for on the question's own message, and takes it with one press", async () => {
    const { user } = await officerOf("hai-duong");
    const member = (await deps.members.at(telegramAddress(user.id))) as OfficerMember;
    // Part 1 and an empty list of systems through the service: the next screen is row 2's compliance.
    await fillThroughService(deps, member, answerer({}), () => [], { submit: false, stopAfter: 7 });
    user.send("/start");
    user.press({ data: "f:open" }, await user.nextMessage());
    pressOption(user, await user.nextScreen(), 2);
    pressOption(user, await user.nextScreen(), 1);
    const month = await user.nextScreen();
    expect(questionOf(month)).toBe("Dự kiến thời gian hoàn thành, đưa vào khai thác chính thức");
    user.send("sớm nhất có thể");
    const refused = await user.whenMessage(month.message_id, (message) => textOf(message) !== textOf(month));
    expect(textOf(refused)).toBe(`${textOf(month)}\n\n⚠ Gõ tháng và năm, ví dụ 06/2027.`);
    user.send("quý 2 năm 2027");
    const proposed = await user.whenMessage(month.message_id, (message) => textOf(message) !== textOf(refused));
    // Still one line of reason, the one for this answer; the month it proposes is the first button, the question's kept below.
    expect(
      textOf(proposed)
        .split("\n")
        .filter((line) => line.startsWith("⚠")),
    ).toEqual(["⚠ Câu này hỏi tháng. Quý 2 năm 2027 ghi là tháng cuối quý, 06/2027: nếu đúng, bấm 06/2027 hoặc gõ 06/2027."]);
    expect(textOf(proposed).startsWith(textOf(month))).toBe(true);
    expect(buttonsOf(proposed).map((button) => button.text)).toEqual(["06/2027", ...buttonsOf(month).map((button) => button.text)]);
    user.press("06/2027", proposed);
    const cause = await user.nextMessage();
    expect(questionOf(cause)).toBe("Nguyên nhân chưa đáp ứng/đáp ứng một phần");
    expect(textOf(cause)).not.toContain("⚠");
    const answered = await user.whenMessage(month.message_id, (message) => textOf(message).includes("✓ 06/2027"));
    expect(textOf(answered)).not.toContain("⚠");
    expect(sentSince(user, month)).toEqual([cause.message_id]);
  });

  it("sends the reason alone when the question's message can no longer be changed", async () => {
    const { user } = await officerOf("bac-ninh");
    user.send("Nguyễn Văn Hùng");
    await user.nextScreen();
    user.send("Sở Thông tin và Truyền thông Bắc Ninh");
    const position = await user.nextScreen();
    user.send("Chuyên viên");
    const phone = await user.nextScreen();
    // The answered question's tidying is done first: the edit refused below is the reason's.
    await user.whenMessage(position.message_id, (message) => textOf(message).includes("✓ Chuyên viên"));
    emulator.injectFailure("editMessageText", 1, 400, "Bad Request: message can't be edited");
    user.send("12345");
    const reason = await user.nextMessage();
    expect(textOf(reason)).toBe(`Số điện thoại chưa đúng: ${PHONE_EXAMPLES}`);
    expect(textOf(user.current(phone.message_id)!)).toBe(textOf(phone));
  });

  it("says how to change an answer when a sent message is edited, and changes nothing", async () => {
    const { user } = await officerOf("yen-bai");
    const sent = user.send("Hà Văn Em");
    await user.nextScreen();
    const before = await responseOf("yen-bai");
    user.edit(sent, "Hà Văn Êm");
    expect(textOf(await user.nextMessage())).toContain(
      'Sửa tin nhắn đã gửi không làm thay đổi câu trả lời đã lưu. Để sửa một câu trả lời, gõ "xem lại"',
    );
    expect(await responseOf("yen-bai")).toEqual(before);
  });

  it("adds three systems, edits one and deletes one; row 5 follows", async () => {
    const { user, first } = await officerOf("da-nang");
    let screen = first;
    for (const answer of ["Lê Văn Cường", "Sở Thông tin và Truyền thông Đà Nẵng", "Phó Giám đốc", "0905 123 456", "cuong@danang.gov.vn"]) {
      user.send(answer);
      screen = await user.nextScreen();
    }
    for (const system of ["Hệ thống A", "Hệ thống B", "Hệ thống C"]) {
      expect(isList(screen)).toBe(true);
      user.send(system);
      screen = await user.nextScreen();
      user.send("Sở TTTT");
      screen = await user.nextScreen();
      user.press("Đã đáp ứng", screen);
      screen = await user.nextScreen();
    }
    expect(textOf(screen)).toMatch(/1\. Hệ thống A\n2\. Hệ thống B\n3\. Hệ thống C/);
    user.press("2", screen);
    screen = await user.nextScreen();
    expect(textOf(screen)).toContain("Hệ thống B");
    user.press("1", screen);
    screen = await user.nextScreen();
    expect(textOf(screen)).toContain("Đã trả lời: Hệ thống B");
    user.send("Hệ thống B mới");
    screen = await user.nextScreen();
    user.press("1", screen);
    screen = await user.nextScreen();
    user.press("Xoá hệ thống này", screen);
    screen = await user.nextScreen();
    expect(textOf(screen)).toContain("Xoá hệ thống Hệ thống A");
    user.press("Xoá", screen);
    screen = await user.nextScreen();
    expect(textOf(screen)).toMatch(/1\. Hệ thống B mới\n2\. Hệ thống C\n/);

    const { asked } = await fillInChat(user, screen, {});
    // Row 5 for the two systems of row 1, and for the one system fillInChat lists in 4.1.
    expect(asked.filter((question) => question === "Phê duyệt hồ sơ cấp độ ATTT")).toHaveLength(2);
    const hash = await responseOf("da-nang");
    expect(Object.keys(hash).filter((field) => field.startsWith("e:r1:"))).toHaveLength(2);
  });

  it("keeps every answer through SIGKILL and continues at the same question", async () => {
    const { user, first } = await officerOf("nghe-an");
    let screen = first;
    for (const answer of [
      "Hoàng Văn Dũng",
      "Sở TTTT Nghệ An",
      "Trưởng phòng",
      "0912 111 222",
      "dung@nghean.gov.vn",
      "Hệ thống X",
      "Sở TTTT",
    ]) {
      user.send(answer);
      screen = await user.nextScreen();
    }
    const before = await responseOf("nghe-an");
    await bot.kill("SIGKILL");
    await bot.spawn();
    user.send("/start");
    let greeting = await user.nextMessage();
    // Killed after the last answer was saved but before it was marked handled, the restarted bot
    // first shows that answer's next screen again (the reply may not have gone out).
    if (!textOf(greeting).includes("đang được điền")) {
      expect(questionOf(greeting)).toBe(questionOf(screen));
      greeting = await user.nextMessage();
    }
    expect(textOf(greeting)).toContain("đang được điền");
    user.press("Tiếp tục", greeting);
    const resumed = await user.nextScreen();
    expect(questionOf(resumed)).toBe(questionOf(screen));
    expect(textOf(resumed)).toContain("Hệ thống X");
    expect(await responseOf("nghe-an")).toEqual(before);
  });

  it("review → edit → submit → reopen → amend keeps who, when, old and new", async () => {
    const { user, first } = await officerOf("can-tho");
    let { review } = await fillInChat(user, first, { text: { "Chức vụ": "Chuyên viên" } });
    user.press("Phần 1", review);
    let screen = await user.nextScreen();
    user.press("3", screen);
    screen = await user.nextScreen();
    expect(questionOf(screen)).toBe("Chức vụ");
    user.send("Chuyên viên chính");
    // Back to the part the edit was made in, showing the new answer; the review a press away.
    screen = await user.nextScreen();
    expect(textOf(screen)).toContain("Chức vụ: Chuyên viên chính");
    user.press("Về trang xem lại", screen);
    review = await user.nextScreen();
    expect(isReview(review)).toBe(true);
    user.press("Gửi báo cáo", review);
    screen = await user.nextScreen();
    user.press("Mở lại để sửa", screen);
    review = await user.nextScreen();
    user.press("Phần 1", review);
    screen = await user.nextScreen();
    user.press("3", screen);
    await user.nextScreen();
    user.send("Phó Trưởng phòng");
    user.press("Về trang xem lại", await user.nextScreen());
    review = await user.nextScreen();
    user.press("Gửi báo cáo", review);
    await user.nextScreen();

    const history = await deps.reporting.history("can-tho");
    const position = history.filter((change) => change.path === "officer.position");
    expect(position.map((change) => [change.old ?? null, change.new])).toEqual([
      [null, "Chuyên viên"],
      ["Chuyên viên", "Chuyên viên chính"],
      ["Chuyên viên chính", "Phó Trưởng phòng"],
    ]);
    expect(position.every((change) => change.by === String(user.id) && change.at > 0)).toBe(true);
    expect(history.filter((change) => change.path === "@status").map((change) => change.new)).toEqual([
      "submitted",
      "reopened",
      "submitted",
    ]);
  });

  it("two officers of one agency share the response and answer at the same moment without harm", async () => {
    const a = await officerOf("thua-thien-hue");
    a.user.send("Nguyễn A");
    a.user.press("Sở Khoa học và Công nghệ Thừa Thiên Huế", await a.user.nextScreen());
    await a.user.nextScreen();
    const b = await officerOf("thua-thien-hue");
    expect(questionOf(b.first)).toBe("Chức vụ");
    a.user.send("Trưởng phòng A");
    b.user.send("Trưởng phòng B");
    await Promise.all([a.user.nextScreen(), b.user.nextScreen()]);
    a.user.send("0912 000 001");
    b.user.send("0912 000 002");
    await Promise.all([a.user.nextScreen(), b.user.nextScreen()]);
    const hash = await responseOf("thua-thien-hue");
    expect(JSON.parse(hash["a:officer.fullName"]!).v).toBe("Nguyễn A");
    expect(["0912000001", "0912000002"]).toContain(JSON.parse(hash["a:officer.phone"]!).v);
    expect((await deps.reporting.history("thua-thien-hue")).filter((change) => change.path === "officer.position")).toHaveLength(2);
  });
});

/**
 * The screen after submit, reopen and resubmit, against what is stored: the bot process runs with
 * CLOCK=adjustable and the test moves "now", so each of the three happens in a minute of its own.
 */
describe("an officer's receipt in chat shows the status and time just recorded", () => {
  let e2e: E2E;
  let clock: AdjustableClock;
  const at = (local: string) => new Date(`${local}+07:00`).getTime();

  beforeAll(async () => {
    e2e = await startE2E({ env: { CLOCK: "adjustable" }, deps: { clock: "adjustable" } });
    clock = e2e.deps.clock as AdjustableClock;
  });

  afterAll(() => e2e?.stop());

  async function submittedReview(agencyId: string): Promise<{ user: FakeUser; review: Message }> {
    const user = await e2e.join({ role: "officer", agencyId }, "Cán bộ");
    user.press({ data: "f:open" }, user.lastMessage());
    const { review } = await fillInChat(user, await user.nextScreen(), {});
    return { user, review };
  }

  it("submit: the confirmation shows the time just recorded", async () => {
    const { user, review } = await submittedReview("ha-noi");
    await clock.setNow(at("2026-11-23T09:00:00"));
    user.press("Gửi báo cáo", review);
    expect(textOf(await user.nextScreen())).toContain("Đã gửi báo cáo của Hà Nội lúc 09:00 23/11/2026.");
    user.send("/start");
    expect(textOf(await user.nextMessage())).toContain("đã được gửi lúc 09:00 23/11/2026");
  });

  it("reopen: the review says the report is being changed, and offers to submit, not to reopen", async () => {
    const { user, review } = await submittedReview("hai-phong");
    await clock.setNow(at("2026-11-23T09:00:00"));
    user.press("Gửi báo cáo", review);
    const submitted = await user.nextScreen();
    await clock.setNow(at("2026-11-23T09:30:00"));
    user.press("Mở lại để sửa", submitted);
    const reopened = await user.nextScreen();
    expect(isReview(reopened)).toBe(true);
    expect(textOf(reopened)).toContain("Báo cáo đã được mở lại để sửa, chưa gửi lại.");
    expect(textOf(reopened)).not.toContain("Báo cáo đã được gửi");
    const labels = buttonsOf(reopened).map((button) => button.text);
    expect(labels).toContain("Gửi báo cáo");
    expect(labels).not.toContain("Mở lại để sửa");
  });

  it("resubmit: the confirmation shows the new time, the one /start shows", async () => {
    const { user, review } = await submittedReview("da-nang");
    await clock.setNow(at("2026-11-23T09:00:00"));
    user.press("Gửi báo cáo", review);
    user.press("Mở lại để sửa", await user.nextScreen());
    const reopened = await user.nextScreen();
    await clock.setNow(at("2026-11-23T10:15:00"));
    user.press("Gửi báo cáo", reopened);
    expect(textOf(await user.nextScreen())).toContain("Đã gửi báo cáo của Đà Nẵng lúc 10:15 23/11/2026.");
    user.send("/start");
    expect(textOf(await user.nextMessage())).toContain("Báo cáo của Đà Nẵng đã được gửi lúc 10:15 23/11/2026.");
  });
});
