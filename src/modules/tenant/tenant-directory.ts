import type { MikroORM } from '@mikro-orm/postgresql';
import type { ViewerTenant } from '../../auth/access';
import { Tenant } from './tenant.entity';

/**
 * Resolves the tenant named in a token to its path and level, once per code per minute rather than
 * once per request: tenants change seldom (an import, a retirement) and every request needs this.
 * The tenant table is public reference data, readable without a viewer scope.
 */
export class TenantDirectory {
  private readonly cache = new Map<string, { tenant: ViewerTenant | undefined; until: number }>();

  constructor(
    private readonly orm: MikroORM,
    private readonly ttlMs = 60_000,
  ) {}

  async lookup(code: string): Promise<ViewerTenant | undefined> {
    const cached = this.cache.get(code);
    if (cached && cached.until > Date.now()) return cached.tenant;
    const found = await this.orm.em.fork().findOne(Tenant, { code });
    const tenant = found?.isActive ? { code: found.code, path: found.path, level: found.level } : undefined;
    this.cache.set(code, { tenant, until: Date.now() + this.ttlMs });
    return tenant;
  }
}
