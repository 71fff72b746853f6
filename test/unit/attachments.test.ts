import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AttachmentStore } from "../../src/storage/attachments.js";
import { redisKeys } from "../../src/storage/keys.js";
import { type TestRedis, testRedis } from "../support/redis.js";

/** Pictures fetched from a messenger: counted as they stream, within a size limit and a member's daily allowance. */
describe("keeping pictures people send", () => {
  let store: TestRedis;
  let server: Server;
  let base: string;
  let bytesSent = 0;

  beforeAll(async () => {
    store = testRedis();
    server = createServer((req, res) => {
      const size = Number(new URL(req.url ?? "/", "http://x").searchParams.get("size"));
      // Chunked, no content-length: only counting as it streams can stop it.
      res.writeHead(200, { "content-type": "image/jpeg" });
      const chunk = Buffer.alloc(16 * 1024, 1);
      let left = size;
      const write = () => {
        while (left > 0) {
          const piece = chunk.subarray(0, Math.min(chunk.length, left));
          left -= piece.length;
          bytesSent += piece.length;
          if (!res.write(piece)) return void res.once("drain", write);
        }
        res.end();
      };
      res.on("close", () => (left = 0));
      write();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await store.cleanup();
  });

  it("stops reading a body without content-length once it passes the limit", async () => {
    const attachments = new AttachmentStore(store.redis, redisKeys(store.prefix), 64 * 1024, 1);
    expect((await attachments.fetch(`${base}/?size=${32 * 1024}`, "image/jpeg"))?.bytes.length).toBe(32 * 1024);
    bytesSent = 0;
    expect(await attachments.fetch(`${base}/?size=${200 * 1024 * 1024}`, "image/jpeg")).toBeUndefined();
    // Cut off near the limit, not after 200 MiB.
    expect(bytesSent).toBeLessThan(20 * 1024 * 1024);
  });

  it("keeps a member's pictures up to their daily allowance", async () => {
    const attachments = new AttachmentStore(store.redis, redisKeys(store.prefix), 64 * 1024, 1, 100 * 1024);
    const now = Date.UTC(2026, 11, 3, 3);
    const kept = [];
    for (let i = 0; i < 4; i++) kept.push(await attachments.fetchAndPut(`${base}/?size=${40 * 1024}`, "z-7", now));
    expect(kept.map((id) => id !== undefined)).toEqual([true, true, false, false]);
    expect(await attachments.fetchAndPut(`${base}/?size=${40 * 1024}`, "z-8", now)).toBeDefined();
    expect(await attachments.fetchAndPut(`${base}/?size=${40 * 1024}`, "z-7", now + 24 * 3_600_000)).toBeDefined();
  });
});
