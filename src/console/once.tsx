import { randomBytes } from "node:crypto";
import type { FC } from "hono/jsx";
import type { Deps } from "../deps.js";

/**
 * A confirmation that makes something (a broadcast, a round) carries a one-time value, so that
 * pressing it twice, or the browser sending the form again, makes it once: the repeat is shown
 * what the first made.
 */

const ONCE_PATTERN = /^[\w-]{16}$/;
const REMEMBERED_SECONDS = 24 * 60 * 60;

/** The hidden field a confirmation form carries. */
export const OnceField: FC = () => <input type="hidden" name="once" value={randomBytes(12).toString("base64url")} />;

export type Claim =
  /** The first use: make it, then `made` (or `release` when it could not be made). */
  | { first: true; made(id: string): Promise<void>; release(): Promise<void> }
  /** A repeat: what the first made, once known. */
  | { first: false; made: string | undefined };

/** Claims a confirmation's one-time value; undefined for a form that carries none (it is shown again). */
export async function claimOnce(deps: Deps, once: string): Promise<Claim | undefined> {
  if (!ONCE_PATTERN.test(once)) return undefined;
  const key = deps.keys.confirmationUsed(once);
  if ((await deps.redis.set(key, "", "EX", REMEMBERED_SECONDS, "NX")) === "OK") {
    return {
      first: true,
      made: async (id) => void (await deps.redis.set(key, id, "EX", REMEMBERED_SECONDS)),
      release: async () => void (await deps.redis.del(key)),
    };
  }
  return { first: false, made: (await deps.redis.get(key)) || undefined };
}
