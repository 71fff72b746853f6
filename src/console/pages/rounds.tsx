import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { type Context, Hono } from "hono";
import type { Child, FC } from "hono/jsx";
import type { OutgoingMessage } from "../../channels/port.js";
import type { Deps } from "../../deps.js";
import { applyRoundChange, reminderPlan } from "../../desk/rounds.js";
import { isRefusal, refuse } from "../../domain/refusal.js";
import { DEFAULT_PLAN, parseLocalDateTime, parseTarget, type Round, type Target, targetAgencies } from "../../domain/rounds.js";
import { formatMoment, roundOpenedText } from "../../services/announcements.js";
import type { NewRound, RoundOutcome, RoundRefusal } from "../../services/rounds.js";
import type { Language } from "../../storage/members.js";
import { refusalText, type Translate } from "../../views.js";
import { hasRole } from "../access.js";
import { DataTable } from "../components.js";
import type { ConsoleEnv, Viewer } from "../env.js";
import { Csrf, Notice, Page, path, withQuery } from "../layout.js";
import { OnceField, runOnce } from "../once.js";

/**
 * The secretariat's rounds: the list with each round's standing, and creating, extending,
 * closing and reopening a round as forms. The work is the chat's (/round in src/desk/rounds.ts):
 * the same round service calls; only the words and the fields are the console's. A new round is
 * shown with the announcement its officers will receive before anything is created.
 */
export const roundPages = new Hono<ConsoleEnv>();

/** A form's body as `parseBody` reads it. */
export type Body = Record<string, string | File | (string | File)[]>;

/** One text field of a form's body; empty when absent. */
export const text = (body: Body, name: string): string => {
  const value = body[name];
  return typeof value === "string" ? value : "";
};

/** A moment as a datetime-local input shows it, in the console's time zone. */
const localInput = (at: number, timeZone: string): string => format(new TZDate(at, timeZone), "yyyy-MM-dd'T'HH:mm");

// ---------------------------------------------------------------------------------------------
// The announcement as the chat shows it, without its markup.

/**
 * A chat message's text (HTML-escaped, with <b>) as pieces to render: bold where the chat shows
 * bold, every other tag dropped, entities read back into characters, so that JSX escapes them
 * once more and nothing of the text can become markup.
 */
