import { telegramAddress } from "../../src/channels/address.js";
import type { Deps } from "../../src/deps.js";
import type { QuestionSlot } from "../../src/form/slots.js";
import type { OfficerMember } from "../../src/services/reporting.js";

export const officer = (userId: number, agencyId: string): OfficerMember => ({
  id: String(userId),
  addresses: [telegramAddress(userId)],
  preferred: telegramAddress(userId),
  binding: { role: "officer", agencyId },
  profile: {},
  language: undefined,
  joinedAt: 0,
  blocked: false,
});

/**
 * Fills an agency's form through the reporting service, as the bot does, storing in Redis:
 * `answer` answers each question, `entries` names the systems of each list; then submits if asked.
 */
export async function fillThroughService(
  deps: Deps,
  member: OfficerMember,
  answer: (slot: QuestionSlot) => string,
  entries: (listId: string) => string[],
  options: { submit: boolean; now?: number; stopAfter?: number } = { submit: true },
): Promise<void> {
  const now = options.now ?? Date.now();
  let outcome = await deps.reporting.step(member, { kind: "open" }, now);
  const added = new Set<string>();
  for (let steps = 0; steps < 400; steps++) {
    if (outcome.kind !== "step") throw new Error("unexpected standing");
    const view = outcome.view;
    if (options.stopAfter !== undefined && steps >= options.stopAfter) return;
    if (view.kind === "review") break;
    if (view.kind === "question") outcome = await deps.reporting.step(member, { kind: "text", text: answer(view.slot) }, now);
    else if (view.kind === "list") {
      const next = entries(view.node.id).find((name) => !added.has(`${view.node.id}/${name}`));
      if (next) added.add(`${view.node.id}/${next}`);
      outcome = await deps.reporting.step(
        member,
        next ? { kind: "text", text: next } : { kind: "action", seq: outcome.cursor.seq, action: "done" },
        now,
      );
    } else throw new Error(`unexpected view ${view.kind}`);
  }
  if (options.submit && outcome.kind === "step")
    await deps.reporting.step(member, { kind: "action", seq: outcome.cursor.seq, action: "submit" }, now);
}
