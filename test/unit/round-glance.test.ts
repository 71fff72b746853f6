import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RoundChanges } from "../../src/console/pages/round-events.js";
import { dayOf, submissionSeries, submittedBy } from "../../src/console/submissions-chart.js";
import { MOST_UNPLACED, placeTiles, provinceTiles, provinceTilesSchema } from "../../src/console/tile-map.js";
import { type Agency, loadAgencyDirectory } from "../../src/domain/agencies.js";
import type { Round } from "../../src/domain/rounds.js";
import type { AgencySummary, Standing } from "../../src/services/round-standings.js";
import { tallyRound } from "../../src/services/round-standings.js";

/** The pieces of the round's page that are not drawn by a browser: the map's places, the counts, the curve, the poller. */

const province = (id: string, name = id): Agency => ({ id, kind: "province", name, aliases: [] });
const ministry = (id: string): Agency => ({ id, kind: "ministry", name: id, aliases: [] });

/** The provincial units since July 2025, under the ids a 2025 directory would slug them to. */
const UNITS_2025 = [
  "tuyen-quang",
  "lao-cai",
  "thai-nguyen",
  "phu-tho",
  "bac-ninh",
  "hung-yen",
  "hai-phong",
  "ninh-binh",
  "quang-tri",
  "da-nang",
  "quang-ngai",
  "gia-lai",
  "khanh-hoa",
  "lam-dong",
  "dak-lak",
  "ho-chi-minh",
  "dong-nai",
  "tay-ninh",
  "can-tho",
  "vinh-long",
  "dong-thap",
  "ca-mau",
  "an-giang",
  "ha-noi",
  "hue",
  "lai-chau",
  "dien-bien",
  "son-la",
  "lang-son",
  "quang-ninh",
  "thanh-hoa",
  "nghe-an",
  "ha-tinh",
  "cao-bang",
];

