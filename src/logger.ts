import { type Logger, pino } from "pino";

export type { Logger };

/**
 * Names, phone numbers and e-mails never reach the logs. Code logs ids only; these paths are
 * the safety net for a Telegram object that slips into a log line anyway.
 */
const PERSONAL_FIELDS = ["first_name", "last_name", "username", "phone_number", "email", "fullName", "phone", "text", "caption"];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const redact = [...PERSONAL_FIELDS, ...PERSONAL_FIELDS.map((field) => `*.${field}`), ...PERSONAL_FIELDS.map((field) => `*.*.${field}`)];
  return pino({ level, redact: { paths: redact, censor: "[redacted]" }, base: { pid: process.pid } }, destination);
}
