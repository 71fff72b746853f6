import { Hono } from "hono";
import type { FC } from "hono/jsx";
import { formatMoment } from "../../services/announcements.js";
import type { ApiToken } from "../../services/api-tokens.js";
import { hasRole } from "../access.js";
import { DataTable } from "../components.js";
import type { ConsoleEnv, Viewer } from "../env.js";
import { Csrf, Notice, Page, path } from "../layout.js";
import { OnceField, runOnce } from "../once.js";

/** The secretariat's read-only API tokens: made here, shown once, listed with their last use, revoked here. */
export const apiTokenPages = new Hono<ConsoleEnv>();

const NAME_MAX = 80;

apiTokenPages.use("/api-tokens/*", async (c, next) => (hasRole(c.var.viewer, "secretariat") ? next() : c.notFound()));
apiTokenPages.use("/api-tokens", async (c, next) => (hasRole(c.var.viewer, "secretariat") ? next() : c.notFound()));

apiTokenPages.get("/api-tokens", async (c) => {
  const { deps, viewer } = c.var;
  return c.html(<TokensPage viewer={viewer} tokens={await deps.apiTokens.list()} timeZone={deps.timeZone} />);
});

apiTokenPages.post("/api-tokens", async (c) => {
  const { deps, viewer } = c.var;
  const body = await c.req.parseBody();
  const name = typeof body.name === "string" ? body.name.trim() : "";
  if (!name || name.length > NAME_MAX) {
    return c.html(
      <TokensPage
        viewer={viewer}
        tokens={await deps.apiTokens.list()}
        timeZone={deps.timeZone}
        nameError={name ? "long" : "missing"}
        name={name}
      />,
      400,
    );
  }
  // Sent twice, one token is made; the repeat cannot show it again (it is kept as a hash).
  const run = await runOnce(deps, body.once, async () => {
    const made = await deps.apiTokens.create(name, viewer.member.id, deps.now());
    return { result: made, made: made.id };
  });
  if (run.kind !== "done") return c.redirect(path("api-tokens"), 303);
  deps.logger.info({ by: viewer.member.id, token: run.result.id }, "API token made");
  // Shown in this answer only: it is kept as a hash.
  return c.html(<TokensPage viewer={viewer} tokens={await deps.apiTokens.list()} timeZone={deps.timeZone} made={run.result.token} />);
});

apiTokenPages.post("/api-tokens/:id/revoke", async (c) => {
  const { deps, viewer } = c.var;
  const revoked = await deps.apiTokens.revoke(c.req.param("id"));
  if (!revoked) return c.notFound();
  deps.logger.info({ by: viewer.member.id, token: c.req.param("id") }, "API token revoked");
  return c.redirect(path("api-tokens"), 303);
});

const TokensPage: FC<{
  viewer: Viewer;
  tokens: ApiToken[];
  timeZone: string;
  made?: string;
  nameError?: "missing" | "long";
  name?: string;
}> = ({ viewer, tokens, timeZone, made, nameError, name }) => {
  const { t } = viewer;
  return (
    <Page viewer={viewer} title={t("console-api-title")} section="api">
      <p>{t("console-api-intro")}</p>
      <p>
        <a href={path("api", "openapi.json")}>{t("console-api-openapi")}</a>
      </p>
      {made ? (
        <div class="panel">
          <Notice kind="ok">{t("console-api-made")}</Notice>
          <label for="made-token">{t("console-api-token")}</label>
          <input id="made-token" type="text" readonly value={made} class="wide" />
          <p class="hint small">{t("console-api-example")}</p>
        </div>
      ) : null}
      <form method="post" action={path("api-tokens")} class="panel">
        <Csrf viewer={viewer} />
        <OnceField />
        <div class="field">
          <label for="token-name">{t("console-api-name")}</label>
          <div class="hint" id="token-name-hint">
            {t("console-api-name-hint")}
          </div>
          <input
            id="token-name"
            name="name"
            type="text"
            value={name ?? ""}
            maxlength={NAME_MAX}
            aria-describedby={nameError ? "token-name-hint token-name-error" : "token-name-hint"}
            aria-invalid={nameError ? "true" : undefined}
          />
          {nameError ? (
            <div class="error" id="token-name-error">
              {t(`console-api-name-${nameError}`)}
            </div>
          ) : null}
        </div>
        <button type="submit">{t("console-api-create")}</button>
      </form>
      <h2>{t("console-api-list", { count: tokens.length })}</h2>
      <DataTable
        columns={[
          t("console-api-name"),
          t("console-api-id"),
          t("console-api-made-by"),
          t("console-api-made-at"),
          t("console-api-used-at"),
          { label: t("console-api-action"), kind: "action" },
        ]}
      >
        <tbody>
          {tokens.map((token) => (
            <tr>
              <td>{token.name}</td>
              <td>
                <code>{token.id}</code>
              </td>
              <td>{token.createdBy}</td>
              <td>{formatMoment(token.createdAt, timeZone)}</td>
              <td>{token.lastUsedAt ? formatMoment(token.lastUsedAt, timeZone) : t("console-api-never")}</td>
              <td>
                <form
                  method="post"
                  action={path("api-tokens", token.id, "revoke")}
                  data-confirm={t("console-api-revoke-confirm", { name: token.name })}
                >
                  <Csrf viewer={viewer} />
                  <button type="submit" class="danger" aria-label={t("console-api-revoke-named", { name: token.name })}>
                    {t("console-api-revoke")}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Page>
  );
};
