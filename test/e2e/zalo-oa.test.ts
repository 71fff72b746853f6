import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import { BotApiEmulator } from "../../src/emulator/bot-api-emulator.js";
import { type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import { type FakeOaUser, type OaSent, ZaloOaEmulator } from "../../src/emulator/zalo-oa-emulator.js";
import { WaitingMessages } from "../../src/jobs/outbox.js";
import { createLogger } from "../../src/logger.js";
import type { OfficerMember } from "../../src/services/reporting.js";
import { BotProcess } from "../support/bot-process.js";
import { answerFor } from "../support/chat-form.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";
import { isReview, numberOf, questionOf } from "../support/zalo-form.js";

/**
 * Officers and consultants on the ministry's Zalo Official Account, through the real bot process
 * (Telegram beside it) against the OA emulator and real Redis: buttons whose press comes back as
 * the person's text, the consultation window, the signed webhook, and tokens that rotate.
 */

interface Setting {
  store: TestRedis;
  deps: Deps;
  telegram: BotApiEmulator;
  oa: ZaloOaEmulator;
  bot: BotProcess;
  stop(): Promise<void>;
}

async function start(env: Record<string, string> = {}, before?: (oa: ZaloOaEmulator) => void): Promise<Setting> {
  const store = testRedis();
  const telegram = new BotApiEmulator();
  await telegram.start();
  const oa = new ZaloOaEmulator();
  before?.(oa);
  await oa.start();
  const bot = await BotProcess.start({
    emulator: telegram,
    redisUrl: store.url,
    prefix: store.prefix,
    zaloOa: oa,
    env: { SCHEDULER_TICK_SECONDS: "0.5", ...env },
  });
  return {
    store,
    deps: depsFor(store),
    telegram,
    oa,
    bot,
    async stop() {
      await bot.kill("SIGKILL");
      await telegram.stop();
      await oa.stop();
      await store.cleanup();
    },
  };
}

/** A person who follows the OA and types an invite code; returns the greeting with where the agency stands. */
async function joinOnOa(setting: Setting, binding: Parameters<Deps["invites"]["issue"]>[0], name = "Cán bộ") {
  const user = setting.oa.user(name);
  await user.follow();
  expect(await user.nextMessage()).toContain("gõ mã mời");
  const { displayCode } = await setting.deps.invites.issue(binding, Date.now());
  await user.send(displayCode);
  expect(await user.nextMessage()).toContain("Chào mừng anh/chị");
  const standing = binding.role === "officer" ? await user.nextSent() : undefined;
  return { user, standing };
}

const OA_URL = "https://zalo.me/1234567890123456789";

let nextTelegramId = 700_000 + Math.floor(Math.random() * 100_000) * 10;

async function joinOnTelegram(setting: Setting, binding: Parameters<Deps["invites"]["issue"]>[0], name: string): Promise<FakeUser> {
  const user = setting.telegram.user({ id: nextTelegramId++, first_name: name, language_code: "vi" });
  const { code } = await setting.deps.invites.issue(binding, Date.now());
  user.send(`/start ${code}`);
  await user.nextMessage();
  if (binding.role === "officer") await user.nextMessage();
  return user;
}

/** The words of a screen's menu: the OA numbers every line, or bullets them where a number typed is the answer. */
const menuOf = (text: string): string[] =>
  menuLines(text).flatMap((line) => /^(?:\d+\.|•) (.*)$/.exec(line)?.[1]?.toLocaleLowerCase("vi") ?? []);
/** The menu's lines: the last paragraph (a heading above may be numbered too, "2. Hệ thống…"). */
const menuLines = (text: string): string[] => (text.split("\n\n").at(-1) ?? "").split("\n");
/** A question: it offers to ask the consultant about it. */
const isQuestion = (text: string) => menuOf(text).includes("hỏi tư vấn");
/** A list of systems: it offers to close it. */
const isList = (text: string) => menuOf(text).some((words) => ["không có", "chưa kết nối", "đã đủ danh sách"].includes(words));

const COMMANDS = new Set(["quay lại", "để sau", "bỏ qua", "xem lại", "tạm dừng", "hỏi tư vấn"]);
/** A question answered by a choice: a numbered line that is no command. */
const hasOptions = (text: string) =>
  menuLines(text).some((line) => /^\d+\. /.test(line) && !COMMANDS.has(line.replace(/^\d+\. /, "").toLocaleLowerCase("vi")));

/** The label of the numbered line `number` of a screen's menu (its last lines: a row's heading may be numbered too). */
const lineOf = (text: string, number: number): string =>
  text
    .split("\n")
    .findLast((line) => line.startsWith(`${number}. `))
    ?.slice(`${number}. `.length) ?? "";

/**
 * Answers every screen until the review: a choice by pressing its button when the OA shows one
 * (typing its number when it is beyond the buttons), text by typing; lists get the given names,
 * then their closing button. Returns how many answers were presses.
 */
async function fillByPressing(
  user: FakeOaUser,
  first: OaSent,
  lists: Record<string, string[]> = {},
): Promise<{ review: OaSent; presses: number; typedChoices: number }> {
  let screen = first;
  let presses = 0;
  let typedChoices = 0;
  const added = new Set<string>();
  const press = async (label: string) => {
    presses += 1;
    await user.press(label, screen);
  };
  for (let steps = 0; steps < 300; steps++) {
    const text = screen.text;
    if (isReview(text)) return { review: screen, presses, typedChoices };
    if (isQuestion(text)) {
      const answer = answerFor(text, questionOf(text), {}, hasOptions(text));
      if ("option" in answer) {
        const label = lineOf(text, answer.option);
        if (screen.buttons.some((button) => button.title === label)) await press(label);
        else {
          typedChoices += 1;
          await user.send(String(answer.option));
        }
      } else await user.send(answer.text);
    } else if (isList(text)) {
      const number = /^(\d(?:\.\d)?)\. /m.exec(text)?.[1] ?? "";
      const next = (lists[number] ?? []).find((name) => !added.has(`${number}/${name}`));
      if (next) {
        added.add(`${number}/${next}`);
        await user.send(next);
      } else {
        const close = ["Không có", "Chưa kết nối", "Đã đủ danh sách"]
          .map((words) => screen.buttons.find((button) => button.title.includes(words)))
          .find((button) => button !== undefined);
        if (close) await press(close.title);
        else await user.send("xong");
      }
    } else {
      throw new Error(`unexpected screen: ${text.slice(0, 300)}`);
    }
    screen = await user.nextSent();
  }
  throw new Error(`the form did not end: ${screen.text.slice(0, 600)}`);
}

describe("officers and consultants on the Zalo OA", () => {
  let setting: Setting;

  beforeAll(async () => {
    setting = await start({ ZALO_OA_URL: OA_URL });
  });
  afterAll(() => setting?.stop());

  it("is named in an invite as a way to join: its link, follow, then the code", async () => {
    const desk = await joinOnTelegram(setting, { role: "secretariat" }, "Thư ký mời");
    desk.send("/invite officer lang-son");
    expect(textOf(await desk.nextMessage())).toContain(`Zalo OA: mở ${OA_URL}, bấm Quan tâm, rồi gửi mã này thành tin nhắn.`);
  });

  it("greets a new follower, lets an invite code in, and shows the choices as buttons as well as numbered lines", async () => {
    const { user, standing } = await joinOnOa(setting, { role: "officer", agencyId: "bac-kan" });
    expect(standing?.text).toContain("Bắc Kạn chưa được bắt đầu");
    // The one choice as a numbered line, and as a button posting its own words.
    const label = lineOf(standing?.text ?? "", 1);
    expect(label).toContain("Bắt đầu điền");
    expect(standing?.text.endsWith(`\n1. ${label}`)).toBe(true);
    expect(standing?.buttons).toEqual([{ title: label, type: "oa.query.show", payload: label }]);
    await user.press("Bắt đầu điền");
    const first = await user.nextSent();
    expect(questionOf(first.text)).toBe("Họ và tên");
    // Typing a number still works, as on Zalo's bot: a button is the same words.
    expect(first.buttons.length).toBeGreaterThan(0);
    expect(first.buttons.length).toBeLessThanOrEqual(5);
  });

  it("walks the whole form by pressing buttons, with a SIGKILL mid-form, and submits it", async () => {
    const { user, standing } = await joinOnOa(setting, { role: "officer", agencyId: "ha-noi" }, "Lan");
    await user.press("Bắt đầu điền", standing);
    let screen = await user.nextSent();
    expect(questionOf(screen.text)).toBe("Họ và tên");
    await user.send("Nguyễn Thị Lan");
    screen = await user.nextSent();
    expect(questionOf(screen.text)).toBe("Cơ quan công tác");
    await user.press("Hà Nội", screen);
    screen = await user.nextSent();
    // The choice is acknowledged above the next question (its wording is the dialogue's).
    expect(screen.text).toMatch(/^✓ [^\n]*Hà Nội\n/);

    // Killed mid-form: every answer acknowledged is kept, and the form goes on at the same question.
    await user.send("Chuyên viên");
    screen = await user.nextSent();
    expect(questionOf(screen.text)).toBe("Số điện thoại");
    await setting.bot.kill("SIGKILL");
    await setting.bot.spawn();
    await user.send("/start");
    let back = await user.nextSent();
    if (!back.text.includes("đang được điền")) {
      expect(questionOf(back.text)).toBe("Số điện thoại");
      back = await user.nextSent();
    }
    expect(back.text).toContain("đang được điền");
    await user.press("Tiếp tục điền", back);
    screen = await user.nextSent();
    expect(questionOf(screen.text)).toBe("Số điện thoại");

    const { review, presses, typedChoices } = await fillByPressing(user, screen, {
      "1": ["Hệ thống một cửa điện tử"],
      "4.1": ["Cổng dịch vụ công Hà Nội"],
    });
    expect(presses).toBeGreaterThan(5);
    expect(typedChoices).toBe(0);
    expect(review.text).toContain("Đã trả lời đủ");
    const submit = review.buttons.find((button) => button.title.includes("Gửi báo cáo"));
    if (submit) await user.press(submit.title, review);
    else await user.send(numberOf(review.text, "Gửi báo cáo"));
    expect(await user.nextMessage()).toContain("Đã gửi báo cáo của Hà Nội");
    const member = (await setting.deps.members.at({ channel: "zalo-oa", id: user.id })) as OfficerMember;
    expect(member.id).toBe(`o-${user.id}`);
    expect((await setting.deps.reporting.standingIn("488", setting.deps.directory.get("ha-noi")!)).status).toBe("submitted");
    // Every answer to her went as a reply to her message (Zalo counts those among the free ones); the greeting of a new follower by her id.
    const [greeting, ...answers] = setting.oa.sentTo(user.id);
    expect(greeting?.reply).toBe(false);
    expect(answers.every((message) => message.reply)).toBe(true);
    // No personal data in the log: ids and kinds only.
    expect(setting.bot.output).not.toContain("Nguyễn Thị Lan");
    expect(setting.bot.output).not.toContain("Chuyên viên");
    for (const message of setting.oa.sentTo(user.id)) {
      expect(message.text.length).toBeLessThanOrEqual(2000);
      expect(message.buttons.length).toBeLessThanOrEqual(5);
      expect(message.text).not.toMatch(/<\/?(b|i|code|blockquote)>/);
    }
  }, 60_000);

  it("takes a question with a picture to a Telegram consultant and, with the OA's window closed, brings his answer to the officer's Telegram", async () => {
    const khang = await joinOnTelegram(setting, { role: "consultant", consultantId: "truong-trong-khang" }, "Khang");
    const officer = await joinOnTelegram(setting, { role: "officer", agencyId: "kien-giang" }, "Hạnh");
    officer.send("/link");
    const code = /Mã liên kết: (\w{4}-\w{4})/.exec(textOf(await officer.nextMessage()))?.[1];
    const phone = setting.oa.user("Hạnh");
    await phone.send(code!);
    expect(await phone.nextMessage()).toContain("cần xác nhận trên Telegram");
    officer.press("Xác nhận: đó là Zalo OA của tôi", await officer.nextMessage());
    expect(textOf(await officer.nextMessage())).toContain("Đã liên kết tài khoản Zalo OA");
    expect(await phone.nextMessage()).toContain("Đã liên kết");

    // She writes from the OA last: answers go there first.
    await phone.send("/ask");
    await phone.nextMessage();
    const screenshot = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    await phone.sendPhoto(screenshot, "Kết nối CSDL dân cư báo lỗi chứng thư.");
    expect(await phone.nextMessage()).toMatch(/Đã gửi câu hỏi #\d+/);
    const routed = await khang.nextMessage();
    expect(textOf(routed)).toContain("Kết nối CSDL dân cư báo lỗi chứng thư.");
    // The picture, fetched from the OA's URL and kept, reaches him as a photo.
    const photo = await khang.nextMessage();
    expect(setting.telegram.files.get(photo.photo![0]!.file_id)?.bytes.equals(screenshot)).toBe(true);

    setting.oa.closeWindow(phone.id);
    phone.markAllRead();
    khang.reply(routed, "Anh/chị cài lại chứng thư số của máy chủ.");
    expect(textOf(await khang.nextMessage())).toContain("Đã gửi câu trả lời");
    const answer = await officer.nextMessage();
    expect(textOf(answer)).toContain("Anh/chị cài lại chứng thư số của máy chủ.");
    expect(setting.oa.sentTo(phone.id).slice(-1)[0]?.text).not.toContain("cài lại chứng thư");
  });

  it("keeps a consultant's answer while the OA may not write to an officer who is only there, and brings it after her next message", async () => {
    const khang = await joinOnTelegram(setting, { role: "consultant", consultantId: "truong-trong-khang" }, "Khang 2");
    const { user } = await joinOnOa(setting, { role: "officer", agencyId: "ca-mau" }, "Mai");
    await user.send("/ask");
    await user.nextMessage();
    await user.send("Mục 4.1 có cần kê khai hệ thống cấp huyện không?");
    expect(await user.nextMessage()).toMatch(/Đã gửi câu hỏi #\d+/);
    await user.drain(300);
    let routed = await khang.nextMessage();
    while (!textOf(routed).includes("Mục 4.1 có cần kê khai")) routed = await khang.nextMessage();

    setting.oa.closeWindow(user.id);
    khang.reply(routed, "Có, kê khai cả hệ thống cấp huyện.");
    expect(textOf(await khang.nextMessage())).toContain("Đã gửi câu trả lời");
    const waiting = new WaitingMessages(setting.store.redis, setting.deps.keys, createLogger("silent"));
    await expect.poll(() => waiting.since(`o-${user.id}`), { timeout: 8_000 }).toBeTypeOf("number");
    expect((await waiting.members()).map((entry) => entry.memberId)).toContain(`o-${user.id}`);
    expect(await user.drain(500)).toEqual([]);

    // She writes again: the window opens, her message is answered, and the answer that waited follows.
    await user.send("/help");
    const next = [await user.nextMessage(), await user.nextMessage()];
    expect(next[0]).toContain("gõ số của lựa chọn");
    expect(next[1]).toContain("Có, kê khai cả hệ thống cấp huyện.");
    expect(setting.oa.sentTo(user.id).at(-1)?.reply).toBe(false);
    expect(await waiting.since(`o-${user.id}`)).toBeUndefined();
  });

  it("notes an unfollow: the round's announcement waits for her, and comes when she follows again", async () => {
    const { user } = await joinOnOa(setting, { role: "officer", agencyId: "can-tho" }, "Thu");
    await user.unfollow();
    await setting.bot.settled();
    const created = await setting.deps.rounds.create(
      { name: "Báo cáo quý IV", deadline: Date.now() + 7 * 86_400_000, targets: { kind: "list", agencies: ["can-tho"] } },
      "test",
      Date.now(),
    );
    expect(created.ok).toBe(true);
    const waiting = new WaitingMessages(setting.store.redis, setting.deps.keys, createLogger("silent"));
    await expect.poll(() => waiting.since(`o-${user.id}`), { timeout: 8_000 }).toBeTypeOf("number");
    await user.follow();
    expect(await user.nextMessage()).toContain("Chào mừng anh/chị quay lại");
    expect(await user.nextMessage()).toContain("Báo cáo quý IV");
  });

  it("keeps a broadcast for an officer who left the OA: the console names her and since when, and she gets it when she comes back", async () => {
    const { user } = await joinOnOa(setting, { role: "officer", agencyId: "soc-trang" }, "Ngọc");
    await user.unfollow();
    await setting.bot.settled();
    const desk = await joinOnTelegram(setting, { role: "secretariat" }, "Thư ký");
    desk.send("/broadcast agencies:soc-trang");
    expect(textOf(await desk.nextMessage())).toMatch(/gửi tới 1 người, 1 đơn vị/);
    desk.send("Họp trực tuyến lúc 14:00");
    desk.press("Gửi", await desk.nextMessage());
    await desk.nextMessage();
    const report = textOf(await desk.nextMessage());
    const id = /thông báo (b\d+)/.exec(report)?.[1];
    expect(report).toContain("bị chặn 1");

    // The secretariat's console, signed in from the chat's /web link.
    desk.send("/web");
    const link = /(https?:\/\/\S+\/console\/sign-in\/\S+)/.exec(textOf(await desk.nextMessage()))?.[1] ?? "";
    const signedIn = await fetch(link, { method: "POST", redirect: "manual" });
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const page = async (path: string) => (await fetch(new URL(`/console/${path}`, link), { headers: { cookie } })).text();
    const shown = await page(`broadcast/${id}`);
    expect(shown).toContain("Đang chờ người nhận nhắn lại (1)");
    expect(shown).toMatch(/Sóc Trăng: không liên lạc được từ \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    const form = await page("broadcast");
    expect(form).toMatch(/Sóc Trăng: 1 tin đang chờ, không liên lạc được từ \d\d:\d\d/);
    // Before another broadcast to her goes, its preview says she gets it only once she writes again.
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? "";
    const preview = await fetch(new URL("/console/broadcast", link), {
      method: "POST",
      headers: { cookie },
      body: new URLSearchParams({ _csrf: csrf, text: "Nhắc lại", to: "agencies", agencies: "soc-trang", step: "preview" }),
    });
    expect(await preview.text()).toMatch(/Chỉ nhận được khi họ nhắn lại \(Zalo OA\)<\/th><td class="num">1<\/td>/);

    // A round for her agency: its announcement waits too, and the round's progress names her.
    const created = await setting.deps.rounds.create(
      { name: "Báo cáo Sóc Trăng", deadline: Date.now() + 7 * 86_400_000, targets: { kind: "list", agencies: ["soc-trang"] } },
      "test",
      Date.now(),
    );
    if (!created.ok) throw new Error(created.reason);
    const waiting = new WaitingMessages(setting.store.redis, setting.deps.keys, createLogger("silent"));
    await expect.poll(() => waiting.count(`o-${user.id}`), { timeout: 8_000 }).toBe(2);
    desk.send(`/progress ${created.round.id}`);
    expect(textOf(await desk.nextMessage())).toMatch(/Chưa liên lạc được[^\n]*\n• Sóc Trăng: từ \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    // The round's page in the console names her agency too.
    const glance = await page(`rounds/${created.round.id}`);
    expect(glance).toContain("Chưa liên lạc được (1)");
    expect(glance).toMatch(/>Sóc Trăng<\/a>: không liên lạc được từ \d\d:\d\d \d\d\/\d\d\/\d{4}/);

    await user.follow();
    expect(await user.nextMessage()).toContain("Chào mừng anh/chị quay lại");
    const kept = [await user.nextMessage(), await user.nextMessage()].join("\n");
    expect(kept).toContain("Họp trực tuyến lúc 14:00");
    expect(kept).toContain("Báo cáo Sóc Trăng");
    await expect.poll(async () => (await page(`broadcast/${id}`)).includes("Đang chờ người nhận nhắn lại"), { timeout: 5_000 }).toBe(false);
    expect(await page("broadcast")).not.toContain("Sóc Trăng: ");
    expect(await page(`rounds/${created.round.id}`)).not.toContain("glance-unreachable");
  });

  it("answers a sticker with one line, and applies a redelivered message once", async () => {
    const { user, standing } = await joinOnOa(setting, { role: "officer", agencyId: "ninh-thuan" });
    await user.sendSticker();
    expect(await user.nextMessage()).toContain("chỉ đọc được tin nhắn chữ");
    await user.press("Bắt đầu điền", standing);
    expect(questionOf(await user.nextMessage())).toBe("Họ và tên");
    const answer = user.textEvent("Lê Văn Tâm");
    setting.oa.noteInteraction(user.id, Date.now());
    expect(await setting.oa.post(answer)).toBe(200);
    expect(await setting.oa.post(answer)).toBe(200);
    expect(questionOf(await user.nextMessage())).toBe("Cơ quan công tác");
    await user.send("/help");
    expect(await user.nextMessage()).toContain("gõ số của lựa chọn");
    const member = (await setting.deps.members.at({ channel: "zalo-oa", id: user.id })) as OfficerMember;
    const history = await setting.deps.reporting.history(member.binding.agencyId);
    expect(history.filter((record) => record.path === "officer.fullName").map((record) => record.new)).toEqual(["Lê Văn Tâm"]);
  });
});

describe("the OA's webhook", () => {
  let setting: Setting;

  beforeAll(async () => {
    setting = await start();
  });
  afterAll(() => setting?.stop());

  it("is named in an invite without a link when ZALO_OA_URL is not set: people are told to look for it", async () => {
    const desk = await joinOnTelegram(setting, { role: "secretariat" }, "Thư ký mời");
    desk.send("/invite officer lang-son");
    expect(textOf(await desk.nextMessage())).toContain("Zalo OA: tìm Official Account của");
  });

  it("refuses a forged, unsigned, replayed or oversized request, and answers the registration's empty body", async () => {
    const { oa } = setting;
    const user = oa.user("Giả mạo");
    oa.noteInteraction(user.id, Date.now());
    const event = user.textEvent("/help");
    expect(await oa.post(event, { signature: null })).toBe(401);
    expect(await oa.post(event, { signature: `mac=${"0".repeat(64)}` })).toBe(401);
    expect(await oa.post(event, { signature: "mac=abc" })).toBe(401);
    // Signed, then altered: the signature no longer holds.
    const body = JSON.stringify(event);
    const signature = oa.sign(body, String(event.timestamp));
    expect(await oa.post(event, { signature, body: body.replace("/help", "/start") })).toBe(401);
    // A genuine body of two days ago, signed as it was then: a replay.
    const old = user.textEvent("/help", Date.now() - 2 * 24 * 60 * 60 * 1000);
    expect(await oa.post(old)).toBe(401);
    expect(await oa.post({}, { signature: null })).toBe(200);
    expect(await oa.post(event, { body: "not json" })).toBe(400);
    expect(await oa.post(event, { body: `{"x":"${"a".repeat(1024 * 1024 + 10)}"}` })).toBe(413);
    await setting.bot.settled();
    expect(oa.sentTo(user.id)).toEqual([]);
    expect(setting.bot.output).not.toContain("/help");
    // The genuine one goes through.
    expect(await oa.post(event)).toBe(200);
    expect(await user.nextMessage()).toContain("mã mời");
  });

  it("ignores the OA's own messages coming back and another OA's events", async () => {
    const { oa } = setting;
    const user = oa.user("Người lạ");
    oa.noteInteraction(user.id, Date.now());
    const echo = {
      ...oa.envelope("oa_send_text", Date.now()),
      sender: { id: oa.oaId },
      recipient: { id: user.id },
      message: { text: "x", msg_id: "1" },
    };
    expect(await oa.post(echo)).toBe(200);
    const elsewhere = { ...user.textEvent("/help"), recipient: { id: "1234567890123456789" } };
    expect(await oa.post(elsewhere)).toBe(200);
    await setting.bot.settled();
    expect(oa.sentTo(user.id)).toEqual([]);
  });
});

describe("the OA's tokens", () => {
  let setting: Setting;

  beforeAll(async () => {
    setting = await start();
  });
  afterAll(() => setting?.stop());

  const tokens = () => setting.store.redis.hgetall(setting.deps.keys.zaloOaTokens);

  it("survives a kill while a refresh is on its way, and a kill after the new pair is kept but before it is used", async () => {
    const { oa, bot } = setting;
    const { user } = await joinOnOa(setting, { role: "consultant", consultantId: "phung-van-tin" }, "Tin");
    const rotated = () => oa.refreshes.filter((refresh) => refresh.outcome === "rotated").length;
    const before = rotated();

    // Killed while the refresh request waits unanswered, Zalo not having carried it out: the token kept is still the one to use.
    const inFlight = oa.hold("refresh");
    oa.expireAccessTokens();
    await user.send("/help");
    await inFlight.arrived;
    await bot.kill("SIGKILL");
    await inFlight.abandoned;
    inFlight.release();
    await bot.spawn();
    expect(await user.nextMessage()).toContain("/queue");
    expect(rotated()).toBe(before + 1);

    // Killed after Zalo gave the new pair and it was kept, as its first use waits: nothing is lost.
    const firstUse = oa.hold("send-after-refresh");
    oa.expireAccessTokens();
    await user.send("/help");
    await firstUse.arrived;
    expect((await tokens()).refresh).toBe(oa.liveRefreshToken);
    await bot.kill("SIGKILL");
    await firstUse.abandoned;
    firstUse.release();
    await bot.spawn();
    expect(await user.nextMessage()).toContain("/queue");
    expect(rotated()).toBe(before + 2);
    expect(oa.reusedRefreshTokens).toBe(0);
    const kept = await tokens();
    expect(kept.refresh).toBe(oa.liveRefreshToken);
    // Tokens never reach the log.
    for (const secret of [kept.refresh, kept.access, oa.firstRefreshToken]) expect(bot.output).not.toContain(secret);
  }, 40_000);

  it("says the OA is down when Zalo refuses the refresh token, and names what to do", async () => {
    const { oa, bot } = setting;
    await setting.store.redis.hset(setting.deps.keys.zaloOaTokens, "refresh", "a-refresh-token-zalo-no-longer-takes");
    oa.expireAccessTokens();
    const user = oa.user("Ai đó");
    await user.follow();
    await expect.poll(() => bot.output.includes("Zalo OA refused the refresh token"), { timeout: 8_000 }).toBe(true);
    expect(bot.output).toMatch(/"level":50[^\n]*Zalo OA refused the refresh token[^\n]*grant the app access again/);
    const health = (await (await fetch(bot.healthUrl)).json()) as { status: string; zaloOa: string };
    expect(health.status).toBe("ok");
    expect(health.zaloOa).toMatch(/^down: refresh refused/);
  });
});
