import { createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { z } from "zod";
import { MigrateError, migrateAgencies, undoAgencies } from "./agencies-migrate.js";
import { FileLinks } from "./channels/file-links.js";
import type { AdjustableClock } from "./clock.js";
import { ConfigError, parseStorageConfig, type StorageConfig } from "./config.js";
import { createDeps, type Deps } from "./deps.js";
import { AGENCY_KINDS, DirectoryError, loadAgencyDirectory } from "./domain/agencies.js";
import { ConsultantsError, loadConsultants } from "./domain/consultants.js";
import { GroupsError, loadGroups } from "./domain/groups.js";
import { isRefusal, type Refusal } from "./domain/refusal.js";
import { type Binding, ROLES } from "./domain/roles.js";
import { parseLocalDateTime, parseTarget, planSchema, type Round, targetSchema } from "./domain/rounds.js";
import { loadTasks, TasksError, taskLine } from "./domain/tasks.js";
import { loadEnvFile } from "./env-file.js";
import { translatorFor } from "./i18n.js";
import { ParkedUpdates } from "./intake/parked.js";
import { Outbox } from "./jobs/outbox.js";
import { createLogger } from "./logger.js";
import { connectRedis, redisTarget } from "./redis.js";
import { writeSummaryCsv, writeWorkbook } from "./reports/workbook.js";
import { queueBroadcast, resendBroadcast } from "./services/broadcast-queue.js";
import { describeForm, exportWorkbook, importWorkbook } from "./services/form-imports.js";
import { InviteBindingError } from "./services/invites.js";
import type { RoundOutcome } from "./services/rounds.js";
import { migrateToAddresses } from "./storage/migrations.js";
import { configuredSecret } from "./storage/secrets.js";
import { configureTranslations } from "./translation-context.js";
import { refusalText } from "./views.js";

/** `npm run cli -- <command>`: what the secretariat does from a terminal or a script. */

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  invite --role officer --agency <agency id or name> [--days N]
  invite --role consultant --consultant <consultant-id> [--days N]
  invite --role secretariat [--days N]
      Makes a one-time invite and prints its t.me deep link, its code, and how to join on Zalo.
      The code expires after N days (default INVITE_TTL_DAYS, 14).
  consultants
      Lists the consultants of letter 8402 (a phone that is not a valid Vietnamese number is marked)
      and, province by province, who answers its questions now.
  assign --province <province-id> --consultant <consultant-id>|none
      From now on the province's questions go to that consultant (none: to the secretariat).
  round create --name <name> --deadline "<yyyy-mm-dd hh:mm>" [--opens "<…>"] [--targets all|provinces|ministries|<ids,…>]
               [--form <form-id>]   (form 488 by default; an imported form runs its latest version)
               [--id <id>] [--remind-days 7,3,1] [--remind-time 08:30] [--no-after-deadline]
  round list
  round extend <round-id> --deadline "<yyyy-mm-dd hh:mm>"
  round close <round-id>
  round reopen <round-id>
  round load <file>
      Reporting rounds; dates are local (TZ). "load" creates the rounds of a JSON file, e.g. the
      letters of the seeds: flows/rounds-seed.json.
  broadcast --to <target> --text <text> [--wait <seconds>]
      Queues a message to: everyone, provinces, ministries, not-submitted:<round-id>,
      consultant:<consultant-id> or agencies:<id,id,…>; the running bot sends it. Prints the
      delivery report when all is sent (waits up to --wait seconds, default 600).
  broadcast resend <broadcast-id> [--wait <seconds>]
      Sends a broadcast again to the recipients it did not reach (blocked or failed), each once,
      and prints the delivery report as above.
  export --round <round-id> --out <file.xlsx> [--csv <file.csv>]
      The consolidated report of a round: summary, one sheet per agency like the appendix table,
      systems, proposals; and the summary as CSV.
  form import <file.xlsx>
      Checks an XLSForm workbook (survey, choices, settings sheets) and keeps it as a new version of
      its form; or lists every problem by sheet, row and column. The subset is in the README.
  form list
      The forms and their versions: the built-in form 488, then the imported ones.
  form export <form-id> <file.xlsx>
      The form a new round would run, as an XLSForm workbook to change in Excel and import again
      (raise its version); flows/form-488.xlsx is form 488's.
  clock --set "<yyyy-mm-dd hh:mm>" | --reset
      With CLOCK=adjustable (the demo, tests): moves "now" for every bot process on this Redis.
  member list [--agency <agency-id>]
      Members, one a line: member id, role, agency or consultant, addresses (telegram:<id>, zalo:<id>).
  member remove <member-id>
      Takes access away at once (role, lists, places in forms, what they were writing); their past
      answers stay, attributed to them; the running bot tells them in one line.
  member erase <member-id>
      Removes the person's personal data everywhere (removing them first if they are a member):
      their name, position, phone, e-mail and addresses in every removal record, what is kept by
      their addresses, the name on their questions. The agency's report stays; what they answered
      reads "a former member".
  access-log [--since <yyyy-mm-dd[ hh:mm]> | <N>d | <N>h]
      Who exported, downloaded, reviewed, removed, erased or signed in to the console, and when
      (member ids, no names); the last 7 days by default.
  intake parked list
  intake parked retry <id>
  intake parked drop <id>
      Updates the bot gave up on: listed (no text: it is redacted), put back into their
      messenger's intake (within a day of parking, while the whole update is kept), or dropped.
  file-link revoke <link>
      Stops a link to a file the bot sent (a workbook, a picture) from working before it expires.
  agencies [--kind province|ministry]
      Lists the agency directory: id, kind and name.
  agencies check <file>
      Checks that a directory file has the right shape before AGENCIES_FILE points to it.
  agencies migrate --to <file> --dry-run
  agencies migrate --to <file> [--backup <file>]
  agencies migrate --undo <backup file>
      Moves this deployment to another directory (flows/agencies-2025.json: today's 34 provinces and
      the ministries of 2025): officers, reports of every round, their history, questions, open
      invites and rounds' lists follow each old agency to the one that took it in. The dry run says
      what moves; without it, every key it changes is first written to a backup file, which --undo
      puts back exactly. Stop the bot first; start it again with AGENCIES_FILE set to the new file.
  tasks [--file <file>]
      The dated tasks the letters set that are not reporting rounds (letter 452's, 8402's security
      checks and report, the third reminder's 100% by June 2023): flows/tasks-seed.json.
  help
      Shows this text.

The environment configures the tool as it does the bot: REDIS_URL (or REDIS_SENTINELS and
REDIS_SENTINEL_NAME), REDIS_PREFIX, AGENCIES_FILE, TZ; a .env beside the project is read first.`;

class UsageError extends Error {}

/** A service's refusal (src/domain/refusal.ts) as the command line says it: in English, as the rest of it. */
const refusalError = (refusal: Refusal, hint = ""): UsageError => new UsageError(`${refusalText(translatorFor("en"), refusal)}${hint}`);

/** Who the command line acts as, in the access log and the records of removals. */
const operator = (): string => `cli:${process.env.USER ?? "unknown"}`;

async function withDeps<T>(config: StorageConfig, work: (deps: Deps) => Promise<T>, outbox?: Outbox): Promise<T> {
  const redis = connectRedis(redisTarget(config));
  const directory = loadAgencyDirectory(config.agenciesFile);
  configureTranslations(config);
  const deps = createDeps({
    redis,
    redisPrefix: config.redisPrefix,
    logger: createLogger("silent"),
    directory,
    consultants: loadConsultants(directory, config.consultantsFile),
    groups: loadGroups(directory, config.groupsFile),
    inviteTtlDays: config.inviteTtlDays,
    inviteSecret: config.inviteSecret,
    timeZone: config.timeZone,
    clock: config.clock,
    attachments: config.attachments,
    ...(outbox ? { outbox } : {}),
  });
  await deps.clock.sync();
  await migrateToAddresses(redis, deps.keys);
  try {
    return await work(deps);
  } finally {
    await redis.quit();
  }
}

function bindingFrom(values: { role?: string; agency?: string; consultant?: string }): Binding {
  switch (values.role) {
    case "officer":
      if (!values.agency) throw new UsageError("an officer invite needs --agency <agency id or name> (see: npm run cli -- agencies)");
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
  const given = bindingFrom(values);
  const days = values.days === undefined ? config.inviteTtlDays : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new UsageError("--days must be a whole number from 1 to 365");
  await withDeps(config, async (deps) => {
    // An agency by id or by name, as in the chat's /invite.
    const agency = given.role === "officer" ? deps.directory.find(given.agencyId) : undefined;
    const binding: Binding = agency ? { role: "officer", agencyId: agency.id } : given;
    const issued = await deps.invites.issue(binding, deps.now(), { ttlMs: days * 24 * 60 * 60 * 1000 });
    const ways = (await deps.invites.ways())(issued.code);
    const who =
      binding.role === "officer"
        ? `officer of ${deps.directory.get(binding.agencyId)?.name} (${binding.agencyId})`
        : binding.role === "consultant"
          ? `consultant ${binding.consultantId}`
          : "secretariat";
    const until = format(new TZDate(issued.expiresAt, config.timeZone), "yyyy-MM-dd HH:mm");
    console.log(`Invite for ${who}, single use, valid until ${until} (${config.timeZone})`);
    console.log(
      ways.telegramLink
        ? `Link: ${ways.telegramLink}`
        : `Link: https://t.me/<bot>?start=${issued.code}   (start the bot once and its username fills in here)`,
    );
    console.log(`Code: ${issued.displayCode}`);
    if (ways.zalo) {
      const where = ways.zalo.url ? `open ${ways.zalo.url}` : `find "${ways.zalo.name}" in Zalo`;
      console.log(`Zalo: ${where} and send the code ${issued.displayCode} as a message (Zalo has no start links).`);
    }
    if (ways.zaloOa) {
      const where = ways.zaloOa.url ? `open ${ways.zaloOa.url}` : "find the Official Account in Zalo";
      console.log(`Zalo OA: ${where}, follow it and send the code ${issued.displayCode} as a message.`);
    }
  });
}

