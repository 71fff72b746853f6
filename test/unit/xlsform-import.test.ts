import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadForm } from "../../src/form/schema.js";
import { translatorFor } from "../../src/i18n.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { importWorkbook } from "../../src/services/form-imports.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";
import { communeSurvey, xlsformWorkbook } from "../support/xlsform-workbook.js";

const run = promisify(execFile);

/** `npm run cli -- form import|list|export`, as the secretariat runs them, against real Redis. */
describe("importing a questionnaire from the command line", () => {
  let store: TestRedis;
  let dir: string;
  const cli = async (...args: string[]) => {
    const env = { PATH: process.env.PATH ?? "", REDIS_URL: store.url, REDIS_PREFIX: store.prefix };
    try {
      const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: PROJECT_ROOT, env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const workbook = async (name: string, sheets: Record<string, string[][]>) => {
    const file = join(dir, name);
    writeFileSync(file, await xlsformWorkbook(sheets));
    return file;
  };

  beforeAll(() => {
    store = testRedis();
    dir = mkdtempSync(join(tmpdir(), "xlsform-"));
  });
  afterAll(() => store.cleanup());

  it("imports a workbook as a new version, says so when it comes again, and lists the forms", async () => {
    const file = await workbook("xa.xlsx", communeSurvey("3"));
    const imported = await cli("form", "import", file);
    expect(imported.stdout.trim()).toBe(
      "imported xa-chuyen-doi-so version 3: Khảo sát chuyển đổi số cấp xã (7 questions (and 1 note), 2 groups, 1 repeat)",
    );
    expect((await cli("form", "import", file)).stdout.trim()).toBe(
      "xa-chuyen-doi-so version 3 was imported already, the same; nothing changed",
    );
    const older = await cli("form", "import", await workbook("xa-2.xlsx", communeSurvey("2")));
    expect(older.code).toBe(1);
    expect(older.stderr.trim()).toBe(
      "xa-chuyen-doi-so version 2 is not newer than version 3, imported already: raise the version in the settings sheet",
    );
    expect((await cli("form", "import", await workbook("xa-4.xlsx", communeSurvey("4")))).code).toBe(0);
    const listed = await cli("form", "list");
    expect(listed.stdout.trim().split("\n")).toEqual([
      "488\tversion 2\tCung cấp thông tin kết quả triển khai Văn bản số 1552/BTTTT-THH ngày 26/4/2022 (built in: flows/form-488.json; as a workbook: form export 488)",
      "xa-chuyen-doi-so\tversion 3, 4\tKhảo sát chuyển đổi số cấp xã",
    ]);
    const latest = await depsFor(store).forms.get("xa-chuyen-doi-so");
    expect(latest?.version).toBe(4);
  });

  it("lists the problems of a broken workbook and imports nothing", async () => {
    const sheets = communeSurvey("5");
    delete sheets.compliance;
    sheets.survey = [...(sheets.survey ?? []).slice(0, 3), ["text", "later", "Sau", "", "", "", "${never} = 1"], ["end_group"]];
    const broken = await cli(
      "form",
      "import",
      await workbook("broken.xlsx", {
        ...sheets,
        settings: [
          ["form_id", "version"],
          ["xa-chuyen-doi-so", "5"],
        ],
      }),
    );
    expect(broken.code).toBe(1);
    expect(broken.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/broken\.xlsx: 1 problem, nothing imported$/),
      "  survey row 4: relevant refers to ${never}, which is not in the survey",
    ]);
    expect((await depsFor(store).forms.get("xa-chuyen-doi-so"))?.version).toBe(4);
  });

  it("exports form 488 to change in Excel: the same version is refused, a newer one runs from the next round", async () => {
    const file = join(dir, "488.xlsx");
    const exported = await cli("form", "export", "488", file);
    expect(exported.stdout.trim()).toBe(`Wrote ${file}: 488 version 2, ${loadForm().title}`);
    expect(readFileSync(file).length).toBeGreaterThan(5_000);
    const again = await cli("form", "import", file);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(
      "488 version 2 is not newer than version 2, imported already: raise the version in the settings sheet",
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const settings = workbook.getWorksheet("settings");
    if (settings) settings.getCell("B2").value = 3;
    workbook.getWorksheet("survey")?.eachRow((row) => {
      if (row.getCell(2).text === "fullName") row.getCell(3).value = "Họ và tên đầy đủ";
    });
    await workbook.xlsx.writeFile(file);
    expect((await cli("form", "import", file)).stdout).toMatch(/^imported 488 version 3/);
    const { catalog } = depsFor(store);
    const ref = await catalog.latest("488");
    expect(ref).toEqual({ formId: "488", formVersion: 3 });
    const next = await catalog.of(ref as NonNullable<typeof ref>);
    expect(next.parts[0]?.nodes[0]?.questions[0]?.text).toBe("Họ và tên đầy đủ");
    expect(next.parts[1]?.nodes.map((node) => node.number)).toEqual(["1", "2", "3", "4.1", "4.2", "4.3", "5"]);
    // A workbook whose questions the appendix layout no longer finds is refused, before a blank workbook comes out.
    if (settings) settings.getCell("B2").value = 4;
    workbook.getWorksheet("survey")?.eachRow((row) => {
      if (row.getCell(2).text === "fullName") row.getCell(2).value = "hoTen";
    });
    await workbook.xlsx.writeFile(file);
    const renamed = await cli("form", "import", file);
    expect(renamed.code).toBe(1);
    expect(renamed.stderr).toContain(
      "settings: layout appendix-488 needs the question officer.fullName for each agency's sheet, and the form has none",
    );
    // In the chat the secretariat reads it in Vietnamese, as every other problem of a workbook.
    const inChat = await importWorkbook(catalog, readFileSync(file), translatorFor("vi"));
    expect(inChat).toEqual({
      kind: "problems",
      problems: ["settings: layout bố cục appendix-488 cần câu hỏi officer.fullName cho trang của từng cơ quan, nhưng biểu mẫu không có"],
    });
    expect(await catalog.latest("488")).toEqual({ formId: "488", formVersion: 3 });
    // Rounds already running 488 keep the built-in version.
    expect((await catalog.of({ formId: "488", formVersion: undefined })).version).toBe(2);
  });
});
