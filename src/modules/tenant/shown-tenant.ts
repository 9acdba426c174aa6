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
 * A tenant joined into another statement's rows under an alias (a page's owners): the select list
 * that reads its columns as `<alias>__<column>`, and the tenants read back from the rows. The
 * column names are written once here, not for every row (bench:api: a fifth of the page's own code).
 */
export class JoinedTenant {
  /** `owner.code as owner__code, ...`: the select list for a join `tenant <alias>`. */
  readonly selectList: string;
  /** `owner__`: what its columns are named with in the rows. */
  private readonly prefix: string;
  private readonly keys: readonly (readonly [keyof TenantRow, string])[];
  private readonly codeKey: string;

  constructor(readonly alias: string) {
    this.prefix = `${alias}__`;
    this.codeKey = `${this.prefix}code`;
    this.keys = TENANT_ROW_COLUMNS.map((column) => [column, this.prefix + column] as const);
    this.selectList = this.keys.map(([column, key]) => `${alias}.${column} as ${key}`).join(', ');
  }

  /** Whether a row's column is this join's (and so not the row's own). */
  owns(column: string): boolean {
    return column.startsWith(this.prefix);
  }

  /** The distinct tenants the rows carry (none for a row whose join found none). */
  tenantsOf(rows: readonly Record<string, unknown>[]): TenantRow[] {
    const seen = new Set<unknown>();
    const tenants: TenantRow[] = [];
    for (const row of rows) {
      const code = row[this.codeKey];
      if (code === null || code === undefined || seen.has(code)) continue;
      seen.add(code);
      const tenant: Record<string, unknown> = {};
      for (const [column, key] of this.keys) tenant[column] = row[key];
      tenants.push(tenant as unknown as TenantRow);
    }
    return tenants;
  }
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
