import { joinMessages, type Message } from '../language/message';
import { AppError, ErrorCode, type InputProblem } from './app-error';

/** What is wrong with the value sent as `field` (`must be …`), naming it: `input.year must be …`. */
export const fieldProblem = (field: string, problem: Message): Message => ({ zh: `${field} ${problem.zh}`, en: `${field} ${problem.en}` });

/** A required text (`name`, as the input calls it) that was empty or blank. */
export const emptyText = (name: string): Message => ({ zh: `${name} 不能为空`, en: `${name} must not be empty` });

/** A text (`name`, as the input calls it) longer than its column allows. */
export const textTooLong = (name: string, max: number): Message => ({
  zh: `${name} 最多 ${max} 个字符`,
  en: `${name} must be at most ${max} characters`,
});

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
