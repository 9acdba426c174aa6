import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { chinaDate, Period } from '../../calendar/period';
import { onePerKey } from '../../db/batch';
import { addWan, subtractWan } from '../../money/wan';
import { ProjectCategory, ProjectStage } from '../project/project.enums';
import type { RollupFigures } from './rollup.types';
import { TrafficLightRules } from './traffic-light-rules.entity';

interface MonthRow { tenant_code: string; ytd: string; last_ytd: string; through: string; reports: number }
interface YearRow { tenant_code: string; planned_wan: string; listed_count: number }
interface ProjectRow { tenant_code: string; stage: ProjectStage; category: ProjectCategory; project_count: number; total: string; funds: string; opening: string }
interface StartRow { tenant_code: string; planned: number; started: number }
interface OverdueRow { tenant_code: string; overdue: number }

/**
 * Reads the maintained rollup tables: one statement for any number of tenants in one period,
 * so a rollup with its children costs in proportion to the children, not to the projects beneath.
 * Row-level security on the rollup tables holds the viewer's read root as well.
 */
async function loadFigures(em: EntityManager, period: Period, codes: readonly string[]): Promise<Map<string, RollupFigures>> {
  const today = chinaDate();
  // Overdue as of the end of the period, or today while the period is still running.
  const asOf = period.lastDay < today ? period.lastDay : today;
  // One statement, one round trip; the function's plan is kept by PL/pgSQL between requests.
  const [row] = await em.execute<{ figures: Partial<Record<'months' | 'years' | 'projects' | 'starts' | 'overdue', unknown[] | null>> }[]>(
    `select kp_rollup_figures(?::varchar[], ?::date, ?::date) as figures`,
    [`{${codes.join(',')}}`, period.firstDay, asOf],
  );
  const parts = row?.figures as {
    months: MonthRow[] | null; years: YearRow[] | null; projects: ProjectRow[] | null; starts: StartRow[] | null; overdue: OverdueRow[] | null;
  } | undefined;
  const months = parts?.months ?? [];
  const years = parts?.years ?? [];
  const projects = parts?.projects ?? [];
  const starts = parts?.starts ?? [];
  const overdue = parts?.overdue ?? [];
  const figures = new Map<string, RollupFigures>();
  for (const code of codes) {
    const month = months.find((r) => r.tenant_code === code);
    const year = years.find((r) => r.tenant_code === code);
    const own = projects.filter((r) => r.tenant_code === code);
    const start = starts.find((r) => r.tenant_code === code);
    const sum = (pick: (r: ProjectRow) => string) => own.reduce((total, r) => addWan(total, pick(r)), '0');
    figures.set(code, {
      projectCount: own.reduce((n, r) => n + r.project_count, 0),
      byStage: Object.values(ProjectStage).map((stage) => ({
        stage,
        count: own.filter((r) => r.stage === stage).reduce((n, r) => n + r.project_count, 0),
      })),
      byCategory: Object.values(ProjectCategory).map((category) => ({
        category,
        count: own.filter((r) => r.category === category).reduce((n, r) => n + r.project_count, 0),
      })),
      listedCount: year?.listed_count ?? 0,
      plannedToStartCount: start?.planned ?? 0,
      startedCount: start?.started ?? 0,
      annualPlanWan: year?.planned_wan ?? '0',
      completedThisYearWan: month?.ytd ?? '0',
      completedSameTimeLastYearWan: month?.last_ytd ?? '0',
      completedThroughPeriodWan: month?.through ?? '0',
      openingWan: sum((r) => r.opening),
      totalInvestmentWan: sum((r) => r.total),
      fundsInPlaceWan: sum((r) => r.funds),
      reportCount: month?.reports ?? 0,
      overdueMilestoneCount: overdue.find((r) => r.tenant_code === code)?.overdue ?? 0,
    });
  }
  return figures;
}

/** Per-request batching: every rollup asked for in one period shares one round of queries. */
export function createRollupLoaders(em: EntityManager) {
  const byPeriod = new Map<string, DataLoader<string, RollupFigures>>();
  return {
    /** Each city's own traffic-light rules, when it has set them. */
    rules: new DataLoader<string, TrafficLightRules | undefined>(async (cityCodes) =>
      onePerKey(cityCodes, await em.find(TrafficLightRules, { cityCode: { $in: [...cityCodes] } }), (r) => r.cityCode),
    ),
    figures(period: Period): DataLoader<string, RollupFigures> {
      const key = period.toString();
      let loader = byPeriod.get(key);
      if (!loader) {
        loader = new DataLoader(async (codes) => {
          const figures = await loadFigures(em, period, codes);
          return codes.map((code) => figures.get(code)!);
        });
        byPeriod.set(key, loader);
      }
      return loader;
    },
  };
}

export type RollupLoaders = ReturnType<typeof createRollupLoaders>;

