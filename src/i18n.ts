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

/** The body that runs the bot and receives the reports, unless SECRETARIAT_NAME names another. */
export const DEFAULT_SECRETARIAT_NAME = "Cục Chuyển đổi số quốc gia";

/**
 * Variables every translation gets, whoever words it: `secretariatName` (SECRETARIAT_NAME), and
 * what start-up adds (the programme's contacts, `programmeContacts`, in each language). A call's
 * own variables win. Set once at start-up (src/bot-process.ts, src/cli.ts); the defaults hold
 * until then, so a message never shows a variable's name.
 */
type GlobalParams = Record<string, string>;
let globalParams: GlobalParams = { secretariatName: DEFAULT_SECRETARIAT_NAME, programmeContacts: "" };
let globalByLanguage: Partial<Record<string, GlobalParams>> = {};

export function setTranslationGlobals(params: GlobalParams, byLanguage: Partial<Record<Language, GlobalParams>> = {}): void {
  globalParams = { ...globalParams, ...params };
  globalByLanguage = { ...byLanguage };
}

/** The global variables of one language. */
export function translationGlobals(locale: string): GlobalParams {
  return { ...globalParams, ...globalByLanguage[locale] };
}

/** grammY's I18n, every translation given the global variables: `t`, `translate` and `ctx.t` alike. */
class ProgrammeI18n extends I18n {
  override translate(locale: string, key: string, variables?: Parameters<I18n["translate"]>[2]): string {
    return super.translate(locale, key, { ...translationGlobals(locale), ...variables });
  }
}

let instance: I18n | undefined;

/** The translations (grammY's i18n plugin over Fluent), loaded from locales/ on first use and shared by the dialogue, the console and the jobs. */
export function getI18n(): I18n {
  instance ??= new ProgrammeI18n({
    defaultLocale: DEFAULT_LANGUAGE,
    directory: LOCALES_DIR,
    useSession: false,
    // Unicode isolation marks around variables show up as boxes in some Telegram clients.
    fluentBundleOptions: { useIsolating: false },
    // What the middleware's ctx.t gives (a translation through `translate` gets them anyway).
    globalTranslationContext: (ctx) => translationGlobals(ctx.from?.language_code?.startsWith("en") ? "en" : DEFAULT_LANGUAGE),
  });
  return instance;
}

/** The texts in one language, for whatever is worded outside an update's context (jobs, Zalo, notices). */
export function translatorFor(language: Language | undefined): Translate {
  const locale = language ?? DEFAULT_LANGUAGE;
  return (key, params) => getI18n().t(locale, key, { ...translationGlobals(locale), ...params });
}
