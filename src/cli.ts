import { parseArgs } from "node:util";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { ConfigError, parseStorageConfig, type StorageConfig } from "./config.js";
import { createDeps, type Deps } from "./deps.js";
import { AGENCY_KINDS, DirectoryError, loadAgencyDirectory } from "./domain/agencies.js";
import { ConsultantsError, loadConsultants } from "./domain/consultants.js";
import { type Binding, ROLES } from "./domain/roles.js";
import { createLogger } from "./logger.js";
import { connectRedis } from "./redis.js";
import { InviteBindingError } from "./services/invites.js";

/** `npm run cli -- <command>`: what the secretariat does from a terminal or a script. */

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  invite --role officer --agency <agency-id> [--days N]
  invite --role consultant --consultant <consultant-id> [--days N]
  invite --role secretariat [--days N]
      Makes a one-time invite and prints its t.me deep link and its code.
      The code expires after N days (default INVITE_TTL_DAYS, 14).
  consultants
      Lists the consultants of letter 8402 (a phone that is not a valid Vietnamese number is marked)
      and, province by province, who answers its questions now.
  assign --province <province-id> --consultant <consultant-id>|none
      From now on the province's questions go to that consultant (none: to the secretariat).
  agencies [--kind province|ministry]
      Lists the agency directory: id, kind and name.
  agencies check <file>
      Checks that a directory file has the right shape before AGENCIES_FILE points to it.
  help
      Shows this text.

The environment configures the tool as it does the bot: REDIS_URL, REDIS_PREFIX, AGENCIES_FILE, TZ.`;

class UsageError extends Error {}

async function withDeps<T>(config: StorageConfig, work: (deps: Deps) => Promise<T>): Promise<T> {
  const redis = connectRedis(config.redisUrl);
  const directory = loadAgencyDirectory(config.agenciesFile);
  const deps = createDeps({
    redis,
    redisPrefix: config.redisPrefix,
    logger: createLogger("silent"),
    directory,
    consultants: loadConsultants(directory, config.consultantsFile),
    inviteTtlDays: config.inviteTtlDays,
  });
  try {
    return await work(deps);
  } finally {
    await redis.quit();
  }
}

function bindingFrom(values: { role?: string; agency?: string; consultant?: string }): Binding {
  switch (values.role) {
    case "officer":
      if (!values.agency) throw new UsageError("an officer invite needs --agency <agency-id> (see: npm run cli -- agencies)");
      return { role: "officer", agencyId: values.agency };
    case "consultant":
      if (!values.consultant) throw new UsageError("a consultant invite needs --consultant <consultant-id>");
      return { role: "consultant", consultantId: values.consultant };
    case "secretariat":
      return { role: "secretariat" };
    default:
      throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
  }
}

async function invite(config: StorageConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { role: { type: "string" }, agency: { type: "string" }, consultant: { type: "string" }, days: { type: "string" } },
  });
  const binding = bindingFrom(values);
  const days = values.days === undefined ? config.inviteTtlDays : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new UsageError("--days must be a whole number from 1 to 365");
  await withDeps(config, async (deps) => {
    const issued = await deps.invites.issue(binding, deps.now(), days * 24 * 60 * 60 * 1000);
    const username = await deps.redis.get(deps.keys.botUsername);
    const who =
      binding.role === "officer"
        ? `officer of ${deps.directory.get(binding.agencyId)?.name} (${binding.agencyId})`
        : binding.role === "consultant"
          ? `consultant ${binding.consultantId}`
          : "secretariat";
    const until = format(new TZDate(issued.expiresAt, config.timeZone), "yyyy-MM-dd HH:mm");
    console.log(`Invite for ${who}, single use, valid until ${until} (${config.timeZone})`);
    console.log(
      username
        ? `Link: https://t.me/${username}?start=${issued.code}`
        : `Link: https://t.me/<bot>?start=${issued.code}   (start the bot once and its username fills in here)`,
    );
    console.log(`Code: ${issued.displayCode}`);
  });
}

function agencies(config: StorageConfig, args: string[]): void {
  const { values, positionals } = parseArgs({ args, options: { kind: { type: "string" } }, allowPositionals: true });
  if (positionals[0] === "check") {
    const file = positionals[1];
    if (!file) throw new UsageError("agencies check needs the file to check");
    const directory = loadAgencyDirectory(file);
    const count = (kind: (typeof AGENCY_KINDS)[number]) => directory.ofKind(kind).length;
    console.log(`${file} is valid: ${count("province")} provinces, ${count("ministry")} ministries and agencies.`);
    return;
  }
  if (positionals.length > 0) throw new UsageError(`unknown agencies command "${positionals[0]}"`);
  const kind = values.kind;
  if (kind !== undefined && !(AGENCY_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`--kind must be one of ${AGENCY_KINDS.join(", ")}`);
  }
  const directory = loadAgencyDirectory(config.agenciesFile);
  for (const agency of directory.agencies) {
    if (kind === undefined || agency.kind === kind) console.log(`${agency.id}\t${agency.kind}\t${agency.name}`);
  }
}

async function consultants(config: StorageConfig): Promise<void> {
  await withDeps(config, async (deps) => {
    for (const consultant of deps.consultants.consultants) {
      console.log(
        `${consultant.id}\t${consultant.name}\t${consultant.phone}${consultant.phoneSuspect ? "\t(suspect: not a valid Vietnamese number)" : ""}`,
      );
    }
    console.log("");
    for (const province of deps.directory.ofKind("province")) {
      const route = await deps.tickets.consultantOf(province.id);
      console.log(`${province.id}\t${route.consultant ? route.consultant.id : "secretariat"}`);
    }
  });
}

async function assign(config: StorageConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { province: { type: "string" }, consultant: { type: "string" } } });
  if (!values.province || !values.consultant)
    throw new UsageError("assign needs --province <province-id> and --consultant <consultant-id>|none");
  const target = values.consultant === "none" ? null : values.consultant;
  await withDeps(config, async (deps) => {
    const result = await deps.tickets.assignProvince(values.province!, target, `cli:${process.env.USER ?? "unknown"}`, deps.now());
    if (!result.ok) throw new UsageError(result.reason);
    console.log(`From now on the questions of ${values.province} go to ${target ?? "the secretariat"}.`);
  });
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(HELP);
      return;
    case "invite":
      return invite(parseStorageConfig(process.env), rest);
    case "agencies":
      return agencies(parseStorageConfig(process.env), rest);
    case "consultants":
      return consultants(parseStorageConfig(process.env));
    case "assign":
      return assign(parseStorageConfig(process.env), rest);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) console.error(`Configuration error: ${problem}`);
  } else if (
    error instanceof UsageError ||
    error instanceof InviteBindingError ||
    error instanceof DirectoryError ||
    error instanceof ConsultantsError
  ) {
    console.error(`Error: ${error.message}\n\nSee: npm run cli -- help`);
  } else if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
    console.error(`Error: ${error.message}\n\nSee: npm run cli -- help`);
  } else {
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
}
