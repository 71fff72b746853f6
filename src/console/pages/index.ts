import { Hono } from "hono";
import type { ConsoleEnv } from "../env.js";
import { agenciesPages } from "./agencies.js";
import { agencyPages } from "./agency.js";
import { apiPages } from "./api.js";
import { apiTokenPages } from "./api-tokens.js";
import { broadcastPages } from "./broadcast.js";
import { downloadPages } from "./downloads.js";
import { homePages } from "./home.js";
import { peoplePages } from "./people.js";
import { questionPages } from "./questions.js";
import { roundGlancePages } from "./round.js";
import { roundPages } from "./rounds.js";
import { sessionPages } from "./sessions.js";

/** Every page of the console, one router per feature; each route checks who may see it. */
export const consolePages = new Hono<ConsoleEnv>();

consolePages.route("/", homePages);
consolePages.route("/", sessionPages);
// Before the round pages of /rounds/:roundId, so that /rounds/new is not read as a round id.
consolePages.route("/", roundPages);
consolePages.route("/", broadcastPages);
consolePages.route("/", apiPages);
consolePages.route("/", apiTokenPages);
consolePages.route("/", agenciesPages);
consolePages.route("/", agencyPages);
consolePages.route("/", peoplePages);
consolePages.route("/", questionPages);
consolePages.route("/", downloadPages);
consolePages.route("/", roundGlancePages);
