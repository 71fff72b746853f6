import type { FC } from "hono/jsx";
import { z } from "zod";
import type { Agency } from "../domain/agencies.js";
import { readDataFile } from "../domain/data-file.js";
import { projectPath } from "../project-root.js";
import type { AgencySummary } from "../services/round-standings.js";
import type { Translate } from "../views.js";
import { STANDINGS, type StandingFilter, standingOf } from "./components.js";

/**
 * The provinces as a tile-grid map: one square a province at its place in the country, coloured
 * by where its report stands and marked with a sign as well, so colour is never the only cue.
 * The places are data (flows/province-tiles.json), one layout per directory the country has had
 * (63 provinces until June 2025, 34 provincial units since July 2025): the map takes the layout
 * that places most provinces of the directory in use, and lines up any province it cannot place
 * in a row below.
 */

const cellSchema = z.tuple([z.number().int().min(0).max(60), z.number().int().min(0).max(60)]);

const layoutSchema = z.record(z.string().min(1), cellSchema).superRefine((layout, ctx) => {
  const taken = new Map<string, string>();
  for (const [id, [col, row]] of Object.entries(layout)) {
    const other = taken.get(`${col},${row}`);
    if (other) ctx.addIssue({ code: "custom", path: [id], message: `${id} and ${other} are both on column ${col}, row ${row}` });
    taken.set(`${col},${row}`, id);
  }
});

export const provinceTilesSchema = z.object({
  /** Layout name → province id → [column, row], north at row 0. */
  layouts: z.record(z.string().min(1), layoutSchema).refine((layouts) => Object.keys(layouts).length > 0, "at least one layout"),
  /** Province id → the short text on its tile; initials when missing. */
  labels: z.record(z.string().min(1), z.string().min(1).max(5)).default({}),
});
export type ProvinceTiles = z.infer<typeof provinceTilesSchema>;

let loaded: ProvinceTiles | undefined;

/** The tile layouts of flows/province-tiles.json, read and checked on first use. */
export function provinceTiles(): ProvinceTiles {
  loaded ??= readDataFile(projectPath("flows/province-tiles.json"), provinceTilesSchema, "province tiles", (message) => new Error(message));
  return loaded;
}

export interface Tile {
  id: string;
  col: number;
  row: number;
  label: string;
  /** The directory's province on this tile; none for a place the directory does not know. */
  agency: Agency | undefined;
}

export interface TilePlacement {
  layout: string;
  columns: number;
  rows: number;
  tiles: Tile[];
  /** The provinces shown that the layout has no place for, lined up under the map. */
  unplaced: number;
  /** Beyond those, the ones left off the map (a directory of communes is no map). */
  left: number;
}

/** At most this many tiles under the map for provinces the layout does not place. */
export const MOST_UNPLACED = 63;

/** "Bà Rịa - Vũng Tàu" → "BRVT": for a province the labels do not name. */
function initials(name: string): string {
  const words = name
    .replace(/^(Thành phố|Tỉnh|TP\.?)\s+/i, "")
    .split(/[\s-]+/)
    .filter(Boolean);
  return words
    .map((word) => word[0]?.toUpperCase() ?? "")
    .join("")
    .slice(0, 4);
}

/**
 * Places the directory's provinces: the layout that covers most of them (on a tie, the one with
 * fewest places the directory does not know), and `shown` provinces it has no place for in rows
 * under it.
 */
export function placeTiles(tiles: ProvinceTiles, provinces: readonly Agency[], shown: readonly Agency[]): TilePlacement {
  const byId = new Map(provinces.map((agency) => [agency.id, agency]));
  const [layout, cells] = Object.entries(tiles.layouts)
    .map(([name, cells]) => {
      const ids = Object.keys(cells);
      const covered = ids.filter((id) => byId.has(id)).length;
      return { name, cells, covered, unknown: ids.length - covered };
    })
    .sort((a, b) => b.covered - a.covered || a.unknown - b.unknown)
    .map(({ name, cells }) => [name, cells] as const)[0] ?? ["", {}];
  const labelOf = (id: string, agency: Agency | undefined) => tiles.labels[id] ?? (agency ? initials(agency.name) : id.slice(0, 3));
  const placed: Tile[] = Object.entries(cells).map(([id, [col, row]]) => ({
    id,
    col,
    row,
    label: labelOf(id, byId.get(id)),
    agency: byId.get(id),
  }));
  const columns = Math.max(1, ...placed.map((tile) => tile.col + 1));
  let rows = Math.max(0, ...placed.map((tile) => tile.row + 1));
  const unplaced = shown.filter((agency) => !(agency.id in cells));
  const missing = unplaced.slice(0, MOST_UNPLACED);
  if (missing.length > 0) {
    const first = rows + 1;
    missing.forEach((agency, index) => {
      placed.push({
        id: agency.id,
        col: index % columns,
        row: first + Math.floor(index / columns),
        label: labelOf(agency.id, agency),
        agency,
      });
    });
    rows = first + Math.ceil(missing.length / columns);
  }
  return { layout, columns, rows, tiles: placed, unplaced: missing.length, left: unplaced.length - missing.length };
}

