import type { MemberId } from "../channels/address.js";
import { type Refusal, refuse } from "../domain/refusal.js";
import type { Outbox, OutboxMessage } from "../jobs/outbox.js";
import type { Logger } from "../logger.js";
import { broadcastMessages } from "../metrics.js";
import type { EffectMarker } from "../storage/marks.js";
import type { MemberStore } from "../storage/members.js";
import type { AccessLog } from "./access-log.js";
import { broadcastText } from "./announcements.js";
import {
  type BroadcastService,
  type BroadcastTarget,
  parseBroadcastTarget,
  type Recipient,
  type RecipientsRefusal,
  type ResendOutcome,
} from "./broadcasts.js";

/**
 * A broadcast from the chat or the CLI: who the target reaches, then one message per recipient,
 * in their language, into the outbox. The outbox sends them within the limits and the last one
 * settled reports back to the sender.
 */

/** What a broadcast is resolved, queued and resent with: the broadcasts, and the outbox where this process sends. */
export interface BroadcastQueueDeps {
  broadcasts: BroadcastService;
  members: Pick<MemberStore, "get">;
  /** Absent where nothing is sent: broadcasts are then refused. */
  outbox: Pick<Outbox, "enqueue"> | undefined;
  accessLog: Pick<AccessLog, "record">;
  logger: Logger;
  now: () => number;
}

export type ResolvedBroadcast = { ok: true; target: BroadcastTarget; recipients: Recipient[]; agencies: number };

export async function resolveBroadcast(
  deps: Pick<BroadcastQueueDeps, "broadcasts">,
  targetText: string,
): Promise<ResolvedBroadcast | Refusal<"broadcast-refused-unknown-target"> | RecipientsRefusal> {
  const target = parseBroadcastTarget(targetText);
  if (!target) return refuse("broadcast-refused-unknown-target", { target: targetText });
  const found = await deps.broadcasts.recipients(target);
  if (!found.ok) return found;
  const { recipients } = found;
  return { ok: true, target, recipients, agencies: new Set(recipients.map((recipient) => recipient.agencyId).filter(Boolean)).size };
}

export async function queueBroadcast(
  deps: Pick<BroadcastQueueDeps, "broadcasts" | "members" | "outbox" | "logger">,
  senderId: MemberId | undefined,
  targetText: string,
  text: string,
  /** The effect mark of the update that sends it (the chat's), written with the broadcast. */
  mark?: EffectMarker,
): Promise<
  | { ok: true; id: string; count: number; agencies: number }
  | Refusal<"broadcast-unavailable" | "broadcast-refused-unknown-target">
  | RecipientsRefusal
> {
  const outbox = deps.outbox;
  if (!outbox) return refuse("broadcast-unavailable");
  const resolved = await resolveBroadcast(deps, targetText);
  if (!resolved.ok) return resolved;
  const id = await deps.broadcasts.create(senderId, text, resolved.recipients, mark);
  const messages = await messagesOf(deps, id, resolved.recipients, text);
  await outbox.enqueue(messages);
  broadcastMessages.inc({ result: "queued" }, messages.length);
  deps.logger.info({ broadcast: id, recipients: messages.length }, "broadcast queued");
  return { ok: true, id, count: messages.length, agencies: resolved.agencies };
}

/** One message per recipient, in their language, under ids of the broadcast and the recipient. */
async function messagesOf(
  deps: Pick<BroadcastQueueDeps, "broadcasts" | "members">,
  id: string,
  recipients: Recipient[],
  text: string,
): Promise<OutboxMessage[]> {
  return Promise.all(
    recipients.map(async (recipient) => {
      const language = (await deps.members.get(recipient.memberId))?.language ?? "vi";
      return deps.broadcasts.messageFor(id, recipient, { text: broadcastText(language, text) });
    }),
  );
}

/**
 * A broadcast an earlier try of the update sent (`queueBroadcast` with its mark): its messages
 * queued again under the same ids, so that what reached the outbox is sent once and what a failure
 * kept from it goes now. How many recipients it has; undefined for one no longer kept.
 */
export async function requeueBroadcast(
  deps: Pick<BroadcastQueueDeps, "broadcasts" | "members" | "outbox">,
  id: string,
): Promise<number | undefined> {
  const sent = await deps.broadcasts.sent(id);
  if (!sent) return undefined;
  await deps.outbox?.enqueue(await messagesOf(deps, id, sent.recipients, sent.text));
  return sent.recipients.length;
}

/**
 * `/broadcast resend <id>` and `npm run cli -- broadcast resend <id>`: the broadcast again to the
 * recipients it did not reach, each once, in their language; written to the access log.
 */
export async function resendBroadcast(
  deps: Pick<BroadcastQueueDeps, "broadcasts" | "outbox" | "accessLog" | "logger" | "now">,
  by: MemberId,
  id: string,
): Promise<ResendOutcome | Refusal<"broadcast-unavailable">> {
  const outbox = deps.outbox;
  if (!outbox) return refuse("broadcast-unavailable");
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
