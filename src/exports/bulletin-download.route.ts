import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { ANONYMOUS_VIEWER, bearerToken } from '../auth/authenticate';
import type { Viewer } from '../auth/viewer';
import { Period } from '../calendar/period';
import type { Context } from '../context';
import { abandonScopedTransaction, beginScopedTransaction, endScopedTransaction } from '../db/scoped-transaction';
import { AppError, ErrorCode, notFound } from '../errors/app-error';
import { isDatabaseUnavailable, serviceUnavailable } from '../errors/database-unavailable';
import { languageOf, LANGUAGE_TAGS, type Language } from '../language/language';
import { BulletinService } from '../modules/bulletin/bulletin.service';
import type { MonthlyBulletin } from '../modules/bulletin/bulletin.types';
import type { AdmissionGate } from '../transport/admission-gate';
import { bulletinDocument } from './bulletin-document';
import { attachment, bulletinFileName, CONTENT_TYPES } from './bulletin-file';
import { writeBulletinWorkbook } from './bulletin-workbook';
import { verifyDownload, type DownloadGrant } from './download-link';
import { signingKeyOf } from './download-link-key';
import { linkOfAnotherViewer, linkRefused } from './download-refusal';

/** Where the bulletin's files are served: `<path>/<token>`, the token as bulletinDownload signed it. */
export const BULLETIN_DOWNLOAD_PATH = '/exports/bulletin';

/**
 * How long a replica keeps the signing key it read: a flood of made-up links costs no database
 * round trip each, and a rotated key reaches every replica within this.
 */
const KEY_KEPT_MS = 10_000;

export interface BulletinDownloadDeps {
  /** The same admission as GraphQL's: refused while draining, rate-limited per viewer, the viewer's context and scope. */
  readonly gate: Pick<AdmissionGate, 'operation' | 'connection' | 'contextFor'>;
  /** For the signing key, read before any viewer is known (the link says who, once its signature holds). */
  readonly orm: MikroORM;
  readonly logger: Logger;
}

/**
 * GET /exports/bulletin/<token>: the bulletin's file for whoever holds a link bulletinDownload
 * signed. The link stands in for the bearer token a browser cannot send with a link: its signature
 * and expiry are checked first (constant time), then the request is admitted as the viewer it was
 * made for, exactly as a GraphQL request with their token is (rate limit, tenant still active,
 * their database scope under row-level security in one read-only transaction), and the bulletin is
 * read again through the same service as `monthlyBulletin`: what the file holds is what that
 * viewer may read now, not what they could when the link was made.
 *
 * Every refusal is a small JSON body `{ code, reason?, message }` in the reader's language (Chinese
 * unless Accept-Language asks for English) with the status of the same refusal over GraphQL.
 */
export function bulletinDownloads(deps: BulletinDownloadDeps): Router {
  const router = Router();
  let key: { value: Promise<Buffer>; readAt: number } | undefined;
  const signingKey = (): Promise<Buffer> => {
    if (!key || Date.now() - key.readAt > KEY_KEPT_MS) {
      const value = signingKeyOf(deps.orm.em.fork());
      key = { value, readAt: Date.now() };
      // A failed read is not kept: the next request asks again.
      value.catch(() => (key = undefined));
    }
    return key.value;
  };
  router.use(BULLETIN_DOWNLOAD_PATH, (req, res) => void download(deps, signingKey, req, res));
  return router;
}

async function download(deps: BulletinDownloadDeps, signingKey: () => Promise<Buffer>, req: Request, res: Response): Promise<void> {
  const language = languageOf(req.headers['accept-language']);
  let ctx: Context | undefined;
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return refuse(res, 405, { code: 'METHOD_NOT_ALLOWED', message: METHOD_NOT_ALLOWED[language] }, language);
    }
    const grant = await admittedGrant(deps, await signingKey(), req);
    ctx = await deps.gate.contextFor(viewerOf(grant), language, 'read');
    await beginScopedTransaction(ctx.em, ctx.scope, true);
    const service = new BulletinService(ctx);
    const bulletin = await bulletinOf(service, grant);
    const fileName = bulletinFileName(bulletin, grant.format);
    res.status(200);
    res.setHeader('content-type', CONTENT_TYPES[grant.format]);
    res.setHeader('content-disposition', attachment(fileName, grant.format));
    // The file is one viewer's reading: never kept by a shared cache, nor by the browser.
    res.setHeader('cache-control', 'private, no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    if (req.method === 'HEAD') {
      res.end();
    } else if (grant.format === 'XLSX') {
      await writeBulletinWorkbook(res, bulletin, service);
    } else {
      const file = await bulletinDocument(bulletin, service);
      res.setHeader('content-length', file.length);
      res.end(file);
    }
    await endScopedTransaction(ctx.em, 'commit');
  } catch (error) {
    if (ctx) await abandonScopedTransaction(ctx.em);
    failed(deps.logger, res, error, language);
  }
}

