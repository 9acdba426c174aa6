import type { Message } from '../../language/message';
import { gapOf, percentOf } from '../rollup/rollup-math';
import type { Rollup } from '../rollup/rollup.types';
import type { BulletinThresholds } from './bulletin-rules.entity';
import type { ProjectFiguresRow } from './bulletin-projects';
import { BulletinEntryKind, type BulletinListEntry, type BulletinListReason, BulletinListRule } from './bulletin.types';

/**
 * 红榜 and 黑榜 by a city's bulletin rules (BulletinRules). Tenants are judged on their rollup's
 * progress gap, as `ranking` ranks them; projects on their light's own figures (bulletin-projects.ts
 * selects them in SQL by the same thresholds, these functions say why each is there).
 */

type Side = 'ahead' | 'behind';

const gapReason = (side: Side, rate: number, timeProgress: number, gap: number, threshold: number): BulletinListReason =>
  side === 'ahead'
    ? {
        rule: BulletinListRule.AHEAD_OF_TIME_PROGRESS,
        figure: gap,
        threshold,
        message: {
          zh: `完成率 ${rate}%，高于时序进度（${timeProgress}%）${gap} 个百分点（超 ${threshold} 个百分点起上红榜）`,
          en: `completion ${rate}% is ${gap} points ahead of time progress ${timeProgress}% (red list from ${threshold} points ahead)`,
        },
      }
    : {
        rule: BulletinListRule.BEHIND_TIME_PROGRESS,
        figure: -gap,
        threshold,
        message: {
          zh: `完成率 ${rate}%，低于时序进度（${timeProgress}%）${-gap} 个百分点（落后 ${threshold} 个百分点起上黑榜）`,
          en: `completion ${rate}% is ${-gap} points behind time progress ${timeProgress}% (black list from ${threshold} points behind)`,
        },
      };

const startMissed = (days: number): BulletinListReason => ({
  rule: BulletinListRule.PLANNED_START_MISSED,
  figure: days,
  threshold: 0,
  message: { zh: `已过计划开工日期 ${days} 天仍未开工`, en: `not started ${days} days after its planned start` } satisfies Message,
});

const overdue = (count: number, threshold: number): BulletinListReason => ({
  rule: BulletinListRule.OVERDUE_MILESTONES,
  figure: count,
  threshold,
  message: { zh: `逾期节点 ${count} 个（${threshold} 个起上黑榜）`, en: `${count} overdue milestones (black list from ${threshold})` },
});

/** The child tenants on one list: ahead (红榜) or behind (黑榜) by the city's points, furthest first, at most `maxEntries`. */
export function tenantListEntries(children: readonly Rollup[], side: Side, rules: BulletinThresholds): BulletinListEntry[] {
  const threshold = side === 'ahead' ? rules.redListAheadPoints : rules.blackListBehindPoints;
  return children
    .filter((r) => r.progressGap !== null && (side === 'ahead' ? r.progressGap >= threshold : -r.progressGap >= threshold))
    .sort(
      (a, b) =>
        (side === 'ahead' ? b.progressGap! - a.progressGap! : a.progressGap! - b.progressGap!) ||
        a.tenantEntity.code.localeCompare(b.tenantEntity.code),
    )
    .slice(0, rules.maxEntries)
    .map((r) => ({
      kind: BulletinEntryKind.TENANT,
      tenantCode: r.tenantEntity.code,
      tenantName: r.tenantEntity.name,
      projectId: null,
      projectName: null,
      annualPlanWan: r.annualPlanWan,
      completedThisYearWan: r.completedThisYearWan,
      completionRate: r.completionRate,
      progressGap: r.progressGap,
      reasons: [gapReason(side, r.completionRate!, r.timeProgress, r.progressGap!, threshold)],
    }));
}

/** The projects SQL selected for one list, with every rule of that list that holds for each. */
export function projectListEntries(
  rows: readonly ProjectFiguresRow[],
  timeProgress: number,
  side: Side,
  rules: BulletinThresholds,
): BulletinListEntry[] {
  return rows.map((row) => {
    const completionRate = percentOf(row.done, row.plan ?? '0');
    const gap = gapOf(completionRate, timeProgress);
    const reasons: BulletinListReason[] = [];
    if (side === 'ahead') {
      if (gap !== null && gap >= rules.redListAheadPoints)
        reasons.push(gapReason(side, completionRate!, timeProgress, gap, rules.redListAheadPoints));
    } else {
      if (gap !== null && -gap >= rules.blackListBehindPoints)
        reasons.push(gapReason(side, completionRate!, timeProgress, gap, rules.blackListBehindPoints));
      if (rules.blackListPlannedStartMissed && row.start_late_days !== null) reasons.push(startMissed(row.start_late_days));
      if (row.overdue >= rules.blackListOverdueMilestones) reasons.push(overdue(row.overdue, rules.blackListOverdueMilestones));
    }
    return {
      kind: BulletinEntryKind.PROJECT,
      tenantCode: row.tenant_code,
      tenantName: row.tenant_name,
      projectId: row.id,
      projectName: row.name,
      annualPlanWan: row.plan ?? '0',
      completedThisYearWan: row.done,
      completionRate,
      progressGap: gap,
      reasons,
    };
  });
}
