import type { Readable } from 'node:stream';
import type { PhotoStoreConfig } from '../../config';
import { unavailable } from '../../errors/app-error';
import { LocalPhotoStore } from './local-photo-store';
import { S3PhotoStore } from './s3-photo-store';

/**
 * Where the bytes of site photos live, behind the smallest surface the module needs: put whole
 * objects (an image is at most PHOTO_MAX_BYTES, re-encoded in memory anyway), read one as a stream,
 * remove some. Keys are made by the module (`<uuid>.jpg`, `<uuid>.thumb.jpg`), never by a client.
 */
export interface PhotoStore {
  /** Names the store in logs and the README's table: `local:<dir>` or `s3:<bucket>`. */
  readonly description: string;
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object's bytes, or undefined when there is none under the key. */
  get(key: string): Promise<{ body: Readable; byteSize: number } | undefined>;
  /** Removes the objects; a key with no object is no error (a removal retried after a crash). */
  remove(keys: readonly string[]): Promise<void>;
}

const stores = new WeakMap<PhotoStoreConfig, PhotoStore>();

/**
 * The store a configuration names, one per configuration (the configuration is frozen and lives
 * as long as its server): the routes, the services and housekeeping share its client.
 */
export function photoStoreOf(config: PhotoStoreConfig): PhotoStore {
  let store = stores.get(config);
  if (!store) {
    store = config.kind === 'local' ? new LocalPhotoStore(config.dir) : new S3PhotoStore(config);
    stores.set(config, store);
  }
  return store;
}

/** How long a client waits before it tries the store again. */
const STORE_RETRY_SECONDS = 30;

/**
 * Runs a store operation; a failure of the store (down, refusing, out of space) reaches the client
 * as 503 SERVICE_UNAVAILABLE with Retry-After, as the database's outage does, never a 500.
 */
export async function withStore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw Object.assign(
      unavailable(
        { zh: '照片存储暂时不可用，请稍后重试', en: 'the photo store is unavailable for now; try again later' },
        STORE_RETRY_SECONDS,
      ),
      { cause: error },
    );
  }
}