/**
 * The grant of a link, once it is known to be this server's, unexpired and admitted for its viewer;
 * the AppError that refuses it otherwise. A refused link still costs its sender's address from the
 * anonymous budget, so guessing links is rate-limited like any other request without a token.
 */
async function admittedGrant(deps: BulletinDownloadDeps, key: Buffer, req: Request): Promise<DownloadGrant> {
  const address = req.socket.remoteAddress;
  const grant = verifyDownload(key, req.path.replace(/^\//, ''));
  if (typeof grant === 'string') {
    deps.gate.operation(ANONYMOUS_VIEWER, address);
    throw linkRefused(grant);
  }
  // A link travels without a token; one sent with it anyway (a script, a client that adds it to
  // every request) must be of the viewer the link was made for.
  const token = bearerToken(req.headers.authorization);
  if (token !== undefined && (await deps.gate.connection(token)).subject !== grant.viewer.subject) throw linkOfAnotherViewer();
  deps.gate.operation(viewerOf(grant), address);
  return grant;
}

/** The viewer a link was made for, as their token would make them; valid as long as the link. */
const viewerOf = (grant: DownloadGrant): Viewer => ({ ...grant.viewer, expiresAt: grant.expiresAt });

/**
 * The bulletin the link names, read as its viewer reads it now: NOT_FOUND when that viewer no longer
 * reads the tenant (or the publication), as `monthlyBulletin` would answer them.
 */
async function bulletinOf(service: BulletinService, grant: DownloadGrant): Promise<MonthlyBulletin> {
  const period = Period.parse(grant.period);
  // Signed by this server, so it parses; were it not, the link is not one it made.
  if (!period) throw linkRefused('LINK_INVALID');
  if (!grant.publicationId) return service.read(grant.tenantCode, period);
  const bulletin = await service.published(grant.publicationId);
  if (bulletin.tenantCode !== grant.tenantCode || !bulletin.period.equals(period)) throw notFound('Tenant', grant.tenantCode);
  return bulletin;
}

const METHOD_NOT_ALLOWED: Readonly<Record<Language, string>> = {
  zh: '下载链接只能用 GET 打开',
  en: 'A download link is opened with GET',
};

/** The status of a refusal: as the GraphQL transport sets it (extensions.http), else by its code. */
const STATUS_OF: Partial<Record<string, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

function refuse(res: Response, status: number, body: Record<string, unknown>, language: Language): void {
  res.status(status).setHeader('content-language', LANGUAGE_TAGS[language]);
  res.setHeader('cache-control', 'no-store');
  res.type('application/json').send(JSON.stringify(body));
}

/**
 * Answers a failure. Once the file has started, the status is sent: the connection is cut, so the
 * browser shows a failed download rather than saving half a file as if it were whole.
 */
function failed(logger: Logger, res: Response, error: unknown, language: Language): void {
  const known = error instanceof AppError ? error : isDatabaseUnavailable(error) ? serviceUnavailable() : undefined;
  if (res.headersSent) {
    if (!known) logger.error({ err: error }, 'bulletin download failed while streaming');
    res.destroy();
    return;
  }
  if (known) {
    const { message, extensions } = known.shownIn(language);
    const http = known.extensions['http'] as { status?: number; headers?: Map<string, string> } | undefined;
    for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
    const { code, ...rest } = extensions;
    return refuse(res, http?.status ?? STATUS_OF[known.code] ?? 400, { code, ...rest, message }, language);
  }
  const errorId = randomUUID();
  logger.error({ err: error, errorId }, 'bulletin download failed');
  const message = language === 'zh' ? `内部错误（编号 ${errorId}）` : `Internal error (id ${errorId})`;
  refuse(res, 500, { code: ErrorCode.INTERNAL_SERVER_ERROR, errorId, message }, language);
}
