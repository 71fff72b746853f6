import { FileLinks, serveLinkedFiles } from "./channels/file-links.js";
import type { Config } from "./config.js";
import { createConsole } from "./console/app.js";
import { createDeps } from "./deps.js";
import { loadAgencyDirectory } from "./domain/agencies.js";
import { loadConsultants } from "./domain/consultants.js";
import { loadGroups } from "./domain/groups.js";
import { closeServer, startHttpServer } from "./http-server.js";
import { ParkedUpdates } from "./intake/parked.js";
import { Outbox, WaitingMessages } from "./jobs/outbox.js";
import { Scheduler } from "./jobs/scheduler.js";
import { BullTicketTimers } from "./jobs/ticket-timers.js";
import { createLogger } from "./logger.js";
import { startMetricsServer } from "./metrics.js";
import { connectRedis, isRedisUp, redisTarget } from "./redis.js";
import { broadcastReportText, reminderText, roundOpenedText } from "./services/announcements.js";
import { Retention } from "./services/retention.js";
import { RoundReminders } from "./services/round-reminders.js";
import { deliverTickets } from "./services/ticket-messages.js";
import { indexOpenInvites, migrateToAddresses } from "./storage/migrations.js";
import { requireReplicas } from "./storage/replicas.js";
import { configuredSecret } from "./storage/secrets.js";
import { startTelegram } from "./telegram/start.js";
import { configureTranslations } from "./translation-context.js";
import { startZalo } from "./zalo/start.js";
import { startZaloOa } from "./zalo-oa/start.js";

/**
 * Runs the bot until SIGTERM or SIGINT, on any of Telegram, Zalo's bot and the Zalo OA: each by long
 * polling or by webhook paths on the HTTP server (the OA by webhook only), which serves /health on
 * the configured port in every case.
 */
