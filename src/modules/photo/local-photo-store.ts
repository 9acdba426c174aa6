import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PhotoStore } from './photo-store';

/** Keys the module makes: a uuid and a suffix. Anything else never reaches the file system. */
const KEY = /^[0-9a-f-]{36}(\.thumb)?\.jpg$/;

/**
 * Site photos in a directory (PHOTO_DIR, by default `photos` under DATA_DIR beside the embedded
 * PostgreSQL): the development and single-machine default. Files are written under a temporary
 * name and renamed, so a reader never sees half an image.
 */
export class LocalPhotoStore implements PhotoStore {
  readonly description: string;

  constructor(private readonly dir: string) {
    this.description = `local:${dir}`;
  }

  async put(key: string, body: Buffer): Promise<void> {
    const file = this.fileOf(key);
    await mkdir(this.dir, { recursive: true });
    const partial = `${file}.partial`;
    await writeFile(partial, body);
    await rename(partial, file);
  }

  async get(key: string): Promise<{ body: ReturnType<typeof createReadStream>; byteSize: number } | undefined> {
    const file = this.fileOf(key);
    try {
      const { size } = await stat(file);
      return { body: createReadStream(file), byteSize: size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async remove(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => rm(this.fileOf(key), { force: true })));
  }

  private fileOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a photo key: ${JSON.stringify(key)}`);
    return path.join(this.dir, key);
  }
}
