import { z } from "zod";
import { checkData, readDataFile } from "../domain/data-file.js";
import { translatorFor } from "../i18n.js";
import { projectPath } from "../project-root.js";
import { layoutExists } from "../reports/layout-files.js";
import { ExpressionError, parseExpression, references } from "./xlsform/expression.js";

/**
 * The language reporting forms are written in (flows/form-*.json). Kept small on purpose:
 * parts hold rows (asked once), repeats (a list the officer grows one entry at a time) and
 * "each" blocks (asked once per entry of a repeat); questions are text, choice, integer,
 * month, phone, e-mail, a photo or a place, shown when their `relevant` expression holds.
 */

const slug = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "ids are ASCII letters, digits and _ starting with a letter");

// Option ids travel in buttons and in XLSForm expressions (selected(${q}, 'id')): no spaces.
const optionSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/),
    text: z.string().min(1),
    /** The choices sheet's other columns a choice_filter reads (a district's province). */
    fields: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/** XLSForm's choice_filter: the options offered are those for which it holds (cascading lists: a province's districts). */
const choiceFilter = z.string().optional();

const questionBase = {
  id: slug,
  text: z.string().min(1),
  /** A few words that name the question beside the others of its row, where space is short (the review, an entry's answers). */
  short: z.string().min(1).optional(),
  hint: z.string().optional(),
  optional: z.boolean().default(false),
  /** Kept on the member too, and pre-filled in their later responses. */
  profile: z.enum(["fullName", "position", "phone", "email", "workplace"]).optional(),
  /**
   * A one-tap answer the bot already knows: "agency", the body an officer of the agency works at
   * (src/form/views.ts, `workplaceOf`); "system", the answer the system's own row gave to the
   * question of the same id (row 5's managing body: the one given for the system in row 1 or 4).
   */
  suggest: z.enum(["agency", "system"]).optional(),
  /**
   * An XLSForm expression (src/form/xlsform/expression.ts): asked only when it holds. It reads the
   * questions of its own row or entry by id, others by `names`, and `agency-kind()`.
   */
  relevant: z.string().optional(),
  /** An XLSForm expression over `.`, the answer: accepted only when it holds, else `constraintMessage`. */
  constraint: z.string().optional(),
  constraintMessage: z.string().optional(),
  /** Why a required question needs its answer (XLSForm's required_message), said when an officer tries to skip it or leaves it for later. */
  requiredMessage: z.string().optional(),
  /** Text shown above the question (an XLSForm note before it). */
  preface: z.string().optional(),
  /**
   * XLSForm's `default`, as XLSForm stores the answer (a choice's name, `2026-12-31`): offered as a
   * one-tap answer, never stored by itself (src/form/defaults.ts).
   */
  default: z.string().min(1).optional(),
};

export const questionSchema = z.discriminatedUnion("type", [
  z.object({ ...questionBase, type: z.literal("text"), maxLength: z.number().int().positive().max(4000).default(1000) }).strict(),
  z.object({ ...questionBase, type: z.literal("choice"), options: slug, choiceFilter }).strict(),
  z
    .object({
      ...questionBase,
      type: z.literal("integer"),
      min: z.number().int().default(0),
      max: z.number().int().default(1_000_000),
      /** A sibling integer this one may not be smaller than (a total and its part). */
      atLeast: slug.optional(),
    })
    .strict(),
  z.object({ ...questionBase, type: z.literal("month") }).strict(),
  z.object({ ...questionBase, type: z.literal("decimal") }).strict(),
  z.object({ ...questionBase, type: z.literal("date") }).strict(),
  /** Several options of the set, stored as their ids separated by spaces (XLSForm's select_multiple). */
  z.object({ ...questionBase, type: z.literal("multi"), options: slug, choiceFilter }).strict(),
  z.object({ ...questionBase, type: z.literal("phone") }).strict(),
  z.object({ ...questionBase, type: z.literal("email") }).strict(),
  /** Read and confirmed with one button (XLSForm's acknowledge): stored as "OK", as ODK stores it. */
  z.object({ ...questionBase, type: z.literal("acknowledge") }).strict(),
  /** A photo sent in chat, stored as the messenger's file id or `stored:<id>` (bytes the bot keeps, src/storage/attachments.ts). */
  z.object({ ...questionBase, type: z.literal("image") }).strict(),
  /** A place: a location shared (Telegram) or coordinates typed, stored as XLSForm writes a geopoint, "lat lon". */
  z.object({ ...questionBase, type: z.literal("geopoint") }).strict(),
  /** Never asked: worked out from other answers whenever read (XLSForm's calculate), so it never disagrees with them. */
  z.object({ ...questionBase, type: z.literal("calculate"), calculation: z.string().min(1) }).strict(),
]);

