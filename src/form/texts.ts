import type { ComponentRule, Form, FormNode, Option, Part, Question } from "./schema.js";

/**
 * The form's wording in a language: Vietnamese as the letter prints it (in the form file),
 * other languages from the locale files, under keys derived from the ids.
 */
export type Translate = (key: string) => string;

export const formTextKeys = {
  part: (part: Part) => `form-part-${part.id}`,
  shortPart: (part: Part) => `form-part-${part.id}-short`,
  group: (node: FormNode) => `form-group-${node.id}`,
  label: (node: FormNode) => `form-node-${node.id}`,
  shortLabel: (node: FormNode) => `form-node-${node.id}-short`,
  nodeHint: (node: FormNode) => `form-node-${node.id}-hint`,
  question: (node: FormNode, question: Question) => `form-q-${node.id}-${question.id}`,
  shortQuestion: (node: FormNode, question: Question) => `form-q-${node.id}-${question.id}-short`,
  questionHint: (node: FormNode, question: Question) => `form-q-${node.id}-${question.id}-hint`,
  preface: (node: FormNode, question: Question) => `form-q-${node.id}-${question.id}-preface`,
  constraintMessage: (node: FormNode, question: Question) => `form-q-${node.id}-${question.id}-constraint`,
  requiredMessage: (node: FormNode, question: Question) => `form-q-${node.id}-${question.id}-required`,
  closing: "form-closing",
  option: (set: string, option: Option) => `form-opt-${set}-${option.id}`,
  component: (component: ComponentRule) => `form-component-${component.id}`,
};

export class FormTexts {
  constructor(
    private readonly language: string,
    private readonly translate: Translate,
    /** A form's own texts in other languages (forms from XLSForm carry them); else the locale files'. */
    private readonly translations: Form["translations"] = undefined,
  ) {}

  private pick(vietnamese: string, key: string): string {
    if (this.language === "vi") return vietnamese;
    return this.translations ? (this.translations[this.language]?.[key] ?? vietnamese) : this.translate(key);
  }

  part(part: Part): string {
    return this.pick(part.title, formTextKeys.part(part));
  }

  /** The part's title in a few words; its title where it has none. */
  shortPart(part: Part): string {
    return part.short === undefined ? this.part(part) : this.pick(part.short, formTextKeys.shortPart(part));
  }

  group(node: FormNode): string | undefined {
    return node.group === undefined ? undefined : this.pick(node.group, formTextKeys.group(node));
  }

  label(node: FormNode): string | undefined {
    return node.label === undefined ? undefined : this.pick(node.label, formTextKeys.label(node));
  }

  /** The row's name in a few words; its label where it has none. */
  shortLabel(node: FormNode): string | undefined {
    return node.short === undefined ? this.label(node) : this.pick(node.short, formTextKeys.shortLabel(node));
  }

  /** The question's name in a few words, unique in its row; its text where it has none. */
  shortQuestion(node: FormNode, question: Question): string {
    return question.short === undefined
      ? this.question(node, question)
      : this.pick(question.short, formTextKeys.shortQuestion(node, question));
  }

  nodeHint(node: FormNode): string | undefined {
    return node.hint === undefined ? undefined : this.pick(node.hint, formTextKeys.nodeHint(node));
  }

  question(node: FormNode, question: Question): string {
    return this.pick(question.text, formTextKeys.question(node, question));
  }

  questionHint(node: FormNode, question: Question): string | undefined {
    return question.hint === undefined ? undefined : this.pick(question.hint, formTextKeys.questionHint(node, question));
  }

  /** Why an answer was refused, in the form's words (a form from XLSForm's constraint_message). */
  constraintMessage(node: FormNode, question: Question): string | undefined {
    return question.constraintMessage === undefined
      ? undefined
      : this.pick(question.constraintMessage, formTextKeys.constraintMessage(node, question));
  }

  /** Why a required question needs its answer, in the form's words (a form from XLSForm's required_message). */
  requiredMessage(node: FormNode, question: Question): string | undefined {
    return question.requiredMessage === undefined
      ? undefined
      : this.pick(question.requiredMessage, formTextKeys.requiredMessage(node, question));
  }

  /** What the form says once the report is submitted (XLSForm notes at the end). */
  closing(form: Form): string | undefined {
    return form.closing === undefined ? undefined : this.pick(form.closing, formTextKeys.closing);
  }

  preface(node: FormNode, question: Question): string | undefined {
    return question.preface === undefined ? undefined : this.pick(question.preface, formTextKeys.preface(node, question));
  }

  option(question: Question, option: Option): string {
    return question.type === "choice" || question.type === "multi" ? this.optionOf(question.options, option) : option.text;
  }

  optionOf(set: string, option: Option): string {
    return this.pick(option.text, formTextKeys.option(set, option));
  }

  /** A component's short name, for legends and headings. */
  component(component: ComponentRule): string {
    return this.pick(component.short, formTextKeys.component(component));
  }

  /** Every key a translation of this form must define. */
  static keysOf(form: Form): string[] {
    const keys: string[] = [];
    for (const part of form.parts) {
      keys.push(formTextKeys.part(part));
      if (part.short !== undefined) keys.push(formTextKeys.shortPart(part));
      for (const node of part.nodes) {
        if (node.group !== undefined) keys.push(formTextKeys.group(node));
        if (node.label !== undefined) keys.push(formTextKeys.label(node));
        if (node.short !== undefined) keys.push(formTextKeys.shortLabel(node));
        if (node.hint !== undefined) keys.push(formTextKeys.nodeHint(node));
        for (const question of node.questions) {
          keys.push(formTextKeys.question(node, question));
          if (question.short !== undefined) keys.push(formTextKeys.shortQuestion(node, question));
          if (question.hint !== undefined) keys.push(formTextKeys.questionHint(node, question));
        }
      }
    }
    for (const [set, options] of Object.entries(form.optionSets)) for (const option of options) keys.push(formTextKeys.option(set, option));
    for (const component of form.compliance?.components ?? []) keys.push(formTextKeys.component(component));
    return keys;
  }
}
