import { existsSync } from 'node:fs';
import type { Config } from '../config';
import { devRealmKeyFile, readDevRealmAnnouncement, type DevRealm } from './dev-realm';
import { devRealmDir, devRealmFor } from './identity';

/**
 * Which development realm a token made outside the server (`npm run token`) must come from. A
 * server accepts only tokens signed with the key in its DATA_DIR and naming its realm's URL as
 * issuer; a command run with another DATA_DIR or DEV_REALM_PORT would mint tokens the server
 * refuses ("wrong ISS"). So the realm is found, not assumed: the one the running server announced in
 * DATA_DIR, checked live, else the one DEV_REALM_PORT names, and every mismatch is explained.
 */
export type DevRealmTarget =
  | { readonly realm: DevRealm; readonly running: true }
  /** No server runs it now: tokens name the realm a server with this DATA_DIR and DEV_REALM_PORT will run. */
  | { readonly realm: DevRealm; readonly running: false; readonly note: string };

/** Why no token can be made that the server would accept. */
export class DevRealmTargetError extends Error {
  override name = 'DevRealmTargetError';
}

/** The kids of the realm answering at `url`, or undefined when nothing answers there. */
async function servedKeyIds(url: string, realm: string): Promise<string[] | undefined> {
  try {
    const response = await fetch(`${url}/realms/${realm}/protocol/openid-connect/certs`, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) return [];
    const body = (await response.json()) as { keys?: { kid?: unknown }[] };
    return (body.keys ?? []).map((k) => String(k.kid));
  } catch {
    return undefined;
  }
}

export async function devRealmTarget(config: Config): Promise<DevRealmTarget> {
  if (!config.devRealm) {
    throw new DevRealmTargetError(
      'a Keycloak is configured (KEYCLOAK_URL): get tokens from it; the development realm serves only without one',
    );
  }
  const devRealmPort = config.devRealm.port;
  const dir = devRealmDir(config);
  if (!existsSync(devRealmKeyFile(dir))) {
    throw new DevRealmTargetError(
      `no development realm in ${dir}: npm start creates its key on the first start. Start the server first, ` +
        'or run this command with the DATA_DIR the server runs with',
    );
  }
  const announced = readDevRealmAnnouncement(dir)?.url;
  const configured = devRealmPort === 0 ? undefined : `http://127.0.0.1:${devRealmPort}`;
  const candidates = [...new Set([announced, configured].filter((url): url is string => url !== undefined))];
  const { kid } = devRealmFor(config);
  for (const url of candidates) {
    const kids = await servedKeyIds(url, config.keycloak.realm);
    if (kids === undefined) continue;
    if (kids.includes(kid)) return { realm: devRealmFor(config, url), running: true };
    throw new DevRealmTargetError(
      `the development realm at ${url} signs with another key than the one in ${dir}: that server runs with another ` +
        'DATA_DIR. Run this command with the same DATA_DIR as the server',
    );
  }
  if (!configured) {
    throw new DevRealmTargetError(
      `no server is running with DATA_DIR=${config.dataDir}, and DEV_REALM_PORT=0 gives the development realm a new ` +
        'port at every start: start the server first, then run this command with the same DATA_DIR',
    );
  }
  const realm = devRealmFor(config, configured);
  return {
    realm,
    running: false,
    note:
      `note: no server is running with DATA_DIR=${config.dataDir}; this token names the issuer ${realm.issuer}, which a ` +
      'server started with the same DATA_DIR and DEV_REALM_PORT accepts',
  };
}
