import { Migration } from '@mikro-orm/migrations';

/**
 * The monthly reporting cycle (月报审核) and plan decomposition (任务分解).
 *
 * Review: a report is a DRAFT until its town submits it; the level above approves it or returns it
 * with a reason; a returned report is corrected and RESUBMITTED. Every step is kept in
 * progress_report_review. Only APPROVED reports count in the rollups from now on: the rollup trigger
 * filters on the status, and since an update's transition tables hold the old and the new row, an
 * approval adds the figures and a return (of an approved report) takes them away again. Reports filed
 * before this migration were counted already; they become APPROVED, so no figure moves.
 *
 * Deadlines: each city sets the day of the next month by which a month's report is due (reporting_rule;
 * the 5th without a row). `first_submitted_at` is when a report first left the town: later than the
 * deadline is late (过期不报); no submission at all once the deadline has passed is missing.
 *
 * Plan decomposition: every annual plan has twelve monthly targets (project_monthly_target). They are an
 * even split (the cumulative target through month m is the plan x m/12, truncated to 0.0001 万元, so
 * December ends exactly on the plan) until someone sets them; changing the plan's amount goes back to
 * the even split, because targets summing to another amount would be wrong. rollup_target keeps the
 * targets' subtree sums like rollup_month, and kp_rollup_read returns the cumulative target to date.
 */
