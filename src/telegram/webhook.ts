import { type Bot, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import type { WebhookHandler, WebhookResponse } from "../http-server.js";

const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

/** Telegram's webhook on our HTTP server; grammY checks the secret (in constant time) and runs the update. */
// biome-ignore lint/suspicious/noExplicitAny: any bot context will do
export function telegramWebhook(bot: Bot<any>, secret: string): WebhookHandler {
  const handle = webhookCallback(
    bot,
    (update: Promise<Update>, header: string | undefined, reply: (response: WebhookResponse) => void) => ({
      update,
      header,
      end: () => reply({ status: 200 }),
      respond: (json: string) => reply({ status: 200, json }),
      unauthorized: () => reply({ status: 401, json: '"unauthorized"' }),
    }),
    // Telegram resends after its own timeout; answering late only causes a duplicate, which the ledger skips.
    { onTimeout: "return", secretToken: secret },
  );
  return (request) =>
    new Promise<WebhookResponse>((resolve, reject) => {
      const update = Promise.resolve().then(() => JSON.parse(request.body.toString("utf8")) as Update);
      Promise.resolve(handle(update, request.header(SECRET_HEADER), resolve)).then(() => resolve({ status: 200 }), reject);
    });
}
