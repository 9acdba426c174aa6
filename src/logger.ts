import pino, { type Logger } from 'pino';
import type { Config } from './config';

/** Structured JSON logs; tokens and personal data are never logged (see the redaction list). */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'key-projects' },
    redact: { paths: ['req.headers.authorization', '*.authorization', '*.token', '*.password'], censor: '[redacted]' },
  });
}
