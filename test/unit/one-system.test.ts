import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { FormRenderer } from "../../src/dialogue/form-screens.js";
import { loadAgencyDirectory } from "../../src/domain/agencies.js";
import { DEFAULT_PLAN, type Round } from "../../src/domain/rounds.js";
import { assessCompliance } from "../../src/form/compliance.js";
import { loadForm } from "../../src/form/schema.js";
import { buildSlots, entryName, isOpen, type QuestionSlot } from "../../src/form/slots.js";
import { translatorFor } from "../../src/i18n.js";
import { writeWorkbook } from "../../src/reports/workbook.js";
import { zaloText } from "../../src/zalo/channel.js";
import { answerer, FormHarness } from "../support/form-harness.js";

/**
 * A system is one system: the letter's own example lists the administrative-procedure system in
 * row 1 and again in 4.1. Named the same there (case, accents and spacing aside), row 5 asks its
 * security questions once, the workbook prints it once, and compliance counts it once.
 */
describe("a system listed in several rows", () => {
  const form = loadForm();
  const lists: Record<string, string[]> = {
    r1: ["Hệ thống thông tin giải quyết TTHC", "Mạng WAN tỉnh"],
    r4_1: ["hệ thống  thong tin giải quyết TTHC"],
    r4_3: ["CSDL hộ tịch"],
  };

  function filled(dossier: (path: string) => string): FormHarness {
    const harness = new FormHarness(form, "province");
    harness.open();
    const answer = answerer();
    harness.fill(
      (slot) => (slot.question.id === "dossier" ? dossier(slot.path) : answer(slot)),
      (id) => lists[id] ?? [],
    );
    return harness;
  }

  it("is asked about once in row 5, under its first entry", () => {
    const asked: string[] = [];
    filled((path) => {
      asked.push(path);
      return "3";
    });
    // Three systems, though four entries: the TTHC system of rows 1 and 4.1 is one.
    expect(asked).toHaveLength(3);
  });

  it("is counted once for compliance, and printed once in the agency's sheet, its row-5 answers beside each of its entries", async () => {
    // The TTHC system's dossier only submitted: row 5 partly met, once, for it alone.
    let dossiers = 0;
    const harness = filled(() => (dossiers++ === 0 ? "2" : "3"));
    const [component5] = assessCompliance(form, harness.state, "province").filter(({ component }) => component.id === "5");
    expect(component5?.shortfalls.map((shortfall) => shortfall.entry?.repeat)).toEqual(["r1"]);

    const directory = loadAgencyDirectory();
    const haNoi = directory.get("ha-noi")!;
    const round: Round = {
      id: "r1",
      name: "Đợt thử",
      formId: form.id,
      formVersion: undefined,
      opensAt: 0,
      deadline: Date.UTC(2027, 0, 1),
      targets: { kind: "list", agencies: ["ha-noi"] },
      plan: DEFAULT_PLAN,
      closedAt: undefined,
      createdBy: "test",
      createdAt: 0,
    };
    const file = join(mkdtempSync(join(tmpdir(), "d06-one-system-")), "report.xlsx");
    await writeWorkbook(
      {
        round,
        agencies: [haNoi],
        form,
        timeZone: "Asia/Ho_Chi_Minh",
        load: async () => ({ ...harness.state, status: "submitted" }),
        submitterName: async () => undefined,
      },
      file,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const cells = (workbook.getWorksheet("Hà Nội")!.getSheetValues() as unknown[][]).flat().map((cell) => String(cell ?? ""));
    // Row 5's systems: 5.1, 5.2, 5.3 and no 5.4.
    expect(cells.filter((cell) => /^5\.\d$/.test(cell))).toEqual(["5.1", "5.2", "5.3"]);
    // The systems sheet: each of the four entries, the TTHC system's dossier beside both of its lines.
    const systems = (workbook.getWorksheet("Hệ thống")!.getSheetValues() as unknown[][]).slice(2).map((row) => row.map(String));
    const tthc = systems.filter((row) => /giải quyết TTHC/i.test(row.join(" ")));
    expect(tthc).toHaveLength(2);
    for (const row of tthc) expect(row.join(" ")).toContain("Đã trình cấp có thẩm quyền phê duyệt");
  });
});

/**
 * Renaming one entry of a system listed in several rows asks whether it is still the same system:
 * yes renames it everywhere (row 5's answers kept), no makes it a system of its own (row 5 asked
 * for it; the entries keeping the name keep the answers). A rename onto another system's name
 * joins them silently, the system that had the name keeping its row-5 answers.
 */
describe("renaming a system listed in several rows", () => {
  const form = loadForm();
  const lists: Record<string, string[]> = {
    r1: ["Hệ thống thông tin giải quyết TTHC", "Mạng WAN tỉnh"],
    r4_1: ["hệ thống  thong tin giải quyết TTHC"],
    r4_3: ["CSDL hộ tịch"],
  };

  function filled() {
    const harness = new FormHarness(form, "province");
    harness.open();
    // Row 5's managing body is typed, "Trả lời r5#<entry>.body": it says under which entry it was given.
    harness.fill(answerer(), (id) => lists[id] ?? []);
    const [tthc, wan] = harness.state.entries.get("r1") as [string, string];
    const [tthc41] = harness.state.entries.get("r4_1") as [string];
    const [csdl] = harness.state.entries.get("r4_3") as [string];
    return { harness, tthc, wan, tthc41, csdl };
  }
  const body = (harness: FormHarness, entry: string) => harness.state.answers.get(`r5#${entry}.body`)?.value;
  const given = (entry: string) => `Trả lời r5#${entry}.body`;
  const name = (harness: FormHarness, repeat: string, entry: string) => entryName(harness.state, repeat, entry);
  /** The systems row 5 is asked of, and the row-5 questions left open. */
  const row5 = (harness: FormHarness) => {
    const slots = buildSlots(form, harness.state, "province").filter(
      (slot): slot is QuestionSlot => slot.kind === "question" && slot.node.id === "r5",
    );
    return {
      systems: [...new Set(slots.map((slot) => slot.entry?.id))],
      open: slots.filter((slot) => isOpen(slot, harness.state)).map((slot) => slot.path),
    };
  };
  function rename(harness: FormHarness, repeat: string, entry: string, to: string): void {
    harness.press(`list:${repeat}`);
    harness.press(`entry:${entry}`);
    harness.press(`edit:${repeat}#${entry}.name`);
    harness.text(to);
  }

  it("asks whether it is still the same system, naming where else it is listed, before renaming anything", () => {
    const { harness, tthc } = filled();
    rename(harness, "r1", tthc, "Cổng dịch vụ công tỉnh");
    expect(harness.cursor.screen).toEqual({
      kind: "same-system",
      path: `r1#${tthc}.name`,
      name: "Cổng dịch vụ công tỉnh",
      origin: "review",
    });
    expect(harness.last.writes.answers.size).toBe(0);
    expect(name(harness, "r1", tthc)).toBe("Hệ thống thông tin giải quyết TTHC");
    const view = harness.last.view;
    expect(view.kind === "same-system" && view.others.map((other) => [other.node.id, other.name])).toEqual([
      ["r4_1", "hệ thống  thong tin giải quyết TTHC"],
    ]);

    // Telegram: two buttons; Zalo: two numbered choices.
    const t = translatorFor("vi");
    const telegram = new FormRenderer("vi", t, "Asia/Ho_Chi_Minh", "keyboard", form).render(view, harness.cursor.seq, "Hà Nội");
    expect(telegram.text).toContain("Hệ thống này cũng được kê ở hàng 4.1 (tên <i>hệ thống  thong tin giải quyết TTHC</i>)");
    expect(telegram.buttons?.flat().map((button) => button.label)).toEqual(["Cùng một hệ thống", "Hệ thống khác"]);
    const zalo = zaloText(new FormRenderer("vi", t, "Asia/Ho_Chi_Minh", "numbered", form).render(view, harness.cursor.seq, "Hà Nội"));
    expect(zalo).toMatch(/\n1\. Cùng một hệ thống\n2\. Hệ thống khác$/);
  });

  it("yes: renames it in every row, one system still, its row-5 answers kept", () => {
    const { harness, tthc, tthc41 } = filled();
    rename(harness, "r1", tthc, "Cổng dịch vụ công tỉnh");
    harness.press("same");
    expect(name(harness, "r1", tthc)).toBe("Cổng dịch vụ công tỉnh");
    expect(name(harness, "r4_1", tthc41)).toBe("Cổng dịch vụ công tỉnh");
    expect(body(harness, tthc)).toBe(given(tthc));
    expect(row5(harness).systems).toHaveLength(3);
    expect(row5(harness).open).toEqual([]);
    expect(harness.cursor.screen).toEqual({ kind: "review-part", part: "p2" });
  });

  it("no: renames this entry alone, which becomes a system of its own; the entry keeping the name keeps row 5's answers", () => {
    const { harness, tthc, tthc41 } = filled();
    rename(harness, "r1", tthc, "Cổng dịch vụ công tỉnh");
    harness.press("apart");
    expect(name(harness, "r1", tthc)).toBe("Cổng dịch vụ công tỉnh");
    expect(name(harness, "r4_1", tthc41)).toBe("hệ thống  thong tin giải quyết TTHC");
    // Row 5's answers were kept under the row-1 entry, which stood for the system: they move to 4.1's.
    expect(body(harness, tthc41)).toBe(given(tthc));
    expect(body(harness, tthc)).toBeUndefined();
    const { systems, open } = row5(harness);
    expect(systems).toHaveLength(4);
    expect(open).toContain(`r5#${tthc}.body`);
    expect(open.every((path) => path.startsWith(`r5#${tthc}.`))).toBe(true);
    expect(harness.last.writes.history.some((change) => change.path === `r5#${tthc41}.body` && change.new === given(tthc))).toBe(true);
  });

  it("no, from the row listing it second: that entry is asked row 5 afresh, the first keeps its answers", () => {
    const { harness, tthc, tthc41 } = filled();
    rename(harness, "r4_1", tthc41, "Cổng dịch vụ công tỉnh");
    harness.press("apart");
    expect(name(harness, "r1", tthc)).toBe("Hệ thống thông tin giải quyết TTHC");
    expect(body(harness, tthc)).toBe(given(tthc));
    expect(row5(harness).open).toContain(`r5#${tthc41}.body`);
  });

  it("a change of case or accents only is no new name: nothing asked", () => {
    const { harness, tthc } = filled();
    rename(harness, "r1", tthc, "HỆ THỐNG THÔNG TIN GIẢI QUYẾT TTHC");
    expect(harness.cursor.screen.kind).toBe("review-part");
    expect(row5(harness).systems).toHaveLength(3);
  });

  it("a rename onto another system's name joins them, silently, that system keeping its row-5 answers", () => {
    const { harness, wan, csdl } = filled();
    rename(harness, "r1", wan, "csdl ho tich");
    expect(harness.cursor.screen).toEqual({ kind: "review-part", part: "p2" });
    expect(harness.last.notice).toEqual({ key: "form-system-joined", params: { row: "4.3", each: "5" } });
    // Row 1 comes first: its entry stands for the system now, with the answers given for 4.3's.
    expect(row5(harness).systems).toHaveLength(2);
    expect(body(harness, wan)).toBe(given(csdl));
    expect(body(harness, csdl)).toBeUndefined();
    expect(row5(harness).open).toEqual([]);
  });

  it("a system added in a row before the one listing it takes its row-5 answers, and so does the entry left when one is deleted", () => {
    const { harness, tthc, tthc41, csdl } = filled();
    harness.press("list:r1");
    harness.text("CSDL Hộ tịch");
    const added = harness.state.entries.get("r1")?.at(-1) as string;
    expect(body(harness, added)).toBe(given(csdl));
    expect(row5(harness).open).toEqual([]);

    harness.press("review");
    harness.press("list:r1");
    harness.press(`entry:${tthc}`);
    harness.press("delete");
    harness.press("confirm");
    expect(body(harness, tthc41)).toBe(given(tthc));
    expect(row5(harness).open).toEqual([]);
  });
});
