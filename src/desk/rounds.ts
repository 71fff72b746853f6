import { encodeAction } from "../channels/actions.js";
import type { Deps } from "../deps.js";
import { isRefusal, refuse } from "../domain/refusal.js";
import type { ReminderPlan, Round } from "../domain/rounds.js";
import { isRoundOpen, parseLocalDateTime, parseTarget, planSchema } from "../domain/rounds.js";
import { broadcastText, formatMoment } from "../services/announcements.js";
import { queueBroadcast, requeueBroadcast, resendBroadcast, resolveBroadcast } from "../services/broadcast-queue.js";
import type { NewRound, RoundEffect, RoundOutcome } from "../services/rounds.js";
import type { EffectOf } from "../storage/effects.js";
import type { EffectMarker } from "../storage/marks.js";
import type { Member } from "../storage/members.js";
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

/** A change to the rounds once its words are read: what /round and the console's rounds pages ask of the round service. */
export type RoundChange =
  | { verb: "create"; round: NewRound }
  | { verb: "extend"; id: string; deadline: number }
  | { verb: "close"; id: string }
  | { verb: "reopen"; id: string };

/**
 * Makes the change as this member, now: the one way the chat and the console change rounds. From
 * the chat, with the effect mark of the update (`mark`): its repeat shows the change (`replayRound`).
 */
export function applyRoundChange(deps: Deps, member: Member, change: RoundChange, mark?: EffectMarker): Promise<RoundOutcome> {
  switch (change.verb) {
    case "create":
      return deps.rounds.create(change.round, `member:${member.id}`, deps.now(), mark);
    case "extend":
      return deps.rounds.extend(change.id, change.deadline, mark);
    case "close":
      return deps.rounds.close(change.id, deps.now(), mark);
    case "reopen":
      return deps.rounds.reopen(change.id, mark);
  }
}

/**
 * A reminder plan from its words: the days before the deadline ("7,3,1") and the time ("08:30"),
 * each the default when not given; undefined when they do not make one.
 */
export function reminderPlan(days: string | undefined, time: string | undefined, afterDeadline?: boolean): ReminderPlan | undefined {
  const plan = planSchema.safeParse({
    ...(days?.trim() ? { daysBefore: days.split(",").map(Number) } : {}),
    ...(time?.trim() ? { time: time.trim() } : {}),
    ...(afterDeadline !== undefined ? { afterDeadline } : {}),
  });
  return plan.success ? plan.data : undefined;
}

/** "/round create <name>; <deadline>; [targets]; [days time]; [form]", "extend <id> <deadline>", "close <id>", "reopen <id>". */
export async function changeRound(request: DeskRequest, argument: string): Promise<Replies> {
  const { deps, member, t } = request;
  const { timeZone } = deps;
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
    const plan = reminderPlan(days, time);
    if (!name || deadline === undefined || isRefusal(targets) || !plan) return say(t("round-usage"));
    const form = formText ? { formId: formText } : {};
    const round = { name, deadline, targets, plan, ...form };
    outcome = await applyRoundChange(deps, member, { verb: "create", round }, request.effectMark);
    if (outcome.ok) return roundCreated(request, outcome.round);
  } else if (verb === "extend") {
    const [id, ...dateParts] = rest;
    const deadline = parseLocalDateTime(dateParts.join(" "), timeZone);
    if (!id || deadline === undefined) return say(t("round-usage"));
    outcome = await applyRoundChange(deps, member, { verb: "extend", id, deadline }, request.effectMark);
  } else if ((verb === "close" || verb === "reopen") && rest[0]) {
    outcome = await applyRoundChange(deps, member, { verb, id: rest[0] }, request.effectMark);
  } else {
    return say(t("round-usage"));
  }
  if (!outcome.ok) return refused(request, outcome);
  return roundChanged(request, outcome.round);
}

const roundCreated = ({ deps, t }: DeskRequest, round: Round): Replies =>
  say(
    t("round-created", { id: escapeHtml(round.id), name: escapeHtml(round.name), deadline: formatMoment(round.deadline, deps.timeZone) }),
  );

const roundChanged = (request: DeskRequest, round: Round): Replies =>
  say(
    request.t("round-changed", {
      id: escapeHtml(round.id),
      state: stateOf(request, round),
      deadline: formatMoment(round.deadline, request.deps.timeZone),
    }),
  );

