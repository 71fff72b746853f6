import type { Context } from "hono";
import { Hono } from "hono";
import type { FC } from "hono/jsx";
import { recordReviewDecision } from "../../desk/reports.js";
import type { Agency } from "../../domain/agencies.js";
import type { Round } from "../../domain/rounds.js";
import { complianceComponents } from "../../form/compliance.js";
import type { Form } from "../../form/schema.js";
import type { ResponseState } from "../../form/slots.js";
import { formatMoment } from "../../services/announcements.js";
import { summarize } from "../../services/round-standings.js";
import type { HistoryRecord } from "../../storage/responses.js";
import type { Ticket, TicketMessage } from "../../storage/tickets.js";
import { askerName, type Translate } from "../../views.js";
import { handlesTicket, hasRole, visibleAgency, visibleRound } from "../access.js";
import { ComponentBadge, kindLabel, StandingBadge } from "../components.js";
import type { ConsoleEnv, Viewer } from "../env.js";
import { Csrf, Notice, Page, path, withQuery } from "../layout.js";
import { OnceField, runOnce } from "../once.js";
import { formTextsFor, HistoryTable, historyLines, memberNames, ReportTables, reportOf } from "../report-view.js";

/**
 * One agency's report in a round: laid out as the appendix lays it out, each answer with who gave
 * it, when and on which messenger; the history of its changes; for the secretariat, accepting it
 * or sending it back with a note (told to the officers in chat, as /review does); its questions
 * and their threads; and a print view for the signed paper copy (A4 landscape). The secretariat
 * sees every agency, a consultant the provinces assigned to them, an officer their own agency,
 * read-only; anything else is the same 404 as an id that does not exist.
 */
export const agencyPages = new Hono<ConsoleEnv>();

const HISTORY_PAGE = 50;
const TICKETS_SHOWN = 20;
/** A note longer than this would not fit the officer's chat message with its wording. */
export const NOTE_MAX = 2_000;

type ConsoleContext = Context<ConsoleEnv>;

async function find(c: ConsoleContext): Promise<{ round: Round; agency: Agency } | undefined> {
  const { deps, viewer } = c.var;
  const round = await visibleRound(deps, viewer, c.req.param("roundId") ?? "");
  const agency = round ? await visibleAgency(deps, viewer, round, c.req.param("agencyId") ?? "") : undefined;
  return round && agency ? { round, agency } : undefined;
}

const agencyPath = (round: Round, agency: Agency, ...rest: string[]) => path("rounds", round.id, "agencies", agency.id, ...rest);

agencyPages.get("/rounds/:roundId/agencies/:agencyId", async (c) => {
  const found = await find(c);
  if (!found) return c.notFound();
  if (c.req.query("print")) return printPage(c, found.round, found.agency);
  const done = c.req.query("done");
  const told = Number(c.req.query("told") ?? 0);
  const notice =
    done === "accepted" || done === "returned"
      ? { kind: "ok" as const, text: c.var.viewer.t(`console-agency-review-${done}-done`, { officers: Number.isFinite(told) ? told : 0 }) }
      : undefined;
  return agencyPage(c, found.round, found.agency, { notice });
});

agencyPages.get("/rounds/:roundId/agencies/:agencyId/print", async (c) => {
  const found = await find(c);
  if (!found) return c.notFound();
  return printPage(c, found.round, found.agency);
});

agencyPages.post("/rounds/:roundId/agencies/:agencyId/review", async (c) => {
  const { deps, viewer } = c.var;
  if (!hasRole(viewer, "secretariat")) return c.notFound();
  const found = await find(c);
  if (!found) return c.notFound();
  const { round, agency } = found;
  const body = await c.req.parseBody();
  const decision = body.decision === "accepted" || body.decision === "returned" ? body.decision : undefined;
  const note = typeof body.note === "string" ? body.note.trim() : "";
  if (!decision) return agencyPage(c, round, agency, { notice: { kind: "error", text: viewer.t("console-agency-review-unknown") } }, 400);
  if (decision === "returned" && (!note || note.length > NOTE_MAX)) {
    const error = viewer.t(note ? "console-agency-note-too-long" : "console-agency-note-missing", { max: NOTE_MAX });
    return agencyPage(c, round, agency, { review: { note, error } }, 422);
  }
  const reviewed = await runOnce(deps, body.once, async () => {
    const result = await recordReviewDecision(deps, viewer.member.id, round.id, agency.id, decision, decision === "returned" ? note : "");
    return { result, made: result.ok ? String(result.officers.length) : undefined };
  });
  if (reviewed.kind === "unmarked") return agencyPage(c, round, agency, {}, 400);
  // Pressed twice, the decision is recorded and told once.
  if (reviewed.kind === "repeat") return c.redirect(withQuery(agencyPath(round, agency), { done: decision, told: reviewed.made }), 303);
  const result = reviewed.result;
  if (!result.ok) {
    return agencyPage(c, round, agency, { notice: { kind: "error", text: viewer.t("console-agency-review-not-submitted") } }, 409);
  }
  deps.logger.info({ round: round.id, agency: agency.id, decision, by: viewer.member.id }, "report reviewed in the console");
  return c.redirect(withQuery(agencyPath(round, agency), { done: decision, told: result.officers.length }), 303);
});

