import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

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

/** A file link's answer: the file, or why not (403 a forged link, 410 an expired one, 404 gone). */
export type FileResponse = { status: 200; bytes: Buffer; mimeType: string; fileName: string } | { status: 403 | 404 | 410 };

/** A webhook's secret header, compared in constant time. */
export function sameSecret(given: string | undefined, secret: string): boolean {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Updates are a few kilobytes; a larger body is no update of Telegram's or Zalo's. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export interface HttpServerOptions {
  port: number;
  /** Answers GET /health: true when the bot can do its work (Redis reachable). */
  health: () => Promise<{ ok: boolean; details: Record<string, string> }>;
  /** POST on each path goes to its webhook handler. */
  webhooks?: Record<string, WebhookHandler>;
  /** GET under this prefix serves files by signed link (for Zalo). */
  files?: { prefix: string; serve: (path: string) => Promise<FileResponse> };
}

/** The bot's only HTTP surface: /health, the webhook paths in webhook mode, and files by signed link. */
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
    const { files } = options;
    if (req.method === "GET" && files && path.startsWith(files.prefix)) {
      void files.serve(path).then(
        (file) => serveFile(res, file),
        () => respond(res, 500, { status: "error" }),
      );
      return;
    }
    const webhook = req.method === "POST" ? options.webhooks?.[path] : undefined;
    if (webhook) {
      void serveWebhook(req, res, webhook);
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

async function serveWebhook(req: IncomingMessage, res: ServerResponse, handler: WebhookHandler): Promise<void> {
  const body = await readCapped(req, MAX_WEBHOOK_BODY_BYTES);
  if (!body) {
    // Said once, then the connection goes: the rest of the body is not read.
    res.once("finish", () => req.destroy());
    res.setHeader("connection", "close");
    respond(res, 413, { status: "too large" });
    return;
  }
  const header = (name: string) => {
    const value = req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };
  try {
    const { status, json } = await handler({ body, header });
    res.writeHead(status, json === undefined ? {} : { "content-type": "application/json" }).end(json);
  } catch {
    if (!res.headersSent) respond(res, 500, { status: "error" });
  }
}

function serveFile(res: ServerResponse, file: FileResponse): void {
  if (file.status !== 200) {
    respond(res, file.status, { status: file.status === 410 ? "link expired" : file.status === 403 ? "forbidden" : "not found" });
    return;
  }
  // Downloaded, never rendered as a page of ours: a file someone sent cannot run script on this origin.
  res
    .writeHead(200, {
      "content-type": file.mimeType,
      "content-length": file.bytes.length,
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    })
    .end(file.bytes);
}

/** The whole body, or undefined as soon as it passes `limit` bytes (announced or streamed). */
function readCapped(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers["content-length"] ?? 0) > limit) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", () => resolve(undefined));
  });
}

function respond(res: ServerResponse, status: number, body: Record<string, string>): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
