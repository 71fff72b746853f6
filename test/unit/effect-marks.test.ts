import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import type { Deps } from "../../src/deps.js";
import { replayInvites, replayRemoval } from "../../src/desk/people.js";
import type { Binding } from "../../src/domain/roles.js";
import { translatorFor } from "../../src/i18n.js";
import type { OutboxMessage } from "../../src/jobs/outbox.js";
import { queueBroadcast, requeueBroadcast } from "../../src/services/broadcast-queue.js";
import { ticketNotices } from "../../src/services/ticket-messages.js";
import { type Effect, readEffect } from "../../src/storage/effects.js";
import type { EffectMarker } from "../../src/storage/marks.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

/**
 * What an update does besides a form answer is written with its effect mark, in the same write, and
 * read back with the update's other marks: a repeat of the update knows what it did. The outbox ids
 * of what it queued can be built again, the same, as long as what it changed is as it left it.
 */
describe("effect marks, against real Redis", () => {
  let store: TestRedis;
  let deps: Deps;
  let nextUser = 1;
  const now = Date.UTC(2026, 10, 23, 2, 0);

  const member = async (binding: Binding) => {
    const userId = nextUser++;
    const { code } = await deps.invites.issue(binding, now);
    await deps.invites.redeem(code, telegramAddress(userId), undefined, now);
    return (await deps.members.get(String(userId)))!;
  };
  const officer = async (agencyId: string) =>
    (await member({ role: "officer", agencyId })) as Awaited<ReturnType<typeof member>> & {
      binding: { role: "officer"; agencyId: string };
    };
  /** The marker of update `updateId` in chat `chat`, as the dialogue gives it to the services. */
  const marker =
    (chat: number, updateId: number): EffectMarker =>
    (effect) =>
      deps.appliedUpdates.effectFor(chat, updateId, effect);
  /** What a repeat of the update reads back. */
  const effectOf = async (chat: number, updateId: number): Promise<Effect | undefined> =>
    readEffect((await deps.updateReader.read({ chat, updateId, address: undefined, now })).effect);
  const marksOf = (chat: number) => store.redis.zrange(deps.keys.appliedUpdate(chat), "0", "-1");

  beforeEach(() => {
    store = testRedis();
    deps = depsFor(store);
  });
  afterEach(() => store.cleanup());

  it("a question: marked at its revision; its deliveries built again under the same outbox ids, none once the ticket moved on", async () => {
    const mai = await officer("ha-noi");
    const luong = await member({ role: "consultant", consultantId: "ha-thanh-luong" });
    const asked = await deps.tickets.ask(mai, "Mai", { text: "VNPT có tính là đã kết nối không?" }, now, marker(1, 11));
    const effect = await effectOf(1, 11);
    expect(effect).toEqual({ kind: "ticket", ticket: asked.ticket.id, did: "asked", revision: 0 });
    expect(await effectOf(1, 12)).toBeUndefined();

    const first = await ticketNotices(deps, asked.deliveries);
    expect(first.map((notice) => notice.id)).toEqual([`ticket-${asked.ticket.id}-question-r0-${luong.id}`]);
    const again = await deps.tickets.redelivery(effect as Extract<Effect, { kind: "ticket" }>);
    expect(await ticketNotices(deps, again!.deliveries)).toEqual(first);

    const answered = await deps.tickets.answer(luong, asked.ticket.id, "Có.", undefined, now + 1, marker(2, 21));
    expect(answered.ok && answered.ticket.revision).toBe(1);
    expect(await effectOf(2, 21)).toEqual({ kind: "ticket", ticket: asked.ticket.id, did: "answered", revision: 1 });
    expect((await ticketNotices(deps, answered.ok ? answered.deliveries : [])).map((notice) => notice.id)).toEqual([
      `ticket-${asked.ticket.id}-answer-r1-${mai.id}`,
    ]);
    // The question has been answered since: its repeat queues nothing from the ticket as it is now.
    expect((await deps.tickets.redelivery(effect as Extract<Effect, { kind: "ticket" }>))?.deliveries).toEqual([]);

    // Two follow-ups are two changes: each its own id.
    const more = await deps.tickets.followUp(mai, asked.ticket.id, "Còn CSDL hộ tịch?", undefined, now + 2, marker(1, 13));
    const evenMore = await deps.tickets.followUp(mai, asked.ticket.id, "Và CSDL đất đai?", undefined, now + 3, marker(1, 14));
    const ids = await ticketNotices(deps, [...(more.ok ? more.deliveries : []), ...(evenMore.ok ? evenMore.deliveries : [])]);
    expect(new Set(ids.map((notice) => notice.id)).size).toBe(2);
  });

  it("writes no mark for what was refused", async () => {
    const mai = await officer("ha-noi");
    const hung = await member({ role: "consultant", consultantId: "nong-cong-hung" });
    const { ticket } = await deps.tickets.ask(mai, "Mai", { text: "?" }, now);
    expect((await deps.tickets.close(hung, ticket.id, now, marker(3, 31))).ok).toBe(false);
    expect(
      await deps.rounds.create({ id: "dot-1", name: "Đợt 1", deadline: now + 86_400_000, targets: { kind: "all" } }, "test", now),
    ).toMatchObject({
      ok: true,
    });
    expect(
      (
        await deps.rounds.create(
          { id: "dot-1", name: "Lại", deadline: now + 86_400_000, targets: { kind: "all" } },
          "t",
          now,
          marker(3, 32),
        )
      ).ok,
    ).toBe(false);
    expect(await marksOf(3)).toEqual([]);
  });

  it("rounds, a review, invites, a broadcast: each marked with the write that makes it; invites by reference, never by code", async () => {
    const created = await deps.rounds.create(
      { name: "Đợt thử", deadline: now + 86_400_000, targets: { kind: "all" } },
      "t",
      now,
      marker(4, 41),
    );
    const roundId = created.ok ? created.round.id : "";
    expect(await effectOf(4, 41)).toEqual({ kind: "round", round: roundId, did: "created" });
    await deps.rounds.close(roundId, now, marker(4, 42));
    expect(await effectOf(4, 42)).toEqual({ kind: "round", round: roundId, did: "closed" });

    const issued = await deps.invites.issueAll(
      [{ role: "officer", agencyId: "ha-giang" }, { role: "officer", agencyId: "cao-bang" }, { role: "secretariat" }],
      now,
      { mark: marker(4, 43) },
    );
    const open = await deps.invites.open(now);
    const invites = await effectOf(4, 43);
    expect(invites?.kind).toBe("invites");
    // In the order they were made, which the list (by expiry, all alike here) does not keep.
    expect(invites?.kind === "invites" && [...invites.refs].sort()).toEqual(open.map((invite) => invite.reference).sort());
    expect(open).toHaveLength(3);
    const marks = (await marksOf(4)).join("\n");
    for (const invite of issued) expect(marks).not.toContain(invite.code);

    const id = await deps.broadcasts.create(undefined, "Họp lúc 14:00", [], marker(4, 44));
    expect(await effectOf(4, 44)).toEqual({ kind: "broadcast", id });
  });

  it("a link code typed at a new address, and the member's answer, each marked with its request", async () => {
    const mai = await officer("ha-noi");
    const issued = await deps.links.issue(mai.id);
    const zalo = { channel: "zalo", id: "zalo-mai" } as const;
    const redeemed = await deps.links.redeem(issued.ok ? issued.code : "", zalo, marker(5, 51));
    expect(redeemed.outcome).toBe("pending");
    const request = redeemed.outcome === "pending" ? redeemed.requestId : "";
    expect(await effectOf(5, 51)).toEqual({ kind: "link", did: "requested", request, address: "zalo:zalo-mai" });
    expect((await deps.links.confirm(request, mai, marker(6, 61))).outcome).toBe("linked");
    expect(await effectOf(6, 61)).toEqual({ kind: "link", did: "linked", request, address: "zalo:zalo-mai" });
    // A second confirmation finds the request gone, and marks nothing.
    expect((await deps.links.confirm(request, mai, marker(6, 62))).outcome).toBe("gone");
    expect(await effectOf(6, 62)).toBeUndefined();
  });

  it("a broadcast from the chat: queued again for its repeat under the same ids, to the same people; none kept for the console's", async () => {
    const mai = await officer("ha-noi");
    const lan = await officer("ha-noi");
    const queued: OutboxMessage[] = [];
    const sending = { ...deps, outbox: { enqueue: async (messages: OutboxMessage[]) => void queued.push(...messages) } };
    const first = await queueBroadcast(sending, undefined, "agencies:ha-noi", "Họp lúc 14:00", marker(7, 71));
    expect(first.ok && first.count).toBe(2);
    const ids = queued.map((message) => message.id).sort();
    expect(ids).toEqual([mai.id, lan.id].map((id) => `${first.ok ? first.id : ""}-${id}`).sort());
    queued.length = 0;
    expect(await requeueBroadcast(sending, first.ok ? first.id : "")).toBe(2);
    expect(queued.map((message) => message.id).sort()).toEqual(ids);
    expect(queued.every((message) => String(message.message.text).includes("Họp lúc 14:00"))).toBe(true);

    const fromConsole = await queueBroadcast(sending, undefined, "agencies:ha-noi", "Lần khác", undefined);
    expect(await store.redis.exists(deps.keys.broadcastRecipients(fromConsole.ok ? fromConsole.id : ""))).toBe(0);
  });

  it("a removal: marked with the removal itself; its farewells named by the membership, not the clock", async () => {
    const mai = await officer("ha-noi");
    const queued: OutboxMessage[] = [];
    const outbox = { enqueue: async (messages: OutboxMessage[]) => void queued.push(...messages) };
    await deps.membership.remove(mai.id, "member:1", now, outbox as never, marker(8, 81));
    expect(await effectOf(8, 81)).toEqual({ kind: "removal", member: mai.id });
    expect(queued.map((message) => message.id)).toEqual([`removed-${mai.id}-${mai.joinedAt}-telegram:${mai.id}`]);
    expect(await deps.members.get(mai.id)).toBeUndefined();
  });

  it("every other change an update makes is marked with it: a round extended and reopened, tickets handed, given, closed, a link refused, an unlink, a joining", async () => {
    const created = await deps.rounds.create({ name: "Đợt", deadline: now + 86_400_000, targets: { kind: "all" } }, "t", now);
    const roundId = created.ok ? created.round.id : "";
    await deps.rounds.extend(roundId, now + 2 * 86_400_000, marker(9, 1));
    expect(await effectOf(9, 1)).toEqual({ kind: "round", round: roundId, did: "extended" });
    await deps.rounds.close(roundId, now);
    await deps.rounds.reopen(roundId, marker(9, 2));
    expect(await effectOf(9, 2)).toEqual({ kind: "round", round: roundId, did: "reopened" });

    const mai = await officer("ha-noi");
    const luong = await member({ role: "consultant", consultantId: "ha-thanh-luong" });
    const secretariat = await member({ role: "secretariat" });
    const { ticket } = await deps.tickets.ask(mai, "Mai", { text: "?" }, now);
    await deps.tickets.handOver(luong, ticket.id, "Không thuộc tỉnh", now, marker(9, 3));
    expect(await effectOf(9, 3)).toEqual({ kind: "ticket", ticket: ticket.id, did: "handed", revision: 1 });
    await deps.tickets.reassign(secretariat, ticket.id, "truong-trong-khang", now, marker(9, 4));
    expect(await effectOf(9, 4)).toEqual({ kind: "ticket", ticket: ticket.id, did: "reassigned", revision: 2 });
    await deps.tickets.close(secretariat, ticket.id, now, marker(9, 5));
    expect(await effectOf(9, 5)).toEqual({ kind: "ticket", ticket: ticket.id, did: "closed", revision: 3 });

    const issued = await deps.links.issue(mai.id);
    const zalo = { channel: "zalo", id: "someone" } as const;
    const redeemed = await deps.links.redeem(issued.ok ? issued.code : "", zalo);
    const request = redeemed.outcome === "pending" ? redeemed.requestId : "";
    expect((await deps.links.refuse(request, mai, marker(9, 6))).outcome).toBe("refused");
    expect(await effectOf(9, 6)).toEqual({ kind: "link", did: "refused", request, address: "zalo:someone" });

    const second = await deps.links.issue(mai.id);
    const linked = await deps.links.redeem(second.ok ? second.code : "", zalo);
    await deps.links.confirm(linked.outcome === "pending" ? linked.requestId : "", mai);
    const both = (await deps.members.get(mai.id))!;
    expect(await deps.links.unlink(both, zalo, { marker: marker(9, 7), unlink: { by: "secretariat", at: now } })).toBe("removed");
    expect(await effectOf(9, 7)).toEqual({ kind: "unlink", member: mai.id, address: "zalo:someone", by: "secretariat", at: now });

    const invite = await deps.invites.issue({ role: "officer", agencyId: "cao-bang" }, now);
    const [open] = await deps.invites.open(now);
    const joined = await deps.invites.redeem(invite.code, telegramAddress(777), undefined, now, false, marker(9, 8));
    expect(joined.outcome).toBe("joined");
    // By the key the invite is kept under, which is no code.
    expect(await effectOf(9, 8)).toEqual({ kind: "joined", invite: open?.key });
    expect(JSON.stringify(await marksOf(9))).not.toContain(invite.code);
  });

  it("invites made before, said again: by reference, a workbook's worth cut to what one message holds", async () => {
    const secretariat = await member({ role: "secretariat" });
    const request = { deps, member: secretariat, t: translatorFor("vi"), language: "vi" as const, composing: undefined };
    const refs = Array.from({ length: 700 }, (_, index) => index.toString(16).padStart(8, "0"));
    const [said] = replayInvites(request, { kind: "invites", refs });
    expect(said?.text).toContain("Yêu cầu này đã tạo 700 mã mời");
    expect(said?.text).toContain("… và 650 mã nữa.");
    expect(said?.text.length).toBeLessThan(4096);
  });

  it("a removal said again withdraws what a failure after it left: the invites the member made", async () => {
    const secretariat = await member({ role: "secretariat" });
    const leaving = await member({ role: "secretariat" });
    await deps.invites.issue({ role: "officer", agencyId: "cao-bang" }, now, { issuedBy: leaving.id });
    // The first try removed the member and failed before withdrawing their invites.
    await deps.members.remove(leaving, "member:1", now, marker(10, 1)({ kind: "removal", member: leaving.id }));
    expect(await deps.invites.open(now)).toHaveLength(1);
    const request = { deps, member: secretariat, t: translatorFor("vi"), language: "vi" as const, composing: undefined };
    const [said] = await replayRemoval(request, { kind: "removal", member: leaving.id });
    expect(said?.text).toContain(`Đã thu hồi quyền của ${leaving.id}`);
    expect(await deps.invites.open(now)).toEqual([]);
  });
});
