import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MENU_COMMANDS } from "../../handlers/conversation.js";
import { REFUSAL_REASONS } from "../../src/domain/refusal.js";
import { LOCALES_DIR } from "../../src/i18n.js";
import { LANGUAGES } from "../../src/storage/members.js";

/** message id → the variables it uses, for every .ftl file of a language. */
function messagesOf(language: string): Map<string, string[]> {
  const messages = new Map<string, string[]>();
  const dir = join(LOCALES_DIR, language);
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".ftl"))) {
    let current: string | undefined;
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      const start = /^([a-z][a-z0-9-]*)\s*=/.exec(line);
      if (start) {
        current = start[1]!;
        expect(messages.has(current), `${language}: ${current} defined twice`).toBe(false);
        messages.set(current, []);
      }
      if (current) for (const variable of line.matchAll(/\{\s*\$([a-zA-Z]+)/g)) messages.get(current)!.push(variable[1]!);
    }
  }
  return new Map([...messages].map(([id, variables]) => [id, [...new Set(variables)].sort()]));
}

describe("locales", () => {
  const vi = messagesOf("vi");

  it.each(LANGUAGES.filter((language) => language !== "vi"))("%s has the same keys and variables as vi", (language) => {
    expect(Object.fromEntries(messagesOf(language))).toEqual(Object.fromEntries(vi));
  });

  it.each(LANGUAGES)("words every reason a service refuses with in %s", (language) => {
    const messages = messagesOf(language);
    for (const reason of REFUSAL_REASONS) expect(messages.has(reason), `${language}: ${reason}`).toBe(true);
  });

  it("describes every menu command and every role's help", () => {
    for (const command of MENU_COMMANDS) expect(vi.has(`command-${command}`)).toBe(true);
    for (const role of ["officer", "consultant", "secretariat"]) expect(vi.has(`help-${role}`)).toBe(true);
  });
});

describe("the English wording of the form", () => {
  it("translates every part, row, question, hint and option of the form", async () => {
    const { loadForm } = await import("../../src/form/schema.js");
    const { FormTexts } = await import("../../src/form/texts.js");
    const { getI18n } = await import("../../src/i18n.js");
    const i18n = getI18n();
    for (const key of FormTexts.keysOf(loadForm())) {
      const english = i18n.t("en", key);
      expect(english, key).not.toBe(key);
      expect(english, key).not.toMatch(/[{}]|ệ|ư|ơ/);
    }
  });
});
