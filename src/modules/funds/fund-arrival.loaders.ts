import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { manyPerKey, onePerKey } from '../../db/batch';
import { FundArrival } from './fund-arrival.entity';

/** Per-request batch loaders of fund arrivals. */
export function createFundLoaders(em: EntityManager) {
  return {
    byId: new DataLoader<string, FundArrival | undefined>(async (ids) =>
      onePerKey(ids, await em.find(FundArrival, { id: { $in: [...ids] } }), (a) => a.id),
    ),
    /** A project's arrivals, oldest first. */
    byProject: new DataLoader<string, FundArrival[]>(async (ids) => {
      const arrivals = await em.find(
        FundArrival,
        { project: { $in: [...ids] } },
        { orderBy: { arrivedOn: 'asc', recordedAt: 'asc', id: 'asc' } },
      );
      return manyPerKey(ids, arrivals, (a) => a.project!.id);
    }),
  };
}

export type FundLoaders = ReturnType<typeof createFundLoaders>;
