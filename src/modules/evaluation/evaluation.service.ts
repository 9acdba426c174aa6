import { createHash } from 'node:crypto';
import { quarterRangeProblem } from '../../calendar/input-range';
import { Period } from '../../calendar/period';
import type { Quarter } from '../../calendar/quarter';
import type { Context } from '../../context';
import { badUserInput, forbidden, notFound } from '../../errors/app-error';
import { isUuid } from '../../db/uuid';
import { BlockerFigures } from '../blocker/blocker.types';
import { TenantBasis } from '../project/tenant-basis';
import { ReportingFigures } from '../progress-report/report-timeliness';
import { percentOf } from '../rollup/rollup-math';
import { RollupService } from '../rollup/rollup.service';
import type { Rollup } from '../rollup/rollup.types';
import { OrderFigures } from '../supervision-order/supervision-order.types';
import type { Tenant } from '../tenant/tenant.entity';
import { EvaluationMeasure } from './evaluation.enums';
import { EvaluationPublication, type PublishedContent } from './evaluation-publication.entity';
import { EvaluationSchemeService } from './evaluation-scheme.service';
import { type ChildFigures, type MeasureFigures, scoreChildren } from './evaluation-scoring';
import type { EvaluationScheme } from './evaluation-scheme.entity';
import { Evaluation, EvaluationEntry, MeasureScore } from './evaluation.types';

/** The values of a batch read, or its first failure. */
function settled<T>(values: readonly (T | Error)[]): T[] {
  const failure = values.find((v): v is Error => v instanceof Error);
  if (failure) throw failure;
  return values as T[];
}

/**
 * The quarterly evaluation (季度评比): the children of a tenant scored by their city's scheme from
 * their rollups. Evaluating a quarter reads two months (its own and the previous quarter's last),
 * each in a fixed number of statements whatever the number of children: the children's rollups in
 * one, then each module's figures for all of them in one (blockers, orders, reporting, attraction).
 * Every figure is by owner: a county answers for the projects it runs.
 */
export class EvaluationService {
  constructor(private readonly ctx: Context) {}

  /**
   * `reportingFrom`: the first month on-time reporting counts from (the year-end assessment counts
   * the whole year's reports, January to December); the quarter's measured month alone otherwise.
   */
  async evaluate(parentCode: string, quarter: Quarter, reportingFrom?: Period): Promise<Evaluation> {
    const problem = quarterRangeProblem(quarter);
    if (problem) throw badUserInput('quarter', { zh: `季度（quarter）${problem.zh}`, en: `quarter ${problem.en}` });
    const rollups = new RollupService(this.ctx);
    const period = quarter.measuredMonth(Period.current());
    const previousPeriod = quarter.previous().lastMonth;
    // The current month first: it answers NOT_FOUND for a parent out of reach before anything else is read.
    const now = await this.childFigures(rollups, parentCode, period, reportingFrom);
    const parent = (await this.ctx.loaders.tenant.byCode.load(parentCode))!;
    const scheme = await new EvaluationSchemeService(this.ctx).forPath(parent.path);
    const scored = scoreChildren(scheme.measures, now.figures);
    const previous = await this.previousRanks(rollups, parent, quarter);
    const previousRanks = previous.ranks;
    const names = new Map(now.tenants.map((t) => [t.code, t.name]));
    const entries = scored.map((child) => {
      const previousRank = previousRanks.get(child.code) ?? null;
      return Object.assign(new EvaluationEntry(), {
        tenantCode: child.code,
        tenantName: names.get(child.code)!,
        rank: child.rank,
        previousRank,
        rankChange: previousRank === null ? null : previousRank - child.rank,
        totalScore: child.total / 100,
        measures: child.measures.map((m) =>
          Object.assign(new MeasureScore(), {
            measure: m.rule.measure,
            method: m.rule.method,
            weight: m.rule.weight,
            figure: m.figure,
            score: m.points / 100,
            place: m.place,
          }),
        ),
      });
    });
    return Object.assign(new Evaluation(), {
      parentEntity: parent,
      quarter,
      period,
      previousPeriod,
      scheme,
      previousSchemeVersion: previous.schemeVersion,
      previousPublication: previous.publication,
      entries,
    });
  }

