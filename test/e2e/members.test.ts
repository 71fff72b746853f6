import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import { textOf } from "../../src/emulator/fake-user.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { STANDING_ROUND } from "../../src/services/reporting.js";
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
    expect(textOf(await officer.nextMessage())).toContain("đã được Thư ký Tổ công tác thu hồi");

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

  it("from the command line: member list and member remove", async () => {
    const officer = await e2e.join({ role: "officer", agencyId: "bac-kan" }, "Tuấn");
    const cli = (...args: string[]) =>
      run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: PROJECT_ROOT, env: e2e.bot.env });
    expect((await cli("member", "list", "--agency", "bac-kan")).stdout).toBe(
      `${officer.id}  officer bac-kan (Bắc Kạn)  telegram:${officer.id}\n`,
    );
    expect((await cli("member", "remove", String(officer.id))).stdout).toContain(`Removed ${officer.id}`);
    expect(textOf(await officer.nextMessage())).toContain("đã được Thư ký Tổ công tác thu hồi");
    expect((await cli("member", "list", "--agency", "bac-kan")).stdout).toBe("");
  });
});
