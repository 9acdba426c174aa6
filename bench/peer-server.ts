import './peer-single-graphql';
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import http from 'node:http';
import { Pool } from 'pg';
import { postgraphile } from 'postgraphile';
import { Access, type ViewerTenant } from '../src/auth/access';
import type { TenantLevelName } from '../src/auth/roles';
import { checkAlgorithm, checkValidityPeriod, readJwt } from '../src/auth/token-claims';
import { viewerFromClaims, type AccessTokenClaims } from '../src/auth/viewer';
import { APP_ROLE } from '../src/db/app-role';

/**
 * The peer of `npm run bench:api`: PostGraphile 4 serving the same database through the same login
 * (kp_app_login) with the same per-request scope our server sets (src/db/scoped-transaction.ts),
 * derived from the same RS256 token, verified against the development realm's JWKS. A process of
 * its own, as our server is, so neither shares an event loop with the load generator.
 *
 * Environment: PEER_DATABASE_URL (the application's login), PEER_PORT, PEER_REALM_ISSUER (the realm
 * our server trusts: its JWKS is fetched once), PEER_CLIENT_ID, PEER_TENANT_CLAIM, PEER_STATEMENT_TIMEOUT_MS.
 */
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const DATABASE_URL = env('PEER_DATABASE_URL');
const PORT = Number(env('PEER_PORT'));
const ISSUER = env('PEER_REALM_ISSUER');
const CLIENT_ID = env('PEER_CLIENT_ID');
const TENANT_CLAIM = env('PEER_TENANT_CLAIM');
const STATEMENT_TIMEOUT_MS = env('PEER_STATEMENT_TIMEOUT_MS');

interface Verified {
  settings: Record<string, string>;
  expiresAtMs: number;
}

/** Same pool size as our server's default (DB_POOL_MAX 10). */
const pool = new Pool({ connectionString: DATABASE_URL, max: 10 });

async function realmKeys(): Promise<Map<string, KeyObject>> {
  const response = await fetch(`${ISSUER}/protocol/openid-connect/certs`);
  const { keys } = (await response.json()) as { keys: (Record<string, unknown> & { kid: string })[] };
  return new Map(keys.map((jwk) => [jwk.kid, createPublicKey({ key: jwk, format: 'jwk' })]));
}

/** The tenant directory, read once as our server's TenantDirectory caches it (public reference data). */
async function tenants(): Promise<Map<string, ViewerTenant>> {
  const { rows } = await pool.query<{ code: string; path: string; level: TenantLevelName }>(
    `select code, path::text as path, level::text as level from tenant where valid_to is null or valid_to > current_date`,
  );
  return new Map(rows.map((row) => [row.code, row]));
}

async function main(): Promise<void> {
  const [keys, directory] = await Promise.all([realmKeys(), tenants()]);
  // Verified tokens are kept until they expire, as keycloak-connect's verification is cached in ours.
  const verified = new Map<string, Verified>();

  const verifyToken = (token: string): Verified => {
    const { header, claims } = readJwt(token);
    checkAlgorithm(header);
    checkValidityPeriod(claims, Date.now());
    const key = keys.get(String(header['kid']));
    const [head, body, signature] = token.split('.');
    if (!key || !verify('RSA-SHA256', Buffer.from(`${head}.${body}`), key, Buffer.from(signature!, 'base64url'))) {
      throw new Error('invalid token signature');
    }
    const audience = ([] as unknown[]).concat(claims['aud']);
    if (claims['iss'] !== ISSUER || !audience.includes(CLIENT_ID)) throw new Error('token for another realm or client');
    const viewer = viewerFromClaims(claims as AccessTokenClaims, CLIENT_ID, TENANT_CLAIM);
    const tenant = viewer.tenantCode ? directory.get(viewer.tenantCode) : undefined;
    if (!tenant) throw new Error('token names no active tenant');
    const access = new Access(viewer, tenant);
    return {
      // What beginScopedTransaction sets, key for key.
      settings: {
        role: APP_ROLE,
        'kp.read_root': access.readRoot ?? '',
        'kp.subject': viewer.subject,
        'kp.actor_name': viewer.name,
        'kp.tenant_code': tenant.code,
        statement_timeout: STATEMENT_TIMEOUT_MS,
      },
      expiresAtMs: Number(claims['exp']) * 1000,
    };
  };

  const middleware = postgraphile(pool, 'public', {
    graphqlRoute: '/graphql',
    disableQueryLog: true,
    retryOnInitFail: false,
    dynamicJson: true,
    pgSettings: (req: http.IncomingMessage) => {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token) throw new Error('a bearer token is required');
      let entry = verified.get(token);
      if (!entry || entry.expiresAtMs < Date.now()) {
        entry = verifyToken(token);
        verified.set(token, entry);
      }
      return Promise.resolve(entry.settings);
    },
  });
  http.createServer(middleware).listen(PORT, '127.0.0.1', () => console.log(`peer listening on ${PORT}`));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
