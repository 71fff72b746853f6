import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import type { Deps } from "../../src/deps.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

describe("linking a second messenger to a member", () => {
  let store: TestRedis;
  let deps: Deps;
  const zalo = (id: string) => ({ channel: "zalo" as const, id });

  beforeAll(async () => {
    store = testRedis();
    deps = depsFor(store);
    for (const [id, agencyId] of [
      [41, "ha-noi"],
      [42, "bac-kan"],
    ] as const) {
      const { code } = await deps.invites.issue({ role: "officer", agencyId }, Date.now());
      await deps.invites.redeem(code, telegramAddress(id), undefined, Date.now());
    }
  });
  afterAll(() => store.cleanup());

  it("binds the address once the member confirms it, once, and refuses an address that is someone else's", async () => {
    const issued = await deps.links.issue("41");
    if (!issued.ok) throw new Error("no code");
    const [first, second] = await Promise.all([
      deps.links.redeem(issued.displayCode, zalo("zz1")),
      deps.links.redeem(issued.code, zalo("zz2")),
    ]);
    expect([first.outcome, second.outcome].sort()).toEqual(["invalid", "pending"]);
    const pending = first.outcome === "pending" ? first : second;
    if (pending.outcome !== "pending") throw new Error("no request");
    // Typing the code binds nothing: whoever holds a code is not yet the member.
    expect((await deps.members.get("41"))?.addresses).toHaveLength(1);
    const owner = (await deps.members.get("41"))!;
    const stranger = (await deps.members.get("42"))!;
    expect(await deps.links.confirm(pending.requestId, stranger)).toEqual({ outcome: "gone" });
    expect(await deps.links.confirm(pending.requestId, owner)).toMatchObject({ outcome: "linked", address: { channel: "zalo" } });
    expect(await deps.links.confirm(pending.requestId, owner)).toEqual({ outcome: "gone" });
    const member = await deps.members.get("41");
    expect(member?.addresses.map((address) => address.channel)).toEqual(["telegram", "zalo"]);

    const other = await deps.links.issue("42");
    if (!other.ok) throw new Error("no code");
    expect((await deps.links.redeem(other.code, telegramAddress(41))).outcome).toBe("taken");
    expect((await deps.members.at(telegramAddress(41)))?.id).toBe("41");
  });

  it("leaves the address a stranger's when the member refuses", async () => {
    const issued = await deps.links.issue("42");
    if (!issued.ok) throw new Error("no code");
    const pending = await deps.links.redeem(issued.code, zalo("thief"));
    if (pending.outcome !== "pending") throw new Error("no request");
    const owner = (await deps.members.get("42"))!;
    expect(await deps.links.refuse(pending.requestId, owner)).toEqual({ outcome: "refused", address: zalo("thief") });
    expect(await deps.links.confirm(pending.requestId, owner)).toEqual({ outcome: "gone" });
    expect(await deps.members.at(zalo("thief"))).toBeUndefined();
  });

  it("gives a member five codes an hour", async () => {
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push((await deps.links.issue("77")).ok);
    expect(outcomes).toEqual([true, true, true, true, true, false]);
  });
});
