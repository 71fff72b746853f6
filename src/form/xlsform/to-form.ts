import { translatorFor } from "../../i18n.js";
import { defaultAnswer } from "../defaults.js";
import { type Form, formSchema, questionSchema } from "../schema.js";
import { formTextKeys } from "../texts.js";
import type { Validation } from "../validators.js";
import { parseExpression, references } from "./expression.js";
import { type Label, questionsOf, type XlsChoice, type XlsForm, type XlsItem, type XlsQuestion, type XlsSection } from "./model.js";

/**
 * A form from XLSForm in the engine's terms (src/form/schema.ts): each top-level group is a part
 * (questions outside any group make parts of their own); a question is a row of its own, a
 * field-list group one row of several questions, under the heading of the plain group it is in;
 * a repeat is a list whose first question names its entries, or, with `each`, a block asked once
 * per entry of other repeats; a group's `relevant` applies to everything in it; notes are shown
 * above the question that follows them, and those at the end once the report is submitted.
 * English texts travel with the form, under the keys the locale files use for the built-in form.
 */

type Built = {
  id: string;
  kind: "row" | "repeat" | "each";
  number?: string;
  group?: string;
  label?: string;
  short?: string;
  hint?: string;
  relevant?: string;
  questions: object[];
};

const both = (left: string | undefined, right: string | undefined) => (left && right ? `(${left}) and (${right})` : (left ?? right));

/** The choice `or_other` adds, named as pyxform names it, so expressions written for ODK read it. */
const OTHER = "other";
const vietnamese = translatorFor("vi");
const inEnglish = translatorFor("en");

const TYPES = {
  text: { type: "text" },
  integer: { type: "integer", min: -1_000_000_000, max: 1_000_000_000 },
  decimal: { type: "decimal" },
  date: { type: "date" },
  note: { type: "note" },
  acknowledge: { type: "acknowledge" },
  image: { type: "image" },
  geopoint: { type: "geopoint" },
  "month-year": { type: "month" },
  phone: { type: "phone" },
  email: { type: "email" },
} as const;

/**
 * Why a question would refuse its own `default` (what its officer would be told), checked as the
 * workbook is read: against its type, bounds and list (or_other's "Other" too), and a constraint
 * that reads nothing but the answer; the rest is checked whenever it is offered.
 */
export function defaultRefused(
  item: XlsQuestion,
  choices: readonly XlsChoice[],
  now: Date,
): Extract<Validation, { ok: false }> | undefined {
  if (item.default === undefined) return undefined;
  const kind =
    item.type === "select_one"
      ? { type: "choice", options: "list" }
      : item.type === "select_multiple"
        ? { type: "multi", options: "list" }
        : item.type === "calculate"
          ? { type: "calculate", calculation: item.calculation }
          : TYPES[item.appearance ?? item.type];
  const selfOnly = item.constraint !== undefined && references(parseExpression(item.constraint)).length === 0;
  const question = questionSchema.parse({
    id: item.name,
    text: item.label.vi,
    optional: !item.required,
    ...kind,
    default: item.default,
    ...(selfOnly ? { constraint: item.constraint } : {}),
    ...(selfOnly && item.constraintMessage ? { constraintMessage: item.constraintMessage.vi } : {}),
    ...(item.maxLength !== undefined ? { maxLength: item.maxLength } : {}),
    ...(item.min !== undefined ? { min: item.min } : {}),
    ...(item.max !== undefined ? { max: item.max } : {}),
  });
  const options = [
    ...choices.map((choice) => ({ id: choice.name, text: choice.label.vi })),
    ...(item.orOther ? [{ id: OTHER, text: vietnamese("xls-other-choice") }] : []),
  ];
  const today = { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 };
  const result = defaultAnswer(question, { today, options, reads: { answer: () => undefined } });
  return result?.ok === false ? result : undefined;
}

