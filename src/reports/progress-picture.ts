import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import type { ComponentStatus } from "../form/compliance.js";
import type { AgencyRow, RoundProgress } from "../services/progress.js";
import { clip, escapeHtml } from "../views.js";

/**
 * The progress of a round as a picture: agencies down, components across, each cell coloured by
 * status and marked with its letter-like sign; provinces and ministries side by side so it reads on a phone. SVG rendered to PNG by
 * resvg with the DejaVu font shipped on npm, so Vietnamese names render without a browser or
 * system fonts.
 */

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
const FONTS = [join(FONT_DIR, "DejaVuSans.ttf"), join(FONT_DIR, "DejaVuSans-Bold.ttf")];

export const STATUS_COLOURS: Record<ComponentStatus, string> = {
  met: "#2e9e4f",
  partial: "#f0ad1c",
  not_met: "#d64541",
  unanswered: "#d5d8dc",
  not_applicable: "#ffffff",
};

/**
 * A mark in each cell beside its colour, so that the picture reads without telling red from green
 * (a colour-blind reader, a print in black and white): the legend shows both.
 */
export const STATUS_MARKS: Record<ComponentStatus, string> = {
  met: "✓",
  partial: "½",
  not_met: "✗",
  unanswered: "?",
  not_applicable: "–",
};

/** The mark's colour on its cell: white where the cell is dark, black where it is light. */
const MARK_COLOURS: Record<ComponentStatus, string> = {
  met: "#ffffff",
  partial: "#000000",
  not_met: "#ffffff",
  unanswered: "#333333",
  not_applicable: "#333333",
};

const mark = (status: ComponentStatus, cx: number, y: number) =>
  `<text x="${cx}" y="${y}" font-size="12" font-weight="bold" text-anchor="middle" fill="${MARK_COLOURS[status]}">${STATUS_MARKS[status]}</text>`;

const ROW = 18;
const NAME = 190;
const CELL = 30;
const PANEL = NAME + CELL * 6 + 20;

export interface PictureLabels {
  title: string;
  legend: Record<ComponentStatus, string>;
  /** The components' short names, in the order of the columns. */
  components: string[];
  submitted: string;
  provinces: string;
  ministries: string;
  /** A line under the legend saying what the columns stand for (form 488: the appendix's items, and letter 000's requirements). */
  note?: string;
}

function panel(rows: AgencyRow[], x: number, heading: string, progress: RoundProgress, labels: PictureLabels): string {
  const parts = [`<text x="${x}" y="64" font-weight="bold" font-size="14">${escapeHtml(heading)}</text>`];
  progress.components.forEach((component, index) => {
    parts.push(`<text x="${x + NAME + index * CELL + CELL / 2}" y="84" font-size="12" text-anchor="middle">${component.id}</text>`);
  });
  parts.push(
    `<text x="${x + NAME + progress.components.length * CELL + CELL / 2}" y="84" font-size="11" text-anchor="middle">${escapeHtml(labels.submitted)}</text>`,
  );
  rows.forEach((row, index) => {
    const y = 92 + index * ROW;
    const name = clip(row.agency.name, 26);
    parts.push(`<text x="${x}" y="${y + 13}" font-size="12">${escapeHtml(name)}</text>`);
    row.components.forEach((status, column) => {
      parts.push(
        `<rect x="${x + NAME + column * CELL + 1}" y="${y + 1}" width="${CELL - 2}" height="${ROW - 2}" rx="3" fill="${STATUS_COLOURS[status]}"/>`,
        mark(status, x + NAME + column * CELL + CELL / 2, y + 13),
      );
    });
    const cx = x + NAME + progress.components.length * CELL + CELL / 2;
    parts.push(
      `<text x="${cx}" y="${y + 13}" font-size="13" text-anchor="middle" fill="${row.submitted ? "#2e9e4f" : "#999"}">${row.submitted ? "✔" : "·"}</text>`,
    );
  });
  return parts.join("");
}

/** Words into lines of at most `width` characters (a longer word stands alone). */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

export function progressSvg(progress: RoundProgress, labels: PictureLabels): string {
  const byName = (a: AgencyRow, b: AgencyRow) => a.agency.name.localeCompare(b.agency.name, "vi");
  const provinces = progress.rows.filter((row) => row.agency.kind === "province").sort(byName);
  const ministries = progress.rows.filter((row) => row.agency.kind === "ministry").sort(byName);
  const panels = [provinces, ministries].filter((rows) => rows.length > 0);
  const width = Math.max(PANEL * panels.length + 16, 520);
  // The components' names under the colours, wrapped to the picture's width (about 7 px a character).
  const names: { x: number; line: number; text: string }[] = [];
  let x = 12;
  let line = 0;
  for (const [index, name] of labels.components.entries()) {
    const text = `${index + 1} ${name}`;
    const wide = text.length * 7 + 24;
    if (x > 12 && x + wide > width - 12) {
      line += 1;
      x = 12;
    }
    names.push({ x, line, text });
    x += wide;
  }
  // The note under the names, wrapped to the picture's width (about 6 px a character at its size).
  const noteLines = wrapWords(labels.note ?? "", Math.floor((width - 24) / 6));
  const lines = (names.length ? Math.max(...names.map((name) => name.line)) + 1 : 0) + noteLines.length;
  const height = 92 + Math.max(...panels.map((rows) => rows.length), 1) * ROW + 50 + lines * 18;
  // "Not applicable" (an empty cell) is named only where some cell shows it.
  const shown = (Object.keys(STATUS_COLOURS) as ComponentStatus[]).filter(
    (status) => status !== "not_applicable" || progress.rows.some((row) => row.components.includes(status)),
  );
  const legend = shown
    .map(
      (status, index) =>
        `<rect x="${12 + index * 130}" y="${height - 32 - lines * 18}" width="14" height="14" rx="3" fill="${STATUS_COLOURS[status]}"/>${mark(status, 19 + index * 130, height - 21 - lines * 18)}<text x="${32 + index * 130}" y="${height - 20 - lines * 18}" font-size="12">${escapeHtml(labels.legend[status])}</text>`,
    )
    .join("");
  const componentLegend =
    names
      .map((name) => `<text x="${name.x}" y="${height - 14 - (lines - 1 - name.line) * 18}" font-size="12">${escapeHtml(name.text)}</text>`)
      .join("") +
    noteLines
      .map(
        (text, index) =>
          `<text x="12" y="${height - 14 - (noteLines.length - 1 - index) * 18}" font-size="11" fill="#444">${escapeHtml(text)}</text>`,
      )
      .join("");
  const body = panels
    .map((rows, index) => panel(rows, 12 + index * PANEL, rows === provinces ? labels.provinces : labels.ministries, progress, labels))
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans"><rect width="100%" height="100%" fill="#ffffff"/><text x="12" y="30" font-size="17" font-weight="bold">${escapeHtml(labels.title)}</text>${body}${legend}${componentLegend}</svg>`;
}

export function progressPng(progress: RoundProgress, labels: PictureLabels): Buffer {
  const resvg = new Resvg(progressSvg(progress, labels), {
    font: { fontFiles: FONTS, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
    fitTo: { mode: "zoom", value: 1.5 },
  });
  return resvg.render().asPng();
}
