export interface Part {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  data: Buffer;
}

/**
 * Reads a multipart/form-data body as the Bot API does: leniently. grammY writes headers
 * without a space after the colon and file names without quotes, which strict parsers refuse.
 */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new Error("multipart body without a boundary");
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]?.trim()}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next === -1) break;
    const chunk = body.subarray(afterDelimiter + 2, next - 2); // drop the CRLF on either side
    const headerEnd = chunk.indexOf("\r\n\r\n");
    const headers = chunk.subarray(0, headerEnd).toString("utf8");
    const disposition = /content-disposition:\s*form-data\s*;(.*)/i.exec(headers)?.[1] ?? "";
    const field = (key: string) => new RegExp(`(?:^|;)\\s*${key}=(?:"([^"]*)"|([^;\\r\\n]*))`, "i").exec(disposition);
    const name = field("name");
    const filename = field("filename");
    if (name) {
      parts.push({
        name: name[1] ?? name[2]?.trim() ?? "",
        filename: filename ? (filename[1] ?? filename[2]?.trim()) : undefined,
        contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
        data: chunk.subarray(headerEnd + 4),
      });
    }
    start = next;
  }
  return parts;
}
