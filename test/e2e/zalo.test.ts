import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdjustableClock } from "../../src/clock.js";
import { textOf } from "../../src/emulator/fake-user.js";
import type { FakeZaloUser, ZaloApiEmulator } from "../../src/emulator/zalo-api-emulator.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import type { OfficerMember } from "../../src/services/reporting.js";
import { MenuStore } from "../../src/storage/menus.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { fillThroughService } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";
import { fillOnZalo, isList, isQuestion, isReview, numberOf, questionOf } from "../support/zalo-form.js";

/**
 * Officers on Zalo, through the real bot process polling the Zalo emulator, with real Redis:
 * every screen is plain text with numbered lines, and everything is typed.
 */
describe("an officer fills in the form on Zalo by typing only", () => {
  let e2e: E2E;
  let zalo: ZaloApiEmulator;

  beforeAll(async () => {
    e2e = await startE2E({ zalo: true, env: { SCHEDULER_TICK_SECONDS: "0.5", BROADCAST_RATE: "50" } });
    zalo = e2e.zalo!;
  });

  afterAll(() => e2e?.stop());

  /** A Zalo user who typed an invite code; returns the greeting with where the agency stands. */
  async function officerOnZalo(agencyId: string, name = "Cán bộ"): Promise<{ user: FakeZaloUser; standing: string }> {
    const user = zalo.user(name);
    const { displayCode } = await e2e.deps.invites.issue({ role: "officer", agencyId }, Date.now());
    user.send(displayCode.toLowerCase());
    expect(await user.nextMessage()).toContain("Chào mừng anh/chị");
    return { user, standing: await user.nextMessage() };
  }

  it("prints with each invite how to join on Zalo, where there are no start links", () => {
    const cli = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", "invite", "--role", "officer", "--agency", "ha-noi"], {
      cwd: PROJECT_ROOT,
      env: e2e.bot.env,
      encoding: "utf8",
    });
    expect(cli.stdout).toMatch(/Code: (\w{4}-){2}\w{4}\nZalo: find "Bot Đề án 06" in Zalo and send the code (\w{4}-){2}\w{4} as a message/);
  });

  it("turns away a stranger politely, and lets an invite code typed as a message in", async () => {
    const stranger = zalo.user("Người lạ");
    stranger.send("Xin chào");
    expect(await stranger.nextMessage()).toContain("mã mời");
    const { standing } = await officerOnZalo("bac-kan");
    expect(standing).toContain("Bắc Kạn chưa được bắt đầu");
    expect(standing).toMatch(/\n1\. Bắt đầu điền$/);
    expect(standing).not.toMatch(/<\/?b>/);
  });

  it("completes the whole form: two systems, an edit, a delete, back, skip, review, submit, reopen, and a SIGKILL", async () => {
    const { user, standing } = await officerOnZalo("ha-noi", "Lan");
    user.send(numberOf(standing, "Bắt đầu điền"));
    let screen = await user.nextMessage();
    expect(questionOf(screen)).toBe("Họ và tên");
    user.send("Nguyễn Thị Lan");
    screen = await user.nextMessage();
    // What she typed is not said back to her: the next screen starts with its progress.
    expect(screen).toMatch(/^Phần 1\/4 · \d+% · Cán bộ đầu mối\n/);
    expect(questionOf(screen)).toBe("Cơ quan công tác");
    user.send("Quay lại");
    screen = await user.nextMessage();
    expect(questionOf(screen)).toBe("Họ và tên");
    expect(screen).toContain("Đã trả lời: Nguyễn Thị Lan");
    user.send("giữ nguyên");
    screen = await user.nextMessage();
    expect(questionOf(screen)).toBe("Cơ quan công tác");
    user.send(numberOf(screen, "Sở Khoa học và Công nghệ Hà Nội"));
    screen = await user.nextMessage();
    // A number chosen is said back in words.
    expect(screen).toMatch(/^✓ Sở Khoa học và Công nghệ Hà Nội\n/);
    expect(questionOf(screen)).toBe("Chức vụ");

    // Killed mid-form: every answer acknowledged is kept, and /start continues at the same question.
    user.send("Chuyên viên");
    screen = await user.nextMessage();
    expect(questionOf(screen)).toBe("Số điện thoại");
    await e2e.bot.kill("SIGKILL");
    await e2e.bot.spawn();
    user.send("/start");
    let back = await user.nextMessage();
    // Killed before the last answer was marked handled, the restarted bot shows its screen again first.
    if (!back.includes("đang được điền")) {
      expect(questionOf(back)).toBe("Số điện thoại");
      back = await user.nextMessage();
    }
    expect(back).toContain("đang được điền");
    user.send(numberOf(back, "Tiếp tục điền"));
    screen = await user.nextMessage();
    expect(questionOf(screen)).toBe("Số điện thoại");
    user.send("xem lại");
    screen = await user.nextMessage();
    expect(isReview(screen)).toBe(true);
    user.send("tiếp tục");
    screen = await user.nextMessage();
    expect(questionOf(screen)).toBe("Số điện thoại");

    user.send("0912 345 678");
    user.send("lan@hanoi.gov.vn");
    await user.nextMessage();
    screen = await user.nextMessage();
    expect(isList(screen)).toBe(true);
    for (const system of ["Hệ thống một cửa điện tử", "CSDL đất đai"]) {
      user.send(system);
      screen = await user.nextMessage();
      expect(questionOf(screen)).toBe("Cơ quan chủ trì, quản lý");
      user.send("Sở TTTT");
      screen = await user.nextMessage();
      expect(screen).toMatch(/\n1\. Đã đáp ứng\n2\. Đáp ứng một phần\n3\. Chưa đáp ứng\n/);
      user.send("da dap ung");
      screen = await user.nextMessage();
    }
    expect(isList(screen)).toBe(true);
    expect(screen).toMatch(/\n1\. Hệ thống một cửa điện tử\n2\. CSDL đất đai\n/);

    // Open the second system, change its managing body, then delete the first.
    user.send("2");
    screen = await user.nextMessage();
    user.send(numberOf(screen, "Cơ quan chủ trì: Sở TTTT"));
    screen = await user.nextMessage();
    user.send("Cục Chuyển đổi số");
    screen = await user.nextMessage();
    expect(isList(screen)).toBe(true);
    user.send(numberOf(screen, "Hệ thống một cửa điện tử"));
    screen = await user.nextMessage();
    user.send("xoá");
    screen = await user.nextMessage();
    expect(screen).toContain("Xoá hệ thống Hệ thống một cửa điện tử");
    user.send("xoá");
    expect(await user.nextMessage()).toBe("Đã xoá hệ thống.");
    screen = await user.nextMessage();
    expect(screen).toMatch(/\n1\. CSDL đất đai\n/);
    expect(screen).not.toContain("Hệ thống một cửa điện tử");
    user.send("xong");
    screen = await user.nextMessage();

    const { review } = await fillOnZalo(user, screen, {}, { "4.1": ["Cổng dịch vụ công Hà Nội"] });
    expect(isReview(review)).toBe(true);
    expect(review).toContain("Đã trả lời đủ");

    // An optional question of part 3, skipped by its word.
    user.send(numberOf(review, "Phần 3"));
    screen = await user.nextMessage();
    user.send("1");
    screen = await user.nextMessage();
    expect(isQuestion(screen)).toBe(true);
    user.send("bỏ qua");
    // Back to part 3, the skipped question among its answers; the review a word away.
    screen = await user.nextMessage();
    expect(screen).toContain("Phần 3 · ");
    expect(screen).toMatch(/\(bỏ qua\)/);
    user.send("về trang xem lại");
    expect(isReview(await user.nextMessage())).toBe(true);
    user.send("gửi");
    const submitted = await user.nextMessage();
    expect(submitted).toContain("Đã gửi báo cáo của Hà Nội");
    const stored = await e2e.deps.reporting.standingIn("488", e2e.deps.directory.get("ha-noi")!);
    expect(stored.status).toBe("submitted");
    user.send("mở lại");
    expect(await user.nextMessage()).toContain("Xem lại báo cáo");
    expect((await e2e.deps.reporting.standingIn("488", e2e.deps.directory.get("ha-noi")!)).status).toBe("reopened");

    const state = await (await e2e.deps.reports.exportSource((await e2e.deps.reports.roundFor(undefined, Date.now()))!, [])).load("ha-noi");
    const bodies = [...(state?.answers ?? [])].filter(([path]) => path.startsWith("r1#") && path.endsWith(".body"));
    expect(bodies.map(([, answer]) => answer.value)).toEqual(["Cục Chuyển đổi số"]);
    expect(zalo.sentTo(user.id).every((message) => message.text.length <= 2000)).toBe(true);
  }, 60_000);

  it("shows the current screen again for a number typed before it arrived", async () => {
    const { user, standing } = await officerOnZalo("hai-phong");
    user.send("1");
    let screen = await user.nextMessage();
    user.send("Trần Văn Bình");
    screen = await user.nextMessage();
    expect(questionOf(screen)).toBe("Cơ quan công tác");
    const typedEarlier = Date.now() - 60_000;
    user.send("1", typedEarlier);
    screen = await user.nextMessage();
    expect(screen).toContain("Màn hình đã thay đổi");
    // Zalo has no buttons: never a word of an old button.
    expect(zalo.sentTo(user.id).some((message) => message.text.includes("Nút này"))).toBe(false);
    expect(questionOf(screen)).toBe("Cơ quan công tác");
    // Zalo has no buttons: no hint asks to press one.
    expect(screen).not.toMatch(/[Bb]ấm/);
    const state = await (await e2e.deps.reports.exportSource((await e2e.deps.reports.roundFor(undefined, Date.now()))!, [])).load(
      "hai-phong",
    );
    expect(state?.answers.has("officer.agency")).toBe(false);
    expect(standing).toBeTruthy();
  });

  it("shows the next screen when Zalo did not take it the first time, and applies the answer once", async () => {
    const { user, standing } = await officerOnZalo("ha-giang");
    user.send(numberOf(standing, "Bắt đầu điền"));
    expect(questionOf(await user.nextMessage())).toBe("Họ và tên");
    zalo.failNext("sendMessage", 1, 500, "Internal Server Error");
    user.send("Vàng Thị Mai");
    expect(questionOf(await user.nextMessage())).toBe("Cơ quan công tác");
    const member = (await e2e.deps.members.at({ channel: "zalo", id: user.id })) as OfficerMember;
    const history = await e2e.deps.reporting.history(member.binding.agencyId);
    expect(history.filter((record) => record.path === "officer.fullName").map((record) => record.new)).toEqual(["Vàng Thị Mai"]);
  });

  it("does not show that screen again when the officer has written since", async () => {
    const { user, standing } = await officerOnZalo("son-la");
    user.send(numberOf(standing, "Bắt đầu điền"));
    expect(questionOf(await user.nextMessage())).toBe("Họ và tên");
    zalo.failNext("sendMessage", 1, 500, "Internal Server Error");
    user.send("Lò Văn Pao");
    user.send("Sở Thông tin và Truyền thông Sơn La");
    expect(questionOf(await user.nextMessage())).toBe("Chức vụ");
    const member = (await e2e.deps.members.at({ channel: "zalo", id: user.id })) as OfficerMember;
    const history = await e2e.deps.reporting.history(member.binding.agencyId);
    expect(history.map((record) => [record.path, record.new])).toEqual([
      ["officer.fullName", "Lò Văn Pao"],
      ["officer.agency", "Sở Thông tin và Truyền thông Sơn La"],
    ]);
  });

  it("asks to type where Telegram asks to press, also when a number is out of range", async () => {
    const { user } = await officerOnZalo("hai-duong");
    const member = (await e2e.deps.members.at({ channel: "zalo", id: user.id })) as OfficerMember;
    // Part 1 and an empty list of systems through the service: the next screen is row 2's compliance.
    await fillThroughService(e2e.deps, member, answerer({}), () => [], { submit: false, stopAfter: 7 });
    user.send("/start");
    user.send(numberOf(await user.nextMessage(), "Tiếp tục điền"));
    const screen = await user.nextMessage();
    expect(screen).toMatch(/\n1\. Đã đáp ứng\n2\. Đáp ứng một phần\n3\. Chưa đáp ứng\nHoặc gõ: /);
    expect(screen).not.toMatch(/[Bb]ấm/);
    user.send("99");
    // Only the reason: the question is still the one above.
    const refused = await user.nextMessage();
    expect(refused).toBe("Không có phương án này. Gõ số từ 1 đến 3, hoặc chữ của phương án.");
    // On a month, a number typed is the month, never a line of the menu: "3" is March, its year asked for.
    user.send("2");
    expect(questionOf(await user.nextMessage())).toContain("Hiện trạng đầu tư");
    user.send("1");
    expect(questionOf(await user.nextMessage())).toBe("Dự kiến thời gian hoàn thành, đưa vào khai thác chính thức");
    user.send("3");
    expect(await user.nextMessage()).toMatch(/^Thiếu năm: gõ tháng và năm, ví dụ 03\/20\d\d\.$/);
    user.send("quý 2 năm 2027");
    expect(await user.nextMessage()).toBe("Câu này hỏi tháng. Quý 2 năm 2027 ghi là tháng cuối quý, 06/2027: nếu đúng, gõ 06/2027.");
    user.send("06/2027");
    expect(questionOf(await user.nextMessage())).toBe("Nguyên nhân chưa đáp ứng/đáp ứng một phần");
  });

  it("reaches a Zalo officer with the round's announcement through the outbox", async () => {
    const { user } = await officerOnZalo("da-nang");
    const created = await e2e.deps.rounds.create(
      { name: "Báo cáo tháng 12", deadline: Date.now() + 7 * 86_400_000, targets: { kind: "list", agencies: ["da-nang"] } },
      "test",
      Date.now(),
    );
    expect(created.ok).toBe(true);
    const announcement = await user.nextMessage();
    expect(announcement).toContain("Báo cáo tháng 12");
    expect(announcement).toMatch(/\n1\. Bắt đầu điền$/);
    user.send("1");
    expect(questionOf(await user.nextMessage())).toBe("Họ và tên");
  });

  it("answers /help for Zalo, tells an officer whom the desk's commands are for, and one line for a sticker", async () => {
    const { user } = await officerOnZalo("nghe-an");
    user.send("/help");
    expect(await user.nextMessage()).toContain("quay lại");
    user.send("/export");
    expect(await user.nextMessage()).toContain("dành cho Bộ phận thường trực");
    user.send("/khong-co");
    expect(await user.nextMessage()).toContain("Gõ /help");
    user.sendSticker();
    expect(await user.nextMessage()).toContain("chỉ đọc được tin nhắn chữ");
  });

  it("links Zalo to an officer who joined on Telegram once she confirms there, who goes on with the same response at the same question", async () => {
    const telegram = await e2e.join({ role: "officer", agencyId: "lao-cai" }, "Hoa");
    telegram.press({ data: "f:open" });
    await telegram.nextScreen();
    telegram.send("Đỗ Thị Hoa");
    expect(textOf(await telegram.nextScreen())).toContain("Cơ quan công tác");
    telegram.send("/link");
    const codeMessage = textOf(await telegram.nextMessage());
    expect(codeMessage).toContain("Không đưa mã này cho ai");
    const code = /Mã liên kết: (\w{4}-\w{4})/.exec(codeMessage)?.[1];
    expect(code).toBeDefined();

    const phone = zalo.user("Hoa");
    phone.send(`/link ${code!.toLowerCase()}`);
    expect(await phone.nextMessage()).toContain("cần xác nhận trên Telegram");
    // Nothing is bound until the member says so from the account she already has.
    expect(await e2e.deps.members.at({ channel: "zalo", id: phone.id })).toBeUndefined();
    const ask = await telegram.nextMessage();
    expect(textOf(ask)).toContain("Một tài khoản Zalo vừa gõ mã liên kết");
    telegram.press("Xác nhận: đó là Zalo của tôi", ask);
    expect(textOf(await telegram.nextMessage())).toContain("Đã liên kết tài khoản Zalo");
    expect(await phone.nextMessage()).toContain("Đã liên kết tài khoản Zalo này: anh/chị là cán bộ đầu mối của Lào Cai");
    phone.send("/start");
    const standing = await phone.nextMessage();
    expect(standing).toContain("Lào Cai đang được điền");
    phone.send(numberOf(standing, "Tiếp tục điền"));
    const screen = await phone.nextMessage();
    expect(questionOf(screen)).toBe("Cơ quan công tác");
    phone.send(`/link ${code}`);
    expect(await phone.nextMessage()).toContain("Mã liên kết không đúng hoặc đã hết hạn");

    // An account can leave only by itself: the Zalo one cannot push the Telegram one out.
    phone.send("/link remove telegram");
    expect(await phone.nextMessage()).toContain("Chỉ gỡ được tài khoản Telegram từ chính tài khoản đó");
    telegram.send("/link remove telegram");
    expect(textOf(await telegram.nextMessage())).toContain("Đã gỡ tài khoản Telegram");
    expect(await phone.nextMessage()).toContain("Tài khoản Telegram của anh/chị đã được gỡ");
    telegram.send("/start");
    expect(textOf(await telegram.nextMessage())).toContain("mã mời");
    phone.send("/link remove zalo");
    expect(await phone.nextMessage()).toContain("Không thể gỡ tài khoản cuối cùng");
  });

  it("keeps a Zalo account out when whoever typed the member's link code is refused by the member", async () => {
    const telegram = await e2e.join({ role: "officer", agencyId: "yen-bai" }, "Mai");
    telegram.send("/link");
    const code = /Mã liên kết: (\w{4}-\w{4})/.exec(textOf(await telegram.nextMessage()))?.[1];
    const thief = zalo.user("Kẻ lạ");
    thief.send(code!);
    expect(await thief.nextMessage()).toContain("cần xác nhận trên Telegram");
    const ask = await telegram.nextMessage();
    telegram.press("Không phải tôi", ask);
    expect(textOf(await telegram.nextMessage())).toContain("Đã từ chối");
    expect(await thief.nextMessage()).toContain("không được chủ tài khoản xác nhận");
    expect(await e2e.deps.members.at({ channel: "zalo", id: thief.id })).toBeUndefined();
    expect((await e2e.deps.members.at({ channel: "telegram", id: String(telegram.id) }))?.addresses).toHaveLength(1);
    // Pressing again changes nothing.
    telegram.press("Xác nhận: đó là Zalo của tôi", ask);
    expect(textOf(await telegram.nextMessage())).toContain("đã hết hạn hoặc đã được trả lời");
    expect(await e2e.deps.members.at({ channel: "zalo", id: thief.id })).toBeUndefined();
  });

  it("answers a stranger once an hour, and drops a private message whose chat is not its sender", async () => {
    const stranger = zalo.user("Người lạ 2");
    stranger.send("Xin chào");
    expect(await stranger.nextMessage()).toContain("mã mời");
    stranger.send("Có ai không?");
    stranger.send("/help");
    const forged = stranger.incoming({ text: "/start" });
    zalo.deliver({ ...forged, message: { ...forged.message, from: { ...forged.message.from, id: "someone-else" } } });
    const { displayCode } = await e2e.deps.invites.issue({ role: "officer", agencyId: "son-la" }, Date.now());
    stranger.send(displayCode);
    // One chat's messages are applied in order: the welcome comes next only if those above got nothing.
    expect(await stranger.nextMessage()).toContain("Chào mừng anh/chị");
  });

  it("carries a Zalo officer's question with a photo to the Telegram consultant of her province, and his reply back", async () => {
    const khang = await e2e.join({ role: "consultant", consultantId: "truong-trong-khang" }, "Khang");
    const { user, standing } = await officerOnZalo("kien-giang", "Hạnh");
    user.send(numberOf(standing, "Bắt đầu điền"));
    expect(questionOf(await user.nextMessage())).toBe("Họ và tên");
    user.send("Trần Thị Hạnh");
    const workplace = await user.nextMessage();
    expect(questionOf(workplace)).toBe("Cơ quan công tác");
    user.send("hỏi tư vấn");
    expect(await user.nextMessage()).toContain("Câu hỏi về: Phần 1 · Cơ quan công tác");
    const screenshot = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    user.sendPhoto(screenshot, "Màn hình báo lỗi khi kết nối CSDL");
    expect(await user.nextMessage()).toMatch(/Đã gửi câu hỏi #\d+\. Người trả lời: đầu mối tư vấn Trương Trọng Khang/);
    expect(numberOf(await user.nextMessage(), "Sở Khoa học và Công nghệ Kiên Giang")).toBe("1");

    const routed = await khang.nextMessage();
    expect(textOf(routed)).toContain("Kiên Giang");
    expect(textOf(routed)).toContain("Màn hình báo lỗi khi kết nối CSDL");
    const photo = await khang.nextMessage();
    expect(photo.photo).toBeDefined();
    expect(e2e.emulator.files.get(photo.photo![0]!.file_id)?.bytes.equals(screenshot)).toBe(true);
    khang.reply(photo, "Anh/chị kiểm tra lại chứng thư số của máy chủ.");
    expect(textOf(await khang.nextMessage())).toContain("Đã gửi câu trả lời");

    const answer = await user.nextMessage();
    expect(answer).toContain("Anh/chị kiểm tra lại chứng thư số của máy chủ.");
    expect(answer).not.toMatch(/<\/?(b|blockquote)>/);
    // The form's screen keeps its numbers: the answer's button is a word to type.
    expect(answer).toMatch(/\nGõ: hỏi thêm$/);
    const menu = await new MenuStore(e2e.deps.redis, e2e.deps.keys).get({ channel: "zalo", id: user.id });
    expect(menu?.buttons.filter((button) => button.number !== undefined).map((button) => [button.number, button.label])).toEqual([
      [1, "Sở Khoa học và Công nghệ Kiên Giang"],
    ]);
    user.send("hỏi thêm");
    await user.nextMessage();
    user.send("Đã làm, vẫn lỗi.");
    expect(await user.nextMessage()).toContain("Đã gửi thêm");
    expect(textOf(await khang.nextMessage())).toContain("Đã làm, vẫn lỗi.");
  });

  it("carries a Telegram officer's question to a consultant on Zalo, who answers by typing", async () => {
    const tin = zalo.user("Tin");
    const { displayCode } = await e2e.deps.invites.issue({ role: "consultant", consultantId: "phung-van-tin" }, Date.now());
    tin.send(displayCode);
    await tin.nextMessage();
    const officer = await e2e.join({ role: "officer", agencyId: "quang-nam" }, "Sơn");
    officer.send("/ask");
    await officer.nextMessage();
    officer.sendPhoto("Sơ đồ kết nối");
    expect(textOf(await officer.nextMessage())).toContain("Phùng Văn Tin");
    expect(textOf(await officer.nextMessage())).toContain("Quảng Nam chưa được bắt đầu");

    const routed = await tin.nextMessage();
    expect(routed).toContain("Quảng Nam");
    expect(routed).toContain("Sơ đồ kết nối");
    // Without PUBLIC_URL the bot has no link to give: the consultant is told where the picture is.
    expect(routed).toContain("📎 Tệp kèm câu hỏi #");
    expect(routed).toContain("Zalo chưa nhận được tệp");
    tin.send("/queue");
    const queue = await tin.nextMessage();
    expect(queue).toContain("Quảng Nam");
    expect(queue).toMatch(/\n1\. Trả lời #\d+/);
    tin.send("/progress 488");
    const progress = await tin.nextMessage();
    expect(progress).toContain("Tiến độ: Báo cáo thường trực");
    expect(progress).toContain("📎 Mỗi hàng một đơn vị");
    expect(progress).toContain("Zalo chưa nhận được tệp");
    expect(progress).not.toMatch(/<\/?b>/);
    tin.send(numberOf(queue, "Trả lời #"));
    expect(await tin.nextMessage()).toContain("Nhập câu trả lời");
    tin.send("Sơ đồ đúng; cần thêm đường truyền dự phòng.");
    expect(await tin.nextMessage()).toContain("Đã gửi câu trả lời");
    const answer = await officer.nextMessage();
    expect(textOf(answer)).toContain("Sơ đồ đúng; cần thêm đường truyền dự phòng.");
  });

  it("treats getUpdates' 408 as idle, and ignores the bot's own messages coming back", async () => {
    const { user } = await officerOnZalo("can-tho");
    zalo.failNext("getUpdates", 3, 408, "Request Timeout");
    const echo = user.incoming({ text: "Tin nhắn của bot" });
    zalo.deliver({ ...echo, message: { ...echo.message, from: { id: zalo.botId, display_name: "Bot", is_bot: true } } });
    user.send("/help");
    // One chat's messages are applied in order: the first reply is the one to /help.
    expect(await user.nextMessage()).toContain("gõ số của lựa chọn");
    expect(e2e.bot.output).not.toContain("Zalo getUpdates failed");
  });
});

