import { hostname } from "node:os";
import { z } from "zod";
import { type CalendarError, parseCalendar, type WorkCalendar } from "./domain/working-time.js";

/**
 * The process configuration, parsed once from the environment at start-up.
 * Webhook-only settings exist only on the webhook branch of the union, so code
 * that runs in polling mode cannot reach for them by mistake.
 */

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** What every entry point needs: the bot process and the command-line tool alike. */
const storage = {
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .default("redis://127.0.0.1:6379"),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]+:$/, "must be lowercase letters, digits or '-' ending in ':', e.g. d06:")
    .default("d06:"),
  TZ: z.string().refine(isTimeZone, "must be an IANA time zone, e.g. Asia/Ho_Chi_Minh").default("Asia/Ho_Chi_Minh"),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  AGENCIES_FILE: z.string().optional(),
  CONSULTANTS_FILE: z.string().optional(),
  GROUPS_FILE: z.string().optional(),
  CONTACTS_FILE: z.string().optional(),
  SECRETARIAT_NAME: z.string().max(200, "must be at most 200 characters").default("Cục Chuyển đổi số quốc gia"),
  CLOCK: z.enum(["system", "adjustable"], { error: "must be system or adjustable" }).default("system"),
  /** Read only to refuse what must never run in production. */
  NODE_ENV: z.string().optional(),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number({ error: "must be a number of bytes" })
    .int("must be a whole number of bytes")
    .min(1024, "must be at least 1024 bytes")
    .max(50 * 1024 * 1024, "must be at most 52428800 bytes (50 MiB)")
    .default(5 * 1024 * 1024),
  ATTACHMENT_DAILY_BYTES: z.coerce
    .number({ error: "must be a number of bytes" })
    .int("must be a whole number of bytes")
    .min(1024, "must be at least 1024 bytes")
    .default(50 * 1024 * 1024),
  ATTACHMENT_RETENTION_DAYS: z.coerce
    .number({ error: "must be a number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(3650, "must be at most 3650 days")
    .default(180),
  INVITE_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,256}$/, "must be 32-256 characters of A-Z, a-z, 0-9, _ and - (e.g. openssl rand -hex 32)")
    .optional(),
  INVITE_TTL_DAYS: z.coerce
    .number({ error: "must be a number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(365, "must be at most 365 days")
    .default(14),
  FILE_LINK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,256}$/, "must be 32-256 characters of A-Z, a-z, 0-9, _ and - (e.g. openssl rand -hex 32)")
    .optional(),
  REDIS_SENTINELS: z
    .string()
    .regex(
      /^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/,
      "must be the Sentinels as host:port,host:port (e.g. 10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379)",
    )
    .optional(),
  REDIS_SENTINEL_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, "must be the master's name in the Sentinels' configuration (1-64 characters of A-Z, a-z, 0-9, . _ -)")
    .optional(),
};

