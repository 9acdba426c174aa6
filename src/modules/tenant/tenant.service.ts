import type { Context } from '../../context';
import { notFound } from '../../errors/app-error';
import type { InputProblems } from '../../errors/input-problems';
import { isTenantCode } from './tenant-code';
import { Tenant } from './tenant.entity';

export class TenantService {
  constructor(private readonly ctx: Context) {}

  async get(code: string): Promise<Tenant> {
    const tenant = isTenantCode(code) ? await this.ctx.loaders.tenant.byCode.load(code) : undefined;
    if (!tenant) throw notFound('Tenant', code);
    return tenant;
  }

  /** Children of a tenant, or the top-level tenants (cities) when no parent is given. */
  async children(parentCode: string | undefined, includeRetired: boolean): Promise<Tenant[]> {
    let tenants: Tenant[];
    if (parentCode === undefined) {
      tenants = await this.ctx.em.find(Tenant, { parent: null }, { orderBy: { code: 'asc' } });
    } else {
      await this.get(parentCode);
      tenants = await this.ctx.loaders.tenant.children.load(parentCode);
    }
    return includeRetired ? tenants : tenants.filter((t) => t.isActive);
  }

  /**
   * The tenant named by an input field, which must exist and be active: a retired unit keeps its
   * history but takes no new work. Records a problem and returns undefined otherwise.
   */
  async activeForInput(code: string, field: string, problems: InputProblems): Promise<Tenant | undefined> {
    const tenant = isTenantCode(code) ? await this.ctx.loaders.tenant.byCode.load(code) : undefined;
    if (!tenant) {
      problems.add(field, `no tenant has the division code "${code}"`);
      return undefined;
    }
    if (!tenant.isActive) {
      problems.add(field, `${tenant.name} (${code}) was retired on ${tenant.validTo} and takes no new projects`);
      return undefined;
    }
    return tenant;
  }
}

/** True when `tenant` is `ancestor` or lies beneath it. */
export function isWithin(tenant: Pick<Tenant, 'path'>, ancestor: Pick<Tenant, 'path'>): boolean {
  return tenant.path === ancestor.path || tenant.path.startsWith(`${ancestor.path}.`);
}
