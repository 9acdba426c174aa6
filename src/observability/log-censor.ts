/** What a log line never shows, whoever logs it: the value is replaced, the key is kept (so a reader sees it was there). */
export const CENSORED = '[redacted]';
/** Keys censored one level down (`{ headers: { authorization } }`, `{ input: { password } }`), as pino's `*.authorization` did. */
const SECRET_KEYS = ['authorization', 'token', 'password'] as const;

type LogObject = Record<string, unknown>;

const isPlainObject = (value: unknown): value is LogObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);

const holdsSecret = (value: LogObject) => SECRET_KEYS.some((key) => Object.hasOwn(value, key));

function withoutSecrets(value: LogObject): LogObject {
  const copy = { ...value };
  for (const key of SECRET_KEYS) if (Object.hasOwn(copy, key)) copy[key] = CENSORED;
  return copy;
}

/**
 * A log line's object with tokens and passwords censored: the secret keys of every object one
 * level down, and a request's `req.headers.authorization`. The object itself is returned, not a
 * copy, when there is nothing to censor, which is every line the server writes by design (see
 * createLogger); the censor is the net for a mistake. Objects are copied, never changed: the
 * caller's request or input stays as it was.
 *
 * Why not pino's `redact` option, which says the same in paths: it cost about 15 µs of CPU per line
 * in the server (bench:api profile, @pinojs/redact cloning and walking every line), a sixth of a
 * small query's own work, and every operation writes a line.
 */
export function censorSecrets(object: LogObject): LogObject {
  let censored: LogObject | undefined;
  for (const key in object) {
    const value = object[key];
    if (!isPlainObject(value)) continue;
    const headers = key === 'req' ? value['headers'] : undefined;
    const headersHoldToken = isPlainObject(headers) && Object.hasOwn(headers, 'authorization');
    if (!holdsSecret(value) && !headersHoldToken) continue;
    const clean = withoutSecrets(value);
    if (headersHoldToken) clean['headers'] = { ...headers, authorization: CENSORED };
    (censored ??= { ...object })[key] = clean;
  }
  return censored ?? object;
}
