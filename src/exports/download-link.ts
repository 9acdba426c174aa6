import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Viewer } from '../auth/viewer';
import { BulletinFileFormat } from './bulletin-download.types';

const FORMATS: readonly string[] = Object.values(BulletinFileFormat);

/**
 * How long a link works: long enough to click it (and for a slow browser to start the download),
 * short enough that a link copied into a chat or a log is soon worth nothing.
 */
export const DOWNLOAD_LINK_SECONDS = 5 * 60;

/** What a signed link lets its bearer download, and as whom: everything the route needs, nothing it must look up. */
/** Who a link was made for: what the route needs to admit them as their token would. */
export type LinkViewer = Pick<Viewer, 'subject' | 'name' | 'tenantCode' | 'roles' | 'isServiceAccount'>;

export interface DownloadGrant {
  /** The viewer who asked for the link: the download reads exactly what their requests read. */
  readonly viewer: LinkViewer;
  /** The bulletin: the tenant it is about, its month (`YYYY-MM`), the file's format, a published version. */
  readonly tenantCode: string;
  readonly period: string;
  readonly format: BulletinFileFormat;
  readonly publicationId: string | undefined;
  readonly expiresAt: Date;
}

/**
 * When a link made now for `viewer` ends: `seconds` from now, but never after the token that asked
 * for it (a link reads as that token would). Whole seconds, as the link carries it.
 */
export function linkExpiresAt(viewer: Pick<Viewer, 'expiresAt'>, seconds: number, now: number = Date.now()): Date {
  const linkEnds = now + seconds * 1000;
  const ends = Math.min(linkEnds, viewer.expiresAt?.getTime() ?? linkEnds);
  return new Date(Math.floor(ends / 1000) * 1000);
}

/** Why a link is refused before anything else is looked at. */
export type LinkProblem = 'LINK_INVALID' | 'LINK_EXPIRED';

/** Who a link was made for, as carried in it (short names, so a link stays a link and not a page). */
export interface ViewerClaims {
  sub: string;
  nam: string;
  ten: string | null;
  rol: string[];
  svc: boolean;
}

/** The claims as carried in the link. */
interface LinkClaims extends ViewerClaims {
  v: 1;
  t: string;
  p: string;
  f: BulletinFileFormat;
  pub: string | null;
  /** Seconds since the epoch. */
  exp: number;
}

/** HMAC-SHA256 is 32 bytes: 43 characters of base64url. */
const SIGNATURE_BYTES = 32;
/** A link longer than this is not one this server signed (a viewer with every role still fits with room). */
const MAX_LINK_CHARS = 4096;

const mac = (key: Buffer, payload: string): Buffer => createHmac('sha256', key).update(payload).digest();

/**
 * The link's token: `<claims>.<signature>`, both base64url (safe in a URL path unescaped). The
 * claims are readable by whoever holds the link (the viewer's roles, the bulletin); they are not
 * secret, only unforgeable, and a link is as secret as the file it fetches.
 */
export function signDownload(key: Buffer, grant: DownloadGrant): string {
  const claims: LinkClaims = {
    v: 1,
    ...viewerClaims(grant.viewer),
    t: grant.tenantCode,
    p: grant.period,
    f: grant.format,
    pub: grant.publicationId ?? null,
    exp: Math.floor(grant.expiresAt.getTime() / 1000),
  };
  return sealLink(key, claims);
}

/**
 * A link's token for any claims: `<claims>.<signature>`, both base64url (safe in a URL path
 * unescaped). Shared by every kind of signed link (the bulletin's files, site photos): each kind
 * reads back only claims of its own shape, so one kind's link is never taken for another's.
 */
export function sealLink(key: Buffer, claims: object): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/**
 * The grant a token carries, or why it is refused. The signature is checked first, in constant
 * time (timingSafeEqual over the whole MAC), and the claims are read only once it holds: nothing
 * a forger sends is parsed, and how long the check takes says nothing about how close a guess was.
 */
export function verifyDownload(key: Buffer, token: unknown, now: Date = new Date()): DownloadGrant | LinkProblem {
  const payload = openLink(key, token);
  const claims = payload === undefined ? undefined : claimsOf(payload);
  if (!claims) return 'LINK_INVALID';
  if (claims.exp * 1000 <= now.getTime()) return 'LINK_EXPIRED';
  return {
    viewer: viewerOfClaims(claims),
    tenantCode: claims.t,
    period: claims.p,
    format: claims.f,
    publicationId: claims.pub ?? undefined,
    expiresAt: new Date(claims.exp * 1000),
  };
}

/**
 * The signed payload of a token (base64url), or undefined when the token is not one this server
 * signed with `key`. The signature is checked in constant time before anything else is read.
 */
export function openLink(key: Buffer, token: unknown): string | undefined {
  if (typeof token !== 'string' || token.length > MAX_LINK_CHARS) return undefined;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return undefined;
  const payload = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  const given = Buffer.from(signature, 'base64url');
  // Node's decoder skips characters outside the alphabet and the last character's two spare bits,
  // so several strings decode to one MAC. Only the one this server wrote is the link.
  if (given.length !== SIGNATURE_BYTES || given.toString('base64url') !== signature) return undefined;
  return timingSafeEqual(given, mac(key, payload)) ? payload : undefined;
}

/** A signed payload's JSON, or undefined when it is not JSON (a key shared with something else). */
export function payloadJson(payload: string): unknown {
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export const isString = (value: unknown): value is string => typeof value === 'string';

/** The viewer's part of a link's claims. */
export const viewerClaims = (viewer: LinkViewer): ViewerClaims => ({
  sub: viewer.subject,
  nam: viewer.name,
  ten: viewer.tenantCode ?? null,
  rol: [...viewer.roles].sort(),
  svc: viewer.isServiceAccount,
});

/** Whether parsed claims hold a viewer of the shape viewerClaims writes. */
export const hasViewerClaims = (value: Partial<ViewerClaims>): boolean =>
  isString(value.sub) &&
  isString(value.nam) &&
  (value.ten === null || isString(value.ten)) &&
  Array.isArray(value.rol) &&
  value.rol.every(isString) &&
  typeof value.svc === 'boolean';

/** The viewer a link's claims name. */
export const viewerOfClaims = (claims: ViewerClaims): LinkViewer => ({
  subject: claims.sub,
  name: claims.nam,
  tenantCode: claims.ten ?? undefined,
  roles: new Set(claims.rol),
  isServiceAccount: claims.svc,
});

/**
 * The claims of a signed payload. Only this server signs, so a shape it did not write means a key
 * shared with something else or a version it no longer reads: refused like a forgery, never thrown.
 */
function claimsOf(payload: string): LinkClaims | undefined {
  const value = payloadJson(payload) as Partial<LinkClaims> | null | undefined;
  const wellFormed =
    value !== null &&
    typeof value === 'object' &&
    value.v === 1 &&
    hasViewerClaims(value) &&
    isString(value.t) &&
    isString(value.p) &&
    FORMATS.includes(value.f as string) &&
    (value.pub === null || isString(value.pub)) &&
    Number.isSafeInteger(value.exp);
  return wellFormed ? (value as LinkClaims) : undefined;
}
