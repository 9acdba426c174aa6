import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config';
import { errorForLog } from './observability/error-log';

/**
 * Structured JSON logs; tokens and personal data are never logged (see the redaction list), nor
 * SQL or its parameters (errors are logged through errorForLog).
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'key-projects' },
    redact: { paths: ['req.headers.authorization', '*.authorization', '*.token', '*.password'], censor: '[redacted]' },
    serializers: { err: errorForLog },
  };
  // Standard output written asynchronously: a line is written as soon as the last write is done,
  // and lines logged meanwhile go out together, so a busy server makes one write for many requests
  // rather than a blocking one each. pino flushes what is left when the process exits.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}
