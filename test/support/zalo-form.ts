import type { FakeZaloUser } from "../../src/emulator/zalo-api-emulator.js";
import { type Answers, answerFor } from "./chat-form.js";

/** Reading the form's Zalo screens (plain text, numbered lines) and answering them by typing. */

export const isQuestion = (text: string) => /Phần \d+ · câu \d+\/\d+/.test(text);
export const isList = (text: string) => /Nhập tên mục/.test(text);
export const isReview = (text: string) => text.includes("Xem lại báo cáo của");

/** The question's own line: the line after the headings of the screen (after any accepted answer). */
export function questionOf(text: string): string {
  const screen = text.slice(text.search(/Phần \d+ · câu/));
  return screen.split("\n\n")[1]?.split("\n")[0] ?? "";
}

/** The number of the line that reads `words`, in the screen's numbered list. */
export function numberOf(text: string, words: string): string {
  const line = text.split("\n").find((candidate) => /^\d+\. /.test(candidate) && candidate.includes(words));
  if (!line) throw new Error(`no line "${words}" in:\n${text}`);
  return line.split(".")[0]!;
}

/** Answers every screen by typing until the review; lists get the given names, then "xong". */
export async function fillOnZalo(
  user: FakeZaloUser,
  screen: string,
  answers: Answers = {},
  lists: Record<string, string[]> = {},
): Promise<{ asked: string[]; review: string }> {
  const asked: string[] = [];
  const added = new Set<string>();
  let current = screen;
  for (let steps = 0; steps < 300; steps++) {
    if (isReview(current)) return { asked, review: current };
    if (isQuestion(current)) {
      const question = questionOf(current);
      asked.push(question);
      const answer = answerFor(current, question, answers);
      user.send("option" in answer ? String(answer.option) : answer.text);
    } else if (isList(current)) {
      // The row's heading ("1. Hạ tầng…", "4.1. Hệ thống…") is the first numbered line; the menu comes after.
      const number = /^(\d(?:\.\d)?)\. /m.exec(current)?.[1] ?? "";
      const next = (lists[number] ?? []).find((name) => !added.has(`${number}/${name}`));
      if (next) {
        added.add(`${number}/${next}`);
        user.send(next);
      } else {
        user.send("xong");
      }
    } else {
      throw new Error(`unexpected screen: ${current.slice(0, 300)}`);
    }
    current = await user.nextMessage();
  }
  throw new Error("the form did not end");
}