const common = {
  ...storage,
  BOT_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/, "must look like a Bot API token (digits, a colon, letters)")
    .optional(),
  ZALO_BOT_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/, "must look like a Zalo Bot token (<bot id>:<secret>)")
    .optional(),
  ZALO_API_ROOT: z
    .url({ error: "must be an http(s) URL, e.g. https://bot-api.zaloplatforms.com" })
    .default("https://bot-api.zaloplatforms.com")
    .transform((url) => url.replace(/\/+$/, "")),
  ZALO_MODE: z.enum(["polling", "webhook"], { error: "must be polling or webhook" }).default("polling"),
  ZALO_WEBHOOK_URL: z.url({ error: "must be the public https URL Zalo posts updates to" }).optional(),
  // Zalo allows 8-256 characters; we ask for 32, as of Telegram's, so that it cannot be guessed.
  ZALO_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,256}$/, "must be 32-256 characters of A-Z, a-z, 0-9, _ and - (e.g. openssl rand -hex 32)")
    .optional(),
  ZALO_RATE: z.coerce
    .number({ error: "must be a number of messages a second" })
    .int("must be a whole number of messages a second")
    .min(1, "must be at least 1 message a second")
    .max(1000, "must be at most 1000 messages a second")
    .default(10),
  ZALO_BOT_URL: z.url({ protocol: /^https$/, error: "must be the https link people open to find the bot" }).optional(),
  ZALO_OA_ID: z
    .string()
    .regex(/^\d{1,32}$/, "must be the Official Account's id, digits only (OA settings)")
    .optional(),
  ZALO_OA_APP_ID: z
    .string()
    .regex(/^\d{1,32}$/, "must be the id of the Zalo app linked to the OA, digits only (Zalo for Developers)")
    .optional(),
  // Zalo's own keys are about 20 characters; shorter would be no key of theirs.
  ZALO_OA_SECRET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,256}$/, "must be the OA secret key that signs webhooks (8-256 characters of A-Z, a-z, 0-9, _ and -)")
    .optional(),
  ZALO_OA_APP_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,256}$/, "must be the app's secret key, for tokens (8-256 characters of A-Z, a-z, 0-9, _ and -)")
    .optional(),
  ZALO_OA_REFRESH_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9._~+/=-]{16,4096}$/, "must be a refresh token as Zalo gives it (16-4096 characters, no spaces)")
    .optional(),
  ZALO_OA_URL: z.url({ protocol: /^https$/, error: "must be the https link people open to follow the Official Account" }).optional(),
  ZALO_OA_API_ROOT: z
    .url({ error: "must be an http(s) URL, e.g. https://openapi.zalo.me" })
    .default("https://openapi.zalo.me")
    .transform((url) => url.replace(/\/+$/, "")),
  ZALO_OA_OAUTH_ROOT: z
    .url({ error: "must be an http(s) URL, e.g. https://oauth.zaloapp.com" })
    .default("https://oauth.zaloapp.com")
    .transform((url) => url.replace(/\/+$/, "")),
  ZALO_OA_WEBHOOK_URL: z.url({ error: "must be the public https URL the OA's webhook posts to" }).optional(),
  ZALO_OA_RATE: z.coerce
    .number({ error: "must be a number of messages a second" })
    .int("must be a whole number of messages a second")
    .min(1, "must be at least 1 message a second")
    .max(60, "must be at most 60 messages a second (Zalo allows an app about 4,000 requests a minute)")
    .default(10),
  TELEGRAM_API_ROOT: z
    .url({ error: "must be an http(s) URL, e.g. https://api.telegram.org" })
    .default("https://api.telegram.org")
    .transform((url) => url.replace(/\/+$/, "")),
  WORK_DAYS: z.string().default("1-5"),
  WORK_HOURS: z.string().default("07:30-17:00"),
  HOLIDAYS: z.string().default(""),
  TICKET_REMIND_HOURS: z.coerce
    .number({ error: "must be a number of working hours" })
    .positive("must be more than 0 working hours")
    .default(4),
  TICKET_ESCALATE_HOURS: z.coerce
    .number({ error: "must be a number of working hours" })
    .positive("must be more than 0 working hours")
    .default(8),
  BROADCAST_RATE: z.coerce
    .number({ error: "must be a number of messages a second" })
    .int("must be a whole number of messages a second")
    .min(1, "must be at least 1 message a second")
    .max(1000, "must be at most 1000 messages a second")
    .default(25),
  /** This process's name among those sharing Redis (the intake's consumer); the host name by default. */
  INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' and '-'")
    .optional(),
  SCHEDULER_TICK_SECONDS: z.coerce
    .number({ error: "must be a number of seconds" })
    .min(0.2, "must be at least 0.2 seconds")
    .max(3600, "must be at most 3600 seconds")
    .default(60),
  PUBLIC_URL: z
    .url({ error: "must be the public http(s) address of this bot's HTTP server, e.g. https://bot.example.gov.vn" })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole port number")
    .min(0, "must be between 0 and 65535")
    .max(65535, "must be between 0 and 65535")
    .default(8080),
  METRICS_PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole port number")
    .min(0, "must be between 0 and 65535")
    .max(65535, "must be between 0 and 65535")
    .optional(),
  REDIS_WAIT_REPLICAS: z.coerce
    .number({ error: "must be a number of replicas" })
    .int("must be a whole number of replicas")
    .min(0, "must be 0 (do not wait) or more")
    .max(10, "must be at most 10")
    .default(0),
  // Below the 5 s every command of the bot's may take (src/redis.ts).
  REDIS_WAIT_TIMEOUT_MS: z.coerce
    .number({ error: "must be a number of milliseconds" })
    .int("must be a whole number of milliseconds")
    .min(10, "must be at least 10 ms")
    .max(4000, "must be at most 4000 ms")
    .default(2000),
  PARKED_RETENTION_DAYS: z.coerce
    .number({ error: "must be a number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(365, "must be at most 365 days")
    .default(7),
  ROUND_RETENTION_DAYS: z.coerce
    .number({ error: "must be a number of days" })
    .int("must be a whole number of days")
    .min(0, "must be 0 (at once) or more days")
    .max(3650, "must be at most 3650 days")
    .default(30),
};

const pollingSchema = z.object({
  ...common,
  BOT_MODE: z.literal("polling"),
});

/** Zalo's settings, when ZALO_BOT_TOKEN turns the channel on. */
export interface ZaloConfig {
  token: string;
  apiRoot: string;
  /** The link people open to find the bot (Zalo has no start payload: invite codes are typed). */
  botUrl: string | undefined;
  /** Messages a second to Zalo, across all processes. */
  rate: number;
  mode: { kind: "polling" } | { kind: "webhook"; url: string; secret: string };
}

/**
 * The ministry's Zalo Official Account, when ZALO_OA_ID turns it on: always by webhook (the OA
 * has no polling), its body signed with the OA secret key, and tokens that rotate (docs/zalo-oa.md).
 */
export interface ZaloOaConfig {
  oaId: string;
  appId: string;
  /** The OA secret key: what the webhook's X-ZEvent-Signature is made with. */
  secretKey: string;
  /** The app's secret: sent as `secret_key` when a token is refreshed. */
  appSecret: string;
  /** The first refresh token, used once to seed Redis (or again when it changes: a new consent). */
  refreshToken: string | undefined;
  apiRoot: string;
  oauthRoot: string;
  webhookUrl: string;
  /** The link people open to follow the OA, for invites to name; without it they are told to look for it. */
  url: string | undefined;
  /** Messages a second to the OA, across all processes. */
  rate: number;
}

const webhookSchema = z.object({
  ...common,
  BOT_MODE: z.literal("webhook"),
  WEBHOOK_URL: z.url({ error: "is required in webhook mode: the public https URL Telegram posts updates to" }),
  // Without a secret anyone who finds the URL can pose as any user; Telegram allows 1-256 characters,
  // we ask for 32 so that it cannot be guessed.
  WEBHOOK_SECRET: z
    .string({ error: "is required in webhook mode: 32-256 characters of A-Z, a-z, 0-9, _ and - (e.g. openssl rand -hex 32)" })
    .regex(/^[A-Za-z0-9_-]{32,256}$/, "must be 32-256 characters of A-Z, a-z, 0-9, _ and - (e.g. openssl rand -hex 32)"),
});

const schema = z.discriminatedUnion("BOT_MODE", [pollingSchema, webhookSchema], {
  error: "must be polling or webhook",
});

type RawConfig = z.infer<typeof schema>;

export interface StorageConfig {
  redisUrl: string;
  redisPrefix: string;
  timeZone: string;
  logLevel: (typeof LOG_LEVELS)[number];
  agenciesFile: string | undefined;
  consultantsFile: string | undefined;
  /** Named groups of agencies (flows/groups.json by default). */
  groupsFile: string | undefined;
  /** The programme's contacts the letters name (flows/contacts.json by default), told in /help. */
  contactsFile: string | undefined;
  /** The body that runs the bot and receives the reports, named in invites, reviews, reminders and broadcasts. */
  secretariatName: string;
  inviteTtlDays: number;
  /** Invite codes are stored as an HMAC under it; without it, one kept in Redis. */
  inviteSecret: string | undefined;
  /** "adjustable" lets the demo and the tests move time; production keeps the system clock. */
  clock: "system" | "adjustable";
  /** Pictures the bot keeps for the other side (from Zalo): their size limit and how long they are kept. */
  attachments: { maxBytes: number; retentionDays: number; dailyBytes: number };
  /** Links to files are signed with it; without it, one kept in Redis. */
  fileLinkSecret: string | undefined;
  /** Where Redis is found when Sentinels watch it: they name the master, REDIS_URL then gives only the password and database. */
  redisSentinels: { sentinels: { host: string; port: number }[]; name: string } | undefined;
}

export interface CommonConfig extends StorageConfig {
  /** Telegram runs when it is set; Zalo's bot when `zalo` is, the Zalo OA when `zaloOa` is. At least one of them. */
  botToken: string | undefined;
  zalo: ZaloConfig | undefined;
  zaloOa: ZaloOaConfig | undefined;
  apiRoot: string;
  port: number;
  /** Where people reach the HTTP server (PORT): files for Zalo are sent as links under it; without it, no links. */
  publicUrl: string | undefined;
  /** When officers' questions count as waiting: Vietnamese office hours by default. */
  calendar: WorkCalendar;
  ticketRemindHours: number;
  ticketEscalateHours: number;
  /** Messages a second the bot sends on its own, across all its processes. */
  broadcastRate: number;
  schedulerTickSeconds: number;
  /** This process's name among those sharing Redis: the intake's consumer, whose pending updates it takes up first on restart. */
  instanceId: string;
  /** A saved answer waits for this many replicas (Redis WAIT) before the officer sees it acknowledged; none when 0. */
  redisWait: { replicas: number; timeoutMs: number } | undefined;
  /** Prometheus's /metrics on a port of its own; none when unset. */
  metricsPort: number | undefined;
  /** Days parked updates are kept (their text redacted after a day). */
  parkedRetentionDays: number;
  /** Days after a round closes when what only its filling needed (the officers' places in its form) is removed. */
  roundRetentionDays: number;
}

export type Config = (CommonConfig & { mode: "polling" }) | (CommonConfig & { mode: "webhook"; webhookUrl: string; webhookSecret: string });

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ConfigError";
  }
}

