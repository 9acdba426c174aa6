import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import exifr from 'exifr';
import S3rver from 's3rver';
import { loadConfig } from '../../../src/config';
import { photoStoreOf } from '../../../src/modules/photo/photo-store';
import { photoHousekeeping } from '../../../src/modules/photo/site-photo.jobs';
import { countRows, createProject, TOWN_OFFICER } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';
import { sitePhotoJpeg } from './site-photo-images';

/**
 * The S3 path (PHOTO_STORE=s3) against s3rver, an S3-compatible server the test starts on a random
 * loopback port: uploads land in the bucket, links serve them from it, deletion empties it.
 */

const BUCKET = 'site-photos';

describe('site photos in an S3-compatible store', () => {
  let s3: S3rver;
  let server: TestServer;
  let origin: string;
  let env: Record<string, string>;
  let client: S3Client;
  let s3Running = false;

  const objectOf = async (key: string): Promise<Buffer | undefined> => {
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return Buffer.from(await answer.Body!.transformToByteArray());
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  };

  beforeAll(async () => {
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: mkdtempSync(path.join(os.tmpdir(), 'kp-s3rver-')),
      configureBuckets: [{ name: BUCKET }],
    });
    const { port } = await s3.run();
    s3Running = true;
    // s3rver's fixed credentials; path-style, as MinIO is usually run.
    env = {
      PHOTO_STORE: 's3',
      PHOTO_S3_ENDPOINT: `http://127.0.0.1:${port}`,
      PHOTO_S3_BUCKET: BUCKET,
      PHOTO_S3_ACCESS_KEY_ID: 'S3RVER',
      PHOTO_S3_SECRET_ACCESS_KEY: 'S3RVER',
    };
    client = new S3Client({
      region: 'us-east-1',
      endpoint: env['PHOTO_S3_ENDPOINT'],
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER, env);
    origin = new URL(server.url).origin;
  });
  afterAll(async () => {
    await server?.close();
    client?.destroy();
    if (s3Running) await s3.close();
  });

  it('stores an upload in the bucket without metadata, serves it by link, and removes it once deleted', async () => {
    const projectId = (await createProject(server, { code: null })).id;
    const reported = await server.gql<{ reportProgress: { id: string } }>(
      `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`,
      { input: { projectId, period: '2026-11', completedInvestmentWan: '80', progressNote: '钢结构吊装' } },
    );
    const response = await fetch(`${origin}/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token(TOWN_OFFICER)}` },
      body: await sitePhotoJpeg({ takenAt: '2026:11:02 15:00:00' }),
    });
    expect(response.status).toBe(201);
    const { uploadId } = (await response.json()) as { uploadId: string };
    const stored = await objectOf(`${uploadId}.jpg`);
    expect(stored).toBeDefined();
    expect(await exifr.parse(stored!)).toBeUndefined();
    expect(await objectOf(`${uploadId}.thumb.jpg`)).toBeDefined();

    const attached = await server.gql<{ attachSitePhoto: { imageUrl: string; takenAt: string; takenPlace: string } }>(
      `mutation($input: AttachSitePhotoInput!) { attachSitePhoto(input: $input) { imageUrl takenAt takenPlace } }`,
      { input: { uploadId, reportId: reported.data!.reportProgress.id, caption: '钢结构吊装' } },
    );
    expect(attached.data?.attachSitePhoto).toMatchObject({
      takenAt: '2026-11-02T07:00:00.000Z',
      takenPlace: '北纬37.4512°，东经116.3021°',
    });
    const image = await fetch(`${origin}${attached.data!.attachSitePhoto.imageUrl}`);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(stored);

    const deleted = await server.gql(`mutation($id: ID!) { deleteSitePhoto(id: $id) }`, { id: uploadId });
    expect(deleted.errors).toBeUndefined();
    // The server's store, made from the same configuration as its own.
    const store = photoStoreOf(loadConfig({ NODE_ENV: 'test', ...env }).photos.store);
    await photoHousekeeping(store).run(server.orm.em.fork());
    expect(await objectOf(`${uploadId}.jpg`)).toBeUndefined();
    expect(await objectOf(`${uploadId}.thumb.jpg`)).toBeUndefined();
    expect(await countRows(server, 'site_photo_discard')).toBe(0);
  });

  it('reads an object that is not there as absent, not as an error', async () => {
    const store = photoStoreOf(loadConfig({ NODE_ENV: 'test', ...env }).photos.store);
    expect(await store.get('00000000-0000-4000-8000-000000000000.jpg')).toBeUndefined();
    await expect(store.remove(['00000000-0000-4000-8000-000000000000.jpg'])).resolves.toBeUndefined();
  });

  it('answers 503 SERVICE_UNAVAILABLE when the store is down, and keeps nothing', async () => {
    await s3.close();
    s3Running = false;
    const before = await countRows(server, 'site_photo');
    const response = await fetch(`${origin}/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token(TOWN_OFFICER)}` },
      body: await sitePhotoJpeg({}),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(((await response.json()) as { code: string }).code).toBe('SERVICE_UNAVAILABLE');
    expect(await countRows(server, 'site_photo')).toBe(before);
  });
});
