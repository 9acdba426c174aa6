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
export interface DownloadGrant {
  /** The viewer who asked for the link: the download reads exactly what their requests read. */
  readonly viewer: Pick<Viewer, 'subject' | 'name' | 'tenantCode' | 'roles' | 'isServiceAccount'>;
  /** The bulletin: the tenant it is about, its month (`YYYY-MM`), the file's format, a published version. */
  readonly tenantCode: string;
  readonly period: string;
  readonly format: BulletinFileFormat;
  readonly publicationId: string | undefined;
  readonly expiresAt: Date;
}

/** Why a link is refused before anything else is looked at. */
export type LinkProblem = 'LINK_INVALID' | 'LINK_EXPIRED';

/** The claims as carried in the link: short names, so a link stays a link and not a page. */
interface LinkClaims {
  v: 1;
  sub: string;
  nam: string;
  ten: string | null;
  rol: string[];
  svc: boolean;
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
    sub: grant.viewer.subject,
    nam: grant.viewer.name,
    ten: grant.viewer.tenantCode ?? null,
    rol: [...grant.viewer.roles].sort(),
    svc: grant.viewer.isServiceAccount,
    t: grant.tenantCode,
    p: grant.period,
    f: grant.format,
    pub: grant.publicationId ?? null,
    exp: Math.floor(grant.expiresAt.getTime() / 1000),
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/**
 * The grant a token carries, or why it is refused. The signature is checked first, in constant
 * time (timingSafeEqual over the whole MAC), and the claims are read only once it holds: nothing
 * a forger sends is parsed, and how long the check takes says nothing about how close a guess was.
 */
export function verifyDownload(key: Buffer, token: unknown, now: Date = new Date()): DownloadGrant | LinkProblem {
  if (typeof token !== 'string' || token.length > MAX_LINK_CHARS) return 'LINK_INVALID';
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return 'LINK_INVALID';
  const payload = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  const given = Buffer.from(signature, 'base64url');
  // Node's decoder skips characters outside the alphabet and the last character's two spare bits,
  // so several strings decode to one MAC. Only the one this server wrote is the link.
  if (given.length !== SIGNATURE_BYTES || given.toString('base64url') !== signature) return 'LINK_INVALID';
  if (!timingSafeEqual(given, mac(key, payload))) return 'LINK_INVALID';
  const claims = claimsOf(payload);
  if (!claims) return 'LINK_INVALID';
  if (claims.exp * 1000 <= now.getTime()) return 'LINK_EXPIRED';
  return {
    viewer: {
      subject: claims.sub,
      name: claims.nam,
      tenantCode: claims.ten ?? undefined,
      roles: new Set(claims.rol),
      isServiceAccount: claims.svc,
    },
    tenantCode: claims.t,
    period: claims.p,
    format: claims.f,
    publicationId: claims.pub ?? undefined,
    expiresAt: new Date(claims.exp * 1000),
  };
}

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * The claims of a signed payload. Only this server signs, so a shape it did not write means a key
 * shared with something else or a version it no longer reads: refused like a forgery, never thrown.
 */
function claimsOf(payload: string): LinkClaims | undefined {
  let value: Partial<LinkClaims>;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<LinkClaims>;
  } catch {
    return undefined;
  }
  const wellFormed =
    value !== null &&
    typeof value === 'object' &&
    value.v === 1 &&
    isString(value.sub) &&
    isString(value.nam) &&
    (value.ten === null || isString(value.ten)) &&
    Array.isArray(value.rol) &&
    value.rol.every(isString) &&
    typeof value.svc === 'boolean' &&
    isString(value.t) &&
    isString(value.p) &&
    FORMATS.includes(value.f as string) &&
    (value.pub === null || isString(value.pub)) &&
    Number.isSafeInteger(value.exp);
  return wellFormed ? (value as LinkClaims) : undefined;
}
