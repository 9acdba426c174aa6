import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config';
import { censorSecrets } from './observability/log-censor';
import { errorForLog } from './observability/error-log';

/**
 * Structured JSON logs; tokens and personal data are never logged (see censorSecrets), nor
 * SQL or its parameters (errors are logged through errorForLog).
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'key-projects' },
    // Tokens and passwords, should a line ever carry one (see censorSecrets: pino's `redact` did the same at ten times the cost).
    formatters: { log: censorSecrets },
    serializers: { err: errorForLog },
  };
  return pino(options, destination ?? bufferedStandardOutput());
}

/**
 * Resolves once the lines logged so far are written (see bufferedStandardOutput): for the moments
 * someone watches the output for them, as the server starts. Never rejects: a destination that
 * cannot flush has nothing waiting.
 */
export function logsWritten(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    try {
      logger.flush(() => resolve());
    } catch {
      resolve();
    }
  });
}

/** Bytes of log lines gathered before they are written. */
const LOG_BUFFER_BYTES = 8 * 1024;
/** The longest a line waits in the buffer on a quiet server. */
const LOG_FLUSH_MS = 500;

/**
 * Standard output, written asynchronously and in batches: lines are gathered until 8 KB, or half a
 * second has passed, then written together. At info level every operation logs a line, and a
 * write per line was about a twentieth of a small query's CPU (bench:api profile: each write is a
 * system call). pino writes what is left when the process exits, a fatal line included.
 */
function bufferedStandardOutput(): DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES });
  const timer = setInterval(() => {
    // flush() throws while the stream is not ready yet or is already closed: nothing to write then.
    try {
      destination.flush();
    } catch {
      /* nothing to flush */
    }
  }, LOG_FLUSH_MS);
  timer.unref();
  destination.on('close', () => clearInterval(timer));
  return destination;
}
