import { contactLines, loadContacts } from "./domain/contacts.js";
import { setTranslationGlobals } from "./i18n.js";

/**
 * What every message may name, set once at start-up from the configuration: the body that runs
 * the bot (SECRETARIAT_NAME, `{ $secretariatName }` in the locales) and the programme's contacts
 * the letters name (CONTACTS_FILE, `{ $programmeContacts }` in /help), so that no call site words
 * them itself.
 */
export function configureTranslations(config: { secretariatName: string; contactsFile: string | undefined }): void {
  const contacts = loadContacts(config.contactsFile);
  setTranslationGlobals(
    { secretariatName: config.secretariatName },
    { vi: { programmeContacts: contactLines(contacts, "vi") }, en: { programmeContacts: contactLines(contacts, "en") } },
  );
}
