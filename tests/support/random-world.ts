import { randomUUID } from 'node:crypto';
import { Period } from '../../src/calendar/period';
import { unitsToWan, wanToUnits } from '../../src/money/wan';
import { FundingSource } from '../../src/modules/project/funding-source';
import { DesignationLevel, ProjectCategory, ProjectNature, ProjectStage } from '../../src/modules/project/project.enums';
import { mulberry32 } from './random';
import { generatePreparation } from './random-preparation';

/**
 * A random world over the 德州 tenants: projects (some built below their owner, 属地), plans with
 * their own nature and levels, reports in every review state, stage histories, milestones, blockers
 * with their steps, supervision orders, monthly targets, plans' funding sources and dated fund
 * arrivals by source, the preparation around them (approvals, the reserve pool, target letters:
 * random-preparation.ts); then random corrections, moves and deletions. Shared by the property tests that hold figures to each other
 * (rollups to a recomputation, the bulletin to the rollups).
 */
const STAGES = Object.values(ProjectStage);
const CATEGORIES = Object.values(ProjectCategory);
const NATURES = Object.values(ProjectNature);
const LEVELS = Object.values(DesignationLevel);
const BLOCKER_STATUSES = ['OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'];
const ORDER_STATUSES = ['ISSUED', 'ACKNOWLEDGED', 'FEEDBACK_GIVEN', 'SENT_BACK', 'CLOSED'];
const SOURCES = Object.values(FundingSource);

export type Sql = (query: string, params?: unknown[]) => Promise<Record<string, any>[]>;

/**
 * Each statement commits on its own while the server's housekeeping (overdue escalation, rollup
 * compaction) runs beside it, and PostgreSQL may break a deadlock by rolling back our statement.
 * Nothing of it stayed, so it is run again, as a client of the API retries its retryable answer.
 */
function retryingDeadlocks(sql: Sql): Sql {
  return async (query, params) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await sql(query, params);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= 5 || (code !== '40P01' && code !== '40001')) throw error;
      }
    }
  };
}

