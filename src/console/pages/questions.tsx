import { Hono } from "hono";
import type { FC } from "hono/jsx";
import type { Deps } from "../../deps.js";
import { formatMoment } from "../../services/announcements.js";
import { deliverTickets, waited } from "../../services/ticket-messages.js";
import type { TicketOutcome } from "../../services/tickets.js";
import type { Ticket, TicketMessage } from "../../storage/tickets.js";
import { askerName, clip, type Translate } from "../../views.js";
import { handlesTicket, hasRole } from "../access.js";
import { DataTable } from "../components.js";
import type { ConsoleEnv, Viewer } from "../env.js";
import { Csrf, Notice, Page, path, withQuery } from "../layout.js";
import { OnceField, runOnce } from "../once.js";
import { download } from "./downloads.js";

/**
 * Officers' questions, for the consultants (the ones they hold) and the secretariat (every open
 * one): the queue, oldest first; a question with its thread; answering, closing, and for the
 * secretariat handing it to a consultant. An answer from here reaches the officer in chat exactly
 * as one typed in the chat does: the same ticket service, then the same deliveries.
 */
export const questionPages = new Hono<ConsoleEnv>();

/** Questions listed on one page. */
const PAGE_SIZE = 50;
/** The longest answer taken: what a chat message carries after its heading and the question. */
const ANSWER_MAX = 3000;

/** The ticket, if it exists and the viewer holds it (a consultant) or sees all (the secretariat). */
async function visibleTicket(deps: Deps, viewer: Viewer, idText: string): Promise<Ticket | undefined> {
  const { binding } = viewer.member;
  if (binding.role === "officer" || !/^[1-9][0-9]{0,12}$/.test(idText)) return undefined;
  const ticket = await deps.ticketStore.get(Number(idText));
  return ticket && handlesTicket(viewer, ticket) ? ticket : undefined;
}

const holderOf = (t: Translate, deps: Deps, ticket: Ticket): string =>
  ticket.assignee.kind === "consultant"
    ? t("console-questions-holder-consultant", {
        name: deps.consultants.get(ticket.assignee.consultantId)?.name ?? ticket.assignee.consultantId,
      })
    : t("console-questions-holder-secretariat");

const agencyOf = (deps: Deps, ticket: Ticket): string => deps.directory.get(ticket.agencyId)?.name ?? ticket.agencyId;

const StatusBadge: FC<{ t: Translate; deps: Deps; ticket: Ticket }> = ({ t, deps, ticket }) => {
  if (ticket.status === "closed") return <span class="status unanswered">{t("console-questions-status-closed")}</span>;
  if (ticket.status === "answered") return <span class="status submitted">{t("console-questions-status-answered")}</span>;
  // A number, so that it is written as the reader writes numbers (0,5 in Vietnamese).
  return <span class="status in-progress">{t("console-questions-status-waiting", waited(deps.tickets.waitedMs(ticket, deps.now())))}</span>;
};

