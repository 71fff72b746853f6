import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAction } from "../../src/channels/actions.js";
import { textOf } from "../../src/emulator/fake-user.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { roundOnWorkbook } from "../support/xlsform-round.js";
import { numberOf } from "../support/zalo-form.js";

/**
 * XLSForm's `default` through the real bot process (issue 25): the question offers it as a
 * one-tap answer and stores nothing until it is taken; on Telegram a choice's default is a button
 * with the choice's label, on Zalo a text's default is a line chosen by typing its words.
 */
describe("a round on a form whose questions have defaults", () => {
  let e2e: E2E;
  const survey = {
    survey: [
      ["type", "name", "label", "required", "default"],
      ["select_one units", "don_vi", "Đơn vị phụ trách", "yes", "so_tttt"],
      ["text", "phong", "Phòng phụ trách", "yes", "Phòng Văn hoá - Thông tin"],
      ["integer", "can_bo", "Số cán bộ", "yes"],
    ],
    choices: [
      ["list_name", "name", "label"],
      ["units", "so_khcn", "Sở Khoa học và Công nghệ"],
      ["units", "so_tttt", "Sở Thông tin & Truyền thông"],
      ["units", "ubnd", "Văn phòng UBND"],
    ],
    settings: [
      ["form_id", "version", "form_title"],
      ["khao-sat-mac-dinh", "2026120501", "Khảo sát đơn vị phụ trách"],
    ],
  };

  beforeAll(async () => {
    e2e = await startE2E({ zalo: true });
    await roundOnWorkbook(e2e, survey, { id: "khao-sat-mac-dinh", name: "Khảo sát đơn vị phụ trách" });
  });

  afterAll(() => e2e?.stop());

  const stored = async (agency: string) => {
    const round = await e2e.deps.rounds.get("khao-sat-mac-dinh");
    return (await e2e.deps.reports.exportSource(round!, [])).load(agency);
  };

  it("on Telegram: the default choice is a button with its label; pressed, the choice is stored", async () => {
    const officer = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Mai");
    officer.press("Bắt đầu điền");
    const unit = await officer.nextScreen();
    expect(textOf(unit)).toContain("Đơn vị phụ trách");
    const buttons = (unit.reply_markup?.inline_keyboard ?? []).flat();
    const offered = buttons.find((button) => {
      const action = "callback_data" in button ? decodeAction(button.callback_data ?? "") : undefined;
      return action?.kind === "form" && action.action === "suggest";
    });
    expect(offered?.text).toBe("Sở Thông tin & Truyền thông");
    // Offered, not stored: the screen is there, the answer is not.
    expect((await stored("ha-noi"))?.answers.has("don_vi.don_vi") ?? false).toBe(false);
    officer.press({ data: (offered as { callback_data: string }).callback_data }, unit);
    const office = await officer.nextScreen();
    expect(textOf(office)).toContain("Phòng phụ trách");
    expect((await stored("ha-noi"))?.answers.get("don_vi.don_vi")?.value).toBe("so_tttt");
    // The officer types another answer rather than take the default.
    officer.send("Văn phòng Sở");
    expect(textOf(await officer.nextScreen())).toContain("Số cán bộ");
    expect((await stored("ha-noi"))?.answers.get("phong.phong")?.value).toBe("Văn phòng Sở");
  });

  it("on Zalo: the default is a line, chosen by typing its words", async () => {
    const user = e2e.zalo!.user("Tuấn");
    const { displayCode } = await e2e.deps.invites.issue({ role: "officer", agencyId: "hai-phong" }, Date.now());
    user.send(displayCode);
    await user.nextMessage();
    const standing = await user.nextMessage();
    user.send(numberOf(standing, "Bắt đầu điền"));
    const unit = await user.nextMessage();
    user.send(numberOf(unit, "Sở Khoa học và Công nghệ"));
    const office = await user.nextMessage();
    expect(office).toContain("Phòng phụ trách");
    expect(numberOf(office, "Phòng Văn hoá - Thông tin")).toMatch(/^\d+$/);
    // Its words typed as a phone types them, without the marks: the line is chosen, the default stored as written.
    user.send("phong van hoa - thong tin");
    expect(await user.nextMessage()).toContain("Số cán bộ");
    const answers = (await stored("hai-phong"))?.answers;
    expect(answers?.get("don_vi.don_vi")?.value).toBe("so_khcn");
    expect(answers?.get("phong.phong")?.value).toBe("Phòng Văn hoá - Thông tin");
  });
});