async function agencies(config: StorageConfig, args: string[]): Promise<void> {
  if (args[0] === "migrate") return agenciesMigrate(config, args.slice(1));
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

/** `agencies migrate --to <file> [--dry-run] [--backup <file>]` | `agencies migrate --undo <file>` (src/agencies-migrate.ts). */
async function agenciesMigrate(config: StorageConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { to: { type: "string" }, "dry-run": { type: "boolean" }, backup: { type: "string" }, undo: { type: "string" } },
  });
  if (!values.undo && !values.to)
    throw new UsageError("agencies migrate needs --to <directory file> (dry run first: --dry-run), or --undo <backup file>");
  const watching = connectRedis(redisTarget(config));
  try {
    await withDeps(config, async (deps) => {
      const command = {
        redis: deps.redis,
        watching,
        keys: deps.keys,
        prefix: config.redisPrefix,
        from: deps.directory,
        fromFile: config.agenciesFile,
        by: `cli:${process.env.USER ?? "unknown"}`,
        now: deps.now(),
        print: (line: string) => console.log(line),
      };
      if (values.undo) await undoAgencies(command, values.undo);
      else await migrateAgencies(command, { to: values.to ?? "", dryRun: values["dry-run"] ?? false, backup: values.backup });
    });
  } finally {
    await watching.quit();
  }
}

