import type { FC, PropsWithChildren } from "hono/jsx";
import type { AgencyKind } from "../domain/agencies.js";
import type { ComponentStatus } from "../form/compliance.js";
import type { AgencySummary, Standing } from "../services/round-standings.js";
import type { Translate } from "../views.js";

/**
 * Pieces several console pages show alike. Statuses never rely on colour alone: each badge
 * carries a word (and a border style per status, for print and for readers who cannot tell red
 * from green).
 */

/** Where an agency stands, fully compliant counted apart from merely submitted. */
export type StandingFilter = Standing | "compliant";

export function standingOf(summary: Pick<AgencySummary, "standing" | "fullyCompliant">): StandingFilter {
  return summary.standing === "submitted" && summary.fullyCompliant ? "compliant" : summary.standing;
}

export const STANDINGS: readonly StandingFilter[] = ["not-started", "in-progress", "returned", "submitted", "compliant"];

export const StandingBadge: FC<{ t: Translate; summary: Pick<AgencySummary, "standing" | "fullyCompliant" | "percent"> }> = ({
  t,
  summary,
}) => {
  const standing = standingOf(summary);
  return (
    <span class={`status ${standing}`}>
      {standing === "in-progress"
        ? t("console-standing-in-progress-percent", { percent: summary.percent })
        : t(`console-standing-${standing}`)}
    </span>
  );
};

export const COMPONENT_STATUSES: readonly ComponentStatus[] = ["met", "partial", "not_met", "unanswered", "not_applicable"];

/** A component's status as a short badge: a letter and a word. */
export const ComponentBadge: FC<{ t: Translate; status: ComponentStatus }> = ({ t, status }) => (
  <span class={`status ${status}`} title={t(`console-component-${status}`)}>
    {t(`console-component-short-${status}`)}
  </span>
);

export const kindLabel = (t: Translate, kind: AgencyKind): string => t(`console-kind-${kind}`);

/** A column's heading: its words, and whether it holds numbers (right-aligned) or actions (said quietly). */
export type Column = string | { label: string; kind: "number" | "action" };

/**
 * A table of the console: in a frame that scrolls sideways on a small screen (and can be focused to
 * scroll by keyboard), with its caption and its column headings; the rows come as its children.
 */
export const DataTable: FC<PropsWithChildren<{ caption?: string; columns: readonly Column[]; class?: string }>> = (props) => (
  <div class="table-wrap" tabindex={0}>
    <table class={props.class}>
      {props.caption ? <caption class="muted small">{props.caption}</caption> : null}
      <thead>
        <tr>
          {props.columns.map((column) =>
            typeof column === "string" ? (
              <th scope="col">{column}</th>
            ) : column.kind === "number" ? (
              <th scope="col" class="num">
                {column.label}
              </th>
            ) : (
              <th scope="col">
                <span class="muted">{column.label}</span>
              </th>
            ),
          )}
        </tr>
      </thead>
      {props.children}
    </table>
  </div>
);