/** Names the variables this process reads; anything else in the environment is ignored. */
export const CONFIG_VARIABLES = [
  "BOT_TOKEN",
  "ZALO_BOT_TOKEN",
  "ZALO_API_ROOT",
  "ZALO_MODE",
  "ZALO_WEBHOOK_URL",
  "ZALO_WEBHOOK_SECRET",
  "ZALO_RATE",
  "ZALO_BOT_URL",
  "ZALO_OA_ID",
  "ZALO_OA_APP_ID",
  "ZALO_OA_SECRET_KEY",
  "ZALO_OA_APP_SECRET",
  "ZALO_OA_REFRESH_TOKEN",
  "ZALO_OA_URL",
  "ZALO_OA_API_ROOT",
  "ZALO_OA_OAUTH_ROOT",
  "ZALO_OA_WEBHOOK_URL",
  "ZALO_OA_RATE",
  "BOT_MODE",
  "TELEGRAM_API_ROOT",
  "REDIS_URL",
  "REDIS_PREFIX",
  "WEBHOOK_URL",
  "WEBHOOK_SECRET",
  "PORT",
  "PUBLIC_URL",
  "TZ",
  "LOG_LEVEL",
  "AGENCIES_FILE",
  "CONSULTANTS_FILE",
  "GROUPS_FILE",
  "CONTACTS_FILE",
  "SECRETARIAT_NAME",
  "INVITE_TTL_DAYS",
  "INVITE_SECRET",
  "ATTACHMENT_MAX_BYTES",
  "ATTACHMENT_RETENTION_DAYS",
  "ATTACHMENT_DAILY_BYTES",
  "WORK_DAYS",
  "WORK_HOURS",
  "HOLIDAYS",
  "INSTANCE_ID",
  "TICKET_REMIND_HOURS",
  "TICKET_ESCALATE_HOURS",
  "BROADCAST_RATE",
  "SCHEDULER_TICK_SECONDS",
  "CLOCK",
  "FILE_LINK_SECRET",
  "REDIS_SENTINELS",
  "REDIS_SENTINEL_NAME",
  "REDIS_WAIT_REPLICAS",
  "REDIS_WAIT_TIMEOUT_MS",
  "METRICS_PORT",
  "PARKED_RETENTION_DAYS",
  "ROUND_RETENTION_DAYS",
] as const;

