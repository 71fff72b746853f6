import { BackgroundWork } from "./background.js";
import type { ChannelName } from "./channels/address.js";
import type { FileLinks } from "./channels/file-links.js";
import type { Channel } from "./channels/port.js";
import { AdjustableClock, type Clock, systemClock } from "./clock.js";
import type { AgencyDirectory } from "./domain/agencies.js";
import { type ConsultantDirectory, loadConsultants } from "./domain/consultants.js";
import { type GroupDirectory, loadGroups } from "./domain/groups.js";
import { parseCalendar } from "./domain/working-time.js";
import { type Form, loadForm } from "./form/schema.js";
import type { Outbox } from "./jobs/outbox.js";
import type { Logger } from "./logger.js";
import { timed } from "./metrics.js";
import type { Redis } from "./redis.js";
import { AccessLog } from "./services/access-log.js";
import { STANDING_ROUND } from "./services/active-round.js";
import { ApiTokens } from "./services/api-tokens.js";
import { BroadcastService } from "./services/broadcasts.js";
import { FormCatalog } from "./services/form-catalog.js";
import { InviteService } from "./services/invites.js";
import { LinkService } from "./services/links.js";
import { MembershipService } from "./services/membership.js";
import { ReportingService } from "./services/reporting.js";
import { ReportService } from "./services/reports.js";
import { RoundStandings } from "./services/round-standings.js";
import { RoundService } from "./services/rounds.js";
import { StrangerDoor } from "./services/strangers.js";
import { type TicketPolicy, TicketService, type TicketTimers } from "./services/tickets.js";
import { UpdateReader } from "./services/update-reader.js";
import { WebSessions } from "./services/web-sessions.js";
import { AppliedUpdates } from "./storage/applied-updates.js";
import { AttachmentStore } from "./storage/attachments.js";
import { ComposingStore } from "./storage/composing.js";
import { FormStore } from "./storage/forms.js";
import { InviteStore } from "./storage/invites.js";
import { type Keys, redisKeys } from "./storage/keys.js";
import { MemberStore } from "./storage/members.js";
import { MenuStore } from "./storage/menus.js";
import { ResponseStore } from "./storage/responses.js";
import { RoundStore } from "./storage/rounds.js";
import { TicketStore } from "./storage/tickets.js";
import { UpdateSnapshotStore } from "./storage/update-snapshot.js";

/** What handlers and entry points reach for; built once per process. */
export interface Deps {
  redis: Redis;
  keys: Keys;
  logger: Logger;
  directory: AgencyDirectory;
  members: MemberStore;
  invites: InviteService;
  links: LinkService;
  /** Strangers are told how to join at most once an hour. */
  strangers: StrangerDoor;
  membership: MembershipService;
  appliedUpdates: AppliedUpdates;
  /** Work updates start and need not wait for (src/background.ts). */
  background: BackgroundWork;
  form: Form;
  reporting: ReportingService;
  /** Every agency's answers per round, and their history. */
  responses: ResponseStore;
  consultants: ConsultantDirectory;
  groups: GroupDirectory;
  tickets: TicketService;
  ticketStore: TicketStore;
  composing: ComposingStore;
  /** Questionnaires imported from XLSForm workbooks, every version. */
  forms: FormStore;
  /** The form a round runs: form 488 or an imported one. */
  catalog: FormCatalog;
  /** What an update starts from (applied before? who? writing what? their response), in one round trip. */
  updateReader: UpdateReader;
  rounds: RoundService;
  roundStore: RoundStore;
  broadcasts: BroadcastService;
  reports: ReportService;
  /** Each agency's line in a round, for the console: read again only where a response moved. */
  standings: RoundStandings;
  /** Sign-in links and sessions of the web console. */
  webSessions: WebSessions;
  /** Read-only tokens for the console's JSON API. */
  apiTokens: ApiTokens;
  /** Who exported, downloaded, reviewed, removed, erased or signed in (src/services/access-log.ts). */
  accessLog: AccessLog;
  /** The messengers this process serves, filled as each starts; empty in the CLI. */
  channels: Map<ChannelName, Channel>;
  /** Pictures kept for the other side. */
  attachments: AttachmentStore;
  /** Signed links to the files the bot serves (src/channels/file-links.ts), where it has a public address: set once the process makes them. */
  fileLinks?: FileLinks | undefined;
  /** The queue of messages the bot sends on its own; absent where nothing is sent. */
  outbox: Outbox | undefined;
  clock: Clock;
  /** Where people reach the bot's HTTP server (PUBLIC_URL, else this machine's PORT): links to the console start with it. */
  consoleUrl: string;
  timeZone: string;
  /** Milliseconds since the epoch, from the clock. */
  now: () => number;
}

