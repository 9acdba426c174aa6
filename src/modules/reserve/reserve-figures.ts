import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Period } from '../../calendar/period';
import { groupBy } from '../../db/batch';
import { addWan, canonicalWan } from '../../money/wan';
import { WanScalar } from '../../money/wan.scalar';
import { ProjectCategory } from '../project/project.enums';
import { percentOf } from '../rollup/rollup-math';
import { RESERVE_MATURITY_ORDER, ReserveMaturity } from './reserve.enums';
import { textArrayLiteral } from '../../db/array-literal';

@ObjectType({ description: 'Reserve projects of one grade (成熟度) in the pool at the end of the period.' })
export class ReserveMaturityFigures {
  @Field(() => ReserveMaturity, { description: 'The grade, as the project has it now.' })
  maturity!: ReserveMaturity;

  @Field(() => Int, { description: 'Projects in the pool.' })
  count!: number;

  @Field(() => WanScalar, { description: 'Their estimated investment (估算总投资), 万元.' })
  estimatedInvestmentWan!: string;
}

@ObjectType({ description: 'Reserve projects of one category (项目类别) in the pool at the end of the period.' })
export class ReserveCategoryFigures {
  @Field(() => ProjectCategory, { description: 'The category.' })
  category!: ProjectCategory;

  @Field(() => Int, { description: 'Projects in the pool.' })
  count!: number;

  @Field(() => WanScalar, { description: 'Their estimated investment (估算总投资), 万元.' })
  estimatedInvestmentWan!: string;
}

@ObjectType({
  description:
    "The reserve pool (储备库) of a tenant's subtree at the end of the period, by its owners (the pool is a tenant's, not a " +
    "site's, whatever the rollup's basis): what is in it by grade and category, and the year's conversion (转化率). A " +
    "project's grade is the one it has now (grades are not kept per date).",
})
export class ReservePoolFigures {
  @Field(() => Int, {
    description: 'Projects in the pool at the end of the period (在库项目): pooled by then, not yet promoted or dropped.',
  })
  pooledCount!: number;

  @Field(() => WanScalar, { description: 'Their estimated investment (在库项目估算总投资), 万元.' })
  pooledInvestmentWan!: string;

  @Field(() => [ReserveMaturityFigures], { description: 'The pool by grade, every grade listed, least ready first.' })
  byMaturity!: ReserveMaturityFigures[];

  @Field(() => [ReserveCategoryFigures], { description: 'The pool by category, every category listed.' })
  byCategory!: ReserveCategoryFigures[];

  @Field(() => Int, {
    description: "Projects in the pool at some time in the period's year up to its end (本年入库及结转): the conversion's base.",
  })
  yearPooledCount!: number;

  @Field(() => Int, { description: "Of those, promoted into a year's list from January through the period (本年转化)." })
  yearPromotedCount!: number;

  @Field(() => Int, { description: 'Of those, dropped from January through the period (本年出库).' })
  yearDroppedCount!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Conversion rate (转化率), percent: promoted this year / in the pool at some time this year; null without any.',
  })
  conversionRate!: number | null;
}

interface PoolRow {
  root: string;
  maturity: ReserveMaturity;
  category: ProjectCategory;
  pooled: number;
  pooled_wan: string;
  promoted: number;
  dropped: number;
  considered: number;
}

/**
 * The pool figures of several roots for one period, in one statement under the request's scope
 * (row-level security keeps a viewer to the pools it reads), grouped by root, grade and category.
 */
export async function readReservePools(
  em: EntityManager,
  roots: readonly string[],
  period: Period,
): Promise<Map<string, ReservePoolFigures>> {
  const rows = await em.execute<PoolRow[]>(
    `with bounds as (select ?::date as year_start, ?::date as period_end)
     select r.code as root, e.maturity::text as maturity, e.category::text as category,
            count(*) filter (where e.closed_on is null or e.closed_on > b.period_end)::int as pooled,
            coalesce(sum(e.estimated_investment_wan) filter (where e.closed_on is null or e.closed_on > b.period_end), 0)::text as pooled_wan,
            count(*) filter (where e.status = 'PROMOTED' and e.closed_on between b.year_start and b.period_end)::int as promoted,
            count(*) filter (where e.status = 'DROPPED' and e.closed_on between b.year_start and b.period_end)::int as dropped,
            count(*) filter (where e.closed_on is null or e.closed_on >= b.year_start)::int as considered
       from bounds b
       join tenant r on r.code = any(?::text[])
       join tenant s on s.path <@ r.path
       join reserve_project e on e.owner_tenant_code = s.code and e.pooled_on <= b.period_end
      group by 1, 2, 3`,
    [`${period.year}-01-01`, period.lastDay, textArrayLiteral(roots)],
  );
  const byRoot = groupBy(rows, (r) => r.root);
  return new Map(roots.map((root) => [root, poolOf(byRoot.get(root) ?? [])]));
}

function poolOf(rows: readonly PoolRow[]): ReservePoolFigures {
  const total = (of: readonly PoolRow[], key: 'pooled' | 'promoted' | 'dropped' | 'considered') => of.reduce((n, r) => n + r[key], 0);
  const wan = (of: readonly PoolRow[]) => canonicalWan(of.reduce((sum, r) => addWan(sum, r.pooled_wan), '0'));
  const yearPooledCount = total(rows, 'considered');
  const yearPromotedCount = total(rows, 'promoted');
  return Object.assign(new ReservePoolFigures(), {
    pooledCount: total(rows, 'pooled'),
    pooledInvestmentWan: wan(rows),
    byMaturity: RESERVE_MATURITY_ORDER.map((maturity) => {
      const of = rows.filter((r) => r.maturity === maturity);
      return Object.assign(new ReserveMaturityFigures(), { maturity, count: total(of, 'pooled'), estimatedInvestmentWan: wan(of) });
    }),
    byCategory: Object.values(ProjectCategory).map((category) => {
      const of = rows.filter((r) => r.category === category);
      return Object.assign(new ReserveCategoryFigures(), { category, count: total(of, 'pooled'), estimatedInvestmentWan: wan(of) });
    }),
    yearPooledCount,
    yearPromotedCount,
    yearDroppedCount: total(rows, 'dropped'),
    conversionRate: percentOf(yearPromotedCount, yearPooledCount),
  });
}
