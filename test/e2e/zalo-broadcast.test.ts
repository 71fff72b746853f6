import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { type E2E, startE2E } from "../support/e2e.js";

const run = promisify(execFile);
const ZALO_RATE = 3;

/** The most messages in any sliding window of one second. */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= 1000) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe("a broadcast to officers on Telegram and on Zalo", () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await startE2E({ zalo: true, env: { ZALO_RATE: String(ZALO_RATE), BROADCAST_RATE: "50" } });
  });

  afterAll(() => e2e?.stop());

  it("reaches each person once, on the messenger they wrote from last, each channel within its rate", async () => {
    const { deps, emulator } = e2e;
    const zalo = e2e.zalo!;
    const provinces = deps.directory.ofKind("province").slice(0, 12);
    const onZalo = provinces.slice(0, 7).map((province) => ({ province, user: zalo.user(`Cán bộ ${province.name}`) }));
    const onTelegram = provinces.slice(7, 11).map((province, index) => ({ province, id: 880_000 + index }));
    for (const { province, user } of onZalo) {
      const { code } = await deps.invites.issue({ role: "officer", agencyId: province.id }, Date.now());
      await deps.invites.redeem(code, { channel: "zalo", id: user.id }, undefined, Date.now());
    }
    for (const { province, id } of onTelegram) {
      emulator.user({ id, first_name: "Cán bộ", language_code: "vi" });
      const { code } = await deps.invites.issue({ role: "officer", agencyId: province.id }, Date.now());
      await deps.invites.redeem(code, telegramAddress(id), undefined, Date.now());
    }
    // One person on both: joined on Telegram, linked Zalo later, which is where she writes now.
    const both = provinces[11]!;
    const bothZalo = zalo.user("Cán bộ hai tài khoản");
    emulator.user({ id: 889_999, first_name: "Cán bộ", language_code: "vi" });
    const invite = await deps.invites.issue({ role: "officer", agencyId: both.id }, Date.now());
    await deps.invites.redeem(invite.code, telegramAddress(889_999), undefined, Date.now());
    const link = await deps.links.issue("889999");
    if (!link.ok) throw new Error("no link code");
    const request = await deps.links.redeem(link.code, { channel: "zalo", id: bothZalo.id });
    if (request.outcome !== "pending") throw new Error(`link not requested: ${request.outcome}`);
    expect((await deps.links.confirm(request.requestId, request.member)).outcome).toBe("linked");

    const text = "Đề nghị hoàn thành báo cáo trước 17:00 thứ Sáu";
    const { stdout } = await run(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/cli.ts",
        "broadcast",
        "--to",
        `agencies:${provinces.map((province) => province.id).join(",")}`,
        "--text",
        text,
      ],
      { cwd: PROJECT_ROOT, env: e2e.bot.env },
    );
    expect(stdout).toContain("sent 12, blocked 0, failed 0, of 12");

    const zaloSends = zalo.sent.filter((message) => message.text.includes(text));
    expect(zaloSends.map((message) => message.chatId).sort()).toEqual([...onZalo.map(({ user }) => user.id), bothZalo.id].sort());
    expect(busiestSecond(zaloSends.map((message) => message.at))).toBeLessThanOrEqual(ZALO_RATE);
    expect(zaloSends.every((message) => !/<\/?b>/.test(message.text))).toBe(true);
    const telegramSends = emulator.callsOf("sendMessage").filter((call) => String(call.params.text).includes(text));
    expect(telegramSends.map((call) => call.params.chat_id).sort()).toEqual(onTelegram.map(({ id }) => id).sort());
  }, 60_000);
});
