import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The HTTP side of a Zalo emulator: a server on a free local port, and the pictures people send
 * hosted at /files/<id>, as Zalo gives a picture by a URL of its own. Every other request is the
 * emulator's API (`serve`).
 */
export class LocalHost {
  private server: Server | undefined;
  private readonly files = new Map<string, Buffer>();

  constructor(
    /** What the emulator is called, in the error when it is used before it started. */
    private readonly name: string,
    private readonly serve: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  ) {}

  get root(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error(`the ${this.name} is not started`);
    return `http://127.0.0.1:${address.port}`;
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.route(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  /** Hosts a picture; its URL. */
  hostFile(bytes: Buffer): string {
    const id = randomBytes(8).toString("hex");
    this.files.set(id, bytes);
    return `${this.root}/files/${id}`;
  }

  private route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [, file] = /^\/files\/([0-9a-f]+)$/.exec(new URL(req.url ?? "/", "http://x").pathname) ?? [];
    if (!file) return this.serve(req, res);
    const bytes = this.files.get(file);
    res.writeHead(bytes ? 200 : 404, { "content-type": "image/jpeg" }).end(bytes);
    return Promise.resolve();
  }
}
