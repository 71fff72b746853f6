import { FilesByLink } from "../channels/file-by-link.js";
import type { FileLinks } from "../channels/file-links.js";
import type { RunningChannel } from "../channels/port.js";
import type { ZaloOaConfig } from "../config.js";
import type { Deps } from "../deps.js";
import { IntakeStream } from "../intake/stream.js";
import type { WaitingMessages } from "../jobs/outbox.js";
import { MenuStore } from "../storage/menus.js";
import { OaChannel } from "./channel.js";
import { OaClient } from "./client.js";
import { OaIntake, oaReceiver, oaWebhook } from "./intake.js";
import { TokenKeeper } from "./tokens.js";
import { OaUpdates } from "./updates.js";
import type { OaEvent } from "./webhook.js";

/**
 * The Zalo Official Account: our client, its tokens (seeded from ZALO_OA_REFRESH_TOKEN the first
 * time), the conversation, the intake, and the webhook path. The OA has no polling, and its
 * webhook URL is set by the OA's admin in Zalo for Developers, not by an API call.
 */
export async function startZaloOa(
  config: ZaloOaConfig,
  instanceId: string,
  deps: Deps,
  links: FileLinks | undefined,
  waiting: WaitingMessages,
): Promise<RunningChannel & { health(): Promise<string> }> {
  // Where invites send people to join by the OA (src/storage/invites.ts botsKnown).
  await deps.redis.set(deps.keys.zaloOa, JSON.stringify({ url: config.url ?? "" }));
  const client = new OaClient(config.apiRoot, config.oauthRoot, config.appId, config.appSecret);
  const tokens = new TokenKeeper(deps.redis, deps.keys, client, deps.logger, { owner: instanceId });
  await tokens.seed(config.refreshToken);
  const files = new FilesByLink(links, deps.members, deps.now);
  const channel = new OaChannel(client, tokens, new MenuStore(deps.redis, deps.keys), deps.now, files);
  const updates = new OaUpdates(deps, channel, waiting);
  const stream = new IntakeStream<OaEvent>(deps.redis, deps.keys.intake("zalo-oa"), deps.keys.intakeParked("zalo-oa"), deps.logger, {
    consumer: instanceId,
  });
  const intake = new OaIntake(updates, stream, deps);
  const receiver = oaReceiver(intake, config.oaId, deps.logger);
  const path = new URL(config.webhookUrl).pathname;
  return {
    channel,
    webhooks: { [path]: oaWebhook({ appId: config.appId, secretKey: config.secretKey }, receiver) },
    async receive() {
      await intake.start();
      tokens.start();
      // Said at once rather than at the first message: a refused token needs a person.
      await tokens.accessToken().catch((error: Error) => deps.logger.warn({ error: error.message }, "Zalo OA has no access token yet"));
    },
    async stop() {
      tokens.stop();
      await intake.stop();
    },
    async health() {
      const { up, detail } = await tokens.status();
      return up ? "up" : `down: ${detail}`;
    },
  };
}
