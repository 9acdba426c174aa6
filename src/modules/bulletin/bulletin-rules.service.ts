import type { Context } from '../../context';
import { conflict, forbidden } from '../../errors/app-error';
import { InputProblems } from '../../errors/input-problems';
import { TenantLevel } from '../tenant/tenant.enums';
import { TenantService } from '../tenant/tenant.service';
import { BulletinRules, DEFAULT_BULLETIN_RULES, type BulletinThresholds } from './bulletin-rules.entity';
import type { SetBulletinRulesInput } from './bulletin-rules.inputs';

/** The whole-number rules and their ranges: a threshold of 0 would put every tenant on a list. */
const RANGES: [keyof BulletinThresholds, number, number][] = [
  ['redListAheadPoints', 1, 100],
  ['blackListBehindPoints', 1, 100],
  ['blackListOverdueMilestones', 1, 1000],
  ['maxEntries', 1, 100],
];

export class BulletinRulesService {
  constructor(private readonly ctx: Context) {}

  /** The rules of the city a tenant path belongs to (its first segment), or the defaults (version 0). */
  async forPath(path: string): Promise<BulletinRules> {
    const cityCode = path.split('.')[0]!;
    const found = await this.ctx.em.findOne(BulletinRules, { cityCode });
    return found ?? Object.assign(new BulletinRules(), { cityCode, ...DEFAULT_BULLETIN_RULES, version: 0 });
  }

  async get(cityCode: string): Promise<BulletinRules> {
    const city = await new TenantService(this.ctx).get(cityCode);
    return this.forPath(city.path);
  }

  /** The city's managers (市领导 / 推进委员会) set its bulletin rules; audited, versioned. */
  async set(input: SetBulletinRulesInput): Promise<BulletinRules> {
    const city = await new TenantService(this.ctx).get(input.cityCode);
    if (city.level !== TenantLevel.CITY || !this.ctx.access.managesProjectsAt(city.path)) {
      throw forbidden({
        zh: '只有本市的市级领导可以修改月通报规则',
        en: "only the city's leaders may change its bulletin rules",
      });
    }
    const current = await this.forPath(city.path);
    // The defaults have version 0: a client that read them and sends 0 is up to date.
    if (input.version !== undefined && input.version !== null && input.version !== current.version) {
      throw conflict(
        {
          zh: `该月通报规则在版本 ${input.version} 之后已被修改（当前为版本 ${current.version}）：请重新读取`,
          en: `the bulletin rules changed since version ${input.version} (they are at version ${current.version}); reload them`,
        },
        { field: 'input.version' },
      );
    }
    const next: BulletinThresholds = {
      rankingMetric: input.rankingMetric ?? current.rankingMetric,
      redListAheadPoints: input.redListAheadPoints ?? current.redListAheadPoints,
      blackListBehindPoints: input.blackListBehindPoints ?? current.blackListBehindPoints,
      blackListPlannedStartMissed: input.blackListPlannedStartMissed ?? current.blackListPlannedStartMissed,
      blackListOverdueMilestones: input.blackListOverdueMilestones ?? current.blackListOverdueMilestones,
      maxEntries: input.maxEntries ?? current.maxEntries,
    };
    const problems = new InputProblems();
    for (const [key, min, max] of RANGES) {
      const value = next[key] as number;
      problems.require(Number.isInteger(value) && value >= min && value <= max, `input.${key}`, {
        zh: `${key} 须为 ${min} 至 ${max} 之间的整数，实际为 ${value}`,
        en: `${key} must be a whole number from ${min} to ${max}`,
      });
    }
    problems.throwIfAny();
    return this.ctx.em.transactional(async (em) => {
      const row = (await em.findOne(BulletinRules, { cityCode: city.code })) ?? em.create(BulletinRules, { cityCode: city.code });
      em.assign(row, { ...next, updatedAt: new Date(), updatedBy: this.ctx.viewer.subject, updatedByName: this.ctx.viewer.name });
      return row;
    });
  }
}
