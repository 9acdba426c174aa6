import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import type { EntityManager } from '@mikro-orm/postgresql';
import { beginScopedTransaction, endScopedTransaction } from '../../../src/db/scoped-transaction';
import { signPhotoLink } from '../../../src/modules/photo/photo-link';
import { LocalPhotoStore } from '../../../src/modules/photo/local-photo-store';
import { photoHousekeeping } from '../../../src/modules/photo/site-photo.jobs';
import { photoPreparation } from '../../../src/modules/photo/site-photo-upload.route';
import { approveReport, COUNTY_LEADER, CITY_LEADER, countRows, createProject, TOWN_OFFICER, XINHUA_OFFICER } from '../../support/fixtures';
import { startTestServer, type Caller, type TestServer } from '../../support/test-server';
import { sitePhotoJpeg } from './site-photo-images';

/**
 * Site photos through the API and the HTTP routes, on the local store: upload (real sniffing, the
 * size limit, the metadata stripped but the capture time and place kept), attach with the
 * report's scope and lock, signed links as <img src>, deletion and housekeeping emptying the store.
 */

const MAX_BYTES = 300_000;
const PHOTO_FIELDS = `id caption takenAt latitude longitude takenPlace isTakenBeforePeriod takenBeforePeriodReason byteSize width height
  contentType uploadedByName attachedByName imageUrl thumbnailUrl urlsExpireAt version project { id } report { id } milestone { id }`;