questionPages.get("/questions", async (c) => {
  const { deps, viewer } = c.var;
  if (!hasRole(viewer, "secretariat", "consultant")) return c.notFound();
  const { t } = viewer;
  const open = await deps.tickets.queue(viewer.member);
  const pages = Math.max(1, Math.ceil(open.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
  const shown = open.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const questions = await Promise.all(shown.map(async (ticket) => ({ ticket, first: (await deps.ticketStore.thread(ticket.id))[0] })));
  const secretariat = hasRole(viewer, "secretariat");
  return c.html(
    <Page viewer={viewer} title={t("console-questions-title")} section="questions">
      <p class="muted small">{t(secretariat ? "console-questions-intro-secretariat" : "console-questions-intro-consultant")}</p>
      <DataTable
        caption={t("console-questions-caption", { count: open.length })}
        columns={["id", "agency", "question", "item", "since", "status", "holder"].map((column) => t(`console-questions-col-${column}`))}
      >
        <tbody>
          {questions.length === 0 ? (
            <tr>
              <td colspan={7} class="muted">
                {t("console-questions-none")}
              </td>
            </tr>
          ) : (
            questions.map(({ ticket, first }) => (
              <tr>
                <td>
                  <a href={path("questions", ticket.id)}>#{ticket.id}</a>
                </td>
                <td>{agencyOf(deps, ticket)}</td>
                <td class="question-text">
                  <a href={path("questions", ticket.id)}>{clip(first?.text || t("console-questions-no-text"), 160)}</a>
                </td>
                <td>{ticket.formItem ? clip(ticket.formItem.label, 80) : <span class="muted">—</span>}</td>
                <td>{formatMoment(ticket.waitingSince, deps.timeZone)}</td>
                <td>
                  <StatusBadge t={t} deps={deps} ticket={ticket} />
                </td>
                <td>{holderOf(t, deps, ticket)}</td>
              </tr>
            ))
          )}
        </tbody>
      </DataTable>
      {pages > 1 ? (
        <nav class="pager" aria-label={t("console-questions-pager-label")}>
          {page > 1 ? <a href={withQuery(path("questions"), { page: page - 1 })}>{t("console-questions-pager-previous")}</a> : null}
          <span>{t("console-questions-pager-page", { page, pages })}</span>
          {page < pages ? <a href={withQuery(path("questions"), { page: page + 1 })}>{t("console-questions-pager-next")}</a> : null}
        </nav>
      ) : null}
    </Page>,
  );
});

/** Who said a message of the thread, in words. */
async function speakerOf(deps: Deps, t: Translate, ticket: Ticket, message: TicketMessage): Promise<string> {
  if (message.from === "officer")
    return t("console-questions-said-officer", {
      name: message.userId === ticket.officerId ? askerName(t, ticket) : message.userId,
    });
  if (message.from === "secretariat") return t("console-questions-said-secretariat", { id: message.userId });
  const binding = (await deps.members.get(message.userId))?.binding;
  const name = binding?.role === "consultant" ? deps.consultants.get(binding.consultantId)?.name : undefined;
  return t("console-questions-said-consultant", { name: name ?? message.userId });
}

interface QuestionForm {
  answer: string;
  error?: string;
}

const QuestionPage: FC<{
  deps: Deps;
  viewer: Viewer;
  ticket: Ticket;
  thread: (TicketMessage & { speaker: string })[];
  form: QuestionForm;
  notice?: { kind: "ok" | "error"; text: string } | undefined;
}> = ({ deps, viewer, ticket, thread, form, notice }) => {
  const { t } = viewer;
  const open = ticket.status !== "closed";
  return (
    <Page
      viewer={viewer}
      title={t("console-questions-ticket-title", { id: ticket.id, agency: agencyOf(deps, ticket) })}
      section="questions"
    >
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <p>
        <a href={path("questions")}>{t("console-questions-back")}</a>
      </p>
      <section class="panel" aria-labelledby="question-facts">
        <h2 id="question-facts">{t("console-questions-facts")}</h2>
        <dl class="answers">
          <dt>{t("console-questions-officer")}</dt>
          <dd>{askerName(t, ticket)}</dd>
          <dt>{t("console-questions-col-agency")}</dt>
          <dd>{agencyOf(deps, ticket)}</dd>
          <dt>{t("console-questions-col-item")}</dt>
          <dd>{ticket.formItem?.label ?? "—"}</dd>
          <dt>{t("console-questions-col-status")}</dt>
          <dd>
            <StatusBadge t={t} deps={deps} ticket={ticket} />
          </dd>
          <dt>{t("console-questions-col-holder")}</dt>
          <dd>
            {holderOf(t, deps, ticket)}
            {ticket.reason ? <span class="provenance">{t(`console-questions-reason-${ticket.reason}`)}</span> : null}
          </dd>
          <dt>{t("console-questions-asked")}</dt>
          <dd>{formatMoment(ticket.createdAt, deps.timeZone)}</dd>
        </dl>
      </section>
      <section class="panel" aria-labelledby="question-thread">
        <h2 id="question-thread">{t("console-questions-thread")}</h2>
        <ol class="thread-list">
          {thread.map((message, index) => (
            <li class="thread">
              <span class="provenance">
                {message.speaker} · {formatMoment(message.at, deps.timeZone)}
              </span>
              {message.text ? (
                <p>{message.text}</p>
              ) : message.attachment ? null : (
                <p class="muted">{t("console-questions-closed-entry")}</p>
              )}
              {message.attachment ? (
                <p>
                  <a href={path("questions", ticket.id, "files", index)}>
                    {message.attachment.kind === "photo"
                      ? t("console-questions-attachment-photo")
                      : t("console-questions-attachment-document", { name: message.attachment.fileName ?? "" })}
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      {open ? (
        <section class="panel" aria-labelledby="question-answer">
          <h2 id="question-answer">{t("console-questions-answer-title")}</h2>
          <form method="post" action={path("questions", ticket.id, "answer")}>
            <OnceField />
            <Csrf viewer={viewer} />
            <div class="field">
              <label for="answer">{t("console-questions-answer-label")}</label>
              <div class="hint" id="answer-hint">
                {t("console-questions-answer-hint")}
              </div>
              <textarea
                id="answer"
                name="answer"
                rows={6}
                maxlength={ANSWER_MAX}
                aria-invalid={form.error ? "true" : undefined}
                aria-describedby={form.error ? "answer-hint answer-error" : "answer-hint"}
              >
                {form.answer}
              </textarea>
              {form.error ? (
                <div class="error" id="answer-error">
                  {form.error}
                </div>
              ) : null}
            </div>
            <div class="actions">
              <button type="submit">{t("console-questions-answer-submit")}</button>
            </div>
          </form>
          <form
            method="post"
            action={path("questions", ticket.id, "close")}
            class="actions"
            data-confirm={t("console-questions-close-confirm", { id: ticket.id })}
          >
            <Csrf viewer={viewer} />
            <button type="submit" class="secondary">
              {t("console-questions-close")}
            </button>
          </form>
          {hasRole(viewer, "secretariat") && deps.consultants.consultants.length ? (
            <form method="post" action={path("questions", ticket.id, "reassign")} class="filters">
              <Csrf viewer={viewer} />
              <label for="reassign">
                {t("console-questions-reassign-label")}
                <select id="reassign" name="consultant">
                  {deps.consultants.consultants.map((consultant) => (
                    <option
                      value={consultant.id}
                      selected={ticket.assignee.kind === "consultant" && ticket.assignee.consultantId === consultant.id}
                    >
                      {consultant.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" class="secondary">
                {t("console-questions-reassign-submit")}
              </button>
            </form>
          ) : null}
        </section>
      ) : (
        <p class="muted">{t("console-questions-closed")}</p>
      )}
    </Page>
  );
};

async function threadOf(deps: Deps, t: Translate, ticket: Ticket) {
  const thread = await deps.ticketStore.thread(ticket.id);
  return Promise.all(thread.map(async (message) => ({ ...message, speaker: await speakerOf(deps, t, ticket, message) })));
}

const DONE = ["answered", "closed", "reassigned"] as const;
const REFUSED = ["closed", "changed", "full"] as const;

questionPages.get("/questions/:id", async (c) => {
  const { deps, viewer } = c.var;
  const ticket = await visibleTicket(deps, viewer, c.req.param("id"));
  if (!ticket) return c.notFound();
  const { t } = viewer;
  const done = c.req.query("done");
  const refused = c.req.query("refused");
  const notice = (DONE as readonly string[]).includes(done ?? "")
    ? { kind: "ok" as const, text: t(`console-questions-done-${done}`, { id: ticket.id }) }
    : (REFUSED as readonly string[]).includes(refused ?? "")
      ? { kind: "error" as const, text: t(`console-questions-refused-${refused}`) }
      : undefined;
  return c.html(
    <QuestionPage
      deps={deps}
      viewer={viewer}
      ticket={ticket}
      thread={await threadOf(deps, t, ticket)}
      form={{ answer: "" }}
      notice={notice}
    />,
  );
});

/** After an action: the deliveries go to the chats, and the page says what happened. */
async function settled(
  c: { redirect: (location: string, status: 303) => Response },
  deps: Deps,
  ticket: Ticket,
  outcome: TicketOutcome,
  done: string,
) {
  if (!outcome.ok)
    return c.redirect(withQuery(path("questions", ticket.id), { refused: outcome.reason.slice("ticket-refused-".length) }), 303);
  await deliverTickets(deps, outcome.deliveries);
  return c.redirect(withQuery(path("questions", ticket.id), { done }), 303);
}

questionPages.post("/questions/:id/answer", async (c) => {
  const { deps, viewer } = c.var;
  const ticket = await visibleTicket(deps, viewer, c.req.param("id"));
  if (!ticket) return c.notFound();
  const { t } = viewer;
  const body = await c.req.parseBody();
  const answer = typeof body.answer === "string" ? body.answer.trim() : "";
  const error = !answer
    ? t("console-questions-answer-empty")
    : answer.length > ANSWER_MAX
      ? t("console-questions-answer-too-long", { max: ANSWER_MAX })
      : undefined;
  if (error)
    return c.html(
      <QuestionPage deps={deps} viewer={viewer} ticket={ticket} thread={await threadOf(deps, t, ticket)} form={{ answer, error }} />,
      400,
    );
  // Sent twice (a double click, a resent form), the answer is kept and delivered once.
  const answered = await runOnce(deps, body.once, async () => {
    const outcome = await deps.tickets.answer(viewer.member, ticket.id, answer, undefined, deps.now());
    return { result: outcome, made: outcome.ok ? "answered" : undefined };
  });
  if (answered.kind === "repeat") return c.redirect(withQuery(path("questions", ticket.id), { done: "answered" }), 303);
  if (answered.kind === "unmarked") return c.redirect(path("questions", ticket.id), 303);
  const outcome = answered.result;
  if (!outcome.ok && (outcome.reason === "ticket-refused-not-found" || outcome.reason === "ticket-refused-not-yours")) return c.notFound();
  return settled(c, deps, ticket, outcome, "answered");
});

questionPages.post("/questions/:id/close", async (c) => {
  const { deps, viewer } = c.var;
  const ticket = await visibleTicket(deps, viewer, c.req.param("id"));
  if (!ticket) return c.notFound();
  const outcome = await deps.tickets.close(viewer.member, ticket.id, deps.now());
  if (!outcome.ok && (outcome.reason === "ticket-refused-not-found" || outcome.reason === "ticket-refused-not-yours")) return c.notFound();
  return settled(c, deps, ticket, outcome, "closed");
});

questionPages.post("/questions/:id/reassign", async (c) => {
  const { deps, viewer } = c.var;
  if (!hasRole(viewer, "secretariat")) return c.notFound();
  const ticket = await visibleTicket(deps, viewer, c.req.param("id"));
  if (!ticket) return c.notFound();
  const body = await c.req.parseBody();
  const consultantId = typeof body.consultant === "string" ? body.consultant : "";
  if (!deps.consultants.get(consultantId)) return c.redirect(path("questions", ticket.id), 303);
  const outcome = await deps.tickets.reassign(viewer.member, ticket.id, consultantId, deps.now());
  if (!outcome.ok && (outcome.reason === "ticket-refused-not-found" || outcome.reason === "ticket-refused-not-yours")) return c.notFound();
  return settled(c, deps, ticket, outcome, "reassigned");
});

/** A file an officer (or whoever answered) sent with a message of the thread, for whoever may see the ticket. */
questionPages.get("/questions/:id/files/:index", async (c) => {
  const { deps, viewer } = c.var;
  const ticket = await visibleTicket(deps, viewer, c.req.param("id"));
  const index = Number(c.req.param("index"));
  if (!ticket || !/^\d{1,4}$/.test(c.req.param("index"))) return c.notFound();
  const attachment = (await deps.ticketStore.thread(ticket.id))[index]?.attachment;
  if (!attachment) return c.notFound();
  const file = (await deps.attachments.get(attachment.fileId)) ?? (await deps.channels.get("telegram")?.fetchFile?.(attachment.fileId));
  if (!file) return c.notFound();
  const name =
    attachment.fileName ?? (attachment.kind === "photo" ? `cau-hoi-${ticket.id}-${index + 1}.jpg` : `cau-hoi-${ticket.id}-${index + 1}`);
  return download(c, file.bytes, file.mimeType, name);
});
