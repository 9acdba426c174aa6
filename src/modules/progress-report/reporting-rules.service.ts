import { Role } from '../../auth/roles';
import type { Context } from '../../context';
import { forbidden } from '../../errors/app-error';
import { InputProblems } from '../../errors/input-problems';
import { TenantLevel } from '../tenant/tenant.enums';
import { TenantService } from '../tenant/tenant.service';
import { ReportingRules } from './reporting-rules.entity';

export class ReportingRulesService {
  constructor(private readonly ctx: Context) {}

  /** A city's rules, or the defaults when it has none of its own. */
  async get(cityCode: string): Promise<ReportingRules> {
    const city = await new TenantService(this.ctx).get(cityCode);
    const code = city.path.split('.')[0]!;
    return (await this.ctx.em.findOne(ReportingRules, { cityCode: code })) ?? Object.assign(new ReportingRules(), { cityCode: code });
  }

  /** Only the city's administrator sets its reporting day, as for its traffic-light rules. */
  async set(cityCode: string, deadlineDay: number): Promise<ReportingRules> {
    const city = await new TenantService(this.ctx).get(cityCode);
    if (city.level !== TenantLevel.CITY || this.ctx.access.tenant?.code !== city.code || !this.ctx.viewer.roles.has(Role.ADMIN)) {
      throw forbidden({ zh: '只有本市的系统管理员可以修改报送规则', en: "only the city's administrator may change its reporting rules" });
    }
    const problems = new InputProblems();
    problems.require(Number.isInteger(deadlineDay) && deadlineDay >= 1 && deadlineDay <= 28, 'deadlineDay', {
      zh: `报送截止日须为每月 1 至 28 日，实际为 ${deadlineDay}`,
      en: 'the deadline day must be from 1 to 28',
    });
    problems.throwIfAny();
    return this.ctx.em.transactional(async (em) => {
      const row = (await em.findOne(ReportingRules, { cityCode: city.code })) ?? em.create(ReportingRules, { cityCode: city.code });
      em.assign(row, { deadlineDay, updatedAt: new Date(), updatedBy: this.ctx.viewer.subject, updatedByName: this.ctx.viewer.name });
      return row;
    });
  }
}
