import { z } from "zod";
import { readDataFile } from "../domain/data-file.js";
import type { Form } from "../form/schema.js";
import { projectPath } from "../project-root.js";

/**
 * How a round's workbook is laid out for a form whose letter prints its own table (form 488's
 * appendix): data in flows/layouts/<name>.json, read by src/reports/workbook.ts. A form names its
 * layout (`layout` in its file or its workbook's settings); without one, the workbook follows the
 * form's parts, groups and repeats (src/reports/form-workbook.ts).
 *
 * A cell is a template: `{question}` is the answer in the row or entry at hand, `{node.question}`
 * one in a row of the form, `{source.question}` one in the entry an each-block entry comes from,
 * `{each.question}` one in the each-block entry of a list's entry; `{@…}` is what the place gives
 * (`@number`, `@label`, `@name`, `@index`, `@group`, `@groupNumber`, `@text`, `@answer`, `@seq`,
 * `@agency`, `@agencyId`, `@form`, `@round`, `@empty`); `$name` is a cell of `cells`. A cell may also be
 * `{ "parts": [...] }` (joined, each kept only when all it reads is given), `{ "lines": [...] }`
 * (the same, a line each) or `{ "first": [...] }` (the first whose reads are all given).
 */

const templateSchema = z.string();
export type Template = z.infer<typeof templateSchema>;

const cellSchema = z.union([
  templateSchema,
  z.object({ parts: z.array(templateSchema).min(1) }).strict(),
  z.object({ lines: z.array(templateSchema).min(1) }).strict(),
  z.object({ first: z.array(templateSchema).min(1) }).strict(),
]);
export type Cell = z.infer<typeof cellSchema>;

const rowSchema = z.array(cellSchema);

const blockSchema = z.union([
  z.object({ row: rowSchema }).strict(),
  z.object({ header: z.array(z.string()) }).strict(),
  /** A part's number and title as the letter prints them ("2. Hiện trạng của bộ, ngành, địa phương…"). */
  z.object({ partTitle: z.string() }).strict(),
  /**
   * A part of the form as table rows: a row node's, a heading where the group changes, a list's
   * title (`{@empty}`: what a list closed empty says, "Không có" or "Chưa kết nối") and its
   * entries; `single`: the lists printed as one row of their own when they name one system, as
   * the letter prints rows 4.1–4.3.
   */
  z
    .object({
      part: z.string(),
      heading: rowSchema,
      row: rowSchema,
      list: rowSchema,
      entry: z.array(rowSchema),
      each: z.array(rowSchema),
      single: z
        .object({ nodes: z.array(z.string()).min(1), row: rowSchema })
        .strict()
        .optional(),
    })
    .strict(),
  /** A row node's questions, one table row each. */
  z.object({ questions: z.string(), row: rowSchema }).strict(),
]);
export type Block = z.infer<typeof blockSchema>;

const sheetSchema = z.discriminatedUnion("kind", [
  /**
   * One row per targeted agency: status, submission, review, the components, "Đáp ứng 100% yêu
   * cầu"; then the totals as letter 000 words them, and `notes` (what the components stand for).
   */
  z.object({ kind: z.literal("summary"), name: z.string(), notes: z.array(z.string()).default([]) }).strict(),
  /** One sheet per agency, named after it, with `blocks` one under another. */
  z.object({ kind: z.literal("agency"), widths: z.array(z.number().positive()), blocks: z.array(blockSchema).min(1) }).strict(),
  /** One row per entry of every list, all agencies together. */
  z
    .object({
      kind: z.literal("entries"),
      name: z.string(),
      columns: z.array(z.object({ header: z.string(), width: z.number().positive(), cell: cellSchema }).strict()).min(1),
    })
    .strict(),
  /** One row per agency, a column per question of the rows named. */
  z
    .object({
      kind: z.literal("answers"),
      name: z.string(),
      nodes: z.array(z.object({ node: z.string(), width: z.number().positive() }).strict()).min(1),
    })
    .strict(),
]);
export type LayoutSheet = z.infer<typeof sheetSchema>;

export const layoutSchema = z
  .object({
    title: templateSchema,
    source: z.string().optional(),
    sheets: z.array(sheetSchema).min(1),
    cells: z.record(z.string(), cellSchema).default({}),
  })
  .strict();
export type Layout = z.infer<typeof layoutSchema>;

export class LayoutError extends Error {}

const loaded = new Map<string, Layout>();

