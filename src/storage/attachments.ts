import { randomBytes } from "node:crypto";
import { readCapped } from "../capped-body.js";
import type { Redis } from "../redis.js";
import type { Keys } from "./keys.js";

/**
 * Files the bot must keep itself: pictures whose channel will not keep them for the other side
 * (Zalo's image URLs expire), up to a size limit, for a retention period; and the reports it
 * makes (progress picture, workbook) for as long as their links last. The reference
 * `stored:<id>` stands where a Telegram file id would.
 */
export const STORED_PREFIX = "stored:";

export interface StoredFile {
  bytes: Buffer;
  mimeType: string;
}

export class AttachmentStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    readonly maxBytes: number,
    private readonly retentionDays: number,
    /** What one member's pictures may take in a day, so nobody can fill the bot's memory by sending. */
    private readonly dailyBytes = 50 * 1024 * 1024,
  ) {}

  /** Keeps bytes for the retention period, or for `seconds` (a report made for one request). */
  async put(bytes: Buffer, mimeType: string, seconds = this.retentionDays * 24 * 60 * 60): Promise<string> {
    const id = randomBytes(12).toString("hex");
    const key = this.keys.attachment(id);
    await this.redis.multi().hset(key, { mime: mimeType, bytes }).expire(key, seconds).exec();
    return `${STORED_PREFIX}${id}`;
  }

  async get(reference: string): Promise<StoredFile | undefined> {
    if (!reference.startsWith(STORED_PREFIX)) return undefined;
    const key = this.keys.attachment(reference.slice(STORED_PREFIX.length));
    const [bytes, mime] = await Promise.all([this.redis.hgetBuffer(key, "bytes"), this.redis.hget(key, "mime")]);
    return bytes ? { bytes, mimeType: mime ?? "application/octet-stream" } : undefined;
  }

  /** Fetches a file from a URL, refusing one larger than the limit; undefined when it cannot be had. */
  async fetch(url: string, defaultMimeType: string): Promise<StoredFile | undefined> {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
      if (!response.ok) {
        await response.body?.cancel();
        return undefined;
      }
      const bytes = await readCapped(response.body, response.headers.get("content-length"), this.maxBytes);
      return bytes && { bytes, mimeType: response.headers.get("content-type") ?? defaultMimeType };
    } catch {
      return undefined;
    }
  }

  /**
   * Fetches a picture a member sent (a Zalo URL, which expires) and keeps it; undefined when it
   * cannot be had, is too large, or the member's pictures of the day already take `dailyBytes`.
   */
  async fetchAndPut(url: string, memberId: string, now: number): Promise<string | undefined> {
    const quota = this.keys.attachmentQuota(memberId, new Date(now).toISOString().slice(0, 10));
    if (Number((await this.redis.get(quota)) ?? 0) >= this.dailyBytes) return undefined;
    const file = await this.fetch(url, "image/jpeg");
    if (!file) return undefined;
    const used = await this.redis
      .multi()
      .incrby(quota, file.bytes.length)
      .expire(quota, 2 * 24 * 60 * 60)
      .exec();
    if (Number(used?.[0]?.[1] ?? 0) > this.dailyBytes) return undefined;
    return this.put(file.bytes, file.mimeType);
  }
}
