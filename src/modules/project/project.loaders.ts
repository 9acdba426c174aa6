import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { manyPerKey, onePerKey } from '../../db/batch';
import { uuidArrayLiteral } from '../../db/uuid';
import { AnnualPlan } from './annual-plan.entity';
import { Project } from './project.entity';
import { StageChange } from './stage-change.entity';

export interface InvestmentTotals {
  /** Completed from January through December of the year (本年完成投资). */
  yearToDateWan: string;
  /** Opening balance plus every report through December of the year (累计完成投资). */
  sinceStartWan: string;
}

/** Per-request batch loaders for projects and what hangs off them. */
export function createProjectLoaders(em: EntityManager) {
  const totalsByYear = new Map<number, DataLoader<string, InvestmentTotals>>();
  return {
    byId: new DataLoader<string, Project | undefined>(async (ids) => {
      const projects = await em.find(Project, { id: { $in: [...ids] } });
      return onePerKey(ids, projects, (p) => p.id);
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
    /** Sums are computed by PostgreSQL on `numeric`, so they are exact. */
    investmentTotals(year: number): DataLoader<string, InvestmentTotals> {
      let loader = totalsByYear.get(year);
      if (!loader) {
        loader = new DataLoader<string, InvestmentTotals>(async (ids) => {
          const rows: { id: string; year_to_date: string; since_start: string }[] = await em.execute(
            `select p.id,
                    coalesce(sum(r.completed_investment_wan) filter (where r.period >= make_date(?, 1, 1)), 0)::text as year_to_date,
                    (p.completed_before_tracking_wan + coalesce(sum(r.completed_investment_wan), 0))::text as since_start
               from project p
               left join progress_report r on r.project_id = p.id and r.period <= make_date(?, 12, 1)
              where p.id = any(?::uuid[])
              group by p.id`,
            [year, year, uuidArrayLiteral(ids)],
          );
          const byId = new Map(rows.map((r) => [r.id, { yearToDateWan: r.year_to_date, sinceStartWan: r.since_start }]));
          return ids.map((id) => byId.get(id) ?? { yearToDateWan: '0', sinceStartWan: '0' });
        });
        totalsByYear.set(year, loader);
      }
      return loader;
    },
  };
}

export type ProjectLoaders = ReturnType<typeof createProjectLoaders>;
