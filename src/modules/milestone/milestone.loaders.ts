import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { manyPerKey } from '../../db/batch';
import { Milestone } from './milestone.entity';

export function createMilestoneLoaders(em: EntityManager) {
  return {
    byProject: new DataLoader<string, Milestone[]>(async (ids) => {
      const milestones = await em.find(Milestone, { project: { $in: [...ids] } }, { orderBy: { dueOn: 'asc', id: 'asc' } });
      return manyPerKey(ids, milestones, (m) => m.project.id);
    }),
  };
}

export type MilestoneLoaders = ReturnType<typeof createMilestoneLoaders>;
