import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { manyPerKey, onePerKey } from '../../db/batch';
import { TenantBasis } from '../project/tenant-basis';
import { AccountabilityOutcome } from './accountability.entity';
import { SupervisionOrder, SupervisionOrderEvent } from './supervision-order.entity';
import { textArrayLiteral } from '../../db/array-literal';

/** A tenant subtree's order counts as of a date. */
export interface OrderCounts {
  issuedCount: number;
  openCount: number;
  overdueCount: number;
  closedCount: number;
}

interface CountRow {
  tenant_code: string;
  issued_count: number;
  open_count: number;
  overdue_count: number;
  closed_count: number;
}

/** Per-request batch loaders of the supervision orders and accountability outcomes. */
export function createSupervisionOrderLoaders(em: EntityManager) {
  const figuresByDate = new Map<string, DataLoader<string, OrderCounts>>();
  return {
    byId: new DataLoader<string, SupervisionOrder | undefined>(async (ids) =>
      onePerKey(ids, await em.find(SupervisionOrder, { id: { $in: [...ids] } }), (o) => o.id),
    ),
    history: new DataLoader<string, SupervisionOrderEvent[]>(async (ids) => {
      const events = await em.find(SupervisionOrderEvent, { order: { $in: [...ids] } }, { orderBy: { seq: 'asc' } });
      return manyPerKey(ids, events, (e) => e.order.id);
    }),
    accountabilityOfOrder: new DataLoader<string, AccountabilityOutcome[]>(async (ids) => {
      const rows = await em.find(AccountabilityOutcome, { order: { $in: [...ids] } }, { orderBy: { recordedAt: 'asc', id: 'asc' } });
      return manyPerKey(ids, rows, (a) => a.order!.id);
    }),
    accountabilityOfBlocker: new DataLoader<string, AccountabilityOutcome[]>(async (ids) => {
      const rows = await em.find(AccountabilityOutcome, { blocker: { $in: [...ids] } }, { orderBy: { recordedAt: 'asc', id: 'asc' } });
      return manyPerKey(ids, rows, (a) => a.blocker!.id);
    }),
    /** Order counts of each tenant's subtree as of a date, all the tenants of a request in one statement. */
    figures(asOf: string, basis: TenantBasis): DataLoader<string, OrderCounts> {
      const key = `${asOf}|${basis}`;
      let loader = figuresByDate.get(key);
      if (!loader) {
        loader = new DataLoader<string, OrderCounts>(async (codes) => {
          const rows: CountRow[] = await em.execute(`select * from kp_order_figures(?::varchar[], ?::date, ?)`, [
            textArrayLiteral(codes),
            asOf,
            basis === TenantBasis.LOCATION,
          ]);
          const byCode = new Map(rows.map((r) => [r.tenant_code, r]));
          return codes.map((code) => {
            const row = byCode.get(code);
            return {
              issuedCount: row?.issued_count ?? 0,
              openCount: row?.open_count ?? 0,
              overdueCount: row?.overdue_count ?? 0,
              closedCount: row?.closed_count ?? 0,
            };
          });
        });
        figuresByDate.set(key, loader);
      }
      return loader;
    },
  };
}

export type SupervisionOrderLoaders = ReturnType<typeof createSupervisionOrderLoaders>;
