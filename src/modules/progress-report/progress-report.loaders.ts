import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { manyPerKey, onePerKey } from '../../db/batch';
import { uuidArrayLiteral } from '../../db/uuid';
import { ProgressReport } from './progress-report.entity';
import { ReportReview } from './report-review.entity';
import { createReportingLoader } from './report-timeliness';

export function createProgressReportLoaders(em: EntityManager) {
  return {
    /** Reporting figures by period, for the rollups of one request. */
    reporting: createReportingLoader(em),
    /** Each report's review steps, oldest first, for a page of reports in one statement. */
    reviews: new DataLoader<string, ReportReview[]>(async (ids) => {
      const steps = await em.find(ReportReview, { report: { $in: [...ids] } }, { orderBy: { actedAt: 'asc', id: 'asc' } });
      return manyPerKey(ids, steps, (s) => s.report.id);
    }),
    byId: new DataLoader<string, ProgressReport | undefined>(async (ids) => {
      const reports = await em.find(ProgressReport, { id: { $in: [...ids] } });
      return onePerKey(ids, reports, (r) => r.id);
    }),
    byProject: new DataLoader<string, ProgressReport[]>(async (ids) => {
      const reports = await em.find(ProgressReport, { project: { $in: [...ids] } }, { orderBy: { period: 'asc' } });
      return manyPerKey(ids, reports, (r) => r.project.id);
    }),
    /** One statement for the whole page: the newest report of each project, picked by PostgreSQL. */
    latest: new DataLoader<string, ProgressReport | undefined>(async (ids) => {
      const newest: { id: string }[] = await em.execute(
        `select distinct on (project_id) id from progress_report
          where project_id = any(?::uuid[]) order by project_id, period desc`,
        [uuidArrayLiteral(ids)],
      );
      const reports = newest.length
        ? await em.find(ProgressReport, { id: { $in: newest.map((r) => r.id) } })
        : [];
      return onePerKey(ids, reports, (r) => r.project.id);
    }),
  };
}

export type ProgressReportLoaders = ReturnType<typeof createProgressReportLoaders>;
