import type { WebhookHandler, WebhookRoute } from "../http-server.js";
import type { Logger } from "../logger.js";

/**
 * How a messenger's updates reach the intake, the same for every messenger: a webhook whose secret
 * header the server checks in constant time, answering 200 only once the update is kept (503 while Redis
 * cannot take it, so the messenger delivers it again); and, for polling, keeping each update before
 * the next is fetched, trying again while Redis is away.
 */

export interface Receiver<T> {
  /** The messenger's name, for the log. */
  messenger: string;
  /** The update in a body, or why not: "invalid" is refused (400), "ignored" acknowledged and dropped. */
  parse(body: unknown): T | "invalid" | "ignored";
  /** Keeps the update; throws when Redis cannot take it. */
  keep(update: T): Promise<void>;
  logger: Logger;
}

/**
 * A webhook route whose secret the HTTP server checks before it reads a byte of the body
 * (src/http-server.ts): a request without it costs nothing but its headers.
 */
export function webhookInto<T>(header: string, secret: string, receiver: Receiver<T>): WebhookRoute {
  const handle: WebhookHandler = async (request) => {
    let body: unknown;
    try {
      body = JSON.parse(request.body.toString("utf8"));
    } catch {
      return { status: 400, json: '"not JSON"' };
    }
    const update = receiver.parse(body);
    if (update === "invalid") return { status: 400, json: '"not an update"' };
    if (update === "ignored") {
      receiver.logger.info(`${receiver.messenger} webhook body that is no message update, ignored`);
      return { status: 200 };
    }
    try {
      await receiver.keep(update);
    } catch (error) {
      receiver.logger.warn(
        { error: (error as Error).message },
        `${receiver.messenger} update not kept; ${receiver.messenger} will deliver it again`,
      );
      return { status: 503, json: '"unavailable"' };
    }
    return { status: 200 };
  };
  return { handle, secret: { header, value: secret } };
}

/** Keeps an update that polling fetched, trying again while Redis is away; throws once `stopping` says so (the messenger has it still). */
export async function keepUntilStored<T>(receiver: Receiver<T>, update: T, stopping: () => boolean): Promise<void> {
  for (;;) {
    try {
      await receiver.keep(update);
      return;
    } catch (error) {
      if (stopping()) throw error;
      receiver.logger.warn({ error: (error as Error).message }, `${receiver.messenger} update not kept yet; trying again`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
