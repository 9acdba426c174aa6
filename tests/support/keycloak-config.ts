import type { KeycloakConfig } from '../../src/config';

/**
 * The API's Keycloak settings for tests that verify tokens against a development realm on loopback
 * (no URL: the realm's JWKS address is given to the verifier; no fixed key: keys come from it).
 */
export const TEST_KEYCLOAK: KeycloakConfig = {
  url: undefined,
  realm: 'key-projects',
  clientId: 'key-projects-api',
  realmPublicKey: undefined,
  tenantClaim: 'tenant_code',
};
