import { parse, type DocumentNode } from 'graphql';
import { asksSchemaOnly } from '../graphql/schema-only';
import { AppError, ErrorCode, unavailable } from '../errors/app-error';
import { TOKEN_REJECTIONS, TokenRejected, type TokenRejection } from './token-rejection';
import type { TokenVerifier } from './token-verifier';
import type { Viewer } from './viewer';

/** Nobody: allowed only to introspect the schema, when introspection is on. */
export const ANONYMOUS_VIEWER: Viewer = Object.freeze({
  subject: '',
  name: 'anonymous',
  tenantCode: undefined,
  roles: new Set<string>(),
  isServiceAccount: false,
  expiresAt: undefined,
});

/**
 * Where the token comes from: the Authorization header over HTTP, `authorization` in graphql-ws's
 * connection_init payload.
 */
export const TOKEN_FIELD = 'authorization';

export function unauthenticated(reason: TokenRejection): AppError {
  return new AppError(ErrorCode.UNAUTHENTICATED, TOKEN_REJECTIONS[reason], { field: TOKEN_FIELD, reason, http: { status: 401 } });
}

/** `Bearer <token>` (case-insensitive scheme), from an Authorization header or a connection payload. */
export function bearerToken(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value.trim());
  return match?.[1];
}

/** True when every operation of the document only asks about the schema. */
export function isIntrospectionOnly(query: unknown, maxTokens?: number): boolean {
  if (typeof query !== 'string') return false;
  let document: DocumentNode;
  try {
    // Before any token is checked: an anonymous document must not make the parser work unbounded.
    document = parse(query, maxTokens === undefined ? undefined : { maxTokens });
  } catch {
    return false;
  }
  return document.definitions.every(
    (definition) => definition.kind === 'FragmentDefinition' || (definition.kind === 'OperationDefinition' && asksSchemaOnly(definition)),
  );
}

/** How long a client waits before asking again when the realm's keys could not be fetched. */
export const KEYS_RETRY_AFTER_SECONDS = 5;

/**
 * Verifies a bearer token; every failure is UNAUTHENTICATED with a reason a client can act on,
 * except that the realm's keys could not be fetched: that says nothing of the token, so it is an
 * outage (SERVICE_UNAVAILABLE, retry), not a reason to sign in again.
 */
export async function authenticate(verifier: TokenVerifier, token: string | undefined): Promise<Viewer> {
  if (!token) throw unauthenticated('TOKEN_MISSING');
  try {
    return await verifier.verify(token);
  } catch (error) {
    if (error instanceof TokenRejected && error.reason === 'TOKEN_KEYS_UNAVAILABLE') {
      throw unavailable(TOKEN_REJECTIONS.TOKEN_KEYS_UNAVAILABLE, KEYS_RETRY_AFTER_SECONDS);
    }
    if (error instanceof TokenRejected) throw unauthenticated(error.reason);
    throw error;
  }
}
