import { readFileSync } from "node:fs";
import { Hono, type MiddlewareHandler, type NotFoundHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Deps } from "../deps.js";
import { bindingTag } from "../domain/roles.js";
import { CONSOLE_PATH } from "../http-server.js";
import { translatorFor } from "../i18n.js";
import { projectPath } from "../project-root.js";
import { SESSION_MAX_MS, sameToken } from "../services/web-sessions.js";
import { type ConsoleEnv, type ConsoleOptions, SESSION_COOKIE, type Viewer } from "./env.js";
import { Page, path } from "./layout.js";
import { consolePages } from "./pages/index.js";

/**
 * The web console, served by the bot's own process under /console: the same services and
 * permissions as the chat, sessions in Redis so that any process behind a proxy serves any
 * request. Routes live with their pages in src/console/pages/; this file holds what every request
 * goes through: security headers, the assets, signing in and out, the session, and CSRF.
 */

const ASSETS: Record<string, { type: string; body: string }> = {
  "console.css": { type: "text/css; charset=utf-8", body: readFileSync(projectPath("src/console/assets/console.css"), "utf8") },
  "console.js": { type: "text/javascript; charset=utf-8", body: readFileSync(projectPath("src/console/assets/console.js"), "utf8") },
};

/** The largest request body the console reads: a broadcast or a note is a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024;

const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

/** What a browser says it is, shortened to a name a person recognises in a list of sessions. */
export function deviceOf(userAgent: string | undefined): string {
  const ua = userAgent ?? "";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Chrome\//.test(ua)
      ? "Chrome"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Safari\//.test(ua)
          ? "Safari"
          : "Trình duyệt";
  const system = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return system ? `${browser} · ${system}` : browser;
}

/** The console's page for what is not there, or not the viewer's: the same for both, so ids cannot be probed. */
export const consoleNotFound: NotFoundHandler<ConsoleEnv> = (c) => c.html(<NotFoundPage viewer={c.get("viewer")} />, 404);

export function createConsole(deps: Deps, options: ConsoleOptions): { app: Hono<ConsoleEnv>; notFound: NotFoundHandler<ConsoleEnv> } {
  const app = new Hono<ConsoleEnv>();
  const secure = options.publicUrl.startsWith("https:");

  app.use(async (c, next) => {
    c.set("deps", deps);
    c.set("options", options);
    await deps.clock.sync();
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store");
  });

  app.get("/assets/:name", (c) => {
    const name = c.req.param("name");
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, { "content-type": asset.type, "cache-control": "public, max-age=300" });
  });

  // The link from /web opens a page with one button: a messenger fetching the link for its preview uses nothing up.
  app.get("/sign-in/:token", (c) =>
    c.html(
      <Page viewer={undefined} title="Đăng nhập · Sign in">
        <form method="post" action={path("sign-in", c.req.param("token"))} class="panel">
          <p>
            Mở bảng điều khiển Đề án 06 bằng đường link vừa nhận trong tin nhắn. · Open the Đề án 06 console with the link you just
            received.
          </p>
          <button type="submit">Đăng nhập · Sign in</button>
        </form>
      </Page>,
    ),
  );

  app.post("/sign-in/:token", async (c) => {
    // Only the console's own page signs in: another site cannot post a member's link to sign a visitor in as that member.
    // (Under no-referrer a browser sends "Origin: null"; Sec-Fetch-Site still tells where the form was.)
    const site = c.req.header("sec-fetch-site");
    const origin = c.req.header("origin");
    const ours = [new URL(options.publicUrl).origin, new URL(c.req.url).origin];
    const crossSite =
      (site !== undefined && site !== "same-origin" && site !== "none") || (!!origin && origin !== "null" && !ours.includes(origin));
    if (crossSite) return c.html(<SignInPage refused />, 403);
    const signIn = await deps.webSessions.redeemSignIn(c.req.param("token"), deps.now());
    const member = signIn ? await deps.members.get(signIn.memberId) : undefined;
    if (!signIn || !member || bindingTag(member.binding) !== signIn.right) {
      return c.html(<SignInPage refused />, 403);
    }
    // A session this browser had (another member's, or an older one) ends: one browser, one session.
    const previous = getCookie(c, SESSION_COOKIE);
    const before = previous ? await deps.webSessions.find(previous, deps.now()) : undefined;
    if (before) await deps.webSessions.end(before);
    const { id } = await deps.webSessions.start(member.id, signIn.right, deviceOf(c.req.header("user-agent")), deps.now());
    setCookie(c, SESSION_COOKIE, id, {
      path: CONSOLE_PATH,
      httpOnly: true,
      sameSite: "Lax",
      secure,
      maxAge: SESSION_MAX_MS / 1000,
    });
    deps.logger.info({ memberId: member.id }, "console session started");
    return c.redirect(path(), 303);
  });

  app.get("/sign-in", (c) => c.html(<SignInPage />));

  // Forms and queries are small; nothing bigger is read (the CSRF check reads a form before any page does).
  app.use(bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.text("too large", 413) }));
  app.use(signedIn);
  app.use(csrfChecked);

  app.post("/sign-out", async (c) => {
    const { session } = c.var.viewer;
    if (session) await deps.webSessions.end(session);
    deleteCookie(c, SESSION_COOKIE, { path: CONSOLE_PATH, secure });
    return c.redirect(path("sign-in"), 303);
  });

  app.route("/", consolePages);

  app.onError((error, c) => {
    deps.logger.error({ error: { name: error.name, message: error.message }, path: c.req.path }, "console request failed");
    return c.html(
      <Page viewer={c.get("viewer")} title={c.get("viewer")?.t("console-error-title") ?? "Lỗi"}>
        <p>{c.get("viewer")?.t("console-error-body") ?? "Đã có lỗi; vui lòng thử lại."}</p>
      </Page>,
      500,
    );
  });
  return { app, notFound: consoleNotFound };
}

