import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import type { Deps } from "../../src/deps.js";
import type { Binding } from "../../src/domain/roles.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { THREAD_MAX, type Ticket } from "../../src/storage/tickets.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

const run = promisify(execFile);

describe("routing and handling questions, against real Redis", () => {
  let store: TestRedis;
  let deps: Deps;
  let scheduled: { ticket: Ticket; kinds: string[] }[];
  let nextId = 1;
  const now = Date.UTC(2026, 10, 23, 2, 0);

  const member = async (binding: Binding) => {
    const userId = nextId++;
    const { code } = await deps.invites.issue(binding, now);
    await deps.invites.redeem(code, telegramAddress(userId), undefined, now);
    return (await deps.members.get(String(userId)))!;
  };
  const officerOf = async (agencyId: string) =>
    (await member({ role: "officer", agencyId })) as Awaited<ReturnType<typeof member>> & {
      binding: { role: "officer"; agencyId: string };
    };

  beforeEach(() => {
    store = testRedis();
    scheduled = [];
    deps = depsFor(store, {
      ticketTimers: { schedule: async (ticket, timers) => void scheduled.push({ ticket, kinds: timers.map((timer) => timer.kind) }) },
    });
  });
  afterEach(() => store.cleanup());

  it("routes by province, falls back to the secretariat for the rest, and never nowhere", async () => {
    const hanoi = await officerOf("ha-noi");
    const first = await deps.tickets.ask(hanoi, "Mai", { text: "?" }, now);
    expect(first.ticket).toMatchObject({ assignee: { kind: "secretariat" }, reason: "not-joined" });
    expect(first.deliveries[0]?.to).toEqual([]);
    expect((await deps.ticketStore.open()).map((ticket) => ticket.id)).toContain(first.ticket.id);

    const luong = await member({ role: "consultant", consultantId: "ha-thanh-luong" });
    const second = await deps.tickets.ask(hanoi, "Mai", { text: "?" }, now);
    expect(second.ticket.assignee).toEqual({ kind: "consultant", consultantId: "ha-thanh-luong" });
    expect(second.deliveries[0]?.to).toEqual([luong.id]);
    expect(scheduled.map((entry) => entry.kinds)).toEqual([["remind", "escalate"]]);

    expect((await deps.tickets.ask(await officerOf("bac-kan"), "T", { text: "?" }, now)).ticket.reason).toBe("no-consultant");
    expect((await deps.tickets.ask(await officerOf("bo-tu-phap"), "T", { text: "?" }, now)).ticket.reason).toBe("ministry");
  });

  it("follows the secretariat's changes of assignment and refuses unknown ids", async () => {
    expect((await deps.tickets.consultantOf("ha-noi")).consultant?.id).toBe("ha-thanh-luong");
    await deps.tickets.assignProvince("ha-noi", null, "test", now);
    expect(await deps.tickets.consultantOf("ha-noi")).toEqual({ consultant: undefined, reason: "no-consultant" });
    await deps.tickets.assignProvince("bac-kan", "nong-cong-hung", "test", now);
    expect((await deps.tickets.consultantOf("bac-kan")).consultant?.id).toBe("nong-cong-hung");
    expect(await deps.tickets.assignProvince("bo-tu-phap", "nong-cong-hung", "test", now)).toMatchObject({ ok: false });
    expect(await deps.tickets.assignProvince("ha-noi", "nobody", "test", now)).toMatchObject({ ok: false });
    expect(await store.redis.llen(`${store.prefix}assignment-log`)).toBe(2);
  });

  it("lets only the holder or the secretariat answer, and measures the consultant's time to answer", async () => {
    const luong = await member({ role: "consultant", consultantId: "ha-thanh-luong" });
    const hung = await member({ role: "consultant", consultantId: "nong-cong-hung" });
    const secretariat = await member({ role: "secretariat" });
    const { ticket } = await deps.tickets.ask(await officerOf("ha-noi"), "Mai", { text: "Hỏi" }, now);
    expect(await deps.tickets.answer(hung, ticket.id, "x", undefined, now)).toEqual({ ok: false, reason: "ticket-refused-not-yours" });
    const answered = await deps.tickets.answer(luong, ticket.id, "Đáp", undefined, now + 2 * 3_600_000);
    expect(answered.ok && answered.deliveries[0]).toMatchObject({ kind: "answer", question: { text: "Hỏi" } });
    expect((await deps.tickets.stats()).find((stat) => stat.consultant.id === "ha-thanh-luong")).toMatchObject({
      open: 1,
      medianAnswerMs: 2 * 3_600_000,
      joined: true,
    });
    expect((await deps.tickets.close(secretariat, ticket.id, now)).ok).toBe(true);
    expect(await deps.tickets.answer(luong, ticket.id, "x", undefined, now)).toEqual({ ok: false, reason: "ticket-refused-closed" });
    expect(await deps.tickets.queue(luong)).toEqual([]);
  });

  it("keeps a thread within THREAD_MAX messages: one more is refused with a reason, and closing still works", async () => {
    const luong = await member({ role: "consultant", consultantId: "ha-thanh-luong" });
    const officer = await officerOf("ha-noi");
    const { ticket } = await deps.tickets.ask(officer, "Mai", { text: "Hỏi" }, now);
    for (let n = 1; n < THREAD_MAX; n++) {
      const outcome =
        n % 2
          ? await deps.tickets.answer(luong, ticket.id, `Đáp ${n}`, undefined, now)
          : await deps.tickets.followUp(officer, ticket.id, `Hỏi thêm ${n}`, undefined, now);
      expect(outcome.ok).toBe(true);
    }
    expect(await deps.ticketStore.thread(ticket.id)).toHaveLength(THREAD_MAX);
    expect(await deps.tickets.followUp(officer, ticket.id, "Một câu nữa", undefined, now)).toEqual({
      ok: false,
      reason: "ticket-refused-full",
    });
    expect(await deps.tickets.answer(luong, ticket.id, "Một ý nữa", undefined, now)).toEqual({ ok: false, reason: "ticket-refused-full" });
    expect((await deps.tickets.close(luong, ticket.id, now)).ok).toBe(true);
  });

  it("changes a ticket only as it was read: of a hand-over and a close at the same moment, one wins", async () => {
    const luong = await member({ role: "consultant", consultantId: "ha-thanh-luong" });
    const { ticket } = await deps.tickets.ask(await officerOf("ha-noi"), "Mai", { text: "Hỏi về IDS" }, now);
    const stale = (await deps.ticketStore.get(ticket.id))!;
    expect(await deps.ticketStore.update(stale, { ...stale, status: "answered" })).toBe("updated");
    expect(await deps.ticketStore.update(stale, { ...stale, status: "closed" })).toBe("changed");
    expect((await deps.ticketStore.get(ticket.id))?.status).toBe("answered");
    const outcomes = await Promise.all([
      deps.tickets.handOver(luong, ticket.id, "Chuyển Thư ký", now + 1000),
      deps.tickets.close(luong, ticket.id, now + 1000),
    ]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok).map((outcome) => !outcome.ok && outcome.reason)).toEqual([
      expect.stringMatching(/^ticket-refused-(changed|not-yours|closed)$/),
    ]);
    const thread = await deps.ticketStore.thread(ticket.id);
    expect(thread).toHaveLength(2);
  });

  it("hands a ticket to the secretariat with a note, and the secretariat gives it to another consultant", async () => {
    const luong = await member({ role: "consultant", consultantId: "ha-thanh-luong" });
    const hung = await member({ role: "consultant", consultantId: "nong-cong-hung" });
    const secretariat = await member({ role: "secretariat" });
    const { ticket } = await deps.tickets.ask(await officerOf("ha-noi"), "Mai", { text: "Hỏi về WAF" }, now);
    const handed = await deps.tickets.handOver(luong, ticket.id, "Ngoài chuyên môn của tôi", now + 1000);
    expect(handed.ok && handed.deliveries[0]).toMatchObject({
      kind: "handed-over",
      to: [secretariat.id],
      note: "Ngoài chuyên môn của tôi",
    });
    expect(await deps.tickets.queue(luong)).toEqual([]);
    expect(await deps.tickets.reassign(luong, ticket.id, "nong-cong-hung", now)).toEqual({ ok: false, reason: "ticket-refused-not-yours" });
    const given = await deps.tickets.reassign(secretariat, ticket.id, "nong-cong-hung", now + 2000);
    expect(given.ok && given.deliveries[0]).toMatchObject({ kind: "reassigned", to: [hung.id] });
    expect((await deps.tickets.queue(hung)).map((open) => open.id)).toEqual([ticket.id]);
    expect(scheduled.at(-1)?.ticket.waitingSince).toBe(now + 2000);
    expect((await deps.ticketStore.thread(ticket.id)).map((message) => message.from)).toEqual(["officer", "consultant"]);
  });

  it("fires each timer once, and not at all once the officer has been answered", async () => {
    await member({ role: "consultant", consultantId: "ha-thanh-luong" });
    await member({ role: "secretariat" });
    const { ticket } = await deps.tickets.ask(await officerOf("ha-noi"), "Mai", { text: "?" }, now);
    expect((await deps.tickets.fireTimer(ticket.id, "remind", ticket.waitingSince)).map((delivery) => delivery.kind)).toEqual(["reminder"]);
    expect(await deps.tickets.fireTimer(ticket.id, "remind", ticket.waitingSince)).toEqual([]);
    expect(await deps.tickets.fireTimer(ticket.id, "escalate", ticket.waitingSince - 1)).toEqual([]);
    expect((await deps.tickets.fireTimer(ticket.id, "escalate", ticket.waitingSince)).map((delivery) => delivery.kind)).toEqual([
      "escalation",
      "escalated",
    ]);
    expect(await deps.tickets.fireTimer(ticket.id, "escalate", ticket.waitingSince)).toEqual([]);
  });

  it("moves a province and lists the consultants from the CLI, marking a suspect phone", async () => {
    const env = { PATH: process.env.PATH ?? "", REDIS_URL: store.url, REDIS_PREFIX: store.prefix };
    const cli = (...args: string[]) => run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: PROJECT_ROOT, env });
    expect((await cli("assign", "--province", "bac-kan", "--consultant", "nong-cong-hung")).stdout).toContain("go to nong-cong-hung");
    expect((await deps.tickets.consultantOf("bac-kan")).consultant?.id).toBe("nong-cong-hung");
    const { stdout } = await cli("consultants");
    expect(stdout).toMatch(/phung-van-tin\tPhùng Văn Tin\t09763099791\t\(suspect/);
    expect(stdout).toMatch(/\nbac-kan\tnong-cong-hung\n/);
    expect(stdout).toMatch(/\nlong-an\tsecretariat\n/);
    await expect(cli("assign", "--province", "ha-noi", "--consultant", "nobody")).rejects.toThrow(/not a consultant id/);
  });
});
