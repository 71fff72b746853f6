import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { Deps } from "../../deps.js";
import type { Round } from "../../domain/rounds.js";
import { hasRole, visibleRound } from "../access.js";
import type { ConsoleEnv, Viewer } from "../env.js";
import { path, withQuery } from "../layout.js";

/**
 * A round's live updates, as Server-Sent Events: an event named `changed` whenever the round's
 * change counter moves (an answer, a submission, a review, on any process: the counter is in
 * Redis), which console.js answers by fetching the page again and swapping its live parts. Each
 * process reads a round's counter once per tick however many pages follow it, and stops reading
 * when the last one goes.
 */

export const POLL_MS = 700;
export const HEARTBEAT_MS = 20_000;

/**
 * A round as the desk follows it (its page, its agencies table, their events): the secretariat
 * and consultants, within what they may see; an officer's page is their agency's.
 */
export async function deskRound(deps: Deps, viewer: Viewer, roundId: string): Promise<Round | undefined> {
  if (!hasRole(viewer, "secretariat", "consultant")) return undefined;
  return visibleRound(deps, viewer, roundId);
}

/** Where a page of the round hears of its changes; `since` is the counter the page was drawn at. */
export const roundEventsPath = (roundId: string, since?: string): string => withQuery(path("rounds", roundId, "events"), { since });

type Listener = (version: string) => void;

interface Followed {
  listeners: Set<Listener>;
  /** The counter as last read; none before the first reading. */
  last: string | undefined;
  timer: NodeJS.Timeout;
  reading: boolean;
  failing: boolean;
}

/** One poller per round, shared by every stream of the process that follows it. */
export class RoundChanges {
  private readonly followed = new Map<string, Followed>();

  constructor(
    private readonly read: (roundId: string) => Promise<string>,
    private readonly failed: (roundId: string, error: unknown) => void,
    private readonly everyMs = POLL_MS,
  ) {}

  /** Calls `listener` with the new counter each time it moves; the function returned stops it. */
  follow(roundId: string, listener: Listener): () => void {
    let round = this.followed.get(roundId);
    if (!round) {
      const created: Followed = {
        listeners: new Set(),
        last: undefined,
        timer: setInterval(() => void this.tick(roundId, created), this.everyMs),
        reading: false,
        failing: false,
      };
      created.timer.unref();
      this.followed.set(roundId, created);
      round = created;
      void this.tick(roundId, created);
    }
    const following = round;
    following.listeners.add(listener);
    return () => {
      following.listeners.delete(listener);
      if (following.listeners.size === 0 && this.followed.get(roundId) === following) {
        clearInterval(following.timer);
        this.followed.delete(roundId);
      }
    };
  }

  /** How many rounds this process is reading, and how many listeners follow them. */
  get size(): { rounds: number; listeners: number } {
    let listeners = 0;
    for (const round of this.followed.values()) listeners += round.listeners.size;
    return { rounds: this.followed.size, listeners };
  }

  private async tick(roundId: string, round: Followed): Promise<void> {
    if (round.reading) return;
    round.reading = true;
    try {
      const version = await this.read(roundId);
      round.failing = false;
      if (round.last !== undefined && version !== round.last) {
        for (const listener of [...round.listeners]) listener(version);
      }
      round.last = version;
    } catch (error) {
      // Said once while it lasts; the next tick tries again.
      if (!round.failing) this.failed(roundId, error);
      round.failing = true;
    } finally {
      round.reading = false;
    }
  }
}

const perStore = new WeakMap<Deps["responses"], RoundChanges>();

/** The process's poller over these services' Redis. */
export function roundChanges(deps: Deps): RoundChanges {
  let changes = perStore.get(deps.responses);
  if (!changes) {
    changes = new RoundChanges(
      (roundId) => deps.responses.roundChanges(roundId),
      (roundId, error) =>
        deps.logger.warn({ roundId, error: error instanceof Error ? error.message : String(error) }, "round change counter unreadable"),
    );
    perStore.set(deps.responses, changes);
  }
  return changes;
}

export const roundEventPages = new Hono<ConsoleEnv>();

roundEventPages.get("/rounds/:roundId/events", async (c) => {
  const { deps, viewer } = c.var;
  const round = await deskRound(deps, viewer, c.req.param("roundId"));
  if (!round) return c.notFound();
  const since = c.req.query("since");
  return streamSSE(c, async (stream) => {
    const gone = new Promise<void>((resolve) => {
      stream.onAbort(resolve);
      c.req.raw.signal.addEventListener("abort", () => resolve(), { once: true });
      if (stream.aborted || c.req.raw.signal.aborted) resolve();
    });
    const changed = (version: string) => void stream.writeSSE({ event: "changed", data: version });
    const stop = roundChanges(deps).follow(round.id, changed);
    const heartbeat = setInterval(() => void stream.write(": heartbeat\n\n"), HEARTBEAT_MS);
    try {
      // Reconnect soon after a drop; the comment gets the response under way at once.
      await stream.write(": following\nretry: 2000\n\n");
      // A change between drawing the page and opening this stream is told at once.
      if (since !== undefined) {
        const version = await deps.responses.roundChanges(round.id);
        if (version !== since) changed(version);
      }
      await gone;
    } finally {
      clearInterval(heartbeat);
      stop();
    }
  });
});
