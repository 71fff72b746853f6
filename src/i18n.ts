import { I18n } from "@grammyjs/i18n";
import { projectPath } from "./project-root.js";
import { LANGUAGES, type Language } from "./storage/members.js";
import type { Translate } from "./views.js";

export const DEFAULT_LANGUAGE: Language = "vi";

export const LOCALES_DIR = projectPath("locales");

/** Vietnamese unless the member chose otherwise or the Telegram client is set to English. */
export function languageOf(chosen: Language | undefined, telegramLanguage: string | undefined): Language {
  if (chosen) return chosen;
  return telegramLanguage?.toLowerCase().startsWith("en") ? "en" : DEFAULT_LANGUAGE;
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

let instance: I18n | undefined;

/** The translations (grammY's i18n plugin over Fluent), loaded from locales/ on first use and shared by the dialogue, the console and the jobs. */
export function getI18n(): I18n {
  instance ??= new I18n({
    defaultLocale: DEFAULT_LANGUAGE,
    directory: LOCALES_DIR,
    useSession: false,
    // Unicode isolation marks around variables show up as boxes in some Telegram clients.
    fluentBundleOptions: { useIsolating: false },
  });
  return instance;
}

/** The texts in one language, for whatever is worded outside an update's context (jobs, Zalo, notices). */
export function translatorFor(language: Language | undefined): Translate {
  const locale = language ?? DEFAULT_LANGUAGE;
  return (key, params) => getI18n().t(locale, key, params);
}
