import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { IncomingMessage } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { bearerToken, unauthenticated } from '../../auth/authenticate';
import type { Context } from '../../context';
import { abandonScopedTransaction, beginScopedTransaction, endScopedTransaction } from '../../db/scoped-transaction';
import { WorkSlots } from '../../concurrency/work-slots';
import { AppError, ErrorCode, unavailable } from '../../errors/app-error';
import { answerFailure } from '../../exports/file-answers';
import { languageOf } from '../../language/language';
import type { AdmissionGate } from '../../transport/admission-gate';
import { queueBeforeStoring, takeOffQueue } from './discard-queue';
import { preparePhoto, type ImageProblem } from './photo-image';
import { PHOTO_UPLOAD_PATH } from './photo-paths';
import { withStore, type PhotoStore } from './photo-store';
import { SitePhotoService } from './site-photo.service';
import { photoKeys, storePhoto } from './stored-photo';

export interface PhotoUploadDeps {
  /** The same admission as GraphQL's: the bearer token verified by keycloak-connect, the rate limit, the viewer's scope. */
  readonly gate: Pick<AdmissionGate, 'operation' | 'connection' | 'contextFor'>;
  readonly store: PhotoStore;
  /** The largest image accepted (PHOTO_MAX_BYTES). */
  readonly maxBytes: number;
  readonly logger: Logger;
}

/**
 * POST /photos: one image as the raw request body (any Content-Type; the bytes decide), with
 * `Authorization: Bearer <token>`. Raw rather than multipart: one photo per request needs no
 * form parser, the size limit holds while the body streams in, and a browser sends a File with
 * `fetch(url, { method: 'POST', body: file })`. Answers 201 with `{ uploadId, ... }` and what the
 * camera said (capture time and place); then `attachSitePhoto` puts it on a report or a milestone.
 *
 * Refusals are JSON `{ code, reason, field, message }` (Chinese unless Accept-Language asks for
 * English): 401 without a valid token, 413 PHOTO_TOO_LARGE, 415 NOT_AN_IMAGE or
 * UNSUPPORTED_IMAGE_TYPE (a PDF named .jpg is refused: the name and type are not read), 429 past
 * the viewer's rate limit, 503 SERVICE_UNAVAILABLE while too many photos wait to be prepared. Nothing is kept of a refused upload.
 */
/**
 * Photos decoded at once in this process, and how many uploads may wait for that: an 80-megapixel
 * PNG decodes to 320 MB, so a burst of uploads is taken a core at a time, and past the line told
 * to retry (503 SERVICE_UNAVAILABLE with Retry-After) rather than held in memory.
 */
export const photoPreparation = new WorkSlots(Math.min(2, os.availableParallelism()), 8);
/** How long an upload has to record its row before housekeeping may remove its stored objects. */
const UPLOAD_GRACE = '1 hour';
/** When a refused upload should try again, in seconds: a photo takes about a second to prepare. */
const BUSY_RETRY_SECONDS = 5;

const busy = (): AppError =>
  unavailable(
    { zh: '服务器正在处理其他照片，请稍后重新上传', en: 'the server is busy preparing other photos: upload again in a moment' },
    BUSY_RETRY_SECONDS,
  );

export function photoUploads(deps: PhotoUploadDeps): Router {
  const router = Router();
  router.post(PHOTO_UPLOAD_PATH, (req, res) => void upload(deps, req, res));
  return router;
}

