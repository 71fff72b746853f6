import { runBot } from "./bot-process.js";
import { ConfigError, parseConfig } from "./config.js";
import { DirectoryError } from "./domain/agencies.js";
import { ConsultantsError } from "./domain/consultants.js";
import { GroupsError } from "./domain/groups.js";

/** `npm start`: the bot, configured by the environment. */
try {
  await runBot(parseConfig(process.env));
} catch (error) {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) console.error(`Configuration error: ${problem}`);
  } else if (error instanceof DirectoryError) {
    console.error(`Configuration error: AGENCIES_FILE: ${error.message}`);
  } else if (error instanceof ConsultantsError) {
    console.error(`Configuration error: CONSULTANTS_FILE: ${error.message}`);
  } else if (error instanceof GroupsError) {
    console.error(`Configuration error: GROUPS_FILE: ${error.message}`);
  } else {
    console.error(`The bot could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
}
