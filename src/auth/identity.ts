import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { DevRealm } from './dev-realm';
import { createTokenVerifier, type TokenVerifier } from './token-verifier';

export interface Identity {
  readonly verifier: TokenVerifier;
  /** The development realm, when no Keycloak is configured. */
  readonly devRealm: DevRealm | undefined;
  close(): Promise<void>;
}

/** The development realm's directory (its key, and where a listening realm announces its URL). */
export const devRealmDir = (config: Config): string => path.join(config.dataDir, 'dev-realm');

export function devRealmFor(config: Config, serverUrl?: string): DevRealm {
  return new DevRealm(
    {
      keyDir: devRealmDir(config),
      realm: config.keycloak.realm,
      apiClientId: config.keycloak.clientId,
      tenantClaim: config.keycloak.tenantClaim,
    },
    serverUrl,
  );
}

/**
 * The configured Keycloak, or (development only; config refuses it in production) the development
 * realm on loopback. Either way tokens are verified by keycloak-connect the same way.
 */
export async function startIdentity(config: Config, logger?: Logger): Promise<Identity> {
  if (config.keycloak.url) {
    return {
      verifier: createTokenVerifier(config.keycloak, config.keycloak.url, logger),
      devRealm: undefined,
      close: async () => undefined,
    };
  }
  if (!config.devRealm) throw new Error('no Keycloak configured (KEYCLOAK_URL) and no development realm allowed');
  const devRealm = devRealmFor(config);
  const url = await devRealm.listen(config.devRealm.port);
  return { verifier: createTokenVerifier(config.keycloak, url, logger), devRealm, close: () => devRealm.close() };
}
