import { Queue } from "bullmq";
import type { Deps, DepsOptions } from "../../src/deps.js";
import type { Binding } from "../../src/domain/roles.js";
import { BotApiEmulator } from "../../src/emulator/bot-api-emulator.js";
import type { FakeUser } from "../../src/emulator/fake-user.js";
import { ZaloApiEmulator } from "../../src/emulator/zalo-api-emulator.js";
import { BotProcess, type BotProcessOptions } from "./bot-process.js";
import { depsFor, type TestRedis, testRedis } from "./redis.js";

/** One end-to-end setting: real Redis keys of the test's own, the emulator, the real bot process. */
export interface E2E {
  store: TestRedis;
  emulator: BotApiEmulator;
  /** Present when started with `zalo: true`. */
  zalo: ZaloApiEmulator | undefined;
  /** The bot's services on the same Redis, for setting up and checking what the process stored. */
  deps: Deps;
  bot: BotProcess;
  /** A new Telegram user who joins by invite; an officer's greeting is read too. */
  join(binding: Binding, name?: string): Promise<FakeUser>;
  /**
   * Resolves once a scheduler tick has run wholly after the call and the outbox has nothing left
   * to send: everything due by now has reached the emulator. The explicit signal a test waits for
   * before it says that nothing (more) was sent.
   */
  quiet(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startE2E(
  options: Omit<BotProcessOptions, "emulator" | "redisUrl" | "prefix" | "zalo"> & {
    /** Zalo beside Telegram, against its own emulator. */
    zalo?: boolean;
    deps?: Partial<DepsOptions>;
    before?: (e2e: Pick<E2E, "store" | "emulator" | "deps">) => Promise<void>;
  } = {},
): Promise<E2E> {
  const store = testRedis();
  const emulator = new BotApiEmulator();
  await emulator.start();
  const deps = depsFor(store, options.deps);
  await options.before?.({ store, emulator, deps });
  const zalo = options.zalo ? new ZaloApiEmulator() : undefined;
  await zalo?.start();
  const { deps: _deps, before: _before, zalo: _zalo, ...processOptions } = options;
  const bot = await BotProcess.start({ ...processOptions, emulator, ...(zalo ? { zalo } : {}), redisUrl: store.url, prefix: store.prefix });
  let nextUserId = 500_000 + Math.floor(Math.random() * 1_000_000) * 10;
  return {
    store,
    emulator,
    zalo,
    deps,
    bot,
    async join(binding, name = "Người dùng") {
      const user = emulator.user({ id: nextUserId++, first_name: name, language_code: "vi" });
      const { code } = await deps.invites.issue(binding, Date.now());
      user.send(`/start ${code}`);
      await user.nextMessage();
      if (binding.role === "officer") await user.nextMessage();
      return user;
    },
    async quiet(timeoutMs = 15_000) {
      const since = Date.now();
      const options = { connection: { url: store.url }, prefix: `${store.prefix}bull` };
      const [scheduler, outbox] = [new Queue("scheduler", options), new Queue("outbox", options)];
      try {
        for (;;) {
          const ticks = await scheduler.getJobs(["completed"], 0, 20);
          const ticked = ticks.some((job) => (job.processedOn ?? 0) >= since && job.finishedOn !== undefined);
          const pending = Object.values(await outbox.getJobCounts("wait", "active", "delayed", "prioritized")).reduce((a, b) => a + b, 0);
          if (ticked && pending === 0) return;
          if (Date.now() - since > timeoutMs) throw new Error(`no quiet within ${timeoutMs} ms: ticked ${ticked}, ${pending} to send`);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      } finally {
        await Promise.all([scheduler.close(), outbox.close()]);
      }
    },
    async stop() {
      await bot.kill("SIGKILL");
      await emulator.stop();
      await zalo?.stop();
      await store.cleanup();
    },
  };
}
