import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AGENCIES_2025_FILE, loadAgencyDirectory } from "../../src/domain/agencies.js";
import { loadConsultants } from "../../src/domain/consultants.js";
import { loadGroups } from "../../src/domain/groups.js";
import { loadTasks } from "../../src/domain/tasks.js";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

/** Today's map beside the letters': flows/agencies-2025.json, and what follows its links. */
describe("flows/agencies-2025.json: 34 provinces from 1 July 2025, the ministries of March 2025", () => {
  const letters = loadAgencyDirectory();
  const today = loadAgencyDirectory(AGENCIES_2025_FILE);

  it("has the 34 provincial units, six of them centrally run cities, taking in each of the letters' 63 once", () => {
    const provinces = today.ofKind("province");
    expect(provinces).toHaveLength(34);
    expect(provinces.filter((agency) => agency.centralCity).map((agency) => agency.name)).toEqual([
      "Hà Nội",
      "Huế",
      "Hải Phòng",
      "Đà Nẵng",
      "Thành phố Hồ Chí Minh",
      "Cần Thơ",
    ]);
    const taken = provinces.flatMap((agency) => agency.predecessors ?? []);
    expect(taken.sort()).toEqual(
      letters
        .ofKind("province")
        .map((agency) => agency.id)
        .sort(),
    );
    // In the order the decision (and the issue) lists them.
    expect(today.get("phu-tho")?.predecessors).toEqual(["vinh-phuc", "phu-tho", "hoa-binh"]);
    expect(today.get("ho-chi-minh")?.predecessors).toEqual(["ba-ria-vung-tau", "binh-duong", "ho-chi-minh"]);
    expect(today.get("hue")).toMatchObject({ predecessors: ["thua-thien-hue"], aliases: ["Thành phố Huế", "Thừa Thiên Huế"] });
    expect(today.successorOf("nam-dinh")?.id).toBe("ninh-binh");
    expect(today.find("Thừa Thiên Huế")?.id).toBe("hue");
  });

  it("has the ministries as restructured in 2025, each of the letters' taken in once, and says what it rests on", () => {
    expect(today.get("bo-tai-chinh")?.predecessors).toEqual(["bo-tai-chinh", "bo-ke-hoach-dau-tu", "bao-hiem-xa-hoi"]);
    expect(today.get("bo-nong-nghiep-moi-truong")?.predecessors).toEqual([
      "bo-nong-nghiep-phat-trien-nong-thon",
      "bo-tai-nguyen-moi-truong",
    ]);
    expect(today.get("bo-khoa-hoc-cong-nghe")?.predecessors).toEqual(["bo-khoa-hoc-cong-nghe", "bo-thong-tin-truyen-thong"]);
    expect(today.get("bo-xay-dung")?.predecessors).toEqual(["bo-xay-dung", "bo-giao-thong-van-tai"]);
    expect(today.get("bo-noi-vu")?.predecessors).toEqual(["bo-noi-vu", "bo-lao-dong-thuong-binh-xa-hoi"]);
    expect(today.get("bo-dan-toc-ton-giao")).toMatchObject({ predecessors: ["uy-ban-dan-toc"], partsOf: ["bo-noi-vu"] });
    expect(today.get("bo-giao-duc-dao-tao")?.partsOf).toEqual(["bo-lao-dong-thuong-binh-xa-hoi"]);
    const taken = today.ofKind("ministry").flatMap((agency) => agency.predecessors ?? []);
    expect(taken.sort()).toEqual(
      letters
        .ofKind("ministry")
        .map((agency) => agency.id)
        .sort(),
    );
    expect(today.map).toBe("2025");
  });

  describe("questions follow the links, against real Redis", () => {
    let store: TestRedis;
    beforeEach(() => {
      store = testRedis();
    });
    afterEach(() => store.cleanup());

    it("go to the consultant of the first province taken in that has one, else to the secretariat", async () => {
      const deps = depsFor(store, { directory: today, consultants: loadConsultants(today), groups: loadGroups(today) });
      const consultant = async (id: string) => (await deps.tickets.consultantOf(id)).consultant?.id;
      // Tuyên Quang ← Hà Giang (Hà Thanh Lương), Tuyên Quang (Nông Công Hùng); Thái Nguyên ← Bắc Kạn (none), Thái Nguyên (Nông Công Hùng).
      expect(await consultant("tuyen-quang")).toBe("ha-thanh-luong");
      expect(await consultant("thai-nguyen")).toBe("nong-cong-hung");
      expect(await consultant("ninh-binh")).toBe("nong-cong-hung");
      expect(await consultant("lam-dong")).toBe("ha-thanh-luong");
      expect(await consultant("hue")).toBe("nong-cong-hung");
      expect(await deps.tickets.consultantOf("lang-son")).toEqual({ consultant: undefined, reason: "no-consultant" });
      // A change the secretariat made for a province taken in (before the move) counts as that province's:
      // Hà Giang given to the secretariat, Tuyên Quang's own consultant is next.
      await store.redis.hset(`${store.prefix}assignments`, "ha-giang", "");
      expect(await consultant("tuyen-quang")).toBe("nong-cong-hung");
      // One made for the new province wins.
      await deps.tickets.assignProvince("tuyen-quang", "truong-trong-khang", "test", 0);
      expect(await consultant("tuyen-quang")).toBe("truong-trong-khang");
    });

    it("with the letters' map, route as the letter says (nothing changes)", async () => {
      const deps = depsFor(store);
      expect((await deps.tickets.consultantOf("tuyen-quang")).consultant?.id).toBe("nong-cong-hung");
      expect((await deps.tickets.consultantOf("ha-giang")).consultant?.id).toBe("ha-thanh-luong");
    });
  });

  it("keeps a merged province in a group when any province it took in was in it, and says so", () => {
    const groups = loadGroups(today);
    const checked = groups.get("8402-kiem-tra-attt")!;
    expect(checked.agencies).toHaveLength(12);
    expect(checked.agencies).toEqual(expect.arrayContaining(["hai-phong", "an-giang", "quang-ngai", "lam-dong", "lao-cai", "hue"]));
    expect(checked.note).toContain("chỉ liệt kê 12");
    const toConnect = groups.get("8402-chua-ket-noi")!;
    expect(toConnect.agencies).toContain("thai-nguyen");
    expect(new Set(toConnect.agencies).size).toBe(toConnect.agencies.length);
    expect(toConnect.source).toMatch(
      /49 đơn vị của văn bản thành \d+: .* một đơn vị mới thuộc nhóm khi có ít nhất một đơn vị cũ của nó thuộc nhóm/,
    );
    expect(toConnect.followed).toContainEqual({ from: "bac-kan", to: "thai-nguyen" });
  });

  it("reads the letters' groups and tasks on either map", () => {
    const groups = loadGroups(letters);
    expect(groups.get("8402-da-ket-noi")?.agencies).toHaveLength(20);
    expect(groups.get("8402-da-kiem-tra")?.agencies).toHaveLength(14);
    expect(groups.get("8402-chua-ket-noi")?.agencies).toHaveLength(49);
    expect(groups.get("8402-kiem-tra-attt")?.agencies).toHaveLength(12);
    for (const directory of [letters, today]) expect(loadTasks(directory, loadGroups(directory)).length).toBeGreaterThan(10);
  });

  it("lists the letters' dated tasks from the command line, 'trước tháng 9' as 31/08", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli.ts", "tasks"], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? "", AGENCIES_FILE: AGENCIES_2025_FILE },
    });
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^07\/12\/2022\t8402-kiem-tra-07-12\t/);
    expect(lines.find((line) => line.includes("\t452-tthc\t"))).toMatch(/^31\/08\/2023\t452-tthc\ttrước tháng 9 năm 2023: /);
    expect(lines.find((line) => line.includes("\t8402-bao-cao-c06\t"))).toMatch(/^08\/12\/2022\t.*trước ngày 09\/12\/2022/);
    // 452's other tasks are tasks, not rounds of form 488; a merged ministry is named as it is now.
    expect(lines.find((line) => line.includes("\t452-nd-73\t"))).toContain("bo-thong-tin-truyen-thong nay thuộc Bộ Khoa học và Công nghệ");
    expect(lines.some((line) => line.includes("452-ha-tang-cntt"))).toBe(false);
  });
});
