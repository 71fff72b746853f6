import type { Deps } from "../deps.js";
import type { WebhookRoute } from "../http-server.js";
import { keepUntilStored, type Receiver, webhookInto } from "../intake/receive.js";
import type { IntakeStream } from "../intake/stream.js";
import type { Logger } from "../logger.js";
import { parseZaloUpdate, type ZaloClient, type ZaloUpdate } from "./client.js";
import type { ZaloUpdates } from "./updates.js";

/**
 * Zalo updates in: kept in the intake stream before the webhook answers (Zalo has no update id:
 * a redelivery is known by its message_id, remembered two days), then applied from it, one
 * chat's messages one after another, each marked applied by its entry so a replay after a crash
 * does not apply an answer twice.
 */

const SEEN_SECONDS = 2 * 24 * 60 * 60;
const SECRET_HEADER = "X-Bot-Api-Secret-Token";

export class ZaloIntake {
  constructor(
    private readonly updates: ZaloUpdates,
    private readonly stream: IntakeStream<ZaloUpdate>,
    private readonly deps: Pick<Deps, "keys" | "logger">,
  ) {}

  /** Resolves once the update is kept (or known to be a repeat); throws when Redis cannot take it. */
  async receive(update: ZaloUpdate): Promise<void> {
    const kept = await this.stream.store(update.message.chat.id, update, {
      key: this.deps.keys.zaloSeen(update.message.message_id),
      seconds: SEEN_SECONDS,
    });
    if (!kept) this.deps.logger.info({ event: update.event_name }, "redelivered Zalo message skipped");
  }

  start(): Promise<void> {
    return this.stream.start(
      (entry) => this.updates.apply(entry.update, entry.seq, () => this.stream.writtenSince(entry)),
      // The person hears that something failed, once, when the message is given up on.
      async ({ update }) => this.updates.apologize(update.message.chat.id),
    );
  }

  stop(): Promise<void> {
    return this.stream.stop();
  }
}

/** Zalo's updates as the intake receives them: either envelope, anything but a message acknowledged and dropped. */
export function zaloReceiver(intake: ZaloIntake, logger: Logger): Receiver<ZaloUpdate> {
  return { messenger: "Zalo", parse: (body) => parseZaloUpdate(body) ?? "ignored", keep: (update) => intake.receive(update), logger };
}

export const zaloWebhook = (secret: string, receiver: Receiver<ZaloUpdate>): WebhookRoute => webhookInto(SECRET_HEADER, secret, receiver);

/** Long polling: one update per call, 408 when idle; each kept before the next is fetched (Zalo will not give it again); stops when `signal` aborts. */
export async function pollZalo(client: ZaloClient, receiver: Receiver<ZaloUpdate>, signal: AbortSignal): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    let update: ZaloUpdate | undefined;
    try {
      update = await client.getUpdate(30, signal);
      failures = 0;
    } catch (error) {
      if (signal.aborted) return;
      failures += 1;
      receiver.logger.warn({ error: (error as Error).message, failures }, "Zalo getUpdates failed");
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** failures, 30_000)));
      continue;
    }
    if (update) {
      const fetched = update;
      await keepUntilStored(receiver, fetched, () => signal.aborted).catch(() =>
        receiver.logger.error({ event: fetched.event_name }, "Zalo message lost: stopped while Redis could not keep it"),
      );
    }
  }
}
