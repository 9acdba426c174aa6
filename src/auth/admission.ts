import { AppError, ErrorCode } from '../errors/app-error';
import { unavailableOr } from '../errors/database-unavailable';
import type { ViewerTenant } from './access';
import { authenticate, bearerToken, TOKEN_FIELD } from './authenticate';
import type { TokenVerifier } from './token-verifier';
import type { Viewer } from './viewer';

/**
 * Who may come in, decided the same way for every transport: a valid token (else UNAUTHENTICATED,
 * HTTP 401) whose tenant claim, if any, names an active tenant (else FORBIDDEN, HTTP 403). A
 * WebSocket is refused with 4403 in both cases, exactly when HTTP would refuse.
 */

/** Resolves a division code to the active tenant it names (the TenantDirectory). */
export interface TenantLookup {
  lookup(code: string): Promise<ViewerTenant | undefined>;
}

/**
 * The viewer's tenant. A token naming a tenant that does not exist (or was retired) grants
 * nothing: FORBIDDEN, since the identity itself is valid.
 */
export async function admittedTenant(tenants: TenantLookup, viewer: Viewer): Promise<ViewerTenant | undefined> {
  if (!viewer.tenantCode) return undefined;
  // The request's first read: with the database away, SERVICE_UNAVAILABLE (retry), not a failure.
  const tenant = await tenants.lookup(viewer.tenantCode).catch((error: unknown) => {
    throw unavailableOr(error);
  });
  if (!tenant) {
    const message = {
      zh: `令牌中的行政区划 ${viewer.tenantCode} 不存在或已撤并：请联系管理员更正您所属的区划`,
      en: `the token's tenant ${viewer.tenantCode} is not an active tenant: ask an administrator to correct your tenant`,
    };
    throw new AppError(ErrorCode.FORBIDDEN, message, { field: TOKEN_FIELD, http: { status: 403 } });
  }
  return tenant;
}

export interface AdmissionDeps {
  readonly verifier: TokenVerifier;
  readonly tenants: TenantLookup;
}

/** The token of graphql-ws's connection_init payload: `authorization: Bearer <token>`, or `token`. */
export function connectionToken(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const given = params ?? {};
  return bearerToken(given['authorization'] ?? given['Authorization']) ?? (typeof given['token'] === 'string' ? given['token'] : undefined);
}

/**
 * Admits a WebSocket connection: what HTTP checks before a request's first operation, at once
 * (HTTP checks the tenant while building the request's context).
 */
export async function admitConnection(deps: AdmissionDeps, token: string | undefined): Promise<Viewer> {
  const viewer = await authenticate(deps.verifier, token);
  await admittedTenant(deps.tenants, viewer);
  return viewer;
}

/** A close frame's reason holds at most 123 bytes of UTF-8: longer messages are cut at a character. */
export function closeReason(message: string): string {
  const MAX_BYTES = 123;
  if (Buffer.byteLength(message) <= MAX_BYTES) return message;
  const characters = Array.from(message);
  while (Buffer.byteLength(`${characters.join('')}…`) > MAX_BYTES) characters.pop();
  return `${characters.join('')}…`;
}
