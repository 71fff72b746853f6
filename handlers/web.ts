import { type MemberDialogue, sending, type Turn } from "../src/dialogue/turn.js";
import { CONSOLE_PATH } from "../src/http-server.js";
import { formatMoment } from "../src/services/announcements.js";
import { SIGN_IN_TTL_SECONDS } from "../src/services/web-sessions.js";
import { refusalHtml } from "../src/views.js";

/**
 * /web: a one-time link that signs the member in to the web console (sent without a preview, so a
 * messenger fetching it uses nothing up); `/web sessions` lists where they are signed in; `/web
 * signout` ends every session.
 */
export async function web(dialogue: MemberDialogue, argument: string): Promise<Turn> {
  const { deps, member, t } = dialogue;
  const word = argument.trim().toLowerCase();
  if (word === "sessions") {
    const sessions = await deps.webSessions.list(member.id, deps.now());
    if (sessions.length === 0) return sending({ text: t("web-sessions-none") });
    const lines = sessions.map((session) =>
      t("web-sessions-line", {
        device: session.device,
        started: formatMoment(session.createdAt, deps.timeZone),
        seen: formatMoment(session.seenAt, deps.timeZone),
      }),
    );
    return sending({ text: [t("web-sessions-title", { count: sessions.length }), ...lines, "", t("web-sessions-hint")].join("\n") });
  }
  if (word === "signout") {
    const ended = await deps.webSessions.endAll(member.id);
    deps.logger.info({ memberId: member.id, ended }, "console sessions ended from the chat");
    return sending({ text: t("web-signed-out", { count: ended }) });
  }
  if (word) return sending({ text: t("web-usage") });
  const issued = await deps.webSessions.issueSignIn(member.id, member.binding, deps.now());
  if (!issued.ok) return sending({ text: refusalHtml(t, issued) });
  deps.logger.info({ memberId: member.id }, "console sign-in link issued");
  const link = `${deps.consoleUrl}${CONSOLE_PATH}/sign-in/${issued.token}`;
  return sending({ text: t("web-link", { link, minutes: SIGN_IN_TTL_SECONDS / 60 }), noPreview: true });
}
