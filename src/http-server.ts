import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface HttpServerOptions {
  port: number;
  /** Answers GET /health: true when the bot can do its work (Redis reachable). */
  health: () => Promise<{ ok: boolean; details: Record<string, string> }>;
  /** POST on this path goes to the webhook handler. */
  webhook?: { path: string; handler: RequestHandler };
}

/** The bot's only HTTP surface: /health, and in webhook mode the webhook path. */
export async function startHttpServer(options: HttpServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method === "GET" && path === "/health") {
      void options.health().then(
        ({ ok, details }) => respond(res, ok ? 200 : 503, { status: ok ? "ok" : "unavailable", ...details }),
        () => respond(res, 503, { status: "unavailable" }),
      );
      return;
    }
    if (options.webhook && req.method === "POST" && path === options.webhook.path) {
      void Promise.resolve(options.webhook.handler(req, res)).catch(() => {
        if (!res.headersSent) respond(res, 500, { status: "error" });
      });
      return;
    }
    respond(res, 404, { status: "not found" });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, () => resolve());
  });
  return server;
}

function respond(res: ServerResponse, status: number, body: Record<string, string>): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
