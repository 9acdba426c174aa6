import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { authenticate, KEYS_RETRY_AFTER_SECONDS } from '../../src/auth/authenticate';
import { DevRealm, type IssueOptions } from '../../src/auth/dev-realm';
import { devUser } from '../../src/auth/dev-users';
import { CLOCK_SKEW_SECONDS } from '../../src/auth/token-claims';
import { TOKEN_REJECTIONS, TokenRejected, type TokenRejection } from '../../src/auth/token-rejection';
import { createTokenVerifier, type TokenVerifier } from '../../src/auth/token-verifier';
import type { AppError } from '../../src/errors/app-error';
import { TEST_KEYCLOAK } from '../support/keycloak-config';

/**
 * The verifier against a development realm that serves its JWKS over loopback HTTP, as Keycloak
 * does: keycloak-connect checks the signature, this project's checks surround it. No database.
 */
const KEYCLOAK = TEST_KEYCLOAK;
const leader = devUser('city-leader')!;
const now = () => Math.floor(Date.now() / 1000);

async function rejection(verifier: TokenVerifier, token: string): Promise<TokenRejected> {
  try {
    await verifier.verify(token);
  } catch (error) {
    if (error instanceof TokenRejected) return error;
    throw error;
  }
  throw new Error('the token was accepted');
}

