import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import exifr from 'exifr';
import { insertDemoPhotos } from '../../src/demo/demo-photos';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { LocalPhotoStore } from '../../src/modules/photo/local-photo-store';
import { photoTakenBeforePeriod } from '../../src/modules/photo/site-photo-period';
import { createTestDatabase, TEST_DEMO_AS_OF, type TestDatabase } from '../support/database';

/** The demo city's site photos: on recent reports only, a few dozen, two flagged, stored as uploads are. */
describe('demo site photos', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let dir: string;
  let count: number;
  let ms: number;
  let rows: {
    report_id: string;
    period: string;
    taken_at: string;
    latitude: string;
    longitude: string;
    object_key: string;
    thumbnail_key: string;
  }[];

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    orm = await MikroORM.init(appOrmOptions({ clientUrl: db.url, poolMax: 2 }));
    dir = mkdtempSync(path.join(os.tmpdir(), 'kp-demo-photos-'));
    const started = Date.now();
    count = await orm.em.fork().transactional((em) => insertDemoPhotos(em, new LocalPhotoStore(dir), TEST_DEMO_AS_OF));
    ms = Date.now() - started;
    rows = await orm.em
      .fork()
      .execute(
        `select report_id, to_char(period, 'YYYY-MM-DD') as period, taken_at, latitude, longitude, object_key, thumbnail_key from site_photo`,
      );
  });
  afterAll(async () => {
    await orm.close();
    await db.drop();
  });

  it('puts a few dozen photos on some recent reports, within a few seconds', () => {
    expect(rows).toHaveLength(count);
    expect(count).toBeGreaterThanOrEqual(24);
    expect(count).toBeLessThanOrEqual(60);
    const reports = new Set(rows.map((r) => r.report_id));
    expect(reports.size).toBeGreaterThanOrEqual(12);
    for (const row of rows) expect(row.period >= '2026-09-01' && row.period <= '2026-11-01').toBe(true);
    expect(ms).toBeLessThan(15_000);
  });

  it('flags two taken months before their report, and dates the rest within the report’s month', () => {
    const flagged = rows.filter((r) => photoTakenBeforePeriod(new Date(r.taken_at), r.period));
    expect(flagged).toHaveLength(2);
    for (const row of rows.filter((r) => !flagged.includes(r))) {
      expect(new Date(row.taken_at).toISOString().slice(0, 7)).toBe(row.period.slice(0, 7));
    }
  });

  it('places them near 德州 and stores them without EXIF, with their thumbnails', async () => {
    for (const row of rows) {
      expect(Math.abs(Number(row.latitude) - 37.45)).toBeLessThan(0.1);
      expect(Math.abs(Number(row.longitude) - 116.3)).toBeLessThan(0.1);
    }
    const [first] = rows;
    expect(await exifr.parse(readFileSync(path.join(dir, first!.object_key)))).toBeUndefined();
    expect(readFileSync(path.join(dir, first!.thumbnail_key)).length).toBeGreaterThan(0);
  });
});
