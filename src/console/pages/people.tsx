import { Hono } from "hono";
import type { FC } from "hono/jsx";
import { CHANNEL_NAMES } from "../../channels/address.js";
import type { Deps } from "../../deps.js";
import { inviteBinding, inviteMissingOfficersOf, issueInvite } from "../../desk/people.js";
import { XLSX_TYPE } from "../../desk/request.js";
import { foldName } from "../../domain/agencies.js";
import type { Binding } from "../../domain/roles.js";
import { inviteWorkbook } from "../../reports/invite-workbook.js";
import { formatMoment } from "../../services/announcements.js";
import type { InviteWays, IssuedInvite } from "../../services/invites.js";
import { STORED_PREFIX } from "../../storage/attachments.js";
import type { Member } from "../../storage/members.js";
import type { Translate } from "../../views.js";
import { hasRole } from "../access.js";
import { DataTable } from "../components.js";
import type { ConsoleEnv, Viewer } from "../env.js";
import { Csrf, Notice, Page, path, withQuery } from "../layout.js";
import { OnceField, runOnce } from "../once.js";
import { download } from "./downloads.js";

/**
 * People, for the secretariat: the members by role and agency, inviting one person or every
 * agency without an officer (the invite workbook), the invites nobody used yet (cancel one or
 * all), and removing a member after a confirmation. The work is the chat's (src/desk/people.ts,
 * the invite and membership services); only the wording is the console's.
 */
export const peoplePages = new Hono<ConsoleEnv>();

/** Members listed on one page. */
const PAGE_SIZE = 50;
/** Open invites listed on one page (an invite workbook for every agency makes many). */
const INVITES_PAGE_SIZE = 100;
/** The invite workbook stays downloadable this long: it holds codes. */
const INVITE_WORKBOOK_SECONDS = 60 * 60;
/** Names offered while typing an agency; above this the field takes a name or id without the list. */
const DATALIST_LIMIT = 2_000;

const ROLES = ["secretariat", "consultant", "officer"] as const;
type RoleFilter = (typeof ROLES)[number];

/** What a member is, in words: "Cán bộ đầu mối · Hà Nội", "Đầu mối tư vấn · Hà Thanh Lương", "Bộ phận thường trực". */
export function roleLabel(t: Translate, deps: Pick<Deps, "directory" | "consultants">, binding: Binding): string {
  switch (binding.role) {
    case "officer":
      return t("console-people-role-officer-of", { agency: deps.directory.get(binding.agencyId)?.name ?? binding.agencyId });
    case "consultant":
      return t("console-people-role-consultant-named", { name: deps.consultants.get(binding.consultantId)?.name ?? binding.consultantId });
    case "secretariat":
      return t("console-people-role-secretariat");
  }
}

const secretariatOnly = (viewer: Viewer) => hasRole(viewer, "secretariat");

/** The three views of the section, as a small navigation under the heading. */
const PeopleNav: FC<{ t: Translate; current: "members" | "invite" | "invites" }> = ({ t, current }) => (
  <nav aria-label={t("console-people-nav-label")} class="subnav">
    <ul>
      <li>
        <a href={path("people")} aria-current={current === "members" ? "page" : undefined}>
          {t("console-people-nav-members")}
        </a>
      </li>
      <li>
        <a href={path("people", "invite")} aria-current={current === "invite" ? "page" : undefined}>
          {t("console-people-nav-invite")}
        </a>
      </li>
      <li>
        <a href={path("people", "invites")} aria-current={current === "invites" ? "page" : undefined}>
          {t("console-people-nav-invites")}
        </a>
      </li>
    </ul>
  </nav>
);

// ---- members ----

interface Row {
  member: Member;
  /** Where the member is listed: the secretariat, the consultants, or an agency's officers. */
  group: string;
  groupLabel: string;
  sortKey: string;
}

