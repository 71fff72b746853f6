import { createHash, createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import type { Deps } from "../../src/deps.js";
import { InviteBindingError, looksLikeCode, normalizeCode } from "../../src/services/invites.js";
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
    expect(await deps.invites.cancel(withdrawn.displayCode.toLowerCase(), at)).toBe("cancelled");
    expect((await deps.invites.redeem(withdrawn.code, telegramAddress(8), undefined, at)).outcome).toBe("invalid");
    expect(await deps.invites.cancel(withdrawn.code, at)).toBe("unknown");
    const used = await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, at);
    await deps.invites.redeem(used.code, telegramAddress(9), undefined, at);
    expect(await deps.invites.cancel(used.code, at)).toBe("used");
    expect((await deps.members.get("9"))?.binding).toEqual({ role: "officer", agencyId: "ha-noi" });
    expect(await deps.invites.cancel("xin chào", at)).toBe("unknown");
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