/** Empty strings count as missing: `FOO=` in a .env file means "not set". */
function readEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name]?.trim();
    if (value) picked[name] = value;
  }
  picked.BOT_MODE ??= "polling";
  if (env.NODE_ENV?.trim() === "production") picked.NODE_ENV = "production";
  return picked;
}

/** What a variable was set to, fit to print: secrets hidden, a URL's password too. */
export function printable(variable: string, value: string): string {
  if (variable.includes("TOKEN") || variable.includes("SECRET")) return "***";
  return value.replace(/^([a-z]+:\/\/[^:/@]*:)[^@]*@/i, "$1***@");
}

function describe(issue: z.core.$ZodIssue, raw: Record<string, string>): string {
  const variable = String(issue.path[0] ?? "BOT_MODE");
  const got = raw[variable];
  const shown = got === undefined ? "not set" : `got "${printable(variable, got)}"`;
  return `${variable} ${issue.message} (${shown})`;
}

function parseWith<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const raw = readEnv(env);
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => describe(issue, raw)));
  }
  return result.data;
}

/** Parses the bot's environment; throws ConfigError with one line per bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  return toConfig(parseWith(schema, env));
}

/** The part of the configuration the command-line tool needs: it never talks to Telegram. */
export function parseStorageConfig(env: NodeJS.ProcessEnv): StorageConfig {
  return toStorageConfig(parseWith(z.object(storage), env));
}