/** `tasks [--file <file>]`: the dated tasks of the letters that are not rounds of form 488 (flows/tasks-seed.json). */
function tasks(config: StorageConfig, args: string[]): void {
  const { values } = parseArgs({ args, options: { file: { type: "string" } } });
  const directory = loadAgencyDirectory(config.agenciesFile);
  for (const task of loadTasks(directory, loadGroups(directory, config.groupsFile), values.file)) console.log(taskLine(task, directory));
}

async function member(config: StorageConfig, args: string[]): Promise<void> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, options: { agency: { type: "string" } }, allowPositionals: true });
  if (action === "list") {
    await withDeps(config, async (deps) => {
      for (const listed of await deps.membership.list(values.agency)) console.log(deps.membership.describe(listed));
    });
    return;
  }
  const [memberId] = positionals;
  if ((action !== "remove" && action !== "erase") || !memberId)
    throw new UsageError("member takes list [--agency <agency-id>], remove <member-id> or erase <member-id>");
  const outbox = new Outbox(redisTarget(config), config.redisPrefix, createLogger("silent"));
  try {
    await withDeps(
      config,
      async (deps) => {
        if (action === "erase") {
          const erased = await deps.membership.erase(memberId, operator(), deps.now(), deps.outbox);
          if (!erased.ok) throw refusalError(erased, " (see: npm run cli -- member list)");
          console.log(
            `Erased the personal data of ${memberId}${erased.removedNow ? " (removed first; told by the running bot)" : ""}` +
              `, and their name on ${erased.tickets} question${erased.tickets === 1 ? "" : "s"}; the agency's report stays, their answers read "a former member".`,
          );
          return;
        }
        const removed = await deps.membership.remove(memberId, operator(), deps.now(), deps.outbox);
        if (!removed) throw new UsageError(`no member ${memberId} (see: npm run cli -- member list)`);
        console.log(`Removed ${deps.membership.describe(removed)}; their answers stay, and they are told (by the running bot).`);
      },
      outbox,
    );
  } finally {
    await outbox.close();
  }
}

