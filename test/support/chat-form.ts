import type { Message } from "grammy/types";
import { buttonsOf, type FakeUser, textOf } from "../../src/emulator/fake-user.js";

/** Reading the form's screens as a person would, and answering them, for end-to-end tests. */

/** Options by number per question line, texts per question line; anything else gets a plausible answer. */
export type Answers = { choice?: Record<string, number>; text?: Record<string, string> };

export const isQuestion = (message: Message) => /câu \d+\/\d+/.test(textOf(message));
export const isList = (message: Message) => /Nhập tên mục/.test(textOf(message));
export const isReview = (message: Message) => textOf(message).startsWith("Xem lại báo cáo");
/** The question's own line: the bold line after the headings. */
export const questionOf = (message: Message) => textOf(message).split("\n\n")[1]?.split("\n")[0] ?? "";

/** What to answer a question screen (Telegram's or Zalo's text), by the hint its last lines give. */
export function answerFor(text: string, question: string, answers: Answers): { text: string } | { option: number } {
  if (text.includes("👉")) return { option: answers.choice?.[question] ?? 1 };
  if (answers.text?.[question]) return { text: answers.text[question]! };
  if (text.includes("🔢")) return { text: "12" };
  if (text.includes("📅")) return { text: "06/2027" };
  if (text.includes("📞")) return { text: "0912 345 678" };
  if (text.includes("✉️")) return { text: "dau.moi@example.gov.vn" };
  return { text: `Trả lời: ${question.slice(0, 40)}` };
}

/** Answers every screen until the review; lists get the given names and are then closed. */
export async function fillInChat(
  user: FakeUser,
  screen: Message,
  answers: Answers,
  lists: Record<string, string[]> = {},
): Promise<{ asked: string[]; review: Message }> {
  const asked: string[] = [];
  const added = new Set<string>();
  let current = screen;
  for (let steps = 0; steps < 300; steps++) {
    if (isReview(current)) return { asked, review: current };
    if (isQuestion(current)) {
      asked.push(questionOf(current));
      const answer = answerFor(textOf(current), questionOf(current), answers);
      if ("option" in answer) user.press(`${answer.option}. `, current);
      else user.send(answer.text);
    } else if (isList(current)) {
      const number = /^(\d(?:\.\d)?)\. /m.exec(textOf(current).split("\n\n")[1] ?? "")?.[1] ?? "";
      const next = (lists[number] ?? []).find((name) => !added.has(`${number}/${name}`));
      if (next) {
        added.add(`${number}/${next}`);
        user.send(next);
      } else {
        // An empty list closes with "Không có" (4.1: "Chưa kết nối"), a filled one with "Đã đủ danh sách".
        const close = ["Không có", "Chưa kết nối", "✅ Đã đủ danh sách"].find((label) =>
          buttonsOf(current).some((button) => button.text === label),
        );
        user.press(close ?? "✅ Đã đủ danh sách", current);
      }
    } else {
      throw new Error(`unexpected screen: ${textOf(current).slice(0, 200)}`);
    }
    current = await user.nextScreen();
  }
  throw new Error("the form did not end");
}
