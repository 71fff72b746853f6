import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import type { Deps } from "../../src/deps.js";
import { FormRenderer } from "../../src/dialogue/form-screens.js";
import { loadAgencyDirectory } from "../../src/domain/agencies.js";
import { loadGroups } from "../../src/domain/groups.js";
import { DEFAULT_PLAN, parseLocalDateTime, parseTarget, type Round, reminderMoments } from "../../src/domain/rounds.js";
import { parseCalendar } from "../../src/domain/working-time.js";
import { translatorFor } from "../../src/i18n.js";
import type { OutboxMessage } from "../../src/jobs/outbox.js";
import { createLogger } from "../../src/logger.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { reminderText } from "../../src/services/announcements.js";
import { RoundReminders } from "../../src/services/round-reminders.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

const run = promisify(execFile);

const TZ = "Asia/Ho_Chi_Minh";
const calendar = parseCalendar(TZ, "1-5", "07:30-17:00", "");
const at = (local: string) => new Date(`${local}+07:00`).getTime();
const round = (overrides: Partial<Round>): Round => ({
  id: "r1",
  name: "Đợt thử",
  formId: "488",
  formVersion: undefined,
  opensAt: at("2026-11-20T09:00:00"),
  deadline: at("2026-12-04T17:00:00"),
  targets: { kind: "all" },
  plan: DEFAULT_PLAN,
  closedAt: undefined,
  createdBy: "test",
  createdAt: 0,
  ...overrides,
});

describe("reminder moments", () => {
  it("are 7, 3 and 1 days before the deadline at 08:30, then every working day after it", () => {
    const moments = reminderMoments(round({}), calendar, at("2026-12-09T12:00:00"));
    expect(moments).toEqual([
      at("2026-11-27T08:30:00"),
      at("2026-12-01T08:30:00"),
      at("2026-12-03T08:30:00"),
      at("2026-12-07T08:30:00"),
      at("2026-12-08T08:30:00"),
      at("2026-12-09T08:30:00"),
    ]);
  });

  it("move a reminder due on a Saturday, or at 02:00, to the next working moment", () => {
    const saturday = reminderMoments(
      round({ deadline: at("2026-12-01T17:00:00"), plan: { ...DEFAULT_PLAN, daysBefore: [3], afterDeadline: false } }),
      calendar,
      at("2026-12-31T00:00:00"),
    );
    expect(saturday).toEqual([at("2026-11-30T07:30:00")]);
    const night = reminderMoments(
      round({ plan: { daysBefore: [1], afterDeadline: false, time: "02:00" } }),
      calendar,
      at("2026-12-31T00:00:00"),
    );
    expect(night).toEqual([at("2026-12-03T07:30:00")]);
  });

  it("skip what falls before the round opens, and follow a moved deadline", () => {
    const late = round({ opensAt: at("2026-12-02T09:00:00") });
    expect(reminderMoments(late, calendar, at("2026-12-04T00:00:00"))).toEqual([at("2026-12-03T08:30:00")]);
    const extended = round({ deadline: at("2026-12-11T17:00:00") });
    expect(reminderMoments(extended, calendar, at("2026-12-10T12:00:00"))).toEqual([
      at("2026-12-04T08:30:00"),
      at("2026-12-08T08:30:00"),
      at("2026-12-10T08:30:00"),
    ]);
  });
});

describe("parsing the secretariat's input", () => {
  const directory = loadAgencyDirectory();
  it("reads local dates and times in Hà Nội time", () => {
    expect(parseLocalDateTime("2026-12-15 17:00", TZ)).toBe(at("2026-12-15T17:00:00"));
    expect(parseLocalDateTime("15/12/2026", TZ)).toBe(at("2026-12-15T17:00:00"));
    expect(parseLocalDateTime("31/02/2026", TZ)).toBeUndefined();
    expect(parseLocalDateTime("next week", TZ)).toBeUndefined();
  });
  it("reads targets", () => {
    const groups = loadGroups(directory);
    expect(parseTarget("provinces", directory, groups)).toEqual({ kind: "provinces" });
    expect(parseTarget("ha-noi, bo-tu-phap", directory, groups)).toEqual({ kind: "list", agencies: ["ha-noi", "bo-tu-phap"] });
    expect(parseTarget("atlantis", directory, groups)).toEqual({
      ok: false,
      reason: "target-unknown-agencies",
      params: { ids: "atlantis" },
    });
    const footnote = parseTarget("group:8402-chua-ket-noi", directory, groups);
    expect("agencies" in footnote && footnote.agencies).toHaveLength(49);
    expect("agencies" in footnote && footnote.agencies).toContain("bac-kan");
    expect("agencies" in footnote && footnote.agencies).not.toContain("lam-dong");
    expect(parseTarget("group:khong-co", directory, groups)).toEqual({
      ok: false,
      reason: "target-unknown-group",
      params: { group: "khong-co" },
    });
  });
});

