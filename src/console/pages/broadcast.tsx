import { Hono } from "hono";
import type { FC } from "hono/jsx";
import { CHANNEL_NAMES, CHANNELS, type ChannelName, formatAddress, reachableAddress } from "../../channels/address.js";
import type { Deps } from "../../deps.js";
import { WaitingMessages } from "../../jobs/outbox.js";
import { broadcastText, formatMoment } from "../../services/announcements.js";
import { queueBroadcast, resolveBroadcast } from "../../services/broadcast-queue.js";
import type { BroadcastReport, Recipient } from "../../services/broadcasts.js";
import type { Member } from "../../storage/members.js";
import type { Translate } from "../../views.js";
import { hasRole } from "../access.js";
import { DataTable } from "../components.js";
import type { ConsoleEnv, Viewer } from "../env.js";
import { Csrf, Notice, Page, path } from "../layout.js";
import { OnceField, runOnce } from "../once.js";
import { type Body, ChatMessage, described, FieldError, text } from "./rounds.js";

/**
 * The secretariat's broadcasts: write, choose who, see how many people and agencies it reaches
 * before anything is sent, confirm, then follow its delivery report. The targets, the queueing and
 * the report are the chat's (/broadcast: src/services/broadcast-queue.ts, BroadcastService).
 */
export const broadcastPages = new Hono<ConsoleEnv>();

/** Longer than this, Telegram would cut the message (4096 characters with its heading). */
const MAX_TEXT = 3500;
const RECENT = 10;

const TARGETS = ["everyone", "provinces", "ministries", "not-submitted", "consultant", "group", "agencies"] as const;
type TargetKind = (typeof TARGETS)[number];

interface BroadcastFields {
  text: string;
  to: TargetKind;
  round: string;
  consultant: string;
  group: string;
  agencies: string;
}

type FieldName = "text" | "to";
type FieldErrors = Partial<Record<FieldName, string>>;

const FIELD_IDS: Record<FieldName, string> = { text: "broadcast-text", to: "broadcast-to" };

const fieldsOf = (body: Body): BroadcastFields => {
  const to = text(body, "to");
  return {
    text: text(body, "text").replace(/\r\n?/g, "\n"),
    to: (TARGETS as readonly string[]).includes(to) ? (to as TargetKind) : "everyone",
    round: text(body, "round"),
    consultant: text(body, "consultant"),
    group: text(body, "group"),
    agencies: text(body, "agencies"),
  };
};

/**
 * The target as the chat writes it ("provinces", "not-submitted:dot-1", "agencies:ha-noi,bac-kan"):
 * a group is sent as its agencies, agencies are found by id or by name.
 */
function targetOf(deps: Deps, t: Translate, fields: BroadcastFields): { target: string } | { error: string } {
  switch (fields.to) {
    case "everyone":
    case "provinces":
    case "ministries":
      return { target: fields.to };
    case "not-submitted":
      return fields.round ? { target: `not-submitted:${fields.round}` } : { error: t("console-broadcast-error-round") };
    case "consultant":
      return fields.consultant ? { target: `consultant:${fields.consultant}` } : { error: t("console-broadcast-error-consultant") };
    case "group": {
      const group = deps.groups.get(fields.group);
      return group ? { target: `agencies:${group.agencies.join(",")}` } : { error: t("console-broadcast-error-group") };
    }
    case "agencies": {
      const entries = fields.agencies
        .split(/[,;\n]/)
        .map((entry) => entry.trim())
        .filter(Boolean);
      if (entries.length === 0) return { error: t("console-broadcast-error-agencies-empty") };
      const unknown = entries.filter((entry) => !deps.directory.find(entry));
      if (unknown.length) return { error: t("console-broadcast-error-agencies-unknown", { agencies: unknown.join(", ") }) };
      return { target: `agencies:${entries.map((entry) => deps.directory.find(entry)?.id ?? entry).join(",")}` };
    }
  }
}