export class Migration20261124000000ReportReview extends Migration {
  override async up(): Promise<void> {
    // --- review states and history
    this.addSql(`create type "report_status" as enum ('DRAFT', 'SUBMITTED', 'RETURNED', 'RESUBMITTED', 'APPROVED');`);
    this.addSql(`create type "report_review_action" as enum ('SUBMITTED', 'RETURNED', 'RESUBMITTED', 'APPROVED');`);
    this.addSql(`alter table "progress_report" add column "status" "report_status" not null default 'APPROVED',
      add column "first_submitted_at" timestamptz null, add column "submitted_at" timestamptz null,
      add column "reviewed_at" timestamptz null, add column "reviewed_by" varchar(100) null, add column "reviewed_by_name" varchar(100) null,
      add column "return_reason" text null;`);
    this.addSql(`update "progress_report" set "first_submitted_at" = "reported_at", "submitted_at" = "reported_at";`);
    this.addSql(`alter table "progress_report" alter column "status" set default 'DRAFT';`);
    this.addSql(`create index "progress_report_period_status_index" on "progress_report" ("period", "status");`);

    this.addSql(`create table "progress_report_review" ("id" uuid not null, "report_id" uuid not null, "project_id" uuid not null,
      "action" "report_review_action" not null, "reason" text null, "acted_at" timestamptz not null default now(),
      "acted_by" varchar(100) not null, "acted_by_name" varchar(100) not null, constraint "progress_report_review_pkey" primary key ("id"));`);
    this.addSql(`create index "progress_report_review_report_id_index" on "progress_report_review" ("report_id");`);
    this.addSql(`alter table "progress_report_review" add constraint "progress_report_review_report_id_foreign" foreign key ("report_id") references "progress_report" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "progress_report_review" add constraint "progress_report_review_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "reporting_rule" ("city_code" varchar(12) not null, "deadline_day" smallint not null default 5,
      "updated_at" timestamptz null, "updated_by" varchar(100) null, "updated_by_name" varchar(100) null,
      constraint "reporting_rule_pkey" primary key ("city_code"), constraint "reporting_rule_deadline_day_check" check ("deadline_day" >= 1 and "deadline_day" <= 28));`);

    // --- plan decomposition
    this.addSql(`alter table "project_annual_plan" add column "targets_are_custom" boolean not null default false;`);
    this.addSql(`create table "project_monthly_target" ("id" uuid not null default gen_random_uuid(), "annual_plan_id" uuid not null, "project_id" uuid not null,
      "period" date not null, "target_wan" numeric(18,4) not null, constraint "project_monthly_target_pkey" primary key ("id"),
      constraint "project_monthly_target_period_is_month" check (extract(day from "period") = 1),
      constraint "project_monthly_target_non_negative" check ("target_wan" >= 0));`);
    this.addSql(`alter table "project_monthly_target" add constraint "project_monthly_target_plan_period_unique" unique ("annual_plan_id", "period");`);
    this.addSql(`create index "project_monthly_target_project_id_index" on "project_monthly_target" ("project_id");`);
    this.addSql(`alter table "project_monthly_target" add constraint "project_monthly_target_annual_plan_id_foreign" foreign key ("annual_plan_id") references "project_annual_plan" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_monthly_target" add constraint "project_monthly_target_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);

    // The even split, for every plan whose targets nobody set (a new plan, or one whose amount changed).
    const evenSplit = (plans: string) => `
          delete from project_monthly_target t using ${plans} n where t.annual_plan_id = n.id and not n.targets_are_custom;
          insert into project_monthly_target (annual_plan_id, project_id, period, target_wan)
          select n.id, n.project_id, make_date(n.year, m, 1),
                 trunc(n.planned_investment_wan * m / 12, 4) - trunc(n.planned_investment_wan * (m - 1) / 12, 4)
            from ${plans} n cross join generate_series(1, 12) m
           where not n.targets_are_custom;`;
    this.addSql(`create or replace function kp_split_annual_plans() returns trigger
      language plpgsql security definer set search_path = public as $$
      begin ${evenSplit('new_rows')}
        return null;
      end $$;`);
    this.addSql(`create or replace function kp_annual_plan_amount_changed() returns trigger language plpgsql as $$
      begin
        if new.planned_investment_wan is distinct from old.planned_investment_wan then
          new.targets_are_custom := false;
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger "project_annual_plan_amount_changed" before update on "project_annual_plan"
      for each row execute function kp_annual_plan_amount_changed();`);
    this.addSql(`create trigger "project_annual_plan_split_insert" after insert on "project_annual_plan" referencing new table as new_rows
      for each statement execute function kp_split_annual_plans();`);
    this.addSql(`create trigger "project_annual_plan_split_update" after update on "project_annual_plan" referencing new table as new_rows
      for each statement execute function kp_split_annual_plans();`);
    // Plans that exist already get their even split now.
    this.addSql(`insert into project_monthly_target (annual_plan_id, project_id, period, target_wan)
      select n.id, n.project_id, make_date(n.year, m, 1),
             trunc(n.planned_investment_wan * m / 12, 4) - trunc(n.planned_investment_wan * (m - 1) / 12, 4)
        from project_annual_plan n cross join generate_series(1, 12) m;`);

    // --- rollups: approved reports only; targets by month
    const money = 'numeric(18,4) not null default 0';
    this.addSql(`create table "rollup_target" ("tenant_code" varchar(12) not null references "tenant" ("code") on update cascade on delete cascade,
      "period" date not null, "target_wan" ${money}, primary key ("tenant_code", "period"));`);
    const delta = (target: string, key: string, values: [string, string][], rows: string, sign: string, where: string) => `
          insert into ${target} as r (tenant_code, ${key}, ${values.map(([c]) => c).join(', ')})
          select a.ancestor, x.${key}, ${values.map(([, e]) => `${sign}${e}`).join(', ')}
            from ${rows} x join project p on p.id = x.project_id cross join lateral kp_ancestors(p.owner_tenant_code) a
           where ${where}
           group by a.ancestor, x.${key}
          on conflict (tenant_code, ${key}) do update
            set ${values.map(([c]) => `${c} = r.${c} + excluded.${c}`).join(', ')};`;
    const rollupTrigger = (fn: string, target: string, key: string, values: [string, string][], where: string) =>
      this.addSql(`create or replace function ${fn}() returns trigger
      language plpgsql security definer set search_path = public as $$
      begin
        if tg_op in ('INSERT', 'UPDATE') then ${delta(target, key, values, 'new_rows', '', where)}
        end if;
        if tg_op in ('DELETE', 'UPDATE') then ${delta(target, key, values, 'old_rows', '-', where)}
        end if;
        return null;
      end $$;`);
    const reportFigures: [string, string][] = [
      ['completed_wan', 'sum(x.completed_investment_wan)'],
      ['report_count', 'count(*)'],
    ];
    rollupTrigger('kp_rollup_reports', 'rollup_month', 'period', reportFigures, `x.status = 'APPROVED'`);
    rollupTrigger('kp_rollup_targets', 'rollup_target', 'period', [['target_wan', 'sum(x.target_wan)']], 'true');
    for (const op of ['insert', 'update', 'delete']) {
      const transition = op === 'insert' ? 'new table as new_rows' : op === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows';
      this.addSql(`create trigger "project_monthly_target_rollup_${op}" after ${op} on "project_monthly_target"
        referencing ${transition} for each statement execute function kp_rollup_targets();`);
    }

    // Recount what the rollups hold from the raw rows: the month sums now count approved reports only.
    this.addSql(`alter function kp_rebuild_rollups() rename to kp_rebuild_rollups_before_review;`);
    this.addSql(`create or replace function kp_rebuild_rollups() returns void
      language plpgsql security definer set search_path = public as $$
      begin
        perform kp_rebuild_rollups_before_review();
        truncate rollup_month, rollup_target;
        insert into rollup_month (tenant_code, period, completed_wan, report_count)
        select a.ancestor, r.period, sum(r.completed_investment_wan), count(*)
          from progress_report r join project p on p.id = r.project_id cross join lateral kp_ancestors(p.owner_tenant_code) a
         where r.status = 'APPROVED'
         group by 1, 2;
        insert into rollup_target (tenant_code, period, target_wan)
        select a.ancestor, x.period, sum(x.target_wan)
          from project_monthly_target x join project p on p.id = x.project_id cross join lateral kp_ancestors(p.owner_tenant_code) a
         group by 1, 2;
      end $$;`);
    this.addSql(`revoke execute on function kp_rebuild_rollups() from public;`);
    this.addSql(`revoke execute on function kp_rebuild_rollups_before_review() from public;`);
    this.addSql(`select kp_rebuild_rollups();`);

    // --- access: the new tables follow their project, like the other project children
    this.addSql(`grant select, insert, update, delete on "progress_report_review", "project_monthly_target" to kp_app;`);
    this.addSql(`grant select, insert, update on "reporting_rule" to kp_app;`);
    this.addSql(`grant select on "rollup_target" to kp_app;`);
    for (const table of ['progress_report_review', 'project_monthly_target']) {
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(`alter table "${table}" force row level security;`);
      this.addSql(`create policy "${table}_tenant_scope" on "${table}" using (project_id in (select p.id from project p))
        with check (project_id in (select p.id from project p));`);
    }
    this.addSql(`alter table "rollup_target" enable row level security;`);
    this.addSql(`alter table "rollup_target" force row level security;`);
    this.addSql(`create policy "rollup_target_tenant_scope" on "rollup_target" for select to kp_app
      using (tenant_code in (select t.code from tenant t where t.path <@ kp_read_root()));`);
    this.addSql(`do $$ begin execute format('create policy "rollup_target_maintenance" on "rollup_target" to %I using (true) with check (true)', current_user); end $$;`);
    // A city's reporting rules are public within it, like its traffic-light rules; only its
    // administrator changes them (checked by the service; the database keeps writers to a city in scope).
    this.addSql(`alter table "reporting_rule" enable row level security;`);
    this.addSql(`alter table "reporting_rule" force row level security;`);
    this.addSql(`create policy "reporting_rule_read" on "reporting_rule" for select using (true);`);
    this.addSql(`create policy "reporting_rule_write" on "reporting_rule" for insert
      with check (city_code in (select t.code from tenant t where t.path <@ kp_read_root()));`);
    this.addSql(`create policy "reporting_rule_change" on "reporting_rule" for update
      using (city_code in (select t.code from tenant t where t.path <@ kp_read_root()));`);

    // --- timeliness: which projects owed a month's report, and how it went. A project owes one for
    // every month of a year it is on the key-project list (has an annual plan for the year). Read
    // when asked for (it scans the subtree's listed projects), never as part of the dashboard read.
    this.addSql(`create or replace function kp_report_deadline(tenant_path ltree, period date) returns date
      language sql stable parallel safe set search_path = public as $$
        select (period + interval '1 month')::date + (coalesce(r.deadline_day, 5) - 1)
          from (select 1) one left join reporting_rule r on r.city_code = split_part(tenant_path::text, '.', 1) $$;`);
    this.addSql(`create or replace function kp_reports_owed(root varchar, period date)
      returns table (project_id uuid, deadline date, report_id uuid, status report_status, first_submitted_on date)
      language sql stable security definer set search_path = public as $$
        select p.id, d.deadline, r.id, r.status, (r.first_submitted_at at time zone 'Asia/Shanghai')::date
          from tenant x
          cross join lateral (select kp_report_deadline(x.path, period) as deadline) d
          join tenant o on o.path <@ x.path
          join project p on p.owner_tenant_code = o.code
          join project_annual_plan n on n.project_id = p.id and n.year = extract(year from period)
          left join progress_report r on r.project_id = p.id and r.period = kp_reports_owed.period
         where x.code = root and x.path <@ kp_read_root() $$;`);
    this.addSql(`create or replace function kp_reporting_read(codes varchar[], period date, today date)
      returns table (tenant_code varchar, deadline date, owed int, submitted int, on_time int, late int, missing int,
                     approved int, pending_review int, returned int)
      language sql stable security definer set search_path = public as $$
        select c.code, min(o.deadline), count(o.project_id)::int,
               (count(*) filter (where o.first_submitted_on is not null))::int,
               (count(*) filter (where o.first_submitted_on <= o.deadline))::int,
               (count(*) filter (where o.first_submitted_on > o.deadline))::int,
               (count(*) filter (where o.first_submitted_on is null and today > o.deadline))::int,
               (count(*) filter (where o.status = 'APPROVED'))::int,
               (count(*) filter (where o.status in ('SUBMITTED', 'RESUBMITTED')))::int,
               (count(*) filter (where o.status = 'RETURNED'))::int
          from unnest(codes) c(code)
          left join lateral kp_reports_owed(c.code, period) o on true
         group by c.code $$;`);
    for (const fn of ['kp_reports_owed(varchar, date)', 'kp_reporting_read(varchar[], date, date)']) {
      this.addSql(`revoke execute on function ${fn} from public;`);
      this.addSql(`grant execute on function ${fn} to kp_app;`);
    }

    // --- change events: review steps are events of their own
    this.addSql(`create or replace function kp_report_event_kind(op text, after jsonb, diff jsonb) returns text
      language sql immutable parallel safe as $$
        select case
          when op = 'INSERT' and after ->> 'status' = 'DRAFT' then 'REPORT_DRAFTED'
          when op = 'INSERT' then 'PROGRESS_REPORTED'
          when op = 'DELETE' then 'PROGRESS_REPORT_REMOVED'
          when diff ? 'status' then 'REPORT_' || (after ->> 'status')
          else 'PROGRESS_CORRECTED' end $$;`);
    // kp_record_change as landed in ChangeEvents, but naming the review step of a report's change.
    this.addSql(`create or replace function kp_record_change() returns trigger
      language plpgsql security definer set search_path = public as $$
      declare
        subject text := kp_subject();
        before jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
        after jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
        row_data jsonb := coalesce(after, before);
        diff jsonb;
        the_project uuid;
        the_kind text;
        owner record;
      begin
        if subject is null then
          return null;
        end if;
        select coalesce(jsonb_object_agg(k, jsonb_build_object('before', kp_change_text(before -> k), 'after', kp_change_text(after -> k))), '{}'::jsonb)
          into diff
          from jsonb_object_keys(row_data) k
         where (before -> k) is distinct from (after -> k)
           and k not in ('id', 'project_id', 'created_at', 'updated_at', 'recorded_at', 'started_on', 'version',
                         'overdue_announced_on');
        if diff = '{}'::jsonb then
          return null;
        end if;
        the_project := (case when tg_table_name = 'project' then row_data ->> 'id' else row_data ->> 'project_id' end)::uuid;
        the_kind := case tg_table_name
          when 'project' then case when tg_op = 'INSERT' then 'PROJECT_CREATED' when diff ? 'stage' then 'STAGE_CHANGED'
                                   else 'PROJECT_UPDATED' end
          when 'progress_report' then kp_report_event_kind(tg_op, after, diff)
          when 'milestone' then case when tg_op = 'INSERT' then 'MILESTONE_ADDED' when tg_op = 'DELETE' then 'MILESTONE_REMOVED'
                                     when diff ? 'done_on' and after ->> 'done_on' is not null then 'MILESTONE_DONE'
                                     when diff ? 'done_on' then 'MILESTONE_REOPENED'
                                     else 'MILESTONE_CHANGED' end
          when 'project_assignment' then 'ASSIGNMENT_CHANGED'
          when 'project_annual_plan' then 'ANNUAL_PLAN_CHANGED'
        end;
        -- Assignment events name whose rights changed, so that live streams can follow them.
        if tg_table_name = 'project_assignment' then
          diff := diff || jsonb_build_object('subject', jsonb_build_object('before', before ->> 'subject', 'after', row_data ->> 'subject'));
        end if;
        select t.code, t.path into owner from project p join tenant t on t.code = p.owner_tenant_code where p.id = the_project;
        insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
        values (the_kind, owner.code, owner.path, the_project, subject, kp_actor_name(), diff);
        return null;
      end $$;`);

    // kp_rollup_read as landed in RollupReads, plus the cumulative target to date (12 rows a tenant at most).
    this.addSql(`create or replace function kp_rollup_read(root varchar, with_children boolean, period date, as_of date,
                                                 trend_from date default null, trend_to date default null) returns json
      language plpgsql stable security definer set search_path = public as $$
      declare
        year_start date := date_trunc('year', period)::date;
        last_period date := (period - interval '1 year')::date;
        last_start date := date_trunc('year', period - interval '1 year')::date;
        the_year smallint := extract(year from period)::smallint;
        the_month smallint := extract(month from period)::smallint;
        as_of_month date := date_trunc('month', as_of)::date;
        -- The viewer's scope, as the rollup tables' row-level security would apply it, but once per
        -- tenant rather than once per row read; nothing at all unless the root is in it.
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
                    coalesce(m.through, 0)::text as through, coalesce(m.reports, 0) as reports,
                    coalesce(y.planned_wan, 0)::text as planned_wan, coalesce(y.listed_count, 0) as listed_count,
                    coalesce(p.project_count, 0) as project_count, coalesce(p.total, 0)::text as total,
                    coalesce(p.funds, 0)::text as funds, coalesce(p.opening, 0)::text as opening,
                    p.counts,
                    coalesce(s.planned, 0) as planned, coalesce(s.started, 0) as started,
                    coalesce(o.overdue, 0) as overdue,
                    coalesce(g.target, 0)::text as target
               from tenant t
               left join lateral (
                 select sum(completed_wan) filter (where r.period >= year_start) as ytd,
                        sum(completed_wan) filter (where r.period between last_start and last_period) as last_ytd,
                        sum(completed_wan) as through,
                        sum(report_count) filter (where r.period = kp_rollup_read.period)::int as reports
                   from rollup_month r where r.tenant_code = t.code and r.period <= kp_rollup_read.period) m on true
               left join rollup_year y on y.tenant_code = t.code and y.year = the_year
               left join lateral (
                 select sum(project_count)::int as project_count, sum(total_investment_wan) as total,
                        sum(funds_in_place_wan) as funds, sum(opening_wan) as opening,
                        json_agg(json_build_array(stage, category, project_count)) as counts
                   from rollup_project where tenant_code = t.code and project_count <> 0) p on true
               left join lateral (
                 select sum(project_count)::int as planned,
                        (sum(project_count) filter (where bucket <= the_month))::int as started
                   from rollup_start where tenant_code = t.code and year = the_year) s on true
               left join lateral (
                 select sum(open)::int as overdue from (
                   select due_count - settled_count as open from rollup_milestone_month
                    where tenant_code = t.code and month < as_of_month
                   union all
                   select due_count - settled_count from rollup_milestone
                    where tenant_code = t.code and day between as_of_month and as_of) z) o on true
               left join lateral (
                 select sum(target_wan) as target from rollup_target g
                  where g.tenant_code = t.code and g.period between year_start and kp_rollup_read.period) g on true
              where (t.code = root or (with_children and t.parent_code = root))
                and t.path <@ kp_read_root()) x),
          'rules', (select row_to_json(r) from traffic_light_rule r
                     where r.city_code = (select split_part(t.path::text, '.', 1) from tenant t where t.code = root)),
          -- The root's monthly series, from January of the first month's year (for year-to-date sums).
          'trend', case when trend_from is not null then json_build_object(
            'months', (select json_agg(x) from (select to_char(m.period, 'YYYY-MM-DD') as period, m.completed_wan::text as completed_wan
                                                  from rollup_month m where m.tenant_code = root
                                                   and m.period between date_trunc('year', trend_from)::date and trend_to) x),
            'plans', (select json_agg(x) from (select y.year, y.planned_wan::text as planned_wan
                                                 from rollup_year y where y.tenant_code = root
                                                  and y.year between extract(year from trend_from) and extract(year from trend_to)) x)) end);
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists kp_report_event_kind(text, jsonb, jsonb);`);
  }
}
