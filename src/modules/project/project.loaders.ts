import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { manyPerKey, onePerKey } from '../../db/batch';
import { MonthlyTarget } from './monthly-target.entity';
import { AnnualPlan } from './annual-plan.entity';
import { Project } from './project.entity';
import { StageChange } from './stage-change.entity';

/** Per-request batch loaders for projects and what hangs off them. */
export function createProjectLoaders(em: EntityManager) {
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
      const changes = await em.find(StageChange, { project: { $in: [...ids] } }, { orderBy: { changedOn: 'asc', recordedAt: 'asc' } });
      return manyPerKey(ids, changes, (c) => c.project.id);
    }),
  };
}

export type ProjectLoaders = ReturnType<typeof createProjectLoaders>;
