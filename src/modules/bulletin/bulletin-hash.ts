import { createHash, type Hash } from 'node:crypto';

/**
 * The canonical serialisation a publication's hash is taken over: JSON with object keys sorted and
 * undefined members left out, so the same content always gives the same bytes whatever the order
 * its fields were assigned in. Anyone can recompute the hash from `publishedBulletin`'s content.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 over the content then each lagging project, one canonical line each, fed as they stream. */
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
