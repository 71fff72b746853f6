import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../../src/emulator/fake-user.js";
import { fillInChat, isReview } from "../support/chat-form.js";
import { type E2E, startE2E } from "../support/e2e.js";

const CARRIED = "Phần này đã được điền sẵn";

/**
 * Two rounds of the same form: the second starts from the first's submitted answers, and the
 * officer confirms each part with one press or changes what moved, through the real bot.
 */
describe("a new round starts from the agency's last submitted report", () => {
  let e2e: E2E;
  const day = 86_400_000;

  beforeAll(async () => {
    e2e = await startE2E({
      before: async ({ deps }) => {
        const first = await deps.rounds.create(
          {
            id: "dot-1",
            name: "Đợt 1",
            opensAt: Date.now() - 2 * day,
            // Far enough that no reminder comes in the middle of the form.
            deadline: Date.now() + 30 * day,
            targets: { kind: "list", agencies: ["ha-noi"] },
          },
          "test",
          Date.now(),
        );
        if (!first.ok) throw new Error(first.reason);
        await deps.roundStore.claimOpening("dot-1");
      },
    });
  });

  afterAll(() => e2e?.stop());

  it("carries every answer and list over, asks to confirm each part, and keeps where each answer came from", async () => {
    const { deps } = e2e;
    const officer = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Lan");
    officer.press({ data: "f:open" });
    const { review } = await fillInChat(
      officer,
      await officer.nextScreen(),
      { text: { "Họ và tên": "Nguyễn Thị Lan" } },
      { "1": ["Hệ thống một cửa điện tử"], "4.1": ["Cổng dịch vụ công Hà Nội"] },
    );
    officer.press("Gửi báo cáo", review);
    await officer.nextScreen();

    await deps.rounds.close("dot-1", Date.now());
    const second = await deps.rounds.create(
      {
        id: "dot-2",
        name: "Đợt 2",
        opensAt: Date.now() - 1000,
        // Far enough that no reminder comes in the middle of the form.
        deadline: Date.now() + 30 * day,
        targets: { kind: "list", agencies: ["ha-noi"] },
      },
      "test",
      Date.now(),
    );
    expect(second.ok).toBe(true);
    await deps.roundStore.claimOpening("dot-2");

    officer.send("/start");
    const greeting = await officer.nextMessage();
    officer.press({ data: "f:open" }, greeting);
    let screen = await officer.nextScreen();
    expect(textOf(screen)).toContain(CARRIED);
    expect(textOf(screen)).toContain("Họ và tên: Nguyễn Thị Lan");
    officer.press("Vẫn đúng", screen);

    screen = await officer.nextScreen();
    expect(textOf(screen)).toContain(CARRIED);
    expect(textOf(screen)).toContain("Hệ thống một cửa điện tử");
    // Row 2 moved since the last round: its answer is changed, then the part confirmed.
    const lines = textOf(screen).split("\n");
    const line = lines
      .slice(lines.findIndex((candidate) => candidate.startsWith("Hàng 2 · ")))
      .find((candidate) => /^\d+\. Mức đáp ứng: /.test(candidate));
    expect(line).toBeDefined();
    officer.press(line!.split(".")[0]!, screen);
    screen = await officer.nextScreen();
    expect(textOf(screen)).toContain("Đáp ứng yêu cầu theo Văn bản số 1552");
    officer.press("Đã đáp ứng", screen);
    screen = await officer.nextScreen();
    expect(textOf(screen)).toContain(CARRIED);
    officer.press("Vẫn đúng", screen);
    for (let part = 3; part <= 4; part++) {
      screen = await officer.nextScreen();
      expect(textOf(screen)).toContain(CARRIED);
      officer.press("Vẫn đúng", screen);
    }
    screen = await officer.nextScreen();
    expect(isReview(screen)).toBe(true);
    expect(textOf(screen)).toContain("Đã trả lời đủ");
    officer.press("Gửi báo cáo", screen);
    expect(textOf(await officer.nextScreen())).toContain("Đã gửi báo cáo của Hà Nội");

    const round = await deps.reports.roundFor("dot-2", Date.now());
    const state = await (await deps.reports.exportSource(round!, [])).load("ha-noi");
    expect(state?.status).toBe("submitted");
    expect(state?.entries.get("r1")).toHaveLength(1);
    expect(state?.entries.get("r4_1")).toHaveLength(1);
    expect(state?.answers.get("officer.fullName")?.value).toBe("Nguyễn Thị Lan");
    const history = await deps.reporting.history("ha-noi");
    expect(history.filter((change) => change.carriedFrom === "dot-1").length).toBeGreaterThan(20);
    expect(history.filter((change) => change.path.startsWith("@confirmed:")).map((change) => change.path)).toEqual([
      "@confirmed:p1",
      "@confirmed:p2",
      "@confirmed:p3",
      "@confirmed:p4",
    ]);
  });
});