interface Loaded {
  form: Form;
  state: ResponseState | undefined;
  history: HistoryRecord[];
}

async function load(c: ConsoleContext, round: Round, agency: Agency): Promise<Loaded> {
  const { deps } = c.var;
  const [form, state, history] = await Promise.all([
    deps.catalog.of(round),
    deps.responses.loadState(round.id, agency.id),
    deps.responses.history(round.id, agency.id),
  ]);
  return { form, state, history };
}

async function agencyPage(
  c: ConsoleContext,
  round: Round,
  agency: Agency,
  extras: { notice?: { kind: "ok" | "error"; text: string }; review?: { note: string; error: string } },
  status: 200 | 400 | 409 | 422 = 200,
) {
  const { deps, viewer } = c.var;
  const { t } = viewer;
  const { form, state, history } = await load(c, round, agency);
  const desk = hasRole(viewer, "secretariat", "consultant");
  const summary = summarize(form, agency, state);
  const components = complianceComponents(form);
  const texts = formTextsFor(viewer, form);

  // The history, newest first, a page at a time.
  const historyPages = Math.max(1, Math.ceil(history.length / HISTORY_PAGE));
  const historyPage = Math.min(Math.max(1, Number.parseInt(c.req.query("history") ?? "1", 10) || 1), historyPages);
  const newestFirst = history.slice().reverse();
  const historyShown = newestFirst.slice((historyPage - 1) * HISTORY_PAGE, historyPage * HISTORY_PAGE);
  const lastReview = newestFirst.find((record) => record.path === "@review");
  const rounds = new Map((await deps.rounds.list()).map((known) => [known.id, known.name]));
  const lines = historyLines(viewer, form, state, historyShown, (id) => rounds.get(id) ?? id, agency.kind);

  const [model, officerIds, consultants, tickets] = await Promise.all([
    reportOf(deps, viewer, form, round, agency, state),
    deps.members.idsOf({ role: "officer", agencyId: agency.id }),
    deps.tickets.consultantsOf([agency.id]),
    desk
      ? deps.ticketStore.ofAgency(agency.id).then((all) => all.filter((ticket) => handlesTicket(viewer, ticket)))
      : Promise.resolve([] as Ticket[]),
  ]);
  const ticketsShown = tickets.slice(0, TICKETS_SHOWN);
  const threads = await Promise.all(ticketsShown.map((ticket) => deps.ticketStore.thread(ticket.id)));
  const names = await memberNames(deps, viewer.t, [
    ...officerIds,
    ...lines.map((line) => line.by),
    ...(state?.submittedBy ? [state.submittedBy] : []),
    ...(lastReview ? [String(lastReview.by)] : []),
    ...threads.flat().map((message) => message.userId),
  ]);
  const consultant = consultants.get(agency.id);
  const nameOf = (id: string) => names.get(id) ?? model.names.get(id) ?? id;
  const historyBase = agencyPath(round, agency);

  return c.html(
    <Page viewer={viewer} title={agency.name} section="agencies" roundId={round.id}>
      {extras.notice ? <Notice kind={extras.notice.kind}>{extras.notice.text}</Notice> : null}
      <p class="muted">
        {t("console-agency-of-round", { round: round.name, kind: kindLabel(t, agency.kind) })}
        {" · "}
        <a href={agencyPath(round, agency, "print")}>{t("console-agency-print")}</a>
        {desk ? (
          <>
            {" · "}
            <a href={path("rounds", round.id, "agencies")}>{t("console-agency-back")}</a>
          </>
        ) : null}
      </p>

      <div class="grid agency-top">
        <section class="panel" aria-labelledby="standing-title">
          <h2 id="standing-title">{t("console-agency-standing-title")}</h2>
          <dl class="answers">
            <dt>{t("console-agency-standing")}</dt>
            <dd>
              <StandingBadge t={t} summary={summary} />
              {summary.standing === "in-progress" ? null : (
                <span class="muted small">{` · ${t("console-agency-percent", { percent: summary.percent })}`}</span>
              )}
            </dd>
            <dt>{t("console-agency-submitted")}</dt>
            <dd>
              {state?.submittedAt === undefined
                ? t("console-agency-not-submitted")
                : t("console-agency-submitted-by", {
                    at: formatMoment(state.submittedAt, deps.timeZone),
                    name: state.submittedBy ? nameOf(state.submittedBy) : "—",
                  })}
            </dd>
            {state?.review ? (
              <>
                <dt>{t("console-agency-review")}</dt>
                <dd>
                  {t(state.review === "accepted" ? "console-agency-review-accepted" : "console-agency-review-returned")}
                  {lastReview
                    ? ` · ${t("console-agency-review-by", { name: nameOf(String(lastReview.by)), at: formatMoment(lastReview.at, deps.timeZone) })}`
                    : ""}
                  {state.reviewComment ? <span class="provenance">{state.reviewComment}</span> : null}
                </dd>
              </>
            ) : null}
            <dt>{t("console-agency-last-activity")}</dt>
            <dd>{summary.lastActivity === undefined ? "—" : formatMoment(summary.lastActivity, deps.timeZone)}</dd>
            <dt>{t("console-agency-officers")}</dt>
            <dd>
              {officerIds.length === 0 ? (
                <span class="muted">{t("console-agencies-no-officers")}</span>
              ) : (
                officerIds.map((id) => nameOf(id)).join("; ")
              )}
            </dd>
            <dt>{t("console-agency-consultant")}</dt>
            <dd>{consultant ? consultant.name : t("console-agencies-secretariat")}</dd>
            {components.length ? (
              <>
                <dt>{t("console-agency-components")}</dt>
                <dd>
                  <ul class="plain components">
                    {components.map((component, index) => (
                      <li>
                        {`${component.id}. ${texts.component(component)}: `}
                        <ComponentBadge t={t} status={summary.components[index] ?? "not_applicable"} />
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
          </dl>
        </section>

        {hasRole(viewer, "secretariat") ? (
          <ReviewPanel viewer={viewer} action={agencyPath(round, agency, "review")} state={state} review={extras.review} />
        ) : null}
      </div>

      <ReportTables t={t} model={model} timeZone={deps.timeZone} />

      <section>
        <h2 id="history-title">{t("console-agency-history-title")}</h2>
        {history.length === 0 ? (
          <p class="muted">{t("console-agency-history-empty")}</p>
        ) : (
          <>
            <p class="muted small">
              {t("console-agency-history-count", {
                count: history.length,
                from: (historyPage - 1) * HISTORY_PAGE + 1,
                to: (historyPage - 1) * HISTORY_PAGE + historyShown.length,
              })}
            </p>
            <HistoryTable t={t} lines={lines} names={names} timeZone={deps.timeZone} />
            {historyPages > 1 ? (
              <nav class="pager" aria-label={t("console-agency-history-pages")}>
                {historyPage > 1 ? (
                  <a href={withQuery(historyBase, { history: historyPage - 1 })} rel="prev">
                    {t("console-agency-history-newer")}
                  </a>
                ) : null}
                <span>{t("console-agencies-page", { page: historyPage, pages: historyPages })}</span>
                {historyPage < historyPages ? (
                  <a href={withQuery(historyBase, { history: historyPage + 1 })} rel="next">
                    {t("console-agency-history-older")}
                  </a>
                ) : null}
              </nav>
            ) : null}
          </>
        )}
      </section>

      {desk ? (
        <section aria-labelledby="tickets-title">
          <h2 id="tickets-title">{t("console-agency-tickets-title")}</h2>
          {tickets.length === 0 ? (
            <p class="muted">{t("console-agency-tickets-empty")}</p>
          ) : (
            <>
              {tickets.length > ticketsShown.length ? (
                <p class="muted small">{t("console-agency-tickets-shown", { shown: ticketsShown.length, count: tickets.length })}</p>
              ) : null}
              {ticketsShown.map((ticket, index) => (
                <TicketView
                  t={t}
                  ticket={ticket}
                  thread={threads[index] ?? []}
                  nameOf={nameOf}
                  assignee={
                    ticket.assignee.kind === "consultant"
                      ? (deps.consultants.get(ticket.assignee.consultantId)?.name ?? ticket.assignee.consultantId)
                      : t("console-agencies-secretariat")
                  }
                  timeZone={deps.timeZone}
                />
              ))}
            </>
          )}
        </section>
      ) : null}
    </Page>,
    status,
  );
}

const ReviewPanel: FC<{
  viewer: Viewer;
  action: string;
  state: ResponseState | undefined;
  review: { note: string; error: string } | undefined;
}> = ({ viewer, action, state, review }) => {
  const { t } = viewer;
  return (
    <section class="panel" aria-labelledby="review-title">
      <h2 id="review-title">{t("console-agency-review-title")}</h2>
      {state?.status !== "submitted" ? (
        <p class="muted">{t("console-agency-review-waiting")}</p>
      ) : (
        <>
          <form method="post" action={action} data-confirm={t("console-agency-accept-confirm")}>
            <OnceField />
            <Csrf viewer={viewer} />
            <input type="hidden" name="decision" value="accepted" />
            <p>{t("console-agency-accept-explain")}</p>
            <div class="actions">
              <button type="submit">{t("console-agency-accept")}</button>
            </div>
          </form>
          <form method="post" action={action}>
            <OnceField />
            <Csrf viewer={viewer} />
            <input type="hidden" name="decision" value="returned" />
            <div class="field">
              <label for="review-note">{t("console-agency-note")}</label>
              <p id="review-note-hint" class="hint">
                {t("console-agency-note-hint")}
              </p>
              {review?.error ? (
                <p id="review-note-error" class="error">
                  {review.error}
                </p>
              ) : null}
              <textarea
                id="review-note"
                name="note"
                rows={4}
                maxlength={NOTE_MAX}
                aria-invalid={review?.error ? "true" : undefined}
                aria-describedby={review?.error ? "review-note-hint review-note-error" : "review-note-hint"}
              >
                {review?.note ?? ""}
              </textarea>
            </div>
            <div class="actions">
              <button type="submit" class="secondary">
                {t("console-agency-return")}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
};

const TicketView: FC<{
  t: Translate;
  ticket: Ticket;
  thread: TicketMessage[];
  nameOf: (id: string) => string;
  assignee: string;
  timeZone: string;
}> = ({ t, ticket, thread, nameOf, assignee, timeZone }) => {
  const speaker = (message: TicketMessage) =>
    message.from === "officer" && message.userId === ticket.officerId ? askerName(t, ticket) : nameOf(message.userId);
  return (
    <article class="panel ticket" aria-labelledby={`ticket-${ticket.id}`}>
      <h3 id={`ticket-${ticket.id}`}>
        {t("console-agency-ticket", { id: ticket.id })}
        {ticket.formItem ? ` · ${ticket.formItem.label}` : ""}{" "}
        <span class={`status ticket-${ticket.status}`}>{t(`console-agency-ticket-${ticket.status}`)}</span>
      </h3>
      <p class="muted small">
        {t("console-agency-ticket-meta", { name: askerName(t, ticket), at: formatMoment(ticket.createdAt, timeZone), assignee })}
      </p>
      <ol class="thread plain">
        {thread.map((message) => (
          <li>
            <p class="muted small">
              {`${t(`console-agency-from-${message.from}`)} · ${speaker(message)} · ${formatMoment(message.at, timeZone)}`}
            </p>
            {message.text ? <p>{message.text}</p> : null}
            {message.attachment ? (
              <p class="muted small">
                {message.attachment.kind === "photo"
                  ? t("console-agency-attachment-photo")
                  : t("console-agency-attachment-document", { name: message.attachment.fileName ?? "" })}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </article>
  );
};

async function printPage(c: ConsoleContext, round: Round, agency: Agency) {
  const { deps, viewer } = c.var;
  const { t } = viewer;
  const { form, state } = await load(c, round, agency);
  const model = await reportOf(deps, viewer, form, round, agency, state);
  const summary = summarize(form, agency, state);
  const submitter = state?.submittedBy ? (await memberNames(deps, viewer.t, [state.submittedBy])).get(state.submittedBy) : undefined;
  return c.html(
    <Page viewer={viewer} title={agency.name} print>
      <p class="no-print">
        <a href={agencyPath(round, agency)}>{t("console-agency-print-back")}</a>
      </p>
      <p>{t("console-agency-print-heading", { form: form.title, round: round.name })}</p>
      <p class="small">
        {t("console-agency-print-standing")} <StandingBadge t={t} summary={summary} />
        {state?.submittedAt === undefined
          ? ""
          : ` · ${t("console-agency-submitted-by", { at: formatMoment(state.submittedAt, deps.timeZone), name: submitter ?? "—" })}`}
        {` · ${t("console-agency-printed-at", { at: formatMoment(deps.now(), deps.timeZone) })}`}
      </p>
      <ReportTables t={t} model={model} timeZone={deps.timeZone} />
      <div class="signatures">
        <p>
          <b>{t("console-agency-sign-maker")}</b>
          <br />
          <span class="muted small">{t("console-agency-sign-hint")}</span>
        </p>
        <p>
          <b>{t("console-agency-sign-head")}</b>
          <br />
          <span class="muted small">{t("console-agency-sign-head-hint")}</span>
        </p>
      </div>
    </Page>,
  );
}
