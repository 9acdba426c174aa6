import Keycloak from 'keycloak-connect';
import type { Logger } from 'pino';
import type { KeycloakConfig } from '../config';
import { checkAlgorithm, checkValidityPeriod, readJwt } from './token-claims';
import { TokenRejected, type TokenRejection } from './token-rejection';
import { viewerFromClaims, type AccessTokenClaims, type Viewer } from './viewer';

/**
 * The only module that knows keycloak-connect. The adapter is deprecated upstream (security fixes
 * only); replacing it means replacing this file.
 */
export interface TokenVerifier {
  /** The realm whose tokens it accepts (`<auth-server-url>/realms/<realm>`): browsers sign in there (the dashboard). */
  readonly issuer: string;
  /** Resolves the viewer of a valid access token; rejects with TokenRejected otherwise. */
  verify(accessToken: string): Promise<Viewer>;
}

/** Options keycloak-connect reads but its typings omit. */
interface AdapterConfig {
  realm: string;
  'auth-server-url': string;
  resource: string;
  'bearer-only': true;
  'verify-token-audience': boolean;
  'realm-public-key'?: string;
  'min-time-between-jwks-requests': number;
  'ssl-required': string;
}

interface GrantManager {
  createGrant(raw: { access_token: string }): Promise<{ access_token?: { content: AccessTokenClaims } }>;
}

/**
 * keycloak-connect's reasons (26.1.1), in its words, to ours. It checks expiry before the
 * signature, so a forged token may well be called expired: either way it is refused.
 */
const ADAPTER_REASONS: readonly [RegExp, TokenRejection][] = [
  [/invalid token \(expired\)/, 'TOKEN_EXPIRED'],
  [/invalid token \(wrong type\)/, 'TOKEN_TYPE_WRONG'],
  [/invalid token \(wrong ISS\)/, 'TOKEN_ISSUER_WRONG'],
  [/invalid token \(wrong audience\)/, 'TOKEN_AUDIENCE_WRONG'],
  [/invalid token \((public key )?signature\)/, 'TOKEN_SIGNATURE_INVALID'],
  // The realm's JWKS, just fetched, has no key of this kid: jwk-to-pem is handed nothing.
  [/Expected "jwk" to be an Object/, 'TOKEN_KEY_UNKNOWN'],
  // Fetching the JWKS failed (Keycloak unreachable, an error status): not the client's fault.
  [/failed to load public key/, 'TOKEN_KEYS_UNAVAILABLE'],
];

/**
 * An unknown kid within min-time-between-jwks-requests of the last JWKS fetch: keycloak-connect
 * does not refetch, says so on the console, and then fails on its own `undefined.then`
 * ("Cannot read properties of undefined"). The console line is the reliable sign of this case.
 */
const JWKS_THROTTLED = /Not enough time elapsed since the last request/;

/** The reasons that say something is wrong on this side (keys, configuration), not with the token. */
const SERVER_SIDE: ReadonlySet<TokenRejection> = new Set(['TOKEN_KEYS_UNAVAILABLE', 'TOKEN_UNVERIFIABLE']);

/**
 * Runs `call` with the console captured. keycloak-connect writes some failures to the console
 * (not JSON: it would corrupt the structured log) instead of into its errors. It does so only
 * synchronously within createGrant, so capturing for exactly that call catches its lines and
 * nothing of anyone else's: no other code runs in between.
 */
function withConsoleCaptured<T>(lines: string[], call: () => T): T {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((method) => console[method]);
  for (const method of methods) console[method] = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  try {
    return call();
  } finally {
    methods.forEach((method, i) => (console[method] = saved[i]!));
  }
}

export function createTokenVerifier(config: KeycloakConfig, serverUrl: string, logger?: Pick<Logger, 'warn'>): TokenVerifier {
  const adapterConfig: AdapterConfig = {
    realm: config.realm,
    'auth-server-url': serverUrl,
    resource: config.clientId,
    'bearer-only': true,
    // Off by default in keycloak-connect: a token issued for another client of the realm would pass.
    'verify-token-audience': true,
    // keycloak-connect armours the value itself: a PEM would be armoured twice and match nothing.
    ...(config.realmPublicKey ? { 'realm-public-key': config.realmPublicKey.replace(/-----[A-Z ]+-----|\s/g, '') } : {}),
    'min-time-between-jwks-requests': 10,
    'ssl-required': 'external',
  };
  const keycloak = new Keycloak({}, adapterConfig as unknown as Keycloak.KeycloakConfig);
  const grantManager = keycloak.grantManager as unknown as GrantManager;
  // A dashboard sends the same token with every request until it expires; verifying it once (RSA
  // signature, key conversion) is enough. Entries leave at expiry, and the map is bounded.
  const verified = new Map<string, Viewer>();
  const MAX_CACHED = 10_000;
  return {
    issuer: `${serverUrl.replace(/\/+$/, '')}/realms/${config.realm}`,
    async verify(accessToken) {
      const cached = verified.get(accessToken);
      if (cached && cached.expiresAt && cached.expiresAt.getTime() > Date.now()) return cached;
      if (cached) verified.delete(accessToken);
      // keycloak-connect would read anything that is not a JWT as an expired one, and would run RSA on any `alg`.
      const { header } = readJwt(accessToken);
      checkAlgorithm(header);
      let claims: AccessTokenClaims | undefined;
      const lines: string[] = [];
      try {
        // Signature (realm key or JWKS), expiry when present, `typ: Bearer`, issuer and audience.
        claims = (await withConsoleCaptured(lines, () => grantManager.createGrant({ access_token: accessToken }))).access_token?.content;
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        const reason = lines.some((line) => JWKS_THROTTLED.test(line))
          ? 'TOKEN_KEY_UNKNOWN'
          : (ADAPTER_REASONS.find(([pattern]) => pattern.test(detail))?.[1] ?? 'TOKEN_UNVERIFIABLE');
        if (SERVER_SIDE.has(reason)) logger?.warn({ reason, detail }, 'an access token could not be verified');
        throw new TokenRejected(reason, detail);
      }
      if (!claims) throw new TokenRejected('TOKEN_UNVERIFIABLE');
      // After the signature: these claims are now known to be the issuer's.
      checkValidityPeriod(claims, Date.now());
      if (!claims.sub) throw new TokenRejected('TOKEN_SUBJECT_MISSING');
      const viewer = viewerFromClaims(claims, config.clientId, config.tenantClaim);
      if (verified.size >= MAX_CACHED) verified.delete(verified.keys().next().value!);
      verified.set(accessToken, viewer);
      return viewer;
    },
  };
}
