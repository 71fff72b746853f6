import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Message } from "grammy/types";
import type { AdjustableClock } from "../clock.js";
import { loadAgencyDirectory } from "../domain/agencies.js";
import type { Binding } from "../domain/roles.js";
import { parseLocalDateTime } from "../domain/rounds.js";
import { BotApiEmulator } from "../emulator/bot-api-emulator.js";
import { buttonsOf, type FakeUser, textOf } from "../emulator/fake-user.js";
import { type FakeZaloUser, ZaloApiEmulator } from "../emulator/zalo-api-emulator.js";
import { type FakeOaUser, type OaSent, ZaloOaEmulator } from "../emulator/zalo-oa-emulator.js";
import { PROJECT_ROOT, projectPath } from "../project-root.js";
import { connectRedis } from "../redis.js";
import { formatMoment } from "../services/announcements.js";
import { localDeps } from "./local-deps.js";
import { ensureRedis, freePort } from "./local-redis.js";

/**
 * The local demo: the real bot process against the Telegram, Zalo bot and Zalo OA emulators, and a
 * chat in this terminal in which you play officers. Nothing reaches Telegram or Zalo.
 */

/** Kept apart from a real deployment's keys when the demo borrows the default Redis. */
const DEMO_PREFIX = process.env.REDIS_PREFIX?.trim() || "demo:";
const LOG_FILE = projectPath(".data", "demo-bot.log");

const HELP = `Type a message and press Enter to send it to the bot, as in Telegram (or Zalo).
  !N              press button N of the newest message with buttons (on Zalo: type N)
  :channel telegram|zalo|zalo-oa
                  write from this person's Telegram, Zalo (the bot) or Zalo OA account (Zalo:
                  no buttons, type the numbers; Zalo OA: up to five buttons, and the numbers;
                  /link connects the accounts)
  :join           send the invite prepared for the current user
  :user NAME      become another Telegram user (made on first use)
  :users          list the users of this demo
  :invite officer AGENCY-ID | consultant ID | secretariat
                  make a new invite code for the current user (then :join)
  :time YYYY-MM-DD HH:MM
                  move the bot's clock, e.g. to the day a reminder is due
  :help           this text
  :quit           stop the demo (also Ctrl+D)`;

interface DemoUser {
  fake: FakeUser;
  /** The same person's Zalo account, made on first use of `:channel zalo`. */
  zalo: FakeZaloUser | undefined;
  /** Their account as a follower of the Zalo OA, made on first use of `:channel zalo-oa`. */
  oa: FakeOaUser | undefined;
  channel: "telegram" | "zalo" | "zalo-oa";
  invite: string | undefined;
}

const CHANNEL_WORDS: Record<DemoUser["channel"], string> = { telegram: "Telegram", zalo: "Zalo", "zalo-oa": "Zalo OA" };

