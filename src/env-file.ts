import { existsSync } from "node:fs";
import { projectPath } from "./project-root.js";

/**
 * `npm run bot` and `npm run cli` read a `.env` beside the project when there is one, with
 * Node's own parser (`process.loadEnvFile`), before the configuration is parsed. A variable
 * already set in the environment wins over the file. `npm start` and the Docker image do not read
 * it: there the environment (compose's `env_file`) is the configuration. Returns the file read.
 */
export function loadEnvFile(path = projectPath(".env")): string | undefined {
  if (!existsSync(path)) return undefined;
  process.loadEnvFile(path);
  return path;
}
