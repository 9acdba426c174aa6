import { createHash, type Hash } from 'node:crypto';
import { canonicalJson } from '../../graphql/idempotency';

/**
 * SHA-256 over the content then each lagging project, one canonical line each (canonicalJson: keys
 * sorted), fed as they stream. Anyone can recompute it from `publishedBulletin`'s content.
 */
export class BulletinHash {
  private readonly hash: Hash = createHash('sha256');

  constructor(content: unknown) {
    this.hash.update(`${canonicalJson(content)}\n`);
  }

  addRow(row: unknown): void {
    this.hash.update(`${canonicalJson(row)}\n`);
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}
