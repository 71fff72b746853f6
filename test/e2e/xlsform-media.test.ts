import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../../src/emulator/fake-user.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { roundOnWorkbook } from "../support/xlsform-round.js";

/**
 * A questionnaire that asks for a photo and a place, imported from XLSForm and answered through
 * the real bot process: a photo and a shared location on Telegram, a photo and typed coordinates on
 * Zalo. The secretariat's workbook links each photo (the link serves its bytes) and writes each
 * place as XLSForm does, "lat lon".
 */
describe("image and geopoint questions imported from XLSForm", () => {
  let e2e: E2E;
  const telegramPhoto = Buffer.from("ảnh trụ sở Hà Nội, gửi qua Telegram");
  const telegramOther = Buffer.from("ảnh biển hiệu Hà Nội, gửi dạng tệp");
  const zaloPhoto = Buffer.from("ảnh trụ sở Hải Phòng, gửi qua Zalo");

  beforeAll(async () => {
    // Pictures from Zalo are kept up to 2 kB here, so that a larger one is refused.
    e2e = await startE2E({ zalo: true, publicUrl: true, env: { ATTACHMENT_MAX_BYTES: "2048" } });
    await roundOnWorkbook(
      e2e,
      {
        survey: [
          ["type", "name", "label::Tiếng Việt (vi)", "label::English (en)", "required"],
          ["photo", "anh_tru_so", "Ảnh trụ sở", "Photo of the office", "yes"],
          ["geopoint", "vi_tri", "Vị trí trụ sở", "Where the office is", "yes"],
          ["image", "anh_khac", "Ảnh khác (nếu có)", "Another photo", "no"],
        ],
        settings: [
          ["form_id", "version", "form_title"],
          ["tru-so", "2026120301", "Ảnh và vị trí trụ sở"],
        ],
      },
      { id: "tru-so", name: "Ảnh và vị trí trụ sở" },
    );
  });

  afterAll(() => e2e?.stop());

  it("is answered on Telegram with a photo and a shared location; text on the photo is refused", async () => {
    const officer = await e2e.join({ role: "officer", agencyId: "ha-noi" }, "Lan");
    officer.press("Bắt đầu điền");
    const photo = await officer.nextScreen();
    expect(textOf(photo)).toContain("Ảnh trụ sở");
    expect(textOf(photo)).toContain("Gửi một ảnh: bấm nút đính kèm (📎)");
    officer.send("ảnh đây");
    await officer.whenMessage(photo.message_id, (message) => textOf(message).includes("⚠ Gửi một ảnh cho câu hỏi này"));
    officer.sendPhoto("", telegramPhoto);
    const place = await officer.nextMessage();
    expect(textOf(place)).toContain("Vị trí trụ sở");
    expect(textOf(place)).toContain('chọn "Vị trí"');
    // The question answered shows the photo as a mark, never its file id.
    await officer.whenMessage(photo.message_id, (message) => textOf(message).includes("✓ 📷"));
    officer.send("91, 200");
    await officer.whenMessage(place.message_id, (message) => textOf(message).includes("⚠ Vĩ độ phải từ -90 đến 90"));
    officer.sendLocation(21.028511, 105.804817);
    const other = await officer.nextMessage();
    expect(textOf(other)).toContain("Ảnh khác (nếu có)");
    // A picture larger than the bot can serve back (ATTACHMENT_MAX_BYTES, 2 kB here) would be a link that never opens: refused.
    officer.sendDocument("bien-hieu-goc.png", Buffer.alloc(4096, 1));
    expect(textOf(await officer.nextMessage())).toContain("Chưa nhận được ảnh này");
    // A picture sent as a file ("without compression") is taken as a photo too.
    officer.sendDocument("bien-hieu.png", telegramOther);
    expect(textOf(await officer.nextScreen())).toContain("Xem lại");
    officer.press("Gửi báo cáo");
    expect(textOf(await officer.nextScreen())).toContain("Đã gửi");
    // A place shared where no question asks one is what it was before: something the bot does not read.
    officer.sendLocation(21, 105);
    expect(textOf(await officer.nextMessage())).toBe("Trợ lý chỉ đọc được tin nhắn chữ. Gõ /help để xem những việc có thể làm.");
    const round = await e2e.deps.rounds.get("tru-so");
    const state = await (await e2e.deps.reports.exportSource(round!, [])).load("ha-noi");
    expect(state?.answers.get("vi_tri.vi_tri")?.value).toBe("21.028511 105.804817");
    expect(state?.answers.get("anh_khac.anh_khac")?.value).toEqual(expect.any(String));
  });

  it("is answered on Zalo with a photo (kept by the bot) and typed coordinates", async () => {
    const user = e2e.zalo!.user("Hùng");
    const { displayCode } = await e2e.deps.invites.issue({ role: "officer", agencyId: "hai-phong" }, Date.now());
    user.send(displayCode);
    await user.nextMessage();
    await user.nextMessage();
    user.send("bắt đầu điền");
    const photo = await user.nextMessage();
    expect(photo).toContain("Ảnh trụ sở");
    expect(photo).toContain("bấm biểu tượng ảnh ở khung chat");
    user.send("chưa có ảnh");
    expect(await user.nextMessage()).toContain("Gửi một ảnh cho câu hỏi này");
    user.sendPhoto(Buffer.alloc(4096, 1));
    expect(await user.nextMessage()).toContain("Chưa nhận được ảnh này (ảnh quá lớn hoặc không tải về được)");
    user.sendPhoto(zaloPhoto);
    const place = await user.nextMessage();
    expect(place).toContain("Vị trí trụ sở");
    expect(place).toContain("Gõ vĩ độ và kinh độ");
    user.send("ở trung tâm");
    expect(await user.nextMessage()).toContain("Chưa đọc được vị trí");
    // A picture where no photo is asked is not fetched nor kept: the question says what it takes.
    const kept = async () => (await e2e.deps.redis.keys(e2e.deps.keys.attachment("*"))).length;
    const before = await kept();
    user.sendPhoto(Buffer.from("ảnh gửi nhầm chỗ"));
    expect(await user.nextMessage()).toContain("Chưa đọc được vị trí");
    expect(await kept()).toBe(before);
    user.send("20.8449° 106.6881°");
    expect(await user.nextMessage()).toContain("Ảnh khác (nếu có)");
    user.send("bỏ qua");
    expect(await user.nextMessage()).toContain("Xem lại");
    user.send("gửi báo cáo");
    expect(await user.nextMessage()).toContain("Đã gửi");
    const round = await e2e.deps.rounds.get("tru-so");
    const state = await (await e2e.deps.reports.exportSource(round!, [])).load("hai-phong");
    // Zalo's picture URL expires: the bytes are the bot's own.
    expect(String(state?.answers.get("anh_tru_so.anh_tru_so")?.value)).toMatch(/^stored:/);
    expect(state?.answers.get("anh_khac.anh_khac")?.value).toBeNull();
  });

  it("exports a workbook that links each photo (the link serves it) and writes each place as lat lon", async () => {
    const desk = await e2e.join({ role: "secretariat" }, "Thư ký");
    desk.send("/export tru-so");
    const file = await desk.nextMessage();
    expect(file.document?.file_name).toBe("bao-cao-tong-hop-tru-so.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((e2e.emulator.files.get(file.document?.file_id ?? "")?.bytes ?? Buffer.alloc(0)) as unknown as ArrayBuffer);
    const summary = workbook.getWorksheet("Tổng hợp");
    const header = ((summary?.getRow(1).values ?? []) as unknown[]).map((value) => String(value ?? ""));
    const rowOf = (agencyId: string) => {
      let found: ExcelJS.Row | undefined;
      summary?.eachRow((row) => {
        if (row.getCell(2).value === agencyId) found = row;
      });
      return found;
    };
    const cell = (agencyId: string, title: string) => rowOf(agencyId)?.getCell(header.indexOf(title)).value;
    expect(cell("ha-noi", "Vị trí trụ sở")).toBe("21.028511 105.804817");
    expect(cell("hai-phong", "Vị trí trụ sở")).toBe("20.8449 106.6881");
    expect(cell("hai-phong", "Ảnh khác (nếu có)")).toBe("(bỏ qua)");
    for (const [agencyId, title, bytes] of [
      ["ha-noi", "Ảnh trụ sở", telegramPhoto],
      ["ha-noi", "Ảnh khác (nếu có)", telegramOther],
      ["hai-phong", "Ảnh trụ sở", zaloPhoto],
    ] as const) {
      const link = cell(agencyId, title) as { text: string; hyperlink: string };
      expect(link.hyperlink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//);
      // Never the reference itself, nor whose link it is: its token reads as nothing (sealed, src/channels/file-links.ts).
      const token = new URL(link.hyperlink).pathname.split("/")[2] ?? "";
      for (const hidden of ["stored:", "telegram:", "zalo:"])
        expect(Buffer.from(token, "base64url").toString("latin1")).not.toContain(hidden);
      const served = await fetch(link.hyperlink);
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
    }
  });
});
