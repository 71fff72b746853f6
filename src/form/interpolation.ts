import { type Form, type FormNode, type Option, optionsOf, type Question } from "./schema.js";
import { formTextKeys } from "./texts.js";
import { displayAnswer } from "./validators.js";
import type { Scope } from "./xlsform/expression.js";

/**
 * `${name}` inside a question's texts (XLSForm label interpolation, as KoBo and ODK show it): the
 * answer that name reads in the question's row or entry, in the words the review gives it. A
 * choice's answer travels as its options, so each officer reads them in their own language.
 *
 * `jr:choice-name(${q}, '${q}')`, which ODK needs to show a choice's label rather than its name,
 * reads the same here: a choice is always shown by its label. Of a select_multiple ODK finds no
 * label (the answer is several names); here it shows the labels of all chosen, as `${q}` does.
 *
 * A choice's own label may read answers too ("Có, ${name} đồng ý"), as in ODK: in the scope of the
 * question that offers it, so its fills travel with that question's (a slot's `fills`), and a
 * choice shown inside another text carries the fills its label needs.
 */

export type Fill = { text: string } | { options: readonly Option[]; set: string; fills?: Fills };
export type Fills = Readonly<Record<string, Fill>>;

/** How deep a choice's label may show a choice whose label shows another: enough for any form, and no loop. */
const NESTING = 3;

const NAME = "[A-Za-z_][A-Za-z0-9_.-]*";
const REFERENCE = new RegExp(`\\$\\{(${NAME})\\}`, "g");
/** The form ODK's documents give, the question's answer and its own name (quotes as Excel may curl them). */
const CHOICE_NAME = new RegExp(`jr:choice-name\\(\\s*\\$\\{(${NAME})\\}\\s*,\\s*['"‘’“”]\\s*\\$\\{\\1\\}\\s*['"‘’“”]\\s*\\)`, "g");
/** What a text shows an answer by: the label of a choice first, so its `${q}` inside is not filled on its own. */
const SHOWN = new RegExp(`${CHOICE_NAME.source}|${REFERENCE.source}`, "g");

/** The names `jr:choice-name(${q}, '${q}')` shows in a text, in order, each once. */
export function choiceNamesIn(text: string | undefined): string[] {
  return [...new Set([...(text ?? "").matchAll(CHOICE_NAME)].map((match) => match[1] as string))];
}

/** The text without the `jr:choice-name()` calls the chat shows: what is left of them is a use it does not serve. */
export const withoutChoiceNames = (text: string): string => text.replace(CHOICE_NAME, "");

/** The names `${…}` reads in a text, in order, each once. */
export function referencesIn(text: string | undefined): string[] {
  return [...new Set([...(text ?? "").matchAll(REFERENCE)].map((match) => match[1] as string))];
}

const readByQuestion = new WeakMap<Question, string[]>();
const readByOptions = new WeakMap<readonly Option[], string[]>();

/** What the labels of an option set, in every language the form carries, read: worked out once per set. */
function namesReadByOptions(form: Form, set: string): string[] {
  const options = form.optionSets[set];
  if (!options) return [];
  let names = readByOptions.get(options);
  if (!names) {
    const translated = Object.values(form.translations ?? {}).flatMap((texts) =>
      options.map((option) => texts[formTextKeys.option(set, option)]),
    );
    names = [...new Set([...options.map((option) => option.text), ...translated].flatMap(referencesIn))];
    readByOptions.set(options, names);
  }
  return names;
}

const optionSetOf = (question: Question | undefined): string | undefined =>
  question?.type === "choice" || question?.type === "multi" ? question.options : undefined;

/** What the question's texts (and its row's title), in every language the form carries, read: worked out once per question. */
function namesRead(form: Form, node: FormNode, question: Question): string[] {
  let names = readByQuestion.get(question);
  if (!names) {
    const keys = [
      formTextKeys.question(node, question),
      formTextKeys.questionHint(node, question),
      formTextKeys.preface(node, question),
      formTextKeys.constraintMessage(node, question),
      formTextKeys.label(node),
      formTextKeys.nodeHint(node),
    ];
    const translated = Object.values(form.translations ?? {}).flatMap((texts) => keys.map((key) => texts[key]));
    const texts = [question.text, question.hint, question.preface, question.constraintMessage, node.label, node.hint, ...translated];
    const set = optionSetOf(question);
    names = [...new Set([...texts.flatMap(referencesIn), ...(set === undefined ? [] : namesReadByOptions(form, set))])];
    readByQuestion.set(question, names);
  }
  return names;
}