/** The chosen target in words, as the preview repeats it. */
async function describeTarget(deps: Deps, t: Translate, fields: BroadcastFields): Promise<string> {
  switch (fields.to) {
    case "everyone":
    case "provinces":
    case "ministries":
      return t(`console-broadcast-to-${fields.to}`);
    case "not-submitted": {
      const round = await deps.rounds.get(fields.round);
      return t("console-broadcast-target-not-submitted", { round: round?.name ?? fields.round });
    }
    case "consultant":
      return t("console-broadcast-target-consultant", { name: deps.consultants.get(fields.consultant)?.name ?? fields.consultant });
    case "group":
      return t("console-broadcast-target-group", { group: deps.groups.get(fields.group)?.name ?? fields.group });
    case "agencies": {
      const names = fields.agencies
        .split(/[,;\n]/)
        .map((entry) => entry.trim())
        .filter(Boolean)
        .map((entry) => deps.directory.find(entry)?.name ?? entry);
      return t("console-broadcast-target-agencies", { agencies: names.join(", ") });
    }
  }
}

/** Who it reaches, as the chat counts it, or why the fields do not make a broadcast. */
async function readBroadcast(
  deps: Deps,
  t: Translate,
  fields: BroadcastFields,
): Promise<{ ok: true; target: string; recipients: Recipient[]; agencies: number } | { ok: false; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  if (!fields.text.trim()) errors.text = t("console-broadcast-error-text");
  else if (fields.text.length > MAX_TEXT) errors.text = t("console-broadcast-error-long", { max: MAX_TEXT, length: fields.text.length });
  const target = targetOf(deps, t, fields);
  if ("error" in target) return { ok: false, errors: { ...errors, to: target.error } };
  const resolved = await resolveBroadcast(deps, target.target);
  if (!resolved.ok) {
    const key = fields.to === "not-submitted" ? "round" : fields.to === "consultant" ? "consultant" : "target";
    return { ok: false, errors: { ...errors, to: t(`console-broadcast-error-${key}`) } };
  }
  if (resolved.recipients.length === 0) errors.to = t("console-broadcast-error-nobody");
  if (errors.text || errors.to) return { ok: false, errors };
  return { ok: true, target: target.target, recipients: resolved.recipients, agencies: resolved.agencies };
}

/**
 * How many of the recipients each messenger reaches now, how many only once they write again
 * (every address they have closed for now: Zalo OA's window), and how many it cannot (blocked, or
 * on no messenger served). A closed address is passed over for the member's next one, as the
 * outbox does.
 */
async function byMessenger(deps: Deps, recipients: Recipient[]) {
  const byChannel = new Map<ChannelName, number>(CHANNELS.map((channel) => [channel, 0]));
  let unreachable = 0;
  let waiting = 0;
  const members = await Promise.all(recipients.map((recipient) => deps.members.get(recipient.memberId)));
  const served = (member: Member) => member.addresses.filter((address) => deps.channels.has(address.channel));
  const closed = await waitingMessages(deps).closedSince(members.flatMap((member) => (member && !member.blocked ? served(member) : [])));
  for (const member of members) {
    const first = member && !member.blocked ? reachableAddress(member, deps.channels) : undefined;
    if (!member || !first) {
      unreachable++;
      continue;
    }
    const open = [first, ...served(member)].find((address) => !closed.has(formatAddress(address)));
    if (open) byChannel.set(open.channel, (byChannel.get(open.channel) ?? 0) + 1);
    else waiting++;
  }
  return { byChannel, unreachable, waiting };
}

const waitingMessages = (deps: Deps) => new WaitingMessages(deps.redis, deps.keys, deps.logger);

/** Who a recipient is, for the secretariat: their agency, or the consultant's name. */
function recipientName(deps: Deps, member: Member | undefined, memberId: string): string {
  const binding = member?.binding;
  if (binding?.role === "officer") return deps.directory.get(binding.agencyId)?.name ?? binding.agencyId;
  if (binding?.role === "consultant") return deps.consultants.get(binding.consultantId)?.name ?? binding.consultantId;
  return memberId;
}

