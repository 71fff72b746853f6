import { randomBytes } from "node:crypto";
import type { FC } from "hono/jsx";
import type { Deps } from "../deps.js";

/**
 * A confirmation that makes or sends something (a broadcast, a round, invites, a review decision,
 * an answer, a token, a workbook) carries a one-time value, so that pressing it twice, or the
 * browser sending the form again, does it once: the repeat is shown what the first made.
 */

const ONCE_PATTERN = /^[\w-]{16}$/;
const REMEMBERED_SECONDS = 24 * 60 * 60;

/** The hidden field a confirmation form carries. */
export const OnceField: FC = () => <input type="hidden" name="once" value={randomBytes(12).toString("base64url")} />;

export type OnceOutcome<T> =
  /** Done now: what `work` returned. */
  | { kind: "done"; result: T }
  /** A repeat: what the first made, once it is known ("" while it is still being made). */
  | { kind: "repeat"; made: string }
  /** The form carried no one-time value: nothing was done. */
  | { kind: "unmarked" };

/**
 * Does `work` once per one-time value. `work` returns its result and what it made (an id the repeat
 * is led to), or nothing made when it refused: the value is then free for the corrected form, as it
 * is when `work` throws.
 */
export async function runOnce<T>(
  deps: Deps,
  once: unknown,
  work: () => Promise<{ result: T; made: string | undefined }>,
): Promise<OnceOutcome<T>> {
  if (typeof once !== "string" || !ONCE_PATTERN.test(once)) return { kind: "unmarked" };
  const key = deps.keys.confirmationUsed(once);
  if ((await deps.redis.set(key, "", "EX", REMEMBERED_SECONDS, "NX")) !== "OK") {
    return { kind: "repeat", made: (await deps.redis.get(key)) ?? "" };
  }
  try {
    const { result, made } = await work();
    if (made === undefined) await deps.redis.del(key);
    else await deps.redis.set(key, made, "EX", REMEMBERED_SECONDS);
    return { kind: "done", result };
  } catch (error) {
    await deps.redis.del(key);
    throw error;
  }
}