const nodeBase = {
  id: slug,
  number: z.string().optional(),
  /** A heading shared by consecutive nodes (row 4 over 4.1-4.3). */
  group: z.string().optional(),
  label: z.string().optional(),
  /** The row's name in a few words, shown on its questions once its full label has been shown ("HTTT giải quyết TTHC"). */
  short: z.string().min(1).optional(),
  hint: z.string().optional(),
  relevant: z.string().optional(),
  // At least one: a repeat names its entries with the first.
  questions: z.tuple([questionSchema], questionSchema),
};

const nodeSchema = z.discriminatedUnion("kind", [
  z.object({ ...nodeBase, kind: z.literal("row") }).strict(),
  z
    .object({
      ...nodeBase,
      kind: z.literal("repeat"),
      maxEntries: z.number().int().positive().default(50),
      /** XLSForm's repeat_count: an expression over earlier answers (or a number), how many entries the list asks for. */
      count: z.string().optional(),
      /** What an empty list says: nothing to report ("none", the default), or not done yet ("not-yet": not met). */
      whenEmpty: z.enum(["none", "not-yet"]).default("none"),
    })
    .strict(),
  /** Asked once for every entry of the repeats named, in their order. */
  z.object({ ...nodeBase, kind: z.literal("each"), of: z.array(slug).min(1) }).strict(),
]);

const statusSchema = z.enum(["met", "partial", "not_met"]);

/**
 * What "met" means for this form (letter 000's "đáp ứng 100% yêu cầu"): the option sets whose
 * answers count and the status each option stands for; the components and the rows that show
 * each, a row with `atLeast` requiring that many entries listed.
 */
