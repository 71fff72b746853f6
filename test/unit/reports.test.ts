import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import type { Round } from "../../src/domain/rounds.js";
import { translatorFor } from "../../src/i18n.js";
import { progressPng, progressSvg } from "../../src/reports/progress-picture.js";
import { progressText } from "../../src/reports/progress-text.js";
import { writeSummaryCsv, writeWorkbook } from "../../src/reports/workbook.js";
import type { RoundProgress } from "../../src/services/progress.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

describe("progress and the consolidated report, from known answers in real Redis", () => {
  let store: TestRedis;
  let deps: Deps;
  let round: Round;
  let progress: RoundProgress;
  const now = new Date("2026-11-24T10:00:00+07:00").getTime();
  const file = join(mkdtempSync(join(tmpdir(), "d06-export-")), "bao-cao.xlsx");
  const workbook = new ExcelJS.Workbook();

  beforeAll(async () => {
    store = testRedis();
    deps = depsFor(store);
    const created = await deps.rounds.create(
      {
        id: "thang-11",
        name: "Báo cáo tháng 11",
        opensAt: now - 86_400_000,
        deadline: now + 5 * 86_400_000,
        targets: { kind: "list", agencies: ["ha-noi", "bac-kan", "bo-tu-phap", "da-nang"] },
      },
      "test",
      now,
    );
    if (!created.ok) throw new Error(created.reason);
    round = created.round;
    await fillThroughService(
      deps,
      officer(1, "ha-noi"),
      // Fully compliant as letter 000 counts it: systems listed in rows 1 and 4.1, dossiers approved.
      answerer({ fullName: "Nguyễn Thị Hằng", recommendations: "Đề nghị hỗ trợ kết nối qua NDXP", dossier: "3", decision: "QĐ 12/2026" }),
      (list) => (list === "r1" ? ["Hệ thống một cửa điện tử", "CSDL đất đai"] : list === "r4_1" ? ["Cổng dịch vụ công Hà Nội"] : []),
      { submit: true, now },
    );
    await fillThroughService(
      deps,
      officer(2, "bo-tu-phap"),
      answerer({ compliance: "2", difficulties: "Chưa được bố trí kinh phí; thiếu nhân lực an toàn thông tin" }),
      (list) => (list === "r4_2" ? ["CSDL hộ tịch điện tử"] : []),
      { submit: true, now },
    );
    await fillThroughService(deps, officer(3, "bac-kan"), answerer(), () => [], { submit: false, now, stopAfter: 2 });
    // Đà Nẵng answered an older version of the form, with a question the current one no longer asks.
    await store.redis.hset(`${store.prefix}response:thang-11:da-nang`, {
      "m:formVersion": "0",
      "m:status": "draft",
      "a:legacy.hostingProvider": JSON.stringify({ v: "Trung tâm dữ liệu VNPT", by: 4, at: now }),
    });
    progress = await deps.reports.progress(round, deps.rounds.agenciesOf(round), now);
    await writeWorkbook(await deps.reports.exportSource(round, deps.rounds.agenciesOf(round)), file);
    await workbook.xlsx.readFile(file);
  });
  afterAll(() => store.cleanup());

  it("counts submissions, full compliance and components exactly", () => {
    expect(progress.targeted).toEqual({ province: 3, ministry: 1 });
    expect(progress.submitted).toEqual({ province: 1, ministry: 1 });
    expect(progress.fullyCompliant).toEqual({ province: 1, ministry: 0 });
    expect(progress.components.map((component) => component.id)).toEqual(["1", "2", "3", "4", "5"]);
    // Of the two reports submitted only: Bắc Kạn's and Đà Nẵng's drafts are counted apart.
    expect(progress.drafts).toEqual({ province: 2, ministry: 0 });
    expect(progress.perComponent[1]).toEqual({ met: 1, partial: 1, not_met: 0, unanswered: 0, not_applicable: 0 });
    // Bộ Tư pháp closed row 1 with "Không có": answered, not met (none listed), never "not answered".
    expect(progress.perComponent[0]).toEqual({ met: 1, partial: 0, not_met: 1, unanswered: 0, not_applicable: 0 });
    expect(progress.notSubmitted.map((agency) => agency.id)).toEqual(["bac-kan", "da-nang"]);
    expect(progress.rows.find((row) => row.agency.id === "da-nang")?.components).toEqual([
      "unanswered",
      "unanswered",
      "unanswered",
      "unanswered",
      "unanswered",
    ]);
    expect(progress.late).toBe(false);
  });

  it("words the components' counts, naming those not applicable only when there are some", () => {
    const t = translatorFor("vi");
    const names = progress.components.map((component) => component.short);
    const text = progressText(t, progress, names, "Asia/Ho_Chi_Minh");
    expect(text).toContain("• Mục 2 (HTTT giải quyết TTHC): 1 / 1 / 0 / 0\n");
    expect(text).toContain("Đang điền, chưa gửi: 0 bộ, ngành; 2 tỉnh, thành phố.");
    // Who has not submitted, by kind, those filling in (how far) apart from those not started.
    expect(text).toMatch(/Chưa gửi \(2\):<\/b>\nTỉnh, thành phố \(2\):\n• đang điền \(2\): Bắc Kạn \(\d+%\), Đà Nẵng \(\d+%\)$/);
    expect(text).not.toContain("không áp dụng");
    // Items of letter 488's appendix, not 1552's numbering; which of letter 000's requirements each is, said once.
    expect(text).toContain("mục 4 với yêu cầu (5); mục 5 với yêu cầu (6). Yêu cầu (4)");
    expect(text.match(/Yêu cầu \(4\)/g)).toHaveLength(1);
    expect(text).not.toMatch(/thành phần \d/i);
    const perComponent = progress.perComponent.map((tally, index) =>
      index === 1 ? { ...tally, unanswered: 0, not_applicable: 2 } : tally,
    );
    expect(progressText(t, { ...progress, perComponent }, names, "Asia/Ho_Chi_Minh")).toContain(
      "• Mục 2 (HTTT giải quyết TTHC): 1 / 1 / 0 / 0 (không áp dụng: 2)",
    );
  });

  it("tells a reminder which components the answers say fall short", async () => {
    expect((await deps.reporting.standingIn(round.id, deps.directory.get("bo-tu-phap")!)).shortfalls).toEqual(["1", "2", "3", "4", "5"]);
    expect((await deps.reporting.standingIn(round.id, deps.directory.get("ha-noi")!)).shortfalls).toEqual([]);
  });

  it("shows a consultant his provinces only, and an officer nothing", async () => {
    const luong = {
      id: "9",
      addresses: [],
      preferred: undefined,
      binding: { role: "consultant" as const, consultantId: "ha-thanh-luong" },
      profile: {},
      language: undefined,
      joinedAt: 0,
      blocked: false,
    };
    expect((await deps.reports.visibleAgencies(round, luong)).map((agency) => agency.id)).toEqual(["ha-noi"]);
    expect(await deps.reports.visibleAgencies(round, officer(1, "ha-noi"))).toEqual([]);
  });

  it("writes the summary, one sheet per agency, the systems and the proposals", () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Tổng hợp",
      "Hà Nội",
      "Bắc Kạn",
      "Bộ Tư pháp",
      "Đà Nẵng",
      "Hệ thống",
      "Đề xuất, kiến nghị",
      "Câu trả lời khác",
    ]);
    const summary = workbook.getWorksheet("Tổng hợp")!;
    expect(summary.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const hanoi = summary.getRow(2);
    expect(hanoi.getCell(3).value).toBe("Hà Nội");
    expect(hanoi.getCell(5).value).toBe("Đã gửi");
    expect(hanoi.getCell(6).value).toBeInstanceOf(Date);
    expect((hanoi.getCell(6).value as Date).toISOString()).toBe("2026-11-24T10:00:00.000Z");
    expect(hanoi.getCell(7).value).toBe("Nguyễn Thị Hằng");
    expect(hanoi.getCell(9).value).toBe("Đã đáp ứng");
    expect(hanoi.getCell(14).value).toBe("Có");
    const ministry = summary.getRow(4);
    expect([ministry.getCell(3).value, ministry.getCell(10).value, ministry.getCell(14).value]).toEqual([
      "Bộ Tư pháp",
      "Đáp ứng một phần",
      "Không",
    ]);
    expect(summary.getRow(3).getCell(5).value).toBe("Đang điền");
    expect(summary.getRow(5).getCell(5).value).toBe("Đang điền");
    const others = workbook.getWorksheet("Câu trả lời khác")!;
    expect(others.getRow(2).values).toEqual([undefined, "da-nang", "Đà Nẵng", 0, "legacy.hostingProvider", "Trung tâm dữ liệu VNPT"]);

    const systems = workbook.getWorksheet("Hệ thống")!;
    const rows = systems.getSheetValues().slice(2) as unknown[][];
    const land = rows.find((row) => row?.[5] === "CSDL đất đai")!;
    expect(land.slice(2, 8)).toEqual([
      "ha-noi",
      "Hà Nội",
      "1",
      "CSDL đất đai",
      `Trả lời r1#${String(land[6]).split("#")[1]}`,
      "Đã đáp ứng",
    ]);
    expect(rows.some((row) => row?.[5] === "CSDL hộ tịch điện tử" && row?.[4] === "4.2" && row?.[7] === "Đáp ứng một phần")).toBe(true);

    const proposals = workbook.getWorksheet("Đề xuất, kiến nghị")!;
    const justice = (proposals.getSheetValues().slice(2) as unknown[][]).find((row) => row?.[1] === "bo-tu-phap")!;
    expect(justice).toContain("Chưa được bố trí kinh phí; thiếu nhân lực an toàn thông tin");
    const hanoiSheet = workbook.getWorksheet("Hà Nội")!;
    const cells = (hanoiSheet.getSheetValues() as unknown[][]).flat().map(String);
    expect(cells).toContain("Hạ tầng mạng, đường truyền kết nối");
    expect(cells).toContain("1.2");
  });

  it("lays an agency's sheet out as the appendix does, blanks blank, and ends the summary with letter 000's totals", async () => {
    const source = await deps.reports.exportSource(round, deps.rounds.agenciesOf(round));
    const withLaiChau = join(mkdtempSync(join(tmpdir(), "d06-export-")), "lai-chau.xlsx");
    // Lai Châu has not started: its sheet says so and asserts nothing.
    await writeWorkbook({ ...source, agencies: [...source.agencies, deps.directory.get("lai-chau")!] }, withLaiChau);
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(withLaiChau);
    const rowsOf = (name: string) =>
      Array.from(read.getWorksheet(name)!.getSheetValues().slice(1) as unknown[][], (row) =>
        Array.from((row ?? []).slice(1), (cell) => cell ?? ""),
      );
    const trimmed = (row: unknown[]) => {
      const cells = [...row];
      while (cells.length && cells.at(-1) === "") cells.pop();
      return cells;
    };

    const laiChau = rowsOf("Lai Châu").map(trimmed);
    expect(laiChau).toHaveLength(2);
    expect(String(laiChau[1]![0])).toMatch(/^Trạng thái: Chưa bắt đầu\./);

    const hanoi = rowsOf("Hà Nội").map(trimmed);
    const firstCells = hanoi.map((row) => String(row[0] ?? ""));
    expect(String(hanoi[1]![0])).toBe("Trạng thái: Đã gửi lúc 24/11/2026 10:00");
    // The part titles as the letter prints them, part 1 with the letter's labels.
    for (const title of [
      "1. Thông tin về cán bộ đầu mối",
      "2. Hiện trạng của bộ, ngành",
      "3. Đề xuất sửa đổi, bổ sung",
      "4. Khó khăn, vướng mắc",
    ])
      expect(firstCells.some((cell) => cell.startsWith(title))).toBe(true);
    expect(hanoi).toContainEqual(["", "- Họ và tên:", "Nguyễn Thị Hằng"]);
    expect(hanoi).toContainEqual(["", "- Số điện thoại:", "0912 160 927", "Email:", "dau.moi@hanoi.gov.vn"]);
    // Row 4.1 with one system is the letter's row 4.1, answered in place; row 1's two systems are 1.1 and 1.2.
    const row41 = hanoi.find((row) => row[0] === "4.1")!;
    expect(row41.slice(0, 4)).toEqual([
      "4.1",
      "Hệ thống thông tin giải quyết thủ tục hành chính: Cổng dịch vụ công Hà Nội",
      expect.stringMatching(/^Trả lời r4_1#/),
      "Đã đáp ứng",
    ]);
    expect(firstCells).not.toContain("4.1.1");
    expect(firstCells).toContain("1.2");
    // Part 4 as a) and b).
    expect(hanoi.some((row) => String(row[1]).startsWith("a) Khó khăn vướng mắc") && row[2] === "Trả lời issues.difficulties")).toBe(true);
    expect(hanoi).toContainEqual(["", "b) Đề xuất, kiến nghị", "Đề nghị hỗ trợ kết nối qua NDXP"]);

    // Bắc Kạn stopped after two answers: its proposals are blank, never "Không có".
    const bacKan = rowsOf("Bắc Kạn");
    expect(String(bacKan[1]![0])).toMatch(/^Trạng thái: Đang điền, chưa gửi/);
    const proposals = bacKan.filter((row) => /^[1-7]$/.test(String(row[0])) && String(row[1]).length > 0).slice(-7);
    expect(proposals.map((row) => row[1])).toContain("Hạ tầng mạng, đường truyền kết nối");
    expect(proposals.every((row) => (row[2] ?? "") === "")).toBe(true);
    expect(bacKan.flat()).not.toContain("Không có");

    // Bộ Tư pháp closed row 1 with "Không có": said so, as an answer.
    const justice = rowsOf("Bộ Tư pháp").map(trimmed);
    expect(justice.find((row) => row[0] === "1")?.at(-1)).toBe("Không có");

    const summary = rowsOf("Tổng hợp").map(trimmed);
    expect(summary).toContainEqual(["", "Đã gửi báo cáo: 1/1 bộ, ngành; 1/4 địa phương"]);
    expect(summary).toContainEqual(["", "Đáp ứng 100% yêu cầu: 0/1 bộ, ngành; 1/4 địa phương"]);
    expect(summary.some((row) => /^Yêu cầu \(4\).*không có mục nào/.test(String(row[1])))).toBe(true);
  });

  it("lays form 488 out by its groups too: row 5 a sheet of its own, a row per system named", async () => {
    const source = await deps.reports.exportSource(round, deps.rounds.agenciesOf(round));
    const byGroups = join(mkdtempSync(join(tmpdir(), "d06-export-")), "by-groups.xlsx");
    await writeWorkbook({ ...source, form: { ...source.form, layout: "by-groups" } }, byGroups);
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(byGroups);
    const security = read.worksheets.find((sheet) => sheet.getRow(1).getCell(4).value === "Mục")!;
    const rows = security.getSheetValues().slice(2) as unknown[][];
    const land = rows.find((row) => row?.[4] === "CSDL đất đai")!;
    expect(land.slice(1, 4)).toEqual(["ha-noi", "Hà Nội", 2]);
    expect(land).toContain("Đã được cấp có thẩm quyền phê duyệt");
    expect(land).toContain("QĐ 12/2026");
    const hanoi = (read.getWorksheet("Hà Nội")!.getSheetValues() as unknown[][]).flat().map(String);
    // Listed in row 1, and again in row 5 with its security answers.
    expect(hanoi.filter((cell) => cell === "2. CSDL đất đai")).toHaveLength(2);
  });

  it("writes the summary as CSV with a byte-order mark", async () => {
    const out = new PassThrough();
    let text = "";
    out.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    await writeSummaryCsv(await deps.reports.exportSource(round, deps.rounds.agenciesOf(round)), out);
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]!.startsWith("\uFEFFstt,ma_don_vi")).toBe(true);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toContain("da-nang,Đà Nẵng,province,draft");
    expect(lines[1]).toMatch(/^1,ha-noi,Hà Nội,province,submitted,2026-11-24 10:00,,met,met,met,met,met,yes$/);
  });

  it("draws the progress picture as a PNG, its legend naming the components", () => {
    const labels = {
      title: "Tiến độ",
      legend: { met: "Đã đáp ứng", partial: "Một phần", not_met: "Chưa", unanswered: "Chưa trả lời", not_applicable: "Không áp dụng" },
      components: progress.components.map((component) => component.short),
      submitted: "Gửi",
      provinces: "Tỉnh",
      ministries: "Bộ",
    };
    const svg = progressSvg(progress, labels);
    for (const name of ["1 Mạng, đường truyền", "4 Kết nối CSDLQG về dân cư", "5 An toàn thông tin"])
      expect(svg).toContain(`>${name}</text>`);
    // Each cell says its status in a mark as well as a colour: Hà Nội's row is all met, Bộ Tư pháp's not.
    expect(svg).toMatch(/fill="#2e9e4f"\/><text[^>]*>✓<\/text>/);
    expect(svg).toMatch(/fill="#d64541"\/><text[^>]*>✗<\/text>/);
    const png = progressPng(progress, labels);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBeGreaterThan(500);
  });

  it("sends a submission back with a comment, which reopens it, and keeps the decision in the history", async () => {
    expect(await deps.reports.review(round, "bac-kan", "accepted", "", "5", now)).toEqual({
      ok: false,
      reason: "review-not-submitted",
      params: { agency: deps.directory.get("bac-kan")!.name },
    });
    const returned = await deps.reports.review(round, "ha-noi", "returned", "Bổ sung số quyết định phê duyệt", "5", now);
    expect(returned).toEqual({ ok: true, officers: [] });
    const standing = await deps.reporting.standingIn(round.id, deps.directory.get("ha-noi")!);
    expect(standing).toMatchObject({ status: "returned", reviewComment: "Bổ sung số quyết định phê duyệt" });
    const history = await store.redis.lrange(`${store.prefix}response-history:thang-11:ha-noi`, -1, -1);
    expect(JSON.parse(history[0]!)).toMatchObject({ path: "@review", new: "returned", comment: "Bổ sung số quyết định phê duyệt" });
    expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");
  });
});
