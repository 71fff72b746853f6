import { timingSafeEqual } from "node:crypto";
import type { WebhookHandler } from "../http-server.js";
import type { Logger } from "../logger.js";
import type { Redis } from "../redis.js";
import type { Keys } from "../storage/keys.js";
import { parseZaloUpdate, type ZaloClient, type ZaloUpdate } from "./client.js";
import type { ZaloConversation } from "./conversation.js";

/**
 * Zalo updates in: by long polling or by webhook, each message applied once (Zalo has no update
 * id; its message_id is remembered for two days) and one chat's messages one after another.
 */

const SEEN_SECONDS = 2 * 24 * 60 * 60;
const SECRET_HEADER = "X-Bot-Api-Secret-Token";

export class ZaloIntake {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly conversation: ZaloConversation,
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly logger: Logger,
  ) {}

  /** Resolves once the update is applied (or known to be a repeat). */
  receive(update: ZaloUpdate): Promise<void> {
    const chatId = update.message.chat.id;
    const previous = this.chains.get(chatId) ?? Promise.resolve();
    const next = previous.then(() => this.apply(update));
    this.chains.set(chatId, next);
    void next.finally(() => {
      if (this.chains.get(chatId) === next) this.chains.delete(chatId);
    });
    return next;
  }

  private async apply(update: ZaloUpdate): Promise<void> {
    const seen = this.keys.zaloSeen(update.message.message_id);
    if (!(await this.redis.set(seen, "1", "EX", SEEN_SECONDS, "NX"))) {
      this.logger.info({ event: update.event_name }, "redelivered Zalo message skipped");
      return;
    }
    try {
      await this.conversation.handle(update);
    } catch (error) {
      // Not marked as applied, so a redelivery tries again; the person hears that something failed.
      await this.redis.del(seen);
      this.logger.error({ event: update.event_name, error: (error as Error).message }, "Zalo update failed");
      await this.conversation.apologize(update.message.chat.id).catch(() => undefined);
    }
  }
}

const sameSecret = (given: string | undefined, secret: string): boolean => {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Zalo's webhook: the secret header checked in constant time, either envelope accepted. */
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
    await intake.receive(update);
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
      if (update) await intake.receive(update);
    } catch (error) {
      if (signal.aborted) return;
      failures += 1;
      logger.warn({ error: (error as Error).message, failures }, "Zalo getUpdates failed");
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** failures, 30_000)));
    }
  }
}
