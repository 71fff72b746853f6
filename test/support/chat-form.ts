import type { Message } from "grammy/types";
import { buttonsOf, type FakeUser, textOf } from "../../src/emulator/fake-user.js";

/** Reading the form's screens as a person would, and answering them, for end-to-end tests. */

/** Options by number per question line, texts per question line; anything else gets a plausible answer. */
export type Answers = { choice?: Record<string, number>; text?: Record<string, string> };

const dataOf = (message: Message) => buttonsOf(message).flatMap((button) => ("callback_data" in button ? [button.callback_data] : []));

/** A question: it offers to ask the consultant about it. */
export const isQuestion = (message: Message) => dataOf(message).some((data) => data.startsWith("t:ask"));
/** A list of systems: it offers to say the list is complete (or empty). */
export const isList = (message: Message) => dataOf(message).some((data) => data.endsWith(":done"));
export const isReview = (message: Message) => textOf(message).startsWith("Xem lại báo cáo");
/** Whether a question is answered by pressing one of its options. */
export const hasOptions = (message: Message) => dataOf(message).some((data) => /:opt:\d+$/.test(data));

/** The question's own line: the first line after the screen's heading, without "(không bắt buộc)". */
export function questionOf(message: Message | string): string {
  const text = typeof message === "string" ? message : textOf(message);
  const screen = text.slice(Math.max(0, text.search(/^Phần \d+\/\d+ · \d+%/m)));
  return (screen.split("\n\n")[1]?.split("\n")[0] ?? "").replace(/ \(không bắt buộc\)$/, "");
}

/**
 * What to answer a question screen (Telegram's or Zalo's text), by the hint its lines give; `options`,
 * whether it is answered by an option (Telegram's buttons say; on a typed screen its hint does).
 */
export function answerFor(
  text: string,
  question: string,
  answers: Answers,
  options = /^Hoặc gõ: /m.test(text),
): { text: string } | { option: number } {
  if (options) return { option: answers.choice?.[question] ?? 1 };
  if (answers.text?.[question]) return { text: answers.text[question]! };
  if (text.includes("Gõ một số")) return { text: "12" };
  if (text.includes("Gõ tháng và năm")) return { text: "06/2027" };
  if (text.includes("Gõ số điện thoại")) return { text: "0912 345 678" };
  if (text.includes("thư điện tử")) return { text: "dau.moi@example.gov.vn" };
  return { text: `Trả lời: ${question.slice(0, 40)}` };
}

/** The row a list screen is about: "1", "4.1". */
export function listNumber(text: string): string {
  return /^Hàng (\d(?:\.\d)?) · /m.exec(text)?.[1] ?? /^(\d(?:\.\d)?)\. \S/m.exec(text)?.[1] ?? "";
}

/** Presses the option numbered `n` of a question. */
export function pressOption(user: FakeUser, screen: Message, n: number): void {
  const data = dataOf(screen).find((candidate) => candidate.endsWith(`:opt:${n}`));
  if (!data) throw new Error(`no option ${n} on: ${textOf(screen).slice(0, 200)}`);
  user.press({ data }, screen);
}

/** Answers every screen until the review; lists get the given names and are then closed. */
export async function fillInChat(
  user: FakeUser,
  screen: Message,
  answers: Answers,
  lists: Record<string, string[]> = {},
  screens: Message[] = [],
): Promise<{ asked: string[]; review: Message }> {
  const asked: string[] = [];
  const added = new Set<string>();
  let current = screen;
  for (let steps = 0; steps < 300; steps++) {
    screens.push(current);
    if (isReview(current)) return { asked, review: current };
    if (isQuestion(current)) {
      asked.push(questionOf(current));
      const answer = answerFor(textOf(current), questionOf(current), answers, hasOptions(current));
      if ("option" in answer) pressOption(user, current, answer.option);
      else user.send(answer.text);
    } else if (isList(current)) {
      const number = listNumber(textOf(current));
      const next = (lists[number] ?? []).find((name) => !added.has(`${number}/${name}`));
      if (next) {
        added.add(`${number}/${next}`);
        user.send(next);
      } else {
        // An empty list closes with "Không có" (4.1: "Chưa kết nối"), a filled one with "Đã đủ danh sách": the same button.
        user.press({ data: dataOf(current).find((data) => data.endsWith(":done"))! }, current);
      }
    } else {
      throw new Error(`unexpected screen: ${textOf(current).slice(0, 200)}`);
    }
    current = await user.nextScreen();
  }
  throw new Error("the form did not end");
}