async function fileLink(config: StorageConfig, args: string[]): Promise<void> {
  const [action, link, ...rest] = args;
  if (action !== "revoke" || !link || rest.length) throw new UsageError("file-link revoke <link>");
  await withDeps(config, async (deps) => {
    const links = new FileLinks("http://localhost", await configuredSecret(config.fileLinkSecret, deps.redis, deps.keys.fileLinkSecret));
    const checked = links.check(link, deps.now());
    if (!checked.ok) throw new UsageError(checked.reason === "expired" ? "that link has expired already" : "that is no link of this bot's");
    await deps.redis.set(deps.keys.fileLinkRevoked(checked.linkId), "1", "PXAT", checked.expiresAt);
    console.log(`Revoked the link to ${checked.file.fileName} sent to member ${checked.memberId}.`);
  });
}

async function consultants(config: StorageConfig): Promise<void> {
  await withDeps(config, async (deps) => {
    for (const consultant of deps.consultants.consultants) {
      console.log(
        `${consultant.id}\t${consultant.name}\t${consultant.phone}${consultant.phoneSuspect ? "\t(suspect: not a valid Vietnamese number)" : ""}`,
      );
    }
    console.log("");
    const provinces = deps.directory.ofKind("province").map((province) => province.id);
    const routes = await deps.tickets.consultantsOf(provinces);
    for (const province of provinces) console.log(`${province}\t${routes.get(province)?.id ?? "secretariat"}`);
  });
}

async function assign(config: StorageConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { province: { type: "string" }, consultant: { type: "string" } } });
  const { province, consultant } = values;
  if (!province || !consultant) throw new UsageError("assign needs --province <province-id> and --consultant <consultant-id>|none");
  const target = consultant === "none" ? null : consultant;
  await withDeps(config, async (deps) => {
    const result = await deps.tickets.assignProvince(province, target, `cli:${process.env.USER ?? "unknown"}`, deps.now());
    if (!result.ok) throw refusalError(result);
    console.log(`From now on the questions of ${values.province} go to ${target ?? "the secretariat"}.`);
  });
}

const roundSchemaForFile = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    /** The letter and passage the round comes from, for the people who read the file. */
    source: z.string().optional(),
    opensAt: z.string(),
    deadline: z.string(),
    targets: targetSchema.default({ kind: "all" }),
    plan: planSchema.optional(),
    closed: z.boolean().default(false),
  }),
);

function localMoment(config: StorageConfig, text: string | undefined, what: string): number {
  const at = text ? parseLocalDateTime(text, config.timeZone) : undefined;
  if (at === undefined) throw new UsageError(`${what} must be a local date and time like "2026-12-15 17:00" (got ${text ?? "nothing"})`);
  return at;
}

function printRound(config: StorageConfig, round: Round): void {
  const state = round.closedAt !== undefined ? "closed" : "open";
  const moment = (at: number) => format(new TZDate(at, config.timeZone), "yyyy-MM-dd HH:mm");
  console.log(
    `${round.id}\t${state}\topens ${moment(round.opensAt)}\tdeadline ${moment(round.deadline)}\t${JSON.stringify(round.targets)}\t${round.name}` +
      `\tform ${round.formId}${round.formVersion === undefined ? "" : ` version ${round.formVersion}`}`,
  );
}

