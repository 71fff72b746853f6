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
    async stop() {
      await bot.kill("SIGKILL");
      await emulator.stop();
      await zalo?.stop();
      await store.cleanup();
    },
  };
}
