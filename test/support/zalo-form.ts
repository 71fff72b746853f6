import type { FakeZaloUser } from "../../src/emulator/zalo-api-emulator.js";
import { type Answers, answerFor, listNumber, questionOf as questionLine } from "./chat-form.js";

/** Reading the form's Zalo screens (plain text, numbered choices, one line of commands) and answering them by typing. */

/** The line of commands to type, last on a screen that has any. */
const commandsOf = (text: string) => /^(?:Hoặc gõ|Gõ): (.*)$/m.exec(text.split("\n").at(-1) ?? "")?.[1]?.split(" · ") ?? [];

/** The screen's menu: its commands, and its numbered lines' words (a messenger that numbers every button has no line of commands). */
const menuOf = (text: string) => [
  ...commandsOf(text),
  ...text
    .split("\n")
    .filter((line) => /^\d+\. /.test(line))
    .map((line) => line.replace(/^\d+\. /, "").toLocaleLowerCase("vi")),
];

/** A question: it offers to ask the consultant about it. */
export const isQuestion = (text: string) => menuOf(text).includes("hỏi tư vấn");
/** A list of systems: it offers to close it. */
export const isList = (text: string) => menuOf(text).some((command) => ["không có", "chưa kết nối", "đã đủ danh sách"].includes(command));
export const isReview = (text: string) => text.includes("Xem lại báo cáo của");

/** The question's own line: the line after the screen's heading (after any answer kept above it). */
export const questionOf = (text: string): string => questionLine(text);

/** The numbered choices of a screen. */
export const choicesOf = (text: string) => text.split("\n").filter((line) => /^\d+\. /.test(line));

/** The number of the line that reads `words`, in the screen's numbered list. */
export function numberOf(text: string, words: string): string {
  const line = choicesOf(text).find((candidate) => candidate.includes(words));
  if (!line) throw new Error(`no line "${words}" in:\n${text}`);
  return line.split(".")[0]!;
}

/** Answers every screen by typing until the review; lists get the given names, then "xong". */
export async function fillOnZalo(
  user: FakeZaloUser,
  screen: string,
  answers: Answers = {},
  lists: Record<string, string[]> = {},
  screens: string[] = [],
): Promise<{ asked: string[]; review: string }> {
  const asked: string[] = [];
  const added = new Set<string>();
  let current = screen;
  for (let steps = 0; steps < 300; steps++) {
    screens.push(current);
    if (isReview(current)) return { asked, review: current };
    if (isQuestion(current)) {
      const question = questionOf(current);
      asked.push(question);
      const answer = answerFor(current, question, answers);
      user.send("option" in answer ? String(answer.option) : answer.text);
    } else if (isList(current)) {
      const number = listNumber(current);
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
