import { TokenRejected } from './token-rejection';

/**
 * What keycloak-connect does not check, checked here around it. It reads a JWT leniently: a
 * string that is not one passes its parser as a token with `exp: 0` (and is called expired); it
 * accepts a token without `exp` (which then never expires) and never reads `nbf`; it runs RSA on
 * whatever `alg` says. The signature stays keycloak-connect's to check.
 */

/**
 * How far a token's `nbf` and `iat` may lie ahead of this server's clock: Keycloak's and ours are
 * set by NTP but not to the second. A minute tolerates ordinary drift, not a clock set wrong.
 */
export const CLOCK_SKEW_SECONDS = 60;

export interface JwtParts {
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: Readonly<Record<string, unknown>>;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function jsonObject(part: string): Record<string, unknown> | undefined {
  if (!BASE64URL.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The header and claims of a compact JWS (header.claims.signature), or TOKEN_MALFORMED. Nothing is verified yet. */
export function readJwt(token: string): JwtParts {
  const parts = token.split('.');
  const header = parts.length === 3 && parts[2] !== '' ? jsonObject(parts[0]!) : undefined;
  const claims = header ? jsonObject(parts[1]!) : undefined;
  if (!header || !claims) throw new TokenRejected('TOKEN_MALFORMED');
  return { header, claims };
}

/** Keycloak signs access tokens with RS256, and keycloak-connect verifies nothing else. */
export function checkAlgorithm(header: JwtParts['header']): void {
  if (header['alg'] !== 'RS256') throw new TokenRejected('TOKEN_ALGORITHM_UNSUPPORTED');
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * `exp` is required and in the future (no skew: keycloak-connect allows none either); `nbf` and
 * `iat`, when present, are not ahead of now by more than the skew. A time that is not a number is
 * no time at all.
 */
export function checkValidityPeriod(claims: JwtParts['claims'], nowMs: number): void {
  const { exp, nbf, iat } = claims;
  const latest = nowMs / 1000 + CLOCK_SKEW_SECONDS;
  if (!isTime(exp)) throw new TokenRejected('TOKEN_EXPIRY_MISSING');
  if (exp * 1000 < nowMs) throw new TokenRejected('TOKEN_EXPIRED');
  if (nbf !== undefined && (!isTime(nbf) || nbf > latest)) throw new TokenRejected('TOKEN_NOT_YET_VALID');
  if (iat !== undefined && (!isTime(iat) || iat > latest)) throw new TokenRejected('TOKEN_ISSUED_IN_FUTURE');
}
