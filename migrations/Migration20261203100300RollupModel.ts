import { Migration } from '@mikro-orm/migrations';

/** The tables one contribution reads; a trigger replaces one of them by its transition table. */
interface Sources {
  projects: string;
  reports: string;
  plans: string;
  milestones: string;
  targets: string;
  arrivals: string;
}

const TABLES: Sources = {
  projects: 'project',
  reports: 'progress_report',
  plans: 'project_annual_plan',
  milestones: 'milestone',
  targets: 'project_monthly_target',
  arrivals: 'fund_arrival',
};

/**
 * One rollup table: what a row of raw facts adds to it. Every table is keyed by the tenant that
 * receives the contribution and `located` (see kp_rollup_tenants), then by `keys`; `values` are
 * summed. `from` joins the facts to their project as `p`.
 */
interface RollupTable {
  table: string;
  keys: [column: string, type: string, expression: string][];
  values: [column: string, type: string, expression: string][];
  from(sources: Sources): string;
  where?: string;
  /** Project columns the contribution depends on: a project update changing one moves it. */
  dependsOn: string[];
}

const WAN = 'numeric(18,4)';
const COUNTED = `x.status in ('APPROVED', 'SUBMITTED', 'RESUBMITTED')`;
const approved = (amount: string) => `case when x.status = 'APPROVED' then ${amount} else 0 end`;
const pending = (amount: string) => `case when x.status in ('SUBMITTED', 'RESUBMITTED') then ${amount} else 0 end`;
const PLACE = ['owner_tenant_code', 'location_tenant_code'];
const START_BUCKET = 'kp_start_bucket(make_date(n.year, 1, 1), p.started_on)';
const MILESTONE_DAYS = `cross join lateral (values (x.due_on + 1, 1, 0),
          (greatest(x.due_on + 1, x.done_on), 0, case when x.done_on is null then 0 else 1 end)) b(day, due, settled)`;