export function toEngineForm(xls: XlsForm): Form {
  // A name several rows use (each row's "compliance") is read by its siblings only, by id.
  const uses = new Map<string, number>();
  for (const { question } of questionsOf(xls.items))
    for (const name of question.orOther ? [question.name, `${question.name}_other`] : [question.name])
      uses.set(name, (uses.get(name) ?? 0) + 1);
  const names: Record<string, { node: string; question: string }> = {};
  const en: Record<string, string> = {};
  let notes: Label[] = [];
  const english = (key: string, label: Label | undefined) => {
    if (label?.en) en[key] = label.en;
  };

  /** A question; `condition` is what the groups around it ask, besides its own `relevant`. */
  const question = (item: XlsQuestion, nodeId: string, id: string, condition: string | undefined): object => {
    const relevant = both(condition, item.relevant);
    // A note is shown above the next question asked: a calculate is never shown.
    const preface =
      notes.length > 0 && item.type !== "calculate"
        ? { vi: notes.map((note) => note.vi).join("\n"), en: notes.map((note) => note.en ?? note.vi).join("\n") }
        : undefined;
    if (preface) notes = [];
    if (uses.get(item.name) === 1) names[item.name] = { node: nodeId, question: id };
    const [node, asked] = [{ id: nodeId }, { id }] as unknown as Parameters<typeof formTextKeys.question>;
    english(formTextKeys.question(node, asked), item.label);
    english(formTextKeys.shortQuestion(node, asked), item.short);
    english(formTextKeys.questionHint(node, asked), item.hint);
    english(formTextKeys.preface(node, asked), preface);
    english(formTextKeys.constraintMessage(node, asked), item.constraintMessage);
    english(formTextKeys.requiredMessage(node, asked), item.requiredMessage);
    const list = item.orOther ? otherList(item.list ?? "") : item.list;
    const type =
      item.type === "select_one"
        ? { type: "choice", options: list }
        : item.type === "select_multiple"
          ? { type: "multi", options: list }
          : item.type === "calculate"
            ? { type: "calculate", calculation: item.calculation }
            : TYPES[item.appearance ?? item.type];
    return {
      id,
      text: item.label.vi,
      ...(item.short ? { short: item.short.vi } : {}),
      optional: !item.required,
      ...type,
      ...(item.hint ? { hint: item.hint.vi } : {}),
      ...(relevant ? { relevant } : {}),
      ...(item.constraint ? { constraint: item.constraint } : {}),
      ...(item.choiceFilter ? { choiceFilter: item.choiceFilter } : {}),
      ...(item.constraintMessage ? { constraintMessage: item.constraintMessage.vi } : {}),
      ...(item.requiredMessage ? { requiredMessage: item.requiredMessage.vi } : {}),
      ...(preface ? { preface: preface.vi } : {}),
      ...(item.maxLength !== undefined ? { maxLength: item.maxLength } : {}),
      ...(item.min !== undefined ? { min: item.min } : {}),
      ...(item.max !== undefined ? { max: item.max } : {}),
      ...(item.atLeast !== undefined ? { atLeast: item.atLeast } : {}),
      ...(item.profile ? { profile: item.profile } : {}),
      ...(item.suggest ? { suggest: item.suggest } : {}),
      ...(item.default !== undefined ? { default: item.default } : {}),
    };
  };

  /** The list with "Other" at its end, for `or_other` (a list of its own, so the questions without it keep theirs). */
  const otherLists = new Set<string>();
  const otherList = (list: string): string => {
    if ((xls.choices[list] ?? []).some((choice) => choice.name === OTHER)) return list;
    otherLists.add(list);
    return `${list}_${OTHER}`;
  };

  /** A question, and for `or_other` the text that asks what "Other" is, asked only when it is chosen. */
  const questionsFor = (item: XlsQuestion, nodeId: string, id: string, condition: string | undefined): object[] => {
    const asked = question(item, nodeId, id, condition);
    if (!item.orOther) return [asked];
    const specify: XlsQuestion = {
      kind: "question",
      type: "text",
      name: `${item.name}_other`,
      label: { vi: vietnamese("xls-other-specify"), en: inEnglish("xls-other-specify") },
      required: item.required,
      relevant: `selected(\${${id}}, '${OTHER}')`,
      row: item.row,
    };
    return [asked, question(specify, nodeId, `${id}_other`, condition)];
  };

  /** The questions of a field-list group or repeat; plain groups inside lend their conditions to theirs. */
  const rowQuestions = (section: XlsSection, namesEntries: boolean): object[] => {
    const asked = (list: XlsItem[], condition: string | undefined): { item: XlsQuestion; condition: string | undefined }[] =>
      list.flatMap((inner) =>
        inner.kind === "question" ? [{ item: inner, condition }] : asked(inner.items, both(condition, inner.relevant)),
      );
    let first = namesEntries;
    const worked: object[] = [];
    const questions = asked(section.items, undefined).flatMap(({ item, condition }) => {
      if (item.type === "note") {
        notes.push(item.label);
        return [];
      }
      // Never asked, so never the question that names an entry: kept after the asked ones.
      if (item.type === "calculate") {
        worked.push(question(item, section.name, item.name, condition));
        return [];
      }
      // The first question of a repeat names its entries, under the id the engine names them by.
      const id = first ? "name" : item.name;
      first = false;
      return questionsFor(item, section.name, id, condition);
    });
    return [...questions, ...worked];
  };

  /** A part's nodes; groups give headings and conditions. */
  const nodesOf = (items: XlsItem[], heading: Label | undefined, relevant: string | undefined): Built[] =>
    items.flatMap((item): Built[] => {
      if (item.kind === "question" && item.type === "note") {
        notes.push(item.label);
        return [];
      }
      if (item.kind === "group" && !item.fieldList) return nodesOf(item.items, item.label ?? heading, both(relevant, item.relevant));
      const node: Built =
        item.kind === "question"
          ? { id: item.name, kind: "row", questions: questionsFor(item, item.name, item.name, relevant) }
          : {
              id: item.name,
              kind: item.kind === "group" ? "row" : item.each ? "each" : "repeat",
              ...(item.number ? { number: item.number } : {}),
              ...(item.label ? { label: item.label.vi } : {}),
              ...(item.short ? { short: item.short.vi } : {}),
              ...(item.hint ? { hint: item.hint.vi } : {}),
              ...(both(relevant, item.relevant) ? { relevant: both(relevant, item.relevant) } : {}),
              ...(item.each ? { of: item.each } : {}),
              ...(item.whenEmpty ? { whenEmpty: item.whenEmpty } : {}),
              ...(item.count ? { count: item.count } : {}),
              questions: rowQuestions(item, item.kind === "repeat" && !item.each),
            };
      if (heading) node.group = heading.vi;
      english(formTextKeys.group(node as never), heading);
      if (item.kind !== "question") {
        english(formTextKeys.label(node as never), item.label);
        english(formTextKeys.shortLabel(node as never), item.short);
        english(formTextKeys.nodeHint(node as never), item.hint);
      }
      return [node];
    });

  const parts: { id: string; number: string; title: string; short?: string; nodes: Built[] }[] = [];
  let loose: XlsItem[] = [];
  const addPart = (id: string, title: Label, nodes: Built[], short?: Label) => {
    if (!nodes.length) return;
    const number = String(parts.length + 1);
    // Lists are named by number in the chat ("Danh sách 3.1"): each gets one within its part unless the form gives it.
    for (const [index, node] of nodes.entries()) if (node.kind !== "row") node.number ??= `${number}.${index + 1}`;
    const part = { id, number, title: title.vi, ...(short ? { short: short.vi } : {}), nodes };
    english(formTextKeys.part(part as never), title);
    english(formTextKeys.shortPart(part as never), short);
    parts.push(part);
  };
  const flushLoose = () => {
    addPart(`phan_${parts.length + 1}`, { vi: xls.title }, nodesOf(loose, undefined, undefined));
    loose = [];
  };
  for (const item of xls.items) {
    if (item.kind !== "group" || item.fieldList) {
      loose.push(item);
      continue;
    }
    flushLoose();
    addPart(item.name, item.label ?? { vi: xls.title }, nodesOf(item.items, undefined, item.relevant), item.short);
  }
  flushLoose();

  const other = { name: OTHER, label: { vi: vietnamese("xls-other-choice"), en: inEnglish("xls-other-choice") } };
  const lists = [
    ...Object.entries(xls.choices),
    ...[...otherLists].map((list) => [`${list}_${OTHER}`, [...(xls.choices[list] ?? []), other]] as const),
  ];
  const optionSets = Object.fromEntries(
    lists.map(([list, choices]) => {
      for (const choice of choices) english(formTextKeys.option(list, { id: choice.name, text: "" }), choice.label);
      return [
        list,
        choices.map((choice) => ({
          id: choice.name,
          text: choice.label.vi,
          ...("fields" in choice && choice.fields ? { fields: choice.fields } : {}),
        })),
      ];
    }),
  );
  const closing = notes.length ? notes.map((note) => note.vi).join("\n") : undefined;
  if (closing) en[formTextKeys.closing] = notes.map((note) => note.en ?? note.vi).join("\n");
  return formSchema.parse({
    id: xls.id,
    version: xls.version,
    title: xls.title,
    ...(xls.source ? { source: xls.source } : {}),
    ...(xls.layout ? { layout: xls.layout } : {}),
    optionSets,
    ...complianceOf(xls, english),
    parts,
    names,
    translations: { en },
    ...(closing ? { closing } : {}),
  });
}