/** Every member some message waits for (a reminder, an answer, a broadcast), longest first. */
async function unreachableNow(deps: Deps): Promise<{ who: string; since: number; count: number }[]> {
  const waiting = waitingMessages(deps);
  const listed = await waiting.members();
  return Promise.all(
    listed.map(async ({ memberId, since }) => ({
      who: recipientName(deps, await deps.members.get(memberId), memberId),
      since,
      count: await waiting.count(memberId),
    })),
  );
}

const Unreachable: FC<{ t: Translate; timeZone: string; unreachable: { who: string; since: number; count: number }[] }> = ({
  t,
  timeZone,
  unreachable,
}) =>
  unreachable.length ? (
    <section aria-labelledby="broadcast-unreachable-now">
      <h2 id="broadcast-unreachable-now">{t("console-unreachable-now", { count: unreachable.length })}</h2>
      <p class="muted">{t("console-broadcast-waiting-why")}</p>
      <ul>
        {unreachable.map(({ who, since, count }) => (
          <li>{t("console-unreachable-now-row", { who, since: formatMoment(since, timeZone), count })}</li>
        ))}
      </ul>
    </section>
  ) : null;

/** A broadcast's recipients whose message waits for them to write again, with since when, longest first. */
async function waitingFor(deps: Deps, broadcastId: string): Promise<{ who: string; since: number }[]> {
  const listed = await waitingMessages(deps).forBroadcast(broadcastId);
  return Promise.all(
    listed.map(async ({ memberId, since }) => ({ who: recipientName(deps, await deps.members.get(memberId), memberId), since })),
  );
}

broadcastPages.get("/broadcast", async (c) => {
  const { deps, viewer } = c.var;
  if (!hasRole(viewer, "secretariat")) return c.notFound();
  return c.html(await renderForm(deps, viewer, { text: "", to: "everyone", round: "", consultant: "", group: "", agencies: "" }, {}));
});

broadcastPages.post("/broadcast", async (c) => {
  const { deps, viewer } = c.var;
  if (!hasRole(viewer, "secretariat")) return c.notFound();
  const { t } = viewer;
  const body = await c.req.parseBody();
  const fields = fieldsOf(body);
  const step = text(body, "step");
  if (step === "edit") return c.html(await renderForm(deps, viewer, fields, {}));
  const read = await readBroadcast(deps, t, fields);
  if (!read.ok) return c.html(await renderForm(deps, viewer, fields, read.errors), 422);
  if (step !== "send") return c.html(await renderPreview(deps, viewer, fields, read));
  // The confirmation is sent once, whatever presses it again (a double click, a resent form): the
  // second lands on the broadcast the first made.
  const sent = await runOnce(deps, body.once, async () => {
    const queued = await queueBroadcast(deps, viewer.member.id, read.target, fields.text);
    return { result: queued, made: queued.ok ? queued.id : undefined };
  });
  if (sent.kind === "unmarked") return c.html(await renderPreview(deps, viewer, fields, read));
  if (sent.kind === "repeat") return c.redirect(sent.made ? path("broadcast", sent.made) : path("broadcast"), 303);
  const queued = sent.result;
  if (!queued.ok) {
    deps.logger.warn({ memberId: viewer.member.id, reason: queued.reason }, "console broadcast not queued");
    return c.html(await renderForm(deps, viewer, fields, { to: t("console-broadcast-error-target") }), 422);
  }
  deps.logger.info({ memberId: viewer.member.id, broadcast: queued.id }, "console broadcast queued");
  return c.redirect(path("broadcast", queued.id), 303);
});

