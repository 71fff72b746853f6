import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import type { Deps } from "../../src/deps.js";
import { AGENCIES_2025_FILE, AgencyDirectory, loadAgencyDirectory } from "../../src/domain/agencies.js";
import { loadConsultants } from "../../src/domain/consultants.js";
import { loadGroups } from "../../src/domain/groups.js";
import type { Binding } from "../../src/domain/roles.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { planMigration } from "../../src/services/agency-migration.js";
import { fillThroughService } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

const run = promisify(execFile);

/** Every key of the test's prefix with its type and value, and whether it expires: to compare before and after. */
async function snapshot(store: TestRedis): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const keys: string[] = [];
  for await (const batch of store.redis.scanStream({ match: `${store.prefix}*`, count: 500 })) keys.push(...(batch as string[]));
  // Any CLI command applies the start-up data migrations once (`migrations`, src/storage/migrations.ts): not this command's.
  for (const key of keys.sort().filter((name) => name !== `${store.prefix}migrations`)) {
    const type = await store.redis.type(key);
    const expires = (await store.redis.pttl(key)) > 0;
    const value =
      type === "hash"
        ? await store.redis.hgetall(key)
        : type === "set"
          ? (await store.redis.smembers(key)).sort()
          : type === "list"
            ? await store.redis.lrange(key, 0, -1)
            : type === "zset"
              ? await store.redis.zrange(key, "0", "-1")
              : type === "string"
                ? await store.redis.get(key)
                : type;
    out[key.slice(store.prefix.length)] = { type, value, expires };
  }
  return out;
}