async function upload(deps: PhotoUploadDeps, req: Request, res: Response): Promise<void> {
  const language = languageOf(req.headers['accept-language']);
  let ctx: Context | undefined;
  let stored: string[] = [];
  try {
    const viewer = await deps.gate.connection(bearerToken(req.headers.authorization));
    // No token reads as the anonymous viewer, who may only introspect: an upload needs someone.
    if (viewer.subject === '') throw unauthenticated('TOKEN_MISSING');
    deps.gate.operation(viewer, req.socket.remoteAddress);
    const bytes = await bodyOf(req, deps.maxBytes);
    const prepared = await photoPreparation.run(() => preparePhoto(bytes), busy);
    if (typeof prepared === 'string') throw notAPhoto(prepared);
    ctx = await deps.gate.contextFor(viewer, language, 'write');
    const id = randomUUID();
    const keys = photoKeys(id);
    // Known before the store is asked: a put that half succeeds still leaves nothing behind.
    stored = Object.values(keys);
    // Queued for removal before they exist, committed on its own: if this process dies before the
    // row commits, housekeeping removes what was stored (kp_intend_photo_objects).
    await queueBeforeStoring(ctx.em, stored, UPLOAD_GRACE);
    await beginScopedTransaction(ctx.em, ctx.scope, false);
    await withStore(() => storePhoto(deps.store, id, prepared));
    const photo = await new SitePhotoService(ctx).recordUpload(id, prepared, keys);
    await endScopedTransaction(ctx.em, 'commit');
    res.status(201).setHeader('cache-control', 'no-store');
    res.json({
      uploadId: photo.id,
      contentType: photo.contentType,
      sourceFormat: prepared.sourceFormat,
      byteSize: photo.byteSize,
      width: photo.width,
      height: photo.height,
      takenAt: photo.takenAt?.toISOString() ?? null,
      latitude: prepared.latitude ?? null,
      longitude: prepared.longitude ?? null,
    });
  } catch (error) {
    if (ctx) await abandonScopedTransaction(ctx.em);
    // Stored, but the row never committed: nothing refers to the objects, so they go now.
    if (stored.length > 0) await cleanUp(deps, ctx?.em, stored);
    // Stop reading a body that is refused before its end (too large): the client sees the answer, not a reset.
    if (!req.complete) res.setHeader('connection', 'close');
    answerFailure(deps.logger, res, error, language, 'photo upload');
  }
}

/**
 * Removes a refused upload's objects now, and takes them off the queue they were put in before
 * being stored; whatever fails here (the store, the database) leaves them queued for housekeeping.
 */
async function cleanUp(deps: PhotoUploadDeps, em: EntityManager | undefined, keys: string[]): Promise<void> {
  try {
    await deps.store.remove(keys);
    if (em) await takeOffQueue(em, keys);
  } catch (err) {
    deps.logger.warn({ err }, 'photo upload cleanup failed: housekeeping removes the objects');
  }
}

/**
 * The body's bytes, at most `maxBytes`: a Content-Length above it is refused before a byte is read,
 * a body that grows past it (chunked) as soon as it does.
 */
async function bodyOf(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    length += (chunk as Buffer).length;
    if (length > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk as Buffer);
  }
  if (length === 0) throw notAPhoto('NOT_AN_IMAGE');
  return Buffer.concat(chunks, length);
}

const megabytes = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

const tooLarge = (maxBytes: number): AppError =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    { zh: `照片过大：不能超过 ${megabytes(maxBytes)}`, en: `the photo is too large: at most ${megabytes(maxBytes)}` },
    { field: 'body', reason: 'PHOTO_TOO_LARGE', maxBytes, http: { status: 413 } },
  );

const IMAGE_PROBLEMS: Readonly<Record<ImageProblem, { zh: string; en: string }>> = {
  NOT_AN_IMAGE: {
    zh: '上传的文件不是图片（或文件已损坏）：请上传 JPEG、PNG 或 WebP 格式的现场照片',
    en: 'the upload is not an image (or it is damaged): send a JPEG, PNG or WebP photo',
  },
  UNSUPPORTED_IMAGE_TYPE: {
    zh: '不支持该图片格式：请上传 JPEG、PNG 或 WebP 格式的现场照片（HEIC 请先在手机中转为 JPEG）',
    en: 'that image format is not accepted: send a JPEG, PNG or WebP photo (convert HEIC to JPEG first)',
  },
};

const notAPhoto = (problem: ImageProblem): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, IMAGE_PROBLEMS[problem], { field: 'body', reason: problem, http: { status: 415 } });
