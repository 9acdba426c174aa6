import { detachedInstance } from '../../db/detached-rows';
import { Tenant } from './tenant.entity';
import type { TenantKind, TenantLevel } from './tenant.enums';

/** A row of `tenant` as a statement reads it (`select *`), or as `to_jsonb(t)` writes it (dates as text either way). */
export interface TenantRow {
  code: string;
  name: string;
  level: TenantLevel;
  kind: TenantKind;
  parent_code: string | null;
  path: string;
  valid_from: string | null;
  valid_to: string | null;
  created_at: string | Date;
}

/**
 * A tenant as an answer shows it (a `tenant` query, a project's owner): detached, not managed
 * (see detachedInstance). Hydrating a managed Tenant (the identity map, the parent's reference,
 * change tracking) was the largest single cost of the one-tenant read (bench:api, Linux perf: 8%
 * of its CPU), and an answer never writes what it shows. Whatever changes a tenant loads it managed
 * (TenantLoaders.byCode).
 */
export function shownTenant(row: TenantRow): Tenant {
  return detachedInstance(Tenant, {
    code: row.code,
    name: row.name,
    level: row.level,
    kind: row.kind,
    // What the resolvers follow (`parent.code`), as a managed tenant's unloaded reference has it.
    parent: row.parent_code === null ? undefined : { code: row.parent_code },
    path: row.path,
    validFrom: row.valid_from ?? undefined,
    validTo: row.valid_to ?? undefined,
    createdAt: new Date(row.created_at),
  });
}