function toStorageConfig(raw: z.infer<z.ZodObject<typeof storage>>): StorageConfig {
  const problems: string[] = [];
  if (raw.CLOCK === "adjustable" && raw.NODE_ENV === "production") {
    problems.push('CLOCK must be system when NODE_ENV is production: an adjustable clock is for the demo and the tests (got "adjustable")');
  }
  // In production a copy of Redis must reveal neither the invite codes nor a way to forge file links.
  if (raw.NODE_ENV === "production") {
    if (!raw.INVITE_SECRET)
      problems.push("INVITE_SECRET is required when NODE_ENV is production: 32-256 characters (e.g. openssl rand -hex 32) (not set)");
    if (!raw.FILE_LINK_SECRET)
      problems.push("FILE_LINK_SECRET is required when NODE_ENV is production: 32-256 characters (e.g. openssl rand -hex 32) (not set)");
  }
  if (raw.REDIS_SENTINELS && !raw.REDIS_SENTINEL_NAME) {
    problems.push("REDIS_SENTINEL_NAME is required with REDIS_SENTINELS: the master's name in the Sentinels' configuration (not set)");
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    redisUrl: raw.REDIS_URL,
    redisPrefix: raw.REDIS_PREFIX,
    timeZone: raw.TZ,
    logLevel: raw.LOG_LEVEL,
    agenciesFile: raw.AGENCIES_FILE,
    consultantsFile: raw.CONSULTANTS_FILE,
    groupsFile: raw.GROUPS_FILE,
    contactsFile: raw.CONTACTS_FILE,
    secretariatName: raw.SECRETARIAT_NAME,
    inviteTtlDays: raw.INVITE_TTL_DAYS,
    inviteSecret: raw.INVITE_SECRET,
    clock: raw.CLOCK,
    attachments: {
      maxBytes: raw.ATTACHMENT_MAX_BYTES,
      retentionDays: raw.ATTACHMENT_RETENTION_DAYS,
      dailyBytes: raw.ATTACHMENT_DAILY_BYTES,
    },
    fileLinkSecret: raw.FILE_LINK_SECRET,
    redisSentinels:
      raw.REDIS_SENTINELS && raw.REDIS_SENTINEL_NAME
        ? {
            sentinels: raw.REDIS_SENTINELS.split(",").map((entry) => {
              const at = entry.lastIndexOf(":");
              return { host: entry.slice(0, at), port: Number(entry.slice(at + 1)) };
            }),
            name: raw.REDIS_SENTINEL_NAME,
          }
        : undefined,
  };
}

function toConfig(raw: RawConfig): Config {
  let calendar: WorkCalendar;
  try {
    calendar = parseCalendar(raw.TZ, raw.WORK_DAYS, raw.WORK_HOURS, raw.HOLIDAYS);
  } catch (error) {
    throw new ConfigError([(error as CalendarError).message]);
  }
  if (!raw.BOT_TOKEN && !raw.ZALO_BOT_TOKEN && !raw.ZALO_OA_ID) {
    throw new ConfigError([
      "BOT_TOKEN is required: the token @BotFather gave the bot (or ZALO_BOT_TOKEN, or ZALO_OA_ID, for Zalo only) (not set)",
    ]);
  }
  const zalo = zaloConfig(raw);
  const zaloOa = zaloOaConfig(raw);
  if (raw.TICKET_ESCALATE_HOURS <= raw.TICKET_REMIND_HOURS) {
    throw new ConfigError([
      `TICKET_ESCALATE_HOURS must be more than TICKET_REMIND_HOURS (got ${raw.TICKET_ESCALATE_HOURS} and ${raw.TICKET_REMIND_HOURS})`,
    ]);
  }
  const common: CommonConfig = {
    ...toStorageConfig(raw),
    botToken: raw.BOT_TOKEN,
    zalo,
    zaloOa,
    apiRoot: raw.TELEGRAM_API_ROOT,
    port: raw.PORT,
    publicUrl: raw.PUBLIC_URL,
    calendar,
    ticketRemindHours: raw.TICKET_REMIND_HOURS,
    ticketEscalateHours: raw.TICKET_ESCALATE_HOURS,
    broadcastRate: raw.BROADCAST_RATE,
    schedulerTickSeconds: raw.SCHEDULER_TICK_SECONDS,
    instanceId: raw.INSTANCE_ID ?? hostname(),
    redisWait: raw.REDIS_WAIT_REPLICAS > 0 ? { replicas: raw.REDIS_WAIT_REPLICAS, timeoutMs: raw.REDIS_WAIT_TIMEOUT_MS } : undefined,
    metricsPort: raw.METRICS_PORT,
    parkedRetentionDays: raw.PARKED_RETENTION_DAYS,
    roundRetentionDays: raw.ROUND_RETENTION_DAYS,
  };
  if (raw.BOT_MODE === "webhook") {
    return { ...common, mode: "webhook", webhookUrl: raw.WEBHOOK_URL, webhookSecret: raw.WEBHOOK_SECRET };
  }
  return { ...common, mode: "polling" };
}

