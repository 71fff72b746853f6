import { foldName } from "../domain/agencies.js";
import type { Menu } from "../storage/menus.js";
import { isFormScreen } from "./actions.js";
import type { Button, Incoming } from "./port.js";
import { plainText } from "./text.js";

/**
 * The last screen's menu on messengers that show a screen's buttons as numbered lines (both Zalo
 * adapters): a typed message read against it (a command, a press by the number of a line or by its
 * words, a number typed before that screen arrived, or text), and what a message sent beside a form
 * screen adds to it.
 */

/**
 * `botSuffix`: whether a command may carry Telegram's `@botname` after its name (the Zalo bot
 * platform copies Telegram's commands; the OA has none of them).
 */
export function typedContent(
  text: string,
  menu: Menu | undefined,
  sentAt: number,
  options: { botSuffix: boolean },
): Extract<Incoming, { kind: "text" | "command" | "press" | "late-choice" }> {
  if (text.startsWith("/")) {
    const [word = "", ...rest] = text.slice(1).split(/\s+/);
    const name = word.toLowerCase();
    return { kind: "command", name: options.botSuffix ? name.replace(/@.*$/, "") : name, argument: rest.join(" ").trim() };
  }
  const chosen = choiceOf(menu, text, sentAt);
  if (chosen === "late") return { kind: "late-choice" };
  if (chosen) return { kind: "press", data: chosen };
  return { kind: "text", text };
}

/**
 * The button a typed number or the words of a line choose; "late" when a number was typed before
 * that screen arrived. Numbers name the numbered lines only (a screen's choices); commands, and
 * buttons the OA posts as their words, are chosen by their words.
 */
function choiceOf(menu: Menu | undefined, text: string, sentAt: number): string | "late" | undefined {
  if (!menu) return undefined;
  const byNumber = menu.buttons.some((button) => button.number !== undefined);
  const number = Number(text);
  const numbered =
    /^\d{1,2}$/.test(text) && menu.numbered
      ? byNumber
        ? menu.buttons.find((button) => button.number === number)
        : menu.buttons[number - 1]
      : undefined;
  if (numbered) return sentAt < menu.shownAt ? "late" : numbered.data;
  const folded = foldName(text);
  return menu.buttons.find((button) => foldName(button.label.replace(/^\d+\.\s*/, "")) === folded)?.data;
}

/**
 * The menu once a message the bot sends on its own (a consultant's answer, a reminder) arrives
 * while a form screen waits: the screen keeps its numbers, the message's buttons are added as words
 * to type. Undefined when no form screen waits, or the message is the form's own. `numberByPlace`:
 * a menu whose lines are numbered by their place gets those numbers written first, so that the
 * words after them take none.
 */
export function besideFormScreen(shown: Menu | undefined, buttons: Button[], options: { numberByPlace: boolean }): Menu | undefined {
  if (!shown?.buttons.some((button) => isFormScreen(button.data)) || buttons.some((button) => isFormScreen(button.data))) return undefined;
  const screen = shown.buttons.filter((button) => !button.aside);
  const numbered = options.numberByPlace ? numberedByPlace(screen, shown.numbered) : screen;
  const words = buttons.map(({ label, data }) => ({ label: plainText(label), data, aside: true as const }));
  return { ...shown, buttons: [...numbered, ...latestAside(shown.buttons, words)] };
}

/** How many words of messages sent on their own a menu keeps: the latest. */
const ASIDE_KEPT = 8;

/**
 * The menu of a screen shown in reply, with the words of messages the bot sent on its own that the
 * last menu held ("hỏi thêm" under a consultant's answer): the person was told to type them, and a
 * screen shown since (the form's, after a retried update) must not turn them into an answer.
 * The screen's own buttons win over words alike.
 */
export function keepingAside(shown: Menu | undefined, next: Menu): Menu {
  const own = new Set(next.buttons.map((button) => foldName(button.label)));
  const aside = latestAside(shown?.buttons ?? [], []).filter((button) => !own.has(foldName(button.label)));
  if (!aside.length) return next;
  // Words after lines numbered by their place would take numbers of their own: the lines get theirs written first.
  return { ...next, buttons: [...numberedByPlace(next.buttons, next.numbered), ...aside] };
}

/** The words of messages sent on their own, the newer of two alike kept (a number picks the first match). */
function latestAside(buttons: Menu["buttons"], added: Menu["buttons"]): Menu["buttons"] {
  const words = [...buttons.filter((button) => button.aside), ...added];
  const newer = words.filter((button, index) => !words.slice(index + 1).some((later) => foldName(later.label) === foldName(button.label)));
  return newer.slice(-ASIDE_KEPT);
}

function numberedByPlace(buttons: Menu["buttons"], numbered: boolean): Menu["buttons"] {
  if (!numbered || buttons.some((button) => button.number !== undefined)) return buttons;
  return buttons.map((button, index) => ({ ...button, number: index + 1 }));
}