export async function runDemo(): Promise<void> {
  const redis = await ensureRedis();
  const emulator = new BotApiEmulator();
  await emulator.start();
  const zalo = new ZaloApiEmulator();
  await zalo.start();
  const oa = new ZaloOaEmulator();
  await oa.start();
  mkdirSync(projectPath(".data"), { recursive: true });
  const { child: bot, port } = await startBotProcess(emulator, zalo, oa, redis.url);

  const store = connectRedis(redis.url);
  const deps = localDeps(store, DEMO_PREFIX, { clock: "adjustable" });
  const users = new Map<string, DemoUser>();
  let nextId = 100_001;
  const makeUser = async (name: string, invite: boolean): Promise<DemoUser> => {
    const fake = emulator.user({ id: nextId++, first_name: name, language_code: "vi" });
    const code = invite ? (await deps.invites.issue({ role: "officer", agencyId: "ha-noi" }, Date.now())).code : undefined;
    const user: DemoUser = { fake, zalo: undefined, oa: undefined, channel: "telegram", invite: code };
    users.set(name.toLowerCase(), user);
    return user;
  };
  let current = await makeUser("Lan", true);
  await makeUser("Minh", false);

  console.log(`\nĐề án 06 bot: local demo (bot log: ${LOG_FILE})`);
  // Which map of the country the demo runs on: the letters' by default, today's with AGENCIES_FILE=flows/agencies-2025.json.
  const directory = loadAgencyDirectory(process.env.AGENCIES_FILE || undefined);
  console.log(
    `Agency directory: ${process.env.AGENCIES_FILE || "flows/agencies.json"}, ${directory.map === "2025" ? "today's map" : "the letters' map"} (${directory.ofKind("province").length} provinces, ${directory.ofKind("ministry").length} ministries and agencies)`,
  );
  console.log(`You are Lan, soon the focal officer of Hà Nội. Her invite code: ${current.invite}  (type :join to use it)`);
  console.log(`Minh has no invite: try ":user Minh" and write anything.`);
  console.log(`Web console: http://127.0.0.1:${port}/console  (any member types /web here for a sign-in link;`);
  console.log(`  the secretariat: ":user Thu", ":invite secretariat", ":join", then /web)\n`);
  console.log(`${HELP}\n`);

  // How many of each chat's events (messages sent or edited by the bot) were printed.
  const printed = new Map<number, number>();
  const printedZalo = new Map<string, number>();
  const printedOa = new Map<string, number>();
  const show = () => {
    if (current.channel === "zalo-oa" && current.oa) {
      const sent = oa.sentTo(current.oa.id);
      for (const message of sent.slice(printedOa.get(current.oa.id) ?? 0)) console.log(renderOa(message));
      printedOa.set(current.oa.id, sent.length);
      return;
    }
    if (current.channel === "zalo" && current.zalo) {
      const sent = zalo.sentTo(current.zalo.id);
      for (const message of sent.slice(printedZalo.get(current.zalo.id) ?? 0))
        console.log(`zalo: ${message.photo ? `(picture: ${message.photo}) ` : ""}${message.text.replace(/\n/g, "\n      ")}`);
      printedZalo.set(current.zalo.id, sent.length);
      return;
    }
    const chatId = current.fake.id;
    const events = emulator.chatEvents(chatId);
    for (const event of events.slice(printed.get(chatId) ?? 0)) {
      if (event.kind === "sent" || event.kind === "edited") console.log(render(event.message));
    }
    printed.set(chatId, events.length);
  };
  const unsubscribe = emulator.onChange(() => setTimeout(show, 20));
  const unsubscribeZalo = zalo.onSent(() => setTimeout(show, 20));
  const unsubscribeOa = oa.onSent(() => setTimeout(show, 20));

  const input = createInterface({ input: process.stdin, output: process.stdout, prompt: "> " });
  const prompt = () => input.prompt();
  prompt();
  for await (const line of input) {
    const text = line.trim();
    if (text === ":quit") break;
    try {
      await handleLine(text);
    } catch (error) {
      console.log(`(${error instanceof Error ? error.message : String(error)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    prompt();
  }

  async function handleLine(text: string): Promise<void> {
    if (!text) return;
    if (text === ":help") return void console.log(HELP);
    if (text === ":users") {
      for (const [name, user] of users)
        console.log(`${name}${user === current ? " (you)" : ""}${user.invite ? ` invite ${user.invite}` : ""}`);
      return;
    }
    if (text === ":join") {
      if (!current.invite) return void console.log("(this user has no prepared invite: make one with :invite)");
      // Zalo has no start links: the code is typed as a message.
      if (current.channel === "zalo") current.zalo?.send(current.invite);
      else if (current.channel === "zalo-oa") await current.oa?.send(current.invite);
      else current.fake.send(`/start ${current.invite}`);
      return;
    }
    const channel = /^:channel\s+(telegram|zalo-oa|zalo)$/.exec(text);
    if (channel) {
      current.channel = channel[1] as DemoUser["channel"];
      if (current.channel === "zalo") current.zalo ??= zalo.user(current.fake.user.first_name);
      console.log(`(you now write from ${current.fake.user.first_name}'s ${CHANNEL_WORDS[current.channel]} account)`);
      if (current.channel === "zalo-oa" && !current.oa) {
        // A new follower: the OA greets them.
        current.oa = oa.user(current.fake.user.first_name);
        await current.oa.follow();
      }
      show();
      return;
    }
    const [, name] = /^:user\s+(\S+)$/.exec(text) ?? [];
    if (name) {
      current = users.get(name.toLowerCase()) ?? (await makeUser(name, false));
      console.log(`(you are now ${name})`);
      show();
      return;
    }
    const invite = /^:invite\s+(officer|consultant|secretariat)(?:\s+(\S+))?$/.exec(text);
    if (invite) {
      const [, role, target] = invite;
      const binding: Binding =
        role === "officer"
          ? { role: "officer", agencyId: target ?? "" }
          : role === "consultant"
            ? { role: "consultant", consultantId: target ?? "" }
            : { role: "secretariat" };
      const issued = await deps.invites.issue(binding, Date.now());
      current.invite = issued.code;
      console.log(`(invite ${issued.displayCode} made for the current user: type :join)`);
      return;
    }
    const [, time] = /^:time\s+(.+)$/.exec(text) ?? [];
    if (time) {
      const at = parseLocalDateTime(time, deps.timeZone);
      if (at === undefined) return void console.log("(give a local date and time like 2026-12-14 08:31)");
      await (deps.clock as AdjustableClock).setNow(at);
      console.log(`(the bot's clock now reads ${formatMoment(at, deps.timeZone)})`);
      return;
    }
    const press = /^!(\d+)$/.exec(text);
    if (press && current.channel === "zalo") {
      current.zalo?.send(press[1] ?? "");
      return;
    }
    if (press && current.channel === "zalo-oa" && current.oa) {
      // The OA's button N, as Zalo posts it (its words); a line beyond the buttons is typed.
      const withButtons = [...current.oa.messages()].reverse().find((message) => message.buttons.length > 0);
      const button = withButtons?.buttons[Number(press[1]) - 1];
      if (withButtons && button) await current.oa.press(button.title, withButtons);
      else await current.oa.send(press[1] ?? "");
      return;
    }
    if (press) {
      const withButtons = [...current.fake.messages()].reverse().find((message) => buttonsOf(message).length > 0);
      const button = withButtons ? buttonsOf(withButtons)[Number(press[1]) - 1] : undefined;
      if (!withButtons || !button || !("callback_data" in button)) return void console.log("(no such button)");
      current.fake.press({ data: button.callback_data }, withButtons);
      return;
    }
    if (text.startsWith(":")) return void console.log("(unknown demo command: :help lists them)");
    if (current.channel === "zalo") current.zalo?.send(text);
    else if (current.channel === "zalo-oa") await current.oa?.send(text);
    else current.fake.send(text);
  }

  unsubscribe();
  unsubscribeZalo();
  unsubscribeOa();
  input.close();
  await stopProcess(bot);
  await store.quit();
  await emulator.stop();
  await zalo.stop();
  await oa.stop();
  await redis.stop();
  console.log("Demo stopped.");
}

/** An OA message: its text, then its buttons to press with !N. */
function renderOa(message: OaSent): string {
  const lines = [`zalo-oa: ${message.image ? `(picture: ${message.image}) ` : ""}${message.text.replace(/\n/g, "\n         ")}`];
  if (message.buttons.length) lines.push(`         ${message.buttons.map((button, index) => `[!${index + 1} ${button.title}]`).join(" ")}`);
  return lines.join("\n");
}

function render(message: Message): string {
  const lines = [`bot: ${textOf(message).replace(/\n/g, "\n     ")}${message.edit_date ? "  (edited)" : ""}`];
  const buttons = buttonsOf(message);
  if (buttons.length) lines.push(`     ${buttons.map((button, index) => `[!${index + 1} ${button.text}]`).join(" ")}`);
  if (message.document) lines.push(`     (document: ${message.document.file_name})`);
  if (message.photo) lines.push("     (photo)");
  return lines.join("\n");
}

async function startBotProcess(
  emulator: BotApiEmulator,
  zalo: ZaloApiEmulator,
  oa: ZaloOaEmulator,
  redisUrl: string,
): Promise<{ child: ChildProcess; port: number }> {
  const log = openSync(LOG_FILE, "a");
  // Files reach Zalo as links to the bot's own server, and the console is served there: here, on this machine.
  const port = await freePort();
  // The OA posts its events to the bot's webhook, as its admin would set it in Zalo for Developers.
  oa.webhookUrl = `http://127.0.0.1:${port}/zalo-oa/webhook`;
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      ZALO_BOT_TOKEN: zalo.token,
      ZALO_API_ROOT: zalo.apiRoot,
      ZALO_MODE: "polling",
      ZALO_OA_ID: oa.oaId,
      ZALO_OA_APP_ID: oa.appId,
      ZALO_OA_SECRET_KEY: oa.secretKey,
      ZALO_OA_APP_SECRET: oa.appSecret,
      ZALO_OA_REFRESH_TOKEN: oa.firstRefreshToken,
      ZALO_OA_API_ROOT: oa.apiRoot,
      ZALO_OA_OAUTH_ROOT: oa.apiRoot,
      ZALO_OA_WEBHOOK_URL: oa.webhookUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: DEMO_PREFIX,
      BOT_MODE: "polling",
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      // The demo can move time (:time) and sees reminders within seconds.
      CLOCK: "adjustable",
      SCHEDULER_TICK_SECONDS: "2",
    },
    stdio: ["ignore", log, log],
  });
  const deadline = Date.now() + 20_000;
  while (emulator.callsOf("getUpdates").length === 0 || zalo.callsOf("getUpdates").length === 0) {
    if (child.exitCode !== null) throw new Error(`the bot process stopped at start-up: see ${LOG_FILE}`);
    if (Date.now() > deadline) throw new Error(`the bot process did not start within 20 s: see ${LOG_FILE}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, port };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
