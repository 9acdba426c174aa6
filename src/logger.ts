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
  return destination ? pino(options, destination) : pino(options);
}