export interface DepsOptions {
  redis: Redis;
  redisPrefix: string;
  logger: Logger;
  directory: AgencyDirectory;
  inviteTtlDays: number;
  inviteSecret?: string | undefined;
  timeZone?: string;
  form?: Form;
  consultants?: ConsultantDirectory;
  groups?: GroupDirectory;
  /** Office hours and the reminder and escalation limits; Vietnamese office hours, 4 and 8 hours by default. */
  ticketPolicy?: TicketPolicy;
  /** Durable timers for tickets; without them (the CLI) nothing is scheduled. */
  ticketTimers?: TicketTimers;
  /** The system clock, or one kept in Redis that the demo and tests can move (CLOCK=adjustable). */
  clock?: "system" | "adjustable";
  outbox?: Outbox;
  attachments?: { maxBytes: number; retentionDays: number; dailyBytes?: number };
  /** PUBLIC_URL, or http://localhost:<PORT> where none is set. */
  consoleUrl?: string;
}

export function createDeps(options: DepsOptions): Deps {
  const { redis, logger, directory } = options;
  const keys = redisKeys(options.redisPrefix);
  const form = options.form ?? loadForm();
  const timeZone = options.timeZone ?? "Asia/Ho_Chi_Minh";
  const responses = new ResponseStore(redis, keys, (what) => logger.warn({ what }, "stored response data failed its check"));
  const members = new MemberStore(redis, keys, (userId, reason) => logger.warn({ userId, reason }, "member record failed its check"));
  const consultants = options.consultants ?? loadConsultants(directory);
  const ticketStore = new TicketStore(redis, keys);
  const inviteStore = new InviteStore(redis, keys);
  const clock: Clock = options.clock === "adjustable" ? new AdjustableClock(redis, keys.clockOffset) : systemClock;
  const roundStore = new RoundStore(redis, keys);
  const forms = new FormStore(redis, keys);
  const catalog = new FormCatalog(form, forms);
  const rounds = new RoundService(roundStore, directory, catalog, logger);
  const reporting = new ReportingService(
    responses,
    catalog,
    directory,
    timeZone,
    (agencyId, now) => rounds.activeFor(agencyId, now),
    () => clock.now(),
    (agencyId, round) => rounds.earlierFor(agencyId, round),
    async (roundId) => (await rounds.get(roundId)) ?? STANDING_ROUND,
  );
  const ticketPolicy = options.ticketPolicy ?? {
    calendar: parseCalendar(timeZone, "1-5", "07:30-17:00", ""),
    remindHours: 4,
    escalateHours: 8,
  };
  const composing = new ComposingStore(redis, keys);
  const updateReader = new UpdateReader(
    new UpdateSnapshotStore(redis, keys),
    members,
    composing,
    new MenuStore(redis, keys),
    responses,
    rounds,
  );
  const tickets = new TicketService(ticketStore, members, directory, consultants, ticketPolicy, logger, options.ticketTimers);
  const accessLog = new AccessLog(redis, keys);
  // Each form step is timed for /metrics (d06_form_step_seconds), wherever it is called from.
  reporting.step = timed(reporting.step.bind(reporting));
  const webSessions = new WebSessions(redis, keys, accessLog);
  const invites = new InviteService(inviteStore, directory, consultants, {
    ttlDays: options.inviteTtlDays,
    secret: options.inviteSecret,
    members,
    outbox: options.outbox,
    sessions: webSessions,
  });
  return {
    redis,
    keys,
    logger,
    directory,
    members,
    invites,
    links: new LinkService(redis, keys, members, inviteStore),
    strangers: new StrangerDoor(redis, keys),
    membership: new MembershipService(members, directory, invites, webSessions, logger, accessLog, ticketStore),
    appliedUpdates: new AppliedUpdates(redis, keys, responses),
    background: new BackgroundWork(logger),
    form,
    reporting,
    responses,
    consultants,
    groups: options.groups ?? loadGroups(directory),
    tickets,
    ticketStore,
    composing,
    forms,
    catalog,
    updateReader,
    rounds,
    roundStore,
    broadcasts: new BroadcastService(redis, keys, members, directory, tickets, rounds, reporting),
    reports: new ReportService(rounds, responses, members, directory, tickets, catalog, timeZone, accessLog),
    standings: new RoundStandings(responses, catalog),
    webSessions,
    apiTokens: new ApiTokens(redis, keys),
    accessLog,
    outbox: options.outbox,
    channels: new Map(),
    attachments: new AttachmentStore(
      redis,
      keys,
      options.attachments?.maxBytes ?? 5 * 1024 * 1024,
      options.attachments?.retentionDays ?? 180,
      options.attachments?.dailyBytes,
    ),
    clock,
    consoleUrl: (options.consoleUrl ?? "http://localhost:8080").replace(/\/+$/, ""),
    timeZone,
    now: () => clock.now(),
  };
}