const ROLLUPS: RollupTable[] = [
  {
    table: 'rollup_project',
    keys: [['stage', 'project_stage', 'p.stage'], ['category', 'project_category', 'p.category']],
    values: [['project_count', 'int', '1'], ['total_investment_wan', WAN, 'p.total_investment_wan'], ['opening_wan', WAN, 'p.completed_before_tracking_wan']],
    from: (s) => `${s.projects} p`,
    dependsOn: [...PLACE, 'stage', 'category', 'total_investment_wan', 'completed_before_tracking_wan'],
  },
  {
    table: 'rollup_report_month',
    keys: [['category', 'project_category', 'p.category'], ['period', 'date', 'x.period']],
    values: [
      ['completed_wan', WAN, approved('x.completed_investment_wan')],
      ['report_count', 'int', approved('1')],
      ['pending_wan', WAN, pending('x.completed_investment_wan')],
    ],
    from: (s) => `${s.reports} x join ${s.projects} p on p.id = x.project_id`,
    where: COUNTED,
    dependsOn: [...PLACE, 'category'],
  },
  {
    table: 'rollup_level_month',
    keys: [['level', 'designation_level', 'lv.level'], ['period', 'date', 'x.period']],
    values: [['completed_wan', WAN, approved('x.completed_investment_wan')], ['pending_wan', WAN, pending('x.completed_investment_wan')]],
    from: (s) => `${s.reports} x join ${s.projects} p on p.id = x.project_id
          join ${s.plans} n on n.project_id = x.project_id and n.year = extract(year from x.period)
          cross join unnest(n.designation_levels) lv(level)`,
    where: COUNTED,
    dependsOn: PLACE,
  },
  {
    table: 'rollup_list',
    keys: [['category', 'project_category', 'p.category'], ['year', 'smallint', 'n.year'], ['nature', 'project_nature', 'n.nature'], ['bucket', 'smallint', START_BUCKET]],
    values: [['listed_count', 'int', '1'], ['planned_wan', WAN, 'n.planned_investment_wan']],
    from: (s) => `${s.plans} n join ${s.projects} p on p.id = n.project_id`,
    dependsOn: [...PLACE, 'category', 'started_on'],
  },
  {
    table: 'rollup_level_list',
    keys: [['level', 'designation_level', 'lv.level'], ['year', 'smallint', 'n.year'], ['nature', 'project_nature', 'n.nature'], ['bucket', 'smallint', START_BUCKET]],
    values: [['listed_count', 'int', '1'], ['planned_wan', WAN, 'n.planned_investment_wan']],
    from: (s) => `${s.plans} n join ${s.projects} p on p.id = n.project_id cross join unnest(n.designation_levels) lv(level)`,
    dependsOn: [...PLACE, 'started_on'],
  },
  {
    table: 'rollup_funds',
    keys: [['category', 'project_category', 'p.category'], ['period', 'date', `date_trunc('month', x.arrived_on)::date`]],
    values: [['arrived_wan', WAN, 'x.amount_wan']],
    from: (s) => `${s.arrivals} x join ${s.projects} p on p.id = x.project_id`,
    dependsOn: [...PLACE, 'category'],
  },
  {
    table: 'rollup_milestone',
    keys: [['day', 'date', 'b.day']],
    values: [['due_count', 'int', 'b.due'], ['settled_count', 'int', 'b.settled']],
    from: (s) => `${s.milestones} x join ${s.projects} p on p.id = x.project_id ${MILESTONE_DAYS}`,
    dependsOn: PLACE,
  },
  {
    table: 'rollup_milestone_month',
    keys: [['month', 'date', `date_trunc('month', b.day)::date`]],
    values: [['due_count', 'int', 'b.due'], ['settled_count', 'int', 'b.settled']],
    from: (s) => `${s.milestones} x join ${s.projects} p on p.id = x.project_id ${MILESTONE_DAYS}`,
    dependsOn: PLACE,
  },
  {
    table: 'rollup_target',
    keys: [['period', 'date', 'x.period']],
    values: [['target_wan', WAN, 'x.target_wan']],
    from: (s) => `${s.targets} x join ${s.projects} p on p.id = x.project_id`,
    dependsOn: PLACE,
  },
];

const rollup = (table: string): RollupTable => ROLLUPS.find((r) => r.table === table)!;

/** Adds (sign '') or takes away (sign '-') what the sources' facts contribute to a rollup table. */
function contribution(target: RollupTable, sources: Partial<Sources>, sign: '' | '-'): string {
  const keys = target.keys.map(([column]) => column);
  const values = target.values.map(([column]) => column);
  return `
        insert into ${target.table} as r (tenant_code, located, ${[...keys, ...values].join(', ')})
        select a.tenant_code, a.located, ${target.keys.map(([, , e]) => e).join(', ')},
               ${target.values.map(([, , e]) => `${sign}sum(a.sign * (${e}))`).join(', ')}
          from ${target.from({ ...TABLES, ...sources })}
          cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
         ${target.where ? `where ${target.where}` : ''}
         group by ${keys.map((_, i) => i + 3).concat([1, 2]).join(', ')}
        on conflict (tenant_code, located, ${keys.join(', ')}) do update
          set ${values.map((c) => `${c} = r.${c} + excluded.${c}`).join(', ')};`;
}

/**
 * The rows of an update's transition tables whose `columns` changed: their old version (`side`
 * 'old') or their new one. Only those move their contributions.
 */
function changedRows(side: 'old' | 'new', columns: string[]): string {
  const [mine, other] = side === 'old' ? ['old_rows', 'new_rows'] : ['new_rows', 'old_rows'];
  const tuple = (alias: string) => `(${columns.map((c) => `${alias}.${c}`).join(', ')})`;
  return `(select m.* from ${mine} m join ${other} o on o.id = m.id where ${tuple('m')} is distinct from ${tuple('o')})`;
}

