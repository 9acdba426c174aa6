import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { manyPerKey, onePerKey } from '../../db/batch';
import { findManaged } from '../../db/managed-rows';
import { queryRows } from '../../db/request-sql';
import { shownTenant, TENANT_ROW_COLUMNS, type TenantRow } from './shown-tenant';
import { Tenant } from './tenant.entity';

/**
 * Per-request batch loaders for tenants: one statement per tick whatever the number of parents.
 * Nearly every operation reads a tenant, so the statement is written out (findManaged) rather than
 * built by the ORM's query builder for each request.
 */
export function createTenantLoaders(em: EntityManager) {
  /** What `shown` holds already, for resolvers that can answer without waiting a turn (see show). */
  const held = new Map<string, Tenant>();
  const shown = new DataLoader<string, Tenant | undefined>(async (codes) => {
    const rows = await queryRows<TenantRow>(em, `select ${TENANT_ROW_COLUMNS.join(', ')} from tenant where code = any($1)`, [codes]);
    const tenants = rows.map(shownTenant);
    for (const tenant of tenants) held.set(tenant.code, tenant);
    return onePerKey(codes, tenants, (t) => t.code);
  });
  return {
    /** Tenants an answer shows, detached (see shownTenant): for resolvers that return a tenant to the client and change nothing. */
    shown,
    /**
     * A tenant to show: at once when `shown` holds it already (read, or primed by a page: see
     * primeShown), else through `shown`. A page's twenty owners resolve synchronously, where a
     * DataLoader's `load` is a promise and a turn of the event loop for each.
     */
    show: (code: string): Tenant | Promise<Tenant | undefined> => held.get(code) ?? shown.load(code),
    /** Hands `shown` a tenant row read by another statement under the same scope (a page's owners). */
    primeShown(row: TenantRow): void {
      if (held.has(row.code)) return;
      const tenant = shownTenant(row);
      held.set(tenant.code, tenant);
      shown.prime(tenant.code, tenant);
    },
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
