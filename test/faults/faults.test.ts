import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message } from "grammy/types";
import { afterAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import { freePort, type LocalRedis, startPrivateRedis } from "../../src/dev/local-redis.js";
import { BotApiEmulator } from "../../src/emulator/bot-api-emulator.js";
import { buttonsOf, type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import { Outbox } from "../../src/jobs/outbox.js";
import { createLogger } from "../../src/logger.js";
import { connectRedis, type Redis } from "../../src/redis.js";
import { STANDING_ROUND } from "../../src/services/active-round.js";
import { queueBroadcast } from "../../src/services/broadcast-queue.js";
import { BotProcess } from "../support/bot-process.js";
import { isQuestion, questionOf } from "../support/chat-form.js";
import { PART_ONE_ANSWERS as QUESTIONS } from "../support/part-one-answers.js";
import { depsFor } from "../support/redis.js";

/**
 * The fault suite (`npm run test:faults`): 50 officers answer the first part of the form while a
 * broadcast goes out, and meanwhile the bot is killed with SIGKILL at 20 random moments, Redis is
 * paused for 10 s and restarted from its append-only file, and a fifth of the Bot API calls fail or
 * time out. Afterwards every answer an officer saw acknowledged is stored, where it belongs, once;
 * and each broadcast message reached its officer at most once and was reported as it went. Floors
 * too: at least 90% of the answers acknowledged, 80% of the broadcast sent.
 */

const OFFICERS = 50;
const KILLS = 20;
const BROADCAST_TEXT = "Thông báo kiểm thử sự cố";
const PREFIX = "d06:";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("faults: kills, a paused and a restarted Redis, a failing Bot API", () => {
  const dir = mkdtempSync(join(tmpdir(), "d06-faults-"));
  let redis: LocalRedis;
  let port: number;
  let setup: Redis;
  let deps: Deps;
  let outbox: Outbox;
  const emulator = new BotApiEmulator();
  let bot: BotProcess;
  const figures: Record<string, number> = {};

  afterAll(async () => {
    await bot?.kill("SIGKILL");
    await outbox?.close();
    setup?.disconnect();
    await emulator.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
    console.log(`fault suite figures: ${JSON.stringify(figures)}`);
  });

  /** Spawns the bot again until it starts: a start while Redis is paused can fail. */
  async function respawn(): Promise<void> {
    for (let tries = 0; ; tries++) {
      try {
        await bot.spawn();
        return;
      } catch (error) {
        if (tries >= 10) throw error;
        await sleep(500);
      }
    }
  }

  /** What a careful person does when the bot has gone quiet: /start, then "continue", and read where the form is. */
  async function resync(officer: FakeUser): Promise<Message | undefined> {
    officer.markAllRead();
    officer.send("/start");
    try {
      const standing = await officer.nextMessage(15_000);
      if (!buttonsOf(standing).some((button) => button.text.includes("Tiếp tục điền"))) return undefined;
      officer.press("Tiếp tục điền", standing);
      return await officer.nextScreen(15_000);
    } catch {
      return undefined;
    }
  }

  /** Answers part 1, resyncing when the bot goes quiet; returns the answers whose next question came back. */
  async function answerPart1(officer: FakeUser, n: number, first: Message | undefined, until: () => number): Promise<Map<string, string>> {
    const acknowledged = new Map<string, string>();
    let screen = first;
    while (Date.now() < until()) {
      // Part 2 on the screen: part 1 is done.
      if (screen && /^Phần [2-9]/.test(textOf(screen))) return acknowledged;
      if (!screen || !isQuestion(screen)) {
        screen = await resync(officer);
        continue;
      }
      const question = questionOf(screen);
      const planned = QUESTIONS[question];
      if (!planned) return acknowledged;
      officer.send(planned.value(n));
      try {
        const next = await officer.nextScreen(12_000);
        // The next screen (a question, or part 2's first list) is the acknowledgement.
        if (!isQuestion(next) || questionOf(next) !== question) acknowledged.set(question, planned.stored(n));
        screen = next;
      } catch {
        screen = undefined;
      }
    }
    return acknowledged;
  }

  async function chaos(): Promise<void> {
    for (let kill = 1; kill <= KILLS; kill++) {
      await sleep(500 + Math.random() * 1500);
      await bot.kill("SIGKILL");
      if (kill === 7) {
        // Redis stops answering everyone for 10 s while the bot comes back.
        await setup.call("CLIENT", "PAUSE", "10000", "ALL");
      }
      if (kill === 14) {
        await redis.stop();
        redis = await startPrivateRedis({ dataDir: dir, port });
      }
      await respawn();
    }
  }

  it("loses no acknowledged answer, applies none twice or in the wrong place, and sends each broadcast message at most once", async () => {
    port = await freePort();
    redis = await startPrivateRedis({ dataDir: dir, port });
    await emulator.start();
    bot = await BotProcess.start({ emulator, redisUrl: redis.url, prefix: PREFIX, env: { BROADCAST_RATE: "30" } });
    setup = connectRedis(redis.url);
    setup.on("error", () => undefined);
    outbox = new Outbox(redis.url, PREFIX, createLogger("silent"));
    deps = depsFor({ redis: setup, prefix: PREFIX }, { outbox });

    const provinces = deps.directory.agencies.filter((agency) => agency.kind === "province").slice(0, OFFICERS);
    const officers = await Promise.all(
      provinces.map(async (agency, index) => {
        const officer = emulator.user({ id: 880_000 + index, first_name: `Cán bộ ${index}`, language_code: "vi" });
        const { code } = await deps.invites.issue({ role: "officer", agencyId: agency.id }, Date.now());
        officer.send(`/start ${code}`);
        await officer.nextMessage();
        officer.press({ data: "f:open" }, await officer.nextMessage());
        return { officer, agency, n: index + 1, first: await officer.nextScreen() };
      }),
    );

    emulator.failRandomly(0.2);
    const queued = await queueBroadcast(deps, undefined, "provinces", BROADCAST_TEXT);
    if (!queued.ok) throw new Error(queued.reason);
    const started = Date.now();
    // Officers answer through the chaos and for a minute after it, when the bot and the API are calm again.
    let until = Number.POSITIVE_INFINITY;
    const answering = Promise.all(officers.map(({ officer, n, first }) => answerPart1(officer, n, first, () => until)));
    await chaos();
    figures.chaosSeconds = Math.round((Date.now() - started) / 1000);
    emulator.failRandomly(0);
    until = Date.now() + 60_000;
    const acknowledged = await answering;
    figures.officersDone = acknowledged.filter((answers) => answers.size === Object.keys(QUESTIONS).length).length;
    let report = await deps.broadcasts.report(queued.id);
    for (let waited = 0; report && report.sent + report.blocked + report.failed < report.total && waited < 60_000; waited += 200) {
      await sleep(200);
      report = await deps.broadcasts.report(queued.id);
    }

    // Every answer seen acknowledged is stored, and every stored answer is the one meant for its question.
    let acknowledgedCount = 0;
    for (const [index, { agency, n }] of officers.entries()) {
      const hash = await setup.hgetall(deps.keys.response(STANDING_ROUND.id, agency.id));
      const stored = (path: string) => (hash[`a:${path}`] ? (JSON.parse(hash[`a:${path}`] ?? "{}") as { v: unknown }).v : undefined);
      for (const [question, value] of acknowledged[index] ?? []) {
        acknowledgedCount += 1;
        expect(stored(QUESTIONS[question]?.path ?? ""), `${agency.id}: ${question}`).toBe(value);
      }
      for (const planned of Object.values(QUESTIONS)) {
        const value = stored(planned.path);
        if (value !== undefined) expect(value, `${agency.id}: ${planned.path}`).toBe(planned.stored(n));
      }
      // Applied once: one history record per question answered.
      const history = await deps.reporting.history(agency.id);
      for (const planned of Object.values(QUESTIONS)) {
        expect(history.filter((record) => record.path === planned.path).length, `${agency.id}: ${planned.path}`).toBeLessThanOrEqual(1);
      }
    }
    figures.acknowledgedAnswers = acknowledgedCount;
    // A floor as well as the ceilings: through all this, the officers still get through nearly everything.
    expect(acknowledgedCount).toBeGreaterThanOrEqual(0.9 * OFFICERS * Object.keys(QUESTIONS).length);

    // Each broadcast message at most once, and the report says what happened.
    const delivered = officers.map(
      ({ officer }) =>
        emulator.chatEvents(officer.id).filter((event) => event.kind === "sent" && textOf(event.message).includes(BROADCAST_TEXT)).length,
    );
    expect(Math.max(...delivered)).toBeLessThanOrEqual(1);
    const reached = delivered.filter((count) => count === 1).length;
    expect(report).toBeDefined();
    expect(report!.sent + report!.blocked + report!.failed).toBe(OFFICERS);
    expect(report!.sent).toBeLessThanOrEqual(reached);
    expect(reached).toBeLessThanOrEqual(report!.sent + report!.failed);
    figures.broadcastSent = report!.sent;
    figures.broadcastFailed = report!.failed;
    figures.broadcastReached = reached;
    expect(report!.sent).toBeGreaterThanOrEqual(0.8 * OFFICERS);
    // Failures of the Bot API and of Redis are tried through: no update is given up on.
    figures.parked = await setup.xlen(`${PREFIX}intake-parked:telegram`);
    expect(figures.parked).toBe(0);
  }, 400_000);
});
