import { z } from "zod";
import { projectPath } from "../project-root.js";
import { readDataFile } from "./data-file.js";
import { formatPhone, normalizePhone } from "./phone.js";

/**
 * The programme's contacts the letters name (flows/contacts.json, or CONTACTS_FILE): whom an
 * officer calls about the form and about connecting to the population database. Kept as printed:
 * where two letters print a person's e-mail differently, both are kept, each with its letter; a
 * phone that is not a valid Vietnamese number is shown as printed, never corrected.
 */

const contactSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "ids are lowercase ASCII words joined by '-', made from the name"),
    name: z.string().min(1),
    position: z.string().min(1),
    /** The unit as the letter names it, when it was written. */
    unit: z.string().min(1),
    phone: z.string().min(1),
    emails: z.array(z.object({ address: z.email(), source: z.string().min(1) }).strict()).default([]),
    /** What to call about, in each language of the bot. */
    about: z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict(),
    /** The letters that name the contact. */
    sources: z.array(z.string().min(1)).min(1),
  })
  .strict();

export const contactsSchema = z
  .object({ version: z.number().int().positive(), source: z.string().min(1), contacts: z.array(contactSchema) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const [index, contact] of file.contacts.entries()) {
      if (seen.has(contact.id)) ctx.addIssue({ code: "custom", path: ["contacts", index, "id"], message: `duplicate id ${contact.id}` });
      seen.add(contact.id);
    }
  });

export type Contact = z.infer<typeof contactSchema>;

export class ContactsError extends Error {}

export const DEFAULT_CONTACTS_FILE = projectPath("flows", "contacts.json");

export function loadContacts(file: string = DEFAULT_CONTACTS_FILE): Contact[] {
  return readDataFile(file, contactsSchema, "the contacts file", (message) => new ContactsError(message)).contacts;
}

const SAID = {
  vi: { mail: "thư điện tử", as: "theo", or: "hoặc" },
  en: { mail: "e-mail", as: "as printed in", or: "or" },
} as const;

/**
 * The contacts as lines for /help, in a language: "• Trần Quốc Tuấn (Trưởng phòng …, Cục …): 0902 170 982;
 * thư điện tử tqtu@mic.gov.vn (theo Văn bản 488…) hoặc tqtuan@mic.gov.vn (theo …); khi có …". Names and units
 * stay in Vietnamese, as the letters print them. HTML-escaped.
 */
export function contactLines(contacts: readonly Contact[], language: "vi" | "en"): string {
  const said = SAID[language];
  const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return contacts
    .map((contact) => {
      const digits = normalizePhone(contact.phone);
      const phone = digits ? formatPhone(digits) : contact.phone;
      const mails = contact.emails.map((email) =>
        contact.emails.length > 1 ? `${email.address} (${said.as} ${email.source})` : email.address,
      );
      const mail = mails.length ? `; ${said.mail} ${mails.join(` ${said.or} `)}` : "";
      return escaped(`• ${contact.name} (${contact.position}, ${contact.unit}): ${phone}${mail}; ${contact.about[language]}.`);
    })
    .join("\n");
}
