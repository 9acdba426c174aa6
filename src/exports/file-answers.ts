import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { ANONYMOUS_VIEWER, bearerToken } from '../auth/authenticate';
import type { Viewer } from '../auth/viewer';
import { AppError, ErrorCode } from '../errors/app-error';
import { isDatabaseUnavailable, serviceUnavailable } from '../errors/database-unavailable';
import { LANGUAGE_TAGS, type Language } from '../language/language';
import type { AdmissionGate } from '../transport/admission-gate';
import type { LinkProblem, LinkViewer } from './download-link';
import { signingKeyOf } from './download-link-key';
import { linkOfAnotherViewer, linkRefused } from './download-refusal';

/**
 * How long a replica keeps the signing key it read: a flood of made-up links costs no database
 * round trip each, and a rotated key reaches every replica within this.
 */
const KEY_KEPT_MS = 10_000;

/** The links' signing key as a route reads it: kept KEY_KEPT_MS, a failed read not kept (the next request asks again). */
export function cachedSigningKey(orm: MikroORM): () => Promise<Buffer> {
  let key: { value: Promise<Buffer>; readAt: number } | undefined;
  return () => {
    if (!key || Date.now() - key.readAt > KEY_KEPT_MS) {
      const value = signingKeyOf(orm.em.fork());
      key = { value, readAt: Date.now() };
      value.catch(() => (key = undefined));
    }
    return key.value;
  };
}

/** The status of a refusal: as the GraphQL transport sets it (extensions.http), else by its code. */
const STATUS_OF: Partial<Record<string, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/** A refusal as the file routes answer it: a small JSON body `{ code, reason?, message }`, never kept by a cache. */
export function refuseJson(res: Response, status: number, body: Record<string, unknown>, language: Language): void {
  res.status(status).setHeader('content-language', LANGUAGE_TAGS[language]);
  res.setHeader('cache-control', 'no-store');
  res.type('application/json').send(JSON.stringify(body));
}

/**
 * Answers a file route's failure: an AppError with its code, extensions and status in the
 * reader's language; anything else as INTERNAL_SERVER_ERROR with an id that the log has with the
 * stack. Once a file has started, the connection is cut instead, so the browser shows a failed
 * download rather than keeping half a file as if it were whole.
 */
export function answerFailure(logger: Logger, res: Response, error: unknown, language: Language, what: string): void {
  const known = error instanceof AppError ? error : isDatabaseUnavailable(error) ? serviceUnavailable() : undefined;
  if (res.headersSent) {
    if (!known) logger.error({ err: error }, `${what} failed while streaming`);
    res.destroy();
    return;
  }
  if (known) {
    const { message, extensions } = known.shownIn(language);
    const http = known.extensions['http'] as { status?: number; headers?: Map<string, string> } | undefined;
    for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
    const { code, ...rest } = extensions;
    return refuseJson(res, http?.status ?? STATUS_OF[known.code] ?? 400, { code, ...rest, message }, language);
  }
  const errorId = randomUUID();
  logger.error({ err: error, errorId }, `${what} failed`);
  const message = language === 'zh' ? `内部错误（编号 ${errorId}）` : `Internal error (id ${errorId})`;
  refuseJson(res, 500, { code: ErrorCode.INTERNAL_SERVER_ERROR, errorId, message }, language);
}

/** What every signed link grants: a viewer, until a time. */
interface LinkGrant {
  readonly viewer: LinkViewer;
  readonly expiresAt: Date;
}

/** The viewer a link was made for, as their token would make them; valid as long as the link. */
export const viewerOfLink = (grant: LinkGrant): Viewer => ({ ...grant.viewer, expiresAt: grant.expiresAt });

/**
 * A verified link's grant, once admitted for its viewer (draining, rate limit); the AppError that
 * refuses it otherwise. A refused link still costs its sender's address from the anonymous
 * budget, so guessing links is rate-limited like any other request without a token.
 */
export async function admittedLink<G extends LinkGrant>(
  gate: Pick<AdmissionGate, 'operation' | 'connection'>,
  grant: G | LinkProblem,
  req: Request,
): Promise<G> {
  const address = req.socket.remoteAddress;
  if (typeof grant === 'string') {
    gate.operation(ANONYMOUS_VIEWER, address);
    throw linkRefused(grant);
  }
  // A link travels without a token; one sent with it anyway (a script, a client that adds it to
  // every request) must be of the viewer the link was made for.
  const token = bearerToken(req.headers.authorization);
  if (token !== undefined && (await gate.connection(token)).subject !== grant.viewer.subject) throw linkOfAnotherViewer();
  gate.operation(viewerOfLink(grant), address);
  return grant;
}