describe('token verification', () => {
  const keyDirs: string[] = [];
  let realm: DevRealm;
  let forger: DevRealm;
  let consoleSpies: jest.SpyInstance[];

  const keyDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kp-verifier-'));
    keyDirs.push(dir);
    return dir;
  };
  const realmOptions = () => ({
    keyDir: keyDir(),
    realm: KEYCLOAK.realm,
    apiClientId: KEYCLOAK.clientId,
    tenantClaim: KEYCLOAK.tenantClaim,
  });
  const fresh = () => createTokenVerifier(KEYCLOAK, realm.url);
  const token = (options: IssueOptions = {}) => realm.issue(leader, options);

  beforeAll(async () => {
    realm = new DevRealm(realmOptions());
    await realm.listen(0);
    // Another realm's key on the same issuer URL: a forgery that names the right realm.
    forger = new DevRealm(realmOptions(), realm.url);
  });
  afterAll(async () => {
    await realm.close();
    for (const dir of keyDirs) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => jest.spyOn(console, method));
  });
  afterEach(() => {
    // Nothing of keycloak-connect's may reach the console: it is not JSON, and it would corrupt the structured log.
    const written = consoleSpies.flatMap((spy) => spy.mock.calls);
    for (const spy of consoleSpies) spy.mockRestore();
    expect(written).toEqual([]);
  });

  it('accepts a valid token and builds its viewer', async () => {
    const viewer = await fresh().verify(token());
    expect(viewer.subject).toBe(leader.subject);
    expect(viewer.tenantCode).toBe(leader.tenantCode);
    expect(viewer.expiresAt).toBeInstanceOf(Date);
  });

  it(`tolerates nbf and iat up to ${CLOCK_SKEW_SECONDS} s ahead (clock skew)`, async () => {
    const ahead = now() + CLOCK_SKEW_SECONDS - 20;
    await expect(fresh().verify(token({ claims: { nbf: ahead, iat: ahead } }))).resolves.toMatchObject({ subject: leader.subject });
  });

  const cases: [string, TokenRejection, () => string][] = [
    ['garbage', 'TOKEN_MALFORMED', () => 'not-a-jwt'],
    ['three parts that are not JSON', 'TOKEN_MALFORMED', () => 'abc.def.ghi'],
    ['claims that are not an object', 'TOKEN_MALFORMED', () => `${token().split('.')[0]}.${Buffer.from('[1]').toString('base64url')}.c2ln`],
    ['a token without a signature part', 'TOKEN_MALFORMED', () => token().split('.').slice(0, 2).join('.') + '.'],
    ['alg none', 'TOKEN_ALGORITHM_UNSUPPORTED', () => token({ header: { alg: 'none' } })],
    ['alg HS256', 'TOKEN_ALGORITHM_UNSUPPORTED', () => token({ header: { alg: 'HS256' } })],
    ['no exp', 'TOKEN_EXPIRY_MISSING', () => token({ claims: { exp: undefined } })],
    ['an exp that is not a number', 'TOKEN_EXPIRY_MISSING', () => token({ claims: { exp: 'never' } })],
    ['an expired token', 'TOKEN_EXPIRED', () => token({ expiresIn: -60 })],
    ['nbf an hour ahead', 'TOKEN_NOT_YET_VALID', () => token({ claims: { nbf: now() + 3600 } })],
    ['an nbf that is not a number', 'TOKEN_NOT_YET_VALID', () => token({ claims: { nbf: 'soon' } })],
    ['iat an hour ahead', 'TOKEN_ISSUED_IN_FUTURE', () => token({ claims: { iat: now() + 3600 } })],
    ['another issuer', 'TOKEN_ISSUER_WRONG', () => token({ claims: { iss: 'http://127.0.0.1:1/realms/key-projects' } })],
    ['another audience', 'TOKEN_AUDIENCE_WRONG', () => token({ claims: { aud: ['account'] } })],
    ['an ID token', 'TOKEN_TYPE_WRONG', () => token({ claims: { typ: 'ID' } })],
    [
      'a tampered payload',
      'TOKEN_SIGNATURE_INVALID',
      () => {
        const [header, , signature] = token().split('.');
        const claims = JSON.parse(Buffer.from(token().split('.')[1]!, 'base64url').toString());
        return `${header}.${Buffer.from(JSON.stringify({ ...claims, realm_access: { roles: ['admin'] } })).toString('base64url')}.${signature}`;
      },
    ],
    ['no subject', 'TOKEN_SUBJECT_MISSING', () => token({ claims: { sub: undefined } })],
  ];

  it.each(cases)('refuses %s as %s', async (_, reason, make) => {
    const refused = await rejection(fresh(), make());
    expect(refused.reason).toBe(reason);
    expect(refused.message).toBe(TOKEN_REJECTIONS[reason].en);
  });

  it('refuses a token signed with a key of the realm it does not publish, the same way twice in a row', async () => {
    // A fresh verifier fetches the JWKS for the first unknown kid, and within 10 s refuses to fetch it again.
    const verifier = fresh();
    const first = await rejection(verifier, forger.issue(leader));
    const second = await rejection(verifier, forger.issue(leader));
    const third = await rejection(verifier, token({ header: { kid: 'rotated-away' } }));
    for (const refused of [first, second, third]) {
      expect(refused.reason).toBe('TOKEN_KEY_UNKNOWN');
      expect(refused.message).toBe(TOKEN_REJECTIONS.TOKEN_KEY_UNKNOWN.en);
    }
    // The realm's own key was fetched along the way and still verifies.
    await expect(verifier.verify(token())).resolves.toMatchObject({ subject: leader.subject });
  });

  it('says the keys are unavailable, and warns the operator, when the realm cannot be reached', async () => {
    const warnings: unknown[] = [];
    const unreachable = createTokenVerifier(KEYCLOAK, 'http://127.0.0.1:1', {
      warn: (entry: unknown) => void warnings.push(entry),
    } as never);
    const offline = new DevRealm(realmOptions(), 'http://127.0.0.1:1');
    const refused = await rejection(unreachable, offline.issue(leader));
    expect(refused.reason).toBe('TOKEN_KEYS_UNAVAILABLE');
    expect(warnings).toHaveLength(1);
  });

  it('answers SERVICE_UNAVAILABLE (503, Retry-After), not UNAUTHENTICATED, when the realm cannot be reached: the token may be fine', async () => {
    const unreachable = createTokenVerifier(KEYCLOAK, 'http://127.0.0.1:1', { warn: () => undefined } as never);
    const offline = new DevRealm(realmOptions(), 'http://127.0.0.1:1');
    const refused = await authenticate(unreachable, offline.issue(leader)).then(
      () => undefined,
      (error: unknown) => error as AppError,
    );
    expect(refused?.extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      retryAfterSeconds: KEYS_RETRY_AFTER_SECONDS,
      http: { status: 503 },
    });
  });

  it.each(['PEM', 'base64'])('checks the signature against a configured realm public key (%s) as well', async (form) => {
    const jwks = (await (await fetch(`${realm.issuer}/protocol/openid-connect/certs`)).json()) as { keys: Record<string, string>[] };
    const pem = createPublicKey({ key: jwks.keys[0]!, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    // The admin console shows the base64 body; openssl and most tools write PEM.
    const realmPublicKey = form === 'PEM' ? pem : pem.replace(/-----[A-Z ]+-----|\s/g, '');
    const withKey = createTokenVerifier({ ...KEYCLOAK, realmPublicKey }, realm.url);
    await expect(withKey.verify(token())).resolves.toMatchObject({ subject: leader.subject });
    expect((await rejection(withKey, forger.issue(leader))).reason).toBe('TOKEN_SIGNATURE_INVALID');
    expect((await rejection(withKey, token({ claims: { exp: undefined } }))).reason).toBe('TOKEN_EXPIRY_MISSING');
  });

  it.each(Object.entries(TOKEN_REJECTIONS))('words %s so that it fits a WebSocket close frame, in every language', (_, message) => {
    expect(Buffer.byteLength(message.zh)).toBeLessThanOrEqual(123);
    expect(Buffer.byteLength(message.en)).toBeLessThanOrEqual(123);
  });
});