async function round(config: StorageConfig, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      id: { type: "string" },
      name: { type: "string" },
      opens: { type: "string" },
      deadline: { type: "string" },
      targets: { type: "string" },
      form: { type: "string" },
      "remind-days": { type: "string" },
      "remind-time": { type: "string" },
      "no-after-deadline": { type: "boolean" },
    },
  });
  const [verb, id] = positionals;
  await withDeps(config, async (deps) => {
    const settle = (outcome: RoundOutcome) => {
      if (!outcome.ok) throw refusalError(outcome);
      printRound(config, outcome.round);
    };
    switch (verb) {
      case "create": {
        const targets = parseTarget(values.targets ?? "all", deps.directory, deps.groups);
        if (isRefusal(targets)) throw refusalError(targets);
        const plan = planSchema.safeParse({
          ...(values["remind-days"] ? { daysBefore: values["remind-days"].split(",").map(Number) } : {}),
          ...(values["remind-time"] ? { time: values["remind-time"] } : {}),
          ...(values["no-after-deadline"] ? { afterDeadline: false } : {}),
        });
        if (!plan.success) throw new UsageError(`the reminder plan: ${plan.error.issues[0]?.message}`);
        if (!values.name) throw new UsageError("round create needs --name");
        return settle(
          await deps.rounds.create(
            {
              ...(values.id ? { id: values.id } : {}),
              name: values.name,
              ...(values.form ? { formId: values.form } : {}),
              ...(values.opens ? { opensAt: localMoment(config, values.opens, "--opens") } : {}),
              deadline: localMoment(config, values.deadline, "--deadline"),
              targets,
              plan: plan.data,
            },
            `cli:${process.env.USER ?? "unknown"}`,
            deps.now(),
          ),
        );
      }
      case "list":
        for (const listed of await deps.rounds.list()) printRound(config, listed);
        return;
      case "extend":
        return settle(await deps.rounds.extend(id ?? "", localMoment(config, values.deadline, "--deadline")));
      case "close":
        return settle(await deps.rounds.close(id ?? "", deps.now()));
      case "reopen":
        return settle(await deps.rounds.reopen(id ?? ""));
      case "load": {
        if (!id) throw new UsageError("round load needs a file");
        const entries = roundSchemaForFile.parse(JSON.parse(readFileSync(id, "utf8")));
        for (const entry of entries) {
          settle(
            await deps.rounds.create(
              {
                id: entry.id,
                name: entry.name,
                opensAt: localMoment(config, entry.opensAt, `${entry.id}: opensAt`),
                deadline: localMoment(config, entry.deadline, `${entry.id}: deadline`),
                targets: entry.targets,
                ...(entry.plan ? { plan: entry.plan } : {}),
                closed: entry.closed,
              },
              `cli:${process.env.USER ?? "unknown"}`,
              deps.now(),
            ),
          );
        }
        return;
      }
      default:
        throw new UsageError("round takes create, list, extend, close, reopen or load");
    }
  });
}

/** Prints a broadcast's delivery report once all is sent, or what is left after `waitSeconds`. */
async function printReport(deps: Deps, id: string, waitSeconds: number): Promise<void> {
  const deadline = Date.now() + waitSeconds * 1000;
  let report = await deps.broadcasts.report(id);
  while (report && !report.done && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    report = await deps.broadcasts.report(id);
  }
  if (!report) throw new Error("the broadcast disappeared");
  console.log(`sent ${report.sent}, blocked ${report.blocked}, failed ${report.failed}, of ${report.total}`);
  if (report.unreached.length) console.log(`not reached: ${report.unreached.join(", ")}`);
  if (!report.done) {
    console.log(`still sending: ${report.total - report.sent - report.blocked - report.failed} left (is the bot running?)`);
    process.exitCode = 3;
  }
}

async function broadcast(config: StorageConfig, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { to: { type: "string" }, text: { type: "string" }, wait: { type: "string" } },
    allowPositionals: true,
  });
  const { to, text } = values;
  const [verb, resendId, ...extra] = positionals;
  const resend = verb === "resend";
  if (resend ? !resendId || extra.length > 0 : positionals.length > 0 || !to || !text)
    throw new UsageError("broadcast needs --to <target> and --text <text>, or resend <broadcast-id>");
  const waitSeconds = Number(values.wait ?? 600);
  const outbox = new Outbox(redisTarget(config), config.redisPrefix, createLogger("silent"));
  try {
    await withDeps(
      config,
      async (deps) => {
        if (resend && resendId) {
          const outcome = await resendBroadcast(deps, operator(), resendId);
          if (!outcome.ok) throw refusalError(outcome);
          console.log(`Broadcast ${resendId}: ${outcome.queued} messages queued again (resend ${outcome.resend}).`);
          return printReport(deps, resendId, waitSeconds);
        }
        const queued = await queueBroadcast(deps, undefined, to ?? "", text ?? "");
        if (!queued.ok) throw refusalError(queued);
        console.log(`Broadcast ${queued.id}: ${queued.count} messages to ${queued.agencies} agencies queued.`);
        await printReport(deps, queued.id, waitSeconds);
      },
      outbox,
    );
  } finally {
    await outbox.close();
  }
}

