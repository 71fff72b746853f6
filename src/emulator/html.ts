import type { MessageEntity } from "grammy/types";

/** Tags the Bot API accepts in HTML parse mode, and the entity each one makes. */
const TAGS: Record<string, MessageEntity["type"]> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  a: "text_link",
  code: "code",
  pre: "pre",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  blockquote: "blockquote",
};

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

export class HtmlParseError extends Error {}

/**
 * Turns Bot API HTML into plain text and entities, refusing what Telegram refuses
 * (unknown tags, unclosed or crossed tags, a bare "<"), so escaping bugs fail in tests.
 */
export function parseHtml(source: string): { text: string; entities: MessageEntity[] } {
  let text = "";
  const entities: MessageEntity[] = [];
  const open: { tag: string; offset: number; url?: string }[] = [];
  let i = 0;
  for (let char = source[i]; char !== undefined; char = source[i]) {
    if (char === "<") {
      const end = source.indexOf(">", i);
      if (end === -1) throw new HtmlParseError(`Unclosed start tag at byte offset ${i}`);
      const inner = source.slice(i + 1, end).trim();
      const closing = inner.startsWith("/");
      const name = ((closing ? inner.slice(1) : inner).split(/\s/)[0] ?? "").toLowerCase();
      const type = Object.hasOwn(TAGS, name) ? TAGS[name] : undefined;
      if (!type) throw new HtmlParseError(`Unsupported start tag "${name}" at byte offset ${i}`);
      if (closing) {
        const top = open.pop();
        if (!top || top.tag !== name)
          throw new HtmlParseError(`Unmatched end tag at byte offset ${i}, expected "</${top?.tag ?? ""}>", found "</${name}>"`);
        const length = text.length - top.offset;
        if (length > 0) {
          entities.push(
            type === "text_link"
              ? { type, offset: top.offset, length, url: top.url ?? "" }
              : ({ type, offset: top.offset, length } as MessageEntity),
          );
        }
      } else {
        const href = /href\s*=\s*"([^"]*)"/.exec(inner)?.[1];
        open.push({ tag: name, offset: text.length, ...(href !== undefined ? { url: href } : {}) });
      }
      i = end + 1;
      continue;
    }
    if (char === "&") {
      const match = /^&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/i.exec(source.slice(i, i + 12));
      const name = match?.[1];
      if (match && name) {
        const decoded = name.startsWith("#x")
          ? String.fromCodePoint(parseInt(name.slice(2), 16))
          : name.startsWith("#")
            ? String.fromCodePoint(parseInt(name.slice(1), 10))
            : NAMED_ENTITIES[name.toLowerCase()];
        if (decoded !== undefined) {
          text += decoded;
          i += match[0].length;
          continue;
        }
      }
    }
    text += char;
    i += 1;
  }
  const unclosed = open.at(-1);
  if (unclosed) throw new HtmlParseError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}
