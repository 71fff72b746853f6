import { encodeAction } from "../src/channels/actions.js";
import { formatAddress } from "../src/channels/address.js";
import { type Dialogue, joined, type MemberDialogue, nothing, sending, type Turn, turn } from "../src/dialogue/turn.js";
import type { Binding } from "../src/domain/roles.js";
import { translatorFor } from "../src/i18n.js";
import { normalizeCode } from "../src/services/invites.js";
import type { EffectOf } from "../src/storage/effects.js";
import { describeBinding } from "../src/views.js";

/**
 * Joining by invite, and the door for everyone who has not: a stranger is told how to join, once an
 * hour at most, and nothing else, whatever they send.
 */

/** An invite code typed or opened; `confirmed` once the member said yes to a change of role. `greet` shows an officer where the agency stands. */
export async function redeem(
  dialogue: Dialogue,
  code: string,
  confirmed: boolean,
  greet: (joined: Dialogue) => Promise<Turn>,
): Promise<Turn> {
  const { deps, message, member, t } = dialogue;
  const result = await deps.invites.redeem(code, message.from, member, deps.now(), confirmed, dialogue.effectMark);
  switch (result.outcome) {
    case "confirm":
      return sending({
        text: t("onboarding-confirm-change", {
          current: describeBinding(t, result.current, deps.directory),
          next: describeBinding(t, result.binding, deps.directory),
        }),
        buttons: [
          [{ label: t("onboarding-button-change"), data: encodeAction({ kind: "invite-confirm", code: normalizeCode(code) }) }],
          [{ label: t("onboarding-button-keep"), data: encodeAction({ kind: "invite-keep" }) }],
        ],
      });
    case "joined":
      deps.logger.info({ address: formatAddress(message.from), role: result.binding.role }, "member joined by invite");
      return welcome(dialogue, result.binding, greet);
    case "already-member":
      return sending({ text: t("onboarding-already-member", { role: describeBinding(t, result.binding, deps.directory) }) });
    case "used":
      return sending({ text: t("onboarding-code-used") });
    case "invalid":
      return sending({ text: t("onboarding-code-invalid") });
    case "locked":
      deps.logger.warn({ address: formatAddress(message.from) }, "invite redemption locked after repeated wrong codes");
      return (await deps.strangers.mayAnswer(message.from, "locked"))
        ? sending({ text: t("onboarding-locked", { minutes: result.retryInMinutes }) })
        : nothing;
  }
}

/** Someone who just joined as `binding`: welcomed, in their language, and greeted. */
async function welcome(dialogue: Dialogue, binding: Binding, greet: (joined: Dialogue) => Promise<Turn>): Promise<Turn> {
  const { deps, message, t } = dialogue;
  const now = await deps.members.at(message.from);
  const tj = now?.language ? translatorFor(now.language) : t;
  const welcomed = sending({ text: tj("onboarding-joined", { role: describeBinding(tj, binding, deps.directory) }) });
  return now ? joined(welcomed, await greet({ ...dialogue, member: now, t: tj })) : welcomed;
}

/**
 * The repeat of an update that joined someone (its effect mark): the welcome again, and whoever
 * was told of the invite's use told again (sent once); the invite is not used again.
 */
export async function joinedAgain(
  dialogue: MemberDialogue,
  effect: EffectOf<"joined">,
  greet: (joined: Dialogue) => Promise<Turn>,
): Promise<Turn> {
  const binding = await dialogue.deps.invites.joinedAgain(effect.invite, dialogue.member.id);
  return binding ? welcome(dialogue, binding, greet) : nothing;
}

/** "Keep my role": the invite stays unused. */
export const keep = (dialogue: Dialogue): Turn => turn([{ kind: "redraw", message: { text: dialogue.t("onboarding-kept") } }]);

/** What a stranger is told: how to join, once an hour at most. */
export async function turnAway(dialogue: Dialogue): Promise<Turn> {
  return (await dialogue.deps.strangers.mayAnswer(dialogue.message.from)) ? sending({ text: dialogue.t("onboarding-stranger") }) : nothing;
}