const complianceSchema = z
  .object({
    source: z.string().optional(),
    statuses: z.record(slug, z.record(z.string(), statusSchema)),
    components: z
      .array(
        z
          .object({
            id: z.string().min(1),
            short: z.string().min(1),
            rows: z.array(z.object({ node: slug, atLeast: z.number().int().positive().optional() }).strict()).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

const partSchema = z
  .object({
    id: slug,
    number: z.string(),
    title: z.string().min(1),
    /** The part's title in a few words, for the review's list of parts. */
    short: z.string().min(1).optional(),
    nodes: z.array(nodeSchema).min(1),
  })
  .strict();

export const formSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
    version: z.number().int().positive(),
    title: z.string().min(1),
    source: z.string().optional(),
    optionSets: z.record(slug, z.array(optionSchema).min(2)),
    compliance: complianceSchema.optional(),
    /**
     * How the round's workbook is laid out: a layout of flows/layouts/ (appendix-488: like the
     * appendix of letter 488, its table per agency, its systems), or by the form's parts, groups
     * and repeats.
     */
    layout: z
      .string()
      .default("by-groups")
      .refine((name) => name === "by-groups" || layoutExists(name), { message: "no such layout in flows/layouts/" }),
    parts: z.array(partSchema).min(1),
    /** For forms from XLSForm: each question's name as expressions write it, and where it is. */
    names: z.record(z.string(), z.object({ node: slug, question: slug }).strict()).optional(),
    /** For forms from XLSForm: their texts in other languages, under the keys of src/form/texts.ts. */
    translations: z.record(z.string(), z.record(z.string(), z.string())).optional(),
    /** Shown once the report is submitted (XLSForm notes at the end). */
    closing: z.string().optional(),
  })
  .strict()
  .superRefine((form, ctx) => {
    const nodeIds = new Set<string>();
    const repeats = new Set<string>();
    for (const [p, part] of form.parts.entries()) {
      for (const [n, node] of part.nodes.entries()) {
        const at = ["parts", p, "nodes", n];
        if (nodeIds.has(node.id)) ctx.addIssue({ code: "custom", path: [...at, "id"], message: `duplicate node id ${node.id}` });
        nodeIds.add(node.id);
        if (node.kind === "repeat") {
          repeats.add(node.id);
          if (node.questions[0]?.type !== "text") {
            ctx.addIssue({
              code: "custom",
              path: [...at, "questions", 0],
              message: "a repeat's first question names the entry: type text",
            });
          }
        }
        const nodeProblem =
          node.relevant === undefined ? undefined : expressionProblem(node.relevant, (name) => name in (form.names ?? {}));
        if (nodeProblem) ctx.addIssue({ code: "custom", path: [...at, "relevant"], message: nodeProblem });
        const countProblem =
          node.kind === "repeat" && node.count !== undefined
            ? expressionProblem(node.count, (name) => name in (form.names ?? {}))
            : undefined;
        if (countProblem) ctx.addIssue({ code: "custom", path: [...at, "count"], message: countProblem });
        for (const source of node.kind === "each" ? node.of : []) {
          if (!repeats.has(source))
            ctx.addIssue({ code: "custom", path: [...at, "of"], message: `"each" must follow the repeats it goes over (${source})` });
        }
        const questionIds = new Set<string>();
        for (const [q, question] of node.questions.entries()) {
          const qAt = [...at, "questions", q];
          if (questionIds.has(question.id))
            ctx.addIssue({ code: "custom", path: [...qAt, "id"], message: `duplicate question id ${question.id}` });
          questionIds.add(question.id);
          if ((question.type === "choice" || question.type === "multi") && !form.optionSets[question.options]) {
            ctx.addIssue({ code: "custom", path: [...qAt, "options"], message: `unknown option set ${question.options}` });
          }
          for (const [column, source] of [
            ["relevant", question.relevant],
            ["constraint", question.constraint],
            ["calculation", question.type === "calculate" ? question.calculation : undefined],
            ["choiceFilter", question.type === "choice" || question.type === "multi" ? question.choiceFilter : undefined],
          ] as const) {
            const known = (name: string) => (questionIds.has(name) && name !== question.id) || name in (form.names ?? {});
            const problem = source === undefined ? undefined : expressionProblem(source, known, column === "choiceFilter");
            if (problem) ctx.addIssue({ code: "custom", path: [...qAt, column], message: problem });
          }
          if (question.type === "integer" && question.atLeast && !questionIds.has(question.atLeast)) {
            ctx.addIssue({
              code: "custom",
              path: [...qAt, "atLeast"],
              message: `atLeast names ${question.atLeast}, not an earlier question`,
            });
          }
        }
      }
    }
    for (const [set, statuses] of Object.entries(form.compliance?.statuses ?? {})) {
      const options = form.optionSets[set]?.map((option) => option.id);
      if (!options) ctx.addIssue({ code: "custom", path: ["compliance", "statuses", set], message: `unknown option set ${set}` });
      for (const option of options ? Object.keys(statuses) : []) {
        if (!options?.includes(option))
          ctx.addIssue({ code: "custom", path: ["compliance", "statuses", set, option], message: `${set} has no option ${option}` });
      }
    }
    for (const [c, component] of (form.compliance?.components ?? []).entries()) {
      for (const [r, row] of component.rows.entries()) {
        if (!nodeIds.has(row.node))
          ctx.addIssue({ code: "custom", path: ["compliance", "components", c, "rows", r, "node"], message: `unknown node ${row.node}` });
      }
    }
  });

export type Form = z.infer<typeof formSchema>;
export type Part = Form["parts"][number];
export type FormNode = Part["nodes"][number];
export type Question = FormNode["questions"][number];
export type Option = z.infer<typeof optionSchema>;
export type ComplianceRule = z.infer<typeof complianceSchema>;
export type ComponentRule = ComplianceRule["components"][number];

/** The options a question offers: its set's, for one option or several; none otherwise. */
export function optionsOf(form: Form, question: Question): readonly Option[] {
  return question.type === "choice" || question.type === "multi" ? (form.optionSets[question.options] ?? []) : [];
}

/** Why an expression cannot stand, if it cannot: it does not parse, or reads what is not there before it. */
function expressionProblem(source: string, known: (name: string) => boolean, fields = false): string | undefined {
  try {
    const unknown = references(parseExpression(source, fields)).filter((name) => !known(name));
    return unknown.length ? `${source} reads ${unknown.join(", ")}, not an earlier question of this row or entry` : undefined;
  } catch (error) {
    if (error instanceof ExpressionError) return `${source}: ${translatorFor("en")(error.key, error.params)}`;
    throw error;
  }
}

export class FormError extends Error {}

export function parseForm(json: unknown, source: string): Form {
  return checkData(json, formSchema, `the form ${source}`, (message) => new FormError(message));
}

export function loadForm(file = projectPath("flows", "form-488.json")): Form {
  return readDataFile(file, formSchema, "the form", (message) => new FormError(message));
}