/**
 * The screen after submit, reopen and resubmit, against what is stored: the bot process runs with
 * CLOCK=adjustable and the test moves "now", so each of the three happens in a minute of its own.
 */
describe("an officer's receipt on Zalo shows the status and time just recorded", () => {
  let e2e: E2E;
  let zalo: ZaloApiEmulator;
  let clock: AdjustableClock;
  const at = (local: string) => new Date(`${local}+07:00`).getTime();

  beforeAll(async () => {
    e2e = await startE2E({ zalo: true, env: { CLOCK: "adjustable", SCHEDULER_TICK_SECONDS: "0.5" }, deps: { clock: "adjustable" } });
    zalo = e2e.zalo!;
    clock = e2e.deps.clock as AdjustableClock;
  });

  afterAll(() => e2e?.stop());

  /** Moves "now"; Zalo's updates read the clock as the scheduler's last tick left it, so one tick is waited for. */
  async function moveTo(local: string): Promise<void> {
    await clock.setNow(at(local));
    await e2e.quiet();
  }

  /** A screen as one text, with the rest of the messages Zalo's length limit split it into ("(1/2)"). */
  async function wholeScreen(user: FakeZaloUser, first?: string): Promise<string> {
    const parts = [first ?? (await user.nextMessage())];
    for (;;) {
      const [, part, of] = /\n\((\d+)\/(\d+)\)$/.exec(parts.at(-1)!) ?? [];
      if (part === of) return parts.join("\n");
      parts.push(await user.nextMessage());
    }
  }

  async function completedOnZalo(agencyId: string): Promise<FakeZaloUser> {
    const user = zalo.user("Cán bộ");
    const { displayCode } = await e2e.deps.invites.issue({ role: "officer", agencyId }, Date.now());
    user.send(displayCode);
    await user.nextMessage();
    user.send(numberOf(await user.nextMessage(), "Bắt đầu điền"));
    const { review } = await fillOnZalo(user, await user.nextMessage());
    expect(await wholeScreen(user, review)).toContain("Đã trả lời đủ");
    return user;
  }

  /** The numbered lines and the line of words to type. */
  const menuOf = (text: string) => text.split("\n").filter((line) => /^(\d+\. |Hoặc gõ: |Gõ: )/.test(line));

  it("submit: the confirmation shows the time just recorded", async () => {
    const user = await completedOnZalo("ha-noi");
    await moveTo("2026-11-23T09:00:00");
    user.send("gửi");
    expect(await user.nextMessage()).toContain("Đã gửi báo cáo của Hà Nội lúc 09:00 23/11/2026.");
    user.send("/start");
    expect(await user.nextMessage()).toContain("đã được gửi lúc 09:00 23/11/2026");
  });

  it("reopen: the review says the report is being changed, and offers to submit, not to reopen", async () => {
    const user = await completedOnZalo("hai-phong");
    await moveTo("2026-11-23T09:00:00");
    user.send("gửi");
    await wholeScreen(user);
    await moveTo("2026-11-23T09:30:00");
    user.send("mở lại");
    const reopened = await wholeScreen(user);
    expect(isReview(reopened)).toBe(true);
    expect(reopened).toContain("Báo cáo đã được mở lại để sửa, chưa gửi lại.");
    expect(reopened).not.toContain("Báo cáo đã được gửi");
    expect(menuOf(reopened).some((line) => line.includes("gửi báo cáo"))).toBe(true);
    expect(menuOf(reopened).some((line) => line.includes("mở lại để sửa"))).toBe(false);
  });

  it("resubmit: the confirmation shows the new time, the one /start shows", async () => {
    const user = await completedOnZalo("da-nang");
    await moveTo("2026-11-23T09:00:00");
    user.send("gửi");
    await wholeScreen(user);
    user.send("mở lại");
    await wholeScreen(user);
    await moveTo("2026-11-23T10:15:00");
    user.send("gửi");
    expect(await user.nextMessage()).toContain("Đã gửi báo cáo của Đà Nẵng lúc 10:15 23/11/2026.");
    user.send("/start");
    expect(await user.nextMessage()).toContain("Báo cáo của Đà Nẵng đã được gửi lúc 10:15 23/11/2026.");
  });
});

