import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import { textOf } from "../../src/emulator/fake-user.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { STANDING_ROUND } from "../../src/services/active-round.js";
import { type E2E, startE2E } from "../support/e2e.js";

const run = promisify(execFile);

/** A transferred officer or a lost phone: access is taken away at once, the answers stay. */
describe("removing a member", () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await startE2E();
  });

  afterAll(() => e2e?.stop());

  it("from the chat: the secretariat lists and removes; the officer is told and is a stranger from then on", async () => {
    const { deps, store } = e2e;
    const officer = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Lan");
    officer.press({ data: "f:open" });
    await officer.nextScreen();
    officer.send("Nguyễn Thị Lan");
    await officer.nextScreen();
    const desk = await e2e.join({ role: "secretariat" }, "Thu");

    desk.send("/members");
    expect(textOf(await desk.nextMessage())).toContain(`Đơn vị đã có cán bộ đầu mối: 1/${deps.directory.agencies.length}.`);
    desk.send("/members ha-noi");
    const list = textOf(await desk.nextMessage());
    expect(list).toContain(`${officer.id}  officer ha-noi (Hà Nội)  telegram:${officer.id}`);
    expect(list).not.toContain("Nguyễn Thị Lan");

    desk.send(`/remove ${officer.id}`);
    expect(textOf(await desk.nextMessage())).toContain(`Đã thu hồi quyền của ${officer.id}`);
    expect(textOf(await officer.nextMessage())).toContain("đã được Bộ phận thường trực (Cục Chuyển đổi số quốc gia) thu hồi");

    officer.send("/start");
    expect(textOf(await officer.nextMessage())).toContain("mã mời");
    expect(await deps.members.get(String(officer.id))).toBeUndefined();
    expect(await deps.members.at(telegramAddress(officer.id))).toBeUndefined();
    expect(await deps.members.idsOf({ role: "officer", agencyId: "ha-noi" })).not.toContain(String(officer.id));
    expect(await store.redis.exists(`${store.prefix}cursor:${STANDING_ROUND.id}:${officer.id}`)).toBe(0);
    const hash = await store.redis.hgetall(`${store.prefix}response:${STANDING_ROUND.id}:ha-noi`);
    expect(JSON.parse(hash["a:officer.fullName"]!)).toMatchObject({ v: "Nguyễn Thị Lan", by: String(officer.id) });

    desk.send("/remove 999");
    expect(textOf(await desk.nextMessage())).toContain("Không có thành viên 999");
  });

  it("withdraws the invites a removed member made, lists and cancels invites, and tells the secretariat of a privileged one used", async () => {
    const thu = await e2e.join({ role: "secretariat" }, "Thu");
    const hoa = await e2e.join({ role: "secretariat" }, "Hoa");
    // Whoever joins the secretariat, the rest of it hears.
    expect(textOf(await thu.nextMessage())).toContain(
      `Một mã mời vừa được dùng: thành viên ${hoa.id} nay là thành viên Bộ phận thường trực (Cục Chuyển đổi số quốc gia)`,
    );
    const codeIn = (text: string) => /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(text)?.[1];
    thu.send("/invite secretariat");
    const comeback = codeIn(textOf(await thu.nextMessage()));
    thu.send("/invite officer ha-giang");
    const forOfficer = codeIn(textOf(await thu.nextMessage()));
    hoa.send("/invite list");
    const list = textOf(await hoa.nextMessage());
    expect(list).toContain(`do ${thu.id} cấp`);
    expect(list).toContain(`…${comeback!.slice(-4)}`);
    expect(list).not.toContain(comeback!);

    hoa.send(`/remove ${thu.id}`);
    expect(textOf(await hoa.nextMessage())).toContain(`Đã thu hồi quyền của ${thu.id}`);
    await thu.nextMessage();
    thu.send(`/start ${comeback}`);
    expect(textOf(await thu.nextMessage())).toContain("Mã mời không đúng hoặc đã hết hạn");
    const newcomer = e2e.emulator.user({ id: 880_001, first_name: "Mới", language_code: "vi" });
    newcomer.send(forOfficer!);
    expect(textOf(await newcomer.nextMessage())).toContain("Mã mời không đúng hoặc đã hết hạn");

    // A consultant's invite used: its maker and the rest of the secretariat hear of it.
    const lan = await e2e.join({ role: "secretariat" }, "Lan");
    expect(textOf(await hoa.nextMessage())).toContain(`thành viên ${lan.id}`);
    hoa.send("/invite consultant ha-thanh-luong");
    const forConsultant = codeIn(textOf(await hoa.nextMessage()));
    const consultant = e2e.emulator.user({ id: 880_002, first_name: "Lương", language_code: "vi" });
    consultant.send(forConsultant!);
    expect(textOf(await consultant.nextMessage())).toContain("Chào mừng");
    expect(textOf(await hoa.nextMessage())).toContain("Mã mời anh/chị cấp đã được dùng: thành viên 880002");
    expect(textOf(await lan.nextMessage())).toContain(`Một mã mời vừa được dùng: thành viên 880002 nay là đầu mối hướng dẫn, tư vấn`);

    hoa.send("/invite officer bac-giang");
    const pending = codeIn(textOf(await hoa.nextMessage()));
    hoa.send("/invite cancel all");
    expect(textOf(await hoa.nextMessage())).toMatch(/Đã huỷ [1-9]\d* mã mời chưa dùng/);
    hoa.send("/invite list");
    expect(textOf(await hoa.nextMessage())).toContain("Không có mã mời nào chưa dùng");
    newcomer.send(pending!);
    expect(textOf(await newcomer.nextMessage())).toContain("Mã mời không đúng hoặc đã hết hạn");
  });

  it("from the command line: member list and member remove", async () => {
    const officer = await e2e.join({ role: "officer", agencyId: "bac-kan" }, "Tuấn");
    const cli = (...args: string[]) =>
      run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: PROJECT_ROOT, env: e2e.bot.env });
    expect((await cli("member", "list", "--agency", "bac-kan")).stdout).toBe(
      `${officer.id}  officer bac-kan (Bắc Kạn)  telegram:${officer.id}\n`,
    );
    expect((await cli("member", "remove", String(officer.id))).stdout).toContain(`Removed ${officer.id}`);
    expect(textOf(await officer.nextMessage())).toContain("đã được Bộ phận thường trực (Cục Chuyển đổi số quốc gia) thu hồi");
    expect((await cli("member", "list", "--agency", "bac-kan")).stdout).toBe("");
  });
});