export function loadLayout(name: string): Layout {
  let layout = loaded.get(name);
  if (!layout) {
    layout = readDataFile(
      projectPath("flows", "layouts", `${name}.json`),
      layoutSchema,
      `the layout ${name}`,
      (message) => new LayoutError(message),
    );
    loaded.set(name, layout);
  }
  return layout;
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** The cell `$name` stands for (itself when it names none): the one place a named cell is looked up. */
export function resolveCell(layout: Layout, cell: Cell): Cell {
  const named = typeof cell === "string" && cell.startsWith("$") ? layout.cells[cell.slice(1)] : undefined;
  return named === undefined ? cell : resolveCell(layout, named);
}

/** The templates of a cell, `$name` resolved. */
export function templatesOf(layout: Layout, cell: Cell): Template[] {
  const resolved = resolveCell(layout, cell);
  if (typeof resolved === "string") return [resolved];
  return "parts" in resolved ? resolved.parts : "lines" in resolved ? resolved.lines : resolved.first;
}

/** What a template reads, `{…}` by `{…}`. */
export const readsOf = (template: Template): string[] => [...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string);

/** A template with each `{…}` given by `value`; alone in its template, a value keeps its type (a number stays a number). */
export function fill(template: Template, value: (read: string) => string | number | undefined): string | number | undefined {
  const whole = /^\{([^{}]+)\}$/.exec(template);
  if (whole) return value(whole[1] as string);
  return template.replace(PLACEHOLDER, (_, read: string) => String(value(read) ?? ""));
}

/**
 * Something a layout reads that the form lacks (`lacks` question, row or part), or a named cell it
 * does not define (its own slip), and the sheet of the round's workbook that would come out wrong:
 * `sheet` undefined for the agencies' own sheets.
 */
export interface LayoutProblem {
  lacks: "question" | "row" | "part" | "cell";
  name: string;
  sheet: string | undefined;
  column?: string;
}

/**
 * What the layout reads that the form lacks, so that a misspelt id is caught before a round's
 * workbook comes out blank: `{question}` must be a question of some row or list (a shared cell
 * reads questions that only some rows have), `{node.question}` one of that row.
 */
export function layoutProblems(layout: Layout, form: Form): LayoutProblem[] {
  const nodes = form.parts.flatMap((part) => part.nodes);
  const problems: LayoutProblem[] = [];
  const check = (cell: Cell, where: Pick<LayoutProblem, "sheet" | "column">) => {
    if (typeof cell === "string" && cell.startsWith("$") && !layout.cells[cell.slice(1)])
      problems.push({ lacks: "cell", name: cell, ...where });
    for (const read of templatesOf(layout, cell).flatMap(readsOf)) {
      if (read.startsWith("@")) continue;
      const [prefix, question] = read.includes(".") ? (read.split(".") as [string, string]) : [undefined, read];
      const among = nodes.filter((node) =>
        prefix === undefined
          ? true
          : prefix === "source"
            ? node.kind === "repeat"
            : prefix === "each"
              ? node.kind === "each"
              : node.id === prefix,
      );
      if (!among.some((node) => node.questions.some((candidate) => candidate.id === question)))
        problems.push({ lacks: "question", name: read, ...where });
    }
  };
  for (const sheet of layout.sheets) {
    if (sheet.kind === "entries") for (const column of sheet.columns) check(column.cell, { sheet: sheet.name, column: column.header });
    if (sheet.kind === "answers")
      for (const { node } of sheet.nodes)
        if (!nodes.some((candidate) => candidate.id === node)) problems.push({ lacks: "row", name: node, sheet: sheet.name });
    if (sheet.kind !== "agency") continue;
    for (const block of sheet.blocks) {
      if ("header" in block) continue;
      if ("partTitle" in block) {
        if (!form.parts.some((part) => part.id === block.partTitle))
          problems.push({ lacks: "part", name: block.partTitle, sheet: undefined });
        continue;
      }
      if ("questions" in block && !nodes.some((node) => node.id === block.questions))
        problems.push({ lacks: "row", name: block.questions, sheet: undefined });
      if ("part" in block && !form.parts.some((part) => part.id === block.part))
        problems.push({ lacks: "part", name: block.part, sheet: undefined });
      if ("part" in block)
        for (const node of block.single?.nodes ?? [])
          if (!nodes.some((candidate) => candidate.id === node && candidate.kind === "repeat"))
            problems.push({ lacks: "row", name: node, sheet: undefined });
      const rows =
        "part" in block
          ? [block.heading, block.row, block.list, ...block.entry, ...block.each, ...(block.single ? [block.single.row] : [])]
          : [block.row];
      for (const cell of rows.flat()) check(cell, { sheet: undefined });
    }
  }
  return problems;
}
