import { chinaDate } from '../../calendar/period';
import type { Context } from '../../context';
import { LockMode } from '@mikro-orm/core';
import { expectVersion, versionChecked } from '../../db/optimistic-lock';
import { conflict, forbidden } from '../../errors/app-error';
import { InputProblems } from '../../errors/input-problems';
import { canonicalWan, compareWan } from '../../money/wan';
import { ENUM_LABELS } from '../enum-label/enum-labels';
import { TenantService } from '../tenant/tenant.service';
import { ResponsibilityLetter } from './responsibility-letter.entity';
import { ResponsibilityTarget } from './responsibility-target.entity';
import type { Rollup } from '../rollup/rollup.types';
import { percentOf } from '../rollup/rollup-math';
import { TargetProgress } from './target-progress';
import { isMoneyMeasure, TargetMeasure } from './target.enums';
import type { SetResponsibilityTargetsInput } from './target.inputs';

/**
 * Target-responsibility letters (目标责任书): the tenant above sets a tenant's yearly targets (a
 * county its towns', the city its counties' and its own), as the letter is signed between them;
 * whoever reads the tenant's figures reads them.
 */
export class TargetService {
  constructor(private readonly ctx: Context) {}

  /** A tenant's letter for a year as a record (its version, who set it); null when none was set or out of reach. */
  async letter(tenantCode: string, year: number): Promise<ResponsibilityLetter | null> {
    return this.ctx.em.findOne(ResponsibilityLetter, { tenant: tenantCode, year });
  }

  /** A tenant's letter for a year, in the measures' order; empty when none was set or out of reach. */
  async of(tenantCode: string, year: number): Promise<ResponsibilityTarget[]> {
    return this.ctx.loaders.target.byTenantYear.load(`${tenantCode}|${year}`);
  }

  /**
   * The tenant's letter for the rollup's year against what the rollup counts through its month (on
   * its basis): the rollup's `targetProgress`, and the target part of the year-end assessment.
   */
  async progress(rollup: Rollup): Promise<TargetProgress[]> {
    const code = rollup.tenantEntity.code;
    const targets = await this.of(code, rollup.periodValue.year);
    if (targets.length === 0) return [];
    const signed = targets.some((t) => t.measure === TargetMeasure.LEADS_SIGNED)
      ? (await this.ctx.loaders.attraction.figures(rollup.periodValue).load(code)).signedCount
      : 0;
    const actual: Record<TargetMeasure, string> = {
      [TargetMeasure.INVESTMENT_COMPLETED]: rollup.completedThisYearWan,
      [TargetMeasure.NEW_PROJECTS_STARTED]: String(rollup.startedCount),
      [TargetMeasure.LEADS_SIGNED]: String(signed),
      [TargetMeasure.FUNDS_ARRIVED]: rollup.fundsArrivedThisYearWan,
    };
    return targets.map((t) =>
      Object.assign(new TargetProgress(), {
        measure: t.measure,
        targetValue: canonicalWan(t.targetValue),
        actualValue: canonicalWan(actual[t.measure]),
        completionRate: percentOf(actual[t.measure], t.targetValue),
      }),
    );
  }

  async set(input: SetResponsibilityTargetsInput): Promise<ResponsibilityTarget[]> {
    const problems = new InputProblems();
    const tenant = await new TenantService(this.ctx).activeForInput(input.tenantCode, 'input.tenantCode', problems);
    if (tenant && !this.ctx.access.reviewsReportsOf(tenant.path)) {
      throw forbidden({
        zh: `${tenant.name}的目标责任书由上级下达：只有上一级的管理人员可以设定`,
        en: `${tenant.name}'s targets are set by the tenant above it`,
      });
    }
    const today = chinaDate();
    const thisYear = Number(today.slice(0, 4));
    problems.require(input.year === thisYear || input.year === thisYear + 1, 'input.year', {
      zh: `只能设定今年（${thisYear}）或明年（${thisYear + 1}）的目标`,
      en: `targets are set for this year (${thisYear}) or the next`,
    });
    const signedOn = input.signedOn ?? today;
    problems.require(signedOn <= today, 'input.signedOn', { zh: '签订日期不能晚于今天', en: 'the letter cannot be signed in the future' });
    const seen = new Set<TargetMeasure>();
    input.targets.forEach((t, i) => {
      const label = ENUM_LABELS.TargetMeasure[t.measure].zh;
      problems.require(!seen.has(t.measure), `input.targets.${i}.measure`, { zh: `指标“${label}”重复`, en: 'a measure is given twice' });
      seen.add(t.measure);
      problems.require(compareWan(t.value, '0') > 0, `input.targets.${i}.value`, {
        zh: `${label}的目标须大于零`,
        en: 'a target must be more than zero',
      });
      problems.require(isMoneyMeasure(t.measure) || /^\d+$/.test(canonicalWan(t.value)), `input.targets.${i}.value`, {
        zh: `${label}的目标须为整数（个）`,
        en: 'a counting target is a whole number',
      });
    });
    problems.throwIfAny();
    const written = {
      signedOn,
      updatedBy: this.ctx.viewer.subject,
      updatedByName: this.ctx.viewer.name,
      updatedAt: new Date(),
    };
    await versionChecked('targetLetter', () =>
      this.ctx.em.transactional(async (em) => {
        // The letter's row is locked first, so two officers setting it at once take turns and the
        // second is checked against what the first wrote.
        const letter = await em.findOne(
          ResponsibilityLetter,
          { tenant: tenant!.code, year: input.year },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (letter) {
          expectVersion('targetLetter', letter, input.version);
          // Written even when nothing of it differs: each setting is a new version, announced once.
          em.assign(letter, written);
        } else {
          if (input.version !== undefined && input.version !== null) {
            throw conflict(
              {
                zh: `${tenant!.name}${input.year}年的目标责任书已被撤销或尚未下达：请重新读取`,
                en: 'the letter no longer exists; reload it',
              },
              { field: 'input.version' },
            );
          }
          em.create(ResponsibilityLetter, { tenant: tenant!, year: input.year, ...written });
        }
        await this.replaceMeasures(em, tenant!.code, input, seen, signedOn);
      }),
    );
    this.ctx.loaders.target.byTenantYear.clear(`${tenant!.code}|${input.year}`);
    return this.of(tenant!.code, input.year);
  }

  /** The letter's measures replaced by the input's: kept rows updated, others removed, new ones added. */
  private async replaceMeasures(
    em: Context['em'],
    tenantCode: string,
    input: SetResponsibilityTargetsInput,
    seen: ReadonlySet<TargetMeasure>,
    signedOn: string,
  ): Promise<void> {
    await em.nativeDelete(ResponsibilityTarget, { tenant: tenantCode, year: input.year, measure: { $nin: [...seen] } });
    const kept = await em.find(ResponsibilityTarget, { tenant: tenantCode, year: input.year });
    for (const t of input.targets) {
      const existing = kept.find((k) => k.measure === t.measure);
      const values = {
        targetValue: canonicalWan(t.value),
        signedOn,
        updatedBy: this.ctx.viewer.subject,
        updatedByName: this.ctx.viewer.name,
      };
      if (existing) em.assign(existing, values);
      else em.create(ResponsibilityTarget, { tenant: tenantCode, year: input.year, measure: t.measure, ...values });
    }
  }
}
