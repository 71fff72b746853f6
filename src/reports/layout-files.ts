import { existsSync } from "node:fs";
import { projectPath } from "../project-root.js";

/**
 * The layouts a form may name besides "by-groups": the files of flows/layouts/. Apart from the
 * layouts' reader (src/reports/layout.ts), which reads forms: the form's schema checks the name.
 */
export function layoutExists(name: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/.test(name) && existsSync(projectPath("flows", "layouts", `${name}.json`));
}
