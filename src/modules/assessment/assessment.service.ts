import { createHash } from 'node:crypto';
import { FIRST_INPUT_YEAR } from '../../calendar/input-range';
import { chinaDate, Period } from '../../calendar/period';
import { Quarter } from '../../calendar/quarter';
import type { Context } from '../../context';
import { isUuid } from '../../db/uuid';
import { badUserInput, conflict, forbidden, notFound } from '../../errors/app-error';
import { InputProblems } from '../../errors/input-problems';
import { canonicalJson } from '../../graphql/idempotency';
import type { Message } from '../../language/message';
import { canonicalWan, compareWan, wanRangeProblem } from '../../money/wan';
import { requiredText } from '../blocker/blocker.service';
import { ENUM_LABELS } from '../enum-label/enum-labels';
import { EvaluationService, frozenMeasureScore, frozenScheme } from '../evaluation/evaluation.service';
import { ReportingRulesService } from '../progress-report/reporting-rules.service';
import { TenantBasis } from '../project/tenant-basis';
import { RollupService } from '../rollup/rollup.service';
import { TargetService } from '../target/target.service';
import type { Tenant } from '../tenant/tenant.entity';
import { TenantService } from '../tenant/tenant.service';
import { REWARD_KINDS } from './assessment.enums';
import type { FreezeYearEndAssessmentInput, YearEndAwardInput } from './assessment.inputs';
import { assessChildren, TARGET_SHARE } from './assessment-scoring';
import { YearEndAssessmentDraft, YearEndAssessmentEntry, YearEndAward } from './assessment.types';
import { type FrozenContent, YearEndAssessment } from './year-end-assessment.entity';

const MAX_REASON_LENGTH = 500;

/** A year the API can assess: from the first tracked year to the current one (a year to come has no figures). */
function yearRangeProblem(year: number): Message | undefined {
  const thisYear = Period.current().year;
  if (Number.isInteger(year) && year >= FIRST_INPUT_YEAR && year <= thisYear) return undefined;
  return {
    zh: `考核年度须为 ${FIRST_INPUT_YEAR} 至今年（${thisYear}）之间的年份，实际为 ${year}`,
    en: `year must be from ${FIRST_INPUT_YEAR} to this year (${thisYear}); got ${year}`,
  };
}

