import { createHash, createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import type { Deps } from "../../src/deps.js";
import { InviteBindingError, looksLikeCode, normalizeCode } from "../../src/services/invites.js";
import { indexOpenInvites } from "../../src/storage/migrations.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

describe("invites, against real Redis", () => {
  let store: TestRedis;
  let deps: Deps;
  const now = Date.UTC(2026, 10, 23, 3, 0);

  beforeEach(() => {
    store = testRedis();
    deps = depsFor(store);
  });
  afterEach(() => store.cleanup());

  it("stores only an HMAC of a code under the server's secret, with the expiry as the key's own", async () => {
    const issued = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, Date.now());
    const keys = (await store.redis.keys(`${store.prefix}invite:*`)).filter((key) => !key.endsWith("secret:invites"));
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain(issued.code);
    expect(keys[0]).not.toContain(createHash("sha256").update(issued.code).digest("hex"));
    const secret = await store.redis.get(`${store.prefix}secret:invites`);
    expect(keys[0]).toBe(`${store.prefix}invite:${createHmac("sha256", secret!).update(issued.code).digest("hex")}`);
    const dump = JSON.stringify(await store.redis.hgetall(keys[0]!));
    expect(dump).not.toContain(issued.code);
    const ttl = await store.redis.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(13.9 * 24 * 3600 * 1000);
    expect(ttl).toBeLessThanOrEqual(14 * 24 * 3600 * 1000);
  });

  it("lets exactly one of many simultaneous redeemers win a code", async () => {
    const { code } = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, Date.now());
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        deps.invites.redeem(code, telegramAddress(100 + index), undefined, now).then((result) => result.outcome),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === "joined")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "used")).toHaveLength(19);
    expect(await deps.members.idsOf({ role: "officer", agencyId: "ha-noi" })).toHaveLength(1);
  });

  it("moves a member to the agency of a newer invite, keeping the chosen language", async () => {
    const first = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, Date.now());
    await deps.invites.redeem(first.code, telegramAddress(1), undefined, now);
    await deps.members.setLanguage("1", "en");
    const second = await deps.invites.issue({ role: "officer", agencyId: "bac-kan" }, Date.now());
    // Asked first: nothing changes until the member confirms.
    expect(await deps.invites.redeem(second.code, telegramAddress(1), await deps.members.get("1"), now)).toEqual({
      outcome: "confirm",
      binding: { role: "officer", agencyId: "bac-kan" },
      current: { role: "officer", agencyId: "ha-noi" },
    });
    expect((await deps.members.get("1"))?.binding).toEqual({ role: "officer", agencyId: "ha-noi" });
    await deps.invites.redeem(second.code, telegramAddress(1), await deps.members.get("1"), now, true);
    expect(await deps.members.get("1")).toMatchObject({ binding: { role: "officer", agencyId: "bac-kan" }, language: "en" });
    expect(await deps.members.idsOf({ role: "officer", agencyId: "ha-noi" })).toEqual([]);
    expect(await deps.members.idsOf({ role: "officer", agencyId: "bac-kan" })).toEqual(["1"]);
  });

  it("refuses a code past its expiry by the bot's clock, though Redis, on its own clock, still holds it", async () => {
    const issuedAt = Date.now();
    const { code } = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, issuedAt, { ttlMs: 60 * 60 * 1000 });
    expect((await deps.invites.redeem(code, telegramAddress(7), undefined, issuedAt + 60 * 60 * 1000)).outcome).toBe("invalid");
    expect(await deps.members.get("7")).toBeUndefined();
    expect((await deps.invites.redeem(code, telegramAddress(7), undefined, issuedAt + 59 * 60 * 1000)).outcome).toBe("joined");
  });

  it("cancels a code not used yet, and not one that was used", async () => {
    const at = Date.now();
    const withdrawn = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, at);
    expect(await deps.invites.cancel(withdrawn.displayCode.toLowerCase(), at)).toEqual({ ok: true });
    expect((await deps.invites.redeem(withdrawn.code, telegramAddress(8), undefined, at)).outcome).toBe("invalid");
    expect(await deps.invites.cancel(withdrawn.code, at)).toEqual({
      ok: false,
      reason: "invite-cancel-unknown",
      params: { code: withdrawn.code },
    });
    const used = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, at);
    await deps.invites.redeem(used.code, telegramAddress(9), undefined, at);
    expect(await deps.invites.cancel(used.code, at)).toEqual({ ok: false, reason: "invite-cancel-used", params: { code: used.code } });
    expect((await deps.members.get("9"))?.binding).toEqual({ role: "officer", agencyId: "ha-noi" });
    expect(await deps.invites.cancel("xin chào", at)).toEqual({ ok: false, reason: "invite-cancel-unknown", params: { code: "xin chào" } });
  });

  it("lists the codes nobody used yet by a reference that cancels them, and cancels them all", async () => {
    const at = Date.now();
    const first = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, at, { issuedBy: "77" });
    const second = await deps.invites.issue({ role: "consultant", consultantId: "ha-thanh-luong" }, at + 1);
    const used = await deps.invites.issue({ role: "officer", agencyId: "bac-kan" }, at);
    await deps.invites.redeem(used.code, telegramAddress(10), undefined, at);
    const open = await deps.invites.open(at);
    expect(open.map((invite) => [invite.binding.role, invite.hint, invite.issuedBy])).toEqual([
      ["officer", first.code.slice(-4), "77"],
      ["consultant", second.code.slice(-4), undefined],
    ]);
    expect(JSON.stringify(open)).not.toContain(first.code);
    expect(await deps.invites.cancel(open[0]!.reference, at)).toEqual({ ok: true });
    expect((await deps.invites.redeem(first.code, telegramAddress(11), undefined, at)).outcome).toBe("invalid");
    await deps.invites.issue({ role: "secretariat" }, at);
    expect(await deps.invites.cancelAll(at)).toBe(2);
    expect(await deps.invites.open(at)).toEqual([]);
    expect((await deps.invites.redeem(second.code, telegramAddress(12), undefined, at)).outcome).toBe("invalid");
  });

  it("withdraws the codes a member made when the member is removed, used ones aside", async () => {
    const at = Date.now();
    const { code } = await deps.invites.issue({ role: "secretariat" }, at);
    await deps.invites.redeem(code, telegramAddress(20), undefined, at);
    const ownCode = await deps.invites.issue({ role: "secretariat" }, at, { issuedBy: "20" });
    const forAgencies = await Promise.all(
      ["ha-noi", "bac-kan"].map((agencyId) => deps.invites.issue({ role: "officer", agencyId }, at, { issuedBy: "20" })),
    );
    await deps.invites.redeem(forAgencies[1]!.code, telegramAddress(21), undefined, at);
    const other = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, at, { issuedBy: "99" });
    await deps.membership.remove("20", "test", at, undefined);
    expect((await deps.invites.redeem(ownCode.code, telegramAddress(20), undefined, at)).outcome).toBe("invalid");
    expect((await deps.invites.redeem(forAgencies[0]!.code, telegramAddress(22), undefined, at)).outcome).toBe("invalid");
    expect((await deps.members.get("21"))?.binding).toEqual({ role: "officer", agencyId: "bac-kan" });
    expect((await deps.invites.redeem(other.code, telegramAddress(23), undefined, at)).outcome).toBe("joined");
  });

  it("indexes the unused invites made before the list was kept", async () => {
    const at = Date.now();
    const { code } = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, at, { issuedBy: "30" });
    await store.redis.del(`${store.prefix}invites-open`, `${store.prefix}invites-by:30`);
    expect(await deps.invites.open(at)).toEqual([]);
    expect(await indexOpenInvites(store.redis, deps.keys)).toBe(1);
    expect(await indexOpenInvites(store.redis, deps.keys)).toBe(0);
    expect((await deps.invites.open(at)).map((invite) => invite.hint)).toEqual([code.slice(-4)]);
    expect(await deps.invites.revokeIssuedBy("30")).toBe(1);
  });

  it("treats a damaged member record as no record instead of failing", async () => {
    await store.redis.hset(`${store.prefix}member:5`, { role: "officer", joinedAt: "1" });
    expect(await deps.members.get("5")).toBeUndefined();
  });

  it("refuses to issue an invite for an agency that is not in the directory", async () => {
    await expect(deps.invites.issue({ role: "officer", agencyId: "atlantis" }, Date.now())).rejects.toThrow(InviteBindingError);
    await expect(deps.invites.issue({ role: "consultant", consultantId: "nobody" }, Date.now())).rejects.toThrow(/unknown consultant id/);
    await expect(deps.invites.issue({ role: "consultant", consultantId: "ha-thanh-luong" }, Date.now())).resolves.toMatchObject({
      binding: { consultantId: "ha-thanh-luong" },
    });
  });

  it("reads codes the way people type them", () => {
    expect(normalizeCode(" abcd-efgh jkmn ")).toBe("ABCDEFGHJKMN");
    expect(looksLikeCode("abcd-efgh-jkmn")).toBe(true);
    expect(looksLikeCode("xin chào")).toBe(false);
    expect(looksLikeCode("ABCD-EFGH-JKM0")).toBe(false);
  });
});

describe("invites made before codes were keyed with the secret", () => {
  it("are still honoured until they expire", async () => {
    const store = testRedis();
    try {
      const deps = depsFor(store);
      const code = "ABCDEFGHJKMN";
      const key = `${store.prefix}invite:${createHash("sha256").update(code).digest("hex")}`;
      await store.redis.hset(key, { role: "officer", agencyId: "ha-noi", createdAt: "1", expiresAt: String(Date.now() + 86_400_000) });
      expect((await deps.invites.redeem("abcd-efgh-jkmn", telegramAddress(5), undefined, Date.now())).outcome).toBe("joined");
    } finally {
      await store.cleanup();
    }
  });
});
