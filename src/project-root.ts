import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder that holds package.json, flows/ and locales/. Found from this module's own
 * location so that it is the same from src/ (tsx), dist/src/ (built) and any working directory.
 */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot();

export const projectPath = (...parts: string[]): string => resolve(PROJECT_ROOT, ...parts);
