import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import { type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";

describe("the desk sees progress, takes out the report and reviews submissions, through the real bot", () => {
  let e2e: E2E;
  let deps: Deps;
  let emulator: E2E["emulator"];
  let desk: FakeUser;
  let luong: FakeUser;
  let hanoi: FakeUser;

  beforeAll(async () => {
    e2e = await startE2E();
    ({ deps, emulator } = e2e);
    await deps.rounds.create(
      {
        id: "dot-12",
        name: "Báo cáo tháng 12",
        deadline: Date.now() + 7 * 86_400_000,
        targets: { kind: "list", agencies: ["ha-noi", "bac-kan", "bo-tu-phap"] },
      },
      "test",
      Date.now(),
    );
    desk = await e2e.join({ role: "secretariat" });
    luong = await e2e.join({ role: "consultant", consultantId: "ha-thanh-luong" });
    // The secretariat hears that a consultant joined.
    expect(textOf(await desk.nextMessage())).toContain(`thành viên ${luong.id} nay là đầu mối hướng dẫn, tư vấn`);
    hanoi = await e2e.join({ role: "officer", agencyId: "ha-noi" });
    await fillThroughService(deps, officer(hanoi.id, "ha-noi"), answerer({ fullName: "Lê Thị Thu" }), () => [], { submit: true });
  });

  afterAll(() => e2e?.stop());

  it("gives the secretariat the counts and the picture", async () => {
    desk.send("/progress");
    const text = textOf(await desk.nextMessage());
    expect(text).toContain("Tiến độ: Báo cáo tháng 12");
    expect(text).toContain("Đã gửi báo cáo: 0/1 bộ, ngành; 1/2 tỉnh, thành phố.");
    expect(text).toContain("Chưa gửi (2):");
    // Ministries and provinces apart, each named.
    expect(text).toContain("Bộ, ngành (1):\n• chưa bắt đầu (1): Bộ Tư pháp");
    expect(text).toContain("Tỉnh, thành phố (1):\n• chưa bắt đầu (1): Bắc Kạn");
    expect(text).toContain("• Mục 5 (An toàn thông tin): ");
    const picture = await desk.nextMessage();
    expect(picture.photo).toBeDefined();
    expect(emulator.files.get(picture.photo![0]!.file_id)?.bytes.subarray(1, 4).toString()).toBe("PNG");
  });

  it("counts a named group only, as the letter that names it does", async () => {
    desk.send("/progress group:8402-chua-ket-noi");
    const text = textOf(await desk.nextMessage());
    expect(text).toContain("Đã gửi báo cáo: 0/0 bộ, ngành; 1/2 tỉnh, thành phố.");
    expect(text).toContain("Chỉ tính nhóm: 49 địa phương chưa hoàn thành kết nối");
    await desk.nextMessage();
    desk.send("/progress group:khong-co");
    expect(textOf(await desk.nextMessage())).toBe("Không có nhóm đơn vị khong-co.");
  });

  it("refuses in the secretariat's Vietnamese, naming what was wrong (escaped), with no English in it", async () => {
    const refusals: [string, string, string][] = [
      ["/progress nosuchround", "Không có đợt báo cáo nosuchround.", "nosuchround"],
      ["/review ha-noi nosuchround", "Không có đợt báo cáo nosuchround.", "nosuchround"],
      ["/round close nosuchround", "Không có đợt báo cáo nosuchround.", "nosuchround"],
      ["/broadcast agencies:xx-yy", "Mã đơn vị không có: xx-yy.", "xx-yy"],
      ["/broadcast agencies:ha-noi,<b>x", "Mã đơn vị không có: <b>x.", "<b>x"],
      ["/broadcast somebody", "Không rõ đối tượng nhận thông báo “somebody”.", "somebody"],
      ["/assign bo-tu-phap none", "Không đổi được: bo-tu-phap không phải mã tỉnh, thành phố.", "bo-tu-phap"],
    ];
    for (const [command, said, named] of refusals) {
      desk.send(command);
      const text = textOf(await desk.nextMessage());
      expect(text, command).toBe(said);
      expect(text.replace(named, ""), command).not.toMatch(/\b(no|not|unknown|round|agency|ids?|target|is|the)\b/i);
    }
  });

  it("gives a consultant his provinces only, and an officer nothing", async () => {
    luong.send("/progress");
    expect(textOf(await luong.nextMessage())).toContain("Đã gửi báo cáo: 0/0 bộ, ngành; 1/1 tỉnh, thành phố.");
    await luong.nextMessage();
    hanoi.send("/progress");
    expect(textOf(await hanoi.nextMessage())).toContain("dành cho Bộ phận thường trực");
    hanoi.send("/export");
    await hanoi.nextMessage();
    expect(hanoi.messages().some((message) => message.document)).toBe(false);
  });

  it("sends the secretariat the workbook and the CSV", async () => {
    desk.send("/export");
    const workbookMessage = await desk.nextMessage();
    expect(workbookMessage.document?.file_name).toBe("bao-cao-tong-hop-dot-12.xlsx");
    const csv = await desk.nextMessage();
    expect(csv.document?.file_name).toBe("tong-hop-dot-12.csv");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(emulator.files.get(workbookMessage.document!.file_id)!.bytes as unknown as ArrayBuffer);
    const summary = workbook.getWorksheet("Tổng hợp")!;
    expect(summary.getRow(2).getCell(3).value).toBe("Hà Nội");
    expect(summary.getRow(2).getCell(5).value).toBe("Đã gửi");
    expect(summary.getRow(2).getCell(7).value).toBe("Lê Thị Thu");
    expect(emulator.files.get(csv.document!.file_id)!.bytes.toString("utf8")).toContain("ha-noi,Hà Nội,province,submitted");
  });

  it("sends a submission back with a comment; the officers are told and can amend", async () => {
    desk.send("/review ha-noi");
    desk.press("Trả lại để sửa", await desk.nextMessage());
    await desk.nextMessage();
    desk.send("Đề nghị bổ sung số quyết định phê duyệt hồ sơ cấp độ");
    expect(textOf(await desk.nextMessage())).toContain("Đã trả lại báo cáo của Hà Nội; đã báo 1 cán bộ.");
    const notice = await hanoi.nextMessage();
    expect(textOf(notice)).toContain("trả lại báo cáo đợt Báo cáo tháng 12 để sửa: Đề nghị bổ sung số quyết định");
    hanoi.send("/start");
    expect(textOf(await hanoi.nextMessage())).toContain("đã trả lại báo cáo của Hà Nội để sửa");
    desk.send("/review bac-kan");
    expect(textOf(await desk.nextMessage())).toContain("Bắc Kạn chưa gửi báo cáo");
  });
});
