import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonsOf, textOf } from "../../src/emulator/fake-user.js";
import { writeWorkbook } from "../../src/reports/workbook.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { roundOnWorkbook } from "../support/xlsform-round.js";
import { numberOf } from "../support/zalo-form.js";

/**
 * `${name}` inside a choice's label (issue 25), through the real bot process on Telegram and Zalo:
 * the choice shows the answer it reads on its button or numbered line, in the answer kept, on the
 * receipt through `jr:choice-name()`, and in the export; an answer with tags in it shows them as typed.
 */
describe("a round on a form whose choice names the person in charge", () => {
  let e2e: E2E;
  const dir = mkdtempSync(join(tmpdir(), "xlsform-choice-labels-e2e-"));
  const survey = {
    survey: [
      ["type", "name", "label", "required"],
      ["text", "ten", "Người phụ trách", "yes"],
      ["select_one dong_y", "dong_y", "Ý kiến", "yes"],
      ["note", "cam_on", "Đã ghi: jr:choice-name(${dong_y}, '${dong_y}')."],
    ],
    choices: [
      ["list_name", "name", "label"],
      ["dong_y", "co", "Có, ${ten} đồng ý"],
      ["dong_y", "khong", "Không"],
    ],
    settings: [
      ["form_id", "version", "form_title"],
      ["y-kien", "2026120301", "Ý kiến người phụ trách"],
    ],
  };

  beforeAll(async () => {
    e2e = await startE2E({ zalo: true });
    await roundOnWorkbook(e2e, survey, { id: "y-kien", name: "Ý kiến người phụ trách", targets: "ha-noi,hai-phong,da-nang" });
  });

  afterAll(() => e2e?.stop());

  const stored = async (agency: string) => {
    const round = await e2e.deps.rounds.get("y-kien");
    return (await e2e.deps.reports.exportSource(round!, [])).load(agency);
  };

  it("on Telegram: the button, the answer kept on the question, the receipt and the export show the name typed", async () => {
    const officer = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Mai");
    officer.press("Bắt đầu điền");
    expect(textOf(await officer.nextScreen())).toContain("Người phụ trách");
    officer.send("Tân <b>Lập</b>");
    const opinion = await officer.nextScreen();
    expect(textOf(opinion)).toContain("Ý kiến");
    expect(buttonsOf(opinion).map((button) => button.text)).toEqual(expect.arrayContaining(["Có, Tân <b>Lập</b> đồng ý", "Không"]));
    officer.press("Có, Tân <b>Lập</b> đồng ý");
    expect(textOf(await officer.nextScreen())).toContain("Xem lại");
    // The question's message keeps the answer, escaped once: the tags show as typed.
    await officer.whenMessage(opinion.message_id, (message) => textOf(message).includes("✓ Có, Tân <b>Lập</b> đồng ý"));
    officer.press("Gửi báo cáo");
    const receipt = await officer.nextScreen();
    expect(textOf(receipt)).toContain("Đã gửi");
    expect(textOf(receipt)).toContain("Đã ghi: Có, Tân <b>Lập</b> đồng ý.");
    expect((await stored("ha-noi"))?.answers.get("dong_y.dong_y")?.value).toBe("co");

    const round = await e2e.deps.rounds.get("y-kien");
    const file = join(dir, "export.xlsx");
    await writeWorkbook(await e2e.deps.reports.exportSource(round!, e2e.deps.rounds.agenciesOf(round!)), file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const summary = workbook.getWorksheet("Tổng hợp");
    const header = ((summary?.getRow(1).values ?? []) as unknown[]).map(String);
    const rows = [2, 3].map((at) => summary?.getRow(at));
    const haNoi = rows.find((row) => row?.values && (row.values as unknown[]).includes("ha-noi"));
    expect(haNoi?.getCell(header.indexOf("Ý kiến")).value).toBe("Có, Tân <b>Lập</b> đồng ý");
  });

  /** A Zalo officer of `agency` at the question whose choice names `name`: its screen's text. */
  async function zaloAtOpinion(person: string, agency: string, name: string) {
    const user = e2e.zalo!.user(person);
    const { displayCode } = await e2e.deps.invites.issue({ role: "officer", agencyId: agency }, Date.now());
    user.send(displayCode);
    await user.nextMessage();
    const standing = await user.nextMessage();
    user.send(numberOf(standing, "Bắt đầu điền"));
    expect(await user.nextMessage()).toContain("Người phụ trách");
    user.send(name);
    return { user, opinion: await user.nextMessage() };
  }

  it("on Zalo: the numbered line shows it; chosen by number, the answer kept heads the next screen; the receipt shows it", async () => {
    const { user, opinion } = await zaloAtOpinion("Tuấn", "hai-phong", "Hà <i>Anh</i>");
    expect(opinion).toContain("Có, Hà <i>Anh</i> đồng ý");
    expect(opinion).not.toContain("${ten}");
    user.send(numberOf(opinion, "Có, Hà"));
    // Zalo cannot edit the question: the answer kept heads the next screen.
    const review = await user.nextMessage();
    expect(review).toContain("✓ Có, Hà <i>Anh</i> đồng ý");
    expect(review).toContain("Xem lại");
    user.send("gửi báo cáo");
    const receipt = await user.nextMessage();
    expect(receipt).toContain("Đã gửi");
    expect(receipt).toContain("Đã ghi: Có, Hà <i>Anh</i> đồng ý.");
    expect((await stored("hai-phong"))?.answers.get("dong_y.dong_y")?.value).toBe("co");
  });

  it("on Zalo: the choice's words, typed with the answer in them, are that choice", async () => {
    const { user, opinion } = await zaloAtOpinion("Hoa", "da-nang", "Võ <b>Hoa</b> & Co");
    expect(opinion).toContain("Có, Võ <b>Hoa</b> & Co đồng ý");
    user.send("Có, Võ <b>Hoa</b> & Co đồng ý");
    expect(await user.nextMessage()).toContain("Xem lại");
    expect((await stored("da-nang"))?.answers.get("dong_y.dong_y")?.value).toBe("co");
  });
});
