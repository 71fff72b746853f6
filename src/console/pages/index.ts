import { Hono } from "hono";
import type { ConsoleEnv } from "../env.js";
import { apiPages } from "./api.js";
import { apiTokenPages } from "./api-tokens.js";
import { homePages } from "./home.js";
import { sessionPages } from "./sessions.js";

/** Every page of the console, one router per feature; each route checks who may see it. */
export const consolePages = new Hono<ConsoleEnv>();

consolePages.route("/", homePages);
consolePages.route("/", sessionPages);
consolePages.route("/", apiPages);
consolePages.route("/", apiTokenPages);