function zaloConfig(raw: RawConfig): ZaloConfig | undefined {
  if (!raw.ZALO_BOT_TOKEN) return undefined;
  const base = { token: raw.ZALO_BOT_TOKEN, apiRoot: raw.ZALO_API_ROOT, botUrl: raw.ZALO_BOT_URL, rate: raw.ZALO_RATE };
  if (raw.ZALO_MODE === "polling") return { ...base, mode: { kind: "polling" } };
  const problems = [
    ...(raw.ZALO_WEBHOOK_URL
      ? []
      : ["ZALO_WEBHOOK_URL is required when ZALO_MODE is webhook: the public https URL Zalo posts to (not set)"]),
    ...(raw.ZALO_WEBHOOK_SECRET
      ? []
      : ["ZALO_WEBHOOK_SECRET is required when ZALO_MODE is webhook: 32-256 characters of A-Z, a-z, 0-9, _ and - (not set)"]),
  ];
  if (problems.length || !raw.ZALO_WEBHOOK_URL || !raw.ZALO_WEBHOOK_SECRET) throw new ConfigError(problems);
  return { ...base, mode: { kind: "webhook", url: raw.ZALO_WEBHOOK_URL, secret: raw.ZALO_WEBHOOK_SECRET } };
}

/** The OA's settings: all or nothing once ZALO_OA_ID is set, one line for each that is missing. */
function zaloOaConfig(raw: RawConfig): ZaloOaConfig | undefined {
  if (!raw.ZALO_OA_ID) return undefined;
  const required = {
    ZALO_OA_APP_ID: "the id of the Zalo app linked to the OA (Zalo for Developers)",
    ZALO_OA_SECRET_KEY: "the OA secret key that signs webhooks (the app's Official Account settings)",
    ZALO_OA_APP_SECRET: "the app's secret key, to refresh tokens (Zalo for Developers)",
    ZALO_OA_WEBHOOK_URL: "the public https URL the OA's webhook posts to",
  } as const;
  const problems = Object.entries(required)
    .filter(([variable]) => !raw[variable as keyof typeof required])
    .map(([variable, what]) => `${variable} is required when ZALO_OA_ID is set: ${what} (not set)`);
  const { ZALO_OA_APP_ID: appId, ZALO_OA_SECRET_KEY: secretKey, ZALO_OA_APP_SECRET: appSecret, ZALO_OA_WEBHOOK_URL: webhookUrl } = raw;
  if (problems.length || !appId || !secretKey || !appSecret || !webhookUrl) throw new ConfigError(problems);
  // One path, one messenger: the server would give the path to one of them only.
  const path = new URL(webhookUrl).pathname;
  const others = [raw.BOT_MODE === "webhook" ? raw.WEBHOOK_URL : undefined, raw.ZALO_MODE === "webhook" ? raw.ZALO_WEBHOOK_URL : undefined];
  if (others.some((other) => other !== undefined && new URL(other).pathname === path))
    throw new ConfigError([`ZALO_OA_WEBHOOK_URL must have a path of its own, not another messenger's webhook path (got "${path}")`]);
  return {
    oaId: raw.ZALO_OA_ID,
    appId,
    secretKey,
    appSecret,
    refreshToken: raw.ZALO_OA_REFRESH_TOKEN,
    apiRoot: raw.ZALO_OA_API_ROOT,
    oauthRoot: raw.ZALO_OA_OAUTH_ROOT,
    webhookUrl,
    url: raw.ZALO_OA_URL,
    rate: raw.ZALO_OA_RATE,
  };
}