/** The question a name reads from this row or entry: the form's by name, else a sibling by id. */
function questionNamed(form: Form, node: FormNode | undefined, name: string): Question | undefined {
  const target = form.names?.[name];
  if (!target) return node?.questions.find((question) => question.id === name);
  for (const part of form.parts)
    for (const candidate of part.nodes) if (candidate.id === target.node) return candidate.questions.find((q) => q.id === target.question);
  return undefined;
}

/** The fills a question's texts need, read through `reads` (the row's or entry's scope); undefined when its texts read nothing. */
export function fillsOf(form: Form, node: FormNode, question: Question, reads: Scope): Fills | undefined {
  return fillsFor(form, node, namesRead(form, node, question), reads);
}

/** The fills only its options' labels need (an export, which shows the answer and not the question); undefined when they read nothing. */
export function optionFills(form: Form, node: FormNode, question: Question, reads: Scope): Fills | undefined {
  const set = optionSetOf(question);
  return set === undefined ? undefined : fillsFor(form, node, namesReadByOptions(form, set), reads);
}

/** The question's options with their labels filled, in the form's own words (Vietnamese), as answers are displayed and exported. */
export function optionsShown(form: Form, question: Question, fills: Fills | undefined): readonly Option[] {
  return filledOptions(optionsOf(form, question), fills);
}

/** These options with their labels filled, in the form's own words: what an officer reads, and so may type. */
export function filledOptions(options: readonly Option[], fills: Fills | undefined): readonly Option[] {
  if (!fills) return options;
  return options.map((option) => ({ ...option, text: interpolate(option.text, fills, (_, chosen) => chosen.text) }));
}

/**
 * The fills the form's closing words need (the notes after its last question, said once the
 * report is submitted), read through `reads` (the form's own scope: a name given once in the form);
 * undefined when they read nothing.
 */
export function closingFills(form: Form, reads: Scope): Fills | undefined {
  const translated = Object.values(form.translations ?? {}).map((texts) => texts[formTextKeys.closing]);
  return fillsFor(form, undefined, [...new Set([form.closing, ...translated].flatMap(referencesIn))], reads);
}

function fillsFor(form: Form, node: FormNode | undefined, names: readonly string[], reads: Scope, depth = 0): Fills | undefined {
  if (!names.length) return undefined;
  const fills: Record<string, Fill> = {};
  for (const name of names) {
    const value = reads.answer(name);
    const read = questionNamed(form, node, name);
    if (value === undefined || value === "") fills[name] = { text: "" };
    else if (read?.type === "choice" || read?.type === "multi") {
      const options = form.optionSets[read.options] ?? [];
      const ids = String(value).split(" ");
      // The chosen labels' own `${…}`, read where this text reads: the chosen question is in its scope.
      const inner = depth < NESTING ? fillsFor(form, node, namesReadByOptions(form, read.options), reads, depth + 1) : undefined;
      fills[name] = {
        set: read.options,
        options: ids.flatMap((id) => options.filter((option) => option.id === id)),
        ...(inner ? { fills: inner } : {}),
      };
    } else fills[name] = { text: read ? displayAnswer(read, value, []) : String(value) };
  }
  return fills;
}

/** The text with each `${name}` it reads filled in; an option by the words `option` gives it. */
export function interpolate(text: string, fills: Fills | undefined, option: (set: string, option: Option) => string): string {
  if (!fills) return text;
  return text.replace(SHOWN, (whole, label: string | undefined, answer: string | undefined) => {
    const fill = fills[label ?? answer ?? ""];
    if (!fill) return whole;
    if ("text" in fill) return fill.text;
    return fill.options.map((chosen) => interpolate(option(fill.set, chosen), fill.fills, option)).join("; ");
  });
}
