import type { MemberId } from "../channels/address.js";
import type { Deps } from "../deps.js";
import { broadcastText } from "./announcements.js";
import { type BroadcastTarget, parseBroadcastTarget, type Recipient } from "./broadcasts.js";

/**
 * A broadcast from the chat or the CLI: who the target reaches, then one message per recipient,
 * in their language, into the outbox. The outbox sends them within the limits and the last one
 * settled reports back to the sender.
 */

export async function resolveBroadcast(
  deps: Deps,
  targetText: string,
): Promise<{ target: BroadcastTarget; recipients: Recipient[]; agencies: number } | { error: string }> {
  const target = parseBroadcastTarget(targetText);
  if (!target) return { error: `unknown target "${targetText}"` };
  const recipients = await deps.broadcasts.recipients(target);
  if ("error" in recipients) return recipients;
  return { target, recipients, agencies: new Set(recipients.map((recipient) => recipient.agencyId).filter(Boolean)).size };
}

export async function queueBroadcast(
  deps: Deps,
  senderId: MemberId | undefined,
  targetText: string,
  text: string,
): Promise<{ id: string; count: number; agencies: number } | { error: string }> {
  if (!deps.outbox) return { error: "no outbox in this process" };
  const resolved = await resolveBroadcast(deps, targetText);
  if ("error" in resolved) return resolved;
  const id = await deps.broadcasts.create(senderId, text, resolved.recipients);
  const messages = await Promise.all(
    resolved.recipients.map(async (recipient) => {
      const language = (await deps.members.get(recipient.memberId))?.language ?? "vi";
      return deps.broadcasts.messageFor(id, recipient, { text: broadcastText(language, text) });
    }),
  );
  await deps.outbox.enqueue(messages);
  deps.logger.info({ broadcast: id, recipients: messages.length }, "broadcast queued");
  return { id, count: messages.length, agencies: resolved.agencies };
}
