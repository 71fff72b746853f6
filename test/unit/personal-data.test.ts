import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import type { Deps } from "../../src/deps.js";
import type { ResponseState } from "../../src/form/slots.js";
import { STANDING_ROUND } from "../../src/services/active-round.js";
import type { OfficerMember } from "../../src/services/reporting.js";
import { fillThroughService } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

/** Decree 13/2023: removals kept as a list, `member erase`, and the access log. */
describe("personal data", () => {
  let store: TestRedis;
  let deps: Deps;

  /** An officer of Hà Nội who joined by invite from Telegram `userId`. */
  async function join(userId: number, now = Date.now()): Promise<OfficerMember> {
    const { code } = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, now);
    const current = await deps.members.at(telegramAddress(userId));
    const redeemed = await deps.invites.redeem(code, telegramAddress(userId), current, now);
    expect(redeemed.outcome).toBe("joined");
    return (await deps.members.get(String(userId))) as OfficerMember;
  }

  beforeEach(() => {
    store = testRedis();
    deps = depsFor(store);
  });
  afterEach(() => store.cleanup());

  it("keeps every removal of a member, not only the last, and names a removed member by the latest", async () => {
    const at = Date.now();
    await join(7001, at + 1_000);
    await store.redis.hset(deps.keys.member("7001"), "profile:fullName", "Trần Văn An");
    await deps.membership.remove("7001", "cli:first", at + 2_000, undefined);
    await join(7001, at + 3_000);
    await store.redis.hset(deps.keys.member("7001"), "profile:fullName", "Trần Văn Anh");
    await deps.membership.remove("7001", "cli:second", at + 4_000, undefined);

    const removals = await deps.members.removals("7001");
    expect(removals).toEqual([
      expect.objectContaining({
        removedAt: at + 2_000,
        removedBy: "cli:first",
        role: "officer",
        agencyId: "ha-noi",
        profile: { fullName: "Trần Văn An" },
      }),
      expect.objectContaining({
        removedAt: at + 4_000,
        removedBy: "cli:second",
        profile: { fullName: "Trần Văn Anh" },
        addresses: ["telegram:7001"],
      }),
    ]);
    expect(await deps.members.removedName("7001")).toBe("Trần Văn Anh");
    expect(await deps.members.wasRemoved("7001")).toBe(true);
  });

  it("folds a removal from before the list into it rather than overwriting it", async () => {
    // As an older version left it: the removed record only.
    await store.redis.hset(deps.keys.removedMember("7002"), {
      role: "officer",
      agencyId: "ha-noi",
      joinedAt: "5",
      removedAt: "9",
      removedBy: "cli:old",
      "profile:fullName": "Cũ",
    });
    await join(7002);
    await deps.membership.remove("7002", "cli:new", Date.now(), undefined);
    expect((await deps.members.removals("7002")).map((removal) => [removal.removedBy, removal.profile.fullName])).toEqual([
      ["cli:old", "Cũ"],
      ["cli:new", undefined],
    ]);
  });

  it("erases a member's personal data everywhere and keeps the agency's report, which reads 'a former member'", async () => {
    const now = Date.now();
    const member = await join(7003, now);
    await fillThroughService(deps, member, answerer({ fullName: "Lê Thị Thu", phone: "0912345678" }), () => [], {
      submit: false,
      stopAfter: 4,
      now,
    });
    const named = (await deps.members.get("7003")) as OfficerMember;
    expect(named.profile.fullName).toBe("Lê Thị Thu");
    const { ticket } = await deps.tickets.ask(named, "Lê Thị Thu", { text: "Câu hỏi về mục 2" }, now);
    await deps.membership.remove("7003", "cli:first", now, undefined);
    await join(7003, now + 1);
    await store.redis.set(deps.keys.strangerAnswered(telegramAddress(7003), "stranger"), "1");

    const erased = await deps.membership.erase("7003", "cli:secretariat", now + 2, undefined);
    expect(erased).toEqual({ ok: true, removedNow: true, tickets: 1 });

    // The person is no member, and nothing names them or leads to them.
    expect(await deps.members.get("7003")).toBeUndefined();
    expect(await deps.members.at(telegramAddress(7003))).toBeUndefined();
    const record = await store.redis.hgetall(deps.keys.removedMember("7003"));
    expect(Object.keys(record).filter((field) => field.startsWith("profile:") || field === "addresses" || field === "preferred")).toEqual(
      [],
    );
    expect(record).toMatchObject({ role: "officer", agencyId: "ha-noi", erasedAt: String(now + 2) });
    expect(JSON.stringify(await store.redis.lrange(deps.keys.memberRemovals("7003"), 0, -1))).not.toMatch(/Lê Thị Thu|telegram:7003/);
    expect(await deps.members.removals("7003")).toHaveLength(2);
    expect(await store.redis.exists(deps.keys.address(telegramAddress(7003)))).toBe(0);
    expect(await store.redis.exists(deps.keys.strangerAnswered(telegramAddress(7003), "stranger"))).toBe(0);
    expect(await deps.members.removedName("7003")).toBeUndefined();
    expect((await deps.ticketStore.get(ticket.id))?.officerName).toBe("");
    expect(await deps.ticketStore.thread(ticket.id)).toEqual([expect.objectContaining({ userId: "7003", text: "Câu hỏi về mục 2" })]);

    // The agency's report stays whole, attributed to the id.
    const state = await deps.responses.loadState(STANDING_ROUND.id, "ha-noi");
    expect(state?.answers.get("officer.fullName")).toMatchObject({ value: "Lê Thị Thu", by: "7003" });
    expect((await deps.reporting.history("ha-noi")).length).toBeGreaterThanOrEqual(4);
    expect(await deps.reports.attribution("7003")).toEqual({ kind: "former" });
    const round = (await deps.reports.roundFor(STANDING_ROUND.id, now))!;
    const source = await deps.reports.exportSource(round, []);
    expect(await source.submitterName({ ...(state as ResponseState), submittedBy: "7003" })).toBe("Một thành viên cũ");

    // The access log says who did what to which id, and nothing more.
    const log = await deps.accessLog.since(0);
    expect(log.map(({ by, what, member, agency }) => ({ by, what, member, agency }))).toEqual([
      { by: "cli:first", what: "removal", member: "7003", agency: "ha-noi" },
      { by: "cli:secretariat", what: "removal", member: "7003", agency: "ha-noi" },
      { by: "cli:secretariat", what: "erase", member: "7003", agency: undefined },
    ]);
    expect(JSON.stringify(log)).not.toMatch(/Lê Thị Thu|0912345678/);
  });

  it("erases a member removed earlier, and says so when there is nobody of that id", async () => {
    await join(7004);
    await deps.membership.remove("7004", "cli:x", 1, undefined);
    expect(await deps.membership.erase("7004", "cli:x", 2, undefined)).toEqual({ ok: true, removedNow: false, tickets: 0 });
    expect(await deps.membership.erase("nobody", "cli:x", 3, undefined)).toEqual({
      ok: false,
      reason: "members-erase-unknown",
      params: { id: "nobody" },
    });
    // A named member reads as named, one without a name as unnamed.
    await join(7005);
    expect(await deps.reports.attribution("7005")).toEqual({ kind: "unnamed" });
    await store.redis.hset(deps.keys.member("7005"), "profile:fullName", "Phạm Hoa");
    expect(await deps.reports.attribution("7005")).toEqual({ kind: "named", name: "Phạm Hoa" });
  });

  it("writes reviews and console sign-ins to the access log, ids only, and reads it from a moment on", async () => {
    const before = Date.now();
    const round = (await deps.reports.roundFor(STANDING_ROUND.id, before))!;
    await store.redis.hset(deps.keys.response(round.id, "ha-noi"), {
      "m:formVersion": "1",
      "m:status": "submitted",
      "m:submittedBy": "7006",
    });
    expect(await deps.reports.review(round, "ha-noi", "returned", "Thiếu mục 3", "s-1", before)).toMatchObject({ ok: true });
    await deps.webSessions.start("s-1", "secretariat", "Firefox", before);
    await deps.accessLog.record({ by: "Nguyễn Văn A", what: "export", round: round.id, detail: "xlsx" }, before);
    const log = await deps.accessLog.since(before - 1000);
    expect(log.map(({ by, what, round: inRound, agency, detail }) => ({ by, what, round: inRound, agency, detail }))).toEqual([
      { by: "s-1", what: "review", round: round.id, agency: "ha-noi", detail: "returned" },
      { by: "s-1", what: "sign-in", round: undefined, agency: undefined, detail: undefined },
      // A name where an id was meant is not written.
      { by: "?", what: "export", round: round.id, agency: undefined, detail: "xlsx" },
    ]);
    expect(JSON.stringify(log)).not.toContain("Thiếu mục 3");
    expect(await deps.accessLog.since(Date.now() + 60_000)).toEqual([]);
  });
});
