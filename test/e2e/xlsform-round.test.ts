import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../../src/emulator/fake-user.js";
import { readXlsForm } from "../../src/form/xlsform/read.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { communeSurvey, xlsformWorkbook } from "../support/xlsform-workbook.js";
import { numberOf } from "../support/zalo-form.js";

/**
 * A questionnaire the code has never seen, brought as an XLSForm workbook: imported with the CLI,
 * run in a round through the real bot process on Telegram and on Zalo, exported and read back.
 */
describe("a round on a form imported from XLSForm", () => {
  let e2e: E2E;
  const dir = mkdtempSync(join(tmpdir(), "xlsform-e2e-"));
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: PROJECT_ROOT, env: e2e.bot.env, encoding: "utf8" });

  beforeAll(async () => {
    e2e = await startE2E({ zalo: true });
    const file = join(dir, "xa.xlsx");
    writeFileSync(file, await xlsformWorkbook(communeSurvey()));
    expect(cli("form", "import", file).stdout).toContain("imported xa-chuyen-doi-so version 2026112501");
    const created = cli(
      "round",
      "create",
      "--id",
      "khao-sat-xa",
      "--name",
      "Khảo sát chuyển đổi số cấp xã",
      "--deadline",
      "2026-12-31 17:00",
      "--targets",
      "ha-noi,hai-phong",
      "--form",
      "xa-chuyen-doi-so",
    );
    expect(created.stdout).toContain("form xa-chuyen-doi-so version 2026112501");
    // The opening notice is another test's business: the officers here only answer.
    await e2e.deps.roundStore.claimOpening("khao-sat-xa");
  });

  afterAll(() => e2e?.stop());

  it("is answered on Telegram: constraints, several options, relevant, a list, submit", async () => {
    const officer = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Lan");
    officer.press("Bắt đầu điền");
    expect(textOf(await officer.nextScreen())).toContain("Tên xã");
    officer.send("Xã Tân Lập");
    const staff = await officer.nextScreen();
    expect(textOf(staff)).toContain("Số cán bộ");
    officer.send("0");
    // The reason as one line of the question's own message: the question stays the one on screen.
    await officer.whenMessage(staff.message_id, (message) => textOf(message) === `${textOf(staff)}\n\n⚠ Từ 1 đến 500`);
    officer.send("12");
    const channels = textOf(await officer.nextMessage());
    expect(channels).toContain("Kênh tiếp nhận hồ sơ");
    expect(channels).toContain("3. Bưu chính");
    officer.send("1, 3");
    expect(textOf(await officer.nextScreen())).toContain("Tỉ lệ hồ sơ trực tuyến");
    officer.send("45,5");
    expect(textOf(await officer.nextScreen())).toContain("Tiếp nhận trực tuyến từ ngày");
    officer.send("15/03/2026");
    expect(textOf(await officer.nextScreen())).toContain("Điểm phục vụ");
    officer.send("Bộ phận một cửa");
    expect(textOf(await officer.nextScreen())).toContain("Đang hoạt động?");
    officer.press("Có");
    expect(textOf(await officer.nextScreen())).toContain("Điểm phục vụ");
    officer.press("Đã đủ danh sách");
    expect(textOf(await officer.nextScreen())).toContain("Xem lại");
    officer.press("Gửi báo cáo");
    expect(textOf(await officer.nextScreen())).toContain("Đã gửi");
    const round = await e2e.deps.rounds.get("khao-sat-xa");
    const state = await (await e2e.deps.reports.exportSource(round!, [])).load("ha-noi");
    expect(state?.status).toBe("submitted");
    expect(state?.answers.get("channels.channels")?.value).toBe("online post");
  });

  it("is answered on Zalo by typing, where relevant rules questions out", async () => {
    const user = e2e.zalo!.user("Hùng");
    const { displayCode } = await e2e.deps.invites.issue({ role: "officer", agencyId: "hai-phong" }, Date.now());
    user.send(displayCode);
    await user.nextMessage();
    const standing = await user.nextMessage();
    expect(standing).toContain("Biểu mẫu «Khảo sát chuyển đổi số cấp xã» của Hải Phòng chưa được bắt đầu");
    user.send(numberOf(standing, "Bắt đầu điền"));
    expect(await user.nextMessage()).toContain("Tên xã");
    user.send("Phường Lê Chân");
    expect(await user.nextMessage()).toContain("Số cán bộ");
    user.send("30");
    expect(await user.nextMessage()).toContain("Kênh tiếp nhận hồ sơ");
    // Only at the counter: no online share, and one channel is not two.
    user.send("2");
    const list = await user.nextMessage();
    expect(list).toContain("Điểm phục vụ");
    user.send("không có");
    const review = await user.nextMessage();
    expect(review).toContain("Xem lại");
    user.send("gửi báo cáo");
    expect(await user.nextMessage()).toContain("Đã gửi");
  });

  it("exports a workbook laid out by the form: the summary, a sheet per agency, a sheet per repeat", async () => {
    const out = join(dir, "khao-sat.xlsx");
    const exported = cli("export", "--round", "khao-sat-xa", "--out", out);
    expect(exported.status, exported.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const rows = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      const values: string[][] = [];
      sheet?.eachRow((row) =>
        values.push((row.values as unknown[]).slice(1).map((value) => (value instanceof Date ? "date" : String(value ?? "")))),
      );
      return values;
    };
    const summary = rows("Tổng hợp");
    expect(summary[0]?.slice(0, 4)).toEqual(["STT", "Mã đơn vị", "Đơn vị", "Trạng thái"]);
    expect(summary[0]).toContain("Kênh tiếp nhận hồ sơ");
    const column = (title: string) => summary[0]?.indexOf(title) ?? -1;
    const haNoi = summary.find((row) => row[1] === "ha-noi");
    const haiPhong = summary.find((row) => row[1] === "hai-phong");
    expect(haNoi?.[column("Trạng thái")]).toBe("Đã gửi");
    expect(haNoi?.[column("1. Điểm phục vụ hoạt động")]).toBe("Đã đáp ứng");
    expect(haNoi?.[column("Đáp ứng 100% yêu cầu")]).toBe("Có");
    // Hải Phòng answered "Không có" to the list that must name one: answered, not met, never "not answered".
    expect(haiPhong?.[column("1. Điểm phục vụ hoạt động")]).toBe("Chưa đáp ứng");
    expect(haNoi?.[column("Tên xã")]).toBe("Xã Tân Lập");
    expect(haNoi?.[column("Kênh tiếp nhận hồ sơ")]).toBe("Trực tuyến; Bưu chính");
    expect(haNoi?.[column("Tỉ lệ hồ sơ trực tuyến (%)")]).toBe("45,5");
    expect(haNoi?.[column("Tiếp nhận trực tuyến từ ngày")]).toBe("15/03/2026");
    expect(haiPhong?.[column("Kênh tiếp nhận hồ sơ")]).toBe("Tại quầy");
    // Not asked: relevant ruled it out (an empty cell at the end of a row is not stored).
    expect(haiPhong?.[column("Tỉ lệ hồ sơ trực tuyến (%)")] ?? "").toBe("");
    expect(haiPhong?.[column("Trạng thái")]).toBe("Đã gửi");
    expect(rows("Điểm phục vụ")).toEqual([
      ["Mã đơn vị", "Đơn vị", "STT", "Tên điểm phục vụ", "Đang hoạt động?"],
      ["ha-noi", "Hà Nội", "1", "Bộ phận một cửa", "Có"],
    ]);
    const haNoiSheet = rows("Hà Nội").map((row) => row.join(" | "));
    expect(haNoiSheet).toContain("Phần 1. Đơn vị");
    expect(haNoiSheet).toContain("Số cán bộ | 12");
    expect(haNoiSheet).toContain("   Đang hoạt động? | Có");
  });

  it("takes a workbook sent by the secretariat in the chat: its problems, or a new version; /forms lists them", async () => {
    const desk = await e2e.join({ role: "secretariat" }, "Thư ký");
    desk.sendDocument("ghi-chu.txt", Buffer.from("không phải bảng tính"));
    expect(textOf(await desk.nextMessage())).toContain("Chỉ nhận biểu mẫu dạng tệp Excel .xlsx");
    const broken = communeSurvey("2026112502");
    delete broken.compliance;
    broken.survey = [...(broken.survey ?? []).slice(0, 3), ["text", "later", "Sau", "", "", "", "${never} = 1"], ["end_group"]];
    desk.sendDocument("hong.xlsx", await xlsformWorkbook(broken));
    const problems = textOf(await desk.nextMessage());
    expect(problems).toContain("Tệp có 1 lỗi, chưa nhập gì");
    expect(problems).toContain("survey dòng 4: relevant đọc ${never}, không có trong trang survey");
    desk.sendDocument("xa-v2.xlsx", await xlsformWorkbook(communeSurvey("2026112502")));
    expect(textOf(await desk.nextMessage())).toContain("Đã nhập biểu mẫu xa-chuyen-doi-so phiên bản 2026112502");
    desk.send("/forms");
    const forms = textOf(await desk.nextMessage());
    expect(forms).toContain("488 v2");
    expect(forms).toContain("xa-chuyen-doi-so v2026112501, v2026112502: Khảo sát chuyển đổi số cấp xã");
    // The form as a workbook to change: it reads back as the version a new round would run.
    desk.send("/forms xa-chuyen-doi-so");
    const file = await desk.nextMessage();
    expect(file.document?.file_name).toBe("xa-chuyen-doi-so-v2026112502.xlsx");
    const read = await readXlsForm(e2e.emulator.files.get(file.document?.file_id ?? "")?.bytes ?? Buffer.alloc(0));
    expect(read.ok && read.form.version).toBe(2026112502);
    desk.send("/forms khong-co");
    expect(textOf(await desk.nextMessage())).toContain("Không có biểu mẫu khong-co");
    // The round created before keeps the version it was created with.
    expect((await e2e.deps.rounds.get("khao-sat-xa"))?.formVersion).toBe(2026112501);
    desk.send("/progress khao-sat-xa");
    expect(textOf(await desk.nextMessage())).toMatch(/2\/2/);
  });

  it("takes a workbook as KoBoToolbox saves it: no settings sheet, English labels, warnings told", async () => {
    const kobo = {
      survey: [
        ["type", "name", "label::English (en)", "label::Français (fr)"],
        ["start", "start"],
        ["select one from yes_no", "open", "Is the one-stop shop open?", "Le guichet est-il ouvert ?"],
        ["integer", "staff", "How many staff?", "Combien de personnes ?"],
      ],
      choices: [
        ["list name", "name", "label::English (en)"],
        ["yes_no", "yes", "Yes"],
        ["yes_no", "no", "No"],
      ],
    };
    const desk = await e2e.join({ role: "secretariat" }, "Thư ký KoBo");
    desk.sendDocument("Kobo survey.xlsx", await xlsformWorkbook(kobo));
    const answer = textOf(await desk.nextMessage());
    expect(answer).toMatch(/Đã nhập biểu mẫu kobo-survey phiên bản \d{10}: kobo-survey \(2 câu hỏi/);
    expect(answer).toContain("⚠️ 3 điểm trò chuyện bỏ qua hoặc tự điền");
    expect(answer).toContain("workbook: không có câu chữ tiếng Việt: thành viên dùng tiếng Việt sẽ đọc bản English (en)");
    expect(answer).toContain("survey: label::Français (fr) là ngôn ngữ trợ lý không dùng (Français (fr)): bỏ qua");
    // The command line takes the form's id from the file's name too, and prints the warnings in English.
    const file = join(dir, "ODK form.xlsx");
    writeFileSync(file, await xlsformWorkbook(kobo));
    const imported = cli("form", "import", file).stdout;
    expect(imported).toMatch(/imported odk-form version \d{10}: odk-form \(2 questions/);
    expect(imported).toContain("  warning: workbook: has no Vietnamese texts: Vietnamese members read the English (en) ones");
  });
});
