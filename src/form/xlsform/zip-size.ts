import { inflateRawSync } from "node:zlib";

/**
 * What an .xlsx (a zip) takes once unpacked, found by unpacking each file through a guard that
 * stops at `limit` bytes, before the spreadsheet library sees the bytes: a small workbook can
 * unpack to gigabytes, and exceljs unpacks all of it in memory. The sizes a zip declares are not
 * trusted (a bomb declares small ones). "no-zip" for bytes that are no zip (or use what a
 * workbook never does: ZIP64, encryption, methods other than stored and deflate).
 */
export type Unpacked = { ok: true; bytes: number } | { ok: false; reason: "no-zip" } | { ok: false; reason: "too-large"; atLeast: number };

const END_SIGNATURE = 0x06054b50;
const ENTRY_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

export function unpackedSize(bytes: Buffer, limit: number): Unpacked {
  const NO_ZIP = { ok: false, reason: "no-zip" } as const;
  // The end record is the last 22 bytes, or before a comment of at most 64 KiB.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (bytes.readUInt32LE(at) === END_SIGNATURE) {
      end = at;
      break;
    }
  }
  if (end < 0) return NO_ZIP;
  const entries = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let entry = 0; entry < entries; entry++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== ENTRY_SIGNATURE) return NO_ZIP;
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const local = bytes.readUInt32LE(at + 42);
    if (flags & 0x1 || compressed === 0xffffffff || local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL_SIGNATURE)
      return NO_ZIP;
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + compressed);
    if (data.length !== compressed) return NO_ZIP;
    const remaining = limit - total;
    if (method === 0) {
      total += compressed;
    } else if (method === 8) {
      try {
        // One byte over what is left is enough to know it is too much; nothing more is unpacked.
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, remaining + 1) }).length;
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return { ok: false, reason: "too-large", atLeast: limit + 1 };
        return NO_ZIP;
      }
    } else {
      return NO_ZIP;
    }
    if (total > limit) return { ok: false, reason: "too-large", atLeast: total };
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return { ok: true, bytes: total };
}
