import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "../../src/dev/local-redis.js";
import type { BotApiEmulator } from "../../src/emulator/bot-api-emulator.js";
import type { ZaloApiEmulator } from "../../src/emulator/zalo-api-emulator.js";
import type { ZaloOaEmulator } from "../../src/emulator/zalo-oa-emulator.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { connectRedis } from "../../src/redis.js";

export interface BotProcessOptions {
  /** The Bot API the process talks to: the emulator, or a benchmark's stand-in. */
  emulator: Pick<BotApiEmulator, "token" | "apiRoot">;
  redisUrl: string;
  prefix: string;
  mode?: "polling" | "webhook";
  webhookSecret?: string;
  /** Zalo too, against this emulator: by polling, or by webhook with this secret. */
  zalo?: ZaloApiEmulator;
  zaloWebhookSecret?: string;
  /** The Zalo OA too, against this emulator, whose webhook is pointed at the process. */
  zaloOa?: ZaloOaEmulator;
  /** PUBLIC_URL set to the process's own HTTP server, so files reach Zalo by link. */
  publicUrl?: boolean;
  env?: Record<string, string>;
}

/**
 * The real bot process (`src/main.ts` under tsx) against the emulator and real Redis,
 * as `npm start` runs it, so tests see start-up, signals and crashes as production does.
 */
export class BotProcess {
  private child: ChildProcess | undefined;
  private log = "";

  private constructor(
    private readonly options: BotProcessOptions,
    readonly port: number,
  ) {}

  static async start(options: BotProcessOptions): Promise<BotProcess> {
    const bot = new BotProcess(options, await freePort());
    if (options.zaloOa) options.zaloOa.webhookUrl = bot.zaloOaWebhookUrl;
    await bot.spawn();
    return bot;
  }

  get env(): Record<string, string> {
    const { emulator, redisUrl, prefix, mode = "polling", webhookSecret } = this.options;
    return {
      PATH: process.env.PATH ?? "",
      BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      BOT_MODE: mode,
      PORT: String(this.port),
      LOG_LEVEL: "info",
      ...(mode === "webhook" ? { WEBHOOK_URL: `http://127.0.0.1:${this.port}/telegram/webhook` } : {}),
      ...(webhookSecret ? { WEBHOOK_SECRET: webhookSecret } : {}),
      ...(this.options.zalo ? { ZALO_BOT_TOKEN: this.options.zalo.token, ZALO_API_ROOT: this.options.zalo.apiRoot } : {}),
      ...(this.options.zaloWebhookSecret
        ? {
            ZALO_MODE: "webhook",
            ZALO_WEBHOOK_URL: `http://127.0.0.1:${this.port}/zalo/webhook`,
            ZALO_WEBHOOK_SECRET: this.options.zaloWebhookSecret,
          }
        : {}),
      ...(this.options.zaloOa
        ? {
            ZALO_OA_ID: this.options.zaloOa.oaId,
            ZALO_OA_APP_ID: this.options.zaloOa.appId,
            ZALO_OA_SECRET_KEY: this.options.zaloOa.secretKey,
            ZALO_OA_APP_SECRET: this.options.zaloOa.appSecret,
            ZALO_OA_REFRESH_TOKEN: this.options.zaloOa.firstRefreshToken,
            ZALO_OA_API_ROOT: this.options.zaloOa.apiRoot,
            ZALO_OA_OAUTH_ROOT: this.options.zaloOa.apiRoot,
            ZALO_OA_WEBHOOK_URL: this.zaloOaWebhookUrl,
          }
        : {}),
      ...(this.options.publicUrl ? { PUBLIC_URL: `http://127.0.0.1:${this.port}` } : {}),
      ...this.options.env,
    };
  }

  get output(): string {
    return this.log;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Where the OA's events are posted. */
  get zaloOaWebhookUrl(): string {
    return `http://127.0.0.1:${this.port}/zalo-oa/webhook`;
  }

  get healthUrl(): string {
    return `http://127.0.0.1:${this.port}/health`;
  }

  async spawn(): Promise<void> {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: PROJECT_ROOT,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    const started = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        this.log += chunk.toString();
        if (this.log.includes('"msg":"bot started"')) resolve();
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", (chunk: Buffer) => (this.log += chunk.toString()));
      child.once("exit", (code) => reject(new Error(`bot exited with ${code} before it started:\n${this.log}`)));
      setTimeout(() => reject(new Error(`bot did not start within 20 s:\n${this.log}`)), 20_000);
    });
    await started;
  }

  /**
   * Waits until every update taken in has been applied and acknowledged (the intake streams are
   * empty): a SIGKILL after that cuts no update in half, so nothing is applied again on restart.
   */
  async settled(timeoutMs = 8_000): Promise<void> {
    const redis = connectRedis(this.options.redisUrl);
    try {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const lengths = await Promise.all(
          ["telegram", "zalo", "zalo-oa"].map((channel) => redis.xlen(`${this.options.prefix}intake:${channel}`)),
        );
        if (lengths.every((length) => length === 0)) return;
        if (Date.now() > deadline) throw new Error(`updates still in the intake after ${timeoutMs} ms: ${lengths.join(", ")}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      redis.disconnect();
    }
  }

  /** Sends a signal and waits for the process to end; returns its exit code (null when killed). */
  async kill(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill(signal);
    return exited;
  }

  async restart(): Promise<void> {
    await this.kill("SIGTERM");
    this.log = "";
    await this.spawn();
  }
}
