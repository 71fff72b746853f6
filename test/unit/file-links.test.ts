import { describe, expect, it } from "vitest";
import { FileLinks, stillHolds } from "../../src/channels/file-links.js";
import type { Member } from "../../src/storage/members.js";

/** Links to the bot's files: genuine, in date and still their member's, or refused for saying why not. */
describe("file links", () => {
  const links = new FileLinks("https://bot.example.gov.vn/", "a-secret-of-the-server");
  const file = { reference: "stored:abc123", fileName: "bảng tổng hợp.xlsx" };
  const address = { channel: "zalo" as const, id: "z1" };
  const holder = { memberId: "z-z1", binding: { role: "secretariat" as const }, address };
  const pathOf = (url: string) => new URL(url).pathname;
  const member = (changes: Partial<Member> = {}): Member => ({
    id: "z-z1",
    binding: { role: "secretariat" },
    profile: {},
    language: undefined,
    joinedAt: 1,
    blocked: false,
    addresses: [address],
    preferred: address,
    ...changes,
  });

  it("names the file under the public address and reads it back, with its member, within 24 hours for a picture", () => {
    const url = links.link(file, holder, 1_000, "attachment");
    expect(url).toMatch(/^https:\/\/bot\.example\.gov\.vn\/files\/[\w-]+\/b%E1%BA%A3ng%20t%E1%BB%95ng%20h%E1%BB%A3p\.xlsx$/);
    expect(links.check(pathOf(url), 1_000 + 24 * 3_600_000 - 1)).toMatchObject({
      ok: true,
      file,
      memberId: "z-z1",
      right: "secretariat",
      address: "zalo:z1",
    });
    expect(links.check(pathOf(url), 1_000 + 24 * 3_600_000 + 1)).toEqual({ ok: false, reason: "expired" });
  });

  it("gives an export 15 minutes", () => {
    const url = links.link(file, holder, 1_000, "export");
    expect(links.check(url, 1_000 + 15 * 60_000 - 1).ok).toBe(true);
    expect(links.check(url, 1_000 + 15 * 60_000 + 1)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses one sealed with another secret, one changed anywhere, and one made up", () => {
    const url = links.link(file, holder, 1_000, "attachment");
    const other = new FileLinks("https://bot.example.gov.vn", "another-secret");
    expect(other.check(pathOf(url), 1_000)).toEqual({ ok: false, reason: "forged" });
    const [, , token = ""] = pathOf(url).split("/");
    for (const at of [0, 20, token.length - 1]) {
      const changed = `${token.slice(0, at)}${token[at] === "A" ? "B" : "A"}${token.slice(at + 1)}`;
      expect(links.check(`/files/${changed}/x`, 1_000), `changed at ${at}`).toEqual({ ok: false, reason: "forged" });
    }
    const madeUp = Buffer.from(JSON.stringify({ r: "stored:other", n: "x", e: 9e15, m: "z-z1", b: "secretariat", a: "zalo:z1", i: "1" }));
    expect(links.check(`/files/${madeUp.toString("base64url")}/x`, 1_000)).toEqual({ ok: false, reason: "forged" });
    expect(links.check("/files/garbage", 1_000)).toEqual({ ok: false, reason: "forged" });
  });

  it("reads as nothing to whoever holds it: neither the file's reference nor the member's address is in it", () => {
    const [, , token = ""] = pathOf(links.link(file, holder, 1_000, "attachment")).split("/");
    const bytes = Buffer.from(token, "base64url").toString("latin1");
    for (const secret of ["stored:abc123", "zalo:z1", "z-z1", "secretariat"]) expect(bytes).not.toContain(secret);
  });

  it("holds while its member keeps the address and the role, and no longer once either goes", () => {
    const checked = links.check(links.link(file, holder, 1_000, "export"), 1_000);
    if (!checked.ok) throw new Error("the link should check");
    expect(stillHolds(checked, member())).toBe(true);
    expect(stillHolds(checked, undefined)).toBe(false);
    expect(stillHolds(checked, member({ binding: { role: "officer", agencyId: "ha-noi" } }))).toBe(false);
    expect(stillHolds(checked, member({ addresses: [{ channel: "telegram", id: "5" }] }))).toBe(false);
    expect(stillHolds(checked, member({ id: "z-other" }))).toBe(false);
  });
});
