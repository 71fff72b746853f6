import { foldName } from "../domain/agencies.js";
import type { FormActionId } from "./actions.js";

/**
 * Words that press a screen's button when typed, in Vietnamese and English, compared without
 * case or accents ("quay lai" is "Quay lại"). A channel without buttons depends on them; on
 * Telegram they work as well. Only a whole message counts, and only for a button the screen has.
 */
const WORDS = {
  back: ["quay lai", "tro lai", "back"],
  review: ["xem lai", "review"],
  skip: ["bo qua", "skip"],
  later: ["de sau", "tra loi sau", "later"],
  pause: ["tam dung", "pause"],
  submit: ["gui", "gui bao cao", "submit"],
  keep: ["giu nguyen", "keep"],
  done: ["da du", "da du danh sach", "xong", "done"],
  add: ["them", "add"],
  cancel: ["huy", "cancel"],
  resume: ["tiep tuc", "continue"],
  reopen: ["mo lai", "reopen"],
  delete: ["xoa", "delete"],
  confirm: ["dong y xoa", "confirm"],
  "confirm-part": ["van dung", "van dung giu nguyen", "xac nhan", "still true"],
} satisfies Partial<Record<FormActionId, readonly string[]>>;

const ACTION_OF_WORD = new Map(
  Object.entries(WORDS).flatMap(([action, words]) => words.map((word) => [word, action as FormActionId] as const)),
);

/** The action a typed message names, if it names one. */
export function navigationAction(text: string): FormActionId | undefined {
  return ACTION_OF_WORD.get(foldName(text));
}
