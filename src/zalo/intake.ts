import type { Deps } from "../deps.js";
import { sameSecret, type WebhookHandler } from "../http-server.js";
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

/** Zalo's webhook: the secret header checked in constant time, either envelope accepted, 503 while Redis cannot keep it. */
export function zaloWebhook(secret: string, intake: ZaloIntake, logger: Logger): WebhookHandler {
  return async (request) => {
    if (!sameSecret(request.header(SECRET_HEADER), secret)) return { status: 401, json: '"unauthorized"' };
    let body: unknown;
    try {
      body = JSON.parse(request.body.toString("utf8"));
    } catch {
      return { status: 400, json: '"not JSON"' };
    }
    const update = parseZaloUpdate(body);
    if (!update) {
      logger.info("Zalo webhook body that is no message update, ignored");
      return { status: 200 };
    }
    try {
      await intake.receive(update);
    } catch (error) {
      logger.warn({ error: (error as Error).message }, "Zalo update not kept; Zalo will deliver it again");
      return { status: 503, json: '"unavailable"' };
    }
    return { status: 200 };
  };
}

/** Long polling: one update per call, 408 when idle; stops when `signal` aborts. */
export async function pollZalo(client: ZaloClient, intake: ZaloIntake, logger: Logger, signal: AbortSignal): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    try {
      const update = await client.getUpdate(30, signal);
      failures = 0;
      // Zalo will not give it again: it is kept before the next one is fetched.
      if (update) await keepUntilStored(intake, update, logger, signal);
    } catch (error) {
      if (signal.aborted) return;
      failures += 1;
      logger.warn({ error: (error as Error).message, failures }, "Zalo getUpdates failed");
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** failures, 30_000)));
    }
  }
}

async function keepUntilStored(intake: ZaloIntake, update: ZaloUpdate, logger: Logger, signal: AbortSignal): Promise<void> {
  for (;;) {
    try {
      await intake.receive(update);
      return;
    } catch (error) {
      if (signal.aborted) {
        logger.error({ event: update.event_name }, "Zalo message lost: stopped while Redis could not keep it");
        return;
      }
      logger.warn({ error: (error as Error).message }, "Zalo update not kept yet; trying again");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
