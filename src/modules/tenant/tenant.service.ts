import type DataLoader from 'dataloader';
import { isAtOrBeneath } from '../../auth/access';
import type { Context } from '../../context';
import { badUserInput, conflict, forbidden, notFound } from '../../errors/app-error';
import type { InputProblems } from '../../errors/input-problems';
import { isTenantCode } from './tenant-code';
import { Tenant } from './tenant.entity';

export class TenantService {
  constructor(private readonly ctx: Context) {}

  /**
   * A tenant on the viewer's branch (their own, those above, and those beneath with a subtree
   * role); NOT_FOUND for the rest, siblings included.
   */
  get(code: string): Promise<Tenant> {
    return this.seen(code, this.ctx.loaders.tenant.byCode);
  }

  /** A tenant to show in an answer, under get's rule: detached, not managed (see shownTenant). */
  shown(code: string): Promise<Tenant> {
    return this.seen(code, this.ctx.loaders.tenant.shown);
  }

  private async seen(code: string, loader: DataLoader<string, Tenant | undefined>): Promise<Tenant> {
    const tenant = isTenantCode(code) ? await loader.load(code) : undefined;
    if (!tenant || !this.ctx.access.seesTenant(tenant.path)) throw notFound('Tenant', code);
    return tenant;
  }

  /** Children of a tenant the viewer sees, or the top-level tenants (cities) when no parent is given. */
  async children(parentCode: string | undefined, includeRetired: boolean): Promise<Tenant[]> {
    let tenants: Tenant[];
    if (parentCode === undefined) {
      tenants = await this.ctx.em.find(Tenant, { parent: null }, { orderBy: { code: 'asc' } });
    } else {
      await this.get(parentCode);
      tenants = await this.ctx.loaders.tenant.children.load(parentCode);
    }
    return tenants.filter((t) => (includeRetired || t.isActive) && this.ctx.access.seesTenant(t.path));
  }

  /** Retires a unit that was merged or abolished (撤并): it keeps its history, takes no new projects. */
  async retire(code: string, on: string): Promise<Tenant> {
    const tenant = await this.get(code);
    if (!this.ctx.access.administersTenant(tenant.path)) {
      throw forbidden({ zh: '只有上级行政区划的管理员可以撤并此区划', en: 'only an administrator above the tenant may retire it' });
    }
    if (tenant.validTo) {
      throw conflict(
        { zh: `${tenant.name}已于 ${tenant.validTo} 撤并`, en: `${tenant.name} was already retired on ${tenant.validTo}` },
        { field: 'code' },
      );
    }
    if (tenant.validFrom && on < tenant.validFrom) {
      throw badUserInput('on', {
        zh: `${tenant.name}设立于 ${tenant.validFrom}，撤并日期不能早于该日`,
        en: `${tenant.name} came into being on ${tenant.validFrom}; it cannot be retired before that`,
      });
    }
    await this.ctx.em.transactional(async (em) => {
      em.merge(tenant).validTo = on;
    });
    return tenant;
  }

  async reinstate(code: string): Promise<Tenant> {
    const tenant = await this.get(code);
    if (!this.ctx.access.administersTenant(tenant.path)) {
      throw forbidden({ zh: '只有上级行政区划的管理员可以恢复此区划', en: 'only an administrator above the tenant may reinstate it' });
    }
    if (!tenant.validTo) throw conflict({ zh: `${tenant.name}未被撤并`, en: `${tenant.name} is not retired` }, { field: 'code' });
    await this.ctx.em.transactional(async (em) => {
      em.merge(tenant).validTo = undefined;
    });
    return tenant;
  }

  /**
   * The tenant named by an input field, which must exist and be active: a retired unit keeps its
   * history but takes no new work. Records a problem and returns undefined otherwise.
   */
  async activeForInput(code: string, field: string, problems: InputProblems): Promise<Tenant | undefined> {
    const tenant = isTenantCode(code) ? await this.ctx.loaders.tenant.byCode.load(code) : undefined;
    // A tenant out of the viewer's sight is answered as if it did not exist.
    if (!tenant || !this.ctx.access.seesTenant(tenant.path)) {
      problems.add(field, { zh: `没有区划代码为 "${code}" 的行政区划`, en: `no tenant has the division code "${code}"` });
      return undefined;
    }
    if (!tenant.isActive) {
      problems.add(field, {
        zh: `${tenant.name}（${code}）已于 ${tenant.validTo} 撤并，不能再录入新项目`,
        en: `${tenant.name} (${code}) was retired on ${tenant.validTo} and takes no new projects`,
      });
      return undefined;
    }
    return tenant;
  }
}

/** True when `tenant` is `ancestor` or lies beneath it. */
export function isWithin(tenant: Pick<Tenant, 'path'>, ancestor: Pick<Tenant, 'path'>): boolean {
  return isAtOrBeneath(tenant.path, ancestor.path);
}
