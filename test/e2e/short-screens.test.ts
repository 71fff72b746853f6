import type { Message } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fillInChat } from "../support/chat-form.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { describeStats, GOAL, measureScreens, type ScreenStats, telegramScreen, WALK, zaloScreen } from "../support/screen-measure.js";
import { fillOnZalo } from "../support/zalo-form.js";

/**
 * The goal of issue #26, measured over a whole walk of form 488 on each messenger (the same
 * answers, two systems in row 1 and one in 4.1, every branch open, then a submit): a screen an
 * officer reads on a small phone is short, and says what is new on it.
 */
function expectShort(stats: ScreenStats): void {
  // The numbers themselves in the failure: which screen, how long, how much repeated.
  const said = `${describeStats("walk", stats)}\nover ${GOAL.max}:\n${stats.over.join("\n")}\nlongest:\n${stats.longest}\nmost repeated:\n${stats.mostRepeated}`;
  expect(stats.screens, said).toBeGreaterThan(50);
  expect(stats.median, said).toBeLessThan(GOAL.median);
  expect(stats.max, said).toBeLessThanOrEqual(GOAL.max);
  expect(stats.maxRepeated, said).toBeLessThan(GOAL.repeated);
}

describe("form 488's screens are short on both messengers", () => {
  // Each messenger walks the same agency's report from its start: a bot of its own.
  let e2e: E2E;

  beforeEach(async () => {
    e2e = await startE2E({ zalo: true });
  });

  afterEach(() => e2e?.stop());

  it("on Telegram: median under 250 characters, none over 600, under a third repeated from the screen before", async () => {
    const user = await e2e.join({ role: "officer", agencyId: WALK.agencyId }, "Lan");
    user.press({ data: "f:open" }, user.lastMessage());
    const screens: Message[] = [];
    const { review } = await fillInChat(user, await user.nextScreen(), WALK.answers, WALK.lists, screens);
    user.press("Gửi báo cáo", review);
    screens.push(await user.nextScreen());
    expectShort(measureScreens(screens.map(telegramScreen)));
  });

  it("on Zalo: median under 250 characters, none over 600, under a third repeated from the screen before", async () => {
    const user = e2e.zalo!.user("Lan");
    const { displayCode } = await e2e.deps.invites.issue({ role: "officer", agencyId: WALK.agencyId }, Date.now());
    user.send(displayCode);
    await user.nextMessage();
    const welcome = await user.nextMessage();
    user.send(/^(\d+)\. Bắt đầu điền$/m.exec(welcome)?.[1] ?? "bắt đầu điền");
    const screens: string[] = [];
    await fillOnZalo(user, await user.nextMessage(), WALK.answers, WALK.lists, screens);
    user.send("gửi");
    screens.push(await user.nextMessage());
    expectShort(measureScreens(screens.map(zaloScreen)));
  });
});
