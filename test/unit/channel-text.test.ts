import { describe, expect, it } from "vitest";
import { plainText, splitText } from "../../src/channels/text.js";

describe("text for channels without HTML or long messages", () => {
  it("drops the tags and decodes the entities", () => {
    expect(plainText("<b>Tiến độ</b> &lt;Hà Nội&gt; &amp; <i>Bắc Kạn</i>\n<blockquote>câu hỏi</blockquote>")).toBe(
      "Tiến độ <Hà Nội> & Bắc Kạn\n│ câu hỏi",
    );
  });

  it("leaves a short text whole", () => {
    expect(splitText("một dòng", 2000)).toEqual(["một dòng"]);
  });

  it("splits at paragraphs, then lines, in order, marked, each within the limit, losing nothing", () => {
    const paragraphs = Array.from({ length: 30 }, (_, index) => `Đoạn ${index + 1}: ${"chữ ".repeat(40).trim()}`);
    const text = paragraphs.join("\n\n");
    const parts = splitText(text, 2000);
    expect(parts.length).toBeGreaterThan(2);
    parts.forEach((part, index) => {
      expect(part.length).toBeLessThanOrEqual(2000);
      expect(part.endsWith(`(${index + 1}/${parts.length})`)).toBe(true);
    });
    const rejoined = parts.map((part) => part.replace(/\n\(\d+\/\d+\)$/, "")).join("\n\n");
    expect(rejoined).toBe(text);
  });

  it("cuts a single very long line at spaces, and a word without spaces where it must", () => {
    const words = "từ ".repeat(1500).trim();
    const parts = splitText(words, 2000);
    expect(parts.every((part) => part.length <= 2000)).toBe(true);
    expect(parts.map((part) => part.replace(/\n\(\d+\/\d+\)$/, "")).join(" ")).toBe(words);
    const blob = "x".repeat(4500);
    expect(
      splitText(blob, 2000)
        .map((part) => part.replace(/\n\(\d+\/\d+\)$/, ""))
        .join(""),
    ).toBe(blob);
  });
});