async function exportRound(config: StorageConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { round: { type: "string" }, out: { type: "string" }, csv: { type: "string" } } });
  const { out } = values;
  if (!out) throw new UsageError("export needs --out <file.xlsx>");
  await withDeps(config, async (deps) => {
    const round = await deps.reports.roundFor(values.round, deps.now());
    if (!round) throw new UsageError(`no round ${values.round}`);
    const source = await deps.reports.exportSource(round, deps.rounds.agenciesOf(round));
    await writeWorkbook(source, out);
    await deps.accessLog.record({ by: operator(), what: "export", round: round.id, detail: "xlsx" }, deps.now());
    console.log(`Wrote ${values.out}: round ${round.id}, ${source.agencies.length} agencies.`);
    if (values.csv) {
      await writeSummaryCsv(source, createWriteStream(values.csv));
      await deps.accessLog.record({ by: operator(), what: "export", round: round.id, detail: "csv" }, deps.now());
      console.log(`Wrote ${values.csv}.`);
    }
  });
}

async function form(config: StorageConfig, args: string[]): Promise<void> {
  if (args[0] === "export") return exportForm(config, args.slice(1));
  const [action, file, ...rest] = args;
  if (rest.length) throw new UsageError(`unexpected ${rest.join(" ")}`);
  if (action === "list") {
    if (file) throw new UsageError(`unexpected ${file}`);
    await withDeps(config, async (deps) => {
      console.log(
        `${deps.form.id}\tversion ${deps.form.version}\t${deps.form.title} (built in: flows/form-488.json; as a workbook: form export 488)`,
      );
      for (const imported of await deps.forms.list())
        console.log(`${imported.id}\tversion ${imported.versions.join(", ")}\t${imported.title}`);
    });
    return;
  }
  if (action !== "import" || !file) throw new UsageError("form import <file.xlsx> | form list | form export <form-id> <file.xlsx>");
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  await withDeps(config, async (deps) => {
    const outcome = await importWorkbook(deps.catalog, bytes, translatorFor("en"), file);
    switch (outcome.kind) {
      case "problems":
        console.error(`${file}: ${outcome.problems.length} problem${outcome.problems.length === 1 ? "" : "s"}, nothing imported`);
        for (const problem of outcome.problems) console.error(`  ${problem}`);
        process.exitCode = 1;
        return;
      case "older":
        console.error(
          `${outcome.form.id} version ${outcome.form.version} is not newer than version ${outcome.latest}, imported already: raise the version in the settings sheet`,
        );
        process.exitCode = 1;
        return;
      case "same":
        console.log(`${outcome.form.id} version ${outcome.form.version} was imported already, the same; nothing changed`);
        return;
      case "imported":
        console.log(`imported ${outcome.form.id} version ${outcome.form.version}: ${outcome.form.title} (${describeForm(outcome.form)})`);
        for (const warning of outcome.warnings) console.log(`  warning: ${warning}`);
    }
  });
}

async function exportForm(config: StorageConfig, args: string[]): Promise<void> {
  const [formId, file, ...rest] = args;
  if (!formId || !file || rest.length) throw new UsageError("form export <form-id> <file.xlsx>");
  await withDeps(config, async (deps) => {
    const exported = await exportWorkbook(deps.catalog, formId);
    if (!exported) throw new UsageError(`no form ${formId}: see form list`);
    writeFileSync(file, exported.bytes);
    console.log(`Wrote ${file}: ${exported.form.id} version ${exported.form.version}, ${exported.form.title}`);
  });
}