/**
 * The viewer of a request: a live session whose member still holds the role it started under; or,
 * for the JSON API, a read-only token whose maker is still of the secretariat.
 */
const signedIn: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  const deps = c.var.deps;
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
  if (bearer) {
    if (c.req.method !== "GET" || !c.req.path.startsWith(`${CONSOLE_PATH}/api/`))
      return c.json({ error: "a token only reads the API" }, 403);
    const token = await deps.apiTokens.use(bearer, deps.now());
    const maker = token ? await deps.members.get(token.createdBy) : undefined;
    if (maker?.binding.role !== "secretariat") return c.json({ error: "unknown or revoked token" }, 401);
    c.set("viewer", { member: maker, session: undefined, language: maker.language ?? "vi", t: translatorFor(maker.language) });
    return next();
  }
  const id = getCookie(c, SESSION_COOKIE);
  const session = id ? await deps.webSessions.find(id, deps.now()) : undefined;
  const member = session ? await deps.members.get(session.memberId) : undefined;
  if (session && (!member || bindingTag(member.binding) !== session.right)) {
    // Removed, or given another role since: every session of theirs ends.
    await deps.webSessions.endAll(session.memberId);
  }
  if (!session || !member || bindingTag(member.binding) !== session.right) {
    if (c.req.method === "GET" && !c.req.path.startsWith(`${CONSOLE_PATH}/api/`)) return c.html(<SignInPage />, 401);
    return c.json({ error: "sign in first" }, 401);
  }
  const language = member.language ?? "vi";
  const viewer: Viewer = { member, session, language, t: translatorFor(language) };
  c.set("viewer", viewer);
  await next();
};

/** Every change carries the session's CSRF token, as a form field or a header; one without it changes nothing. */
const csrfChecked: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD") return next();
  const expected = c.var.viewer.session?.csrf ?? "";
  const header = c.req.header("x-csrf-token");
  const form = header ? undefined : await formField(c.req.raw.clone(), "_csrf");
  if (!expected || !sameToken(header ?? form, expected)) {
    c.var.deps.logger.warn({ memberId: c.var.viewer.member.id, path: c.req.path }, "console change without its CSRF token refused");
    return c.html(
      <Page viewer={c.var.viewer} title={c.var.viewer.t("console-csrf-title")}>
        <p>{c.var.viewer.t("console-csrf-body")}</p>
      </Page>,
      403,
    );
  }
  await next();
};

async function formField(request: Request, name: string): Promise<string | undefined> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded") && !type.includes("multipart/form-data")) return undefined;
  try {
    const value = (await request.formData()).get(name);
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** For anyone not signed in: how to get a link. Bilingual, since nobody is known yet. */
const SignInPage = ({ refused }: { refused?: boolean }) => (
  <Page viewer={undefined} title="Đăng nhập · Sign in">
    {refused ? (
      <p class="notice error" role="alert">
        Đường link đăng nhập không dùng được: đã dùng rồi, đã quá 10 phút, hoặc không đúng. Gõ /web trong tin nhắn với trợ lý để nhận link
        mới. · This sign-in link cannot be used: it was used already, is older than 10 minutes, or is not genuine. Type /web in your chat
        with the assistant for a new one.
      </p>
    ) : null}
    <div class="panel">
      <p>
        Bảng điều khiển dành cho bộ phận thường trực, đầu mối tư vấn và cán bộ đầu mối. Để đăng nhập, gõ <b>/web</b> trong tin nhắn với trợ
        lý báo cáo Đề án 06 (Telegram hoặc Zalo) rồi mở đường link nhận được (dùng một lần, trong 10 phút).
      </p>
      <p lang="en">
        This console is for the secretariat, consultants and focal officers. To sign in, type <b>/web</b> in your chat with the Đề án 06
        reporting assistant (Telegram or Zalo) and open the link it sends (single use, within 10 minutes).
      </p>
    </div>
  </Page>
);

const NotFoundPage = ({ viewer }: { viewer: Viewer | undefined }) => (
  <Page viewer={viewer} title={viewer?.t("console-not-found-title") ?? "Không tìm thấy"}>
    <p>{viewer?.t("console-not-found-body") ?? "Trang này không có."}</p>
    <p>
      <a href={path()}>{viewer?.t("console-back-home") ?? "Trang đầu"}</a>
    </p>
  </Page>
);
