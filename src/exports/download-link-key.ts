import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The key download links are signed with: the same on every replica, kept in the database
 * (migration DownloadSigningKey, read through kp_download_signing_key as the application's role).
 * Read on each use rather than kept: a link is signed or checked a few times a month per office,
 * and a rotated key takes effect at once on every replica.
 */
export async function signingKeyOf(em: EntityManager): Promise<Buffer> {
  const [row] = await em.execute<{ key: Buffer }[]>('select kp_download_signing_key() as key');
  if (!row?.key) throw new Error('download_signing_key holds no key: the DownloadSigningKey migration inserts it');
  return row.key;
}
