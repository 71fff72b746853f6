import { describe, expect, it } from "vitest";
import { FileLinks } from "../../src/channels/file-links.js";

/** Links to the bot's files: genuine and in date, or refused for saying why not. */
describe("file links", () => {
  const links = new FileLinks("https://bot.example.gov.vn/", "a-secret-of-the-server");
  const file = { reference: "stored:abc123", fileName: "bảng tổng hợp.xlsx" };
  const pathOf = (url: string) => new URL(url).pathname;

  it("names the file under the public address and reads it back within 24 hours", () => {
    const url = links.link(file, 1_000);
    expect(url).toMatch(/^https:\/\/bot\.example\.gov\.vn\/files\/[\w-]+\.[\w-]+\/b%E1%BA%A3ng%20t%E1%BB%95ng%20h%E1%BB%A3p\.xlsx$/);
    expect(links.check(pathOf(url), 1_000 + 24 * 3_600_000 - 1)).toEqual({ ok: true, file });
  });

  it("refuses a link after 24 hours, one signed with another secret, and one whose file was swapped", () => {
    const url = links.link(file, 1_000);
    expect(links.check(pathOf(url), 1_000 + 24 * 3_600_000 + 1)).toEqual({ ok: false, reason: "expired" });
    const other = new FileLinks("https://bot.example.gov.vn", "another-secret");
    expect(other.check(pathOf(url), 1_000)).toEqual({ ok: false, reason: "forged" });
    const [, , token] = pathOf(url).split("/");
    const [, signature] = token!.split(".");
    const swapped = Buffer.from(JSON.stringify({ r: "stored:other", n: "x", e: 9e15 })).toString("base64url");
    expect(links.check(`/files/${swapped}.${signature}/x`, 1_000)).toEqual({ ok: false, reason: "forged" });
    expect(links.check("/files/garbage", 1_000)).toEqual({ ok: false, reason: "forged" });
  });
});
