/**
 * Who is asking, built from a verified access token. Every service receives it through the request
 * context, so scope and attribution never read globals.
 */
export interface Viewer {
  /** Keycloak subject (`sub`), recorded on everything the viewer changes. */
  readonly subject: string;
  /** Display name (`name`, else `preferred_username`), recorded next to the subject. */
  readonly name: string;
  /** Division code from the tenant claim; undefined when the token carries none. */
  readonly tenantCode: string | undefined;
  /** Realm roles and this API's client roles, together. */
  readonly roles: ReadonlySet<string>;
  /** A client's service account (client-credentials grant), e.g. an integrator. */
  readonly isServiceAccount: boolean;
  /** When the token stops being valid; undefined for the system itself. */
  readonly expiresAt: Date | undefined;
}

/** The claims of a Keycloak access token this product reads. */
export interface AccessTokenClaims {
  sub?: string;
  exp?: number;
  azp?: string;
  name?: string;
  preferred_username?: string;
  realm_access?: { roles?: string[] };
  resource_access?: Record<string, { roles?: string[] } | undefined>;
  [claim: string]: unknown;
}

export function viewerFromClaims(claims: AccessTokenClaims, clientId: string, tenantClaim: string): Viewer {
  const username = claims.preferred_username ?? '';
  const tenant = claims[tenantClaim];
  return Object.freeze({
    subject: claims.sub ?? '',
    name: claims.name ?? (username || (claims.sub ?? '')),
    tenantCode: typeof tenant === 'string' && tenant !== '' ? tenant : undefined,
    roles: new Set([...(claims.realm_access?.roles ?? []), ...(claims.resource_access?.[clientId]?.roles ?? [])]),
    // Keycloak names a client's service-account user `service-account-<client id>`.
    isServiceAccount: username.startsWith('service-account-'),
    expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined,
  });
}
