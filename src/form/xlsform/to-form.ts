import { type Form, formSchema } from "../schema.js";
import { formTextKeys } from "../texts.js";
import type { Label, XlsForm, XlsItem, XlsQuestion } from "./model.js";

/**
 * A form from XLSForm in the engine's terms (src/form/schema.ts): each top-level group is a part
 * (questions outside any group make parts of their own); each question is a row, under the
 * heading of the group it is in; each repeat is a list whose first question names its entries;
 * a group's `relevant` applies to every question in it; notes are shown above the question that
 * follows them, and those at the end once the report is submitted. English labels travel with
 * the form, under the keys the locale files use for form 488.
 */

type Built = {
  id: string;
  kind: "row" | "repeat";
  number?: string;
  group?: string;
  label?: string;
  relevant?: string;
  questions: object[];
};

const both = (left: string | undefined, right: string | undefined) => (left && right ? `(${left}) and (${right})` : (left ?? right));

export function toEngineForm(xls: XlsForm): Form {
  const names: Record<string, { node: string; question: string }> = {};
  const en: Record<string, string> = {};
  let notes: Label[] = [];

  const question = (item: XlsQuestion, nodeId: string, id: string, relevant: string | undefined): object => {
    const preface = notes.length
      ? { vi: notes.map((note) => note.vi).join("\n"), en: notes.map((note) => note.en ?? note.vi).join("\n") }
      : undefined;
    notes = [];
    names[item.name] = { node: nodeId, question: id };
    const [node, asked] = [{ id: nodeId }, { id }] as unknown as Parameters<typeof formTextKeys.question>;
    if (item.label.en) en[formTextKeys.question(node, asked)] = item.label.en;
    if (item.hint?.en) en[formTextKeys.questionHint(node, asked)] = item.hint.en;
    if (preface) en[formTextKeys.preface(node, asked)] = preface.en;
    if (item.constraintMessage?.en) en[formTextKeys.constraintMessage(node, asked)] = item.constraintMessage.en;
    const combined = both(relevant, item.relevant);
    const type =
      item.type === "select_one"
        ? { type: "choice", options: item.list }
        : item.type === "select_multiple"
          ? { type: "multi", options: item.list }
          : item.type === "integer"
            ? { type: "integer", min: -1_000_000_000, max: 1_000_000_000 }
            : { type: item.type };
    return {
      id,
      text: item.label.vi,
      optional: !item.required,
      ...type,
      ...(item.hint ? { hint: item.hint.vi } : {}),
      ...(combined ? { relevant: combined } : {}),
      ...(item.constraint ? { constraint: item.constraint } : {}),
      ...(item.constraintMessage ? { constraintMessage: item.constraintMessage.vi } : {}),
      ...(preface ? { preface: preface.vi } : {}),
    };
  };

  /** A part's nodes: a row per question, a list per repeat; groups give headings and conditions. */
  const nodesOf = (items: XlsItem[], heading: Label | undefined, relevant: string | undefined): Built[] =>
    items.flatMap((item): Built[] => {
      if (item.kind === "question") {
        if (item.type === "note") {
          notes.push(item.label);
          return [];
        }
        if (heading?.en) en[formTextKeys.group({ id: item.name } as never)] = heading.en;
        return [
          {
            id: item.name,
            kind: "row",
            ...(heading ? { group: heading.vi } : {}),
            questions: [question(item, item.name, item.name, relevant)],
          },
        ];
      }
      if (item.kind === "group") return nodesOf(item.items, item.label ?? heading, both(relevant, item.relevant));
      // A repeat's groups are flattened into its questions, their conditions with them.
      const askedIn = (list: XlsItem[], condition: string | undefined): { asked: XlsQuestion; condition: string | undefined }[] =>
        list.flatMap((inner) =>
          inner.kind === "question" ? [{ asked: inner, condition }] : askedIn(inner.items, both(condition, inner.relevant)),
        );
      // The first question of a repeat names its entries, under the id the engine names them by.
      let first = true;
      const questions = askedIn(item.items, undefined).flatMap(({ asked, condition }) => {
        if (asked.type === "note") {
          notes.push(asked.label);
          return [];
        }
        const id = first ? "name" : asked.name;
        first = false;
        return [question(asked, item.name, id, condition)];
      });
      if (item.label?.en) en[formTextKeys.label({ id: item.name } as never)] = item.label.en;
      const condition = both(relevant, item.relevant);
      return [
        {
          id: item.name,
          kind: "repeat",
          ...(item.label ? { label: item.label.vi } : {}),
          ...(condition ? { relevant: condition } : {}),
          questions,
        },
      ];
    });

  const parts: { id: string; number: string; title: string; nodes: Built[] }[] = [];
  let loose: XlsItem[] = [];
  const addPart = (id: string, title: Label, nodes: Built[]) => {
    if (!nodes.length) return;
    const number = String(parts.length + 1);
    // Lists are named by number in the chat ("Danh sách 3.1"): each gets one within its part.
    for (const [index, node] of nodes.entries()) if (node.kind === "repeat") node.number = `${number}.${index + 1}`;
    const part = { id, number, title: title.vi, nodes };
    if (title.en) en[formTextKeys.part(part as never)] = title.en;
    parts.push(part);
  };
  const flushLoose = () => {
    addPart(`phan_${parts.length + 1}`, { vi: xls.title }, nodesOf(loose, undefined, undefined));
    loose = [];
  };
  for (const item of xls.items) {
    if (item.kind !== "group") {
      loose.push(item);
      continue;
    }
    flushLoose();
    addPart(item.name, item.label ?? { vi: xls.title }, nodesOf(item.items, undefined, item.relevant));
  }
  flushLoose();

  const optionSets = Object.fromEntries(
    Object.entries(xls.choices).map(([list, choices]) => {
      for (const choice of choices) if (choice.label.en) en[formTextKeys.option(list, { id: choice.name, text: "" })] = choice.label.en;
      return [list, choices.map((choice) => ({ id: choice.name, text: choice.label.vi }))];
    }),
  );
  const closing = notes.length ? notes.map((note) => note.vi).join("\n") : undefined;
  if (closing) en[formTextKeys.closing] = notes.map((note) => note.en ?? note.vi).join("\n");
  const statuses = Object.fromEntries(
    Object.entries(xls.choices)
      .map(([list, choices]) => [
        list,
        Object.fromEntries(choices.flatMap((choice) => (choice.compliance ? [[choice.name, choice.compliance]] : []))),
      ])
      .filter(([, meaning]) => Object.keys(meaning as object).length > 0),
  );
  const compliance = xls.compliance?.length
    ? {
        statuses,
        components: xls.compliance.map((component) => {
          if (component.label.en) en[formTextKeys.component({ id: component.id } as never)] = component.label.en;
          return {
            id: component.id,
            short: component.label.vi,
            // A question is a row of its own; a repeat counts its entries.
            rows: component.targets.map((target) => ({ node: target, ...(component.minEntries ? { atLeast: component.minEntries } : {}) })),
          };
        }),
      }
    : undefined;
  return formSchema.parse({
    id: xls.id,
    version: xls.version,
    title: xls.title,
    optionSets,
    ...(compliance ? { compliance } : {}),
    parts,
    names,
    translations: { en },
    ...(closing ? { closing } : {}),
  });
}
