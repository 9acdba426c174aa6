import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Period } from '../../calendar/period';
import { onePerKey } from '../../db/batch';
import { readReservePools, type ReservePoolFigures } from './reserve-figures';
import { ReserveProject } from './reserve-project.entity';

/** Per-request batch loaders for reserve projects and the pool figures of rollups. */
export function createReserveLoaders(em: EntityManager) {
  const poolsByPeriod = new Map<string, DataLoader<string, ReservePoolFigures>>();
  return {
    byId: new DataLoader<string, ReserveProject | undefined>(async (ids) =>
      onePerKey(ids, await em.find(ReserveProject, { id: { $in: [...ids] } }), (e) => e.id),
    ),
    byProject: new DataLoader<string, ReserveProject | undefined>(async (ids) =>
      onePerKey(ids, await em.find(ReserveProject, { project: { $in: [...ids] } }), (e) => e.project!.id),
    ),
    /** A request's rollups of one period (a root and its children) in one statement. */
    pools(period: Period): DataLoader<string, ReservePoolFigures> {
      let loader = poolsByPeriod.get(period.toString());
      if (!loader) {
        loader = new DataLoader<string, ReservePoolFigures>(async (codes) => {
          const figures = await readReservePools(em, codes, period);
          return codes.map((code) => figures.get(code)!);
        });
        poolsByPeriod.set(period.toString(), loader);
      }
      return loader;
    },
  };
}

export type ReserveLoaders = ReturnType<typeof createReserveLoaders>;
