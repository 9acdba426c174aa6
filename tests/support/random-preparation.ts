import { randomUUID } from 'node:crypto';
import { ApprovalState } from '../../src/modules/approval/approval.enums';
import { ProjectCategory } from '../../src/modules/project/project.enums';
import { ReserveMaturity } from '../../src/modules/reserve/reserve.enums';
import { TargetMeasure } from '../../src/modules/target/target.enums';
import type { Sql } from './random-world';

/**
 * The random world's preparation around its projects (issue 18): each project's preparatory
 * approvals (前期手续) in every state with dates on both sides of any period, a city rule that
 * changes which kinds a start needs, start exceptions (容缺开工); a reserve pool (储备库) owned at
 * every level, pooled, promoted and dropped across the years; target letters (目标责任书). Then
 * corrections and deletions, as the API's writers would make them. These figures are read at
 * request time, so what matters is that every shape of row is there when they are recomputed.
 */
const STATES = Object.values(ApprovalState);
const MATURITIES = Object.values(ReserveMaturity);
const CATEGORIES = Object.values(ProjectCategory);
/** The letter's measures the world can count: LEADS_SIGNED needs investment leads, which the world does not make. */
const MEASURES = Object.values(TargetMeasure).filter((m) => m !== TargetMeasure.LEADS_SIGNED);
const OFFICES = ['德州市行政审批服务局', '德州市自然资源和规划局', '德州市生态环境局'];

export async function generatePreparation(
  sql: Sql,
  tenants: readonly { code: string; path: string }[],
  projects: readonly string[],
  rand: () => number,
): Promise<void> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const day = (year: number) => {
    const month = 1 + Math.floor(rand() * 12);
    return `${year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  };
  const later = (from: string, days: number) => new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const wan = () => `${1 + Math.floor(rand() * 50000)}.${String(Math.floor(rand() * 10000)).padStart(4, '0')}`;

  // The city's rule: which kinds a start needs, and their time limits, drawn anew for each world.
  const kinds = await sql(`select id from approval_kind where city_code = '371400' order by position`);
  for (const kind of kinds) {
    const limit = 5 + Math.floor(rand() * 60);
    await sql(`update approval_kind set is_required_to_start = ?, time_limit_days = ?, warning_days = ? where id = ?`, [
      rand() < 0.4,
      limit,
      Math.floor(rand() * limit),
      kind.id,
    ]);
  }
  for (const project of projects) {
    for (const kind of kinds) {
      if (rand() < 0.4) continue;
      const state = pick(STATES);
      const submitted =
        state === ApprovalState.SUBMITTED || state === ApprovalState.APPROVED || rand() < 0.2 ? day(pick([2025, 2026])) : null;
      await sql(
        `insert into project_approval (id, project_id, kind_id, state, office, submitted_on, approved_on, planned_on)
         values (?, ?, ?, ?::approval_state, ?, ?, ?, ?)`,
        [
          randomUUID(),
          project,
          kind.id,
          state,
          rand() < 0.3 ? pick(OFFICES) : null,
          state === ApprovalState.NOT_STARTED && rand() < 0.5 ? null : submitted,
          state === ApprovalState.APPROVED ? later(submitted!, Math.floor(rand() * 120)) : null,
          rand() < 0.6 ? day(pick([2025, 2026, 2027])) : null,
        ],
      );
    }
    if (rand() < 0.1) {
      await sql(
        `insert into project_start_exception (id, project_id, reason, recorded_by_subject, recorded_by_name, recorded_at)
         values (?, ?, '容缺开工', 'test', 'test', ?)`,
        [randomUUID(), project, `${day(pick([2025, 2026]))}T${pick(['01', '15', '23'])}:30:00+08:00`],
      );
    }
  }
  // Promotion takes a key project of the world, each at most once.
  const promotable = [...projects];
  for (let i = 0; i < 30; i += 1) {
    const pooled = day(pick([2024, 2025, 2026]));
    const closed = rand() < 0.5 ? later(pooled, Math.floor(rand() * 500)) : null;
    const promoted = closed !== null && rand() < 0.6 && promotable.length > 0;
    await sql(
      `insert into reserve_project (id, name, category, owner_tenant_code, estimated_investment_wan, intended_year, maturity,
         pooled_on, status, closed_on, promoted_year, drop_reason, project_id, created_by, created_by_name, updated_by, updated_by_name)
       values (?, ?, ?::project_category, ?, ?, ?, ?::reserve_maturity, ?, ?::reserve_status, ?, ?, ?, ?, 'test', 'test', 'test', 'test')`,
      [
        randomUUID(),
        `r${i}`,
        pick(CATEGORIES),
        pick(tenants).code,
        wan(),
        pick([2025, 2026, 2027]),
        pick(MATURITIES),
        pooled,
        closed === null ? 'POOLED' : promoted ? 'PROMOTED' : 'DROPPED',
        closed,
        promoted ? Number(closed.slice(0, 4)) : null,
        closed !== null && !promoted ? '条件不成熟' : null,
        promoted ? promotable.splice(Math.floor(rand() * promotable.length), 1)[0] : null,
      ],
    );
  }
  for (const tenant of tenants) {
    for (const year of [2025, 2026]) {
      for (const measure of MEASURES) {
        if (rand() < 0.6) continue;
        await sql(
          `insert into responsibility_target (id, tenant_code, year, measure, target_value, signed_on, updated_by, updated_by_name)
           values (?, ?, ?, ?::target_measure, ?, ?, 'test', 'test')
           on conflict (tenant_code, year, measure) do update set target_value = excluded.target_value`,
          [
            randomUUID(),
            tenant.code,
            year,
            measure,
            measure === TargetMeasure.NEW_PROJECTS_STARTED ? String(1 + Math.floor(rand() * 9)) : wan(),
            `${year}-02-01`,
          ],
        );
      }
    }
  }
  // Corrections: items approved later or withdrawn, pooled projects regraded and moved, letters revised.
  await sql(`update project_approval set approved_on = approved_on + 30 where approved_on is not null and random() < 0.2`);
  await sql(`delete from project_approval where random() < 0.1`);
  await sql(`update reserve_project set maturity = 'READY_TO_START', estimated_investment_wan = estimated_investment_wan + 0.5
              where status = 'POOLED' and random() < 0.3`);
  await sql(`delete from reserve_project where status <> 'PROMOTED' and random() < 0.1`);
  await sql(`update responsibility_target set target_value = target_value * 2 where random() < 0.2`);
}
