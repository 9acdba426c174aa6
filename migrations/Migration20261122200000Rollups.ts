import { Migration } from '@mikro-orm/migrations';

/**
 * Rollups kept up to date in the same transaction as every change, by statement-level triggers, so a
 * city's figures cost a handful of rows per tenant shown, never a scan of the projects beneath.
 * Each table holds SUBTREE totals: a report filed by a town adds to the town's row, its county's and
 * its city's. Triggers work on transition tables, so a bulk insert costs one grouped upsert.
 *
 * - rollup_month:     completed investment and report count per month
 * - rollup_year:      annual plan total and number of projects on the year's list
 * - rollup_project:   current projects by stage and category, with total investment, funds in place
 *                     and the opening balance of completed investment
 * - rollup_start:     projects planned to start in a year, by when they actually started
 *                     (bucket 0: before the year, 1-12: that month, 13: not started within it)
 * - rollup_milestone: per day, milestones becoming overdue (the day after their due date) and
 *                     milestones settled (done, counted from the later of that day and the done date);
 *                     overdue as of D = sum(due) - sum(settled) over days <= D
 * - rollup_milestone_month: the same by month, so that sum reads whole months before D's month
 *
 * `project.started_on` (the actual start, from the stage history) is kept by a trigger too.
 * `kp_rebuild_rollups()` recomputes everything from the raw rows (repair, bulk loads, verification).
 * The functions are SECURITY DEFINER: the application's role may read rollups (under row-level
 * security, by read root) but never write them itself.
 */
