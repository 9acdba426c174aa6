import type { BulletinFileFormat } from './bulletin-download.types';
import type { BulletinHeading } from '../modules/bulletin/bulletin.service';
import type { MonthlyBulletin } from '../modules/bulletin/bulletin.types';

/** Who issues a tenant's bulletin: its key-projects committee's office (重点项目推进委员会办公室), as the seeds name it. */
export const bulletinIssuer = (bulletin: MonthlyBulletin): string => `${bulletin.tenantName}重点项目推进委员会办公室`;

export const CONTENT_TYPES: Readonly<Record<BulletinFileFormat, string>> = {
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  DOCX: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * The file's name as an office files it: 德州市重点项目2026年11月通报.xlsx, a published version with
 * its number (…通报（第2版）.docx), so two versions saved side by side keep apart.
 */
export function bulletinFileName(bulletin: BulletinHeading, format: BulletinFileFormat): string {
  const version = bulletin.publication ? `（第${bulletin.publication.version}版）` : '';
  return `${bulletin.tenantName}重点项目${bulletin.period.chineseName}通报${version}.${format.toLowerCase()}`;
}

/**
 * Content-Disposition for a Chinese file name: an ASCII fallback for clients that know only
 * `filename` (RFC 6266), and the name itself as `filename*=UTF-8''…` (RFC 5987), which every
 * current browser, Excel and WPS use.
 */
export function attachment(fileName: string, format: BulletinFileFormat): string {
  const fallback = `bulletin.${format.toLowerCase()}`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRFC5987(fileName)}`;
}

/** encodeURIComponent leaves ' ( ) * unescaped; RFC 5987's attr-char does not allow them. */
const encodeRFC5987 = (value: string): string =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
