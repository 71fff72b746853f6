import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../../src/emulator/fake-user.js";
import { readXlsForm } from "../../src/form/xlsform/read.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { cliOf, roundOnWorkbook } from "../support/xlsform-round.js";
import { communeSurvey, xlsformWorkbook } from "../support/xlsform-workbook.js";
import { numberOf } from "../support/zalo-form.js";

/**
 * A questionnaire the code has never seen, brought as an XLSForm workbook: imported with the CLI,
 * run in a round through the real bot process on Telegram and on Zalo, exported and read back.
 */
describe("a round on a form imported from XLSForm", () => {
  let e2e: E2E;
  const dir = mkdtempSync(join(tmpdir(), "xlsform-e2e-"));
  const cli = (...args: string[]) => cliOf(e2e)(...args);

  beforeAll(async () => {
    e2e = await startE2E({ zalo: true });
    await roundOnWorkbook(e2e, communeSurvey(), { id: "khao-sat-xa", name: "Khảo sát chuyển đổi số cấp xã" });
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

/**
 * The XLSForm constructs of phase B (issue 25), in one questionnaire written here: a province
 * then its districts (choice_filter), a total worked out (calculate) and shown in a label, a
 * list with "Khác" (or_other), a one-button acknowledge and a required_message; answered on
 * Telegram and on Zalo through the real bot process, and read back from the export.
 */
describe("a round on a form with cascading choices, calculations and “other”", () => {
  let e2e: E2E;
  const dir = mkdtempSync(join(tmpdir(), "xlsform-b-e2e-"));
  const cli = (...args: string[]) => cliOf(e2e)(...args);
  const survey = {
    survey: [
      ["type", "name", "label", "required", "required_message", "constraint", "calculation", "choice_filter", "repeat_count"],
      ["select_one provinces", "tinh", "Tỉnh", "yes"],
      ["select_one districts", "huyen", "Huyện", "yes", "", "", "", "province = ${tinh}"],
      ["integer", "nam", "Số cán bộ nam", "yes"],
      ["integer", "nu", "Số cán bộ nữ", "yes"],
      ["calculate", "tong", "", "", "", "", "${nam} + ${nu}"],
      ["acknowledge", "da_doc", "Huyện ${huyen} có ${tong} cán bộ. Đã rõ?", "yes"],
      [
        "integer",
        "tap_huan",
        "Trong ${tong} cán bộ, bao nhiêu người đã tập huấn?",
        "yes",
        "Cần số đã tập huấn để tính chỉ tiêu",
        ". <= ${tong}",
      ],
      ["select_one kenh or_other", "kenh", "Kênh tiếp nhận chính", "yes"],
      ["integer", "so_diem", "Số điểm phục vụ", "yes"],
      ["begin_repeat", "diem", "Điểm phục vụ", "", "", "", "", "", "${so_diem}"],
      ["text", "ten_diem", "Tên điểm phục vụ", "yes"],
      ["end_repeat"],
    ],
    choices: [
      ["list_name", "name", "label", "province"],
      ["provinces", "hn", "Hà Nội"],
      ["provinces", "hp", "Hải Phòng"],
      ["districts", "ba_dinh", "Ba Đình", "hn"],
      ["districts", "dong_da", "Đống Đa", "hn"],
      ["districts", "le_chan", "Lê Chân", "hp"],
      ["districts", "ngo_quyen", "Ngô Quyền", "hp"],
      ["kenh", "online", "Trực tuyến"],
      ["kenh", "counter", "Tại quầy"],
    ],
    settings: [
      ["form_id", "version", "form_title"],
      ["khao-sat-b", "2026120301", "Khảo sát cán bộ cấp huyện"],
    ],
  };

  beforeAll(async () => {
    e2e = await startE2E({ zalo: true });
    await roundOnWorkbook(e2e, survey, { id: "khao-sat-b", name: "Khảo sát cán bộ cấp huyện" });
  });

  afterAll(() => e2e?.stop());

  it("is answered on Telegram: the districts of the province chosen, the total in a label, Khác and what it is", async () => {
    const officer = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Mai");
    officer.press("Bắt đầu điền");
    expect(textOf(await officer.nextScreen())).toContain("Tỉnh");
    officer.press("Hà Nội");
    const district = await officer.nextScreen();
    expect(textOf(district)).toContain("Huyện");
    const offered = (district.reply_markup?.inline_keyboard ?? []).flat().map((button) => button.text);
    expect(offered).toEqual(expect.arrayContaining(["Ba Đình", "Đống Đa"]));
    expect(offered).not.toContain("Lê Chân");
    officer.press("Đống Đa");
    expect(textOf(await officer.nextScreen())).toContain("Số cán bộ nam");
    officer.send("7");
    expect(textOf(await officer.nextScreen())).toContain("Số cán bộ nữ");
    officer.send("5");
    expect(textOf(await officer.nextScreen())).toContain("Huyện Đống Đa có 12 cán bộ. Đã rõ?");
    officer.press("Đã rõ");
    expect(textOf(await officer.nextScreen())).toContain("Trong 12 cán bộ, bao nhiêu người đã tập huấn?");
    const later = officer.press("Để sau");
    // The form's own reason the answer is needed, on the button pressed; the next question in place.
    expect((await later.answered()).text).toBe("Cần số đã tập huấn để tính chỉ tiêu");
    expect(textOf(await officer.nextScreen())).toContain("Kênh tiếp nhận chính");
    officer.press("Khác");
    expect(textOf(await officer.nextScreen())).toContain("Khác: đề nghị ghi rõ");
    officer.send("Tổng đài 1022");
    expect(textOf(await officer.nextScreen())).toContain("Số điểm phục vụ");
    officer.send("2");
    const list = textOf(await officer.nextScreen());
    expect(list).toContain("Danh sách này cần 2 mục; đã có 0.");
    officer.send("Một cửa huyện");
    expect(textOf(await officer.nextScreen())).toContain("đã có 1");
    officer.send("Bưu điện");
    expect(textOf(await officer.nextScreen())).toContain("đã có 2");
    const round = await e2e.deps.rounds.get("khao-sat-b");
    const state = await (await e2e.deps.reports.exportSource(round!, [])).load("ha-noi");
    expect(state?.answers.get("kenh.kenh")?.value).toBe("other");
    expect(state?.answers.get("kenh.kenh_other")?.value).toBe("Tổng đài 1022");
    expect(state?.answers.has("tong.tong")).toBe(false);
  });

  it("is answered on Zalo by typing numbers: the districts numbered as offered", async () => {
    const user = e2e.zalo!.user("Tuấn");
    const { displayCode } = await e2e.deps.invites.issue({ role: "officer", agencyId: "hai-phong" }, Date.now());
    user.send(displayCode);
    await user.nextMessage();
    const standing = await user.nextMessage();
    user.send(numberOf(standing, "Bắt đầu điền"));
    const province = await user.nextMessage();
    user.send(numberOf(province, "Hải Phòng"));
    const district = await user.nextMessage();
    expect(district).not.toContain("Ba Đình");
    user.send(numberOf(district, "Ngô Quyền"));
    expect(await user.nextMessage()).toContain("Số cán bộ nam");
    user.send("3");
    expect(await user.nextMessage()).toContain("Số cán bộ nữ");
    user.send("2");
    const acknowledge = await user.nextMessage();
    expect(acknowledge).toContain("Huyện Ngô Quyền có 5 cán bộ. Đã rõ?");
    user.send(numberOf(acknowledge, "Đã rõ"));
    expect(await user.nextMessage()).toContain("Trong 5 cán bộ");
    user.send("6");
    expect(await user.nextMessage()).toContain("chưa đúng yêu cầu");
    user.send("4");
    const channel = await user.nextMessage();
    user.send(numberOf(channel, "Tại quầy"));
    expect(await user.nextMessage()).toContain("Số điểm phục vụ");
    user.send("1");
    expect(await user.nextMessage()).toContain("Danh sách này cần 1 mục; đã có 0.");
    user.send("Một cửa quận");
    const full = await user.nextMessage();
    expect(full).toContain("đã có 1");
    expect(full).toContain("Đủ số mục cần.");
    user.send("đã đủ danh sách");
    expect(await user.nextMessage()).toContain("Xem lại");
    user.send("gửi báo cáo");
    expect(await user.nextMessage()).toContain("Đã gửi");
  });

  it("exports the total worked out, the district and what Khác was", async () => {
    const out = join(dir, "khao-sat-b-export.xlsx");
    const exported = cli("export", "--round", "khao-sat-b", "--out", out);
    expect(exported.status, exported.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const summary: string[][] = [];
    workbook
      .getWorksheet("Tổng hợp")
      ?.eachRow((row) => summary.push((row.values as unknown[]).slice(1).map((value) => String(value ?? ""))));
    const column = (title: string) => summary[0]?.indexOf(title) ?? -1;
    const haNoi = summary.find((row) => row[1] === "ha-noi");
    const haiPhong = summary.find((row) => row[1] === "hai-phong");
    expect(haNoi?.[column("Huyện")]).toBe("Đống Đa");
    expect(haNoi?.[column("tong")]).toBe("12");
    expect(haNoi?.[column("Kênh tiếp nhận chính")]).toBe("Khác");
    expect(haNoi?.[column("Khác: đề nghị ghi rõ")]).toBe("Tổng đài 1022");
    expect(haNoi?.[column("Huyện Đống Đa có 12 cán bộ. Đã rõ?".replace("Đống Đa", "${huyen}").replace("12", "${tong}"))]).toBe("OK");
    expect(haiPhong?.[column("Huyện")]).toBe("Ngô Quyền");
    expect(haiPhong?.[column("tong")]).toBe("5");
    expect(haiPhong?.[column("Trạng thái")]).toBe("Đã gửi");
    const points: string[][] = [];
    workbook
      .getWorksheet("Điểm phục vụ")
      ?.eachRow((row) => points.push((row.values as unknown[]).slice(1).map((value) => String(value ?? ""))));
    expect(points.slice(1).map((row) => `${row[0]}: ${row[3]}`)).toEqual([
      "ha-noi: Một cửa huyện",
      "ha-noi: Bưu điện",
      "hai-phong: Một cửa quận",
    ]);
  });
});
