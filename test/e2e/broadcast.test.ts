import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import type { Deps } from "../../src/deps.js";
import { BotApiEmulator, type RecordedCall } from "../../src/emulator/bot-api-emulator.js";
import { textOf } from "../../src/emulator/fake-user.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { BotProcess } from "../support/bot-process.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

const run = promisify(execFile);
const RATE = 100;
const RECIPIENTS = 300;

/** The most calls in any sliding window of one second. */
function busiestSecond(calls: RecordedCall[]): number {
  const times = calls.map((call) => call.at).sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe(`a broadcast to ${RECIPIENTS} officers through the emulator, ${RATE} messages a second at most`, () => {
  let store: TestRedis;
  let first: BotApiEmulator;
  let second: BotApiEmulator;
  let bot: BotProcess;
  let deps: Deps;
  const userIds: number[] = [];
  const blocked = new Set<number>();
  const env = () => ({ PATH: process.env.PATH ?? "", REDIS_URL: store.url, REDIS_PREFIX: store.prefix });
  const cli = (...args: string[]) => run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: PROJECT_ROOT, env: env() });
  const broadcastCalls = (emulator: BotApiEmulator, text: string) =>
    emulator.callsOf("sendMessage").filter((call) => String(call.params.text).includes(text) && !String(call.params.text).includes("📊"));

  beforeAll(async () => {
    store = testRedis();
    first = new BotApiEmulator();
    await first.start();
    second = new BotApiEmulator({ token: first.token });
    await second.start();
    deps = depsFor(store);
    const provinces = deps.directory.ofKind("province");
    for (let index = 0; index < RECIPIENTS; index++) {
      const userId = 200_000 + index;
      const agencyId = provinces[index % provinces.length]!.id;
      const { code } = await deps.invites.issue({ role: "officer", agencyId }, Date.now());
      await deps.invites.redeem(code, telegramAddress(userId), undefined, Date.now());
      for (const emulator of [first, second]) emulator.user({ id: userId, first_name: `Cán bộ ${index}`, language_code: "vi" });
      userIds.push(userId);
    }
    for (const userId of userIds.slice(0, 3)) {
      blocked.add(userId);
      for (const emulator of [first, second]) emulator.user({ id: userId, first_name: "x" }).setBlocked(true);
    }
    bot = await BotProcess.start({ emulator: first, redisUrl: store.url, prefix: store.prefix, env: { BROADCAST_RATE: String(RATE) } });
  }, 60_000);

  afterAll(async () => {
    await bot?.kill("SIGKILL");
    await first?.stop();
    await second?.stop();
    await store?.cleanup();
  });

  it("delivers each message once, never above the limit in any second, and reports blocked users and their agencies", async () => {
    const { stdout } = await cli("broadcast", "--to", "provinces", "--text", "Thông báo số 1", "--wait", "60");
    expect(stdout).toContain(`Broadcast b1: ${RECIPIENTS} messages to 63 agencies queued.`);
    expect(stdout).toContain(`sent ${RECIPIENTS - 3}, blocked 3, failed 0, of ${RECIPIENTS}`);
    const unreached = userIds.slice(0, 3).map((_, index) => deps.directory.ofKind("province")[index]!.id);
    expect(stdout).toContain(`not reached: ${[...unreached].sort().join(", ")}`);
    const calls = broadcastCalls(first, "Thông báo số 1");
    const delivered = calls.filter((call) => !blocked.has(Number(call.params.chat_id)));
    expect(new Set(delivered.map((call) => call.params.chat_id)).size).toBe(RECIPIENTS - 3);
    expect(delivered).toHaveLength(RECIPIENTS - 3);
    expect(busiestSecond(calls)).toBeLessThanOrEqual(RATE);
    expect(await deps.members.isBlocked(String(userIds[0]))).toBe(true);
  }, 60_000);

  it("waits out 429s and loses nothing; blocked users are not tried again", async () => {
    first.injectFailure("sendMessage", 10, 429, "Too Many Requests: retry after 1", { retry_after: 1 });
    const { stdout } = await cli("broadcast", "--to", "provinces", "--text", "Thông báo số 2", "--wait", "60");
    expect(stdout).toContain(`sent ${RECIPIENTS - 3}, blocked 3, failed 0`);
    const calls = broadcastCalls(first, "Thông báo số 2");
    expect(calls.some((call) => blocked.has(Number(call.params.chat_id)))).toBe(false);
    const perChat = new Map<unknown, number>();
    for (const call of calls) perChat.set(call.params.chat_id, (perChat.get(call.params.chat_id) ?? 0) + 1);
    // Ten calls were answered 429 and retried: every chat got the message, and only the retried ones were called twice.
    expect(perChat.size).toBe(RECIPIENTS - 3);
    expect(calls.length).toBe(RECIPIENTS - 3 + 10);
    expect(busiestSecond(calls)).toBeLessThanOrEqual(RATE);
  }, 60_000);

  it("resumes after a SIGKILL in the middle, sending nothing twice", async () => {
    const sending = cli("broadcast", "--to", "provinces", "--text", "Thông báo số 5", "--wait", "60");
    while (broadcastCalls(first, "Thông báo số 5").length < 60) await new Promise((resolve) => setTimeout(resolve, 50));
    await bot.kill("SIGKILL");
    await bot.spawn();
    const { stdout } = await sending;
    const calls = broadcastCalls(first, "Thông báo số 5");
    expect(new Set(calls.map((call) => call.params.chat_id)).size).toBe(calls.length);
    const report = /sent (\d+), blocked 3, failed (\d+), of 300/.exec(stdout);
    expect(report).not.toBeNull();
    // At most once: a message cut off between its claim and Telegram's answer is counted failed, never resent.
    expect(Number(report![1]) + Number(report![2])).toBe(RECIPIENTS - 3);
    // Cut off between Telegram's receipt and the mark "sent", a message arrived but counts as failed.
    expect(calls.length).toBeGreaterThanOrEqual(Number(report![1]));
    expect(calls.length).toBeLessThanOrEqual(Number(report![1]) + Number(report![2]));
    expect(Number(report![2])).toBeLessThanOrEqual(20);
  }, 60_000);

  it("from the chat: the secretariat picks a target, sees how many it reaches, confirms, and gets the report", async () => {
    const desk = first.user({ id: 199_999, first_name: "Thư ký", language_code: "vi" });
    const { code } = await deps.invites.issue({ role: "secretariat" }, Date.now());
    desk.send(`/start ${code}`);
    await desk.nextMessage();
    desk.send("/broadcast");
    desk.press("Cán bộ các bộ, ngành", await desk.nextMessage());
    expect(textOf(await desk.nextMessage())).toContain("Không có ai nhận");
    // An Giang's first officer has blocked the bot.
    desk.send("/broadcast agencies:an-giang,bac-kan");
    expect(textOf(await desk.nextMessage())).toMatch(/gửi tới \d+ người, 2 đơn vị/);
    desk.send("Họp trực tuyến lúc 14:00 <chiều nay>");
    const confirm = await desk.nextMessage();
    expect(textOf(confirm)).toContain("Họp trực tuyến lúc 14:00 <chiều nay>");
    desk.press("Gửi", confirm);
    expect(textOf(await desk.nextMessage())).toMatch(/Đã xếp hàng \d+ tin nhắn/);
    const report = textOf(await desk.nextMessage());
    expect(report).toMatch(/Kết quả gửi thông báo b4: đã gửi \d+\/\d+; bị chặn 1; lỗi 0/);
    expect(report).toContain("/broadcast resend b4");

    // The officer unblocks the bot and writes: the resend reaches them, and only them.
    const officer = first.user({ id: userIds[0]!, first_name: "x" });
    officer.setBlocked(false);
    officer.send("/help");
    await officer.nextMessage();
    const before = broadcastCalls(first, "Họp trực tuyến").length;
    desk.send("/broadcast resend b4");
    expect(textOf(await desk.nextMessage())).toContain("Đã xếp hàng gửi lại 1 tin nhắn (thông báo b4)");
    expect(textOf(await desk.nextMessage())).toMatch(/Kết quả gửi thông báo b4: đã gửi (\d+)\/\1; bị chặn 0; lỗi 0/);
    const again = broadcastCalls(first, "Họp trực tuyến").slice(before);
    expect(again.map((call) => call.params.chat_id)).toEqual([userIds[0]]);
    desk.send("/broadcast resend b4");
    expect(textOf(await desk.nextMessage())).toContain("không có gì để gửi lại");
    desk.send("/broadcast resend b99");
    expect(textOf(await desk.nextMessage())).toContain("Không có thông báo b99");
    // Blocked again, as the next test expects.
    officer.setBlocked(true);
    await deps.members.markBlocked(String(userIds[0]));
  }, 30_000);

  it("keeps two bot processes on one Redis under the limit together", async () => {
    const other = await BotProcess.start({
      emulator: second,
      redisUrl: store.url,
      prefix: store.prefix,
      env: { BROADCAST_RATE: String(RATE) },
    });
    try {
      const { stdout } = await cli("broadcast", "--to", "provinces", "--text", "Thông báo số 3", "--wait", "60");
      expect(stdout).toContain("Broadcast b5:");
      expect(stdout).toContain(`sent ${RECIPIENTS - 3}, blocked 3, failed 0`);
      const calls = [...broadcastCalls(first, "Thông báo số 3"), ...broadcastCalls(second, "Thông báo số 3")];
      expect(new Set(calls.map((call) => call.params.chat_id)).size).toBe(RECIPIENTS - 3);
      expect(calls).toHaveLength(RECIPIENTS - 3);
      expect(broadcastCalls(second, "Thông báo số 3").length).toBeGreaterThan(0);
      expect(busiestSecond(calls)).toBeLessThanOrEqual(RATE);
    } finally {
      await other.kill("SIGTERM");
    }
  }, 60_000);
});