/** `date` (YYYY-MM-DD) plus `days`. */
const plusDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The year-end assessment (年终考核): a tenant's children scored over the whole year by the city's
 * quarterly evaluation scheme and by their target letters (目标责任书), ranked, and once the year is
 * over frozen with the rewards and penalties decided (年终奖惩).
 *
 * Who reads what: the draft, as the quarterly evaluation, by whoever reads the assessing tenant's
 * subtree (the city's officers for the counties): it is the assessing office's working sheet. The
 * frozen result is announced: each assessed child reads it whole (its own line and its siblings',
 * as the seeds' 排出位次 are read out), besides the assessing tenant. A child's towns do not.
 */
export class AssessmentService {
  constructor(private readonly ctx: Context) {}

  async draft(tenantCode: string, year: number, field = 'year'): Promise<YearEndAssessmentDraft> {
    const problem = yearRangeProblem(year);
    if (problem) throw badUserInput(field, problem);
    const current = Period.current();
    // The year's last quarter, measured to December; the running year to the running month.
    const quarter = year === current.year ? Quarter.containing(current) : Quarter.of(year, 4);
    // The evaluation answers NOT_FOUND unless the viewer reads the tenant's subtree.
    // On-time reporting counts the year's reports, January to the month scored.
    const evaluation = await new EvaluationService(this.ctx).evaluate(tenantCode, quarter, Period.of(year, 1));
    const parent = evaluation.parentEntity;
    const rollups = await new RollupService(this.ctx).childrenOf(parent.code, evaluation.period, TenantBasis.OWNER);
    const targets = new TargetService(this.ctx);
    const letters = new Map(
      await Promise.all(rollups.map(async (rollup) => [rollup.tenantEntity.code, await targets.progress(rollup)] as const)),
    );
    const byCode = new Map(evaluation.entries.map((e) => [e.tenantCode, e]));
    const assessed = assessChildren(
      evaluation.entries.map((e) => {
        const letter = letters.get(e.tenantCode) ?? [];
        return {
          code: e.tenantCode,
          evaluationTotal: Math.round(e.totalScore * 100),
          targetRates: letter.length > 0 ? letter.map((t) => t.completionRate) : null,
        };
      }),
    );
    const entries = assessed.map((child) => {
      const evaluated = byCode.get(child.code)!;
      return Object.assign(new YearEndAssessmentEntry(), {
        tenantCode: child.code,
        tenantName: evaluated.tenantName,
        rank: child.rank,
        totalScore: child.total / 100,
        evaluationScore: evaluated.totalScore,
        figuresScore: child.figures / 100,
        targetScore: child.target === null ? null : child.target / 100,
        targetCompletion: child.targetCompletion === null ? null : child.targetCompletion / 100,
        measures: evaluated.measures,
        targets: letters.get(child.code) ?? [],
        award: null,
      });
    });
    return Object.assign(new YearEndAssessmentDraft(), {
      parentEntity: parent,
      year,
      period: evaluation.period,
      targetShare: TARGET_SHARE,
      scheme: evaluation.scheme,
      freezableOn: await this.freezableOn(parent, year),
      entries,
      frozen: await this.ctx.em.findOne(YearEndAssessment, { parent: parent.code, year }),
    });
  }

  /**
   * The first day a year may be frozen: the day after December's reports are due (the city's
   * reporting day of January, 报送规则). Before then December's reports may still come in and be
   * reviewed, and the figures scored would move after the rewards were decided.
   */
  private async freezableOn(parent: Tenant, year: number): Promise<string> {
    const rules = await new ReportingRulesService(this.ctx).get(parent.code);
    return plusDays(Period.of(year + 1, 1).firstDay, rules.deadlineDay);
  }

  async freeze(input: FreezeYearEndAssessmentInput): Promise<YearEndAssessment> {
    const problems = new InputProblems();
    const parent = await new TenantService(this.ctx).activeForInput(input.tenantCode, 'input.tenantCode', problems);
    const yearProblem = yearRangeProblem(input.year);
    if (yearProblem) problems.add('input.year', yearProblem);
    problems.throwIfAny();
    if (!this.ctx.access.managesProjectsAt(parent!.path)) {
      throw forbidden({
        zh: `只有${parent!.name}的领导可以冻结其年终考核结果`,
        en: `only the leaders of ${parent!.name} may freeze its year-end assessment`,
      });
    }
    const existing = await this.ctx.em.findOne(YearEndAssessment, { parent: parent!.code, year: input.year });
    if (existing) {
      throw conflict(
        {
          zh: `${parent!.name}${input.year}年度年终考核结果已由${existing.frozenByName}冻结，不能再次冻结或修改`,
          en: `${parent!.name}'s year-end assessment of ${input.year} was frozen by ${existing.frozenByName} and cannot be frozen again`,
        },
        { field: 'input.year' },
      );
    }
    const draft = await this.draft(parent!.code, input.year, 'input.year');
    const today = chinaDate();
    if (today < draft.freezableOn) {
      throw badUserInput('input.year', {
        zh: `${input.year}年度尚未结束：12月月报的报送截止日之后（${draft.freezableOn}起）才能冻结年终考核结果`,
        en: `${input.year} is not over: its year-end assessment can be frozen from ${draft.freezableOn}, after December's reports are due`,
      });
    }
    // A town ranks no one below it: a frozen assessment with no entries would decide nothing.
    if (draft.entries.length === 0) {
      throw badUserInput('input.tenantCode', {
        zh: `${parent!.name}没有下级区划，没有可考核的对象：年终考核的是同一上级下的各区划`,
        en: `${parent!.name} has no tenants below it to assess`,
      });
    }
    const awards = this.checkedAwards(input.awards, draft);
    const entries = draft.entries.map((entry) => Object.assign(entry, { award: awards.get(entry.tenantCode) ?? null }));
    const content = canonicalJson(frozenContent(draft, entries));
    const frozen = this.ctx.em.create(YearEndAssessment, {
      parent: parent!,
      year: input.year,
      period: draft.period.firstDay,
      schemeVersion: draft.scheme.version,
      assessedCodes: entries.map((e) => e.tenantCode),
      content,
      sha256: createHash('sha256').update(content, 'utf8').digest('hex'),
      frozenAt: new Date(),
      frozenBy: this.ctx.viewer.subject,
      frozenByName: this.ctx.viewer.name,
    });
    // Two freezes at once: the unique key (parent, year) refuses the second (CONFLICT).
    await this.ctx.em.persist(frozen).flush();
    return frozen;
  }

  /** The awards by child, or BAD_USER_INPUT naming each field at fault. */
  private checkedAwards(given: readonly YearEndAwardInput[], draft: YearEndAssessmentDraft): Map<string, YearEndAward> {
    const problems = new InputProblems();
    const assessed = new Set(draft.entries.map((e) => e.tenantCode));
    const awards = new Map<string, YearEndAward>();
    given.forEach((award, i) => {
      const at = `input.awards.${i}`;
      const kind = ENUM_LABELS.AwardKind[award.kind].zh;
      if (
        problems.require(assessed.has(award.tenantCode), `${at}.tenantCode`, {
          zh: `区划代码 "${award.tenantCode}" 不是${draft.parent.name}${draft.year}年度年终考核的对象：只能对其直接下级定奖惩`,
          en: `${award.tenantCode} is not assessed by ${draft.parent.name} for ${draft.year}`,
        })
      ) {
        problems.require(!awards.has(award.tenantCode), `${at}.tenantCode`, {
          zh: `区划代码 "${award.tenantCode}" 的奖惩重复：每个考核对象至多一项`,
          en: `${award.tenantCode} is given more than one award`,
        });
      }
      const reason = requiredText(award.reason, MAX_REASON_LENGTH, `${at}.reason`, '奖惩理由', problems);
      let funds: string | null = null;
      if (award.rewardFundsWan !== undefined && award.rewardFundsWan !== null) {
        funds = canonicalWan(award.rewardFundsWan);
        problems.require(REWARD_KINDS.has(award.kind), `${at}.rewardFundsWan`, {
          zh: `${kind}是处罚，不能发放奖励资金：奖励资金只随通报表扬或表彰奖励发放`,
          en: 'reward funds go with a reward (COMMENDATION, HONOUR_AND_REWARD) only',
        });
        problems.require(compareWan(funds, '0') > 0, `${at}.rewardFundsWan`, {
          zh: '奖励资金须大于零',
          en: 'reward funds must be more than zero',
        });
        const range = wanRangeProblem(funds);
        if (range) problems.add(`${at}.rewardFundsWan`, { zh: `奖励资金${range.zh}`, en: `rewardFundsWan ${range.en}` });
      }
      if (!awards.has(award.tenantCode)) {
        awards.set(award.tenantCode, Object.assign(new YearEndAward(), { kind: award.kind, reason, rewardFundsWan: funds }));
      }
    });
    problems.throwIfAny();
    return awards;
  }

  /**
   * A tenant's frozen assessment of a year, or null when not frozen (or out of reach). Row-level
   * security lets the assessing tenant's readers and each assessed child read it; the service
   * says the same.
   */
  async frozen(tenantCode: string, year: number): Promise<YearEndAssessment | null> {
    const parent = await this.visibleTenant(tenantCode);
    const found = await this.ctx.em.findOne(YearEndAssessment, { parent: parent.code, year });
    return found && this.reads(found, parent) ? found : null;
  }

  /** Every frozen assessment by a tenant, the latest year first. */
  async frozenList(tenantCode: string): Promise<YearEndAssessment[]> {
    const parent = await this.visibleTenant(tenantCode);
    const found = await this.ctx.em.find(YearEndAssessment, { parent: parent.code }, { orderBy: { year: 'desc' } });
    return found.filter((a) => this.reads(a, parent));
  }

  /** A frozen assessment by id; NOT_FOUND unless the viewer reads it. */
  async get(id: string): Promise<YearEndAssessment> {
    const found = isUuid(id) ? await this.ctx.em.findOne(YearEndAssessment, { id }) : null;
    const parent = found ? await this.ctx.loaders.tenant.byCode.load(found.parent.code) : undefined;
    if (!found || !parent || !this.reads(found, parent)) throw notFound('YearEndAssessment', id);
    return found;
  }

  private async visibleTenant(code: string): Promise<Tenant> {
    const tenant = await this.ctx.loaders.tenant.byCode.load(code);
    if (!tenant || !this.ctx.access.seesTenant(tenant.path)) throw notFound('Tenant', code);
    return tenant;
  }

  /** The assessing tenant's subtree readers, and an assessed child's. */
  private reads(assessment: YearEndAssessment, parent: Tenant): boolean {
    const { access } = this.ctx;
    if (access.readsSubtreeOf(parent.path)) return true;
    return access.readRoot !== undefined && access.tenant !== undefined && assessment.assessedCodes.includes(access.tenant.code);
  }
}

/** What a frozen assessment holds; canonical JSON sorts the keys, so the same result always gives the same text. */
function frozenContent(draft: YearEndAssessmentDraft, entries: YearEndAssessmentEntry[]): FrozenContent {
  return {
    parentCode: draft.parent.code,
    parentName: draft.parent.name,
    year: draft.year,
    period: draft.period.toString(),
    targetShare: draft.targetShare,
    scheme: frozenScheme(draft.scheme),
    entries: entries.map((e) => ({
      tenantCode: e.tenantCode,
      tenantName: e.tenantName,
      rank: e.rank,
      totalScore: e.totalScore,
      evaluationScore: e.evaluationScore,
      figuresScore: e.figuresScore,
      targetScore: e.targetScore,
      targetCompletion: e.targetCompletion,
      measures: e.measures.map(frozenMeasureScore),
      targets: e.targets.map((t) => ({
        measure: t.measure,
        targetValue: t.targetValue,
        actualValue: t.actualValue,
        completionRate: t.completionRate,
      })),
      award: e.award && { kind: e.award.kind, reason: e.award.reason, rewardFundsWan: e.award.rewardFundsWan },
    })),
  };
}