/** A statement trigger's function: what the new rows add, what the old rows take away. */
function triggerFunction(name: string, onInsert: string[], onUpdate: string[], onDelete: string[]): string {
  return `create or replace function ${name}() returns trigger
      language plpgsql security definer set search_path = public as $$
      begin
        if tg_op = 'INSERT' then ${onInsert.join('')}
        elsif tg_op = 'UPDATE' then ${onUpdate.join('')}
        else ${onDelete.join('')}
        end if;
        return null;
      end $$;`;
}

/** Whole-row deltas of the facts of one source table to some rollups (old rows out, new rows in). */
function factTrigger(name: string, source: keyof Sources, tables: RollupTable[]): string {
  const add = tables.map((t) => contribution(t, { [source]: 'new_rows' }, ''));
  const remove = tables.map((t) => contribution(t, { [source]: 'old_rows' }, '-'));
  return triggerFunction(name, add, [...remove, ...add], remove);
}

const STARTED_ON = `
        update project p set started_on = s.started_on
          from (select q.id,
                       case when last.to_stage >= 'STARTED' then (
                         select max(c.changed_on) from project_stage_change c
                          where c.project_id = q.id and c.to_stage >= 'STARTED'
                            and (c.from_stage is null or c.from_stage < 'STARTED')) end as started_on
                  from project q
                  left join lateral (select y.to_stage from project_stage_change y where y.project_id = q.id
                                      order by y.changed_on desc, y.recorded_at desc, y.id desc limit 1) last on true) s
         where p.id = s.id and p.started_on is distinct from s.started_on;`;

/**
 * The rollup model, as officials count (issue 13):
 *
 * - Where a project is built (属地). Figures can follow the owner (the default) or the location.
 *   Every rollup table is keyed by `located`: rows with `located = false` hold what a project adds
 *   to its owner and the owner's ancestors; rows with `located = true` hold the adjustment that
 *   turns those into figures by location (+ for the location's ancestors that are not the owner's,
 *   − for the owner's that are not the location's; kp_rollup_tenants). A project built where it is
 *   owned (the usual case) adds no adjustment at all, so the location view costs nothing for it.
 *   By owner: rows with `located = false`; by location: all rows.
 * - Per-year facts. A plan's nature and designation levels (AnnualPlanNature) decide which list
 *   figures it counts in, for its own year only.
 * - Both start rates, from the year's list (rollup_list / rollup_level_list, keyed by the plan's
 *   nature and the start bucket of its project: 0 before the year, 1-12 the month, 13 not started):
 *   新开工项目开工率 = NEW plans started by the period / NEW plans; 年度项目开工率 = plans started by the
 *   period or CONTINUING / all plans. The old rate (planned start dates in the year, rollup_start)
 *   goes.
 * - Money by category and by designation level: every table with a money figure is keyed by the
 *   project's category, and the list and report sums also by the plan's designation levels
 *   (rollup_level_list, rollup_level_month: a report counts for the levels of its project's plan of
 *   the report's year; a project on two lists counts in both).
 * - Amounts under review (pending_wan): SUBMITTED and RESUBMITTED reports, beside the approved sums.
 * - Funds in place by date (rollup_funds): arrivals by month (FundArrivals).
 *
 * Triggers stay statement-level on transition tables. A project update moves every contribution
 * that depends on what changed (its place, category, start date), from the old values to the new;
 * a plan update moves its reports' level sums when its levels change. `kp_rebuild_rollups()`
 * recomputes all from the raw rows with the same contributions (`contribution` below), which is
 * what the property test checks against a recomputation in JavaScript.
 *
 * `kp_rollup_read` gains `by_location` and `breakdown` (last, defaulting to false, so the previous
 * release's calls still resolve) and answers, per tenant, the same keys as before plus the new figures, the
 * categories and the levels. `kp_attraction_read` counts the leads' arrivals by date.
 */
