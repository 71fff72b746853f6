import type { Update } from "grammy/types";
import { telegramAddress } from "../channels/address.js";
import { roundWorkbook } from "../desk/reports.js";
import type { Form, FormNode, Question } from "../form/schema.js";
import { entriesOf, type ResponseState } from "../form/slots.js";
import { translatorFor } from "../i18n.js";
import { IntakeStream } from "../intake/stream.js";
import { createLogger } from "../logger.js";
import type { Redis } from "../redis.js";
import { importWorkbook } from "../services/form-imports.js";
import { createBot } from "../telegram/bot.js";
import { inProcessBotInfo } from "./in-process-bot.js";
import { localDeps } from "./local-deps.js";
import { type Attempt, attemptsFor, type Expectation } from "./xlsform-walk-answers.js";
import { type ChatMessage, type OfficerChat, officerChat, WalkTelegram } from "./xlsform-walk-chat.js";
import { findAnswers, type GivenAnswer } from "./xlsform-walk-export.js";

/**
 * Issue #25's walker: a workbook imported as the secretariat imports it, a round opened on it for
 * one agency, an officer of that agency answering every screen in the Telegram chat through the
 * bot's own code (in process, Telegram answered by a stand-in `fetch`), the report submitted, and
 * the round's workbook (the one `/export` and the console hand out) read back for every answer.
 */

export type WalkResult =
  | {
      walked: true;
      /** Answers the bot accepted, entry names included. */
      answered: number;
      found: number;
      /** Each answer not where it belongs in the workbook: "path: what was given". */
      missing: string[];
      /** Answers the bot refused (a constraint, a range) before another was accepted. */
      refusals: number;
      /** What the check looked for, and the workbook it looked in: to check a changed workbook again. */
      given: GivenAnswer[];
      workbook: Buffer;
    }
  | { walked: false; why: string; answered: number; refusals: number };

/** A province: forms that ask by agency kind ask it their province questions. */
export const WALK_AGENCY = "ha-noi";
const CHAT = 880_001;
/** Enough for a long form with two entries in each list; a walk that needs more is going round in circles. */
const MAX_STEPS = 3000;
/** Entries given to each list: two, so that an answer found is found on its own entry's row. */
const ENTRIES = 2;
/** The same screen this many times in a row: the walk is stuck on it. */
const SAME_SCREEN_LIMIT = 12;

const DAY = 86_400_000;

export async function walkWorkbook(redis: Redis, prefix: string, bytes: Buffer, fileName: string): Promise<WalkResult> {
  const deps = localDeps(redis, prefix);
  const imported = await importWorkbook(deps.catalog, bytes, translatorFor("en"), fileName);
  if (imported.kind === "problems") return { walked: false, why: "not imported", answered: 0, refusals: 0 };
  const ref = await deps.catalog.latest(imported.form.id);
  if (!ref) return { walked: false, why: "the form is not in the catalogue after its import", answered: 0, refusals: 0 };
  const form = await deps.catalog.of(ref);
  if (form.layout !== "by-groups")
    return { walked: false, why: `laid out as ${form.layout}: the walker reads the layout by groups`, answered: 0, refusals: 0 };
  const now = deps.now();
  const created = await deps.rounds.create(
    { name: `Walk ${form.id}`, formId: form.id, deadline: now + 30 * DAY, targets: { kind: "list", agencies: [WALK_AGENCY] } },
    "xlsform-walk",
    now,
  );
  if (!created.ok) return { walked: false, why: `no round: ${created.reason}`, answered: 0, refusals: 0 };
  const { round } = created;
  // The opening notice is the scheduler's business: the officer opens the form from /start.
  await deps.roundStore.claimOpening(round.id);

  const telegram = new WalkTelegram(CHAT);
  const bot = createBot({ token: "1:walk", apiRoot: "http://127.0.0.1:9", botInfo: inProcessBotInfo, fetch: telegram.fetch }, deps);
  await bot.bot.init();
  const invite = await deps.invites.issue({ role: "officer", agencyId: WALK_AGENCY }, now);
  await deps.invites.redeem(invite.code, telegramAddress(CHAT), undefined, now);
  const intake = new IntakeStream<Update>(redis, deps.keys.intake("telegram"), deps.keys.intakeParked("telegram"), createLogger("silent"));
  // Applied as the intake applies an entry: the update, then its acknowledgement with the marks it
  // left; the tidying of older messages is waited for, so the phone shows what a person would see next.
  const apply = async (update: Update) => {
    await intake.acknowledge({ id: `1-${update.update_id}`, chat: String(CHAT) }, await bot.apply(update, async () => false));
    await deps.background.settled();
  };

  const walk = new ChatWalk(form, telegram, officerChat(CHAT), apply);
  const stuck = await walk.run();
  const answered = walk.answers.length + walk.names.length;
  if (stuck) return { walked: false, why: stuck, answered, refusals: walk.refusals };

  const source = await deps.reports.exportSource(round, deps.rounds.agenciesOf(round));
  const state = await source.load(WALK_AGENCY);
  if (state?.status !== "submitted")
    return { walked: false, why: `the report is ${state?.status ?? "not started"} after the walk`, answered, refusals: walk.refusals };
  const kind = deps.directory.get(WALK_AGENCY)?.kind ?? "province";
  const { given, unplaced } = placeAnswers(form, state, kind, walk);
  const workbook = await roundWorkbook(deps, round);
  const { found, missing } = await findAnswers(workbook, WALK_AGENCY, given);
  return {
    walked: true,
    answered,
    found: found.length,
    missing: [...unplaced, ...missing.map((answer) => `${answer.path}: ${answer.expect.shown}`)],
    refusals: walk.refusals,
    given,
    workbook,
  };
}

