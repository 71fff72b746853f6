import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * How a send fails, as each messenger's client sees a send that was not taken: Zalo's error envelope
 * (500, which the bot does not try again within the update), or Telegram's 400 for a chat it cannot
 * reach for a moment (which grammY's auto-retry leaves alone, unlike the 5xx of the Bot API
 * emulator's `failRandomly`, so the update fails and the intake applies it again).
 */
export type SendFailure = "zalo-error" | "telegram-refusal";

const ANSWERS: Record<SendFailure, { status: number; body: object }> = {
  "zalo-error": { status: 200, body: { ok: false, error_code: 500, description: "Internal Server Error" } },
  "telegram-refusal": { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: chat not available for a moment" } },
};

export interface FlakyOptions {
  failure: SendFailure;
  /** Which sends may fail, by their parameters (a message's text, say); all when absent. */
  only?: (params: Record<string, unknown>) => boolean;
}

/**
 * A messenger API between the bot and an emulator that does not take every message: while `rate`
 * is above 0, that share of the bot's sends and edits (methods named `send…` or `edit…`) fails as
 * `failure` says, half of them after 1.5 s as a call that timed out, and is not carried out, so the
 * emulator never sees it. Every other call (getUpdates, webhooks, menus) passes untouched.
 */
export class FlakyProxy {
  rate = 0;
  /** Sends refused so far. */
  failed = 0;
  private server: Server | undefined;

  private constructor(
    private readonly target: string,
    private readonly options: FlakyOptions,
  ) {}

  static async start(target: string, options: FlakyOptions): Promise<FlakyProxy> {
    const proxy = new FlakyProxy(target, options);
    const server = createServer((req, res) => void proxy.serve(req, res));
    proxy.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error("the proxy is not started");
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private fails(method: string, body: Buffer, contentType: string): boolean {
    if (!/^(send|edit)/.test(method) || Math.random() >= this.rate) return false;
    if (!this.options.only) return true;
    try {
      return contentType.includes("json") && this.options.only(JSON.parse(body.toString("utf8")) as Record<string, unknown>);
    } catch {
      return false;
    }
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const contentType = req.headers["content-type"] ?? "application/json";
    const method = /\/([A-Za-z]+)$/.exec(new URL(req.url ?? "/", "http://x").pathname)?.[1] ?? "";
    if (this.fails(method, body, contentType)) {
      this.failed += 1;
      if (Math.random() < 0.5) await new Promise((resolve) => setTimeout(resolve, 1_500));
      const { status, body: answer } = ANSWERS[this.options.failure];
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(answer));
      return;
    }
    // A poller that went away (the bot restarting) must not take an update: the long poll upstream ends with it.
    const gone = new AbortController();
    res.on("close", () => gone.abort());
    try {
      const upstream = await fetch(`${this.target}${req.url ?? "/"}`, {
        method: req.method ?? "GET",
        headers: { "content-type": contentType },
        ...(chunks.length ? { body } : {}),
        signal: gone.signal,
      });
      const answer = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" }).end(answer);
    } catch {
      if (!res.headersSent) res.writeHead(502).end();
    }
  }
}
