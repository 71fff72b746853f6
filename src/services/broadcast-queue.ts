import type { MemberId } from "../channels/address.js";
import type { Deps } from "../deps.js";
import { broadcastMessages } from "../metrics.js";
import { broadcastText } from "./announcements.js";
import { type BroadcastTarget, parseBroadcastTarget, type Recipient, type ResendOutcome } from "./broadcasts.js";

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
  broadcastMessages.inc({ result: "queued" }, messages.length);
  deps.logger.info({ broadcast: id, recipients: messages.length }, "broadcast queued");
  return { id, count: messages.length, agencies: resolved.agencies };
}

/**
 * `/broadcast resend <id>` and `npm run cli -- broadcast resend <id>`: the broadcast again to the
 * recipients it did not reach, each once, in their language; written to the access log.
 */
export async function resendBroadcast(deps: Deps, by: MemberId, id: string): Promise<ResendOutcome | { ok: false; reason: "no-outbox" }> {
  const outbox = deps.outbox;
  if (!outbox) return { ok: false, reason: "no-outbox" };
  const outcome = await deps.broadcasts.resend(
    id,
    (messages) => outbox.enqueue(messages),
    (language, text) => ({ text: broadcastText(language, text) }),
  );
  if (outcome.ok) {
    await deps.accessLog.record({ by, what: "broadcast-resend", detail: id }, deps.now());
    deps.logger.info({ broadcast: id, recipients: outcome.queued, resend: outcome.resend }, "broadcast resent");
  }
  return outcome;
}
