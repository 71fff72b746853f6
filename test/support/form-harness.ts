import type { FormActionId } from "../../src/form/actions.js";
import { step } from "../../src/form/engine.js";
import { type Cursor, type EngineContext, INITIAL_CURSOR, type Input, type StepResult } from "../../src/form/protocol.js";
import type { Form } from "../../src/form/schema.js";
import { type AgencyKind, emptyResponse, type QuestionSlot, type ResponseState } from "../../src/form/slots.js";
import { applyWrites } from "../../src/form/writes.js";

/** Drives the pure engine in memory, as the bot does with Redis, for fast dialogue tests. */
export class FormHarness {
  state: ResponseState = emptyResponse(1);
  cursor: Cursor = INITIAL_CURSOR;
  last!: StepResult;
  private clock = Date.UTC(2026, 10, 23, 2, 0);

  constructor(
    readonly form: Form,
    readonly agencyKind: AgencyKind,
    readonly userId = 1,
    public roundOpen = true,
  ) {}

  context(): EngineContext {
    this.clock += 1000;
    return {
      form: this.form,
      agencyKind: this.agencyKind,
      agencyName: "Hà Nội",
      memberId: String(this.userId),
      now: this.clock,
      today: { year: 2026, month: 11 },
      roundOpen: this.roundOpen,
    };
  }

  send(input: Input): StepResult {
    this.last = step(this.context(), this.state, this.cursor, input);
    this.state = applyWrites(this.state, this.last.writes);
    this.cursor = this.last.cursor;
    return this.last;
  }

  open = () => this.send({ kind: "open" });
  text = (text: string) => this.send({ kind: "text", text });
  press = (action: FormActionId) => this.send({ kind: "action", seq: this.cursor.seq, action });

  /** The question on screen, or undefined on another screen. */
  get question(): QuestionSlot | undefined {
    return this.last.view.kind === "question" ? this.last.view.slot : undefined;
  }

  get screen(): string {
    return this.cursor.screen.kind;
  }

  /**
   * Answers whatever is asked with `answer(slot)` until the review; lists get `entries` names
   * each and are then closed. Returns the paths asked, in order.
   */
  fill(answer: (slot: QuestionSlot) => string, entries: (repeatId: string) => string[] = () => [], limit = 500): string[] {
    const asked: string[] = [];
    const added = new Set<string>();
    for (let i = 0; i < limit && this.screen !== "review"; i++) {
      const view = this.last.view;
      if (view.kind === "question") {
        asked.push(view.slot.path);
        this.text(answer(view.slot));
      } else if (view.kind === "list") {
        const next = entries(view.node.id).find((name) => !added.has(`${view.node.id}/${name}`));
        if (next) {
          added.add(`${view.node.id}/${next}`);
          this.text(next);
        } else {
          this.press("done");
        }
      } else {
        throw new Error(`unexpected screen ${view.kind} while filling`);
      }
      if (this.last.notice?.key.startsWith("invalid")) throw new Error(`answer refused at ${asked.at(-1)}: ${this.last.notice.key}`);
    }
    return asked;
  }
}

/** Plausible answers for every question type, choosing `choices[questionId]` where given. */
export function answerer(choices: Record<string, string> = {}) {
  return (slot: QuestionSlot): string => {
    const question = slot.question;
    if (choices[question.id]) return choices[question.id]!;
    switch (question.type) {
      case "choice":
        return "1";
      case "integer":
        return "10";
      case "month":
        return "06/2027";
      case "phone":
        return "0912 160 927";
      case "email":
        return "dau.moi@hanoi.gov.vn";
      default:
        return `Trả lời ${slot.path}`;
    }
  };
}
