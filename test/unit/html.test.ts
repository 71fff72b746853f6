import { describe, expect, it } from "vitest";
import { HtmlParseError, parseHtml } from "../../src/emulator/html.js";

describe("the emulator's HTML parse mode", () => {
  it("turns tags into entities with UTF-16 offsets", () => {
    expect(parseHtml("Xin chào <b>Hà Nội</b> &amp; <i>x</i>")).toEqual({
      text: "Xin chào Hà Nội & x",
      entities: [
        { type: "bold", offset: 9, length: 6 },
        { type: "italic", offset: 18, length: 1 },
      ],
    });
  });

  it.each(["a < b", "<b>open", "<b><i>x</b></i>", "<script>x</script>", "</b>"])("refuses %j as Telegram does", (source) => {
    expect(() => parseHtml(source)).toThrow(HtmlParseError);
  });

  it("decodes numeric entities and keeps a lone ampersand", () => {
    expect(parseHtml("&#272;&#x110; AT&T").text).toBe("ĐĐ AT&T");
  });
});
