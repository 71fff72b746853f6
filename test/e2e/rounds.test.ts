import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdjustableClock } from "../../src/clock.js";
import type { Deps } from "../../src/deps.js";
import { DEFAULT_PLAN } from "../../src/domain/rounds.js";
import { type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import { type E2E, startE2E } from "../support/e2e.js";

/**
 * A round with a deadline five days away, played in seconds: the bot process runs with
 * CLOCK=adjustable and ticks every half second; the test moves "now" in Redis.
 */
describe("a reporting round reminds those who have not submitted, at working moments, once", () => {
  let e2e: E2E;
  let store: E2E["store"];
  let emulator: E2E["emulator"];
  let bot: E2E["bot"];
  let deps: Deps;
  let clock: AdjustableClock;
  const officers: Record<string, FakeUser> = {};
  const at = (local: string) => new Date(`${local}+07:00`).getTime();

  /** What each officer was sent by the time a scheduler tick after the call has run and the outbox is empty. */
  const collect = async () => {
    await e2e.quiet();
    const texts: Record<string, string[]> = {};
    for (const [agency, user] of Object.entries(officers)) texts[agency] = await user.drain(0);
    return texts;
  };

  beforeAll(async () => {
    e2e = await startE2E({
      env: { CLOCK: "adjustable", SCHEDULER_TICK_SECONDS: "0.5", BROADCAST_RATE: "50" },
      deps: { clock: "adjustable" },
      // The clock is set before the process starts, so its first tick already sees the Monday.
      before: async ({ deps }) => (deps.clock as AdjustableClock).setNow(at("2026-11-23T09:00:00")),
    });
    ({ store, emulator, bot, deps } = e2e);
    clock = deps.clock as AdjustableClock;
    for (const agency of ["ha-noi", "bac-kan", "hai-phong"])
      officers[agency] = await e2e.join({ role: "officer", agencyId: agency }, agency);
  });

  afterAll(() => e2e?.stop());

  it("announces the round, then reminds on the plan's days, by where each agency stands", async () => {
    const targets = { kind: "list" as const, agencies: ["ha-noi", "bac-kan", "hai-phong"] };
    await deps.rounds.create({ id: "dot-1", name: "Đợt tháng 11", deadline: at("2026-11-28T17:00:00"), targets }, "test", clock.now());
    const opened = await collect();
    for (const agency of Object.keys(officers)) expect(opened[agency]?.[0]).toContain("Đợt báo cáo Đợt tháng 11 đã mở");

    // Bắc Kạn submits; Hải Phòng starts.
    await store.redis.hset(`${store.prefix}response:dot-1:bac-kan`, { "m:formVersion": "1", "m:status": "submitted" });
    const haiphong = officers["hai-phong"]!;
    haiphong.press({ data: "f:open" }, opened["hai-phong"] ? haiphong.lastMessage()! : ({} as Message));
    await haiphong.nextScreen();
    haiphong.send("Trần Văn Nam");
    await haiphong.nextScreen();
    await bot.settled();
    await haiphong.drain(0);

    await clock.setNow(at("2026-11-25T08:29:00"));
    expect(Object.values(await collect()).flat()).toEqual([]);

    await clock.setNow(at("2026-11-25T08:31:00"));
    const wednesday = await collect();
    expect(wednesday["ha-noi"]).toEqual([expect.stringContaining("Hà Nội chưa bắt đầu báo cáo đợt Đợt tháng 11")]);
    expect(wednesday["hai-phong"]).toEqual([expect.stringMatching(/của Hải Phòng đã xong \d+% \(đang ở Phần 1\)/)]);
    expect(wednesday["bac-kan"]).toEqual([]);
    const reminder = officers["ha-noi"]!.lastMessage()!;
    expect(reminder.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({ callback_data: "f:open" });
  });

  it("sends each reminder once across a SIGKILL between two of them", async () => {
    await bot.kill("SIGKILL");
    await clock.setNow(at("2026-11-27T08:35:00"));
    await bot.spawn();
    const friday = await collect();
    expect(friday["ha-noi"]).toHaveLength(1);
    expect(friday["hai-phong"]).toHaveLength(1);
    expect(friday["bac-kan"]).toEqual([]);
    expect(Object.values(await collect()).flat()).toEqual([]);
  });

  it("moves a reminder due on a Saturday at 02:00 to Monday 07:30", async () => {
    await deps.rounds.create(
      {
        id: "dot-dem",
        name: "Đợt ban đêm",
        deadline: at("2026-12-01T17:00:00"),
        targets: { kind: "list", agencies: ["ha-noi"] },
        plan: { ...DEFAULT_PLAN, daysBefore: [3], time: "02:00", afterDeadline: false },
      },
      "test",
      clock.now(),
    );
    await collect();
    await clock.setNow(at("2026-11-28T10:00:00"));
    // Saturday: the first round is past its deadline but reminds only on working days; the night round waits.
    expect(Object.values(await collect()).flat()).toEqual([]);
    await clock.setNow(at("2026-11-30T07:31:00"));
    const monday = await collect();
    expect(monday["ha-noi"]).toEqual([expect.stringContaining("Đợt ban đêm")]);
    await clock.setNow(at("2026-11-30T08:31:00"));
    const late = await collect();
    expect(late["ha-noi"]).toEqual([expect.stringContaining("Đã quá hạn")]);
    expect(late["bac-kan"]).toEqual([]);
  });

  it("lets the secretariat create, list, extend and close a round from the chat", async () => {
    const desk = emulator.user({ id: 89_999, first_name: "Thư ký", language_code: "vi" });
    const { code } = await deps.invites.issue({ role: "secretariat" }, Date.now());
    desk.send(`/start ${code}`);
    await desk.nextMessage();
    desk.send("/round create Đợt từ chat; 15/12/2026 17:00; provinces; 5,2 09:00");
    expect(textOf(await desk.nextMessage())).toContain("Đã tạo đợt r1: Đợt từ chat, hạn 17:00 15/12/2026");
    expect((await deps.rounds.get("r1"))?.plan).toEqual({ daysBefore: [5, 2], time: "09:00", afterDeadline: true });
    desk.send("/round extend r1 20/12/2026 17:00");
    expect(textOf(await desk.nextMessage())).toContain("hạn 17:00 20/12/2026");
    desk.send("/rounds");
    expect(textOf(await desk.nextMessage())).toMatch(/r1 — Đợt từ chat: đang mở; hạn 17:00 20\/12\/2026; đã gửi 0\/63/);
    desk.send("/round close r1");
    expect(textOf(await desk.nextMessage())).toContain("r1: đã đóng");
    desk.send("/round create thiếu hạn");
    expect(textOf(await desk.nextMessage())).toContain("Cách dùng");
  });
});