export class Migration20261122200000Rollups extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "project" add column "started_on" date null;`);
    this.addSql(`create index "project_owner_planned_start_index" on "project" ("owner_tenant_code", "planned_start_on");`);

    const money = 'numeric(18,4) not null default 0';
    const tenantRef = `"tenant_code" varchar(12) not null references "tenant" ("code") on update cascade on delete cascade`;
    this.addSql(`create table "rollup_month" (${tenantRef}, "period" date not null, "completed_wan" ${money},
      "report_count" int not null default 0, primary key ("tenant_code", "period"));`);
    this.addSql(`create table "rollup_year" (${tenantRef}, "year" smallint not null, "planned_wan" ${money},
      "listed_count" int not null default 0, primary key ("tenant_code", "year"));`);
    this.addSql(`create table "rollup_project" (${tenantRef}, "stage" project_stage not null, "category" project_category not null,
      "project_count" int not null default 0, "total_investment_wan" ${money}, "funds_in_place_wan" ${money}, "opening_wan" ${money},
      primary key ("tenant_code", "stage", "category"));`);
    this.addSql(`create table "rollup_start" (${tenantRef}, "year" smallint not null, "bucket" smallint not null,
      "project_count" int not null default 0, primary key ("tenant_code", "year", "bucket"));`);
    this.addSql(`create table "rollup_milestone" (${tenantRef}, "day" date not null, "due_count" int not null default 0,
      "settled_count" int not null default 0, primary key ("tenant_code", "day"));`);
    // The same counts by month, so "overdue as of D" sums whole months before D's month and only the
    // days of D's own month: a few dozen rows per tenant instead of one per day of history.
    this.addSql(`create table "rollup_milestone_month" (${tenantRef}, "month" date not null, "due_count" int not null default 0,
      "settled_count" int not null default 0, primary key ("tenant_code", "month"));`);

    this.addSql(`create or replace function kp_ancestors(code varchar) returns table (ancestor varchar)
      language sql stable parallel safe as
      $$ select a.code from tenant t join tenant a on a.path @> t.path where t.code = $1 $$;`);
    this.addSql(`create or replace function kp_start_bucket(planned date, started date) returns smallint
      language sql immutable parallel safe as $$
        select (case
          when started is null then 13
          when started < make_date(extract(year from planned)::int, 1, 1) then 0
          when extract(year from started) = extract(year from planned) then extract(month from started)
          else 13 end)::smallint $$;`);

    /**
     * A trigger function adding the new rows' sums to every ancestor's row of `target` and taking
     * the old rows' away (an update does both). `key` groups, `values` are summed.
     */
    const childRowTrigger = (fn: string, target: string, key: string, values: [column: string, expression: string][]) => {
      const delta = (rows: string, sign: string) => `
          insert into ${target} as r (tenant_code, ${key}, ${values.map(([c]) => c).join(', ')})
          select a.ancestor, x.${key}, ${values.map(([, e]) => `${sign}${e}`).join(', ')}
            from ${rows} x join project p on p.id = x.project_id cross join lateral kp_ancestors(p.owner_tenant_code) a
           group by a.ancestor, x.${key}
          on conflict (tenant_code, ${key}) do update
            set ${values.map(([c]) => `${c} = r.${c} + excluded.${c}`).join(', ')};`;
      this.addSql(`create or replace function ${fn}() returns trigger
      language plpgsql security definer set search_path = public as $$
      begin
        if tg_op in ('INSERT', 'UPDATE') then ${delta('new_rows', '')}
        end if;
        if tg_op in ('DELETE', 'UPDATE') then ${delta('old_rows', '-')}
        end if;
        return null;
      end $$;`);
    };
    childRowTrigger('kp_rollup_reports', 'rollup_month', 'period', [
      ['completed_wan', 'sum(x.completed_investment_wan)'],
      ['report_count', 'count(*)'],
    ]);
    childRowTrigger('kp_rollup_plans', 'rollup_year', 'year', [
      ['planned_wan', 'sum(x.planned_investment_wan)'],
      ['listed_count', 'count(*)'],
    ]);

    // --- projects -> rollup_project, rollup_start
    const projectDelta = (rows: string, sign: string) => `
          insert into rollup_project as r (tenant_code, stage, category, project_count, total_investment_wan, funds_in_place_wan, opening_wan)
          select a.ancestor, x.stage, x.category, ${sign}count(*), ${sign}sum(x.total_investment_wan), ${sign}sum(x.funds_in_place_wan),
                 ${sign}sum(x.completed_before_tracking_wan)
            from ${rows} x cross join lateral kp_ancestors(x.owner_tenant_code) a
           group by a.ancestor, x.stage, x.category
          on conflict (tenant_code, stage, category) do update
            set project_count = r.project_count + excluded.project_count,
                total_investment_wan = r.total_investment_wan + excluded.total_investment_wan,
                funds_in_place_wan = r.funds_in_place_wan + excluded.funds_in_place_wan,
                opening_wan = r.opening_wan + excluded.opening_wan;
          insert into rollup_start as r (tenant_code, year, bucket, project_count)
          select a.ancestor, extract(year from x.planned_start_on)::smallint, kp_start_bucket(x.planned_start_on, x.started_on), ${sign}count(*)
            from ${rows} x cross join lateral kp_ancestors(x.owner_tenant_code) a
           where x.planned_start_on is not null
           group by 1, 2, 3
          on conflict (tenant_code, year, bucket) do update set project_count = r.project_count + excluded.project_count;`;
    this.addSql(`create or replace function kp_rollup_projects() returns trigger
      language plpgsql security definer set search_path = public as $$
      begin
        if tg_op in ('INSERT', 'UPDATE') then ${projectDelta('new_rows', '')}
        end if;
        if tg_op in ('DELETE', 'UPDATE') then ${projectDelta('old_rows', '-')}
        end if;
        return null;
      end $$;`);

    // --- milestones -> rollup_milestone
    const milestoneDelta = (rows: string, sign: string) => `
          insert into rollup_milestone as r (tenant_code, day, due_count, settled_count)
          select a.ancestor, b.day, ${sign}sum(b.due), ${sign}sum(b.settled)
            from ${rows} x join project p on p.id = x.project_id cross join lateral kp_ancestors(p.owner_tenant_code) a
            cross join lateral (values (x.due_on + 1, 1, 0),
                                       (greatest(x.due_on + 1, x.done_on), 0, case when x.done_on is null then 0 else 1 end)) b(day, due, settled)
           group by a.ancestor, b.day
          on conflict (tenant_code, day) do update
            set due_count = r.due_count + excluded.due_count, settled_count = r.settled_count + excluded.settled_count;
          insert into rollup_milestone_month as r (tenant_code, month, due_count, settled_count)
          select a.ancestor, date_trunc('month', b.day)::date, ${sign}sum(b.due), ${sign}sum(b.settled)
            from ${rows} x join project p on p.id = x.project_id cross join lateral kp_ancestors(p.owner_tenant_code) a
            cross join lateral (values (x.due_on + 1, 1, 0),
                                       (greatest(x.due_on + 1, x.done_on), 0, case when x.done_on is null then 0 else 1 end)) b(day, due, settled)
           group by 1, 2
          on conflict (tenant_code, month) do update
            set due_count = r.due_count + excluded.due_count, settled_count = r.settled_count + excluded.settled_count;`;
    this.addSql(`create or replace function kp_rollup_milestones() returns trigger
      language plpgsql security definer set search_path = public as $$
      begin
        if tg_op in ('INSERT', 'UPDATE') then ${milestoneDelta('new_rows', '')}
        end if;
        if tg_op in ('DELETE', 'UPDATE') then ${milestoneDelta('old_rows', '-')}
        end if;
        return null;
      end $$;`);

    // --- stage history -> project.started_on (which the project trigger rolls up)
    const startedOn = (projects: string) => `
          update project p set started_on = s.started_on
            from (select c.project_id,
                         case when last.to_stage >= 'STARTED' then (
                           select max(x.changed_on) from project_stage_change x
                            where x.project_id = c.project_id and x.to_stage >= 'STARTED'
                              and (x.from_stage is null or x.from_stage < 'STARTED')) end as started_on
                    from ${projects} c
                    cross join lateral (select y.to_stage from project_stage_change y where y.project_id = c.project_id
                                         order by y.changed_on desc, y.recorded_at desc, y.id desc limit 1) last) s
           where p.id = s.project_id and p.started_on is distinct from s.started_on;`;
    this.addSql(`create or replace function kp_refresh_started_on() returns trigger
      language plpgsql security definer set search_path = public as $$
      begin ${startedOn('(select distinct project_id from new_rows)')}
        return null;
      end $$;`);

    const triggers = (table: string, fn: string) => {
      this.addSql(`create trigger "${table}_rollup_insert" after insert on "${table}" referencing new table as new_rows for each statement execute function ${fn}();`);
      this.addSql(`create trigger "${table}_rollup_update" after update on "${table}" referencing old table as old_rows new table as new_rows for each statement execute function ${fn}();`);
      this.addSql(`create trigger "${table}_rollup_delete" after delete on "${table}" referencing old table as old_rows for each statement execute function ${fn}();`);
    };
    triggers('progress_report', 'kp_rollup_reports');
    triggers('project_annual_plan', 'kp_rollup_plans');
    triggers('project', 'kp_rollup_projects');
    triggers('milestone', 'kp_rollup_milestones');
    this.addSql(`create trigger "project_stage_change_started_on" after insert on "project_stage_change" referencing new table as new_rows for each statement execute function kp_refresh_started_on();`);

    // --- full recomputation from the raw rows
    this.addSql(`create or replace function kp_rebuild_rollups() returns void
      language plpgsql security definer set search_path = public as $$
      begin
        update project p set started_on = null where started_on is not null;
        ${startedOn('(select distinct project_id from project_stage_change)')}
        truncate rollup_month, rollup_year, rollup_project, rollup_start, rollup_milestone, rollup_milestone_month;
        insert into rollup_month (tenant_code, period, completed_wan, report_count)
        select a.ancestor, r.period, sum(r.completed_investment_wan), count(*)
          from progress_report r join project p on p.id = r.project_id cross join lateral kp_ancestors(p.owner_tenant_code) a
         group by 1, 2;
        insert into rollup_year (tenant_code, year, planned_wan, listed_count)
        select a.ancestor, n.year, sum(n.planned_investment_wan), count(*)
          from project_annual_plan n join project p on p.id = n.project_id cross join lateral kp_ancestors(p.owner_tenant_code) a
         group by 1, 2;
        insert into rollup_project (tenant_code, stage, category, project_count, total_investment_wan, funds_in_place_wan, opening_wan)
        select a.ancestor, x.stage, x.category, count(*), sum(x.total_investment_wan), sum(x.funds_in_place_wan), sum(x.completed_before_tracking_wan)
          from project x cross join lateral kp_ancestors(x.owner_tenant_code) a group by 1, 2, 3;
        insert into rollup_start (tenant_code, year, bucket, project_count)
        select a.ancestor, extract(year from x.planned_start_on)::smallint, kp_start_bucket(x.planned_start_on, x.started_on), count(*)
          from project x cross join lateral kp_ancestors(x.owner_tenant_code) a where x.planned_start_on is not null group by 1, 2, 3;
        insert into rollup_milestone (tenant_code, day, due_count, settled_count)
        select a.ancestor, b.day, sum(b.due), sum(b.settled)
          from milestone x join project p on p.id = x.project_id cross join lateral kp_ancestors(p.owner_tenant_code) a
          cross join lateral (values (x.due_on + 1, 1, 0),
                                     (greatest(x.due_on + 1, x.done_on), 0, case when x.done_on is null then 0 else 1 end)) b(day, due, settled)
         group by 1, 2;
        insert into rollup_milestone_month (tenant_code, month, due_count, settled_count)
        select tenant_code, date_trunc('month', day)::date, sum(due_count), sum(settled_count) from rollup_milestone group by 1, 2;
      end $$;`);
    this.addSql(`revoke execute on function kp_rebuild_rollups() from public;`);

    // Rollups are read under the viewer's read root; only the owner (through the functions) writes them.
    for (const table of ['rollup_month', 'rollup_year', 'rollup_project', 'rollup_start', 'rollup_milestone', 'rollup_milestone_month']) {
      this.addSql(`grant select on "${table}" to kp_app;`);
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(`alter table "${table}" force row level security;`);
      this.addSql(`create policy "${table}_tenant_scope" on "${table}" for select to kp_app
        using (tenant_code in (select t.code from tenant t where t.path <@ kp_read_root()));`);
      this.addSql(`do $$ begin execute format('create policy "${table}_maintenance" on "${table}" to %I using (true) with check (true)', current_user); end $$;`);
    }

    // The read side in one function: PL/pgSQL keeps its plan between calls, so a dashboard's
    // rollup is not re-planned on every request. SECURITY INVOKER: row-level security applies.
    this.addSql(`create or replace function kp_rollup_figures(codes varchar[], period date, as_of date) returns json
      language plpgsql stable security invoker set search_path = public as $$
      declare
        year_start date := date_trunc('year', period)::date;
        last_period date := (period - interval '1 year')::date;
        last_start date := date_trunc('year', period - interval '1 year')::date;
        the_year smallint := extract(year from period)::smallint;
        the_month smallint := extract(month from period)::smallint;
      begin
        return json_build_object(
          'months', (select json_agg(x) from (
             select tenant_code,
                    coalesce(sum(completed_wan) filter (where m.period >= year_start), 0)::text as ytd,
                    coalesce(sum(completed_wan) filter (where m.period between last_start and last_period), 0)::text as last_ytd,
                    coalesce(sum(completed_wan), 0)::text as through,
                    coalesce(sum(report_count) filter (where m.period = kp_rollup_figures.period), 0)::int as reports
               from rollup_month m where tenant_code = any(codes) and m.period <= kp_rollup_figures.period group by tenant_code) x),
          'years', (select json_agg(x) from (
             select tenant_code, planned_wan::text as planned_wan, listed_count
               from rollup_year where year = the_year and tenant_code = any(codes)) x),
          'projects', (select json_agg(x) from (
             select tenant_code, stage, category, project_count, total_investment_wan::text as total,
                    funds_in_place_wan::text as funds, opening_wan::text as opening
               from rollup_project where tenant_code = any(codes) and project_count <> 0) x),
          'starts', (select json_agg(x) from (
             select tenant_code, sum(project_count)::int as planned,
                    coalesce(sum(project_count) filter (where bucket <= the_month), 0)::int as started
               from rollup_start where year = the_year and tenant_code = any(codes) group by tenant_code) x),
          'overdue', (select json_agg(x) from (
             select tenant_code, sum(open)::int as overdue from (
               select tenant_code, due_count - settled_count as open from rollup_milestone_month
                where tenant_code = any(codes) and month < date_trunc('month', as_of)
               union all
               select tenant_code, due_count - settled_count from rollup_milestone
                where tenant_code = any(codes) and day between date_trunc('month', as_of)::date and as_of) o
              group by tenant_code) x));
      end $$;`);

    // Each city's traffic-light thresholds; readable by every viewer (they explain the lights),
    // written only within the writer's read root (the service allows the city's administrator).
    this.addSql(`create table "traffic_light_rule" ("city_code" varchar(12) not null, "yellow_gap_points" int not null default 5, "red_gap_points" int not null default 15, "project_overdue_yellow" int not null default 1, "project_overdue_red" int not null default 3, "tenant_overdue_share_percent_yellow" int not null default 10, "tenant_overdue_share_percent_red" int not null default 25, "blocker_yellow" int not null default 1, "blocker_red" int not null default 3, "updated_at" timestamptz null, "updated_by_name" varchar(100) null, "updated_by" varchar(100) null, constraint "traffic_light_rule_pkey" primary key ("city_code"));`);
    this.addSql(`grant select, insert, update on "traffic_light_rule" to kp_app;`);
    this.addSql(`alter table "traffic_light_rule" enable row level security;`);
    this.addSql(`alter table "traffic_light_rule" force row level security;`);
    this.addSql(`create policy "traffic_light_rule_read" on "traffic_light_rule" for select using (true);`);
    this.addSql(`create policy "traffic_light_rule_write" on "traffic_light_rule" for insert
      with check (city_code in (select t.code from tenant t where t.path <@ kp_read_root()));`);
    this.addSql(`create policy "traffic_light_rule_change" on "traffic_light_rule" for update
      using (city_code in (select t.code from tenant t where t.path <@ kp_read_root()))
      with check (city_code in (select t.code from tenant t where t.path <@ kp_read_root()));`);

    // Existing data (a database migrated before this migration) gets its rollups now.
    this.addSql(`select kp_rebuild_rollups();`);
  }

  override async down(): Promise<void> {
    for (const table of ['progress_report', 'project_annual_plan', 'project', 'milestone']) {
      for (const op of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists "${table}_rollup_${op}" on "${table}";`);
    }
    this.addSql(`drop trigger if exists "project_stage_change_started_on" on "project_stage_change";`);
    this.addSql(`drop table if exists "traffic_light_rule";`);
    this.addSql(`drop table if exists "rollup_month", "rollup_year", "rollup_project", "rollup_start", "rollup_milestone", "rollup_milestone_month" cascade;`);
    this.addSql(`drop function if exists kp_rollup_figures(varchar[], date, date);`);
    this.addSql(`drop function if exists kp_rebuild_rollups(), kp_refresh_started_on(), kp_rollup_milestones(), kp_rollup_projects(),
      kp_rollup_plans(), kp_rollup_reports(), kp_start_bucket(date, date), kp_ancestors(varchar);`);
    this.addSql(`drop index if exists "project_owner_planned_start_index";`);
    this.addSql(`alter table "project" drop column if exists "started_on";`);
  }
}
