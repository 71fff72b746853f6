import type { Deps } from "../deps.js";
import type { WebhookRoute } from "../http-server.js";
import { type Receiver, webhookInto } from "../intake/receive.js";
import type { IntakeStream } from "../intake/stream.js";
import type { Logger } from "../logger.js";
import { parseOaJson } from "./client.js";
import type { OaUpdates } from "./updates.js";
import { checkSignature, dedupeKeyOf, type OaEvent, parseOaEvent, SIGNATURE_HEADER } from "./webhook.js";

/**
 * Zalo OA events in: the webhook's signature checked on the body read within the cap, then the
 * event kept in the intake stream before the 200, as every messenger's (src/intake/receive.ts).
 * A redelivery is known by its message id (or a follow by its person and time), remembered two
 * days; one person's events are applied one after another.
 */

const SEEN_SECONDS = 2 * 24 * 60 * 60;

export class OaIntake {
  constructor(
    private readonly updates: OaUpdates,
    private readonly stream: IntakeStream<OaEvent>,
    private readonly deps: Pick<Deps, "keys" | "logger">,
  ) {}

  /** Resolves once the event is kept (or known to be a repeat); throws when Redis cannot take it. */
  async receive(event: OaEvent): Promise<void> {
    const kept = await this.stream.store(event.userId, event, {
      key: this.deps.keys.zaloOaSeen(dedupeKeyOf(event)),
      seconds: SEEN_SECONDS,
    });
    if (!kept) this.deps.logger.info({ event: event.event_name }, "redelivered Zalo OA event skipped");
  }

  start(): Promise<void> {
    return this.stream.start(
      (entry) => this.updates.apply(entry.update, entry.seq, () => this.stream.writtenSince(entry)),
      // The person hears that something failed, once, when the message is given up on.
      async ({ update }) => {
        if (update.kind === "message") await this.updates.apologize(update.userId);
      },
    );
  }

  stop(): Promise<void> {
    return this.stream.stop();
  }
}

export function oaReceiver(intake: OaIntake, oaId: string, logger: Logger): Receiver<OaEvent> {
  return { messenger: "Zalo OA", parse: (body) => parseOaEvent(body, oaId), keep: (event) => intake.receive(event), logger };
}

/**
 * The OA's webhook route: no secret header to check before the body (the OA signs the body
 * instead), so the body is read within the server's cap, its signature and time checked here,
 * and only then handled as every messenger's webhook is. The empty `{}` Zalo posts, unsigned,
 * when the URL is registered gets its 200 and nothing else.
 */
export function oaWebhook(
  keys: { appId: string; secretKey: string },
  receiver: Receiver<OaEvent>,
  now: () => number = Date.now,
): WebhookRoute {
  // Its own secret check is never used: the route is a signed one.
  const { handle } = webhookInto("", "", receiver);
  return {
    secret: "signature",
    handle: async (request) => {
      const raw = request.body.toString("utf8");
      const body = parseOaJson(raw);
      if (body === undefined) return { status: 400, json: '"not JSON"' };
      if (body !== null && typeof body === "object" && Object.keys(body).length === 0) return { status: 200 };
      const timestamp = (body as { timestamp?: unknown } | null)?.timestamp;
      const check = checkSignature(
        request.header(SIGNATURE_HEADER),
        raw,
        typeof timestamp === "string" || typeof timestamp === "number" ? String(timestamp) : undefined,
        keys,
        now(),
      );
      if (!check.ok) {
        receiver.logger.warn({ reason: check.reason }, "Zalo OA webhook request refused");
        return { status: 401, json: '"unauthorized"' };
      }
      // Handed on as JSON again, its long ids now strings.
      return handle({ body: Buffer.from(JSON.stringify(body)), header: request.header });
    },
  };
}