const ATTACH = `mutation($input: AttachSitePhotoInput!) { attachSitePhoto(input: $input) { ${PHOTO_FIELDS} } }`;
const DELETE = `mutation($id: ID!, $version: Int) { deleteSitePhoto(id: $id, version: $version) }`;
const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`;

describe('site photos (形象进度照片)', () => {
  let server: TestServer;
  let origin: string;
  let photoDir: string;
  let projectId: string;
  let reportId: string;

  const tokenOf = (as: Caller) => (as === null ? undefined : typeof as === 'object' && 'token' in as ? as.token : server.token(as));
  const upload = async (body: Buffer, as: Caller = TOWN_OFFICER) => {
    const token = tokenOf(as);
    const response = await fetch(`${origin}/photos`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const uploaded = async (body: Buffer, as: Caller = TOWN_OFFICER): Promise<string> => {
    const answer = await upload(body, as);
    expect(answer.status).toBe(201);
    return answer.body['uploadId'] as string;
  };
  const attach = (input: Record<string, unknown>, as: Caller = TOWN_OFFICER) =>
    server.gql<{ attachSitePhoto: Record<string, any> }>(ATTACH, { input }, as);
  const stored = () => readdirSync(photoDir).sort();
  const report = async (period: string) => {
    const answer = await server.gql<{ reportProgress: { id: string } }>(REPORT, {
      input: { projectId, period, completedInvestmentWan: '100', progressNote: '主体施工' },
    });
    expect(answer.errors).toBeUndefined();
    return answer.data!.reportProgress.id;
  };
  const housekeeping = () => photoHousekeeping(new LocalPhotoStore(photoDir)).run(server.orm.em.fork());
  const photoOf = async (id: string, as: Caller = TOWN_OFFICER) =>
    server.gql<{ sitePhoto: Record<string, any> }>(`query($id: ID!) { sitePhoto(id: $id) { ${PHOTO_FIELDS} } }`, { id }, as);

  beforeAll(async () => {
    photoDir = mkdtempSync(path.join(os.tmpdir(), 'kp-photos-'));
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER, { PHOTO_DIR: photoDir, PHOTO_MAX_BYTES: String(MAX_BYTES) });
    origin = new URL(server.url).origin;
    projectId = (await createProject(server, { code: null })).id;
    reportId = await report('2026-11');
  });
  afterAll(() => server.close());

  describe('an upload attached to a monthly report', () => {
    let photo: Record<string, any>;
    let uploadAnswer: Record<string, any>;

    beforeAll(async () => {
      const answer = await upload(await sitePhotoJpeg({ takenAt: '2026:11:15 10:30:00' }));
      expect(answer.status).toBe(201);
      uploadAnswer = answer.body;
      const attached = await attach({ uploadId: uploadAnswer['uploadId'], reportId, caption: '  3号楼主体施工至12层 ' });
      expect(attached.errors).toBeUndefined();
      photo = attached.data!.attachSitePhoto;
    });

    it('answers the upload with what the camera said, and attaches it with the caption, time and place', () => {
      expect(uploadAnswer).toMatchObject({ contentType: 'image/jpeg', sourceFormat: 'jpeg', width: 640, height: 480 });
      expect(photo).toMatchObject({
        caption: '3号楼主体施工至12层',
        takenAt: '2026-11-15T02:30:00.000Z',
        latitude: 37.4512,
        longitude: 116.3021,
        takenPlace: '北纬37.4512°，东经116.3021°',
        isTakenBeforePeriod: false,
        takenBeforePeriodReason: null,
        contentType: 'image/jpeg',
        width: 640,
        height: 480,
        uploadedByName: TOWN_OFFICER.name,
        attachedByName: TOWN_OFFICER.name,
        project: { id: projectId },
        report: { id: reportId },
        milestone: null,
      });
    });

    it('stores the image and its thumbnail with no EXIF left (camera, owner, GPS), while the API still reports time and place', async () => {
      const files = stored().filter((file) => file.startsWith(photo['id'] as string));
      expect(files).toEqual([`${photo['id']}.jpg`, `${photo['id']}.thumb.jpg`]);
      for (const file of files) {
        const bytes = readFileSync(path.join(photoDir, file));
        expect(await exifr.parse(bytes)).toBeUndefined();
        expect((await sharp(bytes).metadata()).exif).toBeUndefined();
        expect(bytes.includes('Canon')).toBe(false);
        expect(bytes.includes('Zhang San')).toBe(false);
      }
      const thumbnail = await sharp(readFileSync(path.join(photoDir, `${photo['id']}.thumb.jpg`))).metadata();
      expect(Math.max(thumbnail.width!, thumbnail.height!)).toBe(320);
    });

    it('serves the image and the thumbnail by signed link without a header, as <img src> loads them', async () => {
      const image = await fetch(`${origin}${photo['imageUrl']}`);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/jpeg');
      expect(image.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
      expect(Buffer.from(await image.arrayBuffer())).toEqual(readFileSync(path.join(photoDir, `${photo['id']}.jpg`)));
      const thumbnail = await fetch(`${origin}${photo['thumbnailUrl']}`);
      expect((await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).width).toBe(320);
    });

    it("lists the report's photos for its readers (the county and the city above), with one statement for a page of reports", async () => {
      for (const reader of [TOWN_OFFICER, COUNTY_LEADER, CITY_LEADER]) {
        const answer = await server.gql(`{ progressReport(id: "${reportId}") { photos { id caption } } }`, {}, reader);
        expect(answer.data?.['progressReport'].photos).toEqual([{ id: photo['id'], caption: '3号楼主体施工至12层' }]);
      }
      const other = await report('2026-10');
      server.statements.length = 0;
      const both = await server.gql(
        `{ a: progressReport(id: "${reportId}") { photos { id } } b: progressReport(id: "${other}") { photos { id } } }`,
      );
      expect(both.data?.['b'].photos).toEqual([]);
      expect(server.statements.filter((sql) => /from "site_photo"/.test(sql))).toHaveLength(1);
    });

    it('records the attachment as a live event of the project and in the audit trail', async () => {
      const [event] = await server.adminOrm.em
        .fork()
        .execute(
          `select kind, changes -> 'photo' ->> 'after' as photo from change_event where project_id = ? and kind like 'SITE_PHOTO%'`,
          [projectId],
        );
      expect(event).toEqual({ kind: 'SITE_PHOTO_ATTACHED', photo: photo['id'] });
      const trail = await server.gql(`{ auditTrail(entity: SITE_PHOTO, id: "${photo['id']}") { nodes { operation } } }`);
      expect(trail.errors).toBeUndefined();
      // The upload's own CREATE belongs to no project yet, so no reader of the project sees it; the attachment is the record.
      expect(trail.data?.['auditTrail'].nodes.map((n: { operation: string }) => n.operation)).toEqual(['UPDATE']);
    });

    it('answers NOT_FOUND to a town officer of another town, and refuses the link for another viewer, tampered or expired', async () => {
      expect((await photoOf(photo['id'] as string, XINHUA_OFFICER)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      const url = `${origin}${photo['imageUrl']}`;
      const withOtherToken = await fetch(url, { headers: { authorization: `Bearer ${server.token(XINHUA_OFFICER)}` } });
      expect([withOtherToken.status, ((await withOtherToken.json()) as { reason: string }).reason]).toEqual([403, 'LINK_OTHER_VIEWER']);
      const token = (photo['imageUrl'] as string).split('/').pop()!;
      const tampered = await fetch(`${origin}/photos/file/${token[0] === 'e' ? 'f' : 'e'}${token.slice(1)}`);
      expect([tampered.status, ((await tampered.json()) as { code: string; reason: string }).reason]).toEqual([401, 'LINK_INVALID']);
      const [row] = await server.adminOrm.em.fork().execute<{ secret: Buffer }[]>('select secret from download_signing_key');
      const sign = (viewer: typeof TOWN_OFFICER, expiresAt: Date) =>
        signPhotoLink(row!.secret, {
          viewer: { ...viewer, roles: new Set(viewer.roles), isServiceAccount: false },
          photoId: photo['id'],
          variant: 'image',
          expiresAt,
        });
      const expired = await fetch(`${origin}/photos/file/${sign(TOWN_OFFICER, new Date(Date.now() - 1000))}`);
      expect([expired.status, ((await expired.json()) as { reason: string }).reason]).toEqual([401, 'LINK_EXPIRED']);
      const otherTown = await fetch(`${origin}/photos/file/${sign(XINHUA_OFFICER, new Date(Date.now() + 60_000))}`);
      expect([otherTown.status, ((await otherTown.json()) as { code: string }).code]).toEqual([404, 'NOT_FOUND']);
    });
  });

  it('turns a photo upright by its EXIF orientation before the orientation is stripped', async () => {
    const id = await uploaded(await sitePhotoJpeg({ orientation: 6 }));
    const attached = await attach({ uploadId: id, reportId });
    expect(attached.data?.attachSitePhoto).toMatchObject({ width: 480, height: 640, takenAt: null, takenPlace: null });
  });

  it("flags a photo taken before the month preceding its report's month, with the reason in words", async () => {
    const id = await uploaded(await sitePhotoJpeg({ takenAt: '2026:08:03 09:00:00' }));
    const attached = await attach({ uploadId: id, reportId });
    expect(attached.data?.attachSitePhoto).toMatchObject({
      isTakenBeforePeriod: true,
      takenBeforePeriodReason: '拍摄于2026年8月3日，早于月报所属月份（2026年11月）的上月，可能不是本期现场照片',
    });
    const lastMonth = await uploaded(await sitePhotoJpeg({ takenAt: '2026:10:01 09:00:00' }));
    expect((await attach({ uploadId: lastMonth, reportId })).data?.attachSitePhoto.isTakenBeforePeriod).toBe(false);
  });

  describe('uploads refused, keeping nothing', () => {
    let before: { rows: number; files: string[] };
    beforeEach(async () => void (before = { rows: await countRows(server, 'site_photo'), files: stored() }));
    afterEach(async () => expect({ rows: await countRows(server, 'site_photo'), files: stored() }).toEqual(before));

    it('answers 401 UNAUTHENTICATED without a token', async () => {
      const answer = await upload(await sitePhotoJpeg({}), null);
      expect([answer.status, answer.body['code']]).toEqual([401, 'UNAUTHENTICATED']);
    });

    it('answers 415 NOT_AN_IMAGE to a PDF sent as image/jpeg, in Chinese', async () => {
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
      const answer = await upload(pdf);
      expect(answer).toMatchObject({ status: 415, body: { code: 'BAD_USER_INPUT', reason: 'NOT_AN_IMAGE', field: 'body' } });
      expect(answer.body['message']).toMatch(/不是图片/);
    });

    it('answers 415 UNSUPPORTED_IMAGE_TYPE to an image of a format not kept (GIF)', async () => {
      const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
        .gif()
        .toBuffer();
      const answer = await upload(gif);
      expect(answer).toMatchObject({ status: 415, body: { code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_IMAGE_TYPE' } });
    });

    it('answers 413 PHOTO_TOO_LARGE above PHOTO_MAX_BYTES', async () => {
      const answer = await upload(Buffer.alloc(MAX_BYTES + 1, 0xff));
      expect(answer).toMatchObject({ status: 413, body: { code: 'BAD_USER_INPUT', reason: 'PHOTO_TOO_LARGE', maxBytes: MAX_BYTES } });
    });

    it('answers 503 SERVICE_UNAVAILABLE with Retry-After while every slot and the line are taken, then takes the same photo', async () => {
      // Other uploads hold every slot and every place in line until released.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const holders = Array.from({ length: photoPreparation.slots + photoPreparation.maxWaiting }, () =>
        photoPreparation.run(
          () => held,
          () => new Error('the line is full before the test'),
        ),
      );
      const photo = await sitePhotoJpeg({});
      const token = tokenOf(TOWN_OFFICER)!;
      const response = await fetch(`${origin}/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: photo });
      const body = (await response.json()) as Record<string, unknown>;
      release();
      await Promise.all(holders);
      expect([response.status, response.headers.get('retry-after'), body['code']]).toEqual([503, '5', 'SERVICE_UNAVAILABLE']);
      expect(body['message']).toMatch(/稍后重新上传/);
      expect(photoPreparation.waiting).toBe(0);
      // Nothing was kept (afterEach); the same photo goes through once the slots are free, and is
      // removed again as an upload never attached is.
      const retried = await uploaded(photo);
      await server.adminOrm.em.fork().execute(`update site_photo set uploaded_at = now() - interval '25 hours' where id = ?`, [retried]);
      await housekeeping();
    });
  });

  describe('attaching refused, changing nothing', () => {
    let uploadId: string;
    beforeAll(async () => void (uploadId = await uploaded(await sitePhotoJpeg({}))));
    afterEach(async () => expect((await photoOf(uploadId)).data?.sitePhoto).toMatchObject({ project: null, report: null, version: 1 }));

    it.each([
      ['an unknown report', () => ({ uploadId, reportId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND', 'input.reportId'],
      ['an unknown upload', () => ({ uploadId: 'not-an-id', reportId }), 'NOT_FOUND', 'input.uploadId'],
      ['neither a report nor a milestone', () => ({ uploadId }), 'BAD_USER_INPUT', 'input.reportId'],
      ['both a report and a milestone', () => ({ uploadId, reportId, milestoneId: reportId }), 'BAD_USER_INPUT', 'input.reportId'],
      ['a caption over 200 characters', () => ({ uploadId, reportId, caption: '字'.repeat(201) }), 'BAD_USER_INPUT', 'input.caption'],
    ])('answers %s with its code and field', async (_case, input, code, field) => {
      const answer = await attach(input());
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code, field });
    });

    it("answers NOT_FOUND to someone attaching another's upload", async () => {
      const answer = await attach({ uploadId, reportId }, XINHUA_OFFICER);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.uploadId' });
    });

    it('answers FORBIDDEN to a county leader, who reads the report but does not report', async () => {
      const own = await uploaded(await sitePhotoJpeg({}), COUNTY_LEADER);
      const answer = await attach({ uploadId: own, reportId }, COUNTY_LEADER);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.reportId' });
    });

    it('answers CONFLICT to an upload attached already', async () => {
      const once = await uploaded(await sitePhotoJpeg({}));
      expect((await attach({ uploadId: once, reportId })).errors).toBeUndefined();
      const twice = await attach({ uploadId: once, reportId });
      expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.uploadId' });
    });

    it('answers CONFLICT on an approved (locked) report', async () => {
      const approved = await report('2026-09');
      await approveReport(server, approved, COUNTY_LEADER);
      const answer = await attach({ uploadId, reportId: approved });
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.reportId' });
      expect(answer.errors?.[0]?.message).toMatch(/锁定/);
    });
  });

  describe('deletion', () => {
    it('lets only those who report delete a photo; its objects leave the store once housekeeping runs after the commit', async () => {
      const id = await uploaded(await sitePhotoJpeg({}));
      const photo = (await attach({ uploadId: id, reportId })).data!.attachSitePhoto;
      const refused = await server.gql(DELETE, { id }, COUNTY_LEADER);
      expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      const stale = await server.gql(DELETE, { id, version: (photo['version'] as number) + 1 });
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'version' });
      expect(stored()).toContain(`${id}.jpg`);

      const deleted = await server.gql(DELETE, { id, version: photo['version'] });
      expect(deleted.data?.['deleteSitePhoto']).toBe(id);
      expect((await photoOf(id)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      expect((await fetch(`${origin}${photo['imageUrl']}`)).status).toBe(404);
      await housekeeping();
      expect(stored().filter((file) => file.startsWith(id))).toEqual([]);
      expect(await countRows(server, 'site_photo_discard')).toBe(0);
      const [event] = await server.adminOrm.em
        .fork()
        .execute(`select kind from change_event where kind = 'SITE_PHOTO_REMOVED' and changes -> 'photo' ->> 'before' = ?`, [id]);
      expect(event).toEqual({ kind: 'SITE_PHOTO_REMOVED' });
    });

    it("takes a milestone's photos along when the milestone is deleted, and their objects with them", async () => {
      const added = await server.gql<{ addMilestone: { id: string } }>(
        `mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { id } }`,
        { input: { projectId, title: '主体封顶', dueOn: '2027-05-31' } },
      );
      const milestoneId = added.data!.addMilestone.id;
      const id = await uploaded(await sitePhotoJpeg({ takenAt: '2026:03:01 08:00:00' }));
      const attached = await attach({ uploadId: id, milestoneId, caption: '封顶仪式' });
      expect(attached.data?.attachSitePhoto).toMatchObject({ milestone: { id: milestoneId }, report: null, isTakenBeforePeriod: true });
      expect(attached.data?.attachSitePhoto.takenBeforePeriodReason).toMatch(/早于添加照片的月份/);
      const removed = await server.gql(`mutation($id: ID!) { deleteMilestone(id: $id) }`, { id: milestoneId });
      expect(removed.errors).toBeUndefined();
      await housekeeping();
      expect(stored().filter((file) => file.startsWith(id))).toEqual([]);
    });

    it("removes what a server stored before dying, once the upload's hour is up, and never a live photo's objects", async () => {
      const owner = server.adminOrm.em.fork();
      const live = await uploaded(await sitePhotoJpeg({}));
      // A recorded upload leaves nothing queued.
      expect(await countRows(server, 'site_photo_discard')).toBe(0);
      // As the route does it, stopped after the store and before the row: the keys queued, the objects stored.
      const lost = '0d6f3c1e-7a52-4c1b-9f0e-2b7d5a9c4e11';
      const lostKeys = [`${lost}.jpg`, `${lost}.thumb.jpg`];
      await owner.execute(`select kp_intend_photo_objects(?::varchar[], '1 hour')`, [`{${lostKeys.join(',')}}`]);
      const store = new LocalPhotoStore(photoDir);
      for (const key of lostKeys) await store.put(key, await sitePhotoJpeg({}));
      // The live photo's keys queued by mistake, already due.
      await owner.execute(
        `insert into site_photo_discard (object_key, due_at) values (?, now() - interval '1 day'), (?, now() - interval '1 day')`,
        [`${live}.jpg`, `${live}.thumb.jpg`],
      );
      await housekeeping();
      expect(stored().filter((file) => file.startsWith(lost))).toHaveLength(2);
      await owner.execute(`update site_photo_discard set due_at = now() - interval '1 minute' where object_key = any(?::varchar[])`, [
        `{${lostKeys.join(',')}}`,
      ]);
      await housekeeping();
      expect(stored().filter((file) => file.startsWith(lost))).toEqual([]);
      expect(stored().filter((file) => file.startsWith(live))).toHaveLength(2);
      expect(await countRows(server, 'site_photo_discard')).toBe(0);
      await owner.execute(`update site_photo set uploaded_at = now() - interval '25 hours' where id = ?`, [live]);
      await housekeeping();
    });

    it('removes an upload never attached after a day, and keeps a fresh one', async () => {
      const old = await uploaded(await sitePhotoJpeg({}));
      const fresh = await uploaded(await sitePhotoJpeg({}));
      await server.adminOrm.em.fork().execute(`update site_photo set uploaded_at = now() - interval '25 hours' where id = ?`, [old]);
      await housekeeping();
      expect(stored().filter((file) => file.startsWith(old))).toEqual([]);
      expect(stored().filter((file) => file.startsWith(fresh))).toHaveLength(2);
      expect((await photoOf(old)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('row-level security on site_photo, whatever the code asks', () => {
    const XINHU_PATH = '371400.371402.371402001';
    const XINHUA_PATH = '371400.371402.371402002';
    const scoped = async <T>(readRoot: string, subject: string, work: (em: EntityManager) => Promise<T>): Promise<T> => {
      const em = server.orm.em.fork();
      await beginScopedTransaction(em, { readRoot, subject }, false);
      try {
        return await work(em);
      } finally {
        await endScopedTransaction(em, 'rollback');
      }
    };
    const count = (em: EntityManager, where: string) =>
      em.execute<{ n: number }[]>(`select count(*)::int as n from site_photo where ${where}`).then(([row]) => row!.n);

    it("shows another town none of the town's photos, and nobody another's unattached upload", async () => {
      const pending = await uploaded(await sitePhotoJpeg({}));
      expect(await scoped(XINHUA_PATH, XINHUA_OFFICER.subject, (em) => count(em, 'true'))).toBe(0);
      const seen = await scoped(XINHU_PATH, 'a-colleague', async (em) => ({
        attached: await count(em, 'project_id is not null'),
        pending: await count(em, `id = '${pending}'`),
      }));
      expect(seen.attached).toBeGreaterThan(0);
      expect(seen.pending).toBe(0);
      expect(await scoped(XINHU_PATH, TOWN_OFFICER.subject, (em) => count(em, `id = '${pending}'`))).toBe(1);
    });

    it('refuses a row written outside the rules: an upload in another name, a photo attached to a project out of scope', async () => {
      const pending = await uploaded(await sitePhotoJpeg({}));
      await expect(
        scoped(XINHU_PATH, TOWN_OFFICER.subject, (em) =>
          em.execute(`insert into site_photo (id, object_key, thumbnail_key, content_type, byte_size, width, height, uploaded_by, uploaded_by_name)
                      values (gen_random_uuid(), 'x.jpg', 'x.thumb.jpg', 'image/jpeg', 1, 1, 1, 'someone-else', '某人')`),
        ),
      ).rejects.toThrow(/row-level security/);
      const byAnother = await scoped(XINHU_PATH, XINHUA_OFFICER.subject, (em) =>
        em.execute(`update site_photo set caption = '改' where id = '${pending}'`, [], 'run'),
      );
      expect(byAnother).toMatchObject({ affectedRows: 0 });
      await expect(
        scoped(XINHUA_PATH, TOWN_OFFICER.subject, (em) =>
          em.execute(`update site_photo set project_id = '${projectId}', report_id = '${reportId}', period = '2026-11-01',
                      attached_at = now() where id = '${pending}'`),
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });
});