/** `--since`: a local date (and time), or so many days (`7d`) or hours (`12h`) back; 7 days by default. */
function sinceOf(config: StorageConfig, text: string | undefined, now: number): number {
  if (text === undefined) return now - 7 * 24 * 60 * 60 * 1000;
  const ago = /^(\d+)([dh])$/.exec(text);
  if (ago) return now - Number(ago[1]) * (ago[2] === "d" ? 24 : 1) * 60 * 60 * 1000;
  return localMoment(config, /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text} 00:00` : text, "--since");
}

async function accessLog(config: StorageConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { since: { type: "string" } } });
  await withDeps(config, async (deps) => {
    const since = sinceOf(config, values.since, Date.now());
    const records = await deps.accessLog.since(since);
    const moment = (at: number) => format(new TZDate(at, config.timeZone), "yyyy-MM-dd HH:mm:ss");
    for (const record of records) {
      const about = [
        record.round ? `round ${record.round}` : "",
        record.agency ? `agency ${record.agency}` : "",
        record.member ? `member ${record.member}` : "",
        record.detail ?? "",
      ].filter(Boolean);
      console.log(`${moment(record.at)}\t${record.by}\t${record.what}\t${about.join("  ")}`);
    }
    console.log(`${records.length} record${records.length === 1 ? "" : "s"} since ${moment(since)} (${config.timeZone})`);
  });
}

async function intake(config: StorageConfig, args: string[]): Promise<void> {
  const [what, action, id, ...rest] = args;
  const usage = "intake parked list | intake parked retry <id> | intake parked drop <id>";
  if (what !== "parked" || rest.length || !(action === "list" ? id === undefined : (action === "retry" || action === "drop") && id))
    throw new UsageError(usage);
  await withDeps(config, async (deps) => {
    const parked = new ParkedUpdates(deps.redis, deps.keys);
    if (action === "list") {
      const all = await parked.list();
      const moment = (at: number) => format(new TZDate(at, config.timeZone), "yyyy-MM-dd HH:mm");
      for (const entry of all) {
        console.log(
          `${entry.id}\t${entry.channel}\tchat ${entry.chat}\t${entry.kind}\tparked ${moment(entry.parkedAt)}\t${entry.retriable ? "can retry" : "redacted"}\t${entry.error}`,
        );
      }
      console.log(`${all.length} parked update${all.length === 1 ? "" : "s"}`);
      return;
    }
    const outcome = action === "retry" ? await parked.retry(id ?? "") : await parked.drop(id ?? "");
    if (!outcome.ok) {
      throw new UsageError(
        outcome.reason === "redacted"
          ? `${id} was parked more than a day ago: its text is redacted and it cannot be tried again (drop it)`
          : `no parked update ${id} (see: npm run cli -- intake parked list)`,
      );
    }
    await deps.accessLog.record({ by: operator(), what: action === "retry" ? "parked-retry" : "parked-drop", detail: id }, deps.now());
    console.log(
      action === "retry"
        ? `${id} is back in the ${outcome.channel} intake as ${outcome.entry}: the running bot applies it in its chat's turn.`
        : `Dropped ${id}.`,
    );
  });
}

async function clock(config: StorageConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { set: { type: "string" }, reset: { type: "boolean" } } });
  if (config.clock !== "adjustable") throw new UsageError("clock works with CLOCK=adjustable only; production keeps the system clock");
  await withDeps(config, async (deps) => {
    const adjustable = deps.clock as AdjustableClock;
    await adjustable.setNow(values.reset ? Date.now() : localMoment(config, values.set, "--set"));
    console.log(`now: ${format(new TZDate(adjustable.now(), config.timeZone), "yyyy-MM-dd HH:mm")} (${config.timeZone})`);
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
    case "tasks":
      return tasks(parseStorageConfig(process.env), rest);
    case "member":
      return member(parseStorageConfig(process.env), rest);
    case "file-link":
      return fileLink(parseStorageConfig(process.env), rest);
    case "assign":
      return assign(parseStorageConfig(process.env), rest);
    case "round":
      return round(parseStorageConfig(process.env), rest);
    case "broadcast":
      return broadcast(parseStorageConfig(process.env), rest);
    case "clock":
      return clock(parseStorageConfig(process.env), rest);
    case "form":
      return form(parseStorageConfig(process.env), rest);
    case "export":
      return exportRound(parseStorageConfig(process.env), rest);
    case "access-log":
      return accessLog(parseStorageConfig(process.env), rest);
    case "intake":
      return intake(parseStorageConfig(process.env), rest);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

try {
  // A .env beside the project, when there is one; the environment wins over it.
  loadEnvFile();
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) console.error(`Configuration error: ${problem}`);
  } else if (
    error instanceof UsageError ||
    error instanceof InviteBindingError ||
    error instanceof DirectoryError ||
    error instanceof MigrateError ||
    error instanceof TasksError ||
    error instanceof GroupsError ||
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
