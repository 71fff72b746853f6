import { z } from "zod";

/**
 * A questionnaire as its XLSForm workbook says it, once checked (src/form/xlsform/read.ts): the
 * survey as a tree of groups, repeats and questions, the choice lists, the settings. Kept as
 * imported, versioned, in Redis (src/storage/forms.ts); expressions stay as written, checked.
 */

export const QUESTION_TYPES = [
  "text",
  "integer",
  "decimal",
  "date",
  "select_one",
  "select_multiple",
  "note",
  "calculate",
  "acknowledge",
  "image",
  "geopoint",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * The survey columns of our dialect, for what a chat form has beyond XLSForm (form 488's; README,
 * "Form 488 as XLSForm"), in the order a workbook shows them.
 */
export const DIALECT_SURVEY_COLUMNS = [
  "number",
  "max_length",
  "min",
  "max",
  "at_least",
  "profile",
  "suggest",
  "each",
  "when_empty",
] as const;

/** The languages the bot speaks: a label column per language, `label::Tiếng Việt (vi)`, `label::English (en)`. */
export const FORM_LANGUAGES = ["vi", "en"] as const;
export type FormLanguage = (typeof FORM_LANGUAGES)[number];

/** A text in each language the workbook gives it in; Vietnamese always. */
const labelSchema = z.object({ vi: z.string().min(1), en: z.string().min(1).optional() });
export type Label = z.infer<typeof labelSchema>;

const questionSchema = z.object({
  kind: z.literal("question"),
  type: z.enum(QUESTION_TYPES),
  name: z.string(),
  label: labelSchema,
  /** Our dialect: the question in a few words (`short::…` columns), for the review. */
  short: labelSchema.optional(),
  hint: labelSchema.optional(),
  required: z.boolean(),
  relevant: z.string().optional(),
  constraint: z.string().optional(),
  constraintMessage: labelSchema.optional(),
  requiredMessage: labelSchema.optional(),
  /** A calculate's expression (the `calculation` column): worked out, never asked. */
  calculation: z.string().optional(),
  /** The choice list of a select_one or select_multiple. */
  list: z.string().optional(),
  /** `or_other`: the list gains "Other", and a text asks what it is (`<name>_other`), as pyxform makes it. */
  orOther: z.boolean().optional(),
  /** Which choices are offered, by an expression over each choice's columns (`province = ${province}`). */
  choiceFilter: z.string().optional(),
  /** Our dialect (README, "Form 488 as XLSForm"): `month-year` on a date, `phone` or `email` on a text. */
  appearance: z.enum(["month-year", "phone", "email"]).optional(),
  maxLength: z.number().int().optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  /** An earlier integer of the same field-list group or repeat this one may not be below. */
  atLeast: z.string().optional(),
  profile: z.enum(["fullName", "position", "phone", "email", "workplace"]).optional(),
  suggest: z.enum(["agency", "system"]).optional(),
  /** XLSForm's `default`, a value as the answer is stored: offered as a one-tap answer. */
  default: z.string().optional(),
  /** The workbook's row, for messages about it. */
  row: z.number().int(),
});

export type XlsQuestion = z.infer<typeof questionSchema>;

/**
 * A group or a repeat. A group with appearance `field-list` is one row of several questions (a
 * row of the appendix's table); a repeat with `each` is asked once per entry of the repeats it
 * names. `number` is the row's number as the letter prints it.
 */
export interface XlsSection {
  kind: "group" | "repeat";
  name: string;
  label: Label | undefined;
  /** Our dialect: a row's or a part's name in a few words. */
  short?: Label | undefined;
  hint?: Label | undefined;
  relevant: string | undefined;
  fieldList?: boolean | undefined;
  number?: string | undefined;
  each?: string[] | undefined;
  whenEmpty?: "none" | "not-yet" | undefined;
  /** A repeat's repeat_count: how many entries it asks for, a number or an expression over earlier answers. */
  count?: string | undefined;
  items: XlsItem[];
  row: number;
}

export type XlsItem = XlsQuestion | XlsSection;

const itemSchema: z.ZodType<XlsItem> = z.lazy(() =>
  z.union([
    questionSchema,
    z.object({
      kind: z.enum(["group", "repeat"]),
      name: z.string(),
      label: labelSchema.optional(),
      short: labelSchema.optional(),
      hint: labelSchema.optional(),
      relevant: z.string().optional(),
      fieldList: z.boolean().optional(),
      number: z.string().optional(),
      each: z.array(z.string()).optional(),
      whenEmpty: z.enum(["none", "not-yet"]).optional(),
      count: z.string().optional(),
      items: z.array(itemSchema),
      row: z.number().int(),
    }),
  ]),
) as z.ZodType<XlsItem>;

const choiceSchema = z.object({
  name: z.string(),
  label: labelSchema,
  /** Its other columns that a choice_filter reads. */
  fields: z.record(z.string(), z.string()).optional(),
  /** What choosing it says of the component it counts for (the choices sheet's `compliance` column). */
  compliance: z.enum(["met", "partial", "not_met"]).optional(),
});
export type XlsChoice = z.infer<typeof choiceSchema>;

/**
 * What "met" means for the form (the `compliance` sheet): each component and the questions (or
 * field-list groups, or repeats, whose entries' answers count, at least `minEntries` of them) that
 * decide it. A component may take several rows, for targets with different `minEntries`.
 */
const componentSchema = z.object({
  id: z.string(),
  label: labelSchema,
  targets: z.array(z.string()).min(1),
  minEntries: z.number().int().positive().optional(),
});
export type XlsComponent = z.infer<typeof componentSchema>;

export const xlsFormSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  title: z.string(),
  /** The letter the form comes from; the letter its compliance rule comes from. */
  source: z.string().optional(),
  complianceSource: z.string().optional(),
  /** "by-groups", or a layout of flows/layouts/ (src/reports/layout.ts). */
  layout: z.string().optional(),
  items: z.array(itemSchema),
  choices: z.record(z.string(), z.array(choiceSchema)),
  compliance: z.array(componentSchema).optional(),
});

export type XlsForm = z.infer<typeof xlsFormSchema>;

/** Every question of the form, in the order it is asked, with the repeat it is in. */
export function questionsOf(items: XlsItem[], repeat?: string): { question: XlsQuestion; repeat: string | undefined }[] {
  return items.flatMap((item) =>
    item.kind === "question" ? [{ question: item, repeat }] : questionsOf(item.items, item.kind === "repeat" ? item.name : repeat),
  );
}
