import Keycloak from 'keycloak-connect';
import type { KeycloakConfig } from '../config';
import { viewerFromClaims, type AccessTokenClaims, type Viewer } from './viewer';

/**
 * The only module that knows keycloak-connect. The adapter is deprecated upstream (security fixes
 * only); replacing it means replacing this file.
 */
export interface TokenVerifier {
  /** Resolves the viewer of a valid access token; rejects with TokenRejected otherwise. */
  verify(accessToken: string): Promise<Viewer>;
}

export class TokenRejected extends Error {
  override name = 'TokenRejected';
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

export function createTokenVerifier(config: KeycloakConfig, serverUrl: string): TokenVerifier {
  const adapterConfig: AdapterConfig = {
    realm: config.realm,
    'auth-server-url': serverUrl,
    resource: config.clientId,
    'bearer-only': true,
    // Off by default in keycloak-connect: a token issued for another client of the realm would pass.
    'verify-token-audience': true,
    ...(config.realmPublicKey ? { 'realm-public-key': config.realmPublicKey } : {}),
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
    async verify(accessToken) {
      const cached = verified.get(accessToken);
      if (cached && cached.expiresAt && cached.expiresAt.getTime() > Date.now()) return cached;
      if (cached) verified.delete(accessToken);
      let claims: AccessTokenClaims | undefined;
      try {
        // Signature (realm key or JWKS), expiry, `typ: Bearer`, issuer and audience.
        claims = (await grantManager.createGrant({ access_token: accessToken })).access_token?.content;
      } catch (error) {
        throw new TokenRejected(error instanceof Error ? error.message : 'invalid token');
      }
      if (!claims?.sub) throw new TokenRejected('invalid token (no subject)');
      const viewer = viewerFromClaims(claims, config.clientId, config.tenantClaim);
      if (verified.size >= MAX_CACHED) verified.delete(verified.keys().next().value!);
      if (viewer.expiresAt) verified.set(accessToken, viewer);
      return viewer;
    },
  };
}
