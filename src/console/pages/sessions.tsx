import { Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import { CONSOLE_PATH } from "../../http-server.js";
import { formatMoment } from "../../services/announcements.js";
import { DataTable } from "../components.js";
import { type ConsoleEnv, SESSION_COOKIE } from "../env.js";
import { Csrf, Page, path } from "../layout.js";

/** The viewer's own sessions: where they are signed in, and signing out of one or of all. */
export const sessionPages = new Hono<ConsoleEnv>();

sessionPages.get("/sessions", async (c) => {
  const { deps, viewer } = c.var;
  const { t } = viewer;
  const sessions = await deps.webSessions.list(viewer.member.id, deps.now());
  return c.html(
    <Page viewer={viewer} title={t("console-sessions-title")} section="sessions">
      <DataTable
        caption={t("console-sessions-caption")}
        columns={[
          t("console-sessions-device"),
          t("console-sessions-started"),
          t("console-sessions-seen"),
          { label: t("console-sessions-action"), kind: "action" },
        ]}
      >
        <tbody>
          {sessions.map((session) => (
            <tr>
              <td>
                {session.device}
                {session.key === viewer.session?.key ? <span class="muted"> · {t("console-sessions-this")}</span> : null}
              </td>
              <td>{formatMoment(session.createdAt, deps.timeZone)}</td>
              <td>{formatMoment(session.seenAt, deps.timeZone)}</td>
              <td>
                <form method="post" action={path("sessions", session.key, "end")}>
                  <Csrf viewer={viewer} />
                  <button type="submit" class="secondary">
                    {t("console-sessions-end")}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <form method="post" action={path("sessions", "end-all")} class="actions">
        <Csrf viewer={viewer} />
        <button type="submit" class="danger">
          {t("console-sessions-end-all")}
        </button>
      </form>
    </Page>,
  );
});

sessionPages.post("/sessions/end-all", async (c) => {
  const { deps, viewer } = c.var;
  await deps.webSessions.endAll(viewer.member.id);
  deleteCookie(c, SESSION_COOKIE, { path: CONSOLE_PATH });
  return c.redirect(path("sign-in"), 303);
});

sessionPages.post("/sessions/:key/end", async (c) => {
  const { deps, viewer } = c.var;
  const key = c.req.param("key");
  const own = (await deps.webSessions.list(viewer.member.id, deps.now())).find((session) => session.key === key);
  if (!own) return c.notFound();
  await deps.webSessions.end(own);
  if (key === viewer.session?.key) {
    deleteCookie(c, SESSION_COOKIE, { path: CONSOLE_PATH });
    return c.redirect(path("sign-in"), 303);
  }
  return c.redirect(path("sessions"), 303);
});
