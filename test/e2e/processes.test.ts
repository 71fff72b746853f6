import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import { BotProcess } from "../support/bot-process.js";
import { type E2E, startE2E } from "../support/e2e.js";

const SECRET = "two-processes-two-processes-two-processes";

/**
 * Two real bot processes on one Redis, as `docker compose up --scale bot=2` runs them: Telegram
 * posts to one, both apply what is kept, both schedulers tick. One officer's answers, typed
 * faster than the screens come, land each on its own question, in order, once; the round's
 * opening is announced once.
 */
describe("two bot processes sharing one Redis", () => {
  let e2e: E2E;
  let second: BotProcess;
  let officer: FakeUser;

  beforeAll(async () => {
    e2e = await startE2E({ mode: "webhook", webhookSecret: SECRET, env: { INSTANCE_ID: "bot-1", SCHEDULER_TICK_SECONDS: "0.5" } });
    second = await BotProcess.start({
      emulator: e2e.emulator,
      redisUrl: e2e.store.url,
      prefix: e2e.store.prefix,
      mode: "webhook",
      webhookSecret: SECRET,
      env: { INSTANCE_ID: "bot-2", SCHEDULER_TICK_SECONDS: "0.5" },
    });
    officer = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Lan");
  });

  afterAll(async () => {
    await second?.kill("SIGKILL");
    await e2e?.stop();
  });

  it("applies one chat's burst in order, each answer once, whichever process takes it", async () => {
    officer.press("Bắt đầu điền");
    expect(textOf(await officer.nextScreen())).toContain("Họ và tên");
    const answers = ["Nguyễn Thị Lan", "Sở Thông tin và Truyền thông", "Phó Giám đốc", "0912345678", "lan@hanoi.gov.vn"];
    for (const answer of answers) officer.send(answer);
    for (let screens = 0; screens < answers.length; screens++) await officer.nextScreen();
    await Promise.all([e2e.bot.settled(), second.settled()]);
    const round = await e2e.deps.reports.roundFor(undefined, Date.now());
    const state = await (await e2e.deps.reports.exportSource(round!, [])).load("ha-noi");
    expect(["fullName", "agency", "position", "phone", "email"].map((id) => state?.answers.get(`officer.${id}`)?.value)).toEqual(answers);
    const consumers = (await e2e.store.redis.xinfo("CONSUMERS", `${e2e.store.prefix}intake:telegram`, "bot")) as [string, string][];
    expect(consumers.map((consumer) => consumer[1]).sort()).toEqual(["bot-1", "bot-2"]);
  });

  it("announces a round's opening once, though both schedulers tick", async () => {
    officer.markAllRead();
    const now = Date.now();
    const created = await e2e.deps.rounds.create(
      {
        id: "hai-tien-trinh",
        name: "Đợt hai tiến trình",
        opensAt: now - 1_000,
        deadline: now + 7 * 86_400_000,
        targets: { kind: "list", agencies: ["ha-noi"] },
      },
      "test",
      now,
    );
    expect(created.ok).toBe(true);
    expect(textOf(await officer.nextMessage())).toContain("Đợt báo cáo Đợt hai tiến trình đã mở");
    // The signal that nothing more is coming: the opening is marked and the outbox has nothing left to send.
    await expect.poll(() => e2e.store.redis.hexists(`${e2e.store.prefix}round:hai-tien-trinh`, "openNotified"), { timeout: 5_000 }).toBe(1);
    const outbox = new Queue("outbox", { connection: { url: e2e.store.url }, prefix: `${e2e.store.prefix}bull` });
    try {
      await expect
        .poll(async () => Object.values(await outbox.getJobCounts("wait", "active", "delayed", "prioritized")).reduce((a, b) => a + b, 0), {
          timeout: 10_000,
        })
        .toBe(0);
    } finally {
      await outbox.close();
    }
    const sent = e2e.emulator.callsOf("sendMessage").filter((call) => String(call.params.text).includes("Đợt hai tiến trình"));
    expect(sent).toHaveLength(1);
  });
});
