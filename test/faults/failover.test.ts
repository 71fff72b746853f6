import type { Message } from "grammy/types";
import { afterAll, describe, expect, it } from "vitest";
import { BotApiEmulator } from "../../src/emulator/bot-api-emulator.js";
import { buttonsOf, type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import { connectRedis, type Redis } from "../../src/redis.js";
import { STANDING_ROUND } from "../../src/services/active-round.js";
import { BotProcess } from "../support/bot-process.js";
import { isQuestion, questionOf } from "../support/chat-form.js";
import { PART_ONE_ANSWERS as QUESTIONS } from "../support/part-one-answers.js";
import { depsFor } from "../support/redis.js";
import {
  MASTER_NAME,
  masterPort,
  masterPortAgreed,
  type ReplicatedRedis,
  replicasInSync,
  startReplicatedRedis,
  until,
} from "../support/sentinel.js";

/**
 * Redis that fails over (`npm run test:faults`): a primary, a replica and three Sentinels on
 * localhost, the bot following them (REDIS_SENTINELS). Twenty officers answer part 1 of the form,
 * a second or so apart as people type; the replica stalls for a second (SIGSTOP: a slow disk, a
 * paused VM) and its link to the primary drops, then the primary is killed (SIGKILL) mid-walk and
 * the Sentinels promote the replica; the dead primary comes back empty and is made a replica of
 * the new one.
 *
 * Run twice. With REDIS_WAIT_REPLICAS=1 an answer is acknowledged only once the replica has it, so
 * no answer an officer saw accepted is lost (asserted). Without it, answers acknowledged while the
 * replica stalled lived on the primary alone and die with it: counted and printed. Both times the
 * bot goes on after the failover: the officers finish part 1 (asserted, a floor of 90%).
 */

const OFFICERS = 20;
const PREFIX = "d06:";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

interface Ack {
  question: string;
  value: string;
  at: number;
  latencyMs: number;
}

/** What the walkers are told: hold (send nothing new), and until when to walk. */
interface Walk {
  hold: boolean;
  until: number;
  /** Officers waiting for the bot's answer to something they sent. */
  inFlight: number;
}

type Figures = Record<string, number>;

async function resync(officer: FakeUser): Promise<Message | undefined> {
  officer.markAllRead();
  officer.send("/start");
  try {
    const standing = await officer.nextMessage(10_000);
    if (!buttonsOf(standing).some((button) => "callback_data" in button && button.callback_data === "f:open")) return undefined;
    officer.press({ data: "f:open" }, standing);
    return await officer.nextScreen(10_000);
  } catch {
    return undefined;
  }
}

/**
 * Answers part 1 as a person types (a second or so per answer), holding when told; every answer
 * whose next screen came back is an ack, noted in `acks` as it comes. Resolves when part 1 is done.
 */
async function walk(officer: FakeUser, n: number, first: Message | undefined, state: Walk, acks: Ack[]): Promise<boolean> {
  let screen = first;
  while (Date.now() < state.until) {
    if (state.hold) {
      await sleep(100);
      continue;
    }
    if (screen && /^Phần [2-9]/.test(textOf(screen))) return true;
    if (!screen || !isQuestion(screen)) {
      screen = await resync(officer);
      if (!screen) await sleep(500);
      continue;
    }
    const question = questionOf(screen);
    const planned = QUESTIONS[question];
    if (!planned) return false;
    await sleep(400 + Math.random() * 800);
    if (state.hold) continue;
    const sentAt = Date.now();
    state.inFlight += 1;
    officer.send(planned.value(n));
    try {
      const next = await officer.nextScreen(10_000);
      if (!isQuestion(next) || questionOf(next) !== question)
        acks.push({ question, value: planned.stored(n), at: Date.now(), latencyMs: Date.now() - sentAt });
      screen = next;
    } catch {
      screen = undefined;
    } finally {
      state.inFlight -= 1;
    }
  }
  return false;
}

async function failover(waitReplicas: number): Promise<Figures> {
  const figures: Figures = { waitReplicas };
  let cluster: ReplicatedRedis | undefined;
  let setup: Redis | undefined;
  let bot: BotProcess | undefined;
  const emulator = new BotApiEmulator();
  try {
    cluster = await startReplicatedRedis({ replicas: 1, sentinels: true });
    const sentinels = cluster.sentinels.map((sentinel) => ({ host: "127.0.0.1", port: sentinel.port }));
    setup = connectRedis({ url: "redis://127.0.0.1:6379", sentinels, name: MASTER_NAME }, { commandTimeoutMs: undefined });
    setup.on("error", () => undefined);
    await replicasInSync(setup, 1);
    await emulator.start();
    bot = await BotProcess.start({
      emulator,
      redisUrl: cluster.primary.url,
      prefix: PREFIX,
      env: {
        REDIS_SENTINELS: cluster.sentinelList,
        REDIS_SENTINEL_NAME: MASTER_NAME,
        REDIS_WAIT_REPLICAS: String(waitReplicas),
        REDIS_WAIT_TIMEOUT_MS: "3000",
      },
    });
    const deps = depsFor({ redis: setup, prefix: PREFIX });
    const provinces = deps.directory.agencies.filter((agency) => agency.kind === "province").slice(0, OFFICERS);
    const officers = await Promise.all(
      provinces.map(async (agency, index) => {
        const officer = emulator.user({ id: 990_000 + index, first_name: `Cán bộ ${index}`, language_code: "vi" });
        const { code } = await deps.invites.issue({ role: "officer", agencyId: agency.id }, Date.now());
        officer.send(`/start ${code}`);
        await officer.nextMessage();
        officer.press({ data: "f:open" }, await officer.nextMessage());
        return { officer, agency, n: index + 1, first: await officer.nextScreen() };
      }),
    );

    const state: Walk = { hold: false, until: Number.POSITIVE_INFINITY, inFlight: 0 };
    const acks = officers.map(() => [] as Ack[]);
    const walking = Promise.all(officers.map(({ officer, n, first }, index) => walk(officer, n, first, state, acks[index]!)));
    const started = Date.now();
    await sleep(2_000);
    // The replica stalls and loses its link (what was on the wire it still reads when it wakes;
    // nothing after); a second later the primary dies.
    const replica = cluster.replicas[0]!;
    replica.pause();
    const primaryLink = connectRedis(cluster.primary.url);
    await primaryLink.call("CLIENT", "KILL", "TYPE", "replica");
    primaryLink.disconnect();
    const pausedAt = Date.now();
    await sleep(1_000);
    state.hold = true;
    const killedAt = Date.now();
    await cluster.primary.kill();
    replica.resume();
    await until(async () => (await masterPort(cluster!.sentinels)) === replica.port, 30_000, "the Sentinels' failover");
    figures.failoverMs = Date.now() - killedAt;
    // As an operator would (a master without persistence must not restart into a failover still
    // spreading): every Sentinel names the new master, and the new master knows it is one.
    await until(async () => (await masterPortAgreed(cluster!.sentinels)) === replica.port, 30_000, "every Sentinel on the new master");
    await until(
      async () => String(await setup!.call("ROLE").then((role) => (role as unknown[])[0])) === "master",
      10_000,
      "the new master",
    );
    // The dead primary comes back, empty, and the Sentinels make it the new master's replica.
    await cluster.primary.start();
    await replicasInSync(setup, 1);
    figures.replicaBackMs = Date.now() - killedAt;

    // What was sent before the hold is answered (or given up on): the acks so far are final. Updates
    // the new master still holds as pending (their acknowledgement lost with the old one) wait for
    // the intake's take-over of idle entries, a minute on: counted, not waited for.
    await until(async () => state.inFlight === 0, 30_000, "the officers' last answers");
    await until(async () => (await setup!.xlen(`${PREFIX}intake:telegram`)) === 0, 5_000, "an empty intake").catch(() => undefined);
    figures.pendingAfterFailover = await setup.xlen(`${PREFIX}intake:telegram`);
    const storedOf = async (agencyId: string) => {
      const hash = await setup!.hgetall(deps.keys.response(STANDING_ROUND.id, agencyId));
      return (path: string) => (hash[`a:${path}`] ? (JSON.parse(hash[`a:${path}`] ?? "{}") as { v: unknown }).v : undefined);
    };
    let acknowledged = 0;
    let lost = 0;
    for (const [index, { agency }] of officers.entries()) {
      const stored = await storedOf(agency.id);
      for (const ack of acks[index] ?? []) {
        acknowledged += 1;
        if (stored(QUESTIONS[ack.question]?.path ?? "") !== ack.value) lost += 1;
      }
    }
    figures.acknowledgedBeforeFailover = acknowledged;
    figures.lostAcknowledged = lost;
    figures.acknowledgedWhileReplicaStalled = acks.flat().filter((ack) => ack.at >= pausedAt && ack.at <= killedAt + 1_000).length;
    figures.ackMedianMsBeforeStall = median(
      acks
        .flat()
        .filter((ack) => ack.at > started && ack.at < pausedAt)
        .map((ack) => ack.latencyMs),
    );

    // The bot goes on: the officers finish part 1 on the new master.
    state.until = Date.now() + 90_000;
    state.hold = false;
    const resumedAt = Date.now();
    figures.officersThroughPart1 = (await walking).filter(Boolean).length;
    figures.walkAfterFailoverSeconds = Math.round((Date.now() - resumedAt) / 1000);
    let done = 0;
    let misplaced = 0;
    for (const { agency, n } of officers) {
      const stored = await storedOf(agency.id);
      // Whatever is stored is the answer meant for that question. A lost acknowledgement breaks
      // this: the officer answers the next question on their screen, and the bot, back on the
      // question whose answer it lost, takes it as that one's.
      for (const planned of Object.values(QUESTIONS)) {
        const value = stored(planned.path);
        if (value !== undefined && value !== planned.stored(n)) misplaced += 1;
        if (waitReplicas > 0 && value !== undefined) expect(value, `${agency.id}: ${planned.path}`).toBe(planned.stored(n));
      }
      if (Object.values(QUESTIONS).every((planned) => stored(planned.path) === planned.stored(n))) done += 1;
      // Applied once: one history record per question answered.
      const history = await deps.reporting.history(agency.id);
      for (const planned of Object.values(QUESTIONS)) {
        const records = history.filter((record) => record.path === planned.path).length;
        if (waitReplicas > 0) expect(records, `${agency.id}: ${planned.path}`).toBeLessThanOrEqual(1);
      }
    }
    figures.officersDone = done;
    figures.misplacedAnswers = misplaced;
    figures.parked = await setup.xlen(`${PREFIX}intake-parked:telegram`);
    return figures;
  } finally {
    await bot?.kill("SIGKILL");
    setup?.disconnect();
    await emulator.stop();
    await cluster?.stop();
  }
}

describe("faults: a Sentinel failover mid-walk", () => {
  const runs: Figures[] = [];
  afterAll(() => {
    for (const figures of runs) console.log(`failover figures: ${JSON.stringify(figures)}`);
  });

  it("with REDIS_WAIT_REPLICAS=1 loses no acknowledged answer, and the bot goes on after the failover", async () => {
    const figures = await failover(1);
    runs.push(figures);
    expect(figures.lostAcknowledged).toBe(0);
    expect(figures.acknowledgedWhileReplicaStalled).toBe(0);
    expect(figures.misplacedAnswers).toBe(0);
    expect(figures.officersThroughPart1).toBeGreaterThanOrEqual(Math.ceil(OFFICERS * 0.9));
    expect(figures.officersDone).toBeGreaterThanOrEqual(Math.ceil(OFFICERS * 0.9));
    expect(figures.parked).toBe(0);
  }, 240_000);

  it("without it counts the acknowledged answers the failover lost, and the bot goes on", async () => {
    const figures = await failover(0);
    runs.push(figures);
    // Counted and printed, not asserted: how many depends on what the officers sent while the replica stalled.
    console.log(
      `without REDIS_WAIT_REPLICAS the failover lost ${figures.lostAcknowledged} of ${figures.acknowledgedBeforeFailover} acknowledged answers` +
        ` (${figures.acknowledgedWhileReplicaStalled} acknowledged while the replica stalled); ${figures.misplacedAnswers} later answers landed on the wrong question`,
    );
    expect(figures.officersThroughPart1).toBeGreaterThanOrEqual(Math.ceil(OFFICERS * 0.9));
  }, 240_000);
});
