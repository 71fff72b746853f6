import type { AgencyDirectory } from "./domain/agencies.js";
import { type ConsultantDirectory, loadConsultants } from "./domain/consultants.js";
import { parseCalendar } from "./domain/working-time.js";
import { type Form, loadForm } from "./form/schema.js";
import type { Logger } from "./logger.js";
import type { Redis } from "./redis.js";
import { InviteService } from "./services/invites.js";
import { ReportingService } from "./services/reporting.js";
import { type TicketPolicy, TicketService, type TicketTimers } from "./services/tickets.js";
import { AppliedUpdates } from "./storage/applied-updates.js";
import { InviteStore } from "./storage/invites.js";
import { type Keys, redisKeys } from "./storage/keys.js";
import { MemberStore } from "./storage/members.js";
import { ResponseStore } from "./storage/responses.js";
import { TicketStore } from "./storage/tickets.js";

/** What handlers and entry points reach for; built once per process. */
export interface Deps {
  redis: Redis;
  keys: Keys;
  logger: Logger;
  directory: AgencyDirectory;
  members: MemberStore;
  invites: InviteService;
  appliedUpdates: AppliedUpdates;
  form: Form;
  reporting: ReportingService;
  consultants: ConsultantDirectory;
  tickets: TicketService;
  ticketStore: TicketStore;
  timeZone: string;
  /** Milliseconds since the epoch; replaced in tests that need to move time. */
  now: () => number;
}

export interface DepsOptions {
  redis: Redis;
  redisPrefix: string;
  logger: Logger;
  directory: AgencyDirectory;
  inviteTtlDays: number;
  timeZone?: string;
  form?: Form;
  consultants?: ConsultantDirectory;
  /** Office hours and the reminder and escalation limits; Vietnamese office hours, 4 and 8 hours by default. */
  ticketPolicy?: TicketPolicy;
  /** Durable timers for tickets; without them (the CLI) nothing is scheduled. */
  ticketTimers?: TicketTimers;
  now?: () => number;
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
  const ticketPolicy = options.ticketPolicy ?? {
    calendar: parseCalendar(timeZone, "1-5", "07:30-17:00", ""),
    remindHours: 4,
    escalateHours: 8,
  };
  return {
    redis,
    keys,
    logger,
    directory,
    members,
    invites: new InviteService(new InviteStore(redis, keys), directory, consultants, options.inviteTtlDays),
    appliedUpdates: new AppliedUpdates(redis, keys),
    form,
    reporting: new ReportingService(responses, form, directory, timeZone),
    consultants,
    tickets: new TicketService(ticketStore, members, directory, consultants, ticketPolicy, logger, options.ticketTimers),
    ticketStore,
    timeZone,
    now: options.now ?? Date.now,
  };
}
