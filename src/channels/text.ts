/**
 * Text for channels that show neither HTML nor long messages (Zalo: plain text, 2,000 characters).
 */

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** The message's few tags removed (a quote becomes a line with a bar) and its entities decoded. */
export function plainText(html: string): string {
  return html
    .replace(/<blockquote>/g, "│ ")
    .replace(/<\/?(b|i|code|blockquote)>/g, "")
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * Splits at paragraph breaks, else at line breaks, else at spaces, never in a word unless a word
 * alone is too long; each part marked "(1/3)" when there are several, every part within `limit`.
 */
export function splitText(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const room = limit - " (99/99)".length;
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > room) {
    const window = rest.slice(0, room + 1);
    const cut = [window.lastIndexOf("\n\n"), window.lastIndexOf("\n"), window.lastIndexOf(" ")].find((at) => at > room / 3) ?? room;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts.map((part, index) => `${part}\n(${index + 1}/${parts.length})`);
}