describe("rounds and their reminders, against real Redis", () => {
  let store: TestRedis;
  let deps: Deps;
  let queued: OutboxMessage[];
  let reminders: RoundReminders;
  let nextUser = 1;

  const officer = async (agencyId: string) => {
    const { code } = await deps.invites.issue({ role: "officer", agencyId }, Date.now());
    const userId = nextUser++;
    await deps.invites.redeem(code, telegramAddress(userId), undefined, Date.now());
    return String(userId);
  };

  beforeEach(() => {
    store = testRedis();
    queued = [];
    deps = depsFor(store);
    reminders = new RoundReminders(
      deps.rounds,
      deps.roundStore,
      deps.reporting,
      deps.members,
      calendar,
      {
        opened: (_language, opened) => ({ text: `open ${opened.id}` }),
        reminder: (_language, _round, standing) => ({ text: `${standing.agency.id}:${standing.status}` }),
      },
      async (messages) => void queued.push(...messages),
      createLogger("silent"),
    );
  });
  afterEach(() => store.cleanup());

  it("is the round an agency answers in while open, read-only after, and the standing round otherwise", async () => {
    expect(await deps.rounds.activeFor("ha-noi", at("2026-11-23T09:00:00"))).toMatchObject({ id: "488", open: true });
    const created = await deps.rounds.create(
      { name: "Đợt 1", deadline: at("2026-12-04T17:00:00"), targets: { kind: "provinces" } },
      "test",
      at("2026-11-23T09:00:00"),
    );
    expect(created.ok && created.round.id).toBe("r1");
    expect(await deps.rounds.activeFor("ha-noi", at("2026-11-24T09:00:00"))).toMatchObject({ id: "r1", open: true });
    expect(await deps.rounds.activeFor("bo-tu-phap", at("2026-11-24T09:00:00"))).toMatchObject({ id: "488", open: true });
    await deps.rounds.close("r1", at("2026-12-05T09:00:00"));
    expect(await deps.rounds.activeFor("ha-noi", at("2026-12-06T09:00:00"))).toMatchObject({ id: "r1", open: false });
    expect((await deps.rounds.create({ name: "x", deadline: 1, targets: { kind: "all" } }, "test", 10)).ok).toBe(false);
  });

  it("queues before it marks: a tick cut off while queueing leaves the marks, and the next queues the same messages", async () => {
    const hanoi = await officer("ha-noi");
    await deps.rounds.create(
      { id: "r7", name: "Đợt 7", deadline: at("2026-12-04T17:00:00"), targets: { kind: "list", agencies: ["ha-noi"] } },
      "test",
      at("2026-11-23T09:00:00"),
    );
    let failing = true;
    const cut = new RoundReminders(
      deps.rounds,
      deps.roundStore,
      deps.reporting,
      deps.members,
      calendar,
      { opened: () => ({ text: "open" }), reminder: () => ({ text: "remind" }) },
      async (messages) => {
        if (failing) throw new Error("the process died while queueing");
        queued.push(...messages);
      },
      createLogger("silent"),
    );
    await expect(cut.tick(at("2026-11-27T09:00:00"))).rejects.toThrow("died");
    expect(await deps.roundStore.openingAnnounced("r7")).toBe(false);
    expect(await deps.roundStore.remindedUpTo("r7")).toBe(0);
    failing = false;
    await cut.tick(at("2026-11-27T09:00:00"));
    expect(queued.map((message) => message.id)).toEqual([
      `open-r7-${hanoi}`,
      expect.stringMatching(new RegExp(`^remind-r7-\\d+-${hanoi}$`)),
    ]);
    expect(await deps.roundStore.openingAnnounced("r7")).toBe(true);
    expect(await deps.roundStore.remindedUpTo("r7")).toBeGreaterThan(0);
  });

  it("announces once, reminds agencies that have not submitted once per due moment, and follows a new deadline", async () => {
    const hanoi = await officer("ha-noi");
    const backan = await officer("bac-kan");
    await deps.rounds.create(
      {
        name: "Đợt 1",
        opensAt: at("2026-11-23T09:00:00"),
        deadline: at("2026-11-28T17:00:00"),
        targets: { kind: "list", agencies: ["ha-noi", "bac-kan"] },
      },
      "test",
      at("2026-11-23T09:00:00"),
    );
    await store.redis.hset(`${store.prefix}response:r1:bac-kan`, { "m:formVersion": "1", "m:status": "submitted" });

    await reminders.tick(at("2026-11-23T09:05:00"));
    expect(queued.map((message) => [message.memberId, message.message.text])).toEqual([
      [hanoi, "open r1"],
      [backan, "open r1"],
    ]);
    queued = [];
    await reminders.tick(at("2026-11-25T08:29:00"));
    expect(queued).toEqual([]);
    await reminders.tick(at("2026-11-25T08:31:00"));
    await reminders.tick(at("2026-11-25T09:00:00"));
    expect(queued.map((message) => [message.memberId, message.message.text])).toEqual([[hanoi, "ha-noi:not-started"]]);

    queued = [];
    await deps.rounds.extend("r1", at("2026-12-04T17:00:00"));
    await reminders.tick(at("2026-11-27T08:31:00"));
    expect(queued.map((message) => message.id)).toEqual([`remind-r1-${at("2026-11-27T08:30:00")}-${hanoi}`]);
    await deps.rounds.close("r1", at("2026-11-27T10:00:00"));
    queued = [];
    await reminders.tick(at("2026-12-01T09:00:00"));
    expect(queued).toEqual([]);
  });
});

