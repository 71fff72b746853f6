import type { Round } from "../domain/rounds.js";
import { isRoundOpen, parseLocalDateTime, parseTarget, planSchema } from "../domain/rounds.js";
import { broadcastText, formatMoment } from "../services/announcements.js";
import { queueBroadcast, resolveBroadcast } from "../services/broadcast-queue.js";
import type { RoundOutcome } from "../services/rounds.js";
import { escapeHtml } from "../views.js";
import { cancelButton, type DeskRequest, type Replies, refused, say } from "./request.js";

/** The secretariat's rounds and broadcasts: /rounds, /round, /broadcast and its buttons. */

function stateOf({ deps, t }: DeskRequest, round: Round): string {
  return t(
    round.closedAt !== undefined ? "rounds-state-closed" : round.opensAt > deps.now() ? "rounds-state-scheduled" : "rounds-state-open",
  );
}

export async function listRounds(request: DeskRequest): Promise<Replies> {
  const { deps, t } = request;
  const all = await deps.rounds.list();
  if (all.length === 0) return say(t("rounds-none"));
  const lines = [`<b>${t("rounds-title")}</b>`];
  for (const round of all) {
    const agencies = deps.rounds.agenciesOf(round);
    const standings = await Promise.all(agencies.map((agency) => deps.reporting.standingIn(round.id, agency)));
    lines.push(
      t("rounds-line", {
        id: escapeHtml(round.id),
        name: escapeHtml(round.name),
        state: stateOf(request, round),
        deadline: formatMoment(round.deadline, deps.timeZone),
        submitted: standings.filter((standing) => standing.status === "submitted").length,
        targeted: agencies.length,
      }),
    );
  }
  return say(lines.join("\n"));
}

/** "/round create <name>; <deadline>; [targets]; [days time]; [form]", "extend <id> <deadline>", "close <id>", "reopen <id>". */
export async function changeRound(request: DeskRequest, argument: string): Promise<Replies> {
  const { deps, member, t } = request;
  const { rounds: service, timeZone, now } = deps;
  const [verb, ...rest] = argument.split(/\s+/);
  let outcome: RoundOutcome;
  if (verb === "create") {
    const [name, deadlineText, targetText = "all", planText, formText] = rest
      .join(" ")
      .split(";")
      .map((part) => part.trim());
    const deadline = deadlineText ? parseLocalDateTime(deadlineText, timeZone) : undefined;
    const targets = parseTarget(targetText || "all", deps.directory, deps.groups);
    // "7,3,1 08:30": the days before the deadline and the time of the reminders.
    const [days, time] = (planText ?? "").split(/\s+/);
    const plan = planSchema.safeParse({ ...(days ? { daysBefore: days.split(",").map(Number) } : {}), ...(time ? { time } : {}) });
    if (!name || deadline === undefined || "error" in targets || !plan.success) return say(t("round-usage"));
    const form = formText ? { formId: formText } : {};
    outcome = await service.create({ name, deadline, targets, plan: plan.data, ...form }, `member:${member.id}`, now());
    if (outcome.ok) {
      return say(
        t("round-created", {
          id: escapeHtml(outcome.round.id),
          name: escapeHtml(outcome.round.name),
          deadline: formatMoment(outcome.round.deadline, timeZone),
        }),
      );
    }
  } else if (verb === "extend") {
    const [id, ...dateParts] = rest;
    const deadline = parseLocalDateTime(dateParts.join(" "), timeZone);
    if (!id || deadline === undefined) return say(t("round-usage"));
    outcome = await service.extend(id, deadline);
  } else if (verb === "close" && rest[0]) {
    outcome = await service.close(rest[0], now());
  } else if (verb === "reopen" && rest[0]) {
    outcome = await service.reopen(rest[0]);
  } else {
    return say(t("round-usage"));
  }
  if (!outcome.ok) return refused(request, outcome.reason);
  return say(
    t("round-changed", {
      id: escapeHtml(outcome.round.id),
      state: stateOf(request, outcome.round),
      deadline: formatMoment(outcome.round.deadline, timeZone),
    }),
  );
}

/** "/broadcast [target]": with a target, asks for the text; without, offers the targets. */
export async function broadcast(request: DeskRequest, argument: string): Promise<Replies> {
  if (argument) return chooseTarget(request, argument);
  const { deps, t } = request;
  const now = deps.now();
  const openRounds = (await deps.rounds.list()).filter((round) => isRoundOpen(round, now));
  return [
    {
      text: t("broadcast-choose-target"),
      buttons: [
        [{ label: t("broadcast-target-everyone"), data: "b:t:everyone" }],
        [
          { label: t("broadcast-target-provinces"), data: "b:t:provinces" },
          { label: t("broadcast-target-ministries"), data: "b:t:ministries" },
        ],
        ...openRounds.map((round) => [
          { label: t("broadcast-target-not-submitted", { round: round.id }), data: `b:t:not-submitted:${round.id}` },
        ]),
        ...deps.consultants.consultants.map((consultant) => [
          { label: t("broadcast-target-consultant", { name: consultant.name }), data: `b:t:consultant:${consultant.id}` },
        ]),
      ],
    },
  ];
}

/** A target chosen: says how many it reaches and waits for the text. */
export async function chooseTarget(request: DeskRequest, target: string): Promise<Replies> {
  const { deps, member, t } = request;
  const resolved = await resolveBroadcast(deps, target);
  if ("error" in resolved) return refused(request, resolved.error);
  if (resolved.recipients.length === 0) return say(t("broadcast-nobody"));
  await deps.composing.set(member.id, { kind: "broadcast", target });
  return [
    { text: t("broadcast-write", { count: resolved.recipients.length, agencies: resolved.agencies }), buttons: cancelButton(request) },
  ];
}

/** The text written: shown as recipients will see it, to send or cancel. */
export async function previewBroadcast(request: DeskRequest, target: string, text: string): Promise<Replies> {
  const { deps, member, t } = request;
  const resolved = await resolveBroadcast(deps, target);
  if ("error" in resolved) return refused(request, resolved.error);
  await deps.composing.set(member.id, { kind: "broadcast-ready", target, text });
  return [
    {
      text: `${t("broadcast-confirm", { count: resolved.recipients.length, agencies: resolved.agencies })}\n\n${broadcastText(request.language, text)}`,
      buttons: [
        [
          { label: t("broadcast-button-send"), data: "b:send" },
          { label: t("ticket-button-cancel"), data: "t:cancel" },
        ],
      ],
    },
  ];
}

/** "Send" pressed: queued once; a second press finds nothing ready. */
export async function sendBroadcast(request: DeskRequest): Promise<Replies> {
  const { deps, member, t, composing } = request;
  if (composing?.kind !== "broadcast-ready") return [];
  await deps.composing.clear(member.id);
  const queued = await queueBroadcast(deps, member.id, composing.target, composing.text);
  if ("error" in queued) return refused(request, queued.error);
  return say(t("broadcast-queued", { count: queued.count, id: queued.id }));
}
