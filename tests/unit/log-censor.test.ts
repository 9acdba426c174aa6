import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { CENSORED, censorSecrets } from '../../src/observability/log-censor';

/** The lines a logger writes, parsed. */
function capturedLogger() {
  const lines: Record<string, any>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ logLevel: 'info' }, destination), lines };
}

describe('log censor', () => {
  it('censors a token, a password and an authorization one level down, keeping the keys and the rest', () => {
    const { logger, lines } = capturedLogger();
    logger.info({ requestId: 'r1', input: { name: '德州市', password: 'secret-1' }, auth: { token: 'eyJhbGciOi', kind: 'bearer' } }, 'x');
    logger.info({ headers: { authorization: 'Bearer eyJ', host: 'localhost' } }, 'y');
    expect(lines[0]).toMatchObject({
      requestId: 'r1',
      input: { name: '德州市', password: CENSORED },
      auth: { token: CENSORED, kind: 'bearer' },
    });
    expect(lines[1]).toMatchObject({ headers: { authorization: CENSORED, host: 'localhost' } });
    expect(JSON.stringify(lines)).not.toMatch(/secret-1|eyJ/);
  });

  it("censors a request's authorization header, two levels down", () => {
    const { logger, lines } = capturedLogger();
    logger.info({ req: { method: 'POST', headers: { authorization: 'Bearer eyJabc', 'x-request-id': 'r2' } } }, 'request');
    expect(lines[0]!['req']).toEqual({ method: 'POST', headers: { authorization: CENSORED, 'x-request-id': 'r2' } });
  });

  it("never changes the caller's objects, and returns a line with nothing secret as it is", () => {
    const input = { password: 'secret-2', name: '王磊' };
    const line = { input };
    const censored = censorSecrets(line);
    expect(censored).toEqual({ input: { password: CENSORED, name: '王磊' } });
    expect(input.password).toBe('secret-2');
    expect(line.input).toBe(input);

    const plain = { requestId: 'r3', tenant: '371400', errorCodes: ['NOT_FOUND'], durationMs: 3.4 };
    expect(censorSecrets(plain)).toBe(plain);
  });

  it('leaves arrays, nulls and deeper levels alone (as the paths it replaces did)', () => {
    const line = { list: [{ token: 't' }], none: null, deep: { a: { token: 't' } } };
    expect(censorSecrets(line)).toBe(line);
  });
});
