import { joinMessages, type Message } from '../language/message';
import { AppError, ErrorCode, type InputProblem } from './app-error';

/*
 * The messages below name the field by its Chinese term (`label`: 项目名称, 督办要求), the one the
 * schema's description gives it in parentheses, because an officer reads them under a form's field
 * and knows no API names. The API path (`input.name`) is the problem's `field`, for the client.
 * English names it the way the API does: integrators read English.
 */

/** What is wrong with the value of the field called `label` (`must be …`): `年份 须为 …`. */
export const fieldProblem = (label: FieldLabel, problem: Message): Message => ({
  zh: `${label.zh} ${problem.zh}`,
  en: `${label.en} ${problem.en}`,
});

/** A required text that was empty or blank. */
export const emptyText = (label: FieldLabel): Message => ({ zh: `${label.zh}不能为空`, en: `${label.en} must not be empty` });

/** A text longer than its column allows. */
export const textTooLong = (label: FieldLabel, max: number): Message => ({
  zh: `${label.zh}最多 ${max} 个字符`,
  en: `${label.en} must be at most ${max} characters`,
});

/** How a message names a field: by its Chinese term for a person, by its API name in English. */
export interface FieldLabel {
  readonly zh: string;
  readonly en: string;
}

/** The field `en` (its API name, e.g. `input.name` or `name`) that a Chinese reader knows as `zh` (项目名称). */
export const fieldLabel = (zh: string, en: string): FieldLabel => ({ zh, en });

/**
 * Collects every problem of one input so the client can fix them in one round. The error names
 * the first field in `extensions.field` and lists all of them in `extensions.problems`.
 */
export class InputProblems {
  private readonly problems: InputProblem[] = [];

  add(field: string, message: Message): this {
    this.problems.push({ field, message });
    return this;
  }

  /** Records the problem when `ok` is false; returns `ok` for chaining decisions. */
  require(ok: boolean, field: string, message: Message): boolean {
    if (!ok) this.problems.push({ field, message });
    return ok;
  }

  get isEmpty(): boolean {
    return this.problems.length === 0;
  }

  throwIfAny(): void {
    const [first] = this.problems;
    if (!first) return;
    const message = this.problems.length === 1 ? first.message : joinMessages(this.problems.map((p) => p.message));
    throw new AppError(ErrorCode.BAD_USER_INPUT, message, { field: first.field }, [...this.problems]);
  }
}
