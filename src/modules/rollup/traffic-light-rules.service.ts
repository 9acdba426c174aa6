import type { Context } from '../../context';
import { forbidden } from '../../errors/app-error';
import { InputProblems } from '../../errors/input-problems';
import { Role } from '../../auth/roles';
import { TenantLevel } from '../tenant/tenant.enums';
import { TenantService } from '../tenant/tenant.service';
import { DEFAULT_THRESHOLDS, type LightThresholds } from './traffic-light';
import { TrafficLightRules } from './traffic-light-rules.entity';
import type { SetTrafficLightRulesInput } from './traffic-light-rules.inputs';

const PAIRS: [keyof LightThresholds, keyof LightThresholds, number][] = [
  ['yellowGapPoints', 'redGapPoints', 100],
  ['projectOverdueYellow', 'projectOverdueRed', 1000],
  // Shares of a tenant's projects: a percentage cannot pass 100.
  ['tenantOverdueSharePercentYellow', 'tenantOverdueSharePercentRed', 100],
  ['blockerYellow', 'blockerRed', 1000],
  ['tenantBlockerSharePercentYellow', 'tenantBlockerSharePercentRed', 100],
];

export class TrafficLightRulesService {
  constructor(private readonly ctx: Context) {}

  /** The rules of the city a tenant path belongs to (its first segment), or the defaults. */
  async forPath(path: string): Promise<TrafficLightRules> {
    const cityCode = path.split('.')[0]!;
    const found = await this.ctx.loaders.rollup.rules.load(cityCode);
    return found ?? Object.assign(new TrafficLightRules(), { cityCode, ...DEFAULT_THRESHOLDS });
  }

  async get(cityCode: string): Promise<TrafficLightRules> {
    const city = await new TenantService(this.ctx).get(cityCode);
    return this.forPath(city.path);
  }

  /** A city's administrator sets its thresholds; each yellow threshold must come before its red one. */
  async set(input: SetTrafficLightRulesInput): Promise<TrafficLightRules> {
    const city = await new TenantService(this.ctx).get(input.cityCode);
    const access = this.ctx.access;
    if (city.level !== TenantLevel.CITY || access.tenant?.code !== city.code || !this.ctx.viewer.roles.has(Role.ADMIN)) {
      throw forbidden({
        zh: '只有本市的系统管理员可以修改亮灯规则',
        en: "only the city's administrator may change its traffic-light rules",
      });
    }
    const current = await this.forPath(city.path);
    const next: LightThresholds = { ...DEFAULT_THRESHOLDS };
    for (const key of Object.keys(DEFAULT_THRESHOLDS) as (keyof LightThresholds)[]) {
      next[key] = (input[key] ?? current[key]) as number;
    }
    const problems = new InputProblems();
    for (const [yellow, red, max] of PAIRS) {
      problems.require(next[yellow] >= 0 && next[yellow] <= max, `input.${yellow}`, {
        zh: `${yellow} 须为 0 至 ${max}，实际为 ${next[yellow]}`,
        en: `${yellow} must be from 0 to ${max}`,
      });
      problems.require(next[red] >= next[yellow] && next[red] <= max, `input.${red}`, {
        zh: `${red} 须为 ${yellow}（${next[yellow]}）至 ${max}，实际为 ${next[red]}`,
        en: `${red} must be from ${yellow} to ${max}`,
      });
    }
    problems.throwIfAny();
    const saved = await this.ctx.em.transactional(async (em) => {
      const row = (await em.findOne(TrafficLightRules, { cityCode: city.code })) ?? em.create(TrafficLightRules, { cityCode: city.code });
      em.assign(row, { ...next, updatedAt: new Date(), updatedBy: this.ctx.viewer.subject, updatedByName: this.ctx.viewer.name });
      return row;
    });
    this.ctx.loaders.rollup.rules.clear(city.code);
    this.ctx.loaders.rollup.forgetReads();
    return saved;
  }
}
