import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { manyPerKey, onePerKey } from '../../db/batch';
import { findManaged } from '../../db/managed-rows';
import { queryRows } from '../../db/request-sql';
import { shownTenant, type TenantRow } from './shown-tenant';
import { Tenant } from './tenant.entity';

/**
 * Per-request batch loaders for tenants: one statement per tick whatever the number of parents.
 * Nearly every operation reads a tenant, so the statement is written out (findManaged) rather than
 * built by the ORM's query builder for each request.
 */
export function createTenantLoaders(em: EntityManager) {
  return {
    /** Tenants an answer shows, detached (see shownTenant): for resolvers that return a tenant to the client and change nothing. */
    shown: new DataLoader<string, Tenant | undefined>(async (codes) => {
      const rows = await queryRows<TenantRow>(em, 'select * from tenant where code = any($1)', [codes]);
      return onePerKey(codes, rows.map(shownTenant), (t) => t.code);
    }),
    /** Managed tenants, for services that change them or attach them to what they change. */
    byCode: new DataLoader<string, Tenant | undefined>(async (codes) => {
      const tenants = await findManaged(em, Tenant, 'select * from tenant where code = any($1)', [codes]);
      return onePerKey(codes, tenants, (t) => t.code);
    }),
    children: new DataLoader<string, Tenant[]>(async (codes) => {
      const tenants = await findManaged(em, Tenant, 'select * from tenant where parent_code = any($1) order by code', [codes]);
      return manyPerKey(codes, tenants, (t) => t.parent?.code ?? '');
    }),
  };
}

export type TenantLoaders = ReturnType<typeof createTenantLoaders>;
