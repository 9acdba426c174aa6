import type { RequiredEntityData } from '@mikro-orm/core';
import type { PreparedPhoto } from './photo-image';
import type { PhotoStore } from './photo-store';
import type { SitePhoto } from './site-photo.entity';

/** An upload's stored objects: the image and its thumbnail, named after the photo's id (never after anything a client sent). */
export interface StoredObjects {
  readonly objectKey: string;
  readonly thumbnailKey: string;
}

/** The keys of a photo's objects. */
export const photoKeys = (id: string): StoredObjects => ({ objectKey: `${id}.jpg`, thumbnailKey: `${id}.thumb.jpg` });

/** Puts a prepared photo's image and thumbnail into the store under keys of its id. */
export async function storePhoto(store: PhotoStore, id: string, prepared: PreparedPhoto): Promise<StoredObjects> {
  const keys = photoKeys(id);
  await Promise.all([
    store.put(keys.objectKey, prepared.image, 'image/jpeg'),
    store.put(keys.thumbnailKey, prepared.thumbnail, 'image/jpeg'),
  ]);
  return keys;
}

/** The row of a stored upload, before it is attached: what the pipeline made of it and who sent it. */
export function uploadData(
  id: string,
  prepared: PreparedPhoto,
  stored: StoredObjects,
  uploader: { readonly subject: string; readonly name: string },
): RequiredEntityData<SitePhoto> {
  return {
    id,
    objectKey: stored.objectKey,
    thumbnailKey: stored.thumbnailKey,
    contentType: 'image/jpeg',
    byteSize: prepared.image.length,
    width: prepared.width,
    height: prepared.height,
    takenAt: prepared.takenAt,
    latitude: prepared.latitude?.toFixed(6),
    longitude: prepared.longitude?.toFixed(6),
    uploadedBy: uploader.subject,
    uploadedByName: uploader.name,
  };
}
