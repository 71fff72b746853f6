import { describe, expect, it } from "vitest";
import { BackgroundWork } from "../../src/background.js";
import type { Logger } from "../../src/logger.js";

describe("background work", () => {
  it("is waited for when settling, and a failure is logged rather than thrown", async () => {
    const logged: unknown[] = [];
    const background = new BackgroundWork({ warn: (fields: unknown) => logged.push(fields) } as unknown as Logger);
    let finish: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let finished = false;
    background.run(
      "tidy",
      slow.then(() => {
        finished = true;
      }),
      Promise.reject(new Error("message to edit not found")),
    );
    let settledYet = false;
    const settled = background.settled().then(() => {
      settledYet = true;
    });
    // Everything that can run without the slow work has run: settling still waits for it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(settledYet).toBe(false);
    finish();
    await settled;
    expect(finished).toBe(true);
    expect(logged).toEqual([{ what: "tidy", error: "message to edit not found" }]);
    // Nothing left running: settling again resolves at once.
    await background.settled();
  });
});
