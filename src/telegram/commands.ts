import type { Api } from "grammy";
import { DEFAULT_LANGUAGE, getI18n } from "../i18n.js";
import { LANGUAGES } from "../storage/members.js";

/** The command menu: each command's description is the locale key `command-<name>`. */
export const MENU_COMMANDS = ["start", "ask", "queue", "progress", "rounds", "broadcast", "help", "lang", "link"] as const;

/**
 * Publishes the menu once per language, plus the default menu (Vietnamese) for clients
 * in any other language.
 */
export async function publishCommandMenus(api: Api): Promise<void> {
  const i18n = getI18n();
  const menuIn = (language: string) => MENU_COMMANDS.map((command) => ({ command, description: i18n.t(language, `command-${command}`) }));
  await api.setMyCommands(menuIn(DEFAULT_LANGUAGE));
  for (const language of LANGUAGES) {
    await api.setMyCommands(menuIn(language), { language_code: language });
  }
}
