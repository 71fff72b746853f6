import { describe, expect, it } from "vitest";
import { RecentMap } from "../../src/recent-map.js";

describe("what a process remembers", () => {
  it("forgets the key used longest ago once full, a key used again counting as new", () => {
    const recent = new RecentMap<string, number>(2);
    recent.set("a", 1);
    recent.set("b", 2);
    recent.set("a", 3);
    recent.set("c", 4);
    expect([recent.get("a"), recent.get("b"), recent.get("c")]).toEqual([3, undefined, 4]);
    recent.delete("a");
    expect(recent.get("a")).toBeUndefined();
  });
});
