import { randomBytes } from "node:crypto";
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
      if (!response.ok) return undefined;
      if (Number(response.headers.get("content-length") ?? 0) > this.maxBytes) return undefined;
      const bytes = Buffer.from(await response.arrayBuffer());
      if (bytes.length > this.maxBytes) return undefined;
      return { bytes, mimeType: response.headers.get("content-type") ?? defaultMimeType };
    } catch {
      return undefined;
    }
  }

  /** Fetches a picture (a Zalo URL, which expires) and keeps it; undefined when it cannot be had. */
  async fetchAndPut(url: string): Promise<string | undefined> {
    const file = await this.fetch(url, "image/jpeg");
    return file && (await this.put(file.bytes, file.mimeType));
  }
}
