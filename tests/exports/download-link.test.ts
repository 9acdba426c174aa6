import { createHmac, randomBytes } from 'node:crypto';
import { BulletinFileFormat } from '../../src/exports/bulletin-download.types';
import { attachment, bulletinFileName } from '../../src/exports/bulletin-file';
import { signDownload, verifyDownload, type DownloadGrant } from '../../src/exports/download-link';
import { Period } from '../../src/calendar/period';
import type { MonthlyBulletin } from '../../src/modules/bulletin/bulletin.types';

const KEY = randomBytes(32);
const NOW = new Date('2026-11-20T08:00:00Z');
const grant: DownloadGrant = {
  viewer: { subject: 'sub-李娜', name: '李娜', tenantCode: '371402', roles: new Set(['county-leader']), isServiceAccount: false },
  tenantCode: '371402',
  period: '2026-10',
  format: BulletinFileFormat.XLSX,
  publicationId: undefined,
  expiresAt: new Date(NOW.getTime() + 5 * 60_000),
};

/** The token with its claims rewritten by `change` and the original signature kept: what a forger can do without the key. */
function forged(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  return `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

describe('download link', () => {
  const token = signDownload(KEY, grant);

  it('gives back the grant it was signed with, viewer and bulletin, until it expires', () => {
    expect(verifyDownload(KEY, token, NOW)).toEqual(grant);
    expect(verifyDownload(KEY, token, new Date(grant.expiresAt.getTime() - 1))).toEqual(grant);
  });

  it('is LINK_EXPIRED from its expiry on', () => {
    expect(verifyDownload(KEY, token, grant.expiresAt)).toBe('LINK_EXPIRED');
  });

  it.each([
    ['another viewer', (c: Record<string, unknown>) => (c['sub'] = 'sub-张伟')],
    ['more roles', (c: Record<string, unknown>) => (c['rol'] = ['city-leader'])],
    ['another tenant', (c: Record<string, unknown>) => (c['t'] = '371403')],
    ['another month', (c: Record<string, unknown>) => (c['p'] = '2026-09')],
    ['another format', (c: Record<string, unknown>) => (c['f'] = 'DOCX')],
    ['a later expiry', (c: Record<string, unknown>) => (c['exp'] = Number(c['exp']) + 3600)],
  ])('is LINK_INVALID when its claims name %s under the original signature', (_what, change) => {
    expect(verifyDownload(KEY, forged(token, change), NOW)).toBe('LINK_INVALID');
  });

  it('is LINK_INVALID when signed with another key (another deployment)', () => {
    expect(verifyDownload(randomBytes(32), token, NOW)).toBe('LINK_INVALID');
  });

  it.each([
    ['empty', ''],
    ['no signature', token.split('.')[0]],
    ['a short signature', `${token.split('.')[0]}.abc`],
    ['two dots', `${token}.x`],
    ['not base64', '%%%.%%%'],
    ['huge', 'a'.repeat(100_000)],
    ['a number', 42],
    ['undefined', undefined],
  ])('is LINK_INVALID, never an exception, for %s', (_what, garbage) => {
    expect(verifyDownload(KEY, garbage, NOW)).toBe('LINK_INVALID');
  });

  it('is LINK_INVALID for every other spelling of the right signature (spare bits, stray characters, padding)', () => {
    const [payload, signature] = token.split('.') as [string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // The 43rd character carries two bits no MAC byte uses: three other characters decode to the same MAC.
    const sameBytes = [...alphabet].filter(
      (c) => c !== signature.at(-1) && Buffer.from(signature.slice(0, -1) + c, 'base64url').equals(Buffer.from(signature, 'base64url')),
    );
    expect(sameBytes).toHaveLength(3);
    const spellings = [
      ...sameBytes.map((c) => signature.slice(0, -1) + c),
      `${signature.slice(0, 10)}*${signature.slice(10)}`,
      `${signature}=`,
      ` ${signature}`,
    ];
    for (const spelling of spellings) expect(verifyDownload(KEY, `${payload}.${spelling}`, NOW)).toBe('LINK_INVALID');
  });

  it('is LINK_INVALID for a signed payload this server never writes (JSON of another shape)', () => {
    const payload = Buffer.from(JSON.stringify({ v: 2, sub: 'x' })).toString('base64url');
    const signature = createHmac('sha256', KEY).update(payload).digest('base64url');
    expect(verifyDownload(KEY, `${payload}.${signature}`, NOW)).toBe('LINK_INVALID');
  });
});

describe('bulletin file name', () => {
  const bulletin = { tenantName: '德州市', period: Period.of(2026, 11), publication: null } as unknown as MonthlyBulletin;

  it('names the file as an office files it, and a published version with its number', () => {
    expect(bulletinFileName(bulletin, BulletinFileFormat.XLSX)).toBe('德州市重点项目2026年11月通报.xlsx');
    const published = { ...bulletin, publication: { version: 2 } } as unknown as MonthlyBulletin;
    expect(bulletinFileName(published, BulletinFileFormat.DOCX)).toBe('德州市重点项目2026年11月通报（第2版）.docx');
  });

  it("sends the Chinese name as RFC 5987 filename*=UTF-8'' with an ASCII fallback", () => {
    const header = attachment('德州市重点项目2026年11月通报（第2版）.docx', BulletinFileFormat.DOCX);
    expect(header).toMatch(/^attachment; filename="bulletin\.docx"; filename\*=UTF-8''[A-Za-z0-9%._-]+$/);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(header)![1]!;
    expect(decodeURIComponent(encoded)).toBe('德州市重点项目2026年11月通报（第2版）.docx');
  });
});
