import { chinaDate, type Period } from '../../calendar/period';
import { periodAsOf } from '../../calendar/running-period';
import type { Context } from '../../context';
import type { Project } from '../project/project.entity';
import { percentOf, timeProgressOf } from './rollup-math';
import { TrafficLightRulesService } from './traffic-light-rules.service';
import { evaluateProjectLight, type LightValue } from './traffic-light';

/** A project's light for a month: its completion against its year's plan and time, its overdue milestones, its open blockers. */
export async function projectLight(ctx: Context, project: Project, period: Period): Promise<LightValue> {
  const today = chinaDate();
  const asOf = periodAsOf(period, today);
  const [plans, totals, milestones, owner, openBlockers] = await Promise.all([
    ctx.loaders.project.annualPlans.load(project.id),
    ctx.loaders.progressReport.investmentTotals(period).load(project.id),
    ctx.loaders.milestone.byProject.load(project.id),
    ctx.loaders.tenant.byCode.load(project.owner.code),
    ctx.loaders.blocker.openCount(asOf).load(project.id),
  ]);
  const plan = plans.find((p) => p.year === period.year)?.plannedInvestmentWan ?? '0';
  const overdue = milestones.filter((m) => m.dueOn < asOf && (!m.doneOn || m.doneOn > asOf)).length;
  const rules = await new TrafficLightRulesService(ctx).forPath(owner?.path ?? project.owner.code);
  return evaluateProjectLight(
    {
      completionRate: percentOf(totals.yearToDateWan, plan),
      timeProgress: timeProgressOf(period, today),
      overdueMilestones: overdue,
      openBlockers,
    },
    rules,
  );
}
