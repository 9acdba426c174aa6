import { randomUUID } from 'node:crypto';
import type { RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Period } from '../calendar/period';
import { preparePhoto } from '../modules/photo/photo-image';
import type { PhotoStore } from '../modules/photo/photo-store';
import { SitePhoto } from '../modules/photo/site-photo.entity';
import { storePhoto, uploadData } from '../modules/photo/stored-photo';
import { siteSceneJpeg } from './demo-site-scene';

/** Reports of the last months before the as-of month get photos: what a leader opens first. */
const RECENT_MONTHS = 2;
/** How many reports carry photos: a few dozen photos, not every report (an office adds them to some). */
const REPORTS_WITH_PHOTOS = 24;
/** Of those, the ones whose photo was taken months before the report (flagged): an office reusing an old photo. */
const STALE_PHOTOS = 2;
/** Where the demo sites are: around 德州 (37.45°N, 116.30°E), spread over the urban districts. */
const DEZHOU = { latitude: 37.45, longitude: 116.3 };

const CAPTIONS = ['施工现场全景', '主体结构施工', '钢结构吊装', '塔吊作业', '脚手架搭设', '现场施工进度'];

interface ReportRow {
  id: string;
  project_id: string;
  period: string;
  reported_by: string;
  reported_by_name: string;
  reported_at: Date;
  stage: string;
}

/**
 * Photos of the site on recent monthly reports of the demo city: believable site scenes (demo-site-
 * scene.ts) with a camera's EXIF near 德州, put through the same pipeline as an upload (the
 * metadata stripped, time and place kept, a thumbnail) into the configured store, attached as the
 * report's officer would have. Two were taken months before their report and show as flagged.
 * Small images and a fixed choice of reports keep the demo's load within a few seconds.
 */
export async function insertDemoPhotos(em: EntityManager, store: PhotoStore, asOf: string): Promise<number> {
  const since = Period.ofDate(asOf).plusMonths(-RECENT_MONTHS).firstDay;
  const reports = await em.execute<ReportRow[]>(
    `select r.id, r.project_id, to_char(r.period, 'YYYY-MM-DD') as period, r.reported_by, r.reported_by_name, r.reported_at, p.stage
       from progress_report r join project p on p.id = r.project_id
      where r.period >= ? and p.stage in ('STARTED', 'UNDER_CONSTRUCTION', 'COMPLETED')
      order by r.period desc, p.name, r.id
      limit ?`,
    [since, REPORTS_WITH_PHOTOS],
  );
  const rows: RequiredEntityData<SitePhoto>[] = [];
  for (const [index, report] of reports.entries()) {
    const count = 1 + (index % 2);
    for (let n = 0; n < count; n++) {
      const seed = index * 7 + n;
      const stale = index < STALE_PHOTOS && n === 0;
      const month = Period.ofDate(report.period).plusMonths(stale ? -4 : 0);
      const day = String(3 + ((seed * 5) % 24)).padStart(2, '0');
      const hour = String(9 + (seed % 7)).padStart(2, '0');
      const place = { latitude: DEZHOU.latitude + ((seed % 11) - 5) * 0.012, longitude: DEZHOU.longitude + ((seed % 13) - 6) * 0.015 };
      const stage = report.stage === 'COMPLETED' ? 1 : report.stage === 'STARTED' ? 0.15 : 0.3 + ((seed * 37) % 60) / 100;
      const jpeg = await siteSceneJpeg({
        stage: stale ? stage / 3 : stage,
        seed,
        width: 480,
        height: 360,
        takenAt: `${month.firstDay.slice(0, 7).replace('-', ':')}:${day} ${hour}:20:00`,
        place,
        camera: { make: 'HUAWEI', model: 'Mate 60', owner: report.reported_by_name },
      });
      const prepared = await preparePhoto(jpeg);
      if (typeof prepared === 'string') throw new Error(`the demo's site scene is no photo: ${prepared}`);
      const id = randomUUID();
      const stored = await storePhoto(store, id, prepared);
      const officer = { subject: report.reported_by, name: report.reported_by_name };
      rows.push({
        ...uploadData(id, prepared, stored, officer),
        project: report.project_id,
        report: report.id,
        period: report.period,
        caption: CAPTIONS[seed % CAPTIONS.length],
        uploadedAt: report.reported_at,
        attachedAt: report.reported_at,
        attachedBy: officer.subject,
        attachedByName: officer.name,
      });
    }
  }
  if (rows.length > 0) await em.insertMany(SitePhoto, rows);
  return rows.length;
}
