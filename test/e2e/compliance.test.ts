import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../../src/emulator/fake-user.js";
import { fillInChat } from "../support/chat-form.js";
import { type E2E, startE2E } from "../support/e2e.js";

const DOSSIER = "Phê duyệt hồ sơ cấp độ ATTT";
const APPROVED = 3;
const NOT_DRAWN_UP = 1;

/**
 * Letter 000 counts the agencies that meet 100% of letter 1552. Three provinces report every
 * component met through the chat; only the one whose systems are listed and whose security
 * dossiers are approved counts, in /progress and in the workbook alike.
 */
describe("đáp ứng 100% yêu cầu, counted through the real bot", () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await startE2E({
      before: async ({ deps }) => {
        const created = await deps.rounds.create(
          {
            id: "thang-6",
            name: "Báo cáo tháng 6",
            deadline: Date.now() + 7 * 86_400_000,
            targets: { kind: "list", agencies: ["ha-noi", "hai-phong", "da-nang"] },
          },
          "test",
          Date.now(),
        );
        if (!created.ok) throw new Error(created.reason);
        // Announced already: the officers' chats hold the form's screens only.
        await deps.roundStore.claimOpening("thang-6");
      },
    });
  });

  afterAll(() => e2e?.stop());

  async function submitInChat(agencyId: string, dossier: number, lists: Record<string, string[]>) {
    const user = await e2e.join({ role: "officer", agencyId }, "Cán bộ");
    user.press({ data: "f:open" });
    const { review } = await fillInChat(user, await user.nextScreen(), { choice: { [DOSSIER]: dossier } }, lists);
    user.press("Gửi báo cáo", review);
    expect(textOf(await user.nextScreen())).toContain("Đã gửi báo cáo");
  }

  it("counts only the agency with systems listed and dossiers approved", async () => {
    const systems = { "1": ["Hệ thống một cửa điện tử"], "4.1": ["Cổng dịch vụ công"] };
    await submitInChat("ha-noi", APPROVED, systems);
    await submitInChat("hai-phong", NOT_DRAWN_UP, systems);
    await submitInChat("da-nang", APPROVED, {});

    const desk = await e2e.join({ role: "secretariat" });
    desk.send("/progress");
    const progress = textOf(await desk.nextMessage());
    expect(progress).toContain("Đã gửi báo cáo: 0/0 bộ, ngành; 3/3 tỉnh, thành phố.");
    expect(progress).toContain(
      "Báo cáo đã gửi đạt 100% yêu cầu Văn bản 1552 (như Văn bản đôn đốc lần 3 đếm): 0/0 bộ, ngành; 1/3 tỉnh, thành phố.",
    );
    await desk.nextMessage();

    desk.send("/export");
    const file = await desk.nextMessage();
    await desk.nextMessage();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(e2e.emulator.files.get(file.document!.file_id)!.bytes as unknown as ArrayBuffer);
    const summary = workbook.getWorksheet("Tổng hợp")!;
    const header = summary.getRow(1).values as unknown[];
    const fully = header.indexOf("Đáp ứng 100% yêu cầu");
    const byAgency = Object.fromEntries(
      [2, 3, 4].map((row) => [summary.getRow(row).getCell(2).value, summary.getRow(row).getCell(fully).value]),
    );
    expect(byAgency).toEqual({ "ha-noi": "Có", "hai-phong": "Không", "da-nang": "Không" });
  });
});
