import { Hono } from "hono";
import { STANDING_ROUND } from "../../services/active-round.js";
import type { ConsoleEnv } from "../env.js";
import { path } from "../layout.js";

/** The console's front door: the round now running for the desk, the agency's own report for an officer. */
export const homePages = new Hono<ConsoleEnv>();

homePages.get("/", async (c) => {
  const { deps, viewer } = c.var;
  const { binding } = viewer.member;
  if (binding.role === "officer") {
    const round = await deps.rounds.activeFor(binding.agencyId, deps.now());
    return c.redirect(path("rounds", round.id, "agencies", binding.agencyId), 303);
  }
  // With no round made yet, the standing round (form 488 as agencies answer it before any round).
  const round = await deps.reports.roundFor(undefined, deps.now());
  return c.redirect(path("rounds", round?.id ?? STANDING_ROUND.id), 303);
});
