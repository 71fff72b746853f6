import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import { type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import type { FakeZaloUser, ZaloApiEmulator } from "../../src/emulator/zalo-api-emulator.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";
import { numberOf } from "../support/zalo-form.js";

/**
 * An update is applied again when its applying failed: here the reply it sends is refused once,
 * after its effect was made, and the intake tries the whole update again half a second later.
 * Whatever the update did (a question to a consultant, an answer, a round, a review decision, an
 * invite, a broadcast, a link) happens once: the repeat finds the effect's mark, written with the
 * effect, and says what was done instead of doing it again.
 */
describe("an update tried again after its reply failed does nothing twice", () => {
  let e2e: E2E;
  let deps: Deps;
  let zalo: ZaloApiEmulator;
  let secretariat: FakeUser;
  let luong: FakeUser;
  let khang: FakeUser;
  let hanoi: FakeUser;
  /** Mai's Zalo account, once linked to her. */
  let maiOnZalo: FakeZaloUser;
  /** An officer who joined on Zalo. */
  let hanh: FakeZaloUser;

  /** The next reply to this chat is refused once, as Telegram refuses a chat it cannot reach for a moment. */
  const failNextReply = (user: FakeUser) =>
    e2e.emulator.injectFailure("sendMessage", 1, 400, "Bad Request: chat not available for a moment", undefined, { chatId: user.id });

  /** Waits for the next message whose text contains `part`, skipping others. */
  const waitFor = async (user: FakeUser, part: string, timeoutMs = 10_000): Promise<Message> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = await user.nextMessage(Math.max(1, deadline - Date.now()));
      if (textOf(message).includes(part)) return message;
    }
  };

  /** The same on Zalo. */
  const waitOnZalo = async (user: FakeZaloUser, part: string, timeoutMs = 10_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await user.nextMessage(Math.max(1, deadline - Date.now()));
      if (text.includes(part)) return text;
    }
  };

  /** Every message a user got that contains `part`, once everything due was sent. */
  const received = async (user: FakeUser, part: string): Promise<string[]> => {
    await e2e.quiet();
    return user
      .messages()
      .map(textOf)
      .filter((text) => text.includes(part));
  };

  const memberOf = async (user: FakeUser) => (await deps.members.at({ channel: "telegram", id: String(user.id) }))!;

  beforeAll(async () => {
    e2e = await startE2E({ zalo: true, env: { SCHEDULER_TICK_SECONDS: "0.5" } });
    ({ deps } = e2e);
    zalo = e2e.zalo!;
    secretariat = await e2e.join({ role: "secretariat" }, "Thư ký");
    luong = await e2e.join({ role: "consultant", consultantId: "ha-thanh-luong" }, "Lương");
    khang = await e2e.join({ role: "consultant", consultantId: "truong-trong-khang" }, "Khang");
    hanoi = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Mai");
  });

  afterAll(() => e2e?.stop());

  it("a question to the consultant: one ticket, one notice, nothing of it in the form or the profile, and the officer told", async () => {
    hanoi.send("/start");
    hanoi.press({ data: "f:open" }, await hanoi.nextMessage());
    expect(textOf(await hanoi.nextScreen())).toContain("Họ và tên");
    hanoi.send("/ask");
    await hanoi.nextMessage();
    failNextReply(hanoi);
    hanoi.send("Hệ thống đặt tại trung tâm dữ liệu VNPT có tính là đã kết nối không?");
    // The first try sent the question on and could not say so; the second says so, and asks nothing again.
    const sent = textOf(await waitFor(hanoi, "Đã gửi câu hỏi #"));
    const id = /#(\d+)/.exec(sent)![1]!;
    expect(sent).toContain("Hà Thanh Lương");
    expect(textOf(await hanoi.nextScreen())).toContain("Họ và tên");
    expect((await deps.ticketStore.ofAgency("ha-noi")).map((ticket) => ticket.id)).toEqual([Number(id)]);
    expect(await deps.ticketStore.thread(Number(id))).toHaveLength(1);
    expect(await received(luong, `Câu hỏi #${id}`)).toHaveLength(1);
    // The question's text became neither an answer nor the officer's name.
    const member = await memberOf(hanoi);
    expect(member.profile.fullName).toBeUndefined();
    expect((await deps.reporting.history("ha-noi")).map((record) => record.path)).not.toContain("officer.fullName");
    // What she was writing is spent: her next line is her answer to the form, not a second question.
    hanoi.send("Nguyễn Thị Mai");
    expect(textOf(await hanoi.nextScreen())).toContain("Cơ quan công tác");
    expect(await deps.ticketStore.ofAgency("ha-noi")).toHaveLength(1);
  });

  it("an answer and a follow-up: each added to the thread once and delivered once", async () => {
    const [ticket] = await deps.ticketStore.ofAgency("ha-noi");
    const id = ticket!.id;
    const routed = luong.messages().find((message) => textOf(message).includes(`Câu hỏi #${id}`))!;
    failNextReply(luong);
    luong.reply(routed, "Có, nếu có kênh truyền vào Mạng TSLCD.");
    expect(textOf(await waitFor(luong, `Đã gửi câu trả lời cho câu hỏi #${id}`))).toBeTruthy();
    const answer = await waitFor(hanoi, `Trả lời câu hỏi #${id}`);
    failNextReply(hanoi);
    hanoi.reply(answer, "Cảm ơn anh. Còn CSDL hộ tịch thì sao?");
    expect(textOf(await waitFor(hanoi, `Đã gửi thêm vào câu hỏi #${id}`))).toBeTruthy();
    expect((await deps.ticketStore.thread(id)).map((message) => message.from)).toEqual(["officer", "consultant", "officer"]);
    expect(await received(hanoi, `Trả lời câu hỏi #${id}`)).toHaveLength(1);
    expect(await received(luong, "CSDL hộ tịch")).toHaveLength(1);
  });

  it("/round create: one round", async () => {
    failNextReply(secretariat);
    // For the ministries: the officers here answer in the round they answer in now.
    secretariat.send("/round create Đợt thử lặp lại; 15/12/2030 17:00; ministries");
    const created = textOf(await waitFor(secretariat, "Đã tạo đợt"));
    expect(created).toContain("Đợt thử lặp lại");
    const rounds = (await deps.rounds.list()).filter((round) => round.name === "Đợt thử lặp lại");
    expect(rounds).toHaveLength(1);
    expect(created).toContain(`Đã tạo đợt ${rounds[0]!.id}`);
  });

  it("a review accepted: one decision in the history, one notice to the officer", async () => {
    await fillThroughService(deps, officer(hanoi.id, "ha-noi"), answerer({ fullName: "Nguyễn Thị Mai" }), () => [], { submit: true });
    const round = await deps.rounds.activeFor("ha-noi", Date.now());
    secretariat.send(`/review ha-noi ${round.id}`);
    const review = await waitFor(secretariat, "Hà Nội");
    failNextReply(secretariat);
    secretariat.press("Chấp nhận", review);
    expect(textOf(await waitFor(secretariat, "Đã chấp nhận báo cáo của Hà Nội"))).toContain("đã báo 1 cán bộ");
    const decisions = (await deps.responses.history(round.id, "ha-noi")).filter((record) => record.path === "@review");
    expect(decisions).toHaveLength(1);
    expect(await received(hanoi, "đã chấp nhận báo cáo")).toHaveLength(1);
  });

  it("/invite officer: one invite in /invite list", async () => {
    failNextReply(secretariat);
    secretariat.send("/invite officer ha-giang");
    const said = textOf(await waitFor(secretariat, "Yêu cầu này đã tạo"));
    // The code went out with the reply that failed, and is kept only hashed: the repeat names the invite by its reference.
    expect(said).toContain("Yêu cầu này đã tạo 1 mã mời");
    const reference = /tham chiếu: ([0-9a-f]{8})/.exec(said)?.[1];
    const by = (await memberOf(secretariat)).id;
    const mine = (await deps.invites.open(Date.now())).filter((invite) => invite.issuedBy === by);
    expect(mine.map((invite) => invite.reference)).toEqual([reference]);
    secretariat.send("/invite list");
    const list = textOf(await waitFor(secretariat, "Mã mời chưa dùng"));
    expect(list).toContain("Mã mời chưa dùng (1)");
    expect(list).toContain(reference);
  });

  it("a broadcast confirmed: one broadcast, one message to each recipient", async () => {
    secretariat.send("/broadcast agencies:ha-noi");
    await waitFor(secretariat, "gửi tới 1 người");
    secretariat.send("Họp trực tuyến lúc 14:00 chiều nay");
    const confirm = await waitFor(secretariat, "Họp trực tuyến");
    failNextReply(secretariat);
    secretariat.press("Gửi", confirm);
    expect(textOf(await waitFor(secretariat, "Đã xếp hàng 1 tin nhắn"))).toContain("b1");
    expect(await deps.broadcasts.recent(10)).toHaveLength(1);
    expect(await received(hanoi, "Họp trực tuyến lúc 14:00 chiều nay")).toHaveLength(1);
  });

  it("a link confirmed: the member is told it is done, and the new account hears it once", async () => {
    hanoi.send("/link");
    const code = /Mã liên kết: (\w{4}-\w{4})/.exec(textOf(await waitFor(hanoi, "Mã liên kết")))?.[1];
    const phone = zalo.user("Mai");
    maiOnZalo = phone;
    phone.send(`/link ${code}`);
    expect(await phone.nextMessage()).toContain("cần xác nhận trên Telegram");
    const ask = await waitFor(hanoi, "Một tài khoản Zalo vừa gõ mã liên kết");
    failNextReply(hanoi);
    hanoi.press("Xác nhận: đó là Zalo của tôi", ask);
    // The first try bound the address and used the request up: the repeat must not call it gone.
    expect(textOf(await waitFor(hanoi, "Đã liên kết tài khoản Zalo"))).toContain("với anh/chị");
    expect((await deps.members.at({ channel: "zalo", id: phone.id }))?.id).toBe((await memberOf(hanoi)).id);
    await e2e.quiet();
    expect(phone.messages().filter((text) => text.includes("Đã liên kết tài khoản Zalo này"))).toHaveLength(1);
  });

  it("a question on Zalo: one ticket, one notice, nothing of it in the form", async () => {
    const user = zalo.user("Hạnh");
    hanh = user;
    const { displayCode } = await deps.invites.issue({ role: "officer", agencyId: "kien-giang" }, Date.now());
    user.send(displayCode);
    expect(await user.nextMessage()).toContain("Chào mừng anh/chị");
    user.send(numberOf(await user.nextMessage(), "Bắt đầu điền"));
    expect(await user.nextMessage()).toContain("Họ và tên");
    user.send("/ask");
    await user.nextMessage();
    // On Zalo a reply other than a form screen that does not go through is let go; the screen that
    // follows the confirmation is what fails the update when Zalo does not take it.
    zalo.failNext("sendMessage", 1, 500, "Internal Server Error", { chatId: user.id, after: 1 });
    user.send("Máy chủ báo lỗi chứng thư số khi kết nối CSDL");
    const sent = await user.nextMessage();
    expect(sent).toMatch(/Đã gửi câu hỏi #\d+\. Người trả lời: đầu mối tư vấn Trương Trọng Khang/);
    const id = /#(\d+)/.exec(sent)![1]!;
    // The repeat says it again, and shows the screen the first try could not.
    expect(await user.nextMessage()).toContain(`Đã gửi câu hỏi #${id}`);
    expect(await user.nextMessage()).toContain("Họ và tên");
    expect((await deps.ticketStore.ofAgency("kien-giang")).map((ticket) => ticket.id)).toEqual([Number(id)]);
    expect(await received(khang, `Câu hỏi #${id}`)).toHaveLength(1);
    expect((await deps.reporting.history("kien-giang")).map((record) => record.path)).not.toContain("officer.fullName");
  });

  it("a question handed over, given to another consultant and closed: each change once, each person told once", async () => {
    hanoi.send("/ask");
    await waitFor(hanoi, "Nhập câu hỏi");
    hanoi.send("Phần mềm một cửa của tỉnh có phải kết nối lại không?");
    const id = /#(\d+)/.exec(textOf(await waitFor(hanoi, "Đã gửi câu hỏi #")))![1]!;
    const routed = await waitFor(luong, `Câu hỏi #${id}`);

    luong.press("Chuyển bộ phận thường trực", routed);
    await waitFor(luong, `Ghi chú cho bộ phận thường trực về câu hỏi #${id}`);
    failNextReply(luong);
    luong.send("Câu này thuộc thẩm quyền của Văn phòng UBND tỉnh");
    expect(textOf(await waitFor(luong, `Đã chuyển câu hỏi #${id}`))).toBeTruthy();
    const handed = await waitFor(secretariat, "Văn phòng UBND tỉnh");

    secretariat.press("Giao đầu mối", handed);
    const choices = await waitFor(secretariat, `Giao câu hỏi #${id} cho đầu mối`);
    failNextReply(secretariat);
    secretariat.press("Trương Trọng Khang", choices);
    expect(textOf(await waitFor(secretariat, `Đã giao câu hỏi #${id} cho Trương Trọng Khang`))).toBeTruthy();
    const given = await waitFor(khang, `Câu hỏi #${id}`);

    failNextReply(khang);
    khang.press("Đóng câu hỏi", given);
    expect(textOf(await waitFor(khang, `Đã đóng câu hỏi #${id}`))).toBeTruthy();

    const thread = await deps.ticketStore.thread(Number(id));
    expect(thread.map((message) => message.from)).toEqual(["officer", "consultant", "consultant"]);
    expect((await deps.ticketStore.get(Number(id)))?.status).toBe("closed");
    expect(await received(secretariat, "Văn phòng UBND tỉnh")).toHaveLength(1);
    expect(await received(khang, `Câu hỏi #${id}`)).toHaveLength(1);
    expect(await received(hanoi, `Câu hỏi #${id} đã được đóng`)).toHaveLength(1);
    expect(await received(khang, "Câu hỏi này đã đóng")).toEqual([]);
  });

  it("/round close: closed once, and said so rather than refused", async () => {
    const [round] = (await deps.rounds.list()).filter((candidate) => candidate.name === "Đợt thử lặp lại");
    failNextReply(secretariat);
    secretariat.send(`/round close ${round!.id}`);
    expect(textOf(await waitFor(secretariat, `Đợt ${round!.id}:`))).toContain("hạn");
    expect((await deps.rounds.get(round!.id))?.closedAt).toBeDefined();
    expect(await received(secretariat, "đã đóng từ trước")).toEqual([]);
  });

  it("the secretariat takes an account away: taken once, each account told once", async () => {
    const mai = await memberOf(hanoi);
    failNextReply(secretariat);
    secretariat.send(`/remove ${mai.id} zalo`);
    expect(textOf(await waitFor(secretariat, `Đã gỡ tài khoản Zalo của ${mai.id}`))).toBeTruthy();
    expect(await deps.members.at({ channel: "zalo", id: maiOnZalo.id })).toBeUndefined();
    await e2e.quiet();
    expect(maiOnZalo.messages().filter((text) => text.includes("Tài khoản Zalo này đã được gỡ"))).toHaveLength(1);
    expect(await received(hanoi, "Bộ phận thường trực đã gỡ tài khoản Zalo")).toHaveLength(1);
    expect(await received(secretariat, "không có tài khoản Zalo")).toEqual([]);
  });

  it("a link code typed on Telegram: one request, the member asked once; the account then taking itself away, told once", async () => {
    hanh.send("/link");
    const code = /Mã liên kết: (\w{4}-\w{4})/.exec(await hanh.nextMessage())?.[1];
    const telegram = e2e.emulator.user({ id: 990_000 + Math.floor(Math.random() * 9_000), first_name: "Hạnh", language_code: "vi" });
    failNextReply(telegram);
    telegram.send(`/link ${code}`);
    // The first try consumed the code and asked on Zalo: the repeat says so again, not that the code is wrong.
    expect(textOf(await waitFor(telegram, "Mã đúng"))).toContain("Zalo");
    await e2e.quiet();
    const asks = hanh.messages().filter((text) => text.includes("vừa gõ mã liên kết"));
    expect(asks).toHaveLength(1);
    expect(
      telegram
        .messages()
        .map(textOf)
        .filter((text) => text.includes("Mã liên kết không đúng")),
    ).toEqual([]);

    hanh.send("xác nhận: đó là telegram của tôi");
    expect(await waitOnZalo(hanh, "Đã liên kết tài khoản Telegram")).toContain("với anh/chị");
    await waitFor(telegram, "Đã liên kết tài khoản Telegram này");
    const member = (await deps.members.at({ channel: "telegram", id: String(telegram.id) }))!;

    failNextReply(telegram);
    telegram.send("/link remove telegram");
    // The account is a stranger's after the first try: the repeat still says what was done.
    expect(textOf(await waitFor(telegram, "Đã gỡ tài khoản Telegram"))).toBeTruthy();
    expect((await deps.members.get(member.id))?.addresses.map((address) => address.channel)).toEqual(["zalo"]);
    await e2e.quiet();
    expect(hanh.messages().filter((text) => text.includes("Tài khoản Telegram của anh/chị đã được gỡ"))).toHaveLength(1);
  });

  it("/remove: the member removed once and told once; the secretariat told it is done, not that nobody has that id", async () => {
    const binh = await e2e.join({ role: "officer", agencyId: "cao-bang" }, "Bình");
    const { id } = await memberOf(binh);
    failNextReply(secretariat);
    secretariat.send(`/remove ${id}`);
    expect(textOf(await waitFor(secretariat, `Đã thu hồi quyền của ${id}`))).toBeTruthy();
    expect(await deps.members.get(id)).toBeUndefined();
    expect(await deps.members.removals(id)).toHaveLength(1);
    expect(await received(binh, "Quyền sử dụng trợ lý báo cáo")).toHaveLength(1);
    expect(await received(secretariat, "Không có thành viên")).toEqual([]);
  });

  it("joining by a code, typed or opened: joined once and welcomed again; whoever made the invite told once", async () => {
    const by = (await memberOf(secretariat)).id;
    for (const typed of [true, false]) {
      const invite = await deps.invites.issue({ role: "officer", agencyId: "bac-ninh" }, Date.now(), { issuedBy: by });
      const lan = e2e.emulator.user({ id: 980_000 + Math.floor(Math.random() * 9_000), first_name: "Lan", language_code: "vi" });
      failNextReply(lan);
      lan.send(typed ? invite.displayCode : `/start ${invite.code}`);
      // The first try joined her and could not say so: the repeat welcomes her, and does not call her a member already.
      expect(textOf(await waitFor(lan, "Chào mừng anh/chị"))).toContain("Bắc Ninh");
      await e2e.quiet();
      const member = await memberOf(lan);
      expect(member.profile).toEqual({});
      expect(
        lan
          .messages()
          .map(textOf)
          .filter((text) => text.includes("Anh/chị đã là")),
      ).toEqual([]);
      expect(await received(secretariat, `thành viên ${member.id} nay là`)).toHaveLength(1);
    }
  });

  it("a report sent back with a comment: one decision, one notice to the officer", async () => {
    const hoa = await e2e.join({ role: "officer", agencyId: "cao-bang" }, "Hoà");
    await fillThroughService(deps, officer(hoa.id, "cao-bang"), answerer({ fullName: "Lê Thị Hoà" }), () => [], { submit: true });
    const round = await deps.rounds.activeFor("cao-bang", Date.now());
    secretariat.send(`/review cao-bang ${round.id}`);
    const review = await waitFor(secretariat, "Cao Bằng");
    secretariat.press("Trả lại để sửa", review);
    await waitFor(secretariat, "Nhập nội dung đề nghị sửa");
    failNextReply(secretariat);
    secretariat.send("Mục 3 thiếu số liệu tháng 11");
    expect(textOf(await waitFor(secretariat, "Đã trả lại báo cáo của Cao Bằng"))).toContain("đã báo 1 cán bộ");
    const decisions = (await deps.responses.history(round.id, "cao-bang")).filter((record) => record.path === "@review");
    expect(decisions).toHaveLength(1);
    expect(await received(hoa, "Mục 3 thiếu số liệu tháng 11")).toHaveLength(1);
  });

  it("a link request refused: refused once, the account that asked told once", async () => {
    hanoi.send("/link");
    const code = /Mã liên kết: (\w{4}-\w{4})/.exec(textOf(await waitFor(hanoi, "Mã liên kết")))?.[1];
    const stranger = zalo.user("Người lạ");
    stranger.send(`/link ${code}`);
    expect(await waitOnZalo(stranger, "cần xác nhận trên Telegram")).toBeTruthy();
    const ask = await waitFor(hanoi, "Một tài khoản Zalo vừa gõ mã liên kết");
    failNextReply(hanoi);
    hanoi.press("Không phải tôi", ask);
    expect(textOf(await waitFor(hanoi, "Đã từ chối"))).toBeTruthy();
    expect(await deps.members.at({ channel: "zalo", id: stranger.id })).toBeUndefined();
    await e2e.quiet();
    expect(stranger.messages().filter((text) => text.includes("không được chủ tài khoản xác nhận"))).toHaveLength(1);
    expect(await received(hanoi, "đã hết hạn hoặc đã được trả lời")).toEqual([]);
  });
});
