import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { type Binding, bindingTag } from "../domain/roles.js";
import type { FileResponse } from "../http-server.js";
import type { StoredFile } from "../storage/attachments.js";
import type { Member } from "../storage/members.js";
import { type Address, formatAddress } from "./address.js";

/**
 * Links to files the bot serves itself (the progress picture, the workbook, a picture sent on the
 * other messenger) for a channel that takes files only by URL. A link names the file, the member it
 * was sent to (and the address and role they had then) and when it expires, sealed with a server
 * secret (AES-256-GCM), so it cannot be made up or stretched, and whoever holds it (a workbook
 * forwarded with its photo links) reads in it neither the file's reference nor whose it is. It is the member's, not a bearer's: every request
 * checks that the member still has that address and that role, and that the link was not revoked.
 * The programme's data (exports) is linked for 15 minutes; a picture in a question for 24 hours.
 */

export const FILE_LINK_PATH = "/files/";
export const LINK_LIFETIME_MS = { export: 15 * 60 * 1000, attachment: 24 * 60 * 60 * 1000 } as const;
export type LinkLifetime = keyof typeof LINK_LIFETIME_MS;

export interface LinkedFile {
  /** `stored:<id>` or a Telegram file id. */
  reference: string;
  fileName: string;
}

/** Whom a link was sent to: it works while they keep this address and this role. */
export interface LinkHolder {
  memberId: string;
  binding: Binding;
  address: Address;
}

export interface CheckedLink {
  file: LinkedFile;
  /** Names the link for revoking it. */
  linkId: string;
  memberId: string;
  /** `bindingTag` of the role it was sent under. */
  right: string;
  address: string;
  expiresAt: number;
}

export type LinkCheck = ({ ok: true } & CheckedLink) | { ok: false; reason: "forged" | "expired" };

interface Payload {
  r: string;
  n: string;
  e: number;
  m: string;
  b: string;
  a: string;
  i: string;
}

export class FileLinks {
  private readonly base: string;

  constructor(
    publicUrl: string,
    private readonly secret: string,
  ) {
    this.base = publicUrl.replace(/\/+$/, "");
  }

  link(file: LinkedFile, holder: LinkHolder, now: number, lifetime: LinkLifetime): string {
    const payload: Payload = {
      r: file.reference,
      n: file.fileName,
      e: now + LINK_LIFETIME_MS[lifetime],
      m: holder.memberId,
      b: bindingTag(holder.binding),
      a: formatAddress(holder.address),
      i: randomBytes(8).toString("hex"),
    };
    return `${this.base}${FILE_LINK_PATH}${this.seal(payload)}/${encodeURIComponent(file.fileName)}`;
  }

  /** Reads the path of a link (`/files/<token>/<name>`) or the whole link. */
  check(pathOrUrl: string, now: number): LinkCheck {
    const path = pathOrUrl.startsWith("http") ? new URL(pathOrUrl).pathname : pathOrUrl;
    const [token = ""] = path.slice(FILE_LINK_PATH.length).split("/");
    const payload = this.open(token);
    if (!payload) return { ok: false, reason: "forged" };
    const { r, n, e, m, b, a, i } = payload;
    if (e < now) return { ok: false, reason: "expired" };
    return { ok: true, file: { reference: r, fileName: n }, linkId: i, memberId: m, right: b, address: a, expiresAt: e };
  }

  private key(): Buffer {
    return createHmac("sha256", this.secret).update("file-link-key").digest();
  }

  /** The payload encrypted and authenticated: a fresh nonce, the ciphertext, the tag. */
  private seal(payload: Payload): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key(), nonce);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(payload), "utf8"), cipher.final()]);
    return Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString("base64url");
  }

  /** The payload of a token this server sealed; undefined for any other (changed, made up, another secret's). */
  private open(token: string): Payload | undefined {
    const bytes = Buffer.from(token, "base64url");
    // Only the one spelling of the bytes: a character changed in the bits base64 leaves unused is a changed link too.
    if (bytes.length < 12 + 16 + 1 || bytes.toString("base64url") !== token) return undefined;
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key(), bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      const plain = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
      return JSON.parse(plain.toString("utf8")) as Payload;
    } catch {
      return undefined;
    }
  }
}

/** Whether the member a link was sent to still holds it: there, at that address, in that role. */
export function stillHolds(link: CheckedLink, member: Member | undefined): boolean {
  return (
    member !== undefined &&
    member.id === link.memberId &&
    bindingTag(member.binding) === link.right &&
    member.addresses.some((address) => formatAddress(address) === link.address)
  );
}

/**
 * Answers a link's request: the file from wherever it is kept (`open`), if the link is genuine, in
 * date, not revoked, and its member still holds it. 403 for a forged link or a member who lost the
 * right, 410 for one expired or revoked, 404 when the file is gone.
 */
export function serveLinkedFiles(
  links: FileLinks,
  access: {
    open: (reference: string) => Promise<StoredFile | undefined>;
    member: (memberId: string) => Promise<Member | undefined>;
    revoked: (linkId: string) => Promise<boolean>;
  },
  now: () => number,
): { prefix: string; serve: (path: string) => Promise<FileResponse> } {
  return {
    prefix: FILE_LINK_PATH,
    async serve(path) {
      const checked = links.check(path, now());
      if (!checked.ok) return { status: checked.reason === "expired" ? 410 : 403 };
      if (await access.revoked(checked.linkId)) return { status: 410 };
      if (!stillHolds(checked, await access.member(checked.memberId))) return { status: 403 };
      const file = await access.open(checked.file.reference);
      return file ? { status: 200, ...file, fileName: checked.file.fileName } : { status: 404 };
    },
  };
}