/** A change to a round an earlier try of the update made: said again from the round as it is, not made twice. */
export async function replayRound(request: DeskRequest, effect: RoundEffect): Promise<Replies> {
  const round = await request.deps.rounds.get(effect.round);
  if (!round) return refused(request, refuse("round-refused-no-round", { round: effect.round }));
  return effect.did === "created" ? roundCreated(request, round) : roundChanged(request, round);
}

/** "/broadcast [target]": with a target, asks for the text; without, offers the targets. */
export async function broadcast(request: DeskRequest, argument: string): Promise<Replies> {
  const resend = /^resend\s+(\S+)$/.exec(argument);
  if (resend?.[1]) return resendTo(request, resend[1]);
  if (argument) return chooseTarget(request, argument);
  const { deps, t } = request;
  const now = deps.now();
  const openRounds = (await deps.rounds.list()).filter((round) => isRoundOpen(round, now));
  return [
    {
      text: t("broadcast-choose-target"),
      buttons: [
        [{ label: t("broadcast-target-everyone"), data: encodeAction({ kind: "broadcast-target", target: "everyone" }) }],
        [
          { label: t("broadcast-target-provinces"), data: encodeAction({ kind: "broadcast-target", target: "provinces" }) },
          { label: t("broadcast-target-ministries"), data: encodeAction({ kind: "broadcast-target", target: "ministries" }) },
        ],
        ...openRounds.map((round) => [
          {
            label: t("broadcast-target-not-submitted", { round: round.id }),
            data: encodeAction({ kind: "broadcast-target", target: `not-submitted:${round.id}` }),
          },
        ]),
        ...deps.consultants.consultants.map((consultant) => [
          {
            label: t("broadcast-target-consultant", { name: consultant.name }),
            data: encodeAction({ kind: "broadcast-target", target: `consultant:${consultant.id}` }),
          },
        ]),
      ],
    },
  ];
}

/** "/broadcast resend <id>": the broadcast again to those it did not reach, each at most once. */
async function resendTo(request: DeskRequest, id: string): Promise<Replies> {
  const { deps, member, t } = request;
  const outcome = await resendBroadcast(deps, member.id, id);
  if (!outcome.ok) return refused(request, outcome);
  return say(t("broadcast-resend-queued", { count: outcome.queued, id }));
}

/** A target chosen: says how many it reaches and waits for the text. */
export async function chooseTarget(request: DeskRequest, target: string): Promise<Replies> {
  const { deps, member, t } = request;
  const resolved = await resolveBroadcast(deps, target);
  if (!resolved.ok) return refused(request, resolved);
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
  if (!resolved.ok) return refused(request, resolved);
  await deps.composing.set(member.id, { kind: "broadcast-ready", target, text });
  return [
    {
      text: `${t("broadcast-confirm", { count: resolved.recipients.length, agencies: resolved.agencies })}\n\n${broadcastText(request.language, text)}`,
      buttons: [
        [
          { label: t("broadcast-button-send"), data: encodeAction({ kind: "broadcast-send" }) },
          { label: t("ticket-button-cancel"), data: encodeAction({ kind: "cancel" }) },
        ],
      ],
    },
  ];
}

/**
 * "Send" pressed: queued once; a second press finds nothing ready. The text is let go once the
 * broadcast is recorded (with the update's effect mark): a crash before leaves it to the update's
 * next try, one after leaves the mark, which the next try finds first (`replayBroadcast`).
 */
export async function sendBroadcast(request: DeskRequest): Promise<Replies> {
  const { deps, member, t, composing } = request;
  if (composing?.kind !== "broadcast-ready") return [];
  const queued = await queueBroadcast(deps, member.id, composing.target, composing.text, request.effectMark);
  await deps.composing.clear(member.id);
  if (!queued.ok) return refused(request, queued);
  return say(t("broadcast-queued", { count: queued.count, id: queued.id }));
}

/**
 * A broadcast an earlier try of the update sent: said again as `sendBroadcast` said it, its
 * messages queued again under the same ids (sent once); no second broadcast.
 */
export async function replayBroadcast(request: DeskRequest, effect: EffectOf<"broadcast">): Promise<Replies> {
  const { deps, member, t, composing } = request;
  if (composing?.kind === "broadcast-ready") await deps.composing.clear(member.id);
  const count = (await requeueBroadcast(deps, effect.id)) ?? (await deps.broadcasts.report(effect.id))?.total ?? 0;
  return say(t("broadcast-queued", { count, id: effect.id }));
}