describe("Zalo alone, by webhook", () => {
  const SECRET = "zalo-secret-for-tests-0123456789abcdef";
  let e2e: E2E;
  let zalo: ZaloApiEmulator;

  beforeAll(async () => {
    // Zalo alone: no Telegram token at all.
    e2e = await startE2E({ zalo: true, zaloWebhookSecret: SECRET, env: { BOT_TOKEN: "" } });
    zalo = e2e.zalo!;
  });

  afterAll(() => e2e?.stop());

  it("registers its webhook with the secret and refuses a request without it", async () => {
    expect(zalo.webhook).toEqual({ url: expect.stringMatching(/\/zalo\/webhook$/), secret: SECRET });
    const user = zalo.user("Giả mạo");
    expect(await zalo.postToWebhook(user.incoming({ text: "/help" }), { secret: "wrong-secret-123" })).toBe(401);
    expect(await zalo.postToWebhook(user.incoming({ text: "/help" }), { secret: "" })).toBe(401);
    expect(zalo.sentTo(user.id)).toEqual([]);
  });

  it("takes both envelopes and applies a redelivered message once", async () => {
    const user = zalo.user("Minh");
    const { displayCode } = await e2e.deps.invites.issue({ role: "officer", agencyId: "quang-ninh" }, Date.now());
    expect(await zalo.postToWebhook(user.incoming({ text: displayCode }), { envelope: "flat" })).toBe(200);
    expect(await user.nextMessage()).toContain("Chào mừng anh/chị");
    await user.nextMessage();
    expect(await zalo.postToWebhook(user.incoming({ text: "1" }), { envelope: "wrapped" })).toBe(200);
    expect(await user.nextMessage()).toContain("Họ và tên");
    const answer = user.incoming({ text: "Phạm Văn Minh" });
    expect(await zalo.postToWebhook(answer)).toBe(200);
    expect(await zalo.postToWebhook(answer)).toBe(200);
    expect(await user.nextMessage()).toContain("Cơ quan công tác");
    // One chat's messages are applied in order: the next reply is to /help, so the repeat made none.
    expect(await zalo.postToWebhook(user.incoming({ text: "/help" }))).toBe(200);
    expect(await user.nextMessage()).toContain("gõ số của lựa chọn");
  });
});