describe("the provinces' tile map", () => {
  const tiles = provinceTiles();
  const provinces = loadAgencyDirectory().ofKind("province");

  it("places each of the directory's 63 provinces, each on a cell of its own, north at the top", () => {
    const layout = tiles.layouts["2023"]!;
    expect(provinces).toHaveLength(63);
    expect(Object.keys(layout).sort()).toEqual(provinces.map((agency) => agency.id).sort());
    expect(new Set(Object.values(layout).map(String)).size).toBe(63);
    const rows = Object.values(layout).map(([, row]) => row);
    expect(layout["ha-giang"]![1]).toBe(0);
    expect(layout["cao-bang"]![1]).toBe(0);
    expect(layout["ca-mau"]![1]).toBe(Math.max(...rows));
    // The Central Highlands stand beside the coast, west of it.
    expect(layout["gia-lai"]![1]).toBe(layout["phu-yen"]![1]);
    expect(layout["gia-lai"]![0]).toBeLessThan(layout["phu-yen"]![0]);
  });

  it("places the 34 provincial units of July 2025 in a second layout", () => {
    const layout = tiles.layouts["2025"]!;
    expect(Object.keys(layout).sort()).toEqual([...UNITS_2025].sort());
    expect(new Set(Object.values(layout).map(String)).size).toBe(34);
    expect(layout["ca-mau"]![1]).toBe(Math.max(...Object.values(layout).map(([, row]) => row)));
  });

  it("labels every tile apart", () => {
    const ids = [...new Set([...Object.keys(tiles.layouts["2023"]!), ...UNITS_2025])];
    for (const id of ids) expect(tiles.labels[id], id).toBeTruthy();
    for (const layout of Object.values(tiles.layouts)) {
      const labels = Object.keys(layout).map((id) => tiles.labels[id]);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it("takes the layout that covers the directory in use, and lines up the provinces it cannot place below", () => {
    expect(placeTiles(tiles, provinces, provinces).layout).toBe("2023");
    const merged = UNITS_2025.map((id) => province(id));
    const placed = placeTiles(tiles, merged, [...merged, province("dac-khu-moi", "Đặc khu Mới")]);
    expect(placed.layout).toBe("2025");
    expect(placed.unplaced).toBe(1);
    const extra = placed.tiles.find((tile) => tile.id === "dac-khu-moi")!;
    expect(extra.row).toBeGreaterThan(Math.max(...Object.values(tiles.layouts["2025"]!).map(([, row]) => row)));
    expect(extra.label).toBe("ĐKM");
    expect(placed.rows).toBe(extra.row + 1);
    expect(placed.left).toBe(0);
  });

  it("draws at most a few rows of them: a directory of communes is listed, not drawn", () => {
    const communes = Array.from({ length: 500 }, (_, index) => province(`xa-${index}`, `Xã ${index}`));
    const placed = placeTiles(tiles, provinces, communes);
    expect(placed.unplaced).toBe(MOST_UNPLACED);
    expect(placed.left).toBe(500 - MOST_UNPLACED);
    expect(placed.tiles).toHaveLength(63 + MOST_UNPLACED);
  });

  it("refuses a layout that puts two provinces on one cell", () => {
    const parsed = provinceTilesSchema.safeParse({ layouts: { x: { "ha-noi": [1, 1], "ha-nam": [1, 1] } } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain("both on column 1, row 1");
  });
});

const summary = (agency: Agency, standing: Standing, extra: Partial<AgencySummary> = {}): AgencySummary => ({
  agency,
  standing,
  percent: standing === "not-started" ? 0 : 50,
  lastActivity: undefined,
  submittedAt: undefined,
  review: undefined,
  components: ["met", "unanswered"],
  fullyCompliant: false,
  ...extra,
});

describe("the round's counts", () => {
  it("counts submitted and fully compliant by kind, and components over submitted reports only", () => {
    const tally = tallyRound(
      [
        summary(province("a"), "submitted", { components: ["met", "met"], fullyCompliant: true }),
        summary(province("b"), "submitted", { components: ["partial", "not_applicable"] }),
        summary(province("c"), "in-progress", { components: ["not_met", "not_met"] }),
        summary(province("d"), "returned"),
        summary(ministry("m"), "not-started"),
      ],
      2,
    );
    expect(tally.targeted).toEqual({ province: 4, ministry: 1 });
    expect(tally.submitted).toEqual({ province: 2, ministry: 0 });
    expect(tally.fullyCompliant).toEqual({ province: 1, ministry: 0 });
    expect(tally.standings["not-started"]).toEqual({ province: 0, ministry: 1 });
    expect(tally.drafts).toBe(2);
    expect(tally.components[0]).toMatchObject({ met: 1, partial: 1, not_met: 0, unanswered: 0 });
    expect(tally.components[1]).toMatchObject({ met: 1, not_applicable: 1, not_met: 0 });
  });
});

describe("the submissions curve", () => {
  const zone = "Asia/Ho_Chi_Minh";
  const at = (iso: string) => Date.parse(iso);
  const round: Round = {
    id: "r",
    name: "r",
    formId: "488",
    formVersion: undefined,
    opensAt: at("2026-06-01T01:00:00Z"),
    deadline: at("2026-06-20T10:00:00Z"),
    targets: { kind: "all" },
    plan: { daysBefore: [], afterDeadline: false, time: "08:30" },
    closedAt: undefined,
    createdBy: "",
    createdAt: 0,
  };

  it("counts days where the programme runs, by days before the deadline, submitted reports only", () => {
    // 23:30 UTC on the 17th is already the 18th in Vietnam: two days before the deadline.
    expect(dayOf(at("2026-06-17T23:30:00Z"), zone) - dayOf(round.deadline, zone)).toBe(-2);
    const series = submissionSeries(
      round,
      [
        summary(province("a"), "submitted", { submittedAt: at("2026-06-17T23:30:00Z") }),
        summary(province("b"), "submitted", { submittedAt: at("2026-06-10T03:00:00Z") }),
        summary(province("c"), "returned", { submittedAt: at("2026-06-11T03:00:00Z") }),
      ],
      at("2026-06-19T03:00:00Z"),
      zone,
    );
    expect(series.from).toBe(-19);
    expect(series.to).toBe(-1);
    expect(submittedBy(series, -11)).toBe(0);
    expect(submittedBy(series, -10)).toBe(1);
    expect(submittedBy(series, -2)).toBe(2);
    expect(submittedBy(series, 3)).toBeUndefined();
  });
});

describe("one poller per round per process", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("reads the counter once a tick however many follow, tells each of a move, and stops with the last", async () => {
    let value = 1;
    const reads: string[] = [];
    const changes = new RoundChanges(
      async (roundId) => {
        reads.push(roundId);
        return String(value);
      },
      () => {},
      10,
    );
    const heard: string[] = [];
    const stopA = changes.follow("r", (version) => heard.push(`a${version}`));
    const stopB = changes.follow("r", (version) => heard.push(`b${version}`));
    const stopOther = changes.follow("s", () => {});
    expect(changes.size).toEqual({ rounds: 2, listeners: 3 });
    await vi.advanceTimersByTimeAsync(50);
    // At once, then every 10 ms: six reads of "r" for its two streams, not twelve.
    expect(reads.filter((round) => round === "r")).toHaveLength(6);
    expect(heard).toEqual([]);
    value = 2;
    await vi.advanceTimersByTimeAsync(10);
    expect(heard).toEqual(["a2", "b2"]);
    stopA();
    await vi.advanceTimersByTimeAsync(10);
    expect(reads.filter((round) => round === "r")).toHaveLength(8);
    stopB();
    stopOther();
    expect(changes.size).toEqual({ rounds: 0, listeners: 0 });
    const stopped = reads.length;
    await vi.advanceTimersByTimeAsync(100);
    expect(reads.length).toBe(stopped);
  });

  it("says once that the counter cannot be read, and keeps trying", async () => {
    let failing = true;
    const failures: string[] = [];
    let reads = 0;
    const changes = new RoundChanges(
      async () => {
        reads += 1;
        if (failing) throw new Error("down");
        return "5";
      },
      (roundId) => failures.push(roundId),
      10,
    );
    const heard: string[] = [];
    const stop = changes.follow("r", (version) => heard.push(version));
    await vi.advanceTimersByTimeAsync(40);
    expect(failures).toEqual(["r"]);
    expect(reads).toBe(5);
    failing = false;
    await vi.advanceTimersByTimeAsync(20);
    stop();
    // The first reading after the failure is a baseline, not a change.
    expect(heard).toEqual([]);
  });
});
