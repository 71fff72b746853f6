import { replicaWaitSeconds, replicaWaitShort } from "../metrics.js";
import type { Redis } from "../redis.js";

/**
 * REDIS_WAIT_REPLICAS: a saved answer is acknowledged only once that many replicas have it, so a
 * failover (Sentinel promoting a replica) loses no answer an officer saw accepted. Redis's `WAIT N
 * timeout` blocks the connection that wrote until N replicas confirm its writes, or the timeout
 * passes; it answers how many did.
 *
 * The setting belongs to the connection (WAIT counts the writes of the connection it is sent on),
 * so it is kept beside it here rather than threaded through every store: the bot process sets it on
 * its connection, and the form's save (src/storage/responses.ts) asks after each step.
 */
export interface ReplicaWait {
  replicas: number;
  timeoutMs: number;
}

const settings = new WeakMap<Redis, ReplicaWait>();

/** Saves on this connection wait for `wait.replicas` replicas from now on; undefined: they do not wait. */
export function requireReplicas(redis: Redis, wait: ReplicaWait | undefined): void {
  if (wait && wait.replicas > 0) settings.set(redis, wait);
  else settings.delete(redis);
}

export function replicasRequired(redis: Redis): ReplicaWait | undefined {
  return settings.get(redis);
}

/**
 * Fewer replicas than asked took a save within the timeout. The save stands on the primary, but
 * the step fails, so the officer is not told it was accepted: the intake tries the update again.
 */
export class ReplicasBehindError extends Error {
  constructor(
    readonly acknowledged: number,
    readonly required: number,
  ) {
    super(`only ${acknowledged} of ${required} Redis replicas took the save in time`);
    this.name = "ReplicasBehindError";
  }
}

/** After a write on `redis`: waits for the replicas its setting asks for; a no-op without one. */
export async function waitForReplicas(redis: Redis): Promise<void> {
  const wait = settings.get(redis);
  if (!wait) return;
  const end = replicaWaitSeconds.startTimer();
  const acknowledged = Number(await redis.call("WAIT", String(wait.replicas), String(wait.timeoutMs)));
  end();
  if (acknowledged < wait.replicas) {
    replicaWaitShort.inc();
    throw new ReplicasBehindError(acknowledged, wait.replicas);
  }
}

/**
 * Everything written to the primary before this call, by any connection or process, has reached
 * the replicas the setting asks for: a write of this connection's own goes after it in the
 * replication stream, and WAIT on that write covers what came before. For a step that finds its
 * answer saved by an earlier try (whose WAIT may have fallen short) before it shows the next screen.
 */
export async function replicasCaughtUp(redis: Redis, key: string): Promise<void> {
  if (!settings.has(redis)) return;
  await redis.set(key, String(Date.now()), "EX", 60);
  await waitForReplicas(redis);
}