export function chatTextPieces(html: string): { text: string; bold: boolean }[] {
  const pieces: { text: string; bold: boolean }[] = [];
  let bold = 0;
  for (const part of html.split(/(<[^>]*>)/)) {
    const tag = /^<(\/?)\s*([a-z]+)[^>]*>$/i.exec(part);
    if (tag) {
      if (/^(b|strong)$/i.test(tag[2] ?? "")) bold = Math.max(0, bold + (tag[1] ? -1 : 1));
      continue;
    }
    if (!part) continue;
    const decoded = part.replace(/&(lt|gt|quot|#39|amp);/g, (_, entity: string) =>
      entity === "lt" ? "<" : entity === "gt" ? ">" : entity === "quot" ? '"' : entity === "#39" ? "'" : "&",
    );
    pieces.push({ text: decoded, bold: bold > 0 });
  }
  return pieces;
}

/** A message as its recipient reads it in the chat, with its buttons as labels. */
export const ChatMessage: FC<{ message: OutgoingMessage; language: Language; label: string }> = ({ message, language, label }) => (
  <figure class="chat-message" lang={language}>
    <figcaption class="muted small">{label}</figcaption>
    <p class="chat-text">{chatTextPieces(message.text).map((piece) => (piece.bold ? <strong>{piece.text}</strong> : piece.text))}</p>
    {message.buttons?.length ? (
      <p class="chat-buttons">
        {message.buttons.flat().map((button) => (
          <span class="chat-button">{button.label}</span>
        ))}
      </p>
    ) : null}
  </figure>
);

// ---------------------------------------------------------------------------------------------
// Words for a round.

/** A round's targets in words: everyone, the provinces, the ministries, a group by its name, or the agencies named. */
export function describeTargets(t: Translate, deps: Pick<Deps, "directory" | "groups">, targets: Target): string {
  const count = targetAgencies(targets, deps.directory).length;
  if (targets.kind !== "list") return t(`console-rounds-targets-${targets.kind}`, { count });
  const chosen = new Set(targets.agencies);
  const group = deps.groups.groups.find(
    (candidate) => candidate.agencies.length === chosen.size && candidate.agencies.every((id) => chosen.has(id)),
  );
  if (group) return t("console-rounds-targets-group", { group: group.name, count });
  const names = targets.agencies.map((id) => deps.directory.get(id)?.name ?? id);
  return names.length <= 3
    ? t("console-rounds-targets-list", { agencies: names.join(", "), count })
    : t("console-rounds-targets-list-more", { agencies: names.slice(0, 2).join(", "), more: names.length - 2, count });
}

type RoundState = "open" | "scheduled" | "closed";

const stateOf = (round: Round, now: number): RoundState =>
  round.closedAt !== undefined ? "closed" : round.opensAt > now ? "scheduled" : "open";

const StateBadge: FC<{ t: Translate; state: RoundState }> = ({ t, state }) => (
  <span class={`status round-${state}`}>{t(`console-rounds-state-${state}`)}</span>
);

const formLabel = (round: Pick<Round, "formId" | "formVersion">): string =>
  round.formVersion === undefined ? round.formId : `${round.formId} v${round.formVersion}`;

// ---------------------------------------------------------------------------------------------
// The list, with each round's actions.

const DONE = ["created", "extended", "closed", "reopened"] as const;
type Done = (typeof DONE)[number];

interface RowError {
  roundId: string;
  /** Beside the new deadline of the round's row. */
  deadline?: string;
  /** Above the list: why closing or reopening was refused. */
  notice?: string;
}

async function renderList(
  deps: Deps,
  viewer: Viewer,
  options: { done?: { kind: Done; round: Round }; error?: RowError; value?: string } = {},
) {
  const { t } = viewer;
  const now = deps.now();
  const rounds = (await deps.rounds.list()).slice().reverse();
  const rows = await Promise.all(
    rounds.map(async (round) => {
      const agencies = deps.rounds.agenciesOf(round);
      const { rows: lines } = await deps.standings.of(round, agencies);
      return { round, submitted: lines.filter((line) => line.standing === "submitted").length, targeted: agencies.length };
    }),
  );
  const { done, error } = options;
  return (
    <Page viewer={viewer} title={t("console-rounds-title")} section="rounds">
      {done ? (
        <Notice kind="ok">
          {t(`console-rounds-done-${done.kind}`, {
            name: done.round.name,
            id: done.round.id,
            deadline: formatMoment(done.round.deadline, deps.timeZone),
          })}
        </Notice>
      ) : null}
      {error?.notice ? <Notice kind="error">{error.notice}</Notice> : null}
      {error?.deadline ? <Notice kind="error">{t("console-rounds-not-changed", { id: error.roundId })}</Notice> : null}
      <p class="actions">
        <a class="button" href={path("rounds", "new")}>
          {t("console-rounds-new")}
        </a>
      </p>
      {rows.length === 0 ? (
        <p class="panel">{t("console-rounds-none")}</p>
      ) : (
        <DataTable
          class="rounds"
          caption={t("console-rounds-caption", { zone: deps.timeZone })}
          columns={[
            ...["name", "id", "form", "opens", "deadline", "targets", "state"].map((column) => t(`console-rounds-col-${column}`)),
            { label: t("console-rounds-col-submitted"), kind: "number" },
            t("console-rounds-col-actions"),
          ]}
        >
          <tbody>
            {rows.map(({ round, submitted, targeted }) => (
              <RoundRow
                viewer={viewer}
                deps={deps}
                round={round}
                state={stateOf(round, now)}
                submitted={submitted}
                targeted={targeted}
                error={error?.roundId === round.id ? error.deadline : undefined}
                value={error?.roundId === round.id ? options.value : undefined}
              />
            ))}
          </tbody>
        </DataTable>
      )}
    </Page>
  );
}

const RoundRow: FC<{
  viewer: Viewer;
  deps: Deps;
  round: Round;
  state: RoundState;
  submitted: number;
  targeted: number;
  error: string | undefined;
  value: string | undefined;
}> = ({ viewer, deps, round, state, submitted, targeted, error, value }) => {
  const { t } = viewer;
  const inputId = `deadline-${round.id}`;
  const errorId = `${inputId}-error`;
  return (
    <tr>
      <th scope="row">
        <a href={path("rounds", round.id)}>{round.name}</a>
      </th>
      <td>
        <code>{round.id}</code>
      </td>
      <td>{formLabel(round)}</td>
      <td>{formatMoment(round.opensAt, deps.timeZone)}</td>
      <td>{formatMoment(round.deadline, deps.timeZone)}</td>
      <td>{describeTargets(t, deps, round.targets)}</td>
      <td>
        <StateBadge t={t} state={state} />
      </td>
      <td class="num">{t("console-rounds-submitted", { submitted, targeted })}</td>
      <td class="round-actions">
        <form method="post" action={path("rounds", round.id, "extend")} class="inline field">
          <Csrf viewer={viewer} />
          <label for={inputId}>
            {t("console-rounds-extend-label")}
            <span class="visually-hidden"> {t("console-rounds-of-round", { name: round.name })}</span>
          </label>
          <input
            type="datetime-local"
            id={inputId}
            name="deadline"
            required
            value={value ?? localInput(round.deadline, deps.timeZone)}
            aria-invalid={error ? "true" : undefined}
            aria-describedby={error ? errorId : undefined}
          />
          <button type="submit" class="secondary">
            {t("console-rounds-extend")}
          </button>
          {error ? (
            <p class="error" id={errorId}>
              {error}
            </p>
          ) : null}
        </form>
        {state === "closed" ? (
          <form method="post" action={path("rounds", round.id, "reopen")} class="inline">
            <Csrf viewer={viewer} />
            <button type="submit" class="secondary">
              {t("console-rounds-reopen")}
            </button>
          </form>
        ) : (
          <>
            {/* With a script: one question in a dialog. Without: a page asks (the form in noscript). */}
            <form
              method="post"
              action={path("rounds", round.id, "close")}
              class="inline script-only"
              data-confirm={t("console-rounds-close-confirm", { name: round.name })}
            >
              <Csrf viewer={viewer} />
              <input type="hidden" name="confirmed" value="yes" />
              <button type="submit" class="danger">
                {t("console-rounds-close")}
              </button>
            </form>
            <noscript>
              <form method="post" action={path("rounds", round.id, "close")} class="inline">
                <Csrf viewer={viewer} />
                <button type="submit" class="danger">
                  {t("console-rounds-close-ask")}
                </button>
              </form>
            </noscript>
          </>
        )}
      </td>
    </tr>
  );
};

roundPages.get("/rounds", async (c) => {
  const { deps, viewer } = c.var;
  if (!hasRole(viewer, "secretariat")) return c.notFound();
  const kind = c.req.query("done");
  const round = kind && (DONE as readonly string[]).includes(kind) ? await deps.rounds.get(c.req.query("round") ?? "") : undefined;
  return c.html(await renderList(deps, viewer, kind && round ? { done: { kind: kind as Done, round } } : {}));
});

// ---------------------------------------------------------------------------------------------
// Extend, close, reopen.

roundPages.post("/rounds/:roundId/extend", async (c) => {
  const { deps, viewer } = c.var;
  if (!hasRole(viewer, "secretariat")) return c.notFound();
  const { t } = viewer;
  const id = c.req.param("roundId");
  if (!(await deps.rounds.get(id))) return c.notFound();
  const value = text(await c.req.parseBody(), "deadline");
  const deadline = value.trim() ? parseLocalDateTime(value, deps.timeZone) : undefined;
  if (deadline === undefined) {
    const message = t(value.trim() ? "console-rounds-error-date" : "console-rounds-error-deadline-missing");
    return c.html(await renderList(deps, viewer, { error: { roundId: id, deadline: message }, value }), 422);
  }
  const outcome = await applyRoundChange(deps, viewer.member, { verb: "extend", id, deadline });
  if (!outcome.ok) {
    if (outcome.reason === "round-refused-no-round") return c.notFound();
    return c.html(await renderList(deps, viewer, { error: { roundId: id, deadline: refusalText(t, outcome) }, value }), 422);
  }
  return c.redirect(withQuery(path("rounds"), { done: "extended", round: id }), 303);
});

roundPages.post("/rounds/:roundId/close", async (c) => {
  const { deps, viewer } = c.var;
  if (!hasRole(viewer, "secretariat")) return c.notFound();
  const { t } = viewer;
  const round = await deps.rounds.get(c.req.param("roundId"));
  if (!round) return c.notFound();
  if (text(await c.req.parseBody(), "confirmed") !== "yes") {
    // Asked without a script: the page that asks, and the form that says yes.
    const agencies = deps.rounds.agenciesOf(round);
    const { rows } = await deps.standings.of(round, agencies);
    const submitted = rows.filter((row) => row.standing === "submitted").length;
    return c.html(
      <Page viewer={viewer} title={t("console-rounds-close-title", { name: round.name })} section="rounds">
        <div class="panel">
          <p>{t("console-rounds-close-body", { name: round.name, id: round.id, submitted, targeted: agencies.length })}</p>
          <form method="post" action={path("rounds", round.id, "close")} class="actions">
            <Csrf viewer={viewer} />
            <input type="hidden" name="confirmed" value="yes" />
            <button type="submit" class="danger">
              {t("console-rounds-close")}
            </button>
            <a href={path("rounds")}>{t("console-rounds-cancel")}</a>
          </form>
        </div>
      </Page>,
    );
  }
  return settled(c, round.id, await applyRoundChange(deps, viewer.member, { verb: "close", id: round.id }), "closed");
});

roundPages.post("/rounds/:roundId/reopen", async (c) => {
  const { deps, viewer } = c.var;
  if (!hasRole(viewer, "secretariat")) return c.notFound();
  const id = c.req.param("roundId");
  if (!(await deps.rounds.get(id))) return c.notFound();
  return settled(c, id, await applyRoundChange(deps, viewer.member, { verb: "reopen", id }), "reopened");
});

/** After closing or reopening: back to the list, or the list with why not. */
async function settled(c: Context<ConsoleEnv>, roundId: string, outcome: RoundOutcome, done: Done) {
  const { deps, viewer } = c.var;
  if (outcome.ok) return c.redirect(withQuery(path("rounds"), { done, round: outcome.round.id }), 303);
  if (outcome.reason === "round-refused-no-round") return c.notFound();
  return c.html(await renderList(deps, viewer, { error: { roundId, notice: refusalText(viewer.t, outcome) } }), 409);
}

// ---------------------------------------------------------------------------------------------
// A new round: the form, the announcement, then created.

interface RoundFields {
  name: string;
  opens: string;
  deadline: string;
  targets: string;
  group: string;
  agencies: string;
  form: string;
  days: string;
  time: string;
  after: boolean;
}

type FieldName = "name" | "opens" | "deadline" | "targets" | "form" | "days" | "time";
type FieldErrors = Partial<Record<FieldName, string>>;

const TARGET_KINDS = ["all", "provinces", "ministries", "group", "list"] as const;

const defaults = (): RoundFields => ({
  name: "",
  opens: "",
  deadline: "",
  targets: "all",
  group: "",
  agencies: "",
  form: "",
  days: DEFAULT_PLAN.daysBefore.join(","),
  time: DEFAULT_PLAN.time,
  after: DEFAULT_PLAN.afterDeadline,
});

const fieldsOf = (body: Body): RoundFields => ({
  name: text(body, "name"),
  opens: text(body, "opens"),
  deadline: text(body, "deadline"),
  targets: text(body, "targets") || "all",
  group: text(body, "group"),
  agencies: text(body, "agencies"),
  form: text(body, "form"),
  days: text(body, "days"),
  time: text(body, "time"),
  after: text(body, "after") === "yes",
});

/** The field a refusal of the round service is shown beside. */
const fieldOf = ({ reason }: RoundRefusal): FieldName =>
  reason === "round-refused-no-name"
    ? "name"
    : reason === "round-refused-deadline-not-after-opening"
      ? "deadline"
      : reason === "round-refused-no-form"
        ? "form"
        : "targets";

/** The fields read as the round service takes them, with the reason beside each field that is wrong. */
async function readRound(deps: Deps, t: Translate, fields: RoundFields): Promise<{ round?: NewRound; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  const when = (value: string, field: "opens" | "deadline"): number | undefined => {
    if (!value.trim()) return undefined;
    const at = parseLocalDateTime(value, deps.timeZone);
    if (at === undefined) errors[field] = t("console-rounds-error-date");
    return at;
  };
  const opensAt = when(fields.opens, "opens");
  const deadline = when(fields.deadline, "deadline");
  if (!fields.deadline.trim()) errors.deadline = t("console-rounds-error-deadline-missing");

  // The targets as the chat writes them, read by the chat's parser: a group, or agencies by id (or by name here).
  let targets: Target | undefined;
  const kind = (TARGET_KINDS as readonly string[]).includes(fields.targets) ? fields.targets : undefined;
  if (kind === "group") {
    const parsed = fields.group ? parseTarget(`group:${fields.group}`, deps.directory, deps.groups) : undefined;
    if (!parsed || isRefusal(parsed)) errors.targets = t("console-rounds-error-group");
    else targets = parsed;
  } else if (kind === "list") {
    const entries = fields.agencies
      .split(/[,;\n]/)
      .map((entry) => entry.trim())
      .filter(Boolean);
    const ids = entries.map((entry) => deps.directory.find(entry)?.id ?? entry);
    const parsed = parseTarget(ids.join(","), deps.directory, deps.groups);
    if (isRefusal(parsed)) {
      const unknown = entries.filter((entry) => !deps.directory.find(entry));
      errors.targets = unknown.length
        ? t("console-rounds-error-agencies-unknown", { agencies: unknown.join(", ") })
        : t("console-rounds-error-agencies-empty");
    } else targets = parsed;
  } else if (kind) {
    const parsed = parseTarget(kind, deps.directory, deps.groups);
    if (!isRefusal(parsed)) targets = parsed;
  } else {
    errors.targets = t("console-rounds-error-targets");
  }

  if (!reminderPlan(fields.days, undefined)) errors.days = t("console-rounds-error-days");
  if (!reminderPlan(undefined, fields.time)) errors.time = t("console-rounds-error-time");
  const plan = reminderPlan(fields.days, fields.time, fields.after);
  const formId = fields.form || deps.catalog.builtIn.id;
  if (!(await deps.catalog.latest(formId))) errors.form = refusalText(t, refuse("round-refused-no-form", { form: formId }));

  // The round service's own checks, every one at once, each beside its field.
  const input = { name: fields.name, ...(opensAt !== undefined ? { opensAt } : {}) };
  for (const problem of deps.rounds.problems({ ...input, ...(deadline !== undefined ? { deadline } : {}) }, deps.now())) {
    errors[fieldOf(problem)] ??= refusalText(t, problem);
  }
  if (Object.keys(errors).length > 0 || deadline === undefined || !targets) return { errors };
  return {
    round: { ...input, deadline, targets, formId, plan: plan ?? DEFAULT_PLAN },
    errors,
  };
}

roundPages.get("/rounds/new", async (c) => {
  const { viewer } = c.var;
  if (!hasRole(viewer, "secretariat")) return c.notFound();
  return c.html(await renderForm(c.var.deps, viewer, defaults(), {}));
});

roundPages.post("/rounds/new", async (c) => {
  const { deps, viewer } = c.var;
  if (!hasRole(viewer, "secretariat")) return c.notFound();
  const body = await c.req.parseBody();
  const fields = fieldsOf(body);
  const step = text(body, "step");
  if (step === "edit") return c.html(await renderForm(deps, viewer, fields, {}));
  const { round, errors } = await readRound(deps, viewer.t, fields);
  if (!round) return c.html(await renderForm(deps, viewer, fields, errors), 422);
  if (step !== "create") return c.html(await renderPreview(deps, viewer, fields, round));
  const created = await runOnce(deps, body.once, async () => {
    const outcome = await applyRoundChange(deps, viewer.member, { verb: "create", round });
    return { result: outcome, made: outcome.ok ? outcome.round.id : undefined };
  });
  if (created.kind === "unmarked") return c.html(await renderPreview(deps, viewer, fields, round));
  if (created.kind === "repeat")
    return c.redirect(withQuery(path("rounds"), created.made ? { done: "created", round: created.made } : {}), 303);
  const outcome = created.result;
  if (!outcome.ok) {
    return c.html(await renderForm(deps, viewer, fields, { [fieldOf(outcome)]: refusalText(viewer.t, outcome) }), 422);
  }
  return c.redirect(withQuery(path("rounds"), { done: "created", round: outcome.round.id }), 303);
});

/** The attributes that tie a field to its hint and its error. */
export function described(id: string, error: string | undefined, hint?: boolean) {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { id, "aria-invalid": error ? "true" : undefined, "aria-describedby": ids || undefined };
}

/** A field's error, beside it, named by the field's aria-describedby. */
export const FieldError: FC<{ id: string; error: string | undefined }> = ({ id, error }) =>
  error ? (
    <p class="error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;

const FIELD_IDS: Record<FieldName, string> = {
  name: "round-name",
  opens: "round-opens",
  deadline: "round-deadline",
  targets: "round-targets",
  form: "round-form",
  days: "round-days",
  time: "round-time",
};

async function renderForm(deps: Deps, viewer: Viewer, fields: RoundFields, errors: FieldErrors) {
  const { t } = viewer;
  const imported = await deps.forms.list();
  const wrong = (Object.keys(FIELD_IDS) as FieldName[]).filter((field) => errors[field]);
  const builtIn = deps.catalog.builtIn;
  const radio = (value: (typeof TARGET_KINDS)[number], label: string, extra?: Child) => (
    <div class="choice">
      <input type="radio" id={`round-targets-${value}`} name="targets" value={value} checked={fields.targets === value} />
      <label for={`round-targets-${value}`}>{label}</label>
      {extra}
    </div>
  );
  return (
    <Page viewer={viewer} title={t("console-rounds-new-title")} section="rounds">
      {wrong.length ? (
        <div class="notice error" role="alert">
          <p>{t("console-rounds-errors", { count: wrong.length })}</p>
          <ul>
            {wrong.map((field) => (
              <li>
                <a href={`#${FIELD_IDS[field]}`}>{t(`console-rounds-field-${field}`)}</a>: {errors[field]}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={path("rounds", "new")} class="panel round-form" novalidate>
        <Csrf viewer={viewer} />
        <div class="field">
          <label for={FIELD_IDS.name}>{t("console-rounds-field-name")}</label>
          <input type="text" name="name" value={fields.name} size={60} {...described(FIELD_IDS.name, errors.name, true)} />
          <p class="hint" id={`${FIELD_IDS.name}-hint`}>
            {t("console-rounds-hint-name")}
          </p>
          <FieldError id={FIELD_IDS.name} error={errors.name} />
        </div>
        <div class="field-row">
          <div class="field">
            <label for={FIELD_IDS.deadline}>{t("console-rounds-field-deadline")}</label>
            <input
              type="datetime-local"
              name="deadline"
              value={fields.deadline}
              {...described(FIELD_IDS.deadline, errors.deadline, true)}
            />
            <p class="hint" id={`${FIELD_IDS.deadline}-hint`}>
              {t("console-rounds-hint-deadline", { zone: deps.timeZone })}
            </p>
            <FieldError id={FIELD_IDS.deadline} error={errors.deadline} />
          </div>
          <div class="field">
            <label for={FIELD_IDS.opens}>{t("console-rounds-field-opens")}</label>
            <input type="datetime-local" name="opens" value={fields.opens} {...described(FIELD_IDS.opens, errors.opens, true)} />
            <p class="hint" id={`${FIELD_IDS.opens}-hint`}>
              {t("console-rounds-hint-opens")}
            </p>
            <FieldError id={FIELD_IDS.opens} error={errors.opens} />
          </div>
        </div>
        <fieldset class="field" id={FIELD_IDS.targets} aria-describedby={errors.targets ? `${FIELD_IDS.targets}-error` : undefined}>
          <legend>{t("console-rounds-field-targets")}</legend>
          <FieldError id={FIELD_IDS.targets} error={errors.targets} />
          {radio("all", t("console-rounds-target-all", { count: deps.directory.agencies.length }))}
          {radio("provinces", t("console-rounds-target-provinces", { count: deps.directory.ofKind("province").length }))}
          {radio("ministries", t("console-rounds-target-ministries", { count: deps.directory.ofKind("ministry").length }))}
          {deps.groups.groups.length
            ? radio(
                "group",
                t("console-rounds-target-group"),
                <>
                  <label for="round-group" class="visually-hidden">
                    {t("console-rounds-group-label")}
                  </label>
                  <select id="round-group" name="group" aria-invalid={errors.targets && fields.targets === "group" ? "true" : undefined}>
                    <option value="">{t("console-rounds-group-choose")}</option>
                    {deps.groups.groups.map((group) => (
                      <option value={group.id} selected={fields.group === group.id}>
                        {t("console-rounds-group-option", { group: group.name, count: group.agencies.length })}
                      </option>
                    ))}
                  </select>
                </>,
              )
            : null}
          {radio(
            "list",
            t("console-rounds-target-list"),
            <>
              <label for="round-agencies" class="visually-hidden">
                {t("console-rounds-agencies-label")}
              </label>
              <textarea
                id="round-agencies"
                name="agencies"
                rows={2}
                aria-describedby="round-agencies-hint"
                aria-invalid={errors.targets && fields.targets === "list" ? "true" : undefined}
              >
                {fields.agencies}
              </textarea>
              <p class="hint" id="round-agencies-hint">
                {t("console-rounds-hint-agencies")}
              </p>
            </>,
          )}
        </fieldset>
        <div class="field">
          <label for={FIELD_IDS.form}>{t("console-rounds-field-form")}</label>
          <select name="form" {...described(FIELD_IDS.form, errors.form, true)}>
            <option value={builtIn.id} selected={!fields.form || fields.form === builtIn.id}>
              {t("console-rounds-form-option", { id: builtIn.id, title: builtIn.title, version: builtIn.version })}
            </option>
            {imported
              .filter((form) => form.id !== builtIn.id)
              .map((form) => (
                <option value={form.id} selected={fields.form === form.id}>
                  {t("console-rounds-form-option", { id: form.id, title: form.title, version: form.versions.at(-1) ?? 1 })}
                </option>
              ))}
          </select>
          <p class="hint" id={`${FIELD_IDS.form}-hint`}>
            {t("console-rounds-hint-form")}
          </p>
          <FieldError id={FIELD_IDS.form} error={errors.form} />
        </div>
        <fieldset class="field">
          <legend>{t("console-rounds-plan")}</legend>
          <div class="field-row">
            <div class="field">
              <label for={FIELD_IDS.days}>{t("console-rounds-field-days")}</label>
              <input
                type="text"
                name="days"
                value={fields.days}
                size={12}
                inputmode="numeric"
                {...described(FIELD_IDS.days, errors.days, true)}
              />
              <p class="hint" id={`${FIELD_IDS.days}-hint`}>
                {t("console-rounds-hint-days")}
              </p>
              <FieldError id={FIELD_IDS.days} error={errors.days} />
            </div>
            <div class="field">
              <label for={FIELD_IDS.time}>{t("console-rounds-field-time")}</label>
              <input type="time" name="time" value={fields.time} {...described(FIELD_IDS.time, errors.time, true)} />
              <p class="hint" id={`${FIELD_IDS.time}-hint`}>
                {t("console-rounds-hint-time")}
              </p>
              <FieldError id={FIELD_IDS.time} error={errors.time} />
            </div>
          </div>
          <div class="choice">
            <input type="checkbox" id="round-after" name="after" value="yes" checked={fields.after} />
            <label for="round-after">{t("console-rounds-field-after")}</label>
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit" name="step" value="preview">
            {t("console-rounds-preview")}
          </button>
          <a href={path("rounds")}>{t("console-rounds-cancel")}</a>
        </div>
      </form>
    </Page>
  );
}

/** The values of the form, carried to the next step. */
const HiddenFields: FC<{ fields: RoundFields }> = ({ fields }) => (
  <>
    {(["name", "opens", "deadline", "targets", "group", "agencies", "form", "days", "time"] as const).map((name) => (
      <input type="hidden" name={name} value={fields[name]} />
    ))}
    {fields.after ? <input type="hidden" name="after" value="yes" /> : null}
  </>
);

async function renderPreview(deps: Deps, viewer: Viewer, fields: RoundFields, input: NewRound) {
  const { t } = viewer;
  const now = deps.now();
  const form = await deps.catalog.latest(input.formId ?? deps.catalog.builtIn.id);
  // The round as it would be: what the announcement and the words below read.
  const round: Round = {
    id: "",
    name: input.name.trim(),
    formId: form?.formId ?? deps.catalog.builtIn.id,
    formVersion: form?.formVersion,
    opensAt: input.opensAt ?? now,
    deadline: input.deadline,
    targets: input.targets,
    plan: input.plan ?? DEFAULT_PLAN,
    closedAt: undefined,
    createdBy: `member:${viewer.member.id}`,
    createdAt: now,
  };
  const plan = round.plan;
  return (
    <Page viewer={viewer} title={t("console-rounds-preview-title")} section="rounds">
      <p>{t("console-rounds-preview-intro")}</p>
      <div class="grid">
        <section class="panel" aria-labelledby="round-summary">
          <h2 id="round-summary">{t("console-rounds-summary")}</h2>
          <dl class="answers">
            <dt>{t("console-rounds-field-name")}</dt>
            <dd>{round.name}</dd>
            <dt>{t("console-rounds-col-opens")}</dt>
            <dd>{input.opensAt === undefined ? t("console-rounds-opens-now") : formatMoment(round.opensAt, deps.timeZone)}</dd>
            <dt>{t("console-rounds-col-deadline")}</dt>
            <dd>{formatMoment(round.deadline, deps.timeZone)}</dd>
            <dt>{t("console-rounds-col-targets")}</dt>
            <dd>{describeTargets(t, deps, round.targets)}</dd>
            <dt>{t("console-rounds-col-form")}</dt>
            <dd>{formLabel(round)}</dd>
            <dt>{t("console-rounds-plan")}</dt>
            <dd>
              {plan.daysBefore.length
                ? t("console-rounds-plan-days", { days: plan.daysBefore.join(", "), time: plan.time })
                : t("console-rounds-plan-no-days")}
              {plan.afterDeadline ? ` ${t("console-rounds-plan-after", { time: plan.time })}` : ""}
            </dd>
          </dl>
        </section>
        <section class="panel" aria-labelledby="round-announcement">
          <h2 id="round-announcement">{t("console-rounds-announcement")}</h2>
          <p class="muted small">
            {input.opensAt !== undefined && input.opensAt > now
              ? t("console-rounds-announcement-when-later", { opens: formatMoment(input.opensAt, deps.timeZone) })
              : t("console-rounds-announcement-when-now")}
          </p>
          <ChatMessage message={roundOpenedText("vi", round, deps.timeZone)} language="vi" label={t("console-rounds-in-vi")} />
          <ChatMessage message={roundOpenedText("en", round, deps.timeZone)} language="en" label={t("console-rounds-in-en")} />
        </section>
      </div>
      <form method="post" action={path("rounds", "new")} class="actions">
        <Csrf viewer={viewer} />
        <HiddenFields fields={fields} />
        <OnceField />
        <button type="submit" name="step" value="create">
          {t("console-rounds-create")}
        </button>
        <button type="submit" name="step" value="edit" class="secondary">
          {t("console-rounds-edit")}
        </button>
      </form>
    </Page>
  );
}