describe("agencies migrate: from the letters' 63 provinces to today's 34, against real Redis", () => {
  let store: TestRedis;
  let deps: Deps;
  let before: Record<string, unknown>;
  const now = Date.parse("2026-11-20T09:00:00+07:00");
  const backup = join(mkdtempSync(join(tmpdir(), "d06-migrate-")), "backup.json");
  let nextId = 500;
  const ids: Record<string, string> = {};

  const cli = (args: string[]) =>
    run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? "", REDIS_URL: store.url, REDIS_PREFIX: store.prefix, USER: "test" },
    });
  const join_ = async (binding: Binding) => {
    const userId = nextId++;
    const { code } = await deps.invites.issue(binding, now);
    await deps.invites.redeem(code, telegramAddress(userId), undefined, now);
    return (await deps.members.get(String(userId)))! as Awaited<ReturnType<Deps["members"]["get"]>> & {
      binding: { role: "officer"; agencyId: string };
    };
  };

  beforeAll(async () => {
    store = testRedis();
    deps = depsFor(store);
    const opened = await deps.rounds.create(
      {
        id: "r1",
        name: "Đợt tháng 11",
        opensAt: now - 86_400_000,
        deadline: now + 10 * 86_400_000,
        targets: {
          kind: "list",
          agencies: ["nam-dinh", "ninh-binh", "ha-nam", "ha-giang", "ha-noi", "bo-ke-hoach-dau-tu", "bo-tai-chinh"],
        },
      },
      "test",
      now,
    );
    if (!opened.ok) throw new Error(opened.reason);
    const systems = (list: string) => (list === "r1" || list === "r4_1" ? ["Hệ thống một cửa điện tử"] : []);
    for (const agency of ["nam-dinh", "ninh-binh", "ha-giang", "ha-noi", "bo-ke-hoach-dau-tu"]) {
      const officer = await join_({ role: "officer", agencyId: agency });
      ids[agency] = officer.id;
    }
    const member = async (agency: string) => (await deps.members.get(ids[agency]!)) as Parameters<typeof fillThroughService>[1];
    // Nam Định submitted its report; Ninh Bình started one; Hà Giang answered a few questions.
    await fillThroughService(deps, await member("nam-dinh"), answerer({ fullName: "Trần Văn Nam" }), systems, { submit: true, now });
    await fillThroughService(deps, await member("ninh-binh"), answerer({ fullName: "Lê Thị Bình" }), systems, {
      submit: false,
      now,
      stopAfter: 6,
    });
    await fillThroughService(deps, await member("ha-giang"), answerer({ fullName: "Hoàng Văn Giang" }), systems, {
      submit: false,
      now,
      stopAfter: 3,
    });
    await fillThroughService(deps, await member("bo-ke-hoach-dau-tu"), answerer(), systems, { submit: false, now, stopAfter: 2 });
    // A question from Hà Giang, and an invite for Thái Bình nobody used yet.
    await deps.tickets.ask((await member("ha-giang")) as never, "Hoàng Văn Giang", { text: "Kết nối qua NDXP thế nào?" }, now);
    await deps.invites.issue({ role: "officer", agencyId: "thai-binh" }, now);
    before = await snapshot(store);
  });
  afterAll(() => store.cleanup());

  it("plans first, in a dry run that writes nothing and says what moves", async () => {
    const plan = await planMigration(store.redis, deps.keys, deps.directory, loadAgencyDirectory(AGENCIES_2025_FILE));
    expect(plan.problems).toEqual([]);
    expect(plan.members.map(({ from, to }) => `${from}→${to}`).sort()).toEqual([
      "bo-ke-hoach-dau-tu→bo-tai-chinh",
      "ha-giang→tuyen-quang",
      "nam-dinh→ninh-binh",
    ]);
    expect(plan.responses.find((move) => move.roundId === "r1" && move.to === "ninh-binh")).toMatchObject({
      kept: { from: "nam-dinh", status: "submitted" },
      others: [{ from: "ninh-binh", status: "draft", key: `${store.prefix}merged-response:r1:ninh-binh:ninh-binh` }],
    });
    const { stdout } = await cli(["agencies", "migrate", "--to", "flows/agencies-2025.json", "--dry-run"]);
    expect(stdout).toContain("ninh-binh (Ninh Bình) ← ha-nam (Hà Nam), ninh-binh (Ninh Bình), nam-dinh (Nam Định)");
    expect(stdout).toContain(
      "round r1, ninh-binh: nam-dinh's (submitted, 27 answers) becomes the report; ninh-binh's (draft, 6 answers) kept as history",
    );
    expect(stdout).toContain("Dry run: nothing was written.");
    expect(await snapshot(store)).toEqual(before);
  });

  it("moves officers, reports, history, questions, invites and rounds to the agencies that took them in, losing nothing", async () => {
    const { stdout } = await cli(["agencies", "migrate", "--to", "flows/agencies-2025.json", "--backup", backup]);
    expect(stdout).toContain(`Backup of the`);
    expect(stdout).toContain(backup);
    const key = (name: string) => `${store.prefix}${name}`;
    const redis = store.redis;
    // Officers and the agencies' member lists.
    expect(await redis.hget(key(`member:${ids["nam-dinh"]}`), "agencyId")).toBe("ninh-binh");
    expect(await redis.hget(key(`member:${ids["ha-giang"]}`), "agencyId")).toBe("tuyen-quang");
    expect(await redis.hget(key(`member:${ids["ha-noi"]}`), "agencyId")).toBe("ha-noi");
    expect((await redis.smembers(key("agency-members:ninh-binh"))).sort()).toEqual([ids["nam-dinh"], ids["ninh-binh"]].sort());
    expect(await redis.exists(key("agency-members:nam-dinh"))).toBe(0);
    // Nam Định's submitted report is Ninh Bình's now; Ninh Bình's own draft is kept whole as history, with its history.
    const beforeOf = (name: string) => (before[name] as { value: unknown }).value;
    expect(await redis.hgetall(key("response:r1:ninh-binh"))).toEqual(beforeOf("response:r1:nam-dinh"));
    expect(await redis.hgetall(key("merged-response:r1:ninh-binh:ninh-binh"))).toEqual(beforeOf("response:r1:ninh-binh"));
    expect(await redis.lrange(key("merged-response-history:r1:ninh-binh:ninh-binh"), 0, -1)).toEqual(
      beforeOf("response-history:r1:ninh-binh"),
    );
    const history = await redis.lrange(key("response-history:r1:ninh-binh"), 0, -1);
    expect(history.slice(0, -1)).toEqual(beforeOf("response-history:r1:nam-dinh"));
    expect(JSON.parse(history.at(-1)!)).toMatchObject({ path: "@merged", new: { kept: "nam-dinh", others: [{ from: "ninh-binh" }] } });
    expect(await redis.exists(key("response:r1:nam-dinh"))).toBe(0);
    expect(await redis.hgetall(key("response:r1:tuyen-quang"))).toEqual(beforeOf("response:r1:ha-giang"));
    expect(await redis.hgetall(key("response:r1:bo-tai-chinh"))).toEqual(beforeOf("response:r1:bo-ke-hoach-dau-tu"));
    // The question, the invite, the round's list.
    expect(await redis.hget(key("ticket:1"), "agencyId")).toBe("tuyen-quang");
    const invites = await redis.zrange(key("invites-open"), "0", "-1");
    const agencies = await Promise.all(invites.map((hash) => redis.hget(key(`invite:${hash}`), "agencyId")));
    expect(agencies).toContain("hung-yen");
    expect(agencies).not.toContain("thai-binh");
    expect(JSON.parse((await redis.hget(key("round:r1"), "targets"))!)).toEqual({
      kind: "list",
      agencies: ["ninh-binh", "tuyen-quang", "ha-noi", "bo-tai-chinh"],
    });
    // Nothing lost: every answer given before is somewhere after.
    const after = await snapshot(store);
    const answers = (snap: Record<string, unknown>) =>
      Object.entries(snap)
        .filter(([name]) => /^(merged-)?response:/.test(name))
        .flatMap(([, entry]) => Object.entries((entry as { value: Record<string, string> }).value))
        .filter(([field]) => field.startsWith("a:"))
        .map(([field, value]) => `${field}=${value}`)
        .sort();
    expect(answers(after)).toEqual(answers(before));
  });

  it("runs on today's map afterwards: the merged province's report, its consultant by the first province it took in", async () => {
    const directory = loadAgencyDirectory(AGENCIES_2025_FILE);
    const today = depsFor(store, {
      directory,
      consultants: loadConsultants(directory),
      groups: loadGroups(directory),
    });
    const round = (await today.rounds.get("r1"))!;
    const progress = await today.reports.progress(round, today.rounds.agenciesOf(round), now);
    expect(progress.targeted).toEqual({ province: 3, ministry: 1 });
    expect(progress.submitted).toEqual({ province: 1, ministry: 0 });
    expect(progress.rows.find((row) => row.agency.id === "ninh-binh")?.state?.status).toBe("submitted");
    // Tuyên Quang took in Hà Giang (Hà Thanh Lương) before Tuyên Quang (Nông Công Hùng).
    expect((await today.tickets.consultantOf("tuyen-quang")).consultant?.id).toBe("ha-thanh-luong");
    const moved = (await today.members.get(ids["ha-giang"]!))!;
    expect(moved.binding).toEqual({ role: "officer", agencyId: "tuyen-quang" });
  });

  it("undoes from the backup it wrote first, every key exactly as it was", async () => {
    const written = JSON.parse(readFileSync(backup, "utf8")) as { kind: string; prefix: string };
    expect(written).toMatchObject({ kind: "agencies-migrate-backup", prefix: store.prefix });
    const { stdout } = await cli(["agencies", "migrate", "--undo", backup]);
    expect(stdout).toMatch(/^Restored \d+ keys/);
    expect(await snapshot(store)).toEqual(before);
  });

  it("refuses a directory that leaves an agency of the one in use with nowhere to go", async () => {
    const directory = loadAgencyDirectory(AGENCIES_2025_FILE);
    const without = new AgencyDirectory(directory.agencies.filter((agency) => agency.id !== "lang-son"));
    const plan = await planMigration(store.redis, deps.keys, deps.directory, without);
    expect(plan.problems).toEqual(["lang-son (Lạng Sơn) is taken in by no agency of the new directory: its data would have nowhere to go"]);
    await expect(cli(["agencies", "migrate", "--to", "flows/agencies.json", "--dry-run"])).resolves.toBeDefined();
  });
});
