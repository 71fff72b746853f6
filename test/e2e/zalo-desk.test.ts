import { execFile } from "node:child_process";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import type { FakeZaloUser, ZaloApiEmulator } from "../../src/emulator/zalo-api-emulator.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";
import { numberOf } from "../support/zalo-form.js";

const run = promisify(execFile);

/**
 * The secretariat and consultants on Zalo, through the real bot process and both emulators: every
 * desk command by typing, and files (the progress picture, the workbook, a Telegram photo) as
 * signed links to the bot's own HTTP server (PUBLIC_URL), which Zalo and people open.
 */
describe("the desk works on Zalo by typing, with files as signed links", () => {
  let e2e: E2E;
  let zalo: ZaloApiEmulator;
  let desk: FakeZaloUser;
  let hanoi: FakeUser;
  let publicUrl: string;

  async function joinOnZalo(binding: Parameters<E2E["join"]>[0], name: string): Promise<FakeZaloUser> {
    const user = zalo.user(name);
    const { displayCode } = await e2e.deps.invites.issue(binding, Date.now());
    user.send(displayCode);
    await user.nextMessage();
    if (binding.role === "officer") await user.nextMessage();
    return user;
  }

  /** The links a message carries to the bot's own files. */
  const linksIn = (text: string): string[] => text.match(/http:\/\/127\.0\.0\.1:\d+\/files\/\S+/g) ?? [];

  beforeAll(async () => {
    // No scheduler tick during the tests: the round's announcement would come between the messages read here.
    e2e = await startE2E({ zalo: true, publicUrl: true, env: { BROADCAST_RATE: "50", SCHEDULER_TICK_SECONDS: "3600" } });
    zalo = e2e.zalo!;
    publicUrl = e2e.bot.env.PUBLIC_URL!;
    await e2e.deps.rounds.create(
      {
        id: "dot-12",
        name: "Báo cáo tháng 12",
        deadline: Date.now() + 7 * 86_400_000,
        targets: { kind: "list", agencies: ["ha-noi", "bac-kan", "bo-tu-phap"] },
      },
      "test",
      Date.now(),
    );
    desk = await joinOnZalo({ role: "secretariat" }, "Thư ký");
    hanoi = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Thu");
    await fillThroughService(e2e.deps, officer(hanoi.id, "ha-noi"), answerer({ fullName: "Lê Thị Thu" }), () => [], { submit: true });
  });

  afterAll(() => e2e?.stop());

  it("/progress: the counts in words, then the picture shown by Zalo from a link the bot signs and serves", async () => {
    desk.send("/progress");
    const text = await desk.nextMessage();
    expect(text).toContain("Tiến độ: Báo cáo tháng 12");
    expect(text).toContain("Đã gửi báo cáo: 0/1 bộ, ngành; 1/2 tỉnh, thành phố.");
    expect(text).not.toMatch(/<\/?b>/);
    const picture = await desk.nextSent();
    expect(picture.photo?.startsWith(`${publicUrl}/files/`)).toBe(true);
    const served = await fetch(picture.photo!);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(
      Buffer.from(await served.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");

    // A link cannot be made up: one changed character in its signature and it is refused.
    const url = new URL(picture.photo!);
    const [token, name] = url.pathname.slice("/files/".length).split("/");
    const forged = `${token!.slice(0, -1)}${token!.endsWith("A") ? "B" : "A"}`;
    expect((await fetch(`${publicUrl}/files/${forged}/${name}`)).status).toBe(403);

    // When Zalo will not fetch the picture, the link comes as a line instead.
    zalo.failNext("sendPhoto", 1, 400, "Bad Request: the photo could not be fetched");
    desk.send("/progress");
    await desk.nextMessage();
    const fallback = await desk.nextSent();
    expect(fallback.photo).toBeUndefined();
    expect(linksIn(fallback.text)).toHaveLength(1);
    expect(fallback.text).toContain("15 phút");
  });

  it("/export: the workbook and the CSV as links that open the files", async () => {
    desk.send("/export");
    const workbookLine = await desk.nextMessage();
    expect(workbookLine).toContain("📎 Báo cáo tổng hợp: Báo cáo tháng 12");
    expect(workbookLine).toContain("15 phút");
    const [workbookUrl] = linksIn(workbookLine);
    expect(workbookUrl).toMatch(/\/bao-cao-tong-hop-dot-12\.xlsx$/);
    const [csvUrl] = linksIn(await desk.nextMessage());
    const workbook = new ExcelJS.Workbook();
    const served = await fetch(workbookUrl!);
    expect(served.headers.get("content-disposition")).toContain("attachment");
    expect(served.headers.get("content-security-policy")).toContain("sandbox");
    await workbook.xlsx.load(await served.arrayBuffer());
    expect(workbook.getWorksheet("Tổng hợp")!.getRow(2).getCell(3).value).toBe("Hà Nội");
    expect(await (await fetch(csvUrl!)).text()).toContain("ha-noi,Hà Nội,province,submitted");
  });

  it("a link works for the member it was sent to only while they hold the right to it", async () => {
    const colleague = await joinOnZalo({ role: "secretariat" }, "Thư ký 2");
    expect(await desk.nextMessage()).toContain(`Một mã mời vừa được dùng: thành viên z-${colleague.id}`);
    colleague.send("/export");
    const [workbookUrl] = linksIn(await colleague.nextMessage());
    const [csvUrl] = linksIn(await colleague.nextMessage());
    expect((await fetch(workbookUrl!)).status).toBe(200);
    const cli = await run(process.execPath, ["--import", "tsx", "src/cli.ts", "file-link", "revoke", csvUrl!], {
      cwd: PROJECT_ROOT,
      env: e2e.bot.env,
    });
    expect(cli.stdout).toContain("Revoked the link to");
    expect((await fetch(csvUrl!)).status).toBe(410);
    await e2e.deps.membership.remove(`z-${colleague.id}`, "test", Date.now(), undefined);
    expect((await fetch(workbookUrl!)).status).toBe(403);
  });

  it("/review by numbers: a submission returned with a comment, and its Telegram officer told", async () => {
    desk.send("/review ha-noi");
    const prompt = await desk.nextMessage();
    expect(prompt).toMatch(/\n1\. Chấp nhận\n2\. Trả lại để sửa$/);
    desk.send(numberOf(prompt, "Trả lại để sửa"));
    expect(await desk.nextMessage()).toContain("Huỷ");
    desk.send("Đề nghị bổ sung số quyết định phê duyệt");
    expect(await desk.nextMessage()).toContain("Đã trả lại báo cáo của Hà Nội; đã báo 1 cán bộ.");
    expect(textOf(await hanoi.nextMessage())).toContain("để sửa: Đề nghị bổ sung số quyết định phê duyệt");
  });

  it("/rounds, /round create, /members and /assign answer on Zalo in plain text", async () => {
    desk.send("/round create Đợt từ Zalo; 15/12/2026 17:00; provinces");
    expect(await desk.nextMessage()).toMatch(/^✅ Đã tạo đợt [\w-]+: Đợt từ Zalo, hạn 17:00 15\/12\/2026/);
    desk.send("/rounds");
    const rounds = await desk.nextMessage();
    expect(rounds).toContain("dot-12 — Báo cáo tháng 12: đang mở");
    expect(rounds).toContain("Đợt từ Zalo");
    desk.send("/members ha-noi");
    expect(await desk.nextMessage()).toMatch(/^Thành viên \(1\):\n.*ha-noi/);
    desk.send("/assign bac-kan ha-thanh-luong");
    expect(await desk.nextMessage()).toContain("Từ nay câu hỏi của Bắc Kạn do Hà Thanh Lương trả lời.");
  });

  it("/invite on Zalo: a code with the ways to open it, which a new Zalo user types to join", async () => {
    desk.send("/invite officer bo-tu-phap");
    const card = await desk.nextMessage();
    expect(card).toContain("Mã mời cho cán bộ đầu mối của Bộ Tư pháp, dùng một lần");
    expect(card).toContain('Zalo: tìm "Bot Đề án 06" và gửi mã này thành tin nhắn.');
    expect(card).toMatch(/Telegram: mở https:\/\/t\.me\/\w+\?start=[A-Z0-9]{12}/);
    const code = /\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\b/.exec(card)?.[0];
    const newcomer = zalo.user("Cán bộ Bộ Tư pháp");
    newcomer.send(code!);
    expect(await newcomer.nextMessage()).toContain("cán bộ đầu mối của Bộ Tư pháp");
    expect(await desk.nextMessage()).toMatch(/^Mã mời anh\/chị cấp đã được dùng: thành viên \S+ nay là cán bộ đầu mối của Bộ Tư pháp\.$/);
  });

  it("/broadcast by numbers reaches officers on both messengers, and the sender hears the result", async () => {
    const backan = await joinOnZalo({ role: "officer", agencyId: "bac-kan" }, "Cán bộ Bắc Kạn");
    desk.send("/broadcast");
    const targets = await desk.nextMessage();
    expect(targets).toMatch(/\n\d+\. Chưa nộp đợt dot-12\n/);
    desk.send(numberOf(targets, "Tất cả thành viên"));
    expect(await desk.nextMessage()).toMatch(/gửi tới \d+ người/);
    desk.send("Họp trực tuyến lúc 9 giờ thứ Hai.");
    const preview = await desk.nextMessage();
    expect(preview).toContain("Họp trực tuyến lúc 9 giờ thứ Hai.");
    desk.send(numberOf(preview, "Gửi"));
    expect(await desk.nextMessage()).toContain("Đã xếp hàng");
    expect(await backan.nextMessage()).toContain("Họp trực tuyến lúc 9 giờ thứ Hai.");
    expect(textOf(await hanoi.nextMessage())).toContain("Họp trực tuyến lúc 9 giờ thứ Hai.");
    // "Everyone" takes in the sender, who then hears how it went.
    expect(await desk.nextMessage()).toContain("Họp trực tuyến lúc 9 giờ thứ Hai.");
    expect(await desk.nextMessage()).toMatch(/Kết quả gửi thông báo .*: đã gửi \d+\/\d+/);
  });

  it("reassigns a question by numbers, and a Telegram photo reaches the Zalo consultant as a picture from a link", async () => {
    const tin = await joinOnZalo({ role: "consultant", consultantId: "phung-van-tin" }, "Tin");
    expect(await desk.nextMessage()).toContain(`Một mã mời vừa được dùng: thành viên z-${tin.id} nay là đầu mối hướng dẫn, tư vấn`);
    const quangNam = await e2e.join({ role: "officer", agencyId: "bo-tu-phap" }, "Sơn");
    quangNam.send("/ask");
    await quangNam.nextMessage();
    quangNam.sendPhoto("Sơ đồ kết nối của Bộ");
    await quangNam.nextMessage();

    // A ministry's question goes to the secretariat, who hands it to a consultant by typing.
    const question = await desk.nextMessage();
    expect(question).toContain("Sơ đồ kết nối của Bộ");
    expect(await desk.nextSent()).toMatchObject({ photo: expect.stringContaining(`${publicUrl}/files/`) });
    desk.send(numberOf(question, "Giao đầu mối"));
    const consultants = await desk.nextMessage();
    desk.send(numberOf(consultants, "Phùng Văn Tin"));
    expect(await desk.nextMessage()).toContain("Phùng Văn Tin");

    const routed = await tin.nextMessage();
    expect(routed).toContain("Sơ đồ kết nối của Bộ");
    const picture = await tin.nextSent();
    const served = await fetch(picture.photo!);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).toString()).toBe("fake jpeg");
  });
});
