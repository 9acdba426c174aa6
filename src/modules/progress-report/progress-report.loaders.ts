import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Period } from '../../calendar/period';
import { manyPerKey, onePerKey } from '../../db/batch';
import { uuidArrayLiteral } from '../../db/uuid';
import { ProgressReport } from './progress-report.entity';
import { ReportReview } from './report-review.entity';
import { approvedSql, underReviewSql } from './report-status';
import { createReportingLoader } from './report-timeliness';

/** A project's figures through a period: approved reports count, as in the rollups; those under review are apart. */
export interface InvestmentTotals {
  /** Approved reports from January of the period's year through the period (本年完成投资). */
  yearToDateWan: string;
  /** Opening balance plus every approved report through the period (累计完成投资). */
  sinceStartWan: string;
  /** Reports under review (submitted or resubmitted) from January of the period's year through the period (待审核). */
  pendingWan: string;
}

export function createProgressReportLoaders(em: EntityManager) {
  const totalsByPeriod = new Map<string, DataLoader<string, InvestmentTotals>>();
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
      const reports = newest.length ? await em.find(ProgressReport, { id: { $in: newest.map((r) => r.id) } }) : [];
      return onePerKey(ids, reports, (r) => r.project.id);
    }),
    /** Sums are computed by PostgreSQL on `numeric`, so they are exact; approved and pending apart. */
    investmentTotals(through: Period): DataLoader<string, InvestmentTotals> {
      let loader = totalsByPeriod.get(through.toString());
      if (!loader) {
        const yearStart = Period.of(through.year, 1).firstDay;
        loader = new DataLoader<string, InvestmentTotals>(async (ids) => {
          const rows: { id: string; year_to_date: string; since_start: string; pending: string }[] = await em.execute(
            `select p.id,
                    coalesce(sum(r.completed_investment_wan) filter (where r.period >= ? and ${approvedSql('r')}), 0)::text as year_to_date,
                    (p.completed_before_tracking_wan + coalesce(sum(r.completed_investment_wan) filter (where ${approvedSql('r')}), 0))::text as since_start,
                    coalesce(sum(r.completed_investment_wan) filter (where r.period >= ? and ${underReviewSql('r')}), 0)::text as pending
               from project p
               left join progress_report r on r.project_id = p.id and r.period <= ?
              where p.id = any(?::uuid[])
              group by p.id`,
            [yearStart, yearStart, through.firstDay, uuidArrayLiteral(ids)],
          );
          const byId = new Map(
            rows.map((r) => [r.id, { yearToDateWan: r.year_to_date, sinceStartWan: r.since_start, pendingWan: r.pending }]),
          );
          return ids.map((id) => byId.get(id) ?? { yearToDateWan: '0', sinceStartWan: '0', pendingWan: '0' });
        });
        totalsByPeriod.set(through.toString(), loader);
      }
      return loader;
    },
  };
}

export type ProgressReportLoaders = ReturnType<typeof createProgressReportLoaders>;