/** The compliance sheet's rows as the form's rule: a component's consecutive rows make one component. */
function complianceOf(xls: XlsForm, english: (key: string, label: Label | undefined) => void): Pick<Form, "compliance"> {
  if (!xls.compliance?.length) return {};
  const statuses = Object.fromEntries(
    Object.entries(xls.choices)
      .map(([list, choices]) => [
        list,
        Object.fromEntries(choices.flatMap((choice) => (choice.compliance ? [[choice.name, choice.compliance]] : []))),
      ])
      .filter(([, meaning]) => Object.keys(meaning as object).length > 0),
  );
  const components: NonNullable<Form["compliance"]>["components"] = [];
  for (const component of xls.compliance) {
    // A question is a row of its own; a field-list group a row; a repeat counts its entries.
    const rows = component.targets.map((target) => ({ node: target, ...(component.minEntries ? { atLeast: component.minEntries } : {}) }));
    const last = components.at(-1);
    if (last?.id === component.id) {
      last.rows.push(...rows);
      continue;
    }
    english(formTextKeys.component({ id: component.id } as never), component.label);
    components.push({ id: component.id, short: component.label.vi, rows });
  }
  return { compliance: { ...(xls.complianceSource ? { source: xls.complianceSource } : {}), statuses, components } };
}