/**
 * The sign on a tile beside its colour, one shape per standing, drawn in a 10×10 box at (x, y):
 * an empty ring (not started), a half-filled one (in progress), a back arrow (returned), a tick
 * (submitted), a star (fully compliant). Shapes, not characters, so no font can miss them and
 * the tile's text stays its label alone.
 */
export const StandingMark: FC<{ standing: StandingFilter; x: number; y: number }> = ({ standing, x, y }) => {
  const at = (points: [number, number][]) => points.map(([px, py]) => `${x + px},${y + py}`).join(" ");
  switch (standing) {
    case "not-started":
      return <circle cx={x + 5} cy={y + 5} r={3.6} class="mark-line" />;
    case "in-progress":
      return (
        <g>
          <circle cx={x + 5} cy={y + 5} r={3.6} class="mark-line" />
          <path d={`M${x + 5},${y + 1.4} A3.6,3.6 0 0 0 ${x + 5},${y + 8.6} Z`} class="mark-fill" />
        </g>
      );
    case "returned":
      return (
        <g>
          <polygon
            points={at([
              [1, 4],
              [4.5, 1],
              [4.5, 7],
            ])}
            class="mark-fill"
          />
          <path d={`M${x + 4},${y + 4} H${x + 6.5} A2.5,2.5 0 0 1 ${x + 6.5},${y + 9} H${x + 3}`} class="mark-line" />
        </g>
      );
    case "submitted":
      return (
        <polyline
          points={at([
            [1.2, 5.4],
            [4, 8.2],
            [8.8, 2],
          ])}
          class="mark-line"
        />
      );
    case "compliant":
      return (
        <polygon
          points={at([
            [5, 0.6],
            [6.3, 3.6],
            [9.6, 3.8],
            [7, 6],
            [7.9, 9.3],
            [5, 7.5],
            [2.1, 9.3],
            [3, 6],
            [0.4, 3.8],
            [3.7, 3.6],
          ])}
          class="mark-fill"
        />
      );
  }
};

const CELL = 32;
const TILE = 30;

export const TileMap: FC<{
  t: Translate;
  placement: TilePlacement;
  /** The lines of the provinces the viewer follows in this round; any other tile is drawn faint. */
  summaries: ReadonlyMap<string, AgencySummary>;
  /** Where a tile leads: the agencies table, filtered to it. */
  href: (summary: AgencySummary) => string;
  /** Where the provinces left off the map are listed. */
  moreHref: string;
}> = ({ t, placement, summaries, href, moreHref }) => (
  <figure class="tile-map round-map">
    {/* biome-ignore lint/a11y/useSemanticElements: a drawing of links, named as one group; a fieldset holds form controls. */}
    <svg viewBox={`0 0 ${placement.columns * CELL} ${placement.rows * CELL}`} role="group" aria-label={t("console-round-map-label")}>
      {placement.tiles.map((tile) => {
        const x = tile.col * CELL + 1;
        const y = tile.row * CELL + 1;
        const summary = summaries.get(tile.id);
        if (!summary) {
          return (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a shape with no link, there only to draw the country.
            <g aria-hidden="true" class="tile outside">
              <rect x={x} y={y} width={TILE} height={TILE} rx={3} />
              <text x={x + TILE / 2} y={y + 19}>
                {tile.label}
              </text>
            </g>
          );
        }
        const standing = standingOf(summary);
        // The name holds the tile's visible label too, so that speech input finds the tile by what it shows.
        const name = t("console-round-map-tile", {
          name: summary.agency.name,
          label: tile.label,
          standing: t(`console-standing-${standing}`),
        });
        return (
          <a href={href(summary)} aria-label={name} class={`tile ${standing}`}>
            <rect x={x} y={y} width={TILE} height={TILE} rx={3} />
            <text x={x + TILE / 2} y={y + 13} class="label">
              {tile.label}
            </text>
            <StandingMark standing={standing} x={x + TILE / 2 - 5} y={y + 17} />
          </a>
        );
      })}
    </svg>
    <figcaption>
      <ul class="legend" aria-label={t("console-round-map-legend")}>
        {STANDINGS.map((standing) => (
          <li>
            <svg class={`swatch ${standing}`} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <rect x={0.5} y={0.5} width={15} height={15} rx={2} />
              <StandingMark standing={standing} x={3} y={3} />
            </svg>{" "}
            {t(`console-standing-${standing}`)}
          </li>
        ))}
        <li>
          <svg class="swatch outside" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <rect x={0.5} y={0.5} width={15} height={15} rx={2} />
          </svg>{" "}
          {t("console-round-map-outside")}
        </li>
      </ul>
      {placement.unplaced > 0 ? <p class="small muted">{t("console-round-map-unplaced", { count: placement.unplaced })}</p> : null}
      {placement.left > 0 ? (
        <p class="small">
          <a href={moreHref}>{t("console-round-map-left", { count: placement.left })}</a>
        </p>
      ) : null}
    </figcaption>
  </figure>
);
