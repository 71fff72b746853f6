import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, parseStorageConfig } from "../../src/config.js";

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("parseConfig", () => {
  it("fills the defaults in polling mode", () => {
    const { calendar, ...rest } = parseConfig({ BOT_TOKEN: "123:abc" }) as ReturnType<typeof parseConfig> & { calendar: unknown };
    expect(calendar).toMatchObject({ timeZone: "Asia/Ho_Chi_Minh", start: 450, end: 1020, days: new Set([1, 2, 3, 4, 5]) });
    expect(rest).toEqual({
      mode: "polling",
      botToken: "123:abc",
      apiRoot: "https://api.telegram.org",
      redisUrl: "redis://127.0.0.1:6379",
      redisPrefix: "d06:",
      port: 8080,
      timeZone: "Asia/Ho_Chi_Minh",
      logLevel: "info",
      agenciesFile: undefined,
      consultantsFile: undefined,
      contactsFile: undefined,
      secretariatName: "Cục Chuyển đổi số quốc gia",
      inviteTtlDays: 14,
      ticketRemindHours: 4,
      ticketEscalateHours: 8,
      broadcastRate: 25,
      schedulerTickSeconds: 60,
      instanceId: hostname(),
      clock: "system",
      attachments: { maxBytes: 5 * 1024 * 1024, retentionDays: 180, dailyBytes: 50 * 1024 * 1024 },
      fileLinkSecret: undefined,
      redisSentinels: undefined,
      redisWait: undefined,
      metricsPort: undefined,
      parkedRetentionDays: 7,
      roundRetentionDays: 30,
    });
  });

  it("names the process by INSTANCE_ID, and refuses a name that cannot be a consumer's", () => {
    expect(parseConfig({ BOT_TOKEN: "123:abc", INSTANCE_ID: "bot-2" }).instanceId).toBe("bot-2");
    expect(problemsOf({ BOT_TOKEN: "123:abc", INSTANCE_ID: "bot 2" })).toEqual([
      "INSTANCE_ID must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' and '-' (got \"bot 2\")",
    ]);
  });

  it("reads webhook settings only in webhook mode", () => {
    const config = parseConfig({
      BOT_TOKEN: "1:a",
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.vn/tg",
      WEBHOOK_SECRET: "abc_DEF-1".repeat(4),
      PORT: "3000",
    });
    expect(config).toMatchObject({
      mode: "webhook",
      webhookUrl: "https://bot.example.vn/tg",
      webhookSecret: "abc_DEF-1".repeat(4),
      port: 3000,
    });
  });

  it("trims a trailing slash from the API root", () => {
    expect(parseConfig({ BOT_TOKEN: "1:a", TELEGRAM_API_ROOT: "http://127.0.0.1:8081/" }).apiRoot).toBe("http://127.0.0.1:8081");
  });

  it.each([
    [{}, /^BOT_TOKEN is required.*ZALO_BOT_TOKEN.*\(not set\)$/],
    [{ BOT_TOKEN: "" }, /^BOT_TOKEN is required/],
    [{ BOT_TOKEN: "1:a", BOT_MODE: "poll" }, /^BOT_MODE must be polling or webhook \(got "poll"\)$/],
    [{ BOT_TOKEN: "1:a", BOT_MODE: "webhook", WEBHOOK_SECRET: "s".repeat(32) }, /^WEBHOOK_URL is required in webhook mode/],
    [{ BOT_TOKEN: "1:a", BOT_MODE: "webhook", WEBHOOK_URL: "https://x.vn/a" }, /^WEBHOOK_SECRET is required in webhook mode/],
    [
      { BOT_TOKEN: "1:a", BOT_MODE: "webhook", WEBHOOK_URL: "https://x.vn/a", WEBHOOK_SECRET: "has space".repeat(4) },
      /^WEBHOOK_SECRET must be 32-256 characters/,
    ],
    [
      { BOT_TOKEN: "1:a", BOT_MODE: "webhook", WEBHOOK_URL: "https://x.vn/a", WEBHOOK_SECRET: "short_but_valid_chars" },
      /^WEBHOOK_SECRET must be 32-256 characters/,
    ],
    [{ BOT_TOKEN: "1:a", REDIS_URL: "localhost:6379" }, /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL \(got "localhost:6379"\)$/],
    [{ BOT_TOKEN: "1:a", PORT: "eighty" }, /^PORT must be a port number/],
    [{ BOT_TOKEN: "1:a", PORT: "70000" }, /^PORT must be between 0 and 65535/],
    [{ BOT_TOKEN: "1:a", TZ: "Mars/Olympus" }, /^TZ must be an IANA time zone/],
    [{ BOT_TOKEN: "1:a", LOG_LEVEL: "loud" }, /^LOG_LEVEL must be one of fatal, error/],
    [{ BOT_TOKEN: "1:a", TELEGRAM_API_ROOT: "not a url" }, /^TELEGRAM_API_ROOT must be an http\(s\) URL/],
    [{ BOT_TOKEN: "1:a", INVITE_TTL_DAYS: "0" }, /^INVITE_TTL_DAYS must be at least 1 day/],
    [{ BOT_TOKEN: "1:a", WORK_HOURS: "17:00-07:30" }, /^WORK_HOURS must start before it ends/],
    [
      { BOT_TOKEN: "1:a", TICKET_REMIND_HOURS: "8", TICKET_ESCALATE_HOURS: "4" },
      /^TICKET_ESCALATE_HOURS must be more than TICKET_REMIND_HOURS/,
    ],
  ])("names the variable and what it expects: %j", (env, expected) => {
    const problems = problemsOf(env as Record<string, string>);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it("never prints a secret's value", () => {
    const [problem] = problemsOf({ BOT_TOKEN: "1:a", BOT_MODE: "webhook", WEBHOOK_URL: "https://x.vn/a", WEBHOOK_SECRET: "bad secret!" });
    expect(problem).not.toContain("bad secret");
  });

  it("refuses the adjustable clock in production, and never prints a Redis password", () => {
    const secrets = { INVITE_SECRET: "i".repeat(32), FILE_LINK_SECRET: "f".repeat(32) };
    expect(problemsOf({ BOT_TOKEN: "1:a", CLOCK: "adjustable", NODE_ENV: "production", ...secrets })).toEqual([
      expect.stringMatching(/^CLOCK must be system when NODE_ENV is production/),
    ]);
    expect(parseConfig({ BOT_TOKEN: "1:a", CLOCK: "adjustable" }).clock).toBe("adjustable");
    const [problem] = problemsOf({ BOT_TOKEN: "1:a", REDIS_URL: "http://bot:s3cr3t-pw@redis.internal:6379" });
    expect(problem).toBe('REDIS_URL must be a redis:// or rediss:// URL (got "http://bot:***@redis.internal:6379")');
  });

  it("takes only https links for people to open (they are shown as links on the console)", () => {
    expect(problemsOf({ BOT_TOKEN: "1:a", ZALO_OA_URL: "javascript:alert(1)", ZALO_BOT_URL: "http://zalo.me/x" })).toEqual([
      expect.stringMatching(/^ZALO_BOT_URL must be the https link/),
      expect.stringMatching(/^ZALO_OA_URL must be the https link/),
    ]);
    expect(problemsOf({ BOT_TOKEN: "1:a", ZALO_OA_URL: "https://zalo.me/123", ZALO_BOT_URL: "https://zalo.me/x" })).toEqual([]);
  });

  it("gives one line per bad variable", () => {
    expect(problemsOf({ BOT_TOKEN: "1:a", PORT: "x", LOG_LEVEL: "y" })).toHaveLength(2);
  });

  it("runs Zalo alone, without a Telegram token", () => {
    expect(parseConfig({ ZALO_BOT_TOKEN: "123:zsecret" })).toMatchObject({
      botToken: undefined,
      zalo: { token: "123:zsecret", apiRoot: "https://bot-api.zaloplatforms.com", rate: 10, mode: { kind: "polling" } },
    });
  });

  it("needs INVITE_SECRET and FILE_LINK_SECRET in production, one line each, for the bot and the command line", () => {
    expect(problemsOf({ BOT_TOKEN: "1:a", NODE_ENV: "production" })).toEqual([
      "INVITE_SECRET is required when NODE_ENV is production: 32-256 characters (e.g. openssl rand -hex 32) (not set)",
      "FILE_LINK_SECRET is required when NODE_ENV is production: 32-256 characters (e.g. openssl rand -hex 32) (not set)",
    ]);
    expect(() => parseStorageConfig({ NODE_ENV: "production", INVITE_SECRET: "i".repeat(32) })).toThrow(/^FILE_LINK_SECRET is required/);
    const config = parseConfig({
      BOT_TOKEN: "1:a",
      NODE_ENV: "production",
      INVITE_SECRET: "i".repeat(32),
      FILE_LINK_SECRET: "f".repeat(40),
    });
    expect(config).toMatchObject({ inviteSecret: "i".repeat(32), fileLinkSecret: "f".repeat(40) });
    expect(problemsOf({ BOT_TOKEN: "1:a", FILE_LINK_SECRET: "short" })).toEqual([
      expect.stringMatching(/^FILE_LINK_SECRET must be 32-256 characters/),
    ]);
    // Outside production the secrets kept in Redis do.
    expect(problemsOf({ BOT_TOKEN: "1:a" })).toEqual([]);
  });

  it("follows Sentinels when REDIS_SENTINELS names them, with the master's name", () => {
    expect(
      parseStorageConfig({ REDIS_SENTINELS: "10.0.0.1:26379,sentinel-2.internal:26380", REDIS_SENTINEL_NAME: "d06" }).redisSentinels,
    ).toEqual({
      sentinels: [
        { host: "10.0.0.1", port: 26379 },
        { host: "sentinel-2.internal", port: 26380 },
      ],
      name: "d06",
    });
    expect(() => parseStorageConfig({ REDIS_SENTINELS: "10.0.0.1:26379" })).toThrow(
      /^REDIS_SENTINEL_NAME is required with REDIS_SENTINELS/,
    );
    expect(problemsOf({ BOT_TOKEN: "1:a", REDIS_SENTINELS: "10.0.0.1", REDIS_SENTINEL_NAME: "d06" })).toEqual([
      expect.stringMatching(/^REDIS_SENTINELS must be the Sentinels as host:port,host:port/),
    ]);
  });

  it("reads the replicas a save waits for, the metrics port and the retention periods", () => {
    expect(parseConfig({ BOT_TOKEN: "1:a", REDIS_WAIT_REPLICAS: "1" }).redisWait).toEqual({ replicas: 1, timeoutMs: 2000 });
    expect(parseConfig({ BOT_TOKEN: "1:a", REDIS_WAIT_REPLICAS: "0" }).redisWait).toBeUndefined();
    expect(problemsOf({ BOT_TOKEN: "1:a", REDIS_WAIT_TIMEOUT_MS: "6000" })).toEqual([
      expect.stringMatching(/^REDIS_WAIT_TIMEOUT_MS must be at most 4000 ms/),
    ]);
    expect(parseConfig({ BOT_TOKEN: "1:a", METRICS_PORT: "9464", PARKED_RETENTION_DAYS: "3", ROUND_RETENTION_DAYS: "0" })).toMatchObject({
      metricsPort: 9464,
      parkedRetentionDays: 3,
      roundRetentionDays: 0,
    });
  });

  it("needs Zalo's webhook URL and a secret of 32-256 characters in Zalo webhook mode", () => {
    expect(problemsOf({ ZALO_BOT_TOKEN: "1:z", ZALO_MODE: "webhook" })).toEqual([
      expect.stringMatching(/^ZALO_WEBHOOK_URL is required when ZALO_MODE is webhook/),
      expect.stringMatching(/^ZALO_WEBHOOK_SECRET is required when ZALO_MODE is webhook/),
    ]);
    expect(
      problemsOf({ ZALO_BOT_TOKEN: "1:z", ZALO_MODE: "webhook", ZALO_WEBHOOK_URL: "https://x.vn/z", ZALO_WEBHOOK_SECRET: "short" }),
    ).toEqual([expect.stringMatching(/^ZALO_WEBHOOK_SECRET must be 32-256 characters/)]);
    // Zalo takes 8; a secret that short could be guessed.
    expect(
      problemsOf({ ZALO_BOT_TOKEN: "1:z", ZALO_MODE: "webhook", ZALO_WEBHOOK_URL: "https://x.vn/z", ZALO_WEBHOOK_SECRET: "secret-1" }),
    ).toEqual([expect.stringMatching(/^ZALO_WEBHOOK_SECRET must be 32-256 characters/)]);
    const secret = "zalo_secret-".repeat(3);
    expect(
      parseConfig({ ZALO_BOT_TOKEN: "1:z", ZALO_MODE: "webhook", ZALO_WEBHOOK_URL: "https://x.vn/z", ZALO_WEBHOOK_SECRET: secret }).zalo
        ?.mode,
    ).toEqual({ kind: "webhook", url: "https://x.vn/z", secret });
  });

  it("names the body that runs the bot by SECRETARIAT_NAME, for the bot and the command line", () => {
    expect(parseConfig({ BOT_TOKEN: "123:abc", SECRETARIAT_NAME: "Sở Khoa học và Công nghệ tỉnh Lào Cai" }).secretariatName).toBe(
      "Sở Khoa học và Công nghệ tỉnh Lào Cai",
    );
    expect(parseStorageConfig({ SECRETARIAT_NAME: "  " }).secretariatName).toBe("Cục Chuyển đổi số quốc gia");
    expect(() => parseStorageConfig({ SECRETARIAT_NAME: "x".repeat(201) })).toThrow("SECRETARIAT_NAME must be at most 200 characters");
  });

  it("lets the command-line tool run without a bot token", () => {
    expect(parseStorageConfig({ REDIS_PREFIX: "x1:" })).toMatchObject({ redisPrefix: "x1:", redisUrl: "redis://127.0.0.1:6379" });
  });
});