export async function generateWorld(unguardedSql: Sql, tenants: readonly { code: string; path: string }[], seed: number): Promise<void> {
  const sql = retryingDeadlocks(unguardedSql);
  const rand = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const owners = tenants.filter(
    (t) => t.code === '371400' || t.code.startsWith('371402') || t.code.startsWith('371422') || t.code.startsWith('371471'),
  );
  const below = (owner: { path: string }) => tenants.filter((t) => t.path.startsWith(`${owner.path}.`));
  const day = (year: number, month: number) =>
    `${year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const amount = () => `${Math.floor(rand() * 100000)}.${String(Math.floor(rand() * 10000)).padStart(4, '0')}`;
  const levels = () => `{${LEVELS.filter(() => rand() < 0.35).join(',')}}`;
  /**
   * A plan's funding sources (资金来源) as the API writes them: some sources, each a random part of
   * what the plan leaves unnamed, so that now and then the plan is broken down whole and mostly not.
   */
  const sourcesOf = (planned: string) => {
    let left = wanToUnits(planned);
    const parts = SOURCES.filter(() => rand() < 0.3).flatMap((source) => {
      const part = rand() < 0.1 ? left : (left * BigInt(Math.floor(rand() * 600))) / 1000n;
      left -= part;
      return part > 0n ? [{ source, amountWan: unitsToWan(part) }] : [];
    });
    return JSON.stringify(parts);
  };
  /** A supervision order about a project (or, without one, about a tenant) with its steps, as the blockers' are made. */
  const order = async (projectId: string | null, ownerCode: string) => {
    const id = randomUUID();
    await sql(
      `insert into supervision_order (id, subject, project_id, owner_tenant_code, title, requirement, deadline_on, issued_by_subject, issued_by_name)
       values (?, ?, ?, ?, 'x', 'x', ?, 'test', 'test')`,
      [id, projectId ? 'PROJECT' : 'TENANT', projectId, ownerCode, day(pick([2025, 2026]), 1 + Math.floor(rand() * 12))],
    );
    let at = Date.parse(`${day(2025, 1 + Math.floor(rand() * 12))}T00:00:00Z`);
    const steps = 1 + Math.floor(rand() * 5);
    for (let seq = 1; seq <= steps; seq += 1) {
      at += (rand() < 0.15 ? -1 : 1) * Math.floor(rand() * 60 * 86_400_000);
      await sql(
        `insert into supervision_order_event (id, order_id, seq, kind, acted_at, acted_by_subject, acted_by_name, status_after)
         values (?, ?, ?, ?, ?, 'test', 'test', ?)`,
        [
          randomUUID(),
          id,
          seq,
          seq === 1 ? 'ISSUED' : 'FEEDBACK_GIVEN',
          new Date(at + Math.floor(rand() * 86_400_000)).toISOString(),
          seq === 1 ? 'ISSUED' : pick(ORDER_STATUSES),
        ],
      );
    }
  };
  for (let t = 0; t < 8; t += 1) await order(null, pick(owners).code);
  const projects: string[] = [];
  for (let i = 0; i < 40; i += 1) {
    const id = randomUUID();
    projects.push(id);
    const owner = pick(owners);
    // Built below the owner (the rule the API keeps), now and then anywhere (the model must not care).
    const sites = below(owner);
    const location = rand() < 0.3 && sites.length ? pick(sites).code : rand() < 0.08 ? pick(tenants).code : null;
    await sql(
      `insert into project (id, name, category, nature, stage, designation_levels, owner_tenant_code, location_tenant_code,
         total_investment_wan, completed_before_tracking_wan, planned_start_on, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?::designation_level[], ?, ?, ?, ?, ?, now(), now())`,
      [
        id,
        `p${seed}-${i}`,
        pick(CATEGORIES),
        pick(NATURES),
        pick(STAGES),
        levels(),
        owner.code,
        location,
        `1${amount()}`,
        rand() < 0.5 ? '0' : amount(),
        rand() < 0.1 ? null : day(pick([2025, 2026, 2026, 2027]), 1 + Math.floor(rand() * 12)),
      ],
    );
    // A stage history with steps back now and then.
    let stage = 0;
    const steps = Math.floor(rand() * 5);
    for (let s = 0, month = 1; s < steps; s += 1, month += 1 + Math.floor(rand() * 4)) {
      const next = Math.max(0, Math.min(STAGES.length - 1, stage + (rand() < 0.2 ? -1 : 1 + Math.floor(rand() * 2))));
      await sql(
        `insert into project_stage_change (id, project_id, from_stage, to_stage, changed_on, recorded_at, recorded_by, recorded_by_name)
         values (?, ?, ?, ?, ?, now() + make_interval(secs => ?), 'test', 'test')`,
        [randomUUID(), id, s === 0 ? null : STAGES[stage], STAGES[next], day(2025 + Math.floor(month / 13), ((month - 1) % 12) + 1), s],
      );
      stage = next;
    }
    for (const year of [2025, 2026]) {
      if (rand() >= 0.7) continue;
      // Half the plans name their nature and levels, half take the project's (kp_plan_defaults).
      if (rand() < 0.5) {
        const planned = amount();
        await sql(
          `insert into project_annual_plan (id, project_id, year, planned_investment_wan, nature, designation_levels, funding_sources)
                   values (?, ?, ?, ?, ?, ?::designation_level[], ?::jsonb)`,
          [randomUUID(), id, year, planned, pick(NATURES), levels(), sourcesOf(planned)],
        );
      } else {
        const planned = amount();
        await sql(
          `insert into project_annual_plan (id, project_id, year, planned_investment_wan, funding_sources) values (?, ?, ?, ?, ?::jsonb)`,
          [randomUUID(), id, year, planned, sourcesOf(planned)],
        );
      }
    }
    // Reports in one statement, as a bulk load would write them.
    const months = Array.from({ length: 23 }, (_, m) => Period.of(2025, 1).plusMonths(m)).filter(() => rand() < 0.6);
    if (months.length) {
      await sql(
        `insert into progress_report (id, project_id, period, completed_investment_wan, progress_note, stage_at_month_end, reported_by, reported_by_name, status)
         select gen_random_uuid(), ?, p::date, (random() * 1000)::numeric(18,4), 'x', 'STARTED', 'test', 'test',
                (array['DRAFT', 'SUBMITTED', 'RETURNED', 'RESUBMITTED', 'APPROVED', 'APPROVED'])[1 + floor(random() * 6)::int]::report_status
           from unnest(?::text[]) p`,
        [id, `{${months.map((m) => m.firstDay).join(',')}}`],
      );
    }
    for (let m = 0; m < Math.floor(rand() * 4); m += 1) {
      const due = day(pick([2025, 2026]), 1 + Math.floor(rand() * 12));
      const done = rand() < 0.5 ? null : day(pick([2025, 2026]), 1 + Math.floor(rand() * 12));
      await sql(`insert into milestone (id, project_id, title, due_on, done_on) values (?, ?, 'm', ?, ?)`, [randomUUID(), id, due, done]);
    }
    // Blockers with their steps: mostly in order, now and then one recorded with an earlier time
    // than a step before it (the step standing on a day is the latest by seq recorded by then),
    // at any hour (the day is China's).
    for (let b = 0; b < Math.floor(rand() * 3); b += 1) {
      const blocker = randomUUID();
      await sql(
        `insert into blocker (id, project_id, type, description, responsible_unit, deadline_on, raised_by, raised_by_name)
         values (?, ?, 'OTHER', 'x', 'x', ?, 'test', 'test')`,
        [blocker, id, day(pick([2025, 2026]), 1 + Math.floor(rand() * 12))],
      );
      let at = Date.parse(`${day(2025, 1 + Math.floor(rand() * 12))}T00:00:00Z`);
      const steps = 1 + Math.floor(rand() * 5);
      for (let seq = 1; seq <= steps; seq += 1) {
        at += (rand() < 0.15 ? -1 : 1) * Math.floor(rand() * 60 * 86_400_000);
        await sql(
          `insert into blocker_event (id, blocker_id, seq, kind, at, actor_subject, actor_name, status_after, escalated_to_after)
           values (?, ?, ?, ?, ?, 'test', 'test', ?, ?)`,
          [
            randomUUID(),
            blocker,
            seq,
            seq === 1 ? 'RAISED' : 'STARTED',
            new Date(at + Math.floor(rand() * 86_400_000)).toISOString(),
            seq === 1 ? 'OPEN' : pick(BLOCKER_STATUSES),
            rand() < 0.3 ? pick(owners).code : null,
          ],
        );
      }
    }
    for (let o = 0; o < Math.floor(rand() * 3); o += 1) await order(id, owner.code);
    for (let a = 0; a < Math.floor(rand() * 4); a += 1) {
      await sql(
        `insert into fund_arrival (id, project_id, arrived_on, amount_wan, source, recorded_by, recorded_by_name)
         values (?, ?, ?, ?, ?::funding_source, 'test', 'test')`,
        [
          randomUUID(),
          id,
          day(pick([2024, 2025, 2026]), 1 + Math.floor(rand() * 12)),
          `1${amount()}`,
          rand() < 0.25 ? null : pick(SOURCES),
        ],
      );
    }
  }
  await generatePreparation(sql, tenants, projects, rand);
  // Corrections, moves and deletions, exercising the update and delete triggers.
  await sql(
    `update progress_report set completed_investment_wan = completed_investment_wan / 3 where random() < 0.2 and funding_sources = '[]'`,
  );
  await sql(`delete from progress_report where random() < 0.1`);
  // Reviews: approvals add a report's figures (and take it out of the pending sum), returns of approved reports take them away.
  await sql(`update progress_report set status = 'APPROVED' where status in ('SUBMITTED', 'RESUBMITTED') and random() < 0.5`);
  await sql(`update progress_report set status = 'RETURNED' where status = 'APPROVED' and random() < 0.2`);
  await sql(`update milestone set done_on = due_on + 3 where done_on is null and random() < 0.3`);
  await sql(`delete from milestone where random() < 0.1`);
  await sql(`update project_annual_plan set planned_investment_wan = planned_investment_wan + 1.5 where random() < 0.3`);
  // Next year's list drawn up: this year's nature and levels change on some plans only.
  await sql(`update project_annual_plan set nature = (array['NEW','CONTINUING','PREPARATORY'])[1 + floor(random() * 3)::int]::project_nature,
               designation_levels = case when random() < 0.5 then '{}' else '{PROVINCIAL,COUNTY}' end::designation_level[] where random() < 0.3`);
  await sql(`delete from project_annual_plan where random() < 0.1`);
  await sql(
    `update project set stage = 'COMPLETED', category = 'OTHER', total_investment_wan = total_investment_wan + 0.0001 where random() < 0.2`,
  );
  await sql(`update project set planned_start_on = planned_start_on + 40 where random() < 0.2`);
  // Moves of the site (属地): to another place, or back to the owner.
  await sql(`update project p set location_tenant_code = (select t.code from tenant t join tenant o on o.code = p.owner_tenant_code
               where t.path <@ o.path order by md5(t.code || p.id::text) limit 1) where random() < 0.2`);
  await sql(`update project set location_tenant_code = null where random() < 0.1`);
  // Starts recorded after the plans exist: the start rates move.
  await sql(`insert into project_stage_change (id, project_id, from_stage, to_stage, changed_on, recorded_at, recorded_by, recorded_by_name)
             select gen_random_uuid(), id, null, 'UNDER_CONSTRUCTION', date '2026-03-10', now() + interval '1 hour', 'test', 'test'
               from project where random() < 0.2`);
  // Steps backdated, withdrawn and added, blockers deleted with their steps.
  await sql(`update blocker_event set at = at - interval '20 days' where random() < 0.15`);
  await sql(`delete from blocker_event where seq > 1 and random() < 0.1`);
  await sql(`insert into blocker_event (id, blocker_id, seq, kind, at, actor_subject, actor_name, status_after)
             select gen_random_uuid(), b.id, (select max(e.seq) + 1 from blocker_event e where e.blocker_id = b.id), 'RESOLVED',
                    timestamptz '2026-02-14 17:30:00+00', 'test', 'test', 'RESOLVED'
               from blocker b where exists (select 1 from blocker_event e where e.blocker_id = b.id) and random() < 0.2`);
  await sql(`delete from blocker where random() < 0.05`);
  // Orders' steps backdated and withdrawn, orders deleted with their steps.
  await sql(`update supervision_order_event set acted_at = acted_at - interval '20 days' where random() < 0.15`);
  await sql(`delete from supervision_order_event where seq > 1 and random() < 0.1`);
  await sql(`delete from supervision_order where random() < 0.05`);
  await sql(`delete from fund_arrival where random() < 0.15`);
  await sql(`update fund_arrival set arrived_on = arrived_on + 45, amount_wan = amount_wan + 2 where random() < 0.15`);
  await sql(`update fund_arrival set source = null where random() < 0.1`);
  // Reports name the sources of the month's completion now and then, once the amounts are final (a
  // source may not exceed its month): one source or two, the rest unnamed.
  await sql(`update progress_report set funding_sources = case when random() < 0.5
               then jsonb_build_array(jsonb_build_object('source', 'LOCAL_SPECIAL_BONDS', 'amountWan', trunc(completed_investment_wan * 0.4, 4)::text))
               else jsonb_build_array(jsonb_build_object('source', 'CENTRAL_BUDGET', 'amountWan', trunc(completed_investment_wan * 0.25, 4)::text),
                                      jsonb_build_object('source', 'ENTERPRISE_OWN', 'amountWan', trunc(completed_investment_wan * 0.75, 4)::text)) end
              where completed_investment_wan >= 1 and random() < 0.4`);
}
