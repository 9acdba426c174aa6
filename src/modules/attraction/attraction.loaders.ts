import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Period } from '../../calendar/period';
import { manyPerKey, onePerKey } from '../../db/batch';
import { percentOf } from '../rollup/rollup-math';
import { LEAD_STAGE_ORDER, type LeadStage } from './attraction.enums';
import { AttractionFigures, LeadStageFigures } from './attraction-figures';
import { InvestmentLead } from './investment-lead.entity';
import { LeadStageChange } from './lead-stage-change.entity';
import { textArrayLiteral } from '../../db/array-literal';

/** One tenant of `kp_attraction_read`'s answer, summed in SQL. */
interface FiguresRow {
  tenant_code: string;
  lead_count: number;
  funds_wan: string;
  funds_year_wan: string;
  signed_count: number;
  started_count: number;
  signed_wan: string;
  /** [stage, count, intended, signed] per step with leads; null when there are none. */
  by_stage: [LeadStage, number, string, string][] | null;
}

function figuresOf(row: FiguresRow | undefined): AttractionFigures {
  const byStage = new Map((row?.by_stage ?? []).map(([stage, count, intended, signed]) => [stage, { count, intended, signed }]));
  return Object.assign(new AttractionFigures(), {
    leadCount: row?.lead_count ?? 0,
    byStage: LEAD_STAGE_ORDER.map((stage) =>
      Object.assign(new LeadStageFigures(), {
        stage,
        count: byStage.get(stage)?.count ?? 0,
        intendedWan: byStage.get(stage)?.intended ?? '0',
        signedWan: byStage.get(stage)?.signed ?? '0',
      }),
    ),
    signedCount: row?.signed_count ?? 0,
    signedWan: row?.signed_wan ?? '0',
    startedOfSignedCount: row?.started_count ?? 0,
    fulfilmentRate: percentOf(row?.started_count ?? 0, row?.signed_count ?? 0),
    fundsInPlaceWan: row?.funds_wan ?? '0',
    fundsArrivedThisYearWan: row?.funds_year_wan ?? '0',
  });
}

/** Per-request batch loaders for leads and the attraction figures of rollups. */
export function createAttractionLoaders(em: EntityManager) {
  const figuresByPeriod = new Map<string, DataLoader<string, AttractionFigures>>();
  return {
    byId: new DataLoader<string, InvestmentLead | undefined>(async (ids) =>
      onePerKey(ids, await em.find(InvestmentLead, { id: { $in: [...ids] } }), (l) => l.id),
    ),
    byProject: new DataLoader<string, InvestmentLead | undefined>(async (ids) =>
      onePerKey(ids, await em.find(InvestmentLead, { project: { $in: [...ids] } }), (l) => l.project!.id),
    ),
    stageHistory: new DataLoader<string, LeadStageChange[]>(async (ids) => {
      const changes = await em.find(LeadStageChange, { lead: { $in: [...ids] } }, { orderBy: { changedOn: 'asc', recordedAt: 'asc' } });
      return manyPerKey(ids, changes, (c) => c.lead.id);
    }),
    /**
     * Every tenant of a request's rollups (a root and its children) in one statement for a period,
     * through `kp_attraction_read`, which keeps to the viewer's read root.
     */
    figures(period: Period): DataLoader<string, AttractionFigures> {
      let loader = figuresByPeriod.get(period.toString());
      if (!loader) {
        loader = new DataLoader<string, AttractionFigures>(async (codes) => {
          const rows = await em.execute<FiguresRow[]>(`select * from kp_attraction_read(?::varchar[], ?::date, ?::date)`, [
            textArrayLiteral(codes),
            Period.of(period.year, 1).firstDay,
            period.lastDay,
          ]);
          const byCode = new Map(rows.map((r) => [r.tenant_code, r]));
          return codes.map((code) => figuresOf(byCode.get(code)));
        });
        figuresByPeriod.set(period.toString(), loader);
      }
      return loader;
    },
  };
}

export type AttractionLoaders = ReturnType<typeof createAttractionLoaders>;
