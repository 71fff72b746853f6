import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../../src/emulator/fake-user.js";
import { fillInChat } from "../support/chat-form.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { fillOnZalo, numberOf, questionOf } from "../support/zalo-form.js";

/**
 * A system listed in rows 1 and 4.1 under one name, renamed in row 1, through the real bot process
 * and Redis (the question waits in the officer's stored place): on Telegram the officer presses
 * "same system", on Zalo types 2 for "another system", and row 5 is asked for the new one.
 */
describe("renaming a system listed in two rows", () => {
  let e2e: E2E;
  const system = "Hệ thống một cửa điện tử";
  const lists = { "1": [system], "4.1": [system] };

  beforeAll(async () => {
    e2e = await startE2E({ zalo: true });
  });

  afterAll(() => e2e?.stop());

  it("on Telegram: asked with two buttons; the same system is renamed in both rows", async () => {
    const user = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Lan");
    user.press({ data: "f:open" }, user.lastMessage());
    const { review } = await fillInChat(user, await user.nextScreen(), {}, lists);
    user.press("Phần 2", review);
    let screen = await user.nextScreen();
    // The part lists row 1 (1), its system (2), ...
    user.press("2", screen);
    screen = await user.nextScreen();
    expect(textOf(screen)).toContain(`1. Tên hệ thống: ${system}`);
    user.press("1", screen);
    await user.nextScreen();
    user.send("Cổng một cửa Hà Nội");
    screen = await user.nextScreen();
    expect(textOf(screen)).toContain(`Hệ thống này cũng được kê ở hàng 4.1 (tên ${system})`);
    user.press("Cùng một hệ thống", screen);
    screen = await user.nextScreen();
    expect(textOf(screen).match(/Cổng một cửa Hà Nội/g)).toHaveLength(2);
    expect(textOf(screen)).not.toContain(system);
  });

  it("on Zalo: asked with two numbered choices; another system is asked row 5 on its own", async () => {
    const user = e2e.zalo!.user("Minh");
    const { displayCode } = await e2e.deps.invites.issue({ role: "officer", agencyId: "hai-phong" }, Date.now());
    user.send(displayCode);
    await user.nextMessage();
    const standing = await user.nextMessage();
    user.send(numberOf(standing, "Bắt đầu điền"));
    const { review } = await fillOnZalo(user, await user.nextMessage(), {}, lists);
    user.send(numberOf(review, "Phần 2"));
    let screen = await user.nextMessage();
    user.send(numberOf(screen, system));
    screen = await user.nextMessage();
    user.send(numberOf(screen, `Tên hệ thống: ${system}`));
    await user.nextMessage();
    user.send("Cổng một cửa Hải Phòng");
    screen = await user.nextMessage();
    expect(screen).toContain(`Hệ thống này cũng được kê ở hàng 4.1 (tên ${system})`);
    expect(screen).toMatch(/\n1\. Cùng một hệ thống\n2\. Hệ thống khác$/);
    user.send("2");
    screen = await user.nextMessage();
    expect(screen).toContain("Cổng một cửa Hải Phòng");
    expect(screen).toContain(system);
    user.send("về trang xem lại");
    await user.nextMessage();
    user.send("tiếp tục");
    screen = await user.nextMessage();
    expect(screen).toContain("Cổng một cửa Hải Phòng");
    expect(questionOf(screen)).toBe("Cơ quan chủ trì, quản lý");
  });
});
