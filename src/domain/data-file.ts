import { readFileSync } from "node:fs";
import type { z } from "zod";

/**
 * Reads a JSON data file of flows/ (or its replacement) and checks it; a missing or bad file
 * throws `error` with one line saying which file, where in it, and what is wrong.
 */
export function readDataFile<S extends z.ZodType>(file: string, schema: S, what: string, error: (message: string) => Error): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw error(`cannot read ${what} ${file}: ${(cause as Error).message}`);
  }
  return checkData(json, schema, `${what} ${file}`, error);
}

export function checkData<S extends z.ZodType>(json: unknown, schema: S, source: string, error: (message: string) => Error): z.infer<S> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw error(`${source} is invalid at ${first?.path.join(".")}: ${first?.message}`);
  }
  return parsed.data;
}
