/**
 * Reads a body no larger than `limit` bytes, counting as it streams: a sender that announces
 * nothing (no content-length) or announces too little is cut off at the limit, never read whole.
 * Undefined for a body over the limit, or one that broke off.
 */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  contentLength: string | null,
  limit: number,
): Promise<Buffer | undefined> {
  if (Number(contentLength ?? 0) > limit) {
    await body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Buffer.concat(chunks);
      size += value.length;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return undefined;
      }
      chunks.push(value);
    }
  } catch {
    return undefined;
  }
}
