import { encodeAction } from "../src/channels/actions.js";
import { type MemberDialogue, sending, type Turn, turn } from "../src/dialogue/turn.js";
import { isLanguage, translatorFor } from "../src/i18n.js";
import { LANGUAGES } from "../src/storage/members.js";

/** /lang: the member picks Vietnamese or English; the choice outlives the messenger client's setting. */

export function choose(dialogue: MemberDialogue): Turn {
  const { t } = dialogue;
  return sending({
    text: t("language-choose"),
    buttons: [LANGUAGES.map((code) => ({ label: t(`language-name-${code}`), data: encodeAction({ kind: "language", language: code }) }))],
  });
}

export async function set(dialogue: MemberDialogue, chosen: string): Promise<Turn> {
  if (!isLanguage(chosen)) return turn([]);
  await dialogue.deps.members.setLanguage(dialogue.member.id, chosen);
  return turn([{ kind: "redraw", message: { text: translatorFor(chosen)("language-set") } }]);
}