broadcastPages.get("/broadcast/:id", async (c) => {
  const { deps, viewer } = c.var;
  if (!hasRole(viewer, "secretariat")) return c.notFound();
  const { t } = viewer;
  const id = c.req.param("id");
  const sent = /^b\d{1,12}$/.test(id) ? await deps.broadcasts.sentWith(id) : undefined;
  if (!sent) return c.notFound();
  return c.html(
    <Page viewer={viewer} title={t("console-broadcast-report-title", { id })} section="broadcast">
      <Report t={t} deps={deps} report={sent} waiting={await waitingFor(deps, id)} />
      <section class="panel" aria-labelledby="broadcast-sent-text">
        <h2 id="broadcast-sent-text">{t("console-broadcast-sent-text")}</h2>
        <p class="message-text">{sent.text}</p>
      </section>
      <p class="actions">
        <a class="button secondary" href={path("broadcast")}>
          {t("console-broadcast-another")}
        </a>
      </p>
    </Page>,
  );
});

const Report: FC<{ t: Translate; deps: Deps; report: BroadcastReport; waiting: { who: string; since: number }[] }> = ({
  t,
  deps,
  report,
  waiting,
}) => {
  const pending = Math.max(0, report.total - report.sent - report.blocked - report.failed);
  return (
    <section
      class="panel"
      aria-labelledby="broadcast-report"
      data-live-part="report"
      data-refresh-after={report.done ? undefined : "1000"}
      aria-live="polite"
    >
      <h2 id="broadcast-report">{t("console-broadcast-report")}</h2>
      <p>{report.done ? t("console-broadcast-done") : t("console-broadcast-going", { pending })}</p>
      <ul class="stats">
        <li>
          <span>
            <span class="value">{report.total}</span>
            <span class="label">{t("console-broadcast-total")}</span>
          </span>
        </li>
        <li>
          <span>
            <span class="value">{report.sent}</span>
            <span class="label">{t("console-broadcast-sent")}</span>
          </span>
        </li>
        <li>
          <span>
            <span class="value">{report.blocked}</span>
            <span class="label">{t("console-broadcast-blocked")}</span>
          </span>
        </li>
        <li>
          <span>
            <span class="value">{report.failed}</span>
            <span class="label">{t("console-broadcast-failed")}</span>
          </span>
        </li>
        <li>
          <span>
            <span class="value">{pending}</span>
            <span class="label">{t("console-broadcast-pending")}</span>
          </span>
        </li>
      </ul>
      <h3>{t("console-broadcast-unreached", { count: report.unreached.length })}</h3>
      {report.unreached.length ? (
        <ul>
          {report.unreached.map((id) => (
            <li>{deps.directory.get(id)?.name ?? id}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t("console-broadcast-unreached-none")}</p>
      )}
      {waiting.length ? (
        <>
          <h3>{t("console-broadcast-waiting", { count: waiting.length })}</h3>
          <p class="muted">{t("console-broadcast-waiting-why")}</p>
          <ul>
            {waiting.map(({ who, since }) => (
              <li>{t("console-broadcast-waiting-since", { who, since: formatMoment(since, deps.timeZone) })}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
};

async function renderForm(deps: Deps, viewer: Viewer, fields: BroadcastFields, errors: FieldErrors) {
  const { t } = viewer;
  const rounds = (await deps.rounds.list()).slice().reverse();
  const recent = await deps.broadcasts.recent(RECENT);
  const unreachable = await unreachableNow(deps);
  const wrong = (Object.keys(FIELD_IDS) as FieldName[]).filter((field) => errors[field]);
  const choice = (
    value: TargetKind,
    label: string,
    select?: { name: keyof BroadcastFields; label: string; options: [string, string][] },
  ) => (
    <div class="choice">
      <input type="radio" id={`broadcast-to-${value}`} name="to" value={value} checked={fields.to === value} />
      <label for={`broadcast-to-${value}`}>{label}</label>
      {select ? (
        <>
          <label for={`broadcast-${select.name}`} class="visually-hidden">
            {select.label}
          </label>
          <select id={`broadcast-${select.name}`} name={select.name}>
            <option value="">{t("console-broadcast-choose")}</option>
            {select.options.map(([value, label]) => (
              <option value={value} selected={fields[select.name] === value}>
                {label}
              </option>
            ))}
          </select>
        </>
      ) : null}
    </div>
  );
  return (
    <Page viewer={viewer} title={t("console-broadcast-title")} section="broadcast">
      {wrong.length ? (
        <div class="notice error" role="alert">
          <p>{t("console-broadcast-errors", { count: wrong.length })}</p>
          <ul>
            {wrong.map((field) => (
              <li>
                <a href={`#${FIELD_IDS[field]}`}>{t(`console-broadcast-field-${field}`)}</a>: {errors[field]}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={path("broadcast")} class="panel" novalidate>
        <Csrf viewer={viewer} />
        <div class="field">
          <label for={FIELD_IDS.text}>{t("console-broadcast-field-text")}</label>
          <textarea name="text" rows={6} maxlength={MAX_TEXT} {...described(FIELD_IDS.text, errors.text, true)}>
            {fields.text}
          </textarea>
          <p class="hint" id={`${FIELD_IDS.text}-hint`}>
            {t("console-broadcast-hint-text", { max: MAX_TEXT })}
          </p>
          <FieldError id={FIELD_IDS.text} error={errors.text} />
        </div>
        <fieldset class="field" id={FIELD_IDS.to} aria-describedby={errors.to ? `${FIELD_IDS.to}-error` : undefined}>
          <legend>{t("console-broadcast-field-to")}</legend>
          <FieldError id={FIELD_IDS.to} error={errors.to} />
          {choice("everyone", t("console-broadcast-to-everyone"))}
          {choice("provinces", t("console-broadcast-to-provinces"))}
          {choice("ministries", t("console-broadcast-to-ministries"))}
          {rounds.length
            ? choice("not-submitted", t("console-broadcast-to-not-submitted"), {
                name: "round",
                label: t("console-broadcast-round-label"),
                options: rounds.map((round) => [round.id, `${round.name} (${round.id})`]),
              })
            : null}
          {deps.consultants.consultants.length
            ? choice("consultant", t("console-broadcast-to-consultant"), {
                name: "consultant",
                label: t("console-broadcast-consultant-label"),
                options: deps.consultants.consultants.map((consultant) => [consultant.id, consultant.name]),
              })
            : null}
          {deps.groups.groups.length
            ? choice("group", t("console-broadcast-to-group"), {
                name: "group",
                label: t("console-broadcast-group-label"),
                options: deps.groups.groups.map((group) => [group.id, group.name]),
              })
            : null}
          <div class="choice">
            <input type="radio" id="broadcast-to-agencies" name="to" value="agencies" checked={fields.to === "agencies"} />
            <label for="broadcast-to-agencies">{t("console-broadcast-to-agencies")}</label>
            <label for="broadcast-agencies" class="visually-hidden">
              {t("console-broadcast-agencies-label")}
            </label>
            <textarea id="broadcast-agencies" name="agencies" rows={2} aria-describedby="broadcast-agencies-hint">
              {fields.agencies}
            </textarea>
            <p class="hint" id="broadcast-agencies-hint">
              {t("console-broadcast-hint-agencies")}
            </p>
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit" name="step" value="preview">
            {t("console-broadcast-preview")}
          </button>
        </div>
      </form>
      <Recent t={t} recent={recent} />
      <Unreachable t={t} timeZone={deps.timeZone} unreachable={unreachable} />
    </Page>
  );
}

const Recent: FC<{ t: Translate; recent: (BroadcastReport & { text: string })[] }> = ({ t, recent }) => (
  <section aria-labelledby="broadcast-recent">
    <h2 id="broadcast-recent">{t("console-broadcast-recent")}</h2>
    {recent.length === 0 ? (
      <p class="muted">{t("console-broadcast-recent-none")}</p>
    ) : (
      <DataTable
        caption={t("console-broadcast-recent-caption", { count: recent.length })}
        columns={[
          t("console-broadcast-col-id"),
          t("console-broadcast-col-text"),
          { label: t("console-broadcast-sent"), kind: "number" },
          { label: t("console-broadcast-blocked"), kind: "number" },
          { label: t("console-broadcast-failed"), kind: "number" },
          t("console-broadcast-col-state"),
        ]}
      >
        <tbody>
          {recent.map((report) => (
            <tr>
              <th scope="row">
                <a href={path("broadcast", report.id)}>{report.id}</a>
              </th>
              <td>{report.text.length > 90 ? `${report.text.slice(0, 89)}…` : report.text}</td>
              <td class="num">{t("console-broadcast-of-total", { count: report.sent, total: report.total })}</td>
              <td class="num">{report.blocked}</td>
              <td class="num">{report.failed}</td>
              <td>
                <span class={`status ${report.done ? "submitted" : "in-progress"}`}>
                  {t(report.done ? "console-broadcast-state-done" : "console-broadcast-state-going")}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    )}
  </section>
);

/** The values carried to the next step. */
const HiddenFields: FC<{ fields: BroadcastFields }> = ({ fields }) => (
  <>
    {(["text", "to", "round", "consultant", "group", "agencies"] as const).map((name) => (
      <input type="hidden" name={name} value={fields[name]} />
    ))}
  </>
);

async function renderPreview(deps: Deps, viewer: Viewer, fields: BroadcastFields, read: { recipients: Recipient[]; agencies: number }) {
  const { t } = viewer;
  const reach = await byMessenger(deps, read.recipients);
  const target = await describeTarget(deps, t, fields);
  return (
    <Page viewer={viewer} title={t("console-broadcast-preview-title")} section="broadcast">
      <Notice kind="ok">{t("console-broadcast-reach", { people: read.recipients.length, agencies: read.agencies })}</Notice>
      <div class="grid">
        <section class="panel" aria-labelledby="broadcast-reach">
          <h2 id="broadcast-reach">{t("console-broadcast-reach-title")}</h2>
          <p>
            <strong>{t("console-broadcast-field-to")}:</strong> {target}
          </p>
          <ul class="stats">
            <li>
              <span>
                <span class="value">{read.recipients.length}</span>
                <span class="label">{t("console-broadcast-people")}</span>
              </span>
            </li>
            <li>
              <span>
                <span class="value">{read.agencies}</span>
                <span class="label">{t("console-broadcast-agencies")}</span>
              </span>
            </li>
          </ul>
          <table class="small reach">
            <caption class="muted">{t("console-broadcast-by-messenger")}</caption>
            <tbody>
              {CHANNELS.filter((channel) => deps.channels.has(channel) || (reach.byChannel.get(channel) ?? 0) > 0).map((channel) => (
                <tr>
                  <th scope="row">{CHANNEL_NAMES[channel]}</th>
                  <td class="num">{reach.byChannel.get(channel) ?? 0}</td>
                </tr>
              ))}
              {reach.waiting ? (
                <tr>
                  <th scope="row">{t("console-broadcast-reach-waiting")}</th>
                  <td class="num">{reach.waiting}</td>
                </tr>
              ) : null}
              <tr>
                <th scope="row">{t("console-broadcast-unreachable")}</th>
                <td class="num">{reach.unreachable}</td>
              </tr>
            </tbody>
          </table>
        </section>
        <section class="panel" aria-labelledby="broadcast-as-seen">
          <h2 id="broadcast-as-seen">{t("console-broadcast-as-seen")}</h2>
          <ChatMessage message={{ text: broadcastText("vi", fields.text) }} language="vi" label={t("console-broadcast-in-vi")} />
          <ChatMessage message={{ text: broadcastText("en", fields.text) }} language="en" label={t("console-broadcast-in-en")} />
        </section>
      </div>
      <form method="post" action={path("broadcast")} class="actions">
        <Csrf viewer={viewer} />
        <HiddenFields fields={fields} />
        <OnceField />
        <button type="submit" name="step" value="send">
          {t("console-broadcast-send", { people: read.recipients.length })}
        </button>
        <button type="submit" name="step" value="edit" class="secondary">
          {t("console-broadcast-edit")}
        </button>
      </form>
    </Page>
  );
}