  /**
   * The children's ranks of the quarter before `quarter`, as they were read then: the latest
   * published edition of that quarter's ranking when there is one (what the meeting read), or else
   * recomputed from that quarter's last month by the scheme in force when it ended, never by a
   * scheme set since (a rule changed in October does not move anyone's June place).
   */
  private async previousRanks(
    rollups: RollupService,
    parent: Tenant,
    quarter: Quarter,
  ): Promise<{ ranks: ReadonlyMap<string, number>; schemeVersion: number; publication: EvaluationPublication | null }> {
    const previous = quarter.previous();
    const publication = await this.ctx.em.findOne(
      EvaluationPublication,
      { parent: parent.code, quarter: previous.toString() },
      { orderBy: { edition: 'desc' } },
    );
    if (publication) {
      return {
        ranks: new Map(publication.entries.map((e) => [e.tenantCode, e.rank])),
        schemeVersion: publication.schemeVersion,
        publication,
      };
    }
    const before = await this.childFigures(rollups, parent.code, previous.lastMonth);
    // The quarter ended when the next began, at midnight China time.
    const ended = new Date(`${quarter.firstMonth.firstDay}T00:00:00+08:00`);
    const scheme = await new EvaluationSchemeService(this.ctx).inForceAt(parent.path, ended);
    return {
      ranks: new Map(scoreChildren(scheme.measures, before.figures).map((s) => [s.code, s.rank])),
      schemeVersion: scheme.version,
      publication: null,
    };
  }

  /**
   * The figures of every child the viewer reads, for one month (on-time reporting over the months
   * from `reportingFrom`, one statement a month). NOT_FOUND unless the viewer reads the parent's subtree.
   */
  private async childFigures(rollups: RollupService, parentCode: string, period: Period, reportingFrom: Period = period) {
    const children = await rollups.childrenOf(parentCode, period, TenantBasis.OWNER);
    const codes = children.map((c) => c.tenantEntity.code);
    const asOf = children[0]?.asOf ?? period.lastDay;
    const loaders = this.ctx.loaders;
    const months: Period[] = [];
    for (let month = reportingFrom; month.compare(period) <= 0; month = month.plusMonths(1)) months.push(month);
    const [blockers, orders, attraction, ...reporting] = await Promise.all([
      loaders.blocker.figures(asOf, TenantBasis.OWNER).loadMany(codes),
      loaders.supervisionOrder.figures(asOf, TenantBasis.OWNER).loadMany(codes),
      loaders.attraction.figures(period).loadMany(codes),
      ...months.map((month) => loaders.progressReport.reporting(month).loadMany(codes)),
    ]);
    const [blockerTypes, orderCounts, leads] = [settled(blockers), settled(orders), settled(attraction)];
    const reportsByMonth = reporting.map((month) => settled(month as (ReportingFigures | Error)[]));
    // Reports on time over reports owed, summed over the months: one month's rate when there is one month.
    const onTimeRate = (i: number) =>
      percentOf(
        reportsByMonth.reduce((sum, month) => sum + (month[i]?.onTimeCount ?? 0), 0),
        reportsByMonth.reduce((sum, month) => sum + (month[i]?.owedCount ?? 0), 0),
      );
    const figures = children.map((rollup: Rollup, i): ChildFigures => {
      const measures: MeasureFigures = {
        [EvaluationMeasure.PROGRESS_GAP]: rollup.progressGap,
        [EvaluationMeasure.COMPLETION_RATE]: rollup.completionRate,
        [EvaluationMeasure.NEW_START_RATE]: rollup.newStartRate,
        [EvaluationMeasure.ANNUAL_START_RATE]: rollup.annualStartRate,
        [EvaluationMeasure.ON_TIME_REPORTING]: onTimeRate(i),
        [EvaluationMeasure.BLOCKER_RESOLUTION]: Object.assign(new BlockerFigures(), { types: blockerTypes[i] }).resolutionRate,
        [EvaluationMeasure.ORDER_CLOSURE]: Object.assign(new OrderFigures(), orderCounts[i]).closureRate,
        [EvaluationMeasure.ATTRACTION_FULFILMENT]: leads[i]!.fulfilmentRate,
      };
      return { code: rollup.tenantEntity.code, figures: measures };
    });
    return { tenants: children.map((c) => c.tenantEntity), figures };
  }