const GRACEFUL_STOP_MS = 6_000;
const STOP_DEADLINE_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runBot(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const directory = loadAgencyDirectory(config.agenciesFile);
  configureTranslations(config);
  // Which map of the country the rounds run on: the letters' (63 provinces) or today's (AGENCIES_FILE).
  logger.info(
    {
      file: config.agenciesFile ?? "flows/agencies.json",
      provinces: directory.ofKind("province").length,
      ministries: directory.ofKind("ministry").length,
    },
    "agency directory",
  );
  // A URL, or Sentinels (REDIS_SENTINELS) that name the master and are asked again after a failover.
  const target = redisTarget(config);
  const redis = connectRedis(target);
  // REDIS_WAIT_REPLICAS: a form step's save is acknowledged once that many replicas have it.
  requireReplicas(redis, config.redisWait);
  redis.on("error", (error: Error) => logger.warn({ error: error.message }, "redis connection problem"));

  const consultants = loadConsultants(directory, config.consultantsFile);
  // The data is kept as printed; a number that cannot be dialled is worth a look, not a silent fix.
  // Consultant ids are made from names, so the log says how many, not who: the CLI shows which.
  if (consultants.suspects.length) {
    logger.warn(
      { count: consultants.suspects.length },
      "consultant phones that are not valid Vietnamese numbers, kept as printed: see npm run cli -- consultants",
    );
  }
  const timers = new BullTicketTimers(target, config.redisPrefix, logger);
  const outbox = new Outbox(target, config.redisPrefix, logger);
  const scheduler = new Scheduler(target, config.redisPrefix, logger);
  const deps = createDeps({
    redis,
    redisPrefix: config.redisPrefix,
    logger,
    directory,
    consultants,
    groups: loadGroups(directory, config.groupsFile),
    inviteTtlDays: config.inviteTtlDays,
    inviteSecret: config.inviteSecret,
    timeZone: config.timeZone,
    ticketPolicy: { calendar: config.calendar, remindHours: config.ticketRemindHours, escalateHours: config.ticketEscalateHours },
    ticketTimers: timers,
    clock: config.clock,
    outbox,
    attachments: config.attachments,
    consoleUrl: config.publicUrl ?? `http://localhost:${config.port}`,
  });
  const migrated = await migrateToAddresses(redis, deps.keys);
  if (migrated) logger.info({ members: migrated }, "members from before Zalo given their Telegram address");
  const indexed = await indexOpenInvites(redis, deps.keys);
  if (indexed) logger.info({ invites: indexed }, "invites from before /invite list indexed");

  const links = config.publicUrl
    ? new FileLinks(config.publicUrl, await configuredSecret(config.fileLinkSecret, redis, deps.keys.fileLinkSecret))
    : undefined;
  deps.fileLinks = links;
  const telegram = config.botToken ? await startTelegram(config, config.botToken, deps) : undefined;
  const zalo = config.zalo ? await startZalo(config.zalo, config.instanceId, deps, links) : undefined;
  // Messages the OA may not send now (its consultation window) wait here for the person's next message.
  const waiting = new WaitingMessages(redis, deps.keys, logger);
  const zaloOa = config.zaloOa ? await startZaloOa(config.zaloOa, config.instanceId, deps, links, waiting) : undefined;
  const running = [telegram, zalo, zaloOa].filter((channel) => channel !== undefined);
  for (const { channel } of running) deps.channels.set(channel.name, channel);
  const health = async () => {
    const up = await isRedisUp(redis);
    // The OA down (its token refused) does not make the process unhealthy: a restart would not help; it is said.
    const details: Record<string, string> = { redis: up ? "up" : "down", mode: config.mode };
    if (zaloOa && up) details.zaloOa = await zaloOa.health().catch(() => "unknown");
    return { ok: up, details };
  };
  const server = await startHttpServer({
    port: config.port,
    health,
    console: createConsole(deps, { publicUrl: deps.consoleUrl }),
    webhooks: Object.assign({}, ...running.map((channel) => channel.webhooks)),
    ...(links
      ? {
          files: serveLinkedFiles(
            links,
            {
              open: async (reference) => (await deps.attachments.get(reference)) ?? (await telegram?.channel.fetchFile?.(reference)),
              member: (memberId) => deps.members.get(memberId),
              revoked: async (linkId) => (await redis.exists(deps.keys.fileLinkRevoked(linkId))) === 1,
            },
            deps.now,
          ),
        }
      : {}),
  });
  for (const channel of running) await channel.receive();

  timers.start(async (job) => deliverTickets(deps, await deps.tickets.fireTimer(job.ticketId, job.kind, job.waitingSince)));
  outbox.start({
    channels: deps.channels,
    rates: { telegram: config.broadcastRate, zalo: config.zalo?.rate ?? 1, "zalo-oa": config.zaloOa?.rate ?? 1 },
    waiting,
    redis,
    keys: deps.keys,
    members: deps.members,
    delivered: async (message, address, messageIds) => {
      // A Telegram reply to any of a ticket's messages is about that ticket.
      if (message.ticketId === undefined || address.channel !== "telegram") return;
      for (const id of messageIds) await deps.ticketStore.linkMessage(Number(address.id), Number(id), message.ticketId);
    },
    settled: async (message, result) => {
      const report = await deps.broadcasts.settle(message, result);
      if (report?.senderId !== undefined) {
        const language = (await deps.members.get(report.senderId))?.language ?? "vi";
        await outbox.enqueue([
          // One report per sending: the broadcast's, then each resend's (the outbox keeps one message per id).
          {
            id: `report-${report.id}${report.resends ? `-r${report.resends}` : ""}`,
            memberId: report.senderId,
            message: { text: broadcastReportText(language, report, directory) },
          },
        ]);
      }
    },
  });
  const reminders = new RoundReminders(
    deps.rounds,
    deps.roundStore,
    deps.reporting,
    deps.members,
    config.calendar,
    {
      opened: (language, round) => roundOpenedText(language, round, config.timeZone),
      reminder: (language, round, standing, now) => reminderText(language, round, standing, now, config.timeZone),
    },
    (messages) => outbox.enqueue(messages),
    logger,
  );
  const retention = new Retention(
    redis,
    deps.keys,
    deps.rounds,
    new ParkedUpdates(redis, deps.keys),
    { parkedDays: config.parkedRetentionDays, roundDays: config.roundRetentionDays },
    logger,
  );
  // Prometheus's /metrics on a port of its own, not on the public one.
  const metrics = config.metricsPort === undefined ? undefined : await startMetricsServer(config.metricsPort);
  await scheduler.start(config.schedulerTickSeconds, async () => {
    await deps.clock.sync();
    await reminders.tick(deps.now());
    await retention.run(deps.now());
  });
  logger.info(
    {
      mode: config.mode,
      port: config.port,
      telegram: telegram?.botId,
      zalo: zalo ? (config.zalo?.mode.kind ?? "") : undefined,
      zaloOa: zaloOa ? "webhook" : undefined,
      metricsPort: metrics ? (metrics.address() as { port: number }).port : undefined,
      redis: config.redisSentinels ? `sentinel:${config.redisSentinels.name}` : "url",
      waitReplicas: config.redisWait?.replicas,
    },
    "bot started",
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    // Whatever hangs (a Redis that is gone), the process ends within seconds: what was not applied is kept in the intake.
    setTimeout(() => {
      logger.error("not stopped within 10 s; exiting");
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    const graceful = (async () => {
      await Promise.all(running.map((channel) => channel.stop()));
      await deps.background.settled();
      await closeServer(server);
      if (metrics) await closeServer(metrics);
      await Promise.allSettled([scheduler.close(), outbox.close(), timers.close()]);
      await redis.quit();
      return true;
    })().catch(() => true);
    // With Redis gone the steps above wait for it; what was taken in is kept in Redis or comes again.
    const finished = await Promise.race([graceful, sleep(GRACEFUL_STOP_MS).then(() => false)]);
    redis.disconnect();
    logger.info({ waitedForRedis: finished }, "stopped");
    process.exit(0);
  };
  process.once("SIGTERM", (signal) => void stop(signal));
  process.once("SIGINT", (signal) => void stop(signal));
}
