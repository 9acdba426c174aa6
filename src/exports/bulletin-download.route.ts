import type { MikroORM } from '@mikro-orm/postgresql';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { Period } from '../calendar/period';
import type { Context } from '../context';
import { abandonScopedTransaction, beginScopedTransaction, endScopedTransaction } from '../db/scoped-transaction';
import { notFound } from '../errors/app-error';
import { languageOf, type Language } from '../language/language';
import { BulletinService } from '../modules/bulletin/bulletin.service';
import type { MonthlyBulletin } from '../modules/bulletin/bulletin.types';
import type { AdmissionGate } from '../transport/admission-gate';
import { bulletinDocument } from './bulletin-document';
import { attachment, bulletinFileName, CONTENT_TYPES } from './bulletin-file';
import { writeBulletinWorkbook } from './bulletin-workbook';
import { verifyDownload, type DownloadGrant } from './download-link';
import { admittedLink, answerFailure, cachedSigningKey, refuseJson, viewerOfLink } from './file-answers';
import { linkRefused } from './download-refusal';

/** Where the bulletin's files are served: `<path>/<token>`, the token as bulletinDownload signed it. */
export const BULLETIN_DOWNLOAD_PATH = '/exports/bulletin';

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
  const signingKey = cachedSigningKey(deps.orm);
  router.use(BULLETIN_DOWNLOAD_PATH, (req, res) => void download(deps, signingKey, req, res));
  return router;
}

async function download(deps: BulletinDownloadDeps, signingKey: () => Promise<Buffer>, req: Request, res: Response): Promise<void> {
  const language = languageOf(req.headers['accept-language']);
  let ctx: Context | undefined;
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return refuseJson(res, 405, { code: 'METHOD_NOT_ALLOWED', message: METHOD_NOT_ALLOWED[language] }, language);
    }
    const grant = await admittedLink(deps.gate, verifyDownload(await signingKey(), req.path.replace(/^\//, '')), req);
    ctx = await deps.gate.contextFor(viewerOfLink(grant), language, 'read');
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
    answerFailure(deps.logger, res, error, language, 'bulletin download');
  }
}

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
