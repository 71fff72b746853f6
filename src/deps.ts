import type { AgencyDirectory } from "./domain/agencies.js";
import { type Form, loadForm } from "./form/schema.js";
import type { Logger } from "./logger.js";
import type { Redis } from "./redis.js";
import { InviteService } from "./services/invites.js";
import { ReportingService } from "./services/reporting.js";
import { AppliedUpdates } from "./storage/applied-updates.js";
import { InviteStore } from "./storage/invites.js";
import { type Keys, redisKeys } from "./storage/keys.js";
import { MemberStore } from "./storage/members.js";
import { ResponseStore } from "./storage/responses.js";

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
  now?: () => number;
}

export function createDeps(options: DepsOptions): Deps {
  const { redis, logger, directory } = options;
  const keys = redisKeys(options.redisPrefix);
  const form = options.form ?? loadForm();
  const timeZone = options.timeZone ?? "Asia/Ho_Chi_Minh";
  const responses = new ResponseStore(redis, keys, (what) => logger.warn({ what }, "stored response data failed its check"));
  return {
    redis,
    keys,
    logger,
    directory,
    members: new MemberStore(redis, keys, (userId, reason) => logger.warn({ userId, reason }, "member record failed its check")),
    invites: new InviteService(new InviteStore(redis, keys), directory, options.inviteTtlDays),
    appliedUpdates: new AppliedUpdates(redis, keys),
    form,
    reporting: new ReportingService(responses, form, directory, timeZone),
    timeZone,
    now: options.now ?? Date.now,
  };
}
