import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { PhotoStoreConfig } from '../../config';
import type { PhotoStore } from './photo-store';

type S3Config = Extract<PhotoStoreConfig, { kind: 's3' }>;

/**
 * Site photos in an S3-compatible bucket (PHOTO_STORE=s3: MinIO or any S3 API in production; the
 * tests use s3rver). The bucket is made by whoever runs the store, not here: the application's
 * credentials need only put, get and delete objects.
 */
export class S3PhotoStore implements PhotoStore {
  readonly description: string;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: S3Config) {
    this.bucket = config.bucket;
    this.description = `s3:${config.bucket}`;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      // A copy: the SDK marks the object it is given, and the configuration is frozen.
      credentials: config.credentials ? { ...config.credentials } : undefined,
      // Checksums of every request body are a newer S3 feature that self-hosted stores refuse.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  async get(key: string): Promise<{ body: Readable; byteSize: number } | undefined> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return { body: answer.Body as Readable, byteSize: answer.ContentLength ?? 0 };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  /**
   * One DeleteObject per key rather than DeleteObjects: the batch call needs a Content-MD5 that
   * some S3-compatible stores compute differently, and a photo takes two keys.
   */
  async remove(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((Key) => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }))));
  }
}
