import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDeps } from "../../src/dev/local-deps.js";
import { replicaWaitShort } from "../../src/metrics.js";
import { connectRedis, type Redis } from "../../src/redis.js";
import { ReplicasBehindError, replicasCaughtUp, requireReplicas } from "../../src/storage/replicas.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";
import { MASTER_NAME, masterPort, type ReplicatedRedis, replicasInSync, startReplicatedRedis } from "../support/sentinel.js";

/** REDIS_WAIT_REPLICAS against a real primary and replica; REDIS_SENTINELS against real Sentinels. */
describe("a saved answer and its replicas", () => {
  let cluster: ReplicatedRedis;
  let redis: Redis;
  let replica: Redis;

  beforeAll(async () => {
    cluster = await startReplicatedRedis({ replicas: 1 });
    redis = connectRedis(cluster.primary.url);
    replica = connectRedis(cluster.replicas[0]!.url);
    await replicasInSync(redis, 1);
  });
  afterAll(async () => {
    redis?.disconnect();
    replica?.disconnect();
    await cluster?.stop();
  });

  it("is acknowledged once the replica has it, and not when the replica falls behind", async () => {
    const prefix = `t${randomBytes(4).toString("hex")}:`;
    const deps = localDeps(redis, prefix);
    requireReplicas(redis, { replicas: 1, timeoutMs: 300 });
    const member = officer(5001, "ha-noi");
    await fillThroughService(deps, member, answerer({ fullName: "Đỗ Minh" }), () => [], { submit: false, stopAfter: 1 });
    // No wait on the replica's side: it had the answer when the step returned.
    expect(await replica.hget(deps.keys.response("488", "ha-noi"), "a:officer.fullName")).toContain("Đỗ Minh");

    const short = (await replicaWaitShort.get()).values[0]?.value ?? 0;
    cluster.replicas[0]!.pause();
    try {
      const step = deps.reporting.step(member, { kind: "text", text: "Sở TTTT" }, Date.now());
      await expect(step).rejects.toBeInstanceOf(ReplicasBehindError);
      await expect(step).rejects.toThrow("only 0 of 1 Redis replicas took the save in time");
      expect((await replicaWaitShort.get()).values[0]?.value).toBe(short + 1);
      // The save stands on the primary; the intake tries the update again, which finds it saved.
      expect(await redis.hget(deps.keys.response("488", "ha-noi"), "a:officer.agency")).toContain("Sở TTTT");
      await expect(replicasCaughtUp(redis, deps.keys.replicaBarrier)).rejects.toBeInstanceOf(ReplicasBehindError);
    } finally {
      cluster.replicas[0]!.resume();
    }
    // Before such a repeat shows the next screen: everything written so far has reached the replica.
    await replicasCaughtUp(redis, deps.keys.replicaBarrier);
    expect(await replica.hget(deps.keys.response("488", "ha-noi"), "a:officer.agency")).toContain("Sở TTTT");
    requireReplicas(redis, undefined);
    await replicasCaughtUp(redis, deps.keys.replicaBarrier);
  });
});

describe("a connection through Sentinels", () => {
  let cluster: ReplicatedRedis;

  beforeAll(async () => {
    cluster = await startReplicatedRedis({ replicas: 1, sentinels: true });
  });
  afterAll(() => cluster?.stop());

  it("follows the master to the replica the Sentinels promote when it dies", async () => {
    const redis = connectRedis(
      {
        url: "redis://127.0.0.1:6379/0",
        sentinels: cluster.sentinels.map((sentinel) => ({ host: "127.0.0.1", port: sentinel.port })),
        name: MASTER_NAME,
      },
      { commandTimeoutMs: undefined },
    );
    try {
      await redis.set("before", "1");
      await replicasInSync(redis, 1);
      await cluster.primary.kill();
      // Commands wait through the failover (maxRetriesPerRequest: null) and land on the new master.
      await redis.set("after", "2");
      expect(await masterPort(cluster.sentinels)).toBe(cluster.replicas[0]!.port);
      expect(await redis.mget("before", "after")).toEqual(["1", "2"]);
      expect(await redis.info("replication")).toContain("role:master");
    } finally {
      redis.disconnect();
    }
  }, 30_000);
});