describe("the rounds of the seed letters", () => {
  it("load from flows/rounds-seed.json, closed, with their letters' deadlines", async () => {
    const store = testRedis();
    try {
      const env = { PATH: process.env.PATH ?? "", REDIS_URL: store.url, REDIS_PREFIX: store.prefix };
      await run(process.execPath, ["--import", "tsx", "src/cli.ts", "round", "load", "flows/rounds-seed.json"], { cwd: PROJECT_ROOT, env });
      const rounds = await depsFor(store).rounds.list();
      const deadline = (id: string) => new Date(rounds.find((round) => round.id === id)!.deadline).toISOString();
      // Only what asks form 488: 488 itself, its third reminder, and 452's June review of IT infrastructure by 1552.
      expect(rounds.map((round) => round.id).sort()).toEqual(["452-ha-tang-cntt", "488-2023", "488-lan-3"]);
      expect(rounds.every((round) => round.closedAt !== undefined && round.formId === "488")).toBe(true);
      expect(deadline("488-2023")).toBe("2023-02-28T10:00:00.000Z");
      expect(deadline("488-lan-3")).toBe("2023-06-20T10:00:00.000Z");
      expect(deadline("452-ha-tang-cntt")).toBe("2023-06-30T10:00:00.000Z");
      expect(rounds.find((round) => round.id === "452-ha-tang-cntt")?.targets).toEqual({ kind: "all" });
    } finally {
      await store.cleanup();
    }
  });
});

describe("the words of a reminder", () => {
  it("name the components the answers so far say fall short, by the rule /progress uses", () => {
    const round = { id: "r9", name: "Đợt 9", deadline: Date.UTC(2026, 11, 20, 10), closedAt: undefined } as unknown as Round;
    const agency = loadAgencyDirectory().get("ha-noi")!;
    const standing = {
      agency,
      importedForm: undefined,
      status: "in-progress" as const,
      percent: 60,
      partNumber: "2",
      submittedAt: undefined,
      reviewComment: undefined,
    };
    const short = reminderText("vi", round, { ...standing, shortfalls: ["2", "5"] }, Date.UTC(2026, 11, 15), "Asia/Ho_Chi_Minh");
    expect(short.text).toContain("đã xong 60%");
    // The appendix's items, not 1552's own numbering; and the body the report goes to (SECRETARIAT_NAME).
    expect(short.text).toContain("các mục của Phụ lục Văn bản 488 chưa đáp ứng đầy đủ: 2, 5.");
    expect(short.text).toContain("Hạn gửi về Cục Chuyển đổi số quốc gia:");
    const none = reminderText("vi", round, { ...standing, shortfalls: [] }, Date.UTC(2026, 11, 15), "Asia/Ho_Chi_Minh");
    expect(none.text).not.toContain("chưa đáp ứng đầy đủ");
  });

  it("say a report answered in full but not sent is waiting for its submit, not at an empty part", () => {
    const round = { id: "r9", name: "Đợt 9", deadline: Date.UTC(2026, 11, 20, 10), closedAt: undefined } as unknown as Round;
    const standing = {
      agency: loadAgencyDirectory().get("ha-noi")!,
      importedForm: undefined,
      status: "in-progress" as const,
      percent: 100,
      partNumber: undefined,
      submittedAt: undefined,
      reviewComment: undefined,
      shortfalls: [],
    };
    const before = reminderText("vi", round, standing, Date.UTC(2026, 11, 15), "Asia/Ho_Chi_Minh").text;
    expect(before).toContain("đã trả lời đủ nhưng chưa gửi.");
    expect(before).not.toContain("Phần");
    const late = reminderText("en", round, standing, Date.UTC(2026, 11, 21), "Asia/Ho_Chi_Minh").text;
    expect(late).toContain("is fully answered but not submitted. Please submit it now.");
    // The greeting of /start says the same.
    const greeting = new FormRenderer("vi", translatorFor("vi"), "Asia/Ho_Chi_Minh").standing(standing).text;
    expect(greeting).toContain("đã trả lời đủ nhưng chưa gửi");
    expect(greeting).not.toContain("Phần");
  });
});

describe("ids that travel in buttons", () => {
  it("keep the longest review button within Telegram's 64 bytes, and refuse a longer round id", async () => {
    const store = testRedis();
    try {
      const deps = depsFor(store);
      const longest = Math.max(...deps.directory.agencies.map((agency) => agency.id.length));
      expect(Buffer.byteLength(`r:back:${"r".repeat(20)}:${"a".repeat(longest)}`)).toBeLessThanOrEqual(64);
      const made = await deps.rounds.create(
        { id: "x".repeat(21), name: "Dài", deadline: Date.now() + 86_400_000, targets: { kind: "all" } },
        "test",
        Date.now(),
      );
      expect(made).toEqual({ ok: false, reason: "round-refused-bad-id", params: { round: "x".repeat(21) } });
    } finally {
      await store.cleanup();
    }
  });
});
