import { Queue } from "bullmq";
import type { Message } from "grammy/types";
import { afterAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import { BotApiEmulator } from "../../src/emulator/bot-api-emulator.js";
import { buttonsOf, type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import { type FakeZaloUser, ZaloApiEmulator } from "../../src/emulator/zalo-api-emulator.js";
import { STANDING_ROUND } from "../../src/services/active-round.js";
import { BotProcess } from "../support/bot-process.js";
import { fillThroughService, officer as officerMember } from "../support/fill-service.js";
import { FlakyProxy } from "../support/flaky-proxy.js";
import { answerer } from "../support/form-harness.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";
import { choicesOf } from "../support/zalo-form.js";

/**
 * The fault suite's walk through conversations (`npm run test:faults`): officers on Telegram
 * (through the webhook) and on Zalo (by polling) ask their province's consultant a question with
 * the form open, read the answer, add to it and see it closed; the secretariat, on both, creates
 * rounds, issues invites, asks for progress, sends a broadcast and accepts a report. Meanwhile a
 * quarter of the bot's replies are refused on both messengers (through `FlakyProxy`), so the intake
 * applies whole updates again, and an eighth of the Bot API calls fail with a 502 besides. Afterwards
 * each effect happened once: one ticket per question, delivered once to its consultant and never
 * kept as a form answer or a name; each answer, follow-up and closing stored and delivered at most
 * once; one round per /round create, one invite per /invite, one broadcast per confirmation, one
 * decision per review. Floors say most of it got through: 90% of the questions delivered and
 * answered, 80% of the desk commands in effect. The figures are printed on one line.
 */

const FAILURE_RATE = 0.25;
const SECRET = "conversations-webhook-secret-0123456789";
/** Telegram officers' and Zalo officers' provinces, by the consultant who answers them (Khang on Zalo, the others on Telegram). */
const PROVINCES: Record<string, { telegram: string[]; zalo: string[] }> = {
  "ha-thanh-luong": { telegram: ["ha-noi", "hai-phong", "nghe-an"], zalo: ["hai-duong", "gia-lai", "lam-dong"] },
  "phung-van-tin": { telegram: ["quang-nam", "khanh-hoa", "tay-ninh"], zalo: ["ha-tinh", "ho-chi-minh", "bac-lieu"] },
  "truong-trong-khang": { telegram: ["kien-giang", "hau-giang", "ca-mau"], zalo: ["can-tho", "kon-tum", "dak-lak"] },
};
/** The consultant on Zalo, who answers through /queue and typed numbers. */
const ON_ZALO = "truong-trong-khang";
/** Provinces no one in the walk belongs to: the desk's invites are for them. */
const INVITED = { telegram: ["dien-bien", "hoa-binh"], zalo: ["phu-yen", "dong-thap"] };
/** The agency whose submitted report the Telegram secretariat accepts. */
const REVIEWED = "dong-nai";
const DEADLINE = "15/12/2030 17:00";
const STEP_MS = 15_000;
/** On Zalo a reply other than a form screen that does not go through is let go: it comes within seconds or never. */
const LET_GO_MS = 6_000;
/** The reply to /invite: the code, or, from a repeat of the update, the invite it made before. */
const INVITE_MADE = /Mã mời cho|Yêu cầu này đã tạo/;

const question = (tag: string) => `Câu hỏi kiểm thử ${tag}: hệ thống đặt tại trung tâm dữ liệu có tính là đã kết nối không?`;
const followUp = (tag: string) => `Hỏi thêm kiểm thử ${tag}: còn CSDL hộ tịch thì sao?`;
const answer = (id: number) => `Trả lời kiểm thử a${id}: có, nếu có kênh truyền vào Mạng TSLCD.`;
const fullName = (tag: string) => `Cán bộ kiểm thử ${tag}`;

/**
 * On Telegram the replies to what a person just did are refused, the way the intake must apply
 * again; the messages the bot sends on its own (questions, answers, notices, broadcasts) go through
 * the outbox, which gives a refused message up for good, so they meet the 502s of `failRandomly`
 * instead, which the outbox tries again.
 */
const isReply = (params: Record<string, unknown>) =>
  /^(✅ Đã|Phần \d|Tiến độ|Mã mời|Gửi thông báo|Nhập nội dung|Yêu cầu này)/.test(String(params.text ?? ""));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What one officer saw of their question. */
interface Walked {
  tag: string;
  channel: "telegram" | "zalo";
  agencyId: string;
  consultantId: string;
  memberAddress: { channel: "telegram" | "zalo"; id: string };
  /** "Hỏi thêm", typed as the answer said, was stored as the officer's name. */
  wordsTaken: boolean;
  /** The question was typed (after the bot asked for it). */
  asked: boolean;
  /** "Đã gửi câu hỏi #…" came back. */
  acknowledged: number | undefined;
  answered: boolean;
  followedUp: boolean;
  closed: boolean;
  named: boolean;
}

/**
 * The first message since the `since`-th the bot sent to a person whose text passes `match`, as it
 * stands now (a Telegram screen may be edited into place), or undefined when none came in time.
 * Reading consumes nothing: a message that came before the step expecting it (an answer that
 * overtook the lost "sent" notice) is still found by that step.
 */
async function seen<M>(all: () => M[], text: (message: M) => string, since: number, match: (text: string) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = all()
      .slice(since)
      .find((message) => match(text(message)));
    if (found !== undefined || Date.now() > deadline) return found;
    await sleep(50);
  }
}

/** What a person on Telegram does: sends, then reads what came since for the reply that `match`es. */
const telegramWait = (user: FakeUser, since: number, match: (text: string) => boolean, timeoutMs = STEP_MS) =>
  seen(() => user.messages(), textOf, since, match, timeoutMs);

const zaloWait = (user: FakeZaloUser, since: number, match: (text: string) => boolean, timeoutMs = STEP_MS) =>
  seen(
    () => user.messages(),
    (text) => text,
    since,
    match,
    timeoutMs,
  );

const has = (part: string) => (text: string) => text.includes(part);
const idIn = (text: string | undefined, pattern: RegExp) => (text ? Number(pattern.exec(text)?.[1]) || undefined : undefined);

describe("faults: questions to consultants and desk commands with the bot's replies failing, on Zalo and through the webhook", () => {
  let store: TestRedis;
  let deps: Deps;
  const emulator = new BotApiEmulator();
  const zalo = new ZaloApiEmulator();
  let proxy: FlakyProxy;
  let telegramProxy: FlakyProxy;
  let bot: BotProcess;
  const figures: Record<string, number> = {};
  let reviewedName = REVIEWED;

  afterAll(async () => {
    await bot?.kill("SIGKILL");
    await emulator.stop();
    await zalo.stop();
    await proxy?.stop();
    await telegramProxy?.stop();
    await store?.cleanup();
    console.log(`conversation fault figures: ${JSON.stringify(figures)}`);
  });

  /** Everything taken in has been applied and everything queued has been sent (or given up on). */
  async function settled(timeoutMs = 30_000): Promise<void> {
    await bot.settled(timeoutMs);
    const outbox = new Queue("outbox", { connection: { url: store.url }, prefix: `${store.prefix}bull` });
    try {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const counts = await outbox.getJobCounts("wait", "active", "delayed", "prioritized");
        if (Object.values(counts).every((count) => count === 0)) return;
        if (Date.now() > deadline) throw new Error(`outbox not empty after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
        await sleep(50);
      }
    } finally {
      await outbox.close();
    }
  }

  async function joinTelegram(id: number, binding: Parameters<Deps["invites"]["issue"]>[0], name: string): Promise<FakeUser> {
    const user = emulator.user({ id, first_name: name, language_code: "vi" });
    const { code } = await deps.invites.issue(binding, Date.now());
    user.send(`/start ${code}`);
    await user.nextMessage();
    if (binding.role === "officer") await user.nextMessage();
    return user;
  }

  async function joinZalo(
    binding: Parameters<Deps["invites"]["issue"]>[0],
    name: string,
  ): Promise<{ user: FakeZaloUser; standing: string }> {
    const user = zalo.user(name);
    const { displayCode } = await deps.invites.issue(binding, Date.now());
    user.send(displayCode);
    await user.nextMessage();
    const standing = binding.role === "officer" ? await user.nextMessage() : "";
    return { user, standing };
  }

  /** A Telegram officer: /ask, the question, the answer, a follow-up, the closing, then their name into the form. */
  async function walkTelegram(user: FakeUser, walked: Walked): Promise<void> {
    const mark = () => user.messages().length;
    for (let tries = 0; tries < 5 && !walked.asked; tries++) {
      const since = mark();
      user.send("/ask");
      if (await telegramWait(user, since, has("Nhập câu hỏi"))) walked.asked = true;
    }
    if (!walked.asked) return;
    const asked = mark();
    user.send(question(walked.tag));
    const sent = await telegramWait(user, asked, has("Đã gửi câu hỏi #"));
    walked.acknowledged = idIn(sent && textOf(sent), /#(\d+)/);
    const answered = await telegramWait(user, asked, (text) => text.includes("Trả lời câu hỏi #") && text.includes(walked.tag), 45_000);
    if (!answered) return;
    walked.answered = true;
    const more = mark();
    user.reply(answered, followUp(walked.tag));
    walked.followedUp = Boolean(await telegramWait(user, more, has("Đã gửi thêm vào câu hỏi #")));
    walked.closed = Boolean(await telegramWait(user, more, (text) => /Câu hỏi #\d+ đã được đóng/.test(text)));
    user.send(fullName(walked.tag));
    walked.named = Boolean(await telegramWait(user, 0, has("Cơ quan công tác")));
  }

  /** The same on Zalo, by typing: a choice by its number, or by its words when the form screen keeps the numbers. */
  async function walkZalo(user: FakeZaloUser, walked: Walked): Promise<void> {
    const mark = () => user.messages().length;
    for (let tries = 0; tries < 5 && !walked.asked; tries++) {
      const since = mark();
      user.send("/ask");
      if (await zaloWait(user, since, has("Nhập câu hỏi"), LET_GO_MS)) walked.asked = true;
    }
    if (!walked.asked) return;
    const asked = mark();
    user.send(question(walked.tag));
    walked.acknowledged = idIn(await zaloWait(user, asked, has("Đã gửi câu hỏi #")), /#(\d+)/);
    const answered = await zaloWait(user, asked, (text) => text.includes("Trả lời câu hỏi #") && text.includes(walked.tag), 45_000);
    if (!answered) return;
    walked.answered = true;
    // Typed once: without the prompt the person cannot tell whether the words were taken, and stops.
    const choice = choicesOf(answered).find((line) => line.includes("Hỏi thêm"));
    const pressed = mark();
    user.send(choice ? choice.split(".")[0]! : "Hỏi thêm");
    if (!(await zaloWait(user, pressed, has("Nhập nội dung hỏi thêm"), LET_GO_MS))) return;
    const more = mark();
    user.send(followUp(walked.tag));
    walked.followedUp = Boolean(await zaloWait(user, more, has("Đã gửi thêm vào câu hỏi #"), LET_GO_MS));
    walked.closed = Boolean(await zaloWait(user, more, (text) => /Câu hỏi #\d+ đã được đóng/.test(text)));
    user.send(fullName(walked.tag));
    walked.named = Boolean(await zaloWait(user, 0, has("Cơ quan công tác")));
  }

  /**
   * A consultant on Telegram: answers each question by replying to it, once, and closes it when the
   * officer has added to it; until `done`.
   */
  async function consult(user: FakeUser, done: () => boolean): Promise<void> {
    const answered = new Set<number>();
    const closed = new Set<number>();
    while (!done()) {
      let message: Message;
      try {
        message = await user.nextMessage(300);
      } catch {
        continue;
      }
      const text = textOf(message);
      const id = idIn(text, /Câu hỏi #(\d+) —/);
      if (!id) continue;
      if (text.startsWith("❓") && !answered.has(id)) {
        answered.add(id);
        user.reply(message, answer(id));
      } else if (text.startsWith("➕") && !closed.has(id)) {
        closed.add(id);
        user.press("Đóng câu hỏi", message);
      }
    }
  }

  /**
   * A consultant on Zalo, who has no reply-to: answers through /queue (the question's number, then
   * the text once the bot asks for it), and closes a question by the number under its follow-up
   * while that is the last message (an older one's numbers are no longer the chat's); until `done`.
   */
  async function consultOnZalo(user: FakeZaloUser, done: () => boolean): Promise<void> {
    const answered = new Set<number>();
    const closed = new Set<number>();
    const say = async (text: string, match: (text: string) => boolean, timeoutMs = LET_GO_MS) => {
      const since = user.messages().length;
      user.send(text);
      return zaloWait(user, since, match, timeoutMs);
    };
    const idsOf = (texts: string[], mark: string) =>
      texts.flatMap((text) => (text.startsWith(mark) ? [idIn(text, /Câu hỏi #(\d+) —/) ?? 0] : [])).filter(Boolean);
    while (!done()) {
      const texts = user.messages();
      const toAnswer = idsOf(texts, "❓").find((id) => !answered.has(id));
      if (toAnswer) {
        const queue = await say("/queue", has("Câu hỏi đang mở"));
        const line = queue && choicesOf(queue).find((candidate) => candidate.endsWith(`#${toAnswer}`));
        if (line && (await say(line.split(".")[0]!, has(`Nhập câu trả lời cho câu hỏi #${toAnswer}`)))) {
          answered.add(toAnswer);
          await say(answer(toAnswer), has(`Đã gửi câu trả lời cho câu hỏi #${toAnswer}`));
        }
        continue;
      }
      const last = texts.at(-1) ?? "";
      const toClose = idsOf([last], "➕").find((id) => !closed.has(id));
      if (toClose) {
        closed.add(toClose);
        const line = choicesOf(last).find((candidate) => candidate.includes("Đóng"));
        if (line) await say(line.split(".")[0]!, has(`Đã đóng câu hỏi #${toClose}`));
        continue;
      }
      await sleep(100);
    }
  }

  /** What each desk command the walk sent came to: acknowledged or not. */
  interface DeskWalk {
    rounds: { name: string; acknowledged: boolean }[];
    invites: { agencyId: string; acknowledged: boolean }[];
    progress: boolean;
    broadcast: { text: string; confirmed: boolean; acknowledged: boolean };
    review: boolean;
  }

  const deskWalk = (channel: string): DeskWalk => ({
    rounds: [1, 2].map((n) => ({ name: `Đợt kiểm thử ${channel} ${n}`, acknowledged: false })),
    invites: INVITED[channel as "telegram" | "zalo"].map((agencyId) => ({ agencyId, acknowledged: false })),
    progress: false,
    broadcast: { text: `Thông báo kiểm thử hội thoại ${channel}`, confirmed: false, acknowledged: false },
    review: false,
  });

  /** The desk commands both messengers' secretariats send alike: two rounds, the invites, /progress. */
  async function roundsInvitesProgress(
    say: (text: string, match: (text: string) => boolean) => Promise<unknown>,
    walk: DeskWalk,
    ministries: string[],
  ): Promise<void> {
    for (const [index, round] of walk.rounds.entries()) {
      const created = (text: string) => text.includes("Đã tạo đợt") && text.includes(round.name);
      round.acknowledged = Boolean(await say(`/round create ${round.name}; ${DEADLINE}; ${ministries[index]}`, created));
    }
    for (const invite of walk.invites)
      invite.acknowledged = Boolean(await say(`/invite officer ${invite.agencyId}`, (text) => INVITE_MADE.test(text)));
    walk.progress = Boolean(await say("/progress", has("Tiến độ")));
  }

  async function deskTelegram(user: FakeUser, walk: DeskWalk, ministries: string[], broadcastTo: string, roundId: string): Promise<void> {
    const say = async (text: string, match: (text: string) => boolean) => {
      const since = user.messages().length;
      user.send(text);
      return telegramWait(user, since, match);
    };
    await roundsInvitesProgress(say, walk, ministries);
    // A person who does not see the bot ask for the text, or for the confirmation, starts again.
    for (let tries = 0; tries < 2 && !walk.broadcast.confirmed; tries++) {
      if (!(await say(`/broadcast agencies:${broadcastTo}`, has("Nhập nội dung thông báo")))) continue;
      const confirm = await say(
        walk.broadcast.text,
        (text) => text.includes("Gửi thông báo sau tới") && text.includes(walk.broadcast.text),
      );
      if (!confirm) continue;
      walk.broadcast.confirmed = true;
      const since = user.messages().length;
      user.press("Gửi", confirm);
      walk.broadcast.acknowledged = Boolean(await telegramWait(user, since, has("Đã xếp hàng")));
    }
    const review = await say(`/review ${REVIEWED} ${roundId}`, (text) => text.includes(reviewedName));
    if (review && buttonsOf(review).some((button) => button.text === "Chấp nhận")) {
      const since = user.messages().length;
      user.press("Chấp nhận", review);
      walk.review = Boolean(await telegramWait(user, since, has("Đã chấp nhận báo cáo của")));
    }
  }

  async function deskZalo(user: FakeZaloUser, walk: DeskWalk, ministries: string[], broadcastTo: string): Promise<void> {
    const say = async (text: string, match: (text: string) => boolean) => {
      const since = user.messages().length;
      user.send(text);
      return zaloWait(user, since, match, LET_GO_MS);
    };
    await roundsInvitesProgress(say, walk, ministries);
    for (let tries = 0; tries < 2 && !walk.broadcast.confirmed; tries++) {
      if (!(await say(`/broadcast agencies:${broadcastTo}`, has("Nhập nội dung thông báo")))) continue;
      const confirm = await say(
        walk.broadcast.text,
        (text) => text.includes("Gửi thông báo sau tới") && text.includes(walk.broadcast.text),
      );
      const send = confirm && choicesOf(confirm).find((line) => line.includes("Gửi"));
      if (!send) continue;
      walk.broadcast.confirmed = true;
      walk.broadcast.acknowledged = Boolean(await say(send.split(".")[0]!, has("Đã xếp hàng")));
    }
  }

  it("applies every question, answer, round, invite, broadcast and review once, and gets most of them through", async () => {
    store = testRedis();
    deps = depsFor(store);
    await emulator.start();
    await zalo.start();
    proxy = await FlakyProxy.start(zalo.apiRoot, { failure: "zalo-error" });
    telegramProxy = await FlakyProxy.start(emulator.apiRoot, { failure: "telegram-refusal", only: isReply });
    bot = await BotProcess.start({
      emulator,
      redisUrl: store.url,
      prefix: store.prefix,
      mode: "webhook",
      webhookSecret: SECRET,
      zalo,
      env: { TELEGRAM_API_ROOT: telegramProxy.url, ZALO_API_ROOT: proxy.url, BROADCAST_RATE: "50" },
    });

    // Everyone joins while the messengers still take every message.
    let nextId = 930_000;
    const consultants = new Map<string, FakeUser>();
    for (const consultantId of Object.keys(PROVINCES).filter((id) => id !== ON_ZALO))
      consultants.set(consultantId, await joinTelegram(nextId++, { role: "consultant", consultantId }, `Đầu mối ${consultantId}`));
    const consultantOnZalo = (await joinZalo({ role: "consultant", consultantId: ON_ZALO }, "Đầu mối Zalo")).user;
    const deskOnTelegram = await joinTelegram(nextId++, { role: "secretariat" }, "Thư ký");
    const deskOnZalo = (await joinZalo({ role: "secretariat" }, "Thư ký Zalo")).user;
    const reviewed = await joinTelegram(nextId++, { role: "officer", agencyId: REVIEWED }, "Cán bộ Đồng Nai");
    await fillThroughService(deps, officerMember(reviewed.id, REVIEWED), answerer({ fullName: "Cán bộ Đồng Nai" }), () => [], {
      submit: true,
    });
    const reviewRound = await deps.rounds.activeFor(REVIEWED, Date.now());
    reviewedName = deps.directory.get(REVIEWED)?.name ?? REVIEWED;

    const telegramOfficers: { user: FakeUser; walked: Walked }[] = [];
    const zaloOfficers: { user: FakeZaloUser; walked: Walked }[] = [];
    const blank = {
      wordsTaken: false,
      asked: false,
      acknowledged: undefined,
      answered: false,
      followedUp: false,
      closed: false,
      named: false,
    };
    for (const [consultantId, { telegram, zalo: onZalo }] of Object.entries(PROVINCES)) {
      for (const agencyId of telegram) {
        const user = await joinTelegram(nextId++, { role: "officer", agencyId }, `Cán bộ ${agencyId}`);
        user.send("/start");
        user.press({ data: "f:open" }, await user.nextMessage());
        await telegramWait(user, 0, has("Họ và tên"));
        const tag = `t-${agencyId}`;
        const memberAddress = { channel: "telegram" as const, id: String(user.id) };
        telegramOfficers.push({ user, walked: { tag, channel: "telegram", agencyId, consultantId, memberAddress, ...blank } });
      }
      for (const agencyId of onZalo) {
        const { user, standing } = await joinZalo({ role: "officer", agencyId }, `Cán bộ ${agencyId}`);
        const start = choicesOf(standing).find((line) => line.includes("Bắt đầu điền"));
        user.send(start!.split(".")[0]!);
        await zaloWait(user, 0, has("Họ và tên"));
        const memberAddress = { channel: "zalo" as const, id: user.id };
        zaloOfficers.push({ user, walked: { tag: `z-${agencyId}`, channel: "zalo", agencyId, consultantId, memberAddress, ...blank } });
      }
    }
    const ministries = deps.directory.agencies.filter((agency) => agency.kind === "ministry").map((agency) => agency.id);
    const desks = { telegram: deskWalk("telegram"), zalo: deskWalk("zalo") };

    // The walk, with a fifth of the sends failing on both messengers.
    telegramProxy.rate = FAILURE_RATE;
    emulator.failRandomly(FAILURE_RATE / 2);
    proxy.rate = FAILURE_RATE;
    const started = Date.now();
    let officersDone = false;
    const consulting = [
      ...[...consultants.values()].map((user) => consult(user, () => officersDone)),
      consultOnZalo(consultantOnZalo, () => officersDone),
    ];
    await Promise.all([
      Promise.all([
        ...telegramOfficers.map(({ user, walked }) => walkTelegram(user, walked)),
        ...zaloOfficers.map(({ user, walked }) => walkZalo(user, walked)),
      ]).then(() => {
        officersDone = true;
        figures.officersSeconds = Math.round((Date.now() - started) / 1000);
      }),
      deskTelegram(deskOnTelegram, desks.telegram, ministries.slice(0, 2), telegramOfficers[0]!.walked.agencyId, reviewRound.id).then(
        () => (figures.telegramDeskSeconds = Math.round((Date.now() - started) / 1000)),
      ),
      deskZalo(deskOnZalo, desks.zalo, ministries.slice(2, 4), zaloOfficers[0]!.walked.agencyId).then(
        () => (figures.zaloDeskSeconds = Math.round((Date.now() - started) / 1000)),
      ),
    ]);
    await Promise.all(consulting);
    figures.walkSeconds = Math.round((Date.now() - started) / 1000);
    telegramProxy.rate = 0;
    emulator.failRandomly(0);
    proxy.rate = 0;
    figures.telegramRepliesRefused = telegramProxy.failed;
    figures.zaloSendsFailed = proxy.failed;
    await settled();

    const walks = [...telegramOfficers, ...zaloOfficers].map(({ walked }) => walked);
    const telegramTexts = (user: FakeUser) => user.messages().map(textOf);
    const officerTexts = (walked: Walked): string[] => {
      const telegram = telegramOfficers.find((officer) => officer.walked === walked);
      return telegram ? telegramTexts(telegram.user) : zaloOfficers.find((officer) => officer.walked === walked)!.user.messages();
    };
    const count = (texts: string[], match: (text: string) => boolean) => texts.filter(match).length;

    // One ticket per question, delivered once to its consultant, its answer and follow-up once each.
    let delivered = 0;
    let answersDelivered = 0;
    let closedTickets = 0;
    let answeredOnZalo = 0;
    for (const walked of walks) {
      const tickets = await deps.ticketStore.ofAgency(walked.agencyId);
      const threads = await Promise.all(tickets.map(async (ticket) => ({ ticket, thread: await deps.ticketStore.thread(ticket.id) })));
      const mine = threads.filter(({ thread }) => thread[0]?.text.includes(walked.tag));
      expect.soft(mine.length, `${walked.tag}: tickets asking its question`).toBeLessThanOrEqual(1);
      expect.soft(tickets.length, `${walked.tag}: tickets of the agency`).toBe(mine.length);
      if (walked.acknowledged !== undefined)
        expect
          .soft(
            mine.map(({ ticket }) => ticket.id),
            walked.tag,
          )
          .toEqual([walked.acknowledged]);
      const officerSaw = officerTexts(walked);
      const [found] = mine;
      if (!found) continue;
      const { ticket, thread } = found;
      /** The thread in short, for a failure's message: who said what, when. */
      const said = JSON.stringify(thread.map((message) => [message.from, message.at, message.text.slice(0, 40)]));
      expect.soft(ticket.assignee, walked.tag).toEqual({ kind: "consultant", consultantId: walked.consultantId });
      const consultantSaw =
        walked.consultantId === ON_ZALO ? consultantOnZalo.messages() : telegramTexts(consultants.get(walked.consultantId)!);
      const routed = count(consultantSaw, (text) => text.startsWith("❓") && text.includes(walked.tag));
      expect.soft(routed, `${walked.tag}: the question at its consultant`).toBe(1);
      delivered += Number(routed === 1);
      expect
        .soft(
          thread.filter((message) => message.from === "officer" && message.text === question(walked.tag)),
          walked.tag,
        )
        .toHaveLength(1);
      // Closing is kept in the thread as the consultant's empty message.
      const answers = thread.filter((message) => message.from === "consultant" && message.text !== "");
      const closes = thread.filter((message) => message.from === "consultant" && message.text === "");
      expect.soft(closes.length, `${walked.tag}: closings in the thread`).toBeLessThanOrEqual(1);
      expect.soft(closes.length, `${walked.tag}: closed`).toBe(Number(ticket.status === "closed"));
      expect.soft(answers.length, `${walked.tag}: answers in the thread ${said}`).toBeLessThanOrEqual(1);
      const answerDelivered = count(officerSaw, (text) => text.includes(`Trả lời câu hỏi #${ticket.id}`));
      expect.soft(answerDelivered, `${walked.tag}: the answer at the officer`).toBeLessThanOrEqual(1);
      if (answers.length === 1) expect.soft(answerDelivered, `${walked.tag}: a stored answer reaches the officer`).toBe(1);
      answersDelivered += answerDelivered;
      if (walked.consultantId === ON_ZALO) answeredOnZalo += answers.length;
      const followUps = thread.filter((message) => message.from === "officer" && message.text === followUp(walked.tag));
      expect.soft(followUps.length, `${walked.tag}: follow-ups in the thread`).toBeLessThanOrEqual(1);
      expect
        .soft(
          count(consultantSaw, (text) => text.startsWith("➕") && text.includes(walked.tag)),
          `${walked.tag}: follow-ups at the consultant`,
        )
        .toBe(followUps.length);
      const closings = count(officerSaw, (text) => text.includes(`Câu hỏi #${ticket.id} đã được đóng`));
      expect.soft(closings, `${walked.tag}: the closing at the officer`).toBeLessThanOrEqual(1);
      if (ticket.status === "closed") closedTickets += 1;
      expect.soft(thread.length, `${walked.tag}: the thread ${said}`).toBe(1 + answers.length + followUps.length + closes.length);
    }

    // Nothing the officers wrote for a ticket became a form answer or their name.
    for (const walked of walks) {
      const member = await deps.members.at(walked.memberAddress);
      // Known: the words under an answer ("Gõ: hỏi thêm") are lost when a retried update shows its screen again after the answer came.
      walked.wordsTaken = member?.profile.fullName === "Hỏi thêm";
      if (!walked.wordsTaken)
        expect.soft([undefined, fullName(walked.tag)], `${walked.tag}: the name kept`).toContain(member?.profile.fullName);
      const stored = JSON.stringify([
        await store.redis.hgetall(deps.keys.response(STANDING_ROUND.id, walked.agencyId)),
        await deps.reporting.history(walked.agencyId),
      ]);
      expect.soft(stored, `${walked.tag}: its question in the form`).not.toContain(question(walked.tag));
      expect.soft(stored, `${walked.tag}: its follow-up in the form`).not.toContain(followUp(walked.tag));
      if (walked.named) expect.soft(member?.profile.fullName, walked.tag).toBe(fullName(walked.tag));
    }

    // The desk: one round per /round create, one invite per /invite, one broadcast, one decision.
    const rounds = await deps.rounds.list();
    const invites = await deps.invites.open(Date.now());
    const broadcasts = await deps.broadcasts.recent(50);
    /** Per kind of desk command: sent, its effect made, its acknowledgement seen. */
    const desk = { sent: 0, made: 0, acknowledged: 0 };
    const missing: string[] = [];
    const tally = (made: number, acknowledged: boolean, what = "") => {
      if (made === 0) missing.push(what);
      desk.sent += 1;
      desk.made += Math.min(made, 1);
      desk.acknowledged += Number(acknowledged);
    };
    for (const [channel, walk] of Object.entries(desks)) {
      for (const round of walk.rounds) {
        const made = rounds.filter((candidate) => candidate.name === round.name).length;
        expect.soft(made, `${channel}: rounds named ${round.name}`).toBeLessThanOrEqual(1);
        if (round.acknowledged) expect.soft(made, `${channel}: rounds named ${round.name}`).toBe(1);
        tally(made, round.acknowledged, `${channel} round`);
      }
      for (const invite of walk.invites) {
        const issued = invites.filter(
          (candidate) => candidate.binding.role === "officer" && candidate.binding.agencyId === invite.agencyId,
        ).length;
        expect.soft(issued, `${channel}: invites for ${invite.agencyId}`).toBeLessThanOrEqual(1);
        if (invite.acknowledged) expect.soft(issued, `${channel}: invites for ${invite.agencyId}`).toBe(1);
        tally(issued, invite.acknowledged, `${channel} invite`);
      }
      const made = broadcasts.filter((broadcast) => broadcast.text.includes(walk.broadcast.text)).length;
      expect.soft(made, `${channel}: broadcasts`).toBeLessThanOrEqual(1);
      if (walk.broadcast.acknowledged) expect.soft(made, `${channel}: broadcasts`).toBe(1);
      tally(made, walk.broadcast.acknowledged, `${channel} broadcast`);
      figures[`${channel}Progress`] = Number(walk.progress);
    }
    for (const walked of walks) {
      const heard = count(officerTexts(walked), (text) => Object.values(desks).some((walk) => text.includes(walk.broadcast.text)));
      expect.soft(heard, `${walked.tag}: broadcasts heard`).toBeLessThanOrEqual(1);
    }
    const decisions = (await deps.responses.history(reviewRound.id, REVIEWED)).filter((record) => record.path === "@review");
    expect.soft(decisions.length, "review decisions").toBeLessThanOrEqual(1);
    if (desks.telegram.review) expect.soft(decisions, "review decisions").toHaveLength(1);
    expect.soft(count(telegramTexts(reviewed), has("đã chấp nhận báo cáo")), "decisions told").toBe(decisions.length);
    tally(decisions.length, desks.telegram.review, "review");
    if (missing.length) console.log(`desk commands without effect: ${missing.join(", ")}`);

    figures.officers = walks.length;
    figures.asked = walks.filter((walked) => walked.asked).length;
    figures.acknowledged = walks.filter((walked) => walked.acknowledged !== undefined).length;
    figures.delivered = delivered;
    figures.answersDelivered = answersDelivered;
    figures.answeredOnZalo = answeredOnZalo;
    for (const channel of ["telegram", "zalo"] as const) {
      const on = walks.filter((walked) => walked.channel === channel);
      figures[`${channel}FollowedUp`] = on.filter((walked) => walked.followedUp).length;
      figures[`${channel}Closed`] = on.filter((walked) => walked.closed).length;
    }
    figures.closed = closedTickets;
    figures.named = walks.filter((walked) => walked.named).length;
    figures.choiceWordsTakenAsName = walks.filter((walked) => walked.wordsTaken).length;
    figures.deskCommands = desk.sent;
    figures.deskEffects = desk.made;
    figures.deskAcknowledged = desk.acknowledged;
    figures.parkedTelegram = await store.redis.xlen(`${store.prefix}intake-parked:telegram`);
    figures.parkedZalo = await store.redis.xlen(`${store.prefix}intake-parked:zalo`);

    // Floors: through all this, nearly every question reaches its consultant and its answer comes back.
    expect.soft(delivered).toBeGreaterThanOrEqual(0.9 * walks.length);
    // Answers depend on the consultants walking through failures too (Zalo's, by /queue and numbers,
    // gives up a question when the bot's prompts keep failing: 4 to 6 of 6 answered in CI runs);
    // that each stored answer reaches its officer exactly once is asserted above, per question.
    expect.soft(answersDelivered).toBeGreaterThanOrEqual(0.8 * walks.length);
    expect.soft(desk.made, "desk commands that took effect").toBeGreaterThanOrEqual(0.8 * desk.sent);
    // The words under a consultant's answer stay words through a form screen shown again after it.
    expect.soft(figures.choiceWordsTakenAsName, "words of a message typed and kept as the officer's name").toBe(0);
  }, 180_000);
});
