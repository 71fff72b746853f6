import { exportWorkbook, formCounts, importWorkbook } from "../services/form-imports.js";
import { escapeHtml } from "../views.js";
import { type DeskRequest, deskDocument, type Replies, say, XLSX_TYPE } from "./request.js";

/** A Telegram message holds this many problem lines comfortably; the rest are counted. */
const PROBLEMS_SHOWN = 30;

/** /forms: form 488 and the questionnaires imported, with their versions; "/forms <id>": that form as an XLSForm workbook. */
export async function listForms(request: DeskRequest, argument: string): Promise<Replies> {
  const { deps, t } = request;
  if (argument) return formWorkbook(request, argument);
  const built = deps.catalog.builtIn;
  const lines = [`• <b>${escapeHtml(built.id)}</b> v${built.version}: ${escapeHtml(built.title)}`];
  for (const form of await deps.forms.list())
    lines.push(`• <b>${escapeHtml(form.id)}</b> v${form.versions.join(", v")}: ${escapeHtml(form.title)}`);
  return say([t("forms-heading"), ...lines, "", t("forms-how")].join("\n"));
}

/** The workbook of the form a new round would run, to change in Excel and send back as a new version. */
async function formWorkbook(request: DeskRequest, formId: string): Promise<Replies> {
  const { deps, t } = request;
  const exported = await exportWorkbook(deps.catalog, formId);
  if (!exported) return say(t("forms-unknown", { id: escapeHtml(formId) }));
  const { form, bytes } = exported;
  return [
    await deskDocument(request, {
      bytes,
      type: XLSX_TYPE,
      caption: t("forms-workbook", { id: escapeHtml(form.id), version: String(form.version) }),
      fileName: `${form.id}-v${form.version}.xlsx`,
    }),
  ];
}

/** An XLSForm workbook sent to the bot by the secretariat: imported as a new version, or its problems listed. */
export async function importFormFile(request: DeskRequest, fileName: string, bytes: Buffer | undefined): Promise<Replies> {
  const { deps, t } = request;
  if (!/\.xlsx$/i.test(fileName)) return say(t("forms-not-xlsx"));
  if (!bytes) return say(t("forms-unreadable"));
  const outcome = await importWorkbook(deps.catalog, bytes, t, fileName);
  switch (outcome.kind) {
    case "problems": {
      const shown = outcome.problems.slice(0, PROBLEMS_SHOWN).map((problem) => `• ${escapeHtml(problem)}`);
      const more = outcome.problems.length - shown.length;
      return say(
        [t("forms-problems", { count: outcome.problems.length }), ...shown, ...(more > 0 ? [t("forms-more", { count: more })] : [])].join(
          "\n",
        ),
      );
    }
    case "same":
      return say(t("forms-same", { id: escapeHtml(outcome.form.id), version: String(outcome.form.version) }));
    case "older":
      return say(
        t("forms-older", { id: escapeHtml(outcome.form.id), version: String(outcome.form.version), latest: String(outcome.latest) }),
      );
    case "imported": {
      // What was ignored or assumed (no Vietnamese labels, a column ODK alone reads): the secretariat decides whether to mend it.
      // The heading says how many there are; the first few are shown.
      const shown = outcome.warnings.slice(0, PROBLEMS_SHOWN).map((warning) => `• ${escapeHtml(warning)}`);
      return say(
        [
          t("forms-imported", {
            id: escapeHtml(outcome.form.id),
            version: String(outcome.form.version),
            title: escapeHtml(outcome.form.title),
            ...formCounts(outcome.form),
          }),
          ...(shown.length ? [t("forms-warnings", { count: outcome.warnings.length }), ...shown] : []),
        ].join("\n"),
      );
    }
  }
}
