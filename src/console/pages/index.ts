import { Hono } from "hono";
import type { ConsoleEnv } from "../env.js";
import { homePages } from "./home.js";
import { sessionPages } from "./sessions.js";

/** Every page of the console, one router per feature; each route checks who may see it. */
export const consolePages = new Hono<ConsoleEnv>();

consolePages.route("/", homePages);
consolePages.route("/", sessionPages);
