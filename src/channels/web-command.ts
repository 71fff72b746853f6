import type { Deps } from "../deps.js";
import { CONSOLE_PATH } from "../http-server.js";
import { formatMoment } from "../services/announcements.js";
import { SIGN_IN_TTL_SECONDS } from "../services/web-sessions.js";
import type { Member } from "../storage/members.js";
import type { Translate } from "../views.js";
import type { OutgoingMessage } from "./port.js";

/**
 * /web on any channel: a one-time link that signs the member in to the web console; `/web
 * sessions` lists where they are signed in; `/web signout` ends every session.
 */
export async function webCommand(deps: Deps, member: Member, argument: string, t: Translate): Promise<OutgoingMessage> {
  const word = argument.trim().toLowerCase();
  if (word === "sessions") {
    const sessions = await deps.webSessions.list(member.id, deps.now());
    if (sessions.length === 0) return { text: t("web-sessions-none") };
    const lines = sessions.map((session) =>
      t("web-sessions-line", {
        device: session.device,
        started: formatMoment(session.createdAt, deps.timeZone),
        seen: formatMoment(session.seenAt, deps.timeZone),
      }),
    );
    return { text: [t("web-sessions-title", { count: sessions.length }), ...lines, "", t("web-sessions-hint")].join("\n") };
  }
  if (word === "signout") {
    const ended = await deps.webSessions.endAll(member.id);
    deps.logger.info({ memberId: member.id, ended }, "console sessions ended from the chat");
    return { text: t("web-signed-out", { count: ended }) };
  }
  if (word) return { text: t("web-usage") };
  const issued = await deps.webSessions.issueSignIn(member.id, member.binding, deps.now());
  if (!issued.ok) return { text: t("web-too-many") };
  deps.logger.info({ memberId: member.id }, "console sign-in link issued");
  const link = `${deps.consoleUrl}${CONSOLE_PATH}/sign-in/${issued.token}`;
  return { text: t("web-link", { link, minutes: SIGN_IN_TTL_SECONDS / 60 }) };
}
