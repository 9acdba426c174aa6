import { detachedInstance } from '../../db/detached-rows';
import { Tenant } from './tenant.entity';
import type { TenantKind, TenantLevel } from './tenant.enums';

/** A row of `tenant` as a statement reads it (TENANT_ROW_COLUMNS, or `select *`: dates as text either way). */
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

/** The columns of a TenantRow, named (not `*`) so that a statement reading them is prepared (see preparedName). */
export const TENANT_ROW_COLUMNS = [
  'code',
  'name',
  'level',
  'kind',
  'parent_code',
  'path',
  'valid_from',
  'valid_to',
  'created_at',
] as const satisfies readonly (keyof TenantRow)[];

/**
 * The columns of a tenant joined into another statement's rows, as `<alias>__<column>`: the
 * select list that reads them from the join's alias (`owner.code as owner__code, ...`).
 */
export const prefixedTenantColumns = (alias: string): string =>
  TENANT_ROW_COLUMNS.map((column) => `${alias}.${column} as ${alias}__${column}`).join(', ');

/** The tenant a row of such a statement carries under `alias` (see prefixedTenantColumns), or null when the join found none. */
export function prefixedTenantRow(row: Record<string, unknown>, alias: string): TenantRow | null {
  if (row[`${alias}__code`] === null || row[`${alias}__code`] === undefined) return null;
  const tenant: Record<string, unknown> = {};
  for (const column of TENANT_ROW_COLUMNS) tenant[column] = row[`${alias}__${column}`];
  return tenant as unknown as TenantRow;
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
