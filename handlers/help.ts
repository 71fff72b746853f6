import { type MemberDialogue, sending, type Turn } from "../src/dialogue/turn.js";
import { describeBinding } from "../src/views.js";

/** /help: what this member, in this role, can do here (typed on a messenger without buttons); and /start for the roles the form does not greet. */

export function help(dialogue: MemberDialogue): Turn {
  const { deps, member, t, surface } = dialogue;
  const role = describeBinding(t, member.binding, deps.directory);
  const key = surface.style === "numbered" ? `zalo-help-${member.binding.role}` : `help-${member.binding.role}`;
  return sending({ text: t(key, { role }) });
}

export function welcomeBack(dialogue: MemberDialogue): Turn {
  return sending({
    text: dialogue.t("onboarding-welcome-back", { role: describeBinding(dialogue.t, dialogue.member.binding, dialogue.deps.directory) }),
  });
}
