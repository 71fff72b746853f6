const DEFAULT_WAIT_MS = 8_000;

/**
 * A fake person on one of the Zalo emulators, as a reader of what the bot sent them: each message
 * once, in order, waiting for the next one when none is there yet.
 */
export class SentReader<Sent extends { text: string }> {
  private read = 0;

  constructor(
    private readonly sent: () => Sent[],
    private readonly onSent: (listener: () => void) => () => void,
    /** Who reads, as a timeout's error names them. */
    private readonly reader: string,
  ) {}

  /** The text of the next message after those already read. */
  async nextMessage(timeoutMs = DEFAULT_WAIT_MS): Promise<string> {
    return (await this.nextSent(timeoutMs)).text;
  }

  /** The next message after those already read, whole (a picture's URL, the OA's buttons). */
  nextSent(timeoutMs = DEFAULT_WAIT_MS): Promise<Sent> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const message = this.sent()[this.read];
        if (!message) return false;
        this.read += 1;
        resolve(message);
        return true;
      };
      if (check()) return;
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`${this.reader} got nothing within ${timeoutMs} ms; last: ${this.sent().at(-1)?.text.slice(0, 300)}`));
      }, timeoutMs);
      const unsubscribe = this.onSent(() => {
        if (check()) {
          clearTimeout(timer);
          unsubscribe();
        }
      });
    });
  }

  /** Every message that arrives until none came for `quietMs`. */
  async drain(quietMs = 300): Promise<string[]> {
    const texts: string[] = [];
    for (;;) {
      try {
        texts.push(await this.nextMessage(quietMs));
      } catch {
        return texts;
      }
    }
  }

  markAllRead(): void {
    this.read = this.sent().length;
  }
}
