import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Period } from '../../calendar/period';
import { manyPerKey, onePerKey } from '../../db/batch';
import { uuidArrayLiteral } from '../../db/uuid';
import { approvedSql, underReviewSql } from '../progress-report/report-status';
import { MonthlyTarget } from './monthly-target.entity';
import { AnnualPlan } from './annual-plan.entity';
import { Project } from './project.entity';
import { StageChange } from './stage-change.entity';

/** A project's figures through a period: approved reports count, as in the rollups; those under review are apart. */
export interface InvestmentTotals {
  /** Approved reports from January of the period's year through the period (本年完成投资). */
  yearToDateWan: string;
  /** Opening balance plus every approved report through the period (累计完成投资). */
  sinceStartWan: string;
  /** Reports under review (submitted or resubmitted) from January of the period's year through the period (待审核). */
  pendingWan: string;
}

/** Per-request batch loaders for projects and what hangs off them. */
export function createProjectLoaders(em: EntityManager) {
  const totalsByPeriod = new Map<string, DataLoader<string, InvestmentTotals>>();
  return {
    byId: new DataLoader<string, Project | undefined>(async (ids) => {
      const projects = await em.find(Project, { id: { $in: [...ids] } });
      return onePerKey(ids, projects, (p) => p.id);
    }),
    /** Each annual plan's twelve monthly targets, January first. */
    monthlyTargets: new DataLoader<string, MonthlyTarget[]>(async (planIds) => {
      const targets = await em.find(MonthlyTarget, { annualPlan: { $in: [...planIds] } }, { orderBy: { period: 'asc' } });
      return manyPerKey(planIds, targets, (t) => t.annualPlan.id);
    }),
    annualPlans: new DataLoader<string, AnnualPlan[]>(async (ids) => {
      const plans = await em.find(AnnualPlan, { project: { $in: [...ids] } }, { orderBy: { year: 'asc' } });
      return manyPerKey(ids, plans, (p) => p.project.id);
    }),
    stageHistory: new DataLoader<string, StageChange[]>(async (ids) => {
      const changes = await em.find(
        StageChange,
        { project: { $in: [...ids] } },
        { orderBy: { changedOn: 'asc', recordedAt: 'asc' } },
      );
      return manyPerKey(ids, changes, (c) => c.project.id);
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
          const byId = new Map(rows.map((r) => [r.id, { yearToDateWan: r.year_to_date, sinceStartWan: r.since_start, pendingWan: r.pending }]));
          return ids.map((id) => byId.get(id) ?? { yearToDateWan: '0', sinceStartWan: '0', pendingWan: '0' });
        });
        totalsByPeriod.set(through.toString(), loader);
      }
      return loader;
    },
  };
}

export type ProjectLoaders = ReturnType<typeof createProjectLoaders>;
