import { FilesByLink } from "../channels/file-by-link.js";
import type { FileLinks } from "../channels/file-links.js";
import type { RunningChannel } from "../channels/port.js";
import type { ZaloConfig } from "../config.js";
import type { Deps } from "../deps.js";
import { IntakeStream } from "../intake/stream.js";
import { MenuStore } from "../storage/menus.js";
import { ZaloChannel } from "./channel.js";
import { ZaloClient, type ZaloUpdate } from "./client.js";
import { pollZalo, ZaloIntake, zaloReceiver, zaloWebhook } from "./intake.js";
import { ZaloUpdates } from "./updates.js";

/** Zalo: our client, the conversation, the intake, and either long polling or the webhook registered with Zalo. */
export async function startZalo(
  config: ZaloConfig,
  instanceId: string,
  deps: Deps,
  links: FileLinks | undefined,
): Promise<RunningChannel & { botId: string }> {
  const client = new ZaloClient(config.token, config.apiRoot);
  const me = await client.getMe();
  await deps.redis.set(deps.keys.zaloBot, JSON.stringify({ name: me.account_name ?? "", url: config.botUrl ?? "" }));
  const menus = new MenuStore(deps.redis, deps.keys);
  const channel = new ZaloChannel(client, menus, deps.now, new FilesByLink(links, deps.members, deps.now));
  const updates = new ZaloUpdates(deps, channel, me.id);
  const stream = new IntakeStream<ZaloUpdate>(deps.redis, deps.keys.intake("zalo"), deps.keys.intakeParked("zalo"), deps.logger, {
    consumer: instanceId,
  });
  const intake = new ZaloIntake(updates, stream, deps);
  const receiver = zaloReceiver(intake, deps.logger);
  const polling = new AbortController();
  let loop: Promise<void> | undefined;
  const webhooks = config.mode.kind === "webhook" ? { [new URL(config.mode.url).pathname]: zaloWebhook(config.mode.secret, receiver) } : {};
  return {
    channel,
    webhooks,
    botId: me.id,
    async receive() {
      await intake.start();
      if (config.mode.kind === "webhook") {
        await client.setWebhook(config.mode.url, config.mode.secret);
        return;
      }
      // Polling does not work while a webhook is set.
      await client.deleteWebhook();
      loop = pollZalo(client, receiver, polling.signal);
    },
    async stop() {
      polling.abort();
      await loop;
      await intake.stop();
    },
  };
}
