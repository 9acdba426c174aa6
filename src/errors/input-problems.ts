import { AppError, ErrorCode } from './app-error';

export interface InputProblem {
  /** Dotted path of the argument at fault, e.g. `input.plannedCompletionOn`. */
  readonly field: string;
  readonly message: string;
}

/**
 * Collects every problem of one input so the client can fix them in one round. The error names
 * the first field in `extensions.field` and lists all of them in `extensions.problems`.
 */
export class InputProblems {
  private readonly problems: InputProblem[] = [];

  add(field: string, message: string): this {
    this.problems.push({ field, message });
    return this;
  }

  /** Records the problem when `ok` is false; returns `ok` for chaining decisions. */
  require(ok: boolean, field: string, message: string): boolean {
    if (!ok) this.add(field, message);
    return ok;
  }

  get isEmpty(): boolean {
    return this.problems.length === 0;
  }

  throwIfAny(): void {
    const [first] = this.problems;
    if (!first) return;
    const message = this.problems.length === 1 ? first.message : this.problems.map((p) => p.message).join('; ');
    throw new AppError(ErrorCode.BAD_USER_INPUT, message, { field: first.field, problems: [...this.problems] });
  }
}
