import {
  hasViewerClaims,
  isString,
  openLink,
  payloadJson,
  sealLink,
  viewerClaims,
  viewerOfClaims,
  type LinkProblem,
  type LinkViewer,
  type ViewerClaims,
} from '../../exports/download-link';

/** Which of a photo's files a link opens. */
export type PhotoVariant = 'image' | 'thumbnail';

/**
 * How long a photo's link works: the page that asked for it loads the images at once, and a
 * dashboard left open asks again with its next read; a link copied out of the page soon expires.
 */
export const PHOTO_LINK_SECONDS = 10 * 60;

/** What a signed photo link lets its bearer see, and as whom (the viewer, as the bulletin's links carry them). */
export interface PhotoGrant {
  readonly viewer: LinkViewer;
  readonly photoId: string;
  readonly variant: PhotoVariant;
  readonly expiresAt: Date;
}

/** The claims in the link: `k: 'photo'` keeps a bulletin's link (no `k`) from ever reading as a photo's. */
interface PhotoClaims extends ViewerClaims {
  v: 1;
  k: 'photo';
  id: string;
  s: PhotoVariant;
  exp: number;
}

/**
 * The token of a photo link, signed with the download links' key (DownloadSigningKey) and the same
 * HMAC as the bulletin's: `<img src>` carries no Authorization header, so the link is the proof.
 */
export function signPhotoLink(key: Buffer, grant: PhotoGrant): string {
  const claims: PhotoClaims = {
    v: 1,
    k: 'photo',
    ...viewerClaims(grant.viewer),
    id: grant.photoId,
    s: grant.variant,
    exp: Math.floor(grant.expiresAt.getTime() / 1000),
  };
  return sealLink(key, claims);
}

/** The grant a photo link carries, or why it is refused (as verifyDownload: the signature first, in constant time). */
export function verifyPhotoLink(key: Buffer, token: unknown, now: Date = new Date()): PhotoGrant | LinkProblem {
  const payload = openLink(key, token);
  const value = (payload === undefined ? undefined : payloadJson(payload)) as Partial<PhotoClaims> | null | undefined;
  const wellFormed =
    value !== null &&
    typeof value === 'object' &&
    value.v === 1 &&
    value.k === 'photo' &&
    hasViewerClaims(value) &&
    isString(value.id) &&
    (value.s === 'image' || value.s === 'thumbnail') &&
    Number.isSafeInteger(value.exp);
  if (!wellFormed) return 'LINK_INVALID';
  const claims = value as PhotoClaims;
  if (claims.exp * 1000 <= now.getTime()) return 'LINK_EXPIRED';
  return {
    viewer: viewerOfClaims(claims),
    photoId: claims.id,
    variant: claims.s,
    expiresAt: new Date(claims.exp * 1000),
  };
}
