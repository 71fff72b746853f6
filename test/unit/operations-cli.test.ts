import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import type { Deps } from "../../src/deps.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

const run = promisify(execFile);

/** The operator's commands of issue #24, through `npm run cli` as the secretariat runs them. */
describe("npm run cli: parked updates, erasure, the access log, broadcast resend, refusals in English", () => {
  let store: TestRedis;
  let deps: Deps;

  const cli = async (...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> => {
    const env = { PATH: process.env.PATH ?? "", REDIS_URL: store.url, REDIS_PREFIX: store.prefix, USER: "thu-ky" };
    try {
      const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: PROJECT_ROOT, env });
      return { stdout, stderr, code: 0 };
    } catch (error) {
      const failed = error as { stdout: string; stderr: string; code: number };
      return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
    }
  };

  beforeEach(() => {
    store = testRedis();
    deps = depsFor(store);
  });
  afterEach(() => store.cleanup());

  it("lists parked updates without their text, tries one again, drops another, and logs both", async () => {
    const parked = deps.keys.intakeParked("telegram");
    const update = { update_id: 9, message: { chat: { id: 77 }, from: { id: 77, first_name: "Lan" }, text: "bí mật" } };
    for (const entry of ["100-0", "101-0"]) {
      await store.redis.xadd(
        parked,
        "*",
        "entry",
        entry,
        "chat",
        "77",
        "update",
        JSON.stringify({ ...update, message: { ...update.message, text: "[redacted]" } }),
        "error",
        "boom",
      );
      await store.redis.set(`${parked}:whole:${entry}`, JSON.stringify(update), "EX", 3600);
    }
    const [first, second] = ((await store.redis.xrange(parked, "-", "+")) as [string, string[]][]).map(([id]) => id);

    const listed = await cli("intake", "parked", "list");
    expect(listed.stdout).toMatch(new RegExp(`^${first}\\ttelegram\\tchat 77\\tmessage\\tparked .*\\tcan retry\\tboom$`, "m"));
    expect(listed.stdout).toContain("2 parked updates");
    expect(listed.stdout).not.toContain("bí mật");

    expect((await cli("intake", "parked", "retry", first!)).stdout).toMatch(/is back in the telegram intake as \d+-\d+/);
    expect(await store.redis.xlen(deps.keys.intake("telegram"))).toBe(1);
    expect((await cli("intake", "parked", "drop", second!)).stdout).toContain(`Dropped ${second}.`);
    const again = await cli("intake", "parked", "retry", first!);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no parked update ${first}`);

    const log = await cli("access-log", "--since", "1h");
    expect(log.stdout).toMatch(new RegExp(`\\tcli:thu-ky\\tparked-retry\\t${first}$`, "m"));
    expect(log.stdout).toMatch(new RegExp(`\\tcli:thu-ky\\tparked-drop\\t${second}$`, "m"));
    expect(log.stdout).toContain("2 records since");
  });

  it("erases a member's personal data, says what it did, and refuses an id nobody had", async () => {
    const { code } = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, Date.now());
    await deps.invites.redeem(code, telegramAddress(8123), undefined, Date.now());
    await store.redis.hset(deps.keys.member("8123"), "profile:fullName", "Vũ Thị Hạnh");
    const erased = await cli("member", "erase", "8123");
    expect(erased.stdout).toContain(
      'Erased the personal data of 8123 (removed first; told by the running bot), and their name on 0 questions; the agency\'s report stays, their answers read "a former member".',
    );
    expect(JSON.stringify(await store.redis.hgetall(deps.keys.removedMember("8123")))).not.toContain("Vũ Thị Hạnh");
    const log = (await cli("access-log")).stdout;
    expect(log).toMatch(/\tcli:thu-ky\tremoval\tagency ha-noi {2}member 8123$/m);
    expect(log).toMatch(/\tcli:thu-ky\terase\tmember 8123$/m);
    const nobody = await cli("member", "erase", "nobody");
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain("Error: There is no member or removed member nobody. (see: npm run cli -- member list)");
  });

  it("says what a service refused in English, naming what was wrong, with no Vietnamese in it", async () => {
    const vietnamese = /[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i;
    const refusals: [string[], string][] = [
      [["round", "close", "nosuchround"], "Error: There is no round nosuchround."],
      [["broadcast", "--to", "agencies:xx-yy", "--text", "Xin chào"], "Error: No such agency id: xx-yy."],
      [
        ["round", "create", "--name", "Đợt thử", "--deadline", "2030-01-01 17:00", "--targets", "group:khong-co"],
        "Error: There is no group of agencies khong-co.",
      ],
      [["assign", "--province", "bo-tu-phap", "--consultant", "none"], 'Error: Not changed: "bo-tu-phap" is not a province id.'],
    ];
    for (const [args, said] of refusals) {
      const refused = await cli(...args);
      expect(refused.code, args.join(" ")).toBe(1);
      const [line] = refused.stderr.split("\n");
      expect(line).toBe(said);
      expect(line).not.toMatch(vietnamese);
    }
  });

  it("queues a broadcast again to whoever it did not reach", async () => {
    const id = await deps.broadcasts.create(undefined, "Nhắc hạn", [
      { memberId: "1", agencyId: "ha-noi" },
      { memberId: "2", agencyId: "bac-kan" },
    ]);
    await deps.broadcasts.settle(deps.broadcasts.messageFor(id, { memberId: "1", agencyId: "ha-noi" }, { text: "x" }), "sent");
    await deps.broadcasts.settle(deps.broadcasts.messageFor(id, { memberId: "2", agencyId: "bac-kan" }, { text: "x" }), "failed");
    const resent = await cli("broadcast", "resend", id, "--wait", "0");
    expect(resent.stdout).toContain(`Broadcast ${id}: 1 messages queued again (resend 1).`);
    expect(resent.stdout).toContain("still sending: 1 left (is the bot running?)");
    expect(resent.code).toBe(3);
    const nothing = await cli("broadcast", "resend", "b404");
    expect(nothing.stderr).toContain("Error: There is no broadcast b404.");
    expect((await cli("access-log")).stdout).toMatch(new RegExp(`\\tcli:thu-ky\\tbroadcast-resend\\t${id}$`, "m"));
  });
});
