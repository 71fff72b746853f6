import type { Child, FC, PropsWithChildren } from "hono/jsx";
import { CONSOLE_PATH } from "../http-server.js";
import type { Viewer } from "./env.js";

/**
 * The console's page shell: a header with the viewer's role and sign-out, the navigation their
 * role allows, and the page. Everything is rendered on the server and escaped by JSX; the one
 * script (assets/console.js) only adds live updates and confirmations, so every page reads and
 * works without it.
 */

export const path = (...parts: (string | number)[]): string =>
  [CONSOLE_PATH, ...parts.map((part) => encodeURIComponent(String(part)))].join("/");

/** A path with its query, leaving out empty values. */
export function withQuery(base: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== "") params.set(name, String(value));
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}

export type Section = "overview" | "agencies" | "rounds" | "broadcast" | "people" | "questions" | "downloads" | "api" | "sessions";

interface NavItem {
  section: Section;
  href: string;
  label: string;
}

function navigation(viewer: Viewer, roundId: string | undefined): NavItem[] {
  const { t } = viewer;
  const role = viewer.member.binding.role;
  if (role === "officer") return [{ section: "agencies", href: path(), label: t("console-nav-report") }];
  const round = roundId ? [roundId] : [];
  const items: NavItem[] = [
    { section: "overview", href: round.length ? path("rounds", ...round) : path(), label: t("console-nav-overview") },
    { section: "agencies", href: round.length ? path("rounds", ...round, "agencies") : path(), label: t("console-nav-agencies") },
    { section: "questions", href: path("questions"), label: t("console-nav-questions") },
  ];
  if (role === "secretariat") {
    items.push(
      { section: "rounds", href: path("rounds"), label: t("console-nav-rounds") },
      { section: "broadcast", href: path("broadcast"), label: t("console-nav-broadcast") },
      { section: "people", href: path("people"), label: t("console-nav-people") },
      {
        section: "downloads",
        href: round.length ? path("rounds", ...round, "downloads") : path("rounds"),
        label: t("console-nav-downloads"),
      },
      { section: "api", href: path("api-tokens"), label: t("console-nav-api") },
    );
  }
  return items;
}

/** The hidden field every form that changes something carries. */
export const Csrf: FC<{ viewer: Viewer }> = ({ viewer }) => <input type="hidden" name="_csrf" value={viewer.session?.csrf ?? ""} />;

export const Page: FC<
  PropsWithChildren<{
    viewer: Viewer | undefined;
    title: string;
    section?: Section;
    roundId?: string;
    /** Printing: no navigation, the page laid out for paper. */
    print?: boolean;
    /** Where live updates come from (Server-Sent Events), for console.js. */
    live?: string;
    language?: "vi" | "en";
  }>
> = ({ viewer, title, section, roundId, print, live, language, children }) => {
  const lang = viewer?.language ?? language ?? "vi";
  const t = viewer?.t;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} · ${t ? t("console-app-name") : "Đề án 06"}`}</title>
        <link rel="stylesheet" href={path("assets", "console.css")} />
        <script src={path("assets", "console.js")} defer />
      </head>
      <body class={print ? "print" : undefined} data-live={live} data-csrf={viewer?.session?.csrf}>
        {viewer && t && !print ? <Header viewer={viewer} section={section} roundId={roundId} /> : null}
        <main id="main" tabindex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
};

const Header: FC<{ viewer: Viewer; section: Section | undefined; roundId: string | undefined }> = ({ viewer, section, roundId }) => {
  const { t } = viewer;
  return (
    <header class="top">
      <a class="skip" href="#main">
        {t("console-skip")}
      </a>
      <div class="brand">
        <a href={path()}>{t("console-app-name")}</a>
      </div>
      <nav aria-label={t("console-nav-label")}>
        <ul>
          {navigation(viewer, roundId).map((item) => (
            <li>
              <a href={item.href} aria-current={item.section === section ? "page" : undefined}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="who">
        <a href={path("sessions")} aria-current={section === "sessions" ? "page" : undefined}>
          {t("console-signed-in-as", { member: viewer.member.id })}
        </a>
        <form method="post" action={path("sign-out")}>
          <Csrf viewer={viewer} />
          <button type="submit" class="link">
            {t("console-sign-out")}
          </button>
        </form>
      </div>
    </header>
  );
};

/** A notice above the page's content: what was just done, or why not. */
export const Notice: FC<{ kind: "ok" | "error"; children: Child }> = ({ kind, children }) => (
  <p class={`notice ${kind}`} role={kind === "error" ? "alert" : "status"}>
    {children}
  </p>
);
