import { timingSafeEqual } from "node:crypto";
import type { Server } from "node:http";
import { type HttpBindings, serve } from "@hono/node-server";
import { Hono, type NotFoundHandler } from "hono";
import { readCapped } from "./capped-body.js";

/** A webhook request after its body was read within the cap. */
export interface WebhookRequest {
  body: Buffer;
  header(name: string): string | undefined;
}

export interface WebhookResponse {
  status: number;
  /** A JSON text; none for an empty answer. */
  json?: string;
}

export type WebhookHandler = (request: WebhookRequest) => Promise<WebhookResponse>;

/**
 * A webhook path with the secret its messenger sends back in a header (Telegram's
 * X-Telegram-Bot-Api-Secret-Token, Zalo's X-Bot-Api-Secret-Token): a request without it is
 * refused with 401 before a byte of its body is read. A messenger that signs each body instead
 * (Zalo OA's X-ZEvent-Signature) has "signature": the body is read within the cap, and the
 * handler refuses it unless its signature holds.
 */
export interface WebhookRoute {
  handle: WebhookHandler;
  secret: { header: string; value: string } | "signature";
}

/** A file link's answer: the file, or why not (403 a forged link, 410 an expired one, 404 gone). */
export type FileResponse = { status: 200; bytes: Buffer; mimeType: string; fileName: string } | { status: 403 | 404 | 410 };

/** A webhook's secret header, compared in constant time. */
export function sameSecret(given: string | undefined, secret: string): boolean {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Updates are a few kilobytes; a larger body is no update of Telegram's, Zalo's or Zalo OA's. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/** Where the web console is served. */
export const CONSOLE_PATH = "/console";

export interface HttpServerOptions {
  port: number;
  /** Answers GET /health: true when the bot can do its work (Redis reachable). */
  health: () => Promise<{ ok: boolean; details: Record<string, string> }>;
  /** POST on each path goes to its webhook handler, once its secret header is checked (or, for a signed route, its body read within the cap). */
  webhooks?: Record<string, WebhookRoute>;
  /** GET under this prefix serves files by signed link (for Zalo). */
  files?: { prefix: string; serve: (path: string) => Promise<FileResponse> };
  /** The web console, served under /console, with the page it answers for what is not there (or not yours). */
  console?: {
    // biome-ignore lint/suspicious/noExplicitAny: the console's routes carry variables of their own.
    app: Hono<any>;
    notFound: NotFoundHandler;
  };
}

type Env = { Bindings: HttpBindings };

/** The routes of the bot's HTTP server: /health, the webhook paths, files by signed link, and the console. */
export function httpApp(options: Omit<HttpServerOptions, "port">): Hono<Env> {
  const app = new Hono<Env>();
  app.get("/health", async (c) => {
    try {
      const { ok, details } = await options.health();
      return c.json({ status: ok ? "ok" : "unavailable", ...details }, ok ? 200 : 503);
    } catch {
      return c.json({ status: "unavailable" }, 503);
    }
  });
  const { files } = options;
  if (files) {
    app.get(`${files.prefix}*`, async (c) => {
      try {
        return fileResponse(await files.serve(c.req.path));
      } catch {
        return c.json({ status: "error" }, 500);
      }
    });
  }
  for (const [path, { handle: handler, secret }] of Object.entries(options.webhooks ?? {})) {
    app.post(path, async (c) => {
      if (secret !== "signature" && !sameSecret(c.req.header(secret.header), secret.value)) {
        // Refused in constant time, and the body left unread: the connection goes once this is said.
        c.env.outgoing.once("finish", () => c.env.incoming.destroy());
        return c.json({ status: "unauthorized" }, 401, { connection: "close" });
      }
      const body = await readCapped(c.req.raw.body, c.req.header("content-length") ?? null, MAX_WEBHOOK_BODY_BYTES);
      if (!body) {
        // Said once, then the connection goes: the rest of the body is not read.
        c.env.outgoing.once("finish", () => c.env.incoming.destroy());
        return c.json({ status: "too large" }, 413, { connection: "close" });
      }
      try {
        const { status, json } = await handler({ body, header: (name) => c.req.header(name) });
        return new Response(json ?? null, { status, headers: json === undefined ? {} : { "content-type": "application/json" } });
      } catch {
        return c.json({ status: "error" }, 500);
      }
    });
  }
  const { console: web } = options;
  if (web) app.route(CONSOLE_PATH, web.app);
  // Hono answers a mounted app's not-found with the root's handler: the console's own page is chosen here.
  app.notFound((c) => (web && c.req.path.startsWith(CONSOLE_PATH) ? web.notFound(c) : c.json({ status: "not found" }, 404)));
  return app;
}

/** The bot's only HTTP surface, on one port. */
export async function startHttpServer(options: HttpServerOptions): Promise<Server> {
  const app = httpApp(options);
  return new Promise<Server>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port }, () => resolve(server as Server)) as Server;
    server.once("error", reject);
  });
}

function fileResponse(file: FileResponse): Response {
  if (file.status !== 200) {
    const status = file.status === 410 ? "link expired" : file.status === 403 ? "forbidden" : "not found";
    return Response.json({ status }, { status: file.status });
  }
  // Downloaded, never rendered as a page of ours: a file someone sent cannot run script on this origin.
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      "content-type": file.mimeType,
      "content-length": String(file.bytes.length),
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    // Open Server-Sent Events streams would hold the close for ever; requests in flight get a moment.
    setTimeout(() => server.closeAllConnections(), 1_000).unref();
  });
}
