import { execFile } from "node:child_process";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import { BotApiEmulator } from "../../src/emulator/bot-api-emulator.js";
import { textOf } from "../../src/emulator/fake-user.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { BotProcess } from "../support/bot-process.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

const run = promisify(execFile);

describe("joining by invite, through the real bot process (long polling)", () => {
  let store: TestRedis;
  let emulator: BotApiEmulator;
  let bot: BotProcess;
  let deps: Deps;
  let nextUserId = 5001;

  const newUser = (language_code = "vi") => emulator.user({ id: nextUserId++, first_name: "Lan", last_name: "Nguyễn", language_code });
  const hanoiInvite = async () => (await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, Date.now())).code;

  beforeAll(async () => {
    store = testRedis();
    emulator = new BotApiEmulator();
    await emulator.start();
    deps = depsFor(store);
    bot = await BotProcess.start({ emulator, redisUrl: store.url, prefix: store.prefix });
  });

  afterAll(async () => {
    await bot?.kill("SIGKILL");
    await emulator?.stop();
    await store?.cleanup();
  });

  it("publishes the command menu in Vietnamese by default and in English", () => {
    const menu = (language: string) => emulator.commandMenus.get(`{"type":"default"}|${language}`)?.map((c) => c.command);
    expect(menu("")).toEqual(["start", "ask", "queue", "progress", "rounds", "broadcast", "help", "lang", "link"]);
    expect(emulator.commandMenus.get(`{"type":"default"}|en`)?.[6]?.description).toBe("How to use this bot");
    expect(emulator.commandMenus.get(`{"type":"default"}|`)?.[6]?.description).toBe("Hướng dẫn sử dụng");
  });

  it("asks a member before an invite changes their role, and keeps it when told to", async () => {
    const thu = newUser();
    const desk = await deps.invites.issue({ role: "secretariat" }, Date.now());
    thu.send(`/start ${desk.code}`);
    await thu.nextMessage();
    const officerLink = await hanoiInvite();
    thu.send(`/start ${officerLink}`);
    const question = await thu.nextMessage();
    expect(textOf(question)).toContain(
      "sẽ đổi vai trò của anh/chị từ thành viên Bộ phận thường trực (Cục Chuyển đổi số quốc gia) thành cán bộ đầu mối của Hà Nội",
    );
    thu.press("Giữ vai trò hiện tại", question);
    expect(textOf(await thu.nextUpdate())).toContain("Đã giữ nguyên vai trò");
    expect((await deps.members.get(String(thu.id)))?.binding).toEqual({ role: "secretariat" });
    thu.send(`/start ${officerLink}`);
    thu.press("Đổi vai trò", await thu.nextMessage());
    expect(textOf(await thu.nextMessage())).toContain("cán bộ đầu mối của Hà Nội");
    expect((await deps.members.get(String(thu.id)))?.binding).toEqual({ role: "officer", agencyId: "ha-noi" });
  });

  it("refuses a stranger politely, in Vietnamese, once an hour whatever they send", async () => {
    const stranger = newUser();
    stranger.send("Xin chào");
    expect(textOf(await stranger.nextMessage())).toContain("mã mời");
    stranger.send("/help");
    stranger.sendPhoto();
    stranger.send("/start");
    expect(await deps.members.get(String(stranger.id))).toBeUndefined();
    // One chat's updates are applied in order: the welcome comes next only if the three above got nothing.
    stranger.send(`/start ${await hanoiInvite()}`);
    expect(textOf(await stranger.nextMessage())).toContain("Chào mừng");
  });

  it("drops a private update whose chat is not its sender", async () => {
    const member = newUser();
    member.send(`/start ${await hanoiInvite()}`);
    await member.nextMessage();
    await member.nextMessage();
    const intruder = newUser();
    emulator.userMessage(intruder.user, { text: "/start", chat: { id: member.id, type: "private", first_name: "Lan" } });
    member.send("/help");
    expect(textOf(await member.nextMessage())).toContain("/start");
    expect(emulator.chatEvents(intruder.id)).toEqual([]);
  });

  it("speaks English to a stranger whose Telegram is in English", async () => {
    const stranger = newUser("en");
    stranger.send("/start");
    expect(textOf(await stranger.nextMessage())).toContain("you need an invite");
  });

  it("binds an officer to the agency of the invite", async () => {
    const officer = newUser();
    officer.send(`/start ${await hanoiInvite()}`);
    const welcome = await officer.nextMessage();
    expect(textOf(welcome)).toContain("cán bộ đầu mối của Hà Nội");
    expect(welcome.entities?.some((entity) => entity.type === "bold")).toBe(true);
    expect((await deps.members.get(String(officer.id)))?.binding).toEqual({ role: "officer", agencyId: "ha-noi" });
    expect(await deps.members.idsOf({ role: "officer", agencyId: "ha-noi" })).toContain(String(officer.id));
    expect(textOf(await officer.nextMessage())).toContain("chưa được bắt đầu");

    officer.send("/help");
    expect(textOf(await officer.nextMessage())).toContain("/start");
  });

  it("accepts a code typed by hand, in any case and with dashes", async () => {
    const officer = newUser();
    const code = await hanoiInvite();
    officer.send(code.toLowerCase().replace(/(.{4})(?=.)/g, "$1-"));
    expect(textOf(await officer.nextMessage())).toContain("Hà Nội");
  });

  it("refuses a code that was already used, and a repeated link from its owner is harmless", async () => {
    const code = await hanoiInvite();
    const first = newUser();
    first.send(`/start ${code}`);
    expect(textOf(await first.nextMessage())).toContain("Hà Nội");
    await first.nextMessage();
    first.send(`/start ${code}`);
    expect(textOf(await first.nextMessage())).toContain("đã là cán bộ đầu mối");

    const second = newUser();
    second.send(`/start ${code}`);
    expect(textOf(await second.nextMessage())).toContain("đã được sử dụng");
    expect(await deps.members.get(String(second.id))).toBeUndefined();
  });

  it("refuses an expired code", async () => {
    // Issued two hours ago for one hour: Redis has dropped it.
    const { code } = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, Date.now() - 2 * 60 * 60 * 1000, {
      ttlMs: 60 * 60 * 1000,
    });
    const late = newUser();
    late.send(`/start ${code}`);
    expect(textOf(await late.nextMessage())).toContain("hết hạn");
    expect(await deps.members.get(String(late.id))).toBeUndefined();
  });

  it("locks out a user after five wrong codes, even before a right one", async () => {
    const guesser = newUser();
    for (let attempt = 0; attempt < 5; attempt++) {
      guesser.send(`/start WRONGCODE${attempt}`);
      expect(textOf(await guesser.nextMessage())).toContain("không đúng");
    }
    guesser.send(`/start ${await hanoiInvite()}`);
    expect(textOf(await guesser.nextMessage())).toMatch(/thử lại sau \d+ phút/);
    expect(await deps.members.get(String(guesser.id))).toBeUndefined();
  });

  it("switches language with /lang and keeps the choice", async () => {
    const officer = newUser();
    officer.send(`/start ${await hanoiInvite()}`);
    await officer.nextMessage();
    await officer.nextMessage();
    officer.send("/lang");
    await officer.nextMessage();
    officer.press("English");
    expect(textOf(await officer.nextUpdate())).toBe("Switched to English.");
    officer.send("/help");
    expect(textOf(await officer.nextMessage())).toContain("You are focal officer of Hà Nội");
  });

  it("answers a stale button instead of leaving it spinning", async () => {
    const officer = newUser();
    officer.send(`/start ${await hanoiInvite()}`);
    await officer.nextMessage();
    await officer.nextMessage();
    officer.send("/lang");
    const menu = await officer.nextMessage();
    officer.press("Tiếng Việt", menu);
    await officer.nextUpdate();
    const again = officer.press("Tiếng Việt", menu);
    expect((await again.answered()).text).toBeUndefined();
    const forged = officer.press("Tiếng Việt", {
      ...menu,
      reply_markup: { inline_keyboard: [[{ text: "Tiếng Việt", callback_data: "old:button" }]] },
    });
    expect((await forged.answered()).text).toContain("cũ");
  });

  it("prints a deep link and a code from the CLI that then binds the person", async () => {
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", "invite", "--role", "officer", "--agency", "Bộ Tư pháp"],
      {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH ?? "", REDIS_URL: store.url, REDIS_PREFIX: store.prefix },
      },
    );
    const link = /https:\/\/t\.me\/(\w+)\?start=([A-Z0-9]+)/.exec(stdout);
    expect(link?.[1]).toBe(emulator.bot.username);
    expect(stdout).toMatch(/Code: [A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/);
    const officer = newUser();
    officer.send(`/start ${link![2]}`);
    expect(textOf(await officer.nextMessage())).toContain("Bộ Tư pháp");
  });

  it("lets the secretariat make an invite in the chat, by agency name or id, that then binds the person", async () => {
    const thu = newUser();
    thu.send(`/start ${(await deps.invites.issue({ role: "secretariat" }, Date.now())).code}`);
    await thu.nextMessage();

    thu.send("/invite officer Quảng Ninh");
    const card = textOf(await thu.nextMessage());
    expect(card).toContain("Mã mời cho cán bộ đầu mối của Quảng Ninh, dùng một lần, hiệu lực đến");
    const link = /https:\/\/t\.me\/(\w+)\?start=([A-Z0-9]+)/.exec(card);
    expect(link?.[1]).toBe(emulator.bot.username);
    const officer = newUser();
    officer.send(`/start ${link![2]}`);
    expect(textOf(await officer.nextMessage())).toContain("cán bộ đầu mối của Quảng Ninh");
    expect((await deps.members.get(String(officer.id)))?.binding).toEqual({ role: "officer", agencyId: "quang-ninh" });
    expect(textOf(await officer.nextMessage())).toContain("Quảng Ninh chưa được bắt đầu");
    // Whoever made the code hears that it was used, by member id (no name).
    expect(textOf(await thu.nextMessage())).toBe(
      `Mã mời anh/chị cấp đã được dùng: thành viên ${officer.id} nay là cán bộ đầu mối của Quảng Ninh.`,
    );

    thu.send("/invite consultant ha-thanh-luong");
    expect(textOf(await thu.nextMessage())).toMatch(/Mã mời cho đầu mối hướng dẫn, tư vấn \(.+\), dùng một lần/);
    thu.send("/invite officer Atlantis");
    expect(textOf(await thu.nextMessage())).toContain("Không có đơn vị Atlantis trong danh bạ");
    thu.send("/invite");
    expect(textOf(await thu.nextMessage())).toContain("Cách dùng: /invite officer");
    thu.send("/invite officer ha-noi");
    const mistaken = /[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(textOf(await thu.nextMessage()))![0];
    thu.send(`/invite cancel ${mistaken}`);
    expect(textOf(await thu.nextMessage())).toBe(`Đã huỷ mã mời ${mistaken}: không ai dùng được mã này nữa.`);
    const late = newUser();
    late.send(mistaken);
    expect(textOf(await late.nextMessage())).toContain("không đúng hoặc đã hết hạn");

    // Only the secretariat makes invites.
    officer.send("/invite officer ha-noi");
    expect(textOf(await officer.nextMessage())).toContain("dành cho Bộ phận thường trực");
  });

  it("sends the secretariat a workbook of invites for every agency of a target that has no officer, whose rows bind", async () => {
    const thu = newUser();
    thu.send(`/start ${(await deps.invites.issue({ role: "secretariat" }, Date.now())).code}`);
    await thu.nextMessage();
    const quangNinh = newUser();
    quangNinh.send(`/start ${(await deps.invites.issue({ role: "officer", agencyId: "quang-ninh" }, Date.now())).code}`);
    await quangNinh.nextMessage();

    // Every agency of a group that has no officer yet: Quảng Ninh has one.
    const group = deps.groups.get("8402-chua-ket-noi")!;
    thu.send("/invite officers group:8402-chua-ket-noi");
    const file = await thu.nextMessage();
    expect(file.document?.file_name).toBe("ma-moi-can-bo-dau-moi-8402-chua-ket-noi.xlsx");
    expect(file.caption).toMatch(/^\d+ mã mời, mỗi đơn vị chưa có cán bộ đầu mối một mã/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(emulator.files.get(file.document!.file_id)!.bytes as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet("Mã mời")!.getSheetValues().slice(2) as unknown[][];
    const withoutOfficer = [];
    for (const agencyId of group.agencies)
      if ((await deps.members.idsOf({ role: "officer", agencyId })).length === 0) withoutOfficer.push(agencyId);
    expect(group.agencies).toContain("quang-ninh");
    expect(rows.map((row) => row[1]).sort()).toEqual(withoutOfficer.sort());
    expect(rows.map((row) => row[1])).not.toContain("quang-ninh");
    const [, agencyId, name, code, telegramLink] = rows[0] as string[];
    expect(telegramLink).toBe(`https://t.me/${emulator.bot.username}?start=${code!.replaceAll("-", "")}`);
    const second = newUser();
    second.send(code!);
    expect(textOf(await second.nextMessage())).toContain(`cán bộ đầu mối của ${name}`);
    await second.nextMessage();
    expect((await deps.members.get(String(second.id)))?.binding).toEqual({ role: "officer", agencyId });
    expect(textOf(await thu.nextMessage())).toContain(`thành viên ${second.id} nay là cán bộ đầu mối của ${name}`);
    thu.send("/invite officers group:khong-co");
    expect(textOf(await thu.nextMessage())).toContain("Không rõ group:khong-co: sau /invite officers, gõ all");
    // Any target of a round: here the ministries.
    thu.send("/invite officers ministries");
    const ministries = await thu.nextMessage();
    const ministryBook = new ExcelJS.Workbook();
    await ministryBook.xlsx.load(emulator.files.get(ministries.document!.file_id)!.bytes as unknown as ArrayBuffer);
    const ministryRows = ministryBook.getWorksheet("Mã mời")!.getSheetValues().slice(2) as unknown[][];
    const ministriesWithout = [];
    for (const { id } of deps.directory.ofKind("ministry"))
      if ((await deps.members.idsOf({ role: "officer", agencyId: id })).length === 0) ministriesWithout.push(id);
    expect(ministryRows.map((row) => row[1]).sort()).toEqual(ministriesWithout.sort());
  });

  it("keeps everything through SIGKILL and handles what arrived while it was down", async () => {
    const officer = newUser();
    officer.send(`/start ${await hanoiInvite()}`);
    await officer.nextMessage();
    await officer.nextMessage();

    await bot.settled();
    await bot.kill("SIGKILL");
    officer.send("/help");
    const stranger = newUser();
    stranger.send("hello?");
    await bot.spawn();

    expect(textOf(await officer.nextMessage())).toContain("cán bộ đầu mối của Hà Nội");
    expect(textOf(await stranger.nextMessage())).toContain("mã mời");
    // One chat's updates are applied in order: the next reply is to this /lang, nothing came twice.
    officer.send("/lang");
    expect(textOf(await officer.nextMessage())).toContain("Chọn ngôn ngữ");
  });

  it("reports Redis on /health and stops cleanly on SIGTERM", async () => {
    const response = await fetch(bot.healthUrl);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", redis: "up", mode: "polling" });
    expect(await bot.kill("SIGTERM")).toBe(0);
    await bot.spawn();
  });
});
