import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../../src/emulator/fake-user.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { roundOnWorkbook } from "../support/xlsform-round.js";
import { numberOf } from "../support/zalo-form.js";

/**
 * XLSForm in labels and answers (issue 25, phase C), through the real bot process on Telegram and
 * Zalo: a district that a change of province no longer offers is cleared and asked again; a
 * label shows the district by `jr:choice-name()`; the closing note shows the answers.
 */
describe("a round on a form whose districts follow the province", () => {
  let e2e: E2E;
  const survey = {
    survey: [
      ["type", "name", "label", "required", "choice_filter"],
      ["select_one provinces", "tinh", "Tỉnh", "yes"],
      ["select_one districts", "huyen", "Huyện", "yes", "province = ${tinh}"],
      ["integer", "can_bo", "Số cán bộ của jr:choice-name(${huyen}, '${huyen}')", "yes"],
      ["note", "cam_on", "Cảm ơn: jr:choice-name(${huyen}, '${huyen}') có ${can_bo} cán bộ."],
    ],
    choices: [
      ["list_name", "name", "label", "province"],
      ["provinces", "hn", "Hà Nội"],
      ["provinces", "hp", "Hải Phòng"],
      ["districts", "ba_dinh", "Ba Đình", "hn"],
      ["districts", "dong_da", "Đống Đa", "hn"],
      ["districts", "le_chan", "Lê Chân", "hp"],
      ["districts", "ngo_quyen", "Ngô Quyền <Q>", "hp"],
    ],
    settings: [
      ["form_id", "version", "form_title"],
      ["khao-sat-c", "2026120401", "Khảo sát cán bộ theo huyện"],
    ],
  };

  beforeAll(async () => {
    e2e = await startE2E({ zalo: true });
    await roundOnWorkbook(e2e, survey, { id: "khao-sat-c", name: "Khảo sát cán bộ theo huyện" });
  });

  afterAll(() => e2e?.stop());

  const stored = async (agency: string) => {
    const round = await e2e.deps.rounds.get("khao-sat-c");
    return (await e2e.deps.reports.exportSource(round!, [])).load(agency);
  };

  it("on Telegram: back to the province, another one chosen, the district asked again; labels and the receipt show it", async () => {
    const officer = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Mai");
    officer.press("Bắt đầu điền");
    expect(textOf(await officer.nextScreen())).toContain("Tỉnh");
    officer.press("Hà Nội");
    expect(textOf(await officer.nextScreen())).toContain("Huyện");
    officer.press("Đống Đa");
    expect(textOf(await officer.nextScreen())).toContain("Số cán bộ của Đống Đa");
    officer.press("Quay lại");
    expect(textOf(await officer.nextScreen())).toContain("Huyện");
    officer.press("Quay lại");
    expect(textOf(await officer.nextScreen())).toContain("Tỉnh");
    officer.press("Hải Phòng");
    // Đống Đa is no district of Hải Phòng: cleared, and asked again rather than passed over.
    const district = await officer.nextScreen();
    expect(textOf(district)).toContain("Huyện");
    const offered = (district.reply_markup?.inline_keyboard ?? []).flat().map((button) => button.text);
    expect(offered).toEqual(expect.arrayContaining(["Lê Chân", "Ngô Quyền <Q>"]));
    expect(offered).not.toContain("Đống Đa");
    expect((await stored("ha-noi"))?.answers.has("huyen.huyen")).toBe(false);
    officer.press("Ngô Quyền <Q>");
    expect(textOf(await officer.nextScreen())).toContain("Số cán bộ của Ngô Quyền <Q>");
    officer.send("9");
    expect(textOf(await officer.nextScreen())).toContain("Xem lại");
    officer.press("Gửi báo cáo");
    const receipt = await officer.nextScreen();
    expect(textOf(receipt)).toContain("Đã gửi");
    expect(textOf(receipt)).toContain("Cảm ơn: Ngô Quyền <Q> có 9 cán bộ.");
    expect((await stored("ha-noi"))?.answers.get("huyen.huyen")?.value).toBe("ngo_quyen");
  });

  it("on Zalo: the same, typed", async () => {
    const user = e2e.zalo!.user("Tuấn");
    const { displayCode } = await e2e.deps.invites.issue({ role: "officer", agencyId: "hai-phong" }, Date.now());
    user.send(displayCode);
    await user.nextMessage();
    const standing = await user.nextMessage();
    user.send(numberOf(standing, "Bắt đầu điền"));
    const province = await user.nextMessage();
    user.send(numberOf(province, "Hải Phòng"));
    const district = await user.nextMessage();
    user.send(numberOf(district, "Lê Chân"));
    expect(await user.nextMessage()).toContain("Số cán bộ của Lê Chân");
    user.send("Quay lại");
    expect(await user.nextMessage()).toContain("Huyện");
    user.send("Quay lại");
    const again = await user.nextMessage();
    expect(again).toContain("Tỉnh");
    user.send(numberOf(again, "Hà Nội"));
    const asked = await user.nextMessage();
    expect(asked).toContain("Huyện");
    expect(asked).not.toContain("Lê Chân");
    user.send(numberOf(asked, "Ba Đình"));
    expect(await user.nextMessage()).toContain("Số cán bộ của Ba Đình");
    user.send("4");
    expect(await user.nextMessage()).toContain("Xem lại");
    user.send("gửi báo cáo");
    const receipt = await user.nextMessage();
    expect(receipt).toContain("Đã gửi");
    expect(receipt).toContain("Cảm ơn: Ba Đình có 4 cán bộ.");
    expect((await stored("hai-phong"))?.answers.get("huyen.huyen")?.value).toBe("ba_dinh");
  });
});
