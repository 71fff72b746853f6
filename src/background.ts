import type { Logger } from "./logger.js";

/**
 * Work an update starts but need not wait for, such as tidying the message of the question just
 * answered: the update is settled without it (the chat's next update can go), a failure is
 * logged, and stopping waits for what is still running.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(what: string, ...work: Promise<unknown>[]): void {
    for (const one of work) {
      const tracked: Promise<void> = one.then(
        () => undefined,
        (error: unknown) =>
          this.logger.warn({ what, error: error instanceof Error ? error.message : String(error) }, "background work failed"),
      );
      this.running.add(tracked);
      void tracked.finally(() => this.running.delete(tracked));
    }
  }

  /** Resolves once everything started so far has finished. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
