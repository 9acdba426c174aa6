import { pipeline } from 'node:stream/promises';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Context } from '../../context';
import { abandonScopedTransaction, beginScopedTransaction, endScopedTransaction } from '../../db/scoped-transaction';
import { notFound } from '../../errors/app-error';
import { admittedLink, answerFailure, cachedSigningKey, viewerOfLink } from '../../exports/file-answers';
import { languageOf } from '../../language/language';
import type { AdmissionGate } from '../../transport/admission-gate';
import { verifyPhotoLink } from './photo-link';
import { PHOTO_FILE_PATH } from './photo-paths';
import { withStore, type PhotoStore } from './photo-store';
import { SitePhotoService } from './site-photo.service';

export interface PhotoFileDeps {
  readonly gate: Pick<AdmissionGate, 'operation' | 'connection' | 'contextFor'>;
  /** For the signing key, read before any viewer is known. */
  readonly orm: MikroORM;
  readonly store: PhotoStore;
  readonly logger: Logger;
}

/**
 * GET /photos/file/<token>: a photo's image or thumbnail for whoever holds a link the API signed
 * (`imageUrl`, `thumbnailUrl`), as the bulletin's downloads are served: the signature and expiry
 * first, then the request admitted as the viewer the link was made for, and the photo read again
 * under their scope (row-level security in a read-only transaction): a photo they can no longer
 * read, or one deleted since, is NOT_FOUND. Refusals are the bulletin links' (401 LINK_INVALID /
 * LINK_EXPIRED, 403 LINK_OTHER_VIEWER, 404).
 */
export function photoFiles(deps: PhotoFileDeps): Router {
  const router = Router();
  const signingKey = cachedSigningKey(deps.orm);
  router.get(`${PHOTO_FILE_PATH}/:token`, (req, res) => void serve(deps, signingKey, req, res));
  return router;
}

async function serve(deps: PhotoFileDeps, signingKey: () => Promise<Buffer>, req: Request, res: Response): Promise<void> {
  const language = languageOf(req.headers['accept-language']);
  let ctx: Context | undefined;
  try {
    const grant = await admittedLink(deps.gate, verifyPhotoLink(await signingKey(), req.params['token']), req);
    ctx = await deps.gate.contextFor(viewerOfLink(grant), language, 'read');
    await beginScopedTransaction(ctx.em, ctx.scope, true);
    const photo = await new SitePhotoService(ctx).get(grant.photoId);
    await endScopedTransaction(ctx.em, 'commit');
    ctx = undefined;
    const object = await withStore(() => deps.store.get(grant.variant === 'image' ? photo.objectKey : photo.thumbnailKey));
    // The row is there, its object is not: deleted in between (its row too, a moment later).
    if (!object) throw notFound('SitePhoto', grant.photoId);
    res.status(200);
    res.setHeader('content-type', photo.contentType);
    if (object.byteSize > 0) res.setHeader('content-length', object.byteSize);
    // One viewer's link: a browser may keep it as long as the link lives, a shared cache never.
    res.setHeader('cache-control', `private, max-age=${Math.max(0, Math.floor((grant.expiresAt.getTime() - Date.now()) / 1000))}`);
    res.setHeader('x-content-type-options', 'nosniff');
    await pipeline(object.body, res);
  } catch (error) {
    if (ctx) await abandonScopedTransaction(ctx.em);
    answerFailure(deps.logger, res, error, language, 'photo file');
  }
}