  /**
   * Freezes the evaluation as it stands (发布): its scheme, figures, scores and ranks, hashed. Allowed
   * to the managers of the parent (its leaders); each publication of a parent's quarter is a new edition.
   */
  async publish(parentCode: string, quarter: Quarter): Promise<EvaluationPublication> {
    const evaluation = await this.evaluate(parentCode, quarter);
    const parent = evaluation.parentEntity;
    if (!this.ctx.access.managesProjectsAt(parent.path)) {
      throw forbidden({
        zh: `只有${parent.name}的领导可以发布其季度评比结果`,
        en: `only the leaders of ${parent.name} may publish its quarterly evaluation`,
      });
    }
    // A town ranks no one below it: a published ranking with no entries would read at a meeting as a list left blank.
    if (evaluation.entries.length === 0) {
      throw badUserInput('parentCode', {
        zh: `${parent.name}没有下级区划，没有可发布的季度评比排名：季度评比比较的是同一上级下的各区划`,
        en: `${parent.name} has no tenants below it, so there is no ranking to publish: an evaluation compares the children of one parent`,
      });
    }
    const content = JSON.stringify(publishedContent(parent, evaluation));
    const editions = await this.ctx.em.count(EvaluationPublication, { parent: parent.code, quarter: quarter.toString() });
    const publication = this.ctx.em.create(EvaluationPublication, {
      parent,
      quarter: quarter.toString(),
      period: evaluation.period.firstDay,
      // Two publications at once both aim at the same edition: the unique key refuses the second (CONFLICT).
      edition: editions + 1,
      schemeVersion: evaluation.scheme.version,
      content,
      sha256: createHash('sha256').update(content, 'utf8').digest('hex'),
      publishedAt: new Date(),
      publishedBy: this.ctx.viewer.subject,
      publishedByName: this.ctx.viewer.name,
    });
    await this.ctx.em.persist(publication).flush();
    return publication;
  }

  /** The editions published for a parent's quarter, first first. NOT_FOUND unless the viewer reads the parent's subtree. */
  async publications(parentCode: string, quarter: Quarter): Promise<EvaluationPublication[]> {
    const parent = await this.ctx.loaders.tenant.byCode.load(parentCode);
    if (!parent || !this.ctx.access.readsSubtreeOf(parent.path)) throw notFound('Tenant', parentCode);
    return this.ctx.em.find(EvaluationPublication, { parent: parent.code, quarter: quarter.toString() }, { orderBy: { edition: 'asc' } });
  }

  /** A publication whose parent the viewer reads; NOT_FOUND otherwise, as for any record out of reach. */
  async publication(id: string): Promise<EvaluationPublication> {
    const found = isUuid(id) ? await this.ctx.em.findOne(EvaluationPublication, { id }) : null;
    const parent = found ? await this.ctx.loaders.tenant.byCode.load(found.parent.code) : undefined;
    if (!found || !parent || !this.ctx.access.readsSubtreeOf(parent.path)) throw notFound('EvaluationPublication', id);
    return found;
  }
}

/** What a publication freezes, keys in a fixed order so the same evaluation always gives the same text. */
function publishedContent(parent: Tenant, evaluation: Evaluation): PublishedContent {
  return {
    parentCode: parent.code,
    parentName: parent.name,
    quarter: evaluation.quarter.toString(),
    period: evaluation.period.toString(),
    previousPeriod: evaluation.previousPeriod.toString(),
    scheme: frozenScheme(evaluation.scheme),
    entries: evaluation.entries.map((e) => ({
      tenantCode: e.tenantCode,
      tenantName: e.tenantName,
      rank: e.rank,
      previousRank: e.previousRank,
      rankChange: e.rankChange,
      totalScore: e.totalScore,
      measures: e.measures.map(frozenMeasureScore),
    })),
  };
}

/** A scheme as a frozen result holds it: plain, its fields only (a year-end assessment freezes it the same way). */
export function frozenScheme(scheme: EvaluationScheme): PublishedContent['scheme'] {
  return {
    cityCode: scheme.cityCode,
    version: scheme.version,
    measures: scheme.measures.map((m) => ({
      measure: m.measure,
      weight: m.weight,
      method: m.method,
      floor: m.floor,
      target: m.target,
      step: m.step,
    })),
  };
}

/** A measure's points as a frozen result holds them. */
export const frozenMeasureScore = (m: MeasureScore): MeasureScore => ({
  measure: m.measure,
  method: m.method,
  weight: m.weight,
  figure: m.figure,
  score: m.score,
  place: m.place,
});
