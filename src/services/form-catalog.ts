import type { Form } from "../form/schema.js";
import type { XlsForm } from "../form/xlsform/model.js";
import { toEngineForm } from "../form/xlsform/to-form.js";
import type { FormStore, ImportOutcome } from "../storage/forms.js";

/** Which form, and which version of it, a round runs; no version for the built-in form 488 (flows/form-488.json). */
export interface FormRef {
  formId: string;
  formVersion: number | undefined;
}

/**
 * The forms rounds run: form 488, built in (flows/form-488.json), and the questionnaires imported
 * from XLSForm workbooks, each version as it was imported; form 488 too, once a workbook of it
 * (`form export 488`, changed) comes with a version above the built-in one. A version never
 * changes once imported, so each is converted once per process.
 */
export class FormCatalog {
  private readonly converted = new Map<string, Form>();

  constructor(
    readonly builtIn: Form,
    private readonly imported: FormStore,
  ) {}

  async of(ref: FormRef): Promise<Form> {
    if (ref.formId === this.builtIn.id && ref.formVersion === undefined) return this.builtIn;
    const key = `${ref.formId}:${ref.formVersion}`;
    const known = this.converted.get(key);
    if (known) return known;
    const xls = ref.formVersion === undefined ? undefined : await this.imported.get(ref.formId, ref.formVersion);
    if (!xls) throw new Error(`form ${ref.formId} version ${ref.formVersion} is not imported`);
    const form = toEngineForm(xls);
    this.converted.set(key, form);
    return form;
  }

  /** What a new round of this form runs: the built-in form, or the latest version imported; undefined for a form never imported. */
  async latest(formId: string): Promise<FormRef | undefined> {
    const latest = await this.imported.get(formId);
    if (formId === this.builtIn.id && !(latest && latest.version > this.builtIn.version)) return { formId, formVersion: undefined };
    return latest ? { formId, formVersion: latest.version } : undefined;
  }

  /** Keeps a new version of an imported form; one of form 488 must be newer than the built-in one. */
  async import(form: XlsForm): Promise<ImportOutcome> {
    if (form.id === this.builtIn.id && form.version <= this.builtIn.version) return { kind: "older", latest: this.builtIn.version };
    return this.imported.import(form);
  }
}
