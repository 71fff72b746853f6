import type { HttpBindings } from "@hono/node-server";
import type { Deps } from "../deps.js";
import type { WebSession } from "../services/web-sessions.js";
import type { Language, Member } from "../storage/members.js";
import type { Translate } from "../views.js";

/** Who is looking at the console: the member, their session, and their language. */
export interface Viewer {
  member: Member;
  /** Absent for a request made with an API token. */
  session: WebSession | undefined;
  language: Language;
  t: Translate;
}

export interface ConsoleOptions {
  /** Where the console's links point (PUBLIC_URL): its https decides whether cookies are Secure. */
  publicUrl: string;
}

/** What every console route finds on its context. */
export type ConsoleEnv = {
  Bindings: HttpBindings;
  Variables: {
    deps: Deps;
    options: ConsoleOptions;
    /** Set for signed-in requests; routes behind `signedIn` may rely on it. */
    viewer: Viewer;
  };
};

/** The cookie that names a console session. */
export const SESSION_COOKIE = "d06_session";