/** `node.question` or `node#entry.question`, as the screen's "ask the consultant" button carries it. */
const PATH = /^([^#.]+)(?:#([^.]+))?\.(.+)$/;

const nodeOf = (form: Form, id: string): FormNode | undefined => form.parts.flatMap((part) => part.nodes).find((node) => node.id === id);

function questionAt(form: Form, path: string): Question | undefined {
  const [, nodeId = "", , questionId] = PATH.exec(path) ?? [];
  return nodeOf(form, nodeId)?.questions.find((question) => question.id === questionId);
}

/**
 * Each answer given, with the column and entry number the workbook shows it under. An entry's
 * number is its place in its list as the bot keeps it; an entry name is found by the name typed.
 */
function placeAnswers(
  form: Form,
  state: ResponseState,
  kind: "province" | "ministry",
  walk: ChatWalk,
): { given: GivenAnswer[]; unplaced: string[] } {
  const given: GivenAnswer[] = [];
  const unplaced: string[] = [];
  const numberOf = (node: FormNode, entryId: string) =>
    entriesOf(form, node, state, kind).findIndex((entry) => entry.entryId === entryId) + 1 || undefined;
  for (const { path, expect } of walk.answers) {
    const [, nodeId = "", entryId, questionId] = PATH.exec(path) ?? [];
    const node = nodeOf(form, nodeId);
    const question = node?.questions.find((candidate) => candidate.id === questionId);
    const entry = node && entryId ? numberOf(node, entryId) : undefined;
    if (!node || !question || (entryId && entry === undefined)) unplaced.push(`${path}: ${expect.shown} (not kept where the bot keeps it)`);
    else given.push({ path, column: question.text, ...(entry !== undefined ? { entry } : {}), expect });
  }
  for (const { name, expect } of walk.names) {
    const at = form.parts
      .flatMap((part) => part.nodes)
      .flatMap((node) =>
        node.kind === "repeat"
          ? (state.entries.get(node.id) ?? []).map((entryId) => ({ node, entryId, path: `${node.id}#${entryId}.${node.questions[0].id}` }))
          : [],
      )
      .find(({ path }) => state.answers.get(path)?.value === name);
    const entry = at && numberOf(at.node, at.entryId);
    if (!at || entry === undefined) unplaced.push(`an entry named ${name} (not kept)`);
    else given.push({ path: at.path, column: at.node.questions[0].text, entry, expect });
  }
  return { given, unplaced };
}

const screenPath = (screen: ChatMessage) => screen.buttons.map((button) => /^t:ask:(.+)$/.exec(button.data)?.[1]).find(Boolean);
const command = (screen: ChatMessage, name: string) => screen.buttons.find((button) => new RegExp(`^f:\\d+:${name}$`).test(button.data));

/** One officer walking the form screen by screen; `run` says why it stopped short, or nothing once the report is sent. */
class ChatWalk {
  readonly answers: { path: string; expect: Expectation }[] = [];
  readonly names: { name: string; expect: Expectation }[] = [];
  refusals = 0;
  private readonly tried = new Map<string, { attempts: Attempt[]; next: number }>();
  private pending: { path: string; expect: Expectation } | undefined;
  private pendingName: { name: string; expect: Expectation } | undefined;
  private serial = 0;

  constructor(
    private readonly form: Form,
    private readonly telegram: WalkTelegram,
    private readonly chat: OfficerChat,
    private readonly apply: (update: Update) => Promise<void>,
  ) {}

  private press(screen: ChatMessage, data: string) {
    return this.apply(this.chat.pressed(data, screen.id));
  }

  async run(): Promise<string | undefined> {
    await this.apply(this.chat.typed("/start"));
    const greeting = this.telegram.screen();
    if (!greeting?.buttons.some((button) => button.data === "f:open")) return "no button to open the form after /start";
    await this.press(greeting, "f:open");
    let last = "";
    let same = 0;
    for (let step = 0; step < MAX_STEPS; step++) {
      const screen = this.telegram.screen();
      if (!screen) return "no screen with buttons";
      const path = screenPath(screen);
      this.settle(path, screen);
      if (path) {
        // A question's attempts are few: each refusal moves on to the next, and none left ends the walk.
        const why = await this.answer(path, screen);
        if (why) return why;
        continue;
      }
      const key = `${screen.id}\n${screen.text}`;
      same = key === last ? same + 1 : 0;
      last = key;
      if (same >= SAME_SCREEN_LIMIT) return `stuck on a screen: ${oneLine(screen.text)}`;
      const submit = command(screen, "submit");
      if (submit) {
        await this.press(screen, submit.data);
        return undefined;
      }
      const entries = screen.buttons.filter((button) => /^f:\d+:entry:/.test(button.data)).length;
      const done = command(screen, "done");
      const add = command(screen, "add");
      if (done || add || entries) {
        // A list: two entries, each named as typed, then done (or as many as it asks for).
        if (done && entries >= ENTRIES) await this.press(screen, done.data);
        else if (entries === 0 || add) await this.nameEntry();
        else if (done) await this.press(screen, done.data);
        else return `a list that takes no more entries and cannot be finished: ${oneLine(screen.text)}`;
        continue;
      }
      const sameSystem = command(screen, "same");
      if (sameSystem) {
        await this.press(screen, sameSystem.data);
        continue;
      }
      const resume = command(screen, "resume");
      if (resume) return `the review still has questions open: ${oneLine(screen.text)}`;
      if (screen.buttons.length === 1 && command(screen, "cancel")) {
        await this.nameEntry();
        continue;
      }
      return `a screen the walker cannot answer: ${oneLine(screen.text)}`;
    }
    return `no end after ${MAX_STEPS} steps`;
  }

  /** What became of the answer given last: the same question still on screen refused it. */
  private settle(path: string | undefined, screen: ChatMessage) {
    if (this.pending) {
      if (path === this.pending.path) this.refusals += 1;
      else this.answers.push(this.pending);
      this.pending = undefined;
    }
    if (this.pendingName) {
      const refused = path === undefined && screen.text.includes("⚠");
      if (refused) this.refusals += 1;
      else this.names.push(this.pendingName);
      this.pendingName = undefined;
    }
  }

  private async nameEntry() {
    const name = `Mục thử ${++this.serial}`;
    this.pendingName = { name, expect: { shown: name, found: (cell) => cell.trim() === name } };
    await this.apply(this.chat.typed(name));
  }

  private async answer(path: string, screen: ChatMessage): Promise<string | undefined> {
    const question = questionAt(this.form, path);
    if (!question) return `a question the form does not have: ${path}`;
    let tried = this.tried.get(path);
    if (!tried) {
      tried = { attempts: attemptsFor(this.form, question, screen, ++this.serial), next: 0 };
      this.tried.set(path, tried);
    }
    const attempt = tried.attempts[tried.next++];
    const skip = command(screen, "skip");
    if (!attempt && skip) {
      // An optional question that takes none of the walker's answers is left unanswered, as an officer may.
      await this.press(screen, skip.data);
      return undefined;
    }
    if (!attempt)
      return `every answer refused at ${path} (${question.type}): ${tried.attempts.map((given) => given.expect.shown).join(" | ") || "nothing to give"}`;
    this.pending = { path, expect: attempt.expect };
    const { send } = attempt;
    await this.apply(
      send.kind === "text"
        ? this.chat.typed(send.text)
        : send.kind === "press"
          ? this.chat.pressed(send.data, screen.id)
          : send.kind === "photo"
            ? this.chat.photo(send.fileId)
            : this.chat.location(send.latitude, send.longitude),
    );
    return undefined;
  }
}

const oneLine = (text: string) =>
  text
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ")
    .slice(0, 160);

/** "walked: 12 answered, all found; 1 refused", or what went missing, or why there was no walk: a cell of the compat table. */
export function walkSummary(result: WalkResult): string {
  if (!result.walked) return `not walked: ${result.why}`;
  const refused = result.refusals ? `; ${result.refusals} refused first` : "";
  if (!result.missing.length) return `walked: ${result.answered} answered, all found${refused}`;
  const listed = result.missing.slice(0, 3).join("; ");
  return `walked: ${result.answered} answered, ${result.missing.length} missing (${listed}${result.missing.length > 3 ? "; …" : ""})${refused}`;
}
