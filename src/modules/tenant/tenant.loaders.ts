import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { manyPerKey, onePerKey } from '../../db/batch';
import { Tenant } from './tenant.entity';

/** Per-request batch loaders for tenants: one statement per tick whatever the number of parents. */
export function createTenantLoaders(em: EntityManager) {
  return {
    byCode: new DataLoader<string, Tenant | undefined>(async (codes) => {
      const tenants = await em.find(Tenant, { code: { $in: [...codes] } });
      return onePerKey(codes, tenants, (t) => t.code);
    }),
    children: new DataLoader<string, Tenant[]>(async (codes) => {
      const tenants = await em.find(Tenant, { parent: { code: { $in: [...codes] } } }, { orderBy: { code: 'asc' } });
      return manyPerKey(codes, tenants, (t) => t.parent?.code ?? '');
    }),
  };
}

export type TenantLoaders = ReturnType<typeof createTenantLoaders>;
