import { createHmac, timingSafeEqual } from "node:crypto";
import type { FileResponse } from "../http-server.js";
import type { StoredFile } from "../storage/attachments.js";

/**
 * Links to files the bot serves itself (the progress picture, the workbook, a picture sent on the
 * other messenger) for a channel that takes files only by URL. A link names the file and when it
 * expires, signed with a server secret, so it cannot be made up or stretched; 24 hours by default.
 */

export const FILE_LINK_PATH = "/files/";
const DAY_MS = 24 * 60 * 60 * 1000;

export interface LinkedFile {
  /** `stored:<id>` or a Telegram file id. */
  reference: string;
  fileName: string;
}

export type LinkCheck = { ok: true; file: LinkedFile } | { ok: false; reason: "forged" | "expired" };

export class FileLinks {
  private readonly base: string;

  constructor(
    publicUrl: string,
    private readonly secret: string,
    private readonly lifetimeMs = DAY_MS,
  ) {
    this.base = publicUrl.replace(/\/+$/, "");
  }

  link(file: LinkedFile, now: number): string {
    const payload = Buffer.from(JSON.stringify({ r: file.reference, n: file.fileName, e: now + this.lifetimeMs })).toString("base64url");
    return `${this.base}${FILE_LINK_PATH}${payload}.${this.sign(payload)}/${encodeURIComponent(file.fileName)}`;
  }

  /** Reads the path of a link (`/files/<token>/<name>`). */
  check(path: string, now: number): LinkCheck {
    const [token = ""] = path.slice(FILE_LINK_PATH.length).split("/");
    const [payload = "", signature = ""] = token.split(".");
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "forged" };
    const { r, n, e } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { r: string; n: string; e: number };
    return e < now ? { ok: false, reason: "expired" } : { ok: true, file: { reference: r, fileName: n } };
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.secret).update(`file-link:${payload}`).digest("base64url");
  }
}

/** Answers a link's request: the file from wherever it is kept (`open`), if the link is genuine and in date. */
export function serveLinkedFiles(
  links: FileLinks,
  open: (reference: string) => Promise<StoredFile | undefined>,
  now: () => number,
): { prefix: string; serve: (path: string) => Promise<FileResponse> } {
  return {
    prefix: FILE_LINK_PATH,
    async serve(path) {
      const checked = links.check(path, now());
      if (!checked.ok) return { status: checked.reason === "expired" ? 410 : 403 };
      const file = await open(checked.file.reference);
      return file ? { status: 200, ...file, fileName: checked.file.fileName } : { status: 404 };
    },
  };
}