export class Migration20261203100300RollupModel extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop function if exists kp_rollup_read(varchar, boolean, date, date, date, date);`);
    this.addSql(`drop function if exists kp_rebuild_rollups();`);
    this.addSql(`drop function if exists kp_rebuild_rollups_before_review();`);
    this.addSql(`drop table if exists "rollup_month", "rollup_year", "rollup_start", "rollup_project", "rollup_milestone",
      "rollup_milestone_month", "rollup_target" cascade;`);

    // No SET clause (search_path): PostgreSQL inlines the function into the triggers' statements
    // only without one, and called per row instead it made bulk writes ten times slower.
    this.addSql(`create or replace function kp_rollup_tenants(owner varchar, location varchar)
      returns table (tenant_code varchar, located boolean, sign int)
      language sql stable parallel safe as $$
        select o.ancestor, false, 1 from kp_ancestors(owner) o
        union all
        select l.ancestor, true, 1 from kp_ancestors(location) l
         where location is not null and location <> owner and l.ancestor not in (select a.ancestor from kp_ancestors(owner) a)
        union all
        select o.ancestor, true, -1 from kp_ancestors(owner) o
         where location is not null and location <> owner and o.ancestor not in (select a.ancestor from kp_ancestors(location) a) $$;`);

    for (const r of ROLLUPS) {
      const columns = [
        `"tenant_code" varchar(12) not null references "tenant" ("code") on update cascade on delete cascade`,
        `"located" boolean not null`,
        ...r.keys.map(([c, type]) => `"${c}" ${type} not null`),
        ...r.values.map(([c, type]) => `"${c}" ${type} not null default 0`),
      ];
      this.addSql(`create table "${r.table}" (${columns.join(', ')},
        primary key ("tenant_code", "located", ${r.keys.map(([c]) => `"${c}"`).join(', ')}));`);
      this.addSql(`grant select on "${r.table}" to kp_app;`);
      this.addSql(`alter table "${r.table}" enable row level security;`);
      this.addSql(`alter table "${r.table}" force row level security;`);
      this.addSql(`create policy "${r.table}_tenant_scope" on "${r.table}" for select to kp_app
        using (tenant_code in (select t.code from tenant t where t.path <@ kp_read_root()));`);
    }
    this.addSql(`select kp_owner_policies();`);

    // --- triggers: the facts' own tables
    const t = (...tables: string[]) => tables.map(rollup);
    this.addSql(factTrigger('kp_rollup_reports', 'reports', t('rollup_report_month', 'rollup_level_month')));
    this.addSql(factTrigger('kp_rollup_milestones', 'milestones', t('rollup_milestone', 'rollup_milestone_month')));
    this.addSql(factTrigger('kp_rollup_targets', 'targets', t('rollup_target')));
    this.addSql(factTrigger('kp_rollup_funds', 'arrivals', t('rollup_funds')));
    // A plan: its list entries, and its reports' level sums when its levels (or year) change.
    const lists = t('rollup_list', 'rollup_level_list');
    const levelMonth = rollup('rollup_level_month');
    const levelsOf = ['project_id', 'year', 'designation_levels'];
    this.addSql(triggerFunction(
      'kp_rollup_plans',
      [...lists.map((r) => contribution(r, { plans: 'new_rows' }, '')), contribution(levelMonth, { plans: 'new_rows' }, '')],
      [
        ...lists.map((r) => contribution(r, { plans: 'old_rows' }, '-')),
        ...lists.map((r) => contribution(r, { plans: 'new_rows' }, '')),
        contribution(levelMonth, { plans: changedRows('old', levelsOf) }, '-'),
        contribution(levelMonth, { plans: changedRows('new', levelsOf) }, ''),
      ],
      [...lists.map((r) => contribution(r, { plans: 'old_rows' }, '-')), contribution(levelMonth, { plans: 'old_rows' }, '-')],
    ));
    // A project: its own row, and on update every contribution whose attribution changed.
    const projectRow = rollup('rollup_project');
    const attributed = ROLLUPS.filter((r) => r !== projectRow);
    this.addSql(triggerFunction(
      'kp_rollup_projects',
      [contribution(projectRow, { projects: 'new_rows' }, '')],
      [
        contribution(projectRow, { projects: changedRows('old', projectRow.dependsOn) }, '-'),
        contribution(projectRow, { projects: changedRows('new', projectRow.dependsOn) }, ''),
        ...attributed.map((r) => contribution(r, { projects: changedRows('old', r.dependsOn) }, '-')),
        ...attributed.map((r) => contribution(r, { projects: changedRows('new', r.dependsOn) }, '')),
      ],
      [contribution(projectRow, { projects: 'old_rows' }, '-')],
    ));
    for (const op of ['insert', 'update', 'delete']) {
      const transition = op === 'insert' ? 'new table as new_rows' : op === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows';
      this.addSql(`create trigger "fund_arrival_rollup_${op}" after ${op} on "fund_arrival" referencing ${transition}
        for each statement execute function kp_rollup_funds();`);
    }

    // --- full recomputation from the raw rows
    this.addSql(`create or replace function kp_rebuild_rollups() returns void
      language plpgsql security definer set search_path = public as $$
      begin
        ${STARTED_ON}
        truncate ${ROLLUPS.map((r) => r.table).join(', ')};
        ${ROLLUPS.map((r) => contribution(r, {}, '')).join('')}
      end $$;`);
    this.addSql(`revoke execute on function kp_rebuild_rollups() from public;`);
    this.addSql(`select kp_rebuild_rollups();`);

    this.addSql(READ);
    this.addSql(`revoke execute on function kp_rollup_read(varchar, boolean, date, date, date, date, boolean, boolean) from public;`);
    this.addSql(`grant execute on function kp_rollup_read(varchar, boolean, date, date, date, date, boolean, boolean) to kp_app;`);

    this.addSql(`drop function if exists kp_attraction_read(varchar[], date, date);`);
    this.addSql(ATTRACTION_READ);
    this.addSql(`revoke execute on function kp_attraction_read(varchar[], date, date) from public;`);
    this.addSql(`grant execute on function kp_attraction_read(varchar[], date, date) to kp_app;`);
  }

  /** The previous model is gone with its tables: going back means migrating `Rollups` down as well. */
  override async down(): Promise<void> {
    this.addSql(`drop function if exists kp_rollup_read(varchar, boolean, date, date, date, date, boolean, boolean);`);
    this.addSql(`drop table if exists ${ROLLUPS.map((r) => `"${r.table}"`).join(', ')} cascade;`);
    this.addSql(`drop function if exists kp_rollup_tenants(varchar, varchar);`);
  }
}

/** Tenants' rows of a rollup table in the basis asked for: by owner, or by location (with the adjustment). */
const IN_BASIS = '(by_location or not located)';

/**
 * A dashboard's rollup in one statement (see RollupReads): the root and its children with every
 * figure, by category and by level when `breakdown` is asked for (only then: a dashboard that shows
 * no breakdown does not pay for it), the city's light rules and the root's trend, under the
 * viewer's read root. Money summed here, exactly; per category and level as JSON arrays:
 * categories [category, projects, total investment, funds to date, funds this year, ...list];
 * levels [level, ...list]; list = [listed, plan, new listed, new started, annual started, ytd, same
 * time last year, pending].
 */
const READ = `create or replace function kp_rollup_read(root varchar, with_children boolean, period date, as_of date,
      trend_from date default null, trend_to date default null, by_location boolean default false, breakdown boolean default false)
      returns json
      language plpgsql stable security definer set search_path = public as $$
      declare
        year_start date := date_trunc('year', period)::date;
        last_period date := (period - interval '1 year')::date;
        last_start date := date_trunc('year', period - interval '1 year')::date;
        the_year smallint := extract(year from period)::smallint;
        the_month smallint := extract(month from period)::smallint;
        as_of_month date := date_trunc('month', as_of)::date;
        root_visible boolean := exists (select 1 from tenant r where r.code = root and r.path <@ kp_read_root());
      begin
        if not root_visible then
          return json_build_object('tenants', null, 'rules', null, 'trend', null);
        end if;
        return json_build_object(
          'tenants', (select json_agg(x order by x.code <> root, x.code) from (
             select t.code, t.name, t.level, t.kind, t.path::text as path, t.parent_code,
                    to_char(t.valid_from, 'YYYY-MM-DD') as valid_from, to_char(t.valid_to, 'YYYY-MM-DD') as valid_to,
                    coalesce(m.ytd, 0)::text as ytd, coalesce(m.last_ytd, 0)::text as last_ytd,
                    coalesce(m.through, 0)::text as through, coalesce(m.reports, 0) as reports, coalesce(m.pending, 0)::text as pending,
                    coalesce(y.planned, 0)::text as planned_wan, coalesce(y.listed, 0) as listed_count,
                    coalesce(p.project_count, 0) as project_count, coalesce(p.total, 0)::text as total,
                    coalesce(f.funds, 0)::text as funds, coalesce(f.funds_ytd, 0)::text as funds_ytd, coalesce(p.opening, 0)::text as opening,
                    p.counts,
                    coalesce(y.new_listed, 0) as planned, coalesce(y.new_started, 0) as started, coalesce(y.annual_started, 0) as annual_started,
                    coalesce(o.overdue, 0) as overdue,
                    coalesce(g.target, 0)::text as target,
                    c.categories, l.levels
               from tenant t
               left join lateral (
                 select json_agg(json_build_array(q.stage, q.category, q.n)) filter (where q.n <> 0) as counts,
                        sum(q.n)::int as project_count, sum(q.total) as total, sum(q.opening) as opening
                   from (select stage, category, sum(project_count)::int as n, sum(total_investment_wan) as total, sum(opening_wan) as opening
                           from rollup_project where tenant_code = t.code and ${IN_BASIS} group by stage, category) q) p on true
               left join lateral (
                 select sum(listed_count)::int as listed, sum(planned_wan) as planned,
                        (sum(listed_count) filter (where nature = 'NEW'))::int as new_listed,
                        (sum(listed_count) filter (where nature = 'NEW' and bucket <= the_month))::int as new_started,
                        (sum(listed_count) filter (where nature = 'CONTINUING' or bucket <= the_month))::int as annual_started
                   from rollup_list where tenant_code = t.code and year = the_year and ${IN_BASIS}) y on true
               left join lateral (
                 select sum(completed_wan) filter (where r.period >= year_start) as ytd,
                        sum(completed_wan) filter (where r.period between last_start and last_period) as last_ytd,
                        sum(completed_wan) as through,
                        (sum(report_count) filter (where r.period = kp_rollup_read.period))::int as reports,
                        sum(pending_wan) filter (where r.period >= year_start) as pending
                   from rollup_report_month r where tenant_code = t.code and r.period <= kp_rollup_read.period and ${IN_BASIS}) m on true
               left join lateral (
                 select sum(arrived_wan) as funds, sum(arrived_wan) filter (where a.period >= year_start) as funds_ytd
                   from rollup_funds a where tenant_code = t.code and a.period <= kp_rollup_read.period and ${IN_BASIS}) f on true
               -- The breakdown by category, only when asked: every source grouped by category.
               left join lateral (
                 select json_agg(json_build_array(k.category, k.project_count, k.total::text, k.funds::text, k.funds_ytd::text,
                                                  k.listed, k.planned::text, k.new_listed, k.new_started, k.annual_started,
                                                  k.ytd::text, k.last_ytd::text, k.pending::text) order by k.category) as categories
                   from (select u.category, sum(u.project_count)::int as project_count, sum(u.total) as total,
                                sum(u.listed)::int as listed, sum(u.planned) as planned, sum(u.new_listed)::int as new_listed,
                                sum(u.new_started)::int as new_started, sum(u.annual_started)::int as annual_started,
                                sum(u.ytd) as ytd, sum(u.last_ytd) as last_ytd, sum(u.pending) as pending,
                                sum(u.funds) as funds, sum(u.funds_ytd) as funds_ytd
                           from (
                             select category, project_count, total_investment_wan as total,
                                    0 as listed, 0::numeric as planned, 0 as new_listed, 0 as new_started, 0 as annual_started,
                                    0::numeric as ytd, 0::numeric as last_ytd, 0::numeric as pending, 0::numeric as funds, 0::numeric as funds_ytd
                               from rollup_project where breakdown and tenant_code = t.code and ${IN_BASIS}
                             union all
                             select category, 0, 0, listed_count, planned_wan,
                                    case when nature = 'NEW' then listed_count else 0 end,
                                    case when nature = 'NEW' and bucket <= the_month then listed_count else 0 end,
                                    case when nature = 'CONTINUING' or bucket <= the_month then listed_count else 0 end,
                                    0, 0, 0, 0, 0
                               from rollup_list where breakdown and tenant_code = t.code and year = the_year and ${IN_BASIS}
                             union all
                             select category, 0, 0, 0, 0, 0, 0, 0,
                                    case when r.period >= year_start then completed_wan else 0 end,
                                    case when r.period between last_start and last_period then completed_wan else 0 end,
                                    case when r.period >= year_start then pending_wan else 0 end,
                                    0, 0
                               from rollup_report_month r
                              where breakdown and tenant_code = t.code and r.period between last_start and kp_rollup_read.period and ${IN_BASIS}
                             union all
                             select category, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, arrived_wan,
                                    case when a.period >= year_start then arrived_wan else 0 end
                               from rollup_funds a where breakdown and tenant_code = t.code and a.period <= kp_rollup_read.period and ${IN_BASIS}) u
                          group by u.category) k) c on true
               left join lateral (
                 select json_agg(json_build_array(k.level, k.listed, k.planned::text, k.new_listed, k.new_started, k.annual_started,
                                                  k.ytd::text, k.last_ytd::text, k.pending::text) order by k.level) as levels
                   from (select u.level, sum(u.listed)::int as listed, sum(u.planned) as planned, sum(u.new_listed)::int as new_listed,
                                sum(u.new_started)::int as new_started, sum(u.annual_started)::int as annual_started,
                                sum(u.ytd) as ytd, sum(u.last_ytd) as last_ytd, sum(u.pending) as pending
                           from (
                             select level, listed_count as listed, planned_wan as planned,
                                    case when nature = 'NEW' then listed_count else 0 end as new_listed,
                                    case when nature = 'NEW' and bucket <= the_month then listed_count else 0 end as new_started,
                                    case when nature = 'CONTINUING' or bucket <= the_month then listed_count else 0 end as annual_started,
                                    0::numeric as ytd, 0::numeric as last_ytd, 0::numeric as pending
                               from rollup_level_list where breakdown and tenant_code = t.code and year = the_year and ${IN_BASIS}
                             union all
                             select level, 0, 0, 0, 0, 0,
                                    case when r.period >= year_start then completed_wan else 0 end,
                                    case when r.period between last_start and last_period then completed_wan else 0 end,
                                    case when r.period >= year_start then pending_wan else 0 end
                               from rollup_level_month r
                              where breakdown and tenant_code = t.code and r.period between last_start and kp_rollup_read.period and ${IN_BASIS}) u
                          group by u.level) k) l on true
               left join lateral (
                 select sum(open)::int as overdue from (
                   select due_count - settled_count as open from rollup_milestone_month
                    where tenant_code = t.code and month < as_of_month and ${IN_BASIS}
                   union all
                   select due_count - settled_count from rollup_milestone
                    where tenant_code = t.code and day between as_of_month and as_of and ${IN_BASIS}) z) o on true
               left join lateral (
                 select sum(target_wan) as target from rollup_target g
                  where g.tenant_code = t.code and g.period between year_start and kp_rollup_read.period and ${IN_BASIS}) g on true
              where (t.code = root or (with_children and t.parent_code = root))
                and t.path <@ kp_read_root()) x),
          'rules', (select row_to_json(r) from traffic_light_rule r
                     where r.city_code = (select split_part(t.path::text, '.', 1) from tenant t where t.code = root)),
          -- The root's monthly series, from January of the first month's year (for year-to-date sums).
          'trend', case when trend_from is not null then json_build_object(
            'months', (select json_agg(x) from (
                         select to_char(m.period, 'YYYY-MM-DD') as period, sum(m.completed_wan)::text as completed_wan
                           from rollup_report_month m
                          where m.tenant_code = root and m.period between date_trunc('year', trend_from)::date and trend_to and ${IN_BASIS}
                          group by m.period) x),
            'plans', (select json_agg(x) from (
                        select y.year, sum(y.planned_wan)::text as planned_wan from rollup_list y
                         where y.tenant_code = root and y.year between extract(year from trend_from) and extract(year from trend_to) and ${IN_BASIS}
                         group by y.year) x)) end);
      end $$;`;

/**
 * kp_attraction_read as in the Attraction migration, but with funds in place from the arrivals
 * recorded through the leads (FundArrivals): to date at the end of the period, and this year's
 * (本年到位资金, from January of the period's year).
 */
const ATTRACTION_READ = `create or replace function kp_attraction_read(codes varchar[], year_start date, period_end date)
      returns table (tenant_code varchar, lead_count int, funds_wan text, funds_year_wan text, signed_count int, started_count int,
                     signed_wan text, by_stage json)
      language sql stable security definer set search_path = public as $$
        select t.code, coalesce(s.lead_count, 0), coalesce(f.funds, 0)::text, coalesce(f.funds_year, 0)::text,
               coalesce(y.signed_count, 0), coalesce(y.started_count, 0), coalesce(y.signed_wan, 0)::text, s.by_stage
          from tenant t
          left join lateral (
            select sum(g.n)::int as lead_count,
                   json_agg(json_build_array(g.stage_at, g.n, g.intended::text, g.signed::text)) as by_stage
              from (select x.stage_at, count(*)::int as n, sum(x.intended_wan) as intended,
                           coalesce(sum(x.signed_wan) filter (where x.signed_on <= period_end), 0) as signed
                      from (select l.*, case when l.funds_in_place_on <= period_end then 'FUNDS_IN_PLACE'
                                             when l.started_on <= period_end then 'STARTED'
                                             when l.signed_on <= period_end then 'CONTRACT_SIGNED'
                                             when l.framework_agreed_on <= period_end then 'FRAMEWORK_AGREEMENT'
                                             else 'INTENT' end as stage_at
                              from investment_lead l
                             where l.owner_tenant_code in (select d.code from tenant d where d.path <@ t.path)
                               and l.intent_on <= period_end) x
                     group by x.stage_at) g) s on true
          left join lateral (
            select sum(a.amount_wan) as funds, sum(a.amount_wan) filter (where a.arrived_on >= year_start) as funds_year
              from fund_arrival a join investment_lead l on l.id = a.lead_id
             where l.owner_tenant_code in (select d.code from tenant d where d.path <@ t.path)
               and a.arrived_on <= period_end) f on true
          left join lateral (
            select count(*)::int as signed_count, (count(*) filter (where l.started_on <= period_end))::int as started_count,
                   sum(l.signed_wan) as signed_wan
              from investment_lead l
             where l.owner_tenant_code in (select d.code from tenant d where d.path <@ t.path)
               and l.signed_on between year_start and period_end) y on true
         where t.code = any(codes) and t.path <@ kp_read_root()
      $$;`;
