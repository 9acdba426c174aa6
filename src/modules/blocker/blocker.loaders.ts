import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { manyPerKey, onePerKey } from '../../db/batch';
import { uuidArrayLiteral } from '../../db/uuid';
import { TenantBasis } from '../project/tenant-basis';
import { Blocker, BlockerEvent } from './blocker.entity';
import { BlockerType } from './blocker.enums';
import { textArrayLiteral } from '../../db/array-literal';

/** One type's counts in a tenant's subtree. */
export interface BlockerTypeFigures {
  type: BlockerType;
  openCount: number;
  overdueCount: number;
  escalatedCount: number;
  raisedCount: number;
  resolvedCount: number;
}

interface FigureRow {
  tenant_code: string;
  type: BlockerType;
  open_count: number;
  overdue_count: number;
  escalated_count: number;
  raised_count: number;
  resolved_count: number;
}

const noFigures = (type: BlockerType): BlockerTypeFigures => ({
  type,
  openCount: 0,
  overdueCount: 0,
  escalatedCount: 0,
  raisedCount: 0,
  resolvedCount: 0,
});

/** Per-request batch loaders of the blocker ledger. */
export function createBlockerLoaders(em: EntityManager) {
  const figuresByDate = new Map<string, DataLoader<string, BlockerTypeFigures[]>>();
  const openByDate = new Map<string, DataLoader<string, number>>();
  return {
    byId: new DataLoader<string, Blocker | undefined>(async (ids) =>
      onePerKey(ids, await em.find(Blocker, { id: { $in: [...ids] } }), (b) => b.id),
    ),
    byProject: new DataLoader<string, Blocker[]>(async (ids) => {
      const blockers = await em.find(Blocker, { project: { $in: [...ids] } }, { orderBy: { raisedAt: 'asc', id: 'asc' } });
      return manyPerKey(ids, blockers, (b) => b.project.id);
    }),
    history: new DataLoader<string, BlockerEvent[]>(async (ids) => {
      const events = await em.find(BlockerEvent, { blocker: { $in: [...ids] } }, { orderBy: { seq: 'asc' } });
      return manyPerKey(ids, events, (e) => e.blocker.id);
    }),
    /**
     * Figures of each tenant's subtree as of a date, every type listed, with the projects placed by
     * owner or by location (属地): all the tenants of a request (a rollup and its children) in one
     * statement. A tenant out of the viewer's read root has none.
     */
    figures(asOf: string, basis: TenantBasis): DataLoader<string, BlockerTypeFigures[]> {
      const key = `${asOf}|${basis}`;
      let loader = figuresByDate.get(key);
      if (!loader) {
        loader = new DataLoader<string, BlockerTypeFigures[]>(async (codes) => {
          const rows: FigureRow[] = await em.execute(`select * from kp_blocker_figures(?::varchar[], ?::date, ?)`, [
            textArrayLiteral(codes),
            asOf,
            basis === TenantBasis.LOCATION,
          ]);
          return codes.map((code) => {
            const mine = rows.filter((r) => r.tenant_code === code);
            return Object.values(BlockerType).map((type) => {
              const row = mine.find((r) => r.type === type);
              if (!row) return noFigures(type);
              return {
                type,
                openCount: row.open_count,
                overdueCount: row.overdue_count,
                escalatedCount: row.escalated_count,
                raisedCount: row.raised_count,
                resolvedCount: row.resolved_count,
              };
            });
          });
        });
        figuresByDate.set(key, loader);
      }
      return loader;
    },
    /** Open blockers of each project as they stood at the end of a date (China time), for its light. */
    openCount(asOf: string): DataLoader<string, number> {
      let loader = openByDate.get(asOf);
      if (!loader) {
        loader = new DataLoader<string, number>(async (ids) => {
          const rows: { project_id: string; open: number }[] = await em.execute(
            `select b.project_id, count(*)::int as open
               from blocker b
               join lateral (select ev.status_after from blocker_event ev
                              where ev.blocker_id = b.id and (ev.at at time zone 'Asia/Shanghai')::date <= ?::date
                              order by ev.seq desc limit 1) e on true
              where b.project_id = any(?::uuid[]) and e.status_after in ('OPEN', 'IN_PROGRESS')
              group by b.project_id`,
            [asOf, uuidArrayLiteral(ids)],
          );
          const byId = new Map(rows.map((r) => [r.project_id, r.open]));
          return ids.map((id) => byId.get(id) ?? 0);
        });
        openByDate.set(asOf, loader);
      }
      return loader;
    },
  };
}

export type BlockerLoaders = ReturnType<typeof createBlockerLoaders>;