function rowOf(t: Translate, deps: Deps, member: Member): Row {
  const { binding } = member;
  if (binding.role === "secretariat")
    return { member, group: "secretariat", groupLabel: t("console-people-group-secretariat"), sortKey: `0 ${member.id}` };
  if (binding.role === "consultant") {
    const name = deps.consultants.get(binding.consultantId)?.name ?? binding.consultantId;
    return { member, group: "consultants", groupLabel: t("console-people-group-consultants"), sortKey: `1 ${foldName(name)} ${member.id}` };
  }
  const agency = deps.directory.get(binding.agencyId);
  const name = agency?.name ?? binding.agencyId;
  return {
    member,
    group: `agency:${binding.agencyId}`,
    groupLabel: t("console-people-group-agency", { agency: name }),
    sortKey: `2 ${foldName(name)} ${binding.agencyId} ${String(member.joinedAt).padStart(15, "0")}`,
  };
}

peoplePages.get("/people", async (c) => {
  const { deps, viewer } = c.var;
  if (!secretariatOnly(viewer)) return c.notFound();
  const { t } = viewer;
  const roleParam = c.req.query("role") ?? "";
  const role = (ROLES as readonly string[]).includes(roleParam) ? (roleParam as RoleFilter) : undefined;
  const agencyQuery = (c.req.query("agency") ?? "").trim();
  const exact = agencyQuery ? deps.directory.find(agencyQuery) : undefined;
  const folded = foldName(agencyQuery);

  const everyone = await deps.membership.list();
  const matches = (member: Member): boolean => {
    if (role && member.binding.role !== role) return false;
    if (!agencyQuery) return true;
    if (member.binding.role !== "officer") return false;
    if (exact) return member.binding.agencyId === exact.id;
    return foldName(deps.directory.get(member.binding.agencyId)?.name ?? member.binding.agencyId).includes(folded);
  };
  const rows = everyone
    .filter(matches)
    .map((member) => rowOf(t, deps, member))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const groups: { label: string; rows: Row[] }[] = [];
  for (const row of shown) {
    const last = groups.at(-1);
    if (last && last.rows[0]?.group === row.group) last.rows.push(row);
    else groups.push({ label: row.groupLabel, rows: [row] });
  }
  const covered = new Set(everyone.flatMap(({ binding }) => (binding.role === "officer" ? [binding.agencyId] : [])));
  const agenciesWithMembers = deps.directory.agencies.filter((agency) => covered.has(agency.id));
  // Said only of someone really removed: a link cannot make the page claim a removal that did not happen.
  const removedQuery = c.req.query("removed");
  const removed =
    removedQuery && /^[\w-]{1,64}$/.test(removedQuery) && (await deps.members.wasRemoved(removedQuery)) ? removedQuery : undefined;
  const query = { role, agency: agencyQuery || undefined };

  return c.html(
    <Page viewer={viewer} title={t("console-people-title")} section="people">
      <PeopleNav t={t} current="members" />
      {removed ? <Notice kind="ok">{t("console-people-removed-done", { id: removed })}</Notice> : null}
      <p class="muted small">
        {t("console-people-coverage", {
          members: everyone.length,
          covered: covered.size,
          total: deps.directory.agencies.length,
        })}
      </p>
      <form method="get" action={path("people")} class="filters">
        <label for="people-role">
          {t("console-people-filter-role")}
          <select id="people-role" name="role">
            <option value="">{t("console-people-filter-role-all")}</option>
            {ROLES.map((value) => (
              <option value={value} selected={value === role}>
                {t(`console-people-filter-role-${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label for="people-agency">
          {t("console-people-filter-agency")}
          <input id="people-agency" name="agency" type="search" value={agencyQuery} list="people-agency-list" />
        </label>
        <datalist id="people-agency-list">
          {agenciesWithMembers.map((agency) => (
            <option value={agency.name} />
          ))}
        </datalist>
        <button type="submit" class="secondary">
          {t("console-people-filter-apply")}
        </button>
        {role || agencyQuery ? <a href={path("people")}>{t("console-people-filter-clear")}</a> : null}
      </form>
      <DataTable
        caption={t("console-people-caption", { count: rows.length })}
        columns={[
          ...["id", "name", "role", "accounts", "joined"].map((column) => t(`console-people-col-${column}`)),
          { label: t("console-people-col-action"), kind: "action" },
        ]}
      >
        {groups.length === 0 ? (
          <tbody>
            <tr>
              <td colspan={6} class="muted">
                {t("console-people-none")}
              </td>
            </tr>
          </tbody>
        ) : (
          groups.map((group) => (
            <tbody>
              <tr class="group">
                <th scope="rowgroup" colspan={6}>
                  {group.label}
                </th>
              </tr>
              {group.rows.map(({ member }) => (
                <tr>
                  <td>
                    <code>{member.id}</code>
                  </td>
                  <td>{member.profile.fullName ?? <span class="muted">{t("console-people-no-name")}</span>}</td>
                  <td>{roleLabel(t, deps, member.binding)}</td>
                  <td>
                    {member.addresses.map((address) => CHANNEL_NAMES[address.channel]).join(", ")}
                    {member.blocked ? <span class="muted"> · {t("console-people-blocked")}</span> : null}
                  </td>
                  <td>{formatMoment(member.joinedAt, deps.timeZone)}</td>
                  <td>
                    {member.id === viewer.member.id ? (
                      <span class="muted small">{t("console-people-you")}</span>
                    ) : (
                      <a href={path("people", member.id, "remove")} aria-label={t("console-people-remove-link-named", { id: member.id })}>
                        {t("console-people-remove-link")}
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          ))
        )}
      </DataTable>
      {pages > 1 ? (
        <nav class="pager" aria-label={t("console-people-pager-label")}>
          {page > 1 ? <a href={withQuery(path("people"), { ...query, page: page - 1 })}>{t("console-people-pager-previous")}</a> : null}
          <span>{t("console-people-pager-page", { page, pages })}</span>
          {page < pages ? <a href={withQuery(path("people"), { ...query, page: page + 1 })}>{t("console-people-pager-next")}</a> : null}
        </nav>
      ) : null}
    </Page>,
  );
});

// ---- invite one, or every agency without an officer ----

interface InviteForm {
  role: string;
  agency: string;
  consultant: string;
  errors: { agency?: string; consultant?: string; role?: string };
  /** Agencies whose name holds what was typed, when it named none. */
  suggestions: string[];
  target: string;
  targetError?: string;
  notice?: string;
}

const EMPTY_FORM: InviteForm = { role: "officer", agency: "", consultant: "", errors: {}, suggestions: [], target: "all" };

const InvitePage: FC<{ deps: Deps; viewer: Viewer; form: InviteForm }> = ({ deps, viewer, form }) => {
  const { t } = viewer;
  const { errors } = form;
  const agencies = deps.directory.agencies;
  return (
    <Page viewer={viewer} title={t("console-people-invite-title")} section="people">
      <PeopleNav t={t} current="invite" />
      {form.notice ? <Notice kind="ok">{form.notice}</Notice> : null}
      <div class="grid">
        <section class="panel" aria-labelledby="invite-one">
          <h2 id="invite-one">{t("console-people-invite-one-title")}</h2>
          <p class="muted small">{t("console-people-invite-one-hint")}</p>
          <form method="post" action={path("people", "invite")}>
            <OnceField />
            <Csrf viewer={viewer} />
            <fieldset class="field" aria-describedby={errors.role ? "invite-role-error" : undefined}>
              <legend>{t("console-people-invite-role")}</legend>
              {ROLES.slice()
                .reverse()
                .map((value) => (
                  <label class="choice" for={`invite-role-${value}`}>
                    <input type="radio" id={`invite-role-${value}`} name="role" value={value} checked={form.role === value} />{" "}
                    {t(`console-people-invite-role-${value}`)}
                  </label>
                ))}
              {errors.role ? (
                <div class="error" id="invite-role-error">
                  {errors.role}
                </div>
              ) : null}
            </fieldset>
            <div class="field">
              <label for="invite-agency">{t("console-people-invite-agency")}</label>
              <div class="hint" id="invite-agency-hint">
                {t("console-people-invite-agency-hint")}
              </div>
              <input
                type="text"
                id="invite-agency"
                name="agency"
                value={form.agency}
                list={agencies.length <= DATALIST_LIMIT ? "invite-agency-list" : undefined}
                autocomplete="off"
                aria-invalid={errors.agency ? "true" : undefined}
                aria-describedby={errors.agency ? "invite-agency-hint invite-agency-error" : "invite-agency-hint"}
              />
              {agencies.length <= DATALIST_LIMIT ? (
                <datalist id="invite-agency-list">
                  {agencies.map((agency) => (
                    <option value={agency.name} />
                  ))}
                </datalist>
              ) : null}
              {errors.agency ? (
                <div class="error" id="invite-agency-error">
                  {errors.agency}
                  {form.suggestions.length ? ` ${t("console-people-invite-suggestions", { names: form.suggestions.join(", ") })}` : ""}
                </div>
              ) : null}
            </div>
            <div class="field">
              <label for="invite-consultant">{t("console-people-invite-consultant")}</label>
              <select
                id="invite-consultant"
                name="consultant"
                aria-invalid={errors.consultant ? "true" : undefined}
                aria-describedby={errors.consultant ? "invite-consultant-error" : undefined}
              >
                <option value="">{t("console-people-invite-consultant-choose")}</option>
                {deps.consultants.consultants.map((consultant) => (
                  <option value={consultant.id} selected={consultant.id === form.consultant}>
                    {consultant.name}
                  </option>
                ))}
              </select>
              {errors.consultant ? (
                <div class="error" id="invite-consultant-error">
                  {errors.consultant}
                </div>
              ) : null}
            </div>
            <div class="actions">
              <button type="submit">{t("console-people-invite-submit")}</button>
            </div>
          </form>
        </section>
        <section class="panel" aria-labelledby="invite-many">
          <h2 id="invite-many">{t("console-people-invite-many-title")}</h2>
          <p class="muted small">{t("console-people-invite-many-hint")}</p>
          <form method="post" action={path("people", "invite-officers")} data-confirm={t("console-people-invite-many-confirm")}>
            <OnceField />
            <Csrf viewer={viewer} />
            <div class="field">
              <label for="invite-target">{t("console-people-invite-target")}</label>
              <select
                id="invite-target"
                name="target"
                aria-invalid={form.targetError ? "true" : undefined}
                aria-describedby={form.targetError ? "invite-target-error" : undefined}
              >
                {["all", "provinces", "ministries"].map((value) => (
                  <option value={value} selected={form.target === value}>
                    {t(`console-people-invite-target-${value}`)}
                  </option>
                ))}
                {deps.groups.groups.map((group) => (
                  <option value={`group:${group.id}`} selected={form.target === `group:${group.id}`}>
                    {t("console-people-invite-target-group", { name: group.name })}
                  </option>
                ))}
              </select>
              {form.targetError ? (
                <div class="error" id="invite-target-error">
                  {form.targetError}
                </div>
              ) : null}
            </div>
            <div class="actions">
              <button type="submit">{t("console-people-invite-many-submit")}</button>
            </div>
          </form>
        </section>
      </div>
    </Page>
  );
};

peoplePages.get("/people/invite", (c) => {
  const { deps, viewer } = c.var;
  if (!secretariatOnly(viewer)) return c.notFound();
  return c.html(<InvitePage deps={deps} viewer={viewer} form={EMPTY_FORM} />);
});

const field = (body: Record<string, unknown>, name: string): string => {
  const value = body[name];
  return typeof value === "string" ? value.trim() : "";
};

/** Agencies whose folded name holds the folded text, for a name that matched none exactly. */
function suggestionsFor(deps: Deps, text: string): string[] {
  const folded = foldName(text);
  if (!folded) return [];
  return deps.directory.agencies
    .filter((agency) => foldName(agency.name).includes(folded))
    .slice(0, 8)
    .map((agency) => agency.name);
}

peoplePages.post("/people/invite", async (c) => {
  const { deps, viewer } = c.var;
  if (!secretariatOnly(viewer)) return c.notFound();
  const { t } = viewer;
  const body = await c.req.parseBody();
  const form: InviteForm = {
    ...EMPTY_FORM,
    role: field(body, "role"),
    agency: field(body, "agency"),
    consultant: field(body, "consultant"),
  };
  const target = form.role === "officer" ? form.agency : form.role === "consultant" ? form.consultant : "";
  const wanted = inviteBinding(deps, form.role, target);
  if (!wanted.ok) {
    const errors: InviteForm["errors"] =
      form.role === "officer"
        ? {
            agency: form.agency
              ? t("console-people-invite-unknown-agency", { agency: form.agency })
              : t("console-people-invite-agency-missing"),
          }
        : form.role === "consultant"
          ? { consultant: t("console-people-invite-consultant-missing") }
          : { role: t("console-people-invite-role-missing") };
    const suggestions = form.role === "officer" && form.agency ? suggestionsFor(deps, form.agency) : [];
    return c.html(<InvitePage deps={deps} viewer={viewer} form={{ ...form, errors, suggestions }} />, 400);
  }
  // Sent twice, one code is made: the repeat cannot show it again (codes are kept only as a hash), so it goes to the open invites.
  const invited = await runOnce(deps, body.once, async () => ({
    result: await issueInvite(deps, viewer.member, wanted.binding),
    made: "invite",
  }));
  if (invited.kind !== "done") return c.redirect(path("people", "invites"), 303);
  const { issued, ways } = invited.result;
  return c.html(<IssuedPage deps={deps} viewer={viewer} issued={issued} ways={ways} />);
});

/** The code just made, shown once, with the ways to open it: what /invite answers in the chat. */
const IssuedPage: FC<{ deps: Deps; viewer: Viewer; issued: IssuedInvite; ways: InviteWays }> = ({ deps, viewer, issued, ways }) => {
  const { t } = viewer;
  return (
    <Page viewer={viewer} title={t("console-people-issued-title")} section="people">
      <PeopleNav t={t} current="invite" />
      <section class="panel" aria-labelledby="issued-code">
        <p>
          {t("console-people-issued-for", {
            who: roleLabel(t, deps, issued.binding),
            until: formatMoment(issued.expiresAt, deps.timeZone),
          })}
        </p>
        <p class="invite-code" id="issued-code">
          <span class="visually-hidden">{t("console-people-issued-code")} </span>
          <code>{issued.displayCode}</code>
        </p>
        <h2>{t("console-people-issued-ways")}</h2>
        <ul>
          <li>
            {ways.telegramLink ? (
              <>
                {t("console-people-way-telegram-link")} <a href={ways.telegramLink}>{ways.telegramLink}</a>
              </>
            ) : (
              t("console-people-way-telegram-code")
            )}
          </li>
          {ways.zalo ? (
            <li>
              {ways.zalo.url ? (
                <>
                  {t("console-people-way-zalo-link")} <a href={ways.zalo.url}>{ways.zalo.url}</a>
                </>
              ) : (
                t("console-people-way-zalo-name", { name: ways.zalo.name })
              )}
            </li>
          ) : null}
          {ways.zaloOa ? (
            <li>
              {ways.zaloOa.url ? (
                <>
                  {t("console-people-way-zalo-oa-link")} <a href={ways.zaloOa.url}>{ways.zaloOa.url}</a>
                </>
              ) : (
                t("invite-way-zalo-oa")
              )}
            </li>
          ) : null}
        </ul>
        <p class="notice ok">{t("console-people-issued-pass-on")}</p>
        <div class="actions">
          <a class="button secondary" href={path("people", "invite")}>
            {t("console-people-issued-another")}
          </a>
          <a href={path("people", "invites")}>{t("console-people-nav-invites")}</a>
        </div>
      </section>
    </Page>
  );
};

peoplePages.post("/people/invite-officers", async (c) => {
  const { deps, viewer } = c.var;
  if (!secretariatOnly(viewer)) return c.notFound();
  const { t } = viewer;
  const body = await c.req.parseBody();
  const target = field(body, "target") || "all";
  // Sent twice, one code per agency is made: the repeat is given the workbook the first made.
  const run = await runOnce(deps, body.once, async () => {
    const result = await inviteMissingOfficersOf(deps, viewer.member, target);
    if (!result.ok || result.lines.length === 0)
      return { result: { made: result, href: undefined as string | undefined }, made: undefined };
    const reference = await deps.attachments.put(await inviteWorkbook(result.lines, t), XLSX_TYPE, INVITE_WORKBOOK_SECONDS);
    const href = withQuery(path("people", "invite-workbook", reference.slice(STORED_PREFIX.length)), { name: result.fileName });
    return { result: { made: result, href }, made: href };
  });
  if (run.kind === "repeat") return c.redirect(run.made || path("people", "invites"), 303);
  if (run.kind === "unmarked") return c.redirect(path("people", "invite"), 303);
  const { made, href } = run.result;
  if (!made.ok)
    return c.html(
      <InvitePage deps={deps} viewer={viewer} form={{ ...EMPTY_FORM, target, targetError: t("console-people-invite-target-unknown") }} />,
      400,
    );
  if (made.lines.length === 0)
    return c.html(
      <InvitePage deps={deps} viewer={viewer} form={{ ...EMPTY_FORM, target, notice: t("console-people-invite-none-missing") }} />,
    );
  return c.html(
    <Page viewer={viewer} title={t("console-people-workbook-title")} section="people">
      <PeopleNav t={t} current="invite" />
      <section class="panel">
        <p>{t("console-people-workbook-made", { count: made.lines.length, until: made.lines[0]?.until ?? "" })}</p>
        <p>
          <a class="button" href={href ?? ""} download={made.fileName}>
            {t("console-people-workbook-download")}
          </a>
        </p>
        <p class="muted small">{t("console-people-workbook-kept")}</p>
      </section>
    </Page>,
  );
});

const FILE_NAME = /^[a-z0-9-]{1,80}\.xlsx$/;

peoplePages.get("/people/invite-workbook/:id", async (c) => {
  const { deps, viewer } = c.var;
  if (!secretariatOnly(viewer)) return c.notFound();
  const id = c.req.param("id");
  const file = /^[0-9a-f]{24}$/.test(id) ? await deps.attachments.get(`${STORED_PREFIX}${id}`) : undefined;
  if (!file || file.mimeType !== XLSX_TYPE) return c.notFound();
  const name = c.req.query("name") ?? "";
  return download(c, file.bytes, XLSX_TYPE, FILE_NAME.test(name) ? name : "ma-moi.xlsx");
});

// ---- the invites nobody used yet ----

peoplePages.get("/people/invites", async (c) => {
  const { deps, viewer } = c.var;
  if (!secretariatOnly(viewer)) return c.notFound();
  const { t } = viewer;
  const open = await deps.invites.open(deps.now());
  const pages = Math.max(1, Math.ceil(open.length / INVITES_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
  const shown = open.slice((page - 1) * INVITES_PAGE_SIZE, page * INVITES_PAGE_SIZE);
  const cancelledQuery = c.req.query("cancelled");
  const cancelled = cancelledQuery && /^[0-9a-f]{8}$/.test(cancelledQuery) ? cancelledQuery : undefined;
  const cancelledAll = c.req.query("cancelled-all");
  const refused = c.req.query("refused");
  return c.html(
    <Page viewer={viewer} title={t("console-people-invites-title")} section="people">
      <PeopleNav t={t} current="invites" />
      {cancelled ? <Notice kind="ok">{t("console-people-invites-cancelled", { reference: cancelled })}</Notice> : null}
      {cancelledAll !== undefined ? (
        <Notice kind="ok">{t("console-people-invites-cancelled-all", { count: Number(cancelledAll) || 0 })}</Notice>
      ) : null}
      {refused && ["used", "unknown", "ambiguous"].includes(refused) ? (
        <Notice kind="error">{t(`console-people-invites-refused-${refused}`)}</Notice>
      ) : null}
      <DataTable
        caption={t("console-people-invites-caption", { count: open.length })}
        columns={[
          ...["reference", "role", "code", "by", "until"].map((column) => t(`console-people-invites-col-${column}`)),
          { label: t("console-people-col-action"), kind: "action" },
        ]}
      >
        <tbody>
          {open.length === 0 ? (
            <tr>
              <td colspan={6} class="muted">
                {t("console-people-invites-none")}
              </td>
            </tr>
          ) : (
            shown.map((invite) => (
              <tr>
                <td>
                  <code>{invite.reference}</code>
                </td>
                <td>{roleLabel(t, deps, invite.binding)}</td>
                <td>
                  <code>…{invite.hint ?? "????"}</code>
                </td>
                <td>{invite.issuedBy ?? t("console-people-invites-by-cli")}</td>
                <td>{formatMoment(invite.expiresAt, deps.timeZone)}</td>
                <td>
                  <form
                    method="post"
                    action={path("people", "invites", invite.reference, "cancel")}
                    data-confirm={t("console-people-invites-cancel-confirm", { reference: invite.reference })}
                  >
                    <Csrf viewer={viewer} />
                    <button
                      type="submit"
                      class="secondary"
                      aria-label={t("console-people-invites-cancel-one", { reference: invite.reference })}
                    >
                      {t("console-people-invites-cancel")}
                    </button>
                  </form>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </DataTable>
      {pages > 1 ? (
        <nav class="pager" aria-label={t("console-people-pager-label")}>
          {page > 1 ? <a href={withQuery(path("people", "invites"), { page: page - 1 })}>{t("console-people-pager-previous")}</a> : null}
          <span>{t("console-people-pager-page", { page, pages })}</span>
          {page < pages ? <a href={withQuery(path("people", "invites"), { page: page + 1 })}>{t("console-people-pager-next")}</a> : null}
        </nav>
      ) : null}
      {open.length > 0 ? (
        <form
          method="post"
          action={path("people", "invites", "cancel-all")}
          class="actions"
          data-confirm={t("console-people-invites-cancel-all-confirm", { count: open.length })}
        >
          <Csrf viewer={viewer} />
          <button type="submit" class="danger">
            {t("console-people-invites-cancel-all")}
          </button>
        </form>
      ) : null}
    </Page>,
  );
});

peoplePages.post("/people/invites/cancel-all", async (c) => {
  const { deps, viewer } = c.var;
  if (!secretariatOnly(viewer)) return c.notFound();
  const count = await deps.invites.cancelAll(deps.now());
  deps.logger.info({ by: viewer.member.id, count }, "every open invite cancelled");
  return c.redirect(withQuery(path("people", "invites"), { "cancelled-all": count }), 303);
});

peoplePages.post("/people/invites/:reference/cancel", async (c) => {
  const { deps, viewer } = c.var;
  if (!secretariatOnly(viewer)) return c.notFound();
  const reference = c.req.param("reference");
  if (!/^[0-9a-f]{8}$/.test(reference)) return c.notFound();
  const outcome = await deps.invites.cancel(reference, deps.now());
  if (!outcome.ok) return c.redirect(withQuery(path("people", "invites"), { refused: outcome.reason.slice("invite-cancel-".length) }), 303);
  deps.logger.info({ by: viewer.member.id }, "invite cancelled");
  return c.redirect(withQuery(path("people", "invites"), { cancelled: reference }), 303);
});

// ---- removing a member ----

peoplePages.get("/people/:memberId/remove", async (c) => {
  const { deps, viewer } = c.var;
  if (!secretariatOnly(viewer)) return c.notFound();
  const { t } = viewer;
  const member = await deps.members.get(c.req.param("memberId"));
  if (!member) return c.notFound();
  const who = member.profile.fullName
    ? t("console-people-remove-who-named", { name: member.profile.fullName, id: member.id, role: roleLabel(t, deps, member.binding) })
    : t("console-people-remove-who", { id: member.id, role: roleLabel(t, deps, member.binding) });
  const self = member.id === viewer.member.id;
  return c.html(
    <Page viewer={viewer} title={t("console-people-remove-title")} section="people">
      <section class="panel" aria-labelledby="remove-question">
        <h2 id="remove-question">{t("console-people-remove-question", { who })}</h2>
        <p>{t("console-people-remove-explain")}</p>
        {self ? (
          <Notice kind="error">{t("console-people-remove-self")}</Notice>
        ) : (
          <form
            method="post"
            action={path("people", member.id, "remove")}
            class="actions"
            data-confirm={t("console-people-remove-confirm", { who })}
          >
            <Csrf viewer={viewer} />
            <button type="submit" class="danger">
              {t("console-people-remove-submit")}
            </button>
            <a href={path("people")}>{t("console-people-remove-back")}</a>
          </form>
        )}
      </section>
    </Page>,
  );
});

peoplePages.post("/people/:memberId/remove", async (c) => {
  const { deps, viewer } = c.var;
  if (!secretariatOnly(viewer)) return c.notFound();
  const memberId = c.req.param("memberId");
  if (memberId === viewer.member.id) return c.redirect(path("people", memberId, "remove"), 303);
  const removed = await deps.membership.remove(memberId, `member:${viewer.member.id}`, deps.now(), deps.outbox);
  if (!removed) return c.notFound();
  return c.redirect(withQuery(path("people"), { removed: removed.id }), 303);
});
