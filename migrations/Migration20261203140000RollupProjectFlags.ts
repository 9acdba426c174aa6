import { Migration } from '@mikro-orm/migrations';

/** The two conditions a tenant's light counts projects by (TenantLightShares). */
const FLAGS = ['OVERDUE_MILESTONE', 'OPEN_BLOCKER'];

/** Both rollup tables of flagged projects: by day, and by month for the months before the one read (as rollup_milestone). */
const FLAG_TABLES = [
  { table: 'rollup_flag', key: 'day', bucket: (day: string) => day },
  { table: 'rollup_flag_month', key: 'month', bucket: (day: string) => `date_trunc('month', ${day})::date` },
];

/**
 * What spans (`spans`, rows of rollup_flag_span) add to (sign '') or take from (sign '-') both rollup
 * tables, placed by their projects as found in `projects`: +1 on the day a project becomes flagged,
 * −1 on the day it stops being so, at every tenant kp_rollup_tenants places it in (by owner, and the
 * location adjustment).
 */
function spanContributions(spans: string, projects: string, sign: '' | '-'): string {
  return FLAG_TABLES.map(({ table, key, bucket }) => `
        insert into ${table} as r (tenant_code, located, flag, ${key}, change)
        select a.tenant_code, a.located, s.flag, ${bucket('b.day')}, ${sign}sum(a.sign * b.change)
          from ${spans} s
          join ${projects} p on p.id = s.project_id
          cross join lateral (values (s.from_on, 1), (s.to_on, -1)) b(day, change)
          cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
         where b.day is not null
         group by 1, 2, 3, 4
        on conflict (tenant_code, located, flag, ${key}) do update set change = r.change + excluded.change;`).join('');
}

/** A statement trigger's body by operation; each branch reads only the transition tables its operation has. */
function byOperation(onInsert: string, onUpdate: string, onDelete: string): string {
  return `begin
        if tg_op = 'INSERT' then ${onInsert}
        elsif tg_op = 'UPDATE' then ${onUpdate}
        else ${onDelete}
        end if;
        return null;
      end`;
}

/** The rows of an update whose `columns` changed, old or new side: only those can move anything. */
function changed(side: 'old' | 'new', columns: string[]): string {
  const [mine, other] = side === 'old' ? ['old_rows', 'new_rows'] : ['new_rows', 'old_rows'];
  const tuple = (alias: string) => `(${columns.map((c) => `${alias}.${c}`).join(', ')})`;
  return `(select m.* from ${mine} m join ${other} o on o.id = m.id where ${tuple('m')} is distinct from ${tuple('o')})`;
}

/** Recomputes the spans of the projects that `projectsOf(rows)` names, for every operation. */
function refreshTrigger(name: string, projectsOf: (rows: string) => string, columns: string[]): string {
  const refresh = (...sources: string[]) => `perform kp_refresh_flag_spans(array(${sources.map(projectsOf).join(' union ')}));`;
  return `create or replace function ${name}() returns trigger
      language plpgsql security definer set search_path = public as $$
      ${byOperation(refresh('new_rows'), refresh(changed('old', columns), changed('new', columns)), refresh('old_rows'))} $$;`;
}

/**
 * Projects with an overdue milestone / an open blocker, kept in the rollup model (issue 13).
 *
 * A tenant's light judges the share of its projects with at least one overdue milestone and with
 * at least one open blocker. TenantLightShares counted them from the raw rows at every read
 * (kp_light_project_counts), by owner only: its cost grew with the overdue milestones and blockers
 * beneath (a 100,000-project city dashboard went from p95 10 ms to over 100 ms), and the location
 * view (属地) counted the owner's projects. They are now maintained like every other figure:
 *
 * - `rollup_flag_span` holds, per project and flag, the spans of days on which it is flagged:
 *   OVERDUE_MILESTONE from the day after a milestone was due until the day it is done (the rollup's
 *   own definition: due before the day, not done by it), OPEN_BLOCKER from the day a blocker's
 *   standing step is OPEN or IN_PROGRESS until the day it is not (a blocker stands at the end of a
 *   day in its last step, by `seq`, recorded on or before that day, China time, as
 *   kp_blocker_figures reads it). Overlapping or touching spans of one project are merged, so a
 *   project counts once however many milestones or blockers it has. `kp_flag_spans(projects)`
 *   computes them from the raw rows; statement triggers on milestone, blocker and blocker_event
 *   recompute the spans of the projects a statement touched and write only the difference.
 * - `rollup_flag` (by day) and `rollup_flag_month` (by month) sum +1 where a span starts and −1
 *   where it ends, per tenant that places the project (kp_rollup_tenants: the owner's ancestors,
 *   and the `located` adjustment for where it is built), as rollup_milestone sums milestones. The
 *   projects flagged on a day are the months before its month plus the days of its month up to it:
 *   a few dozen rows per tenant read, whatever the number of projects. A project that moves (owner
 *   or location) moves its spans' contributions.
 * - `kp_rollup_flags(root, with_children, as_of, by_location)` answers them for the tenants
 *   kp_rollup_read answers, and a rollup reads both in one statement (`select kp_rollup_read(…),
 *   kp_rollup_flags(…)`): a dashboard stays at begin, scope, read, commit. kp_rollup_read itself is
 *   unchanged (one definition of its figures, in RollupModel). `kp_rebuild_rollups()` runs the
 *   previous rebuild (renamed `kp_rebuild_rollup_sums`) and then recomputes every span.
 * - `kp_light_project_counts` is left as it is, for the previous release's pods during a rolling
 *   update (a migration stays compatible with the release before it); nothing of this release
 *   calls it. The next release's migration drops it.
 *
 * Blocker figures follow the rollup's basis too: `kp_blocker_figures(codes, as_of, by_location)`
 * counts the blockers of the projects built in each subtree when `by_location` (a county reading by
 * 属地 answers for what blocks the works on its land); without it, by owner as before.
 */
export class Migration20261203140000RollupProjectFlags extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "rollup_flag_span" (
      "project_id" uuid not null references "project" ("id") on update cascade on delete cascade,
      "flag" varchar(20) not null check ("flag" in (${FLAGS.map((f) => `'${f}'`).join(', ')})),
      "from_on" date not null,
      "to_on" date null check ("to_on" > "from_on"),
      primary key ("project_id", "flag", "from_on"));`);
    for (const { table, key } of FLAG_TABLES) {
      this.addSql(`create table "${table}" (
        "tenant_code" varchar(12) not null references "tenant" ("code") on update cascade on delete cascade,
        "located" boolean not null, "flag" varchar(20) not null, "${key}" date not null, "change" int not null default 0,
        primary key ("tenant_code", "located", "flag", "${key}"));`);
      this.addSql(`grant select on "${table}" to kp_app;`);
      this.addSql(`create policy "${table}_tenant_scope" on "${table}" for select to kp_app
        using (tenant_code in (select t.code from tenant t where t.path <@ kp_read_root()));`);
    }
    // The spans are the projects' own facts: only the owner (the SECURITY DEFINER functions) reads them.
    for (const table of ['rollup_flag_span', ...FLAG_TABLES.map((t) => t.table)]) {
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(`alter table "${table}" force row level security;`);
    }
    this.addSql(`select kp_owner_policies();`);

    // Merged spans of consecutive or overlapping days; `projects` null for every project.
    this.addSql(`create or replace function kp_flag_spans(projects uuid[])
      returns table (project_id uuid, flag varchar, from_on date, to_on date)
      language sql stable set search_path = public as $$
        with spells as (
          select m.project_id, 'OVERDUE_MILESTONE'::varchar as flag, m.due_on + 1 as from_on, m.done_on as to_on
            from milestone m
           where (projects is null or m.project_id = any(projects)) and (m.done_on is null or m.done_on > m.due_on + 1)
          union all
          -- A blocker's step standing at the end of each day it has steps: the latest by seq recorded by then.
          select d.project_id, 'OPEN_BLOCKER', d.day, d.next_day
            from (select s.project_id, s.day, lead(s.day) over (partition by s.blocker_id order by s.day) as next_day, e.status_after
                    from (select g.project_id, g.blocker_id, g.day, max(g.seq) over (partition by g.blocker_id order by g.day) as seq
                            from (select b.project_id, ev.blocker_id, (ev.at at time zone 'Asia/Shanghai')::date as day, max(ev.seq) as seq
                                    from blocker_event ev join blocker b on b.id = ev.blocker_id
                                   where projects is null or b.project_id = any(projects)
                                   group by 1, 2, 3) g) s
                    join blocker_event e on e.blocker_id = s.blocker_id and e.seq = s.seq) d
           where d.status_after in ('OPEN', 'IN_PROGRESS')),
        reach as (
          select s.*, max(coalesce(s.to_on, 'infinity'::date)) over (partition by s.project_id, s.flag order by s.from_on, s.to_on
                                                                        rows between unbounded preceding and 1 preceding) as reached
            from spells s),
        islands as (
          select r.*, count(*) filter (where r.reached is null or r.from_on > r.reached)
                        over (partition by r.project_id, r.flag order by r.from_on, r.to_on rows unbounded preceding) as island
            from reach r)
        select i.project_id, i.flag, min(i.from_on), nullif(max(coalesce(i.to_on, 'infinity'::date)), 'infinity'::date)
          from islands i
         group by i.project_id, i.flag, i.island $$;`);

    // Only the difference is written: a statement that changes nothing a light counts moves nothing.
    const same = (a: string, b: string) =>
      `${a}.project_id = ${b}.project_id and ${a}.flag = ${b}.flag and ${a}.from_on = ${b}.from_on and ${a}.to_on is not distinct from ${b}.to_on`;
    this.addSql(`create or replace function kp_refresh_flag_spans(projects uuid[]) returns void
      language plpgsql security definer set search_path = public as $$
      begin
        if cardinality(projects) = 0 then
          return;
        end if;
        with fresh as materialized (select * from kp_flag_spans(projects))
        delete from rollup_flag_span s where s.project_id = any(projects) and not exists (select 1 from fresh f where ${same('f', 's')});
        with fresh as materialized (select * from kp_flag_spans(projects))
        insert into rollup_flag_span (project_id, flag, from_on, to_on)
        select f.project_id, f.flag, f.from_on, f.to_on from fresh f
         where not exists (select 1 from rollup_flag_span s where ${same('f', 's')});
      end $$;`);

    this.addSql(`create or replace function kp_rollup_flag_spans() returns trigger
      language plpgsql security definer set search_path = public as $$
      ${byOperation(
        spanContributions('new_rows', 'project', ''),
        spanContributions('old_rows', 'project', '-') + spanContributions('new_rows', 'project', ''),
        spanContributions('old_rows', 'project', '-'),
      )} $$;`);
    const place = ['owner_tenant_code', 'location_tenant_code'];
    this.addSql(`create or replace function kp_rollup_flag_projects() returns trigger
      language plpgsql security definer set search_path = public as $$
      begin
        ${spanContributions('rollup_flag_span', changed('old', place), '-')}
        ${spanContributions('rollup_flag_span', changed('new', place), '')}
        return null;
      end $$;`);
    this.addSql(refreshTrigger('kp_rollup_flag_milestones', (rows) => `select x.project_id from ${rows} x`, ['project_id', 'due_on', 'done_on']));
    this.addSql(refreshTrigger(
      'kp_rollup_flag_blocker_events',
      (rows) => `select b.project_id from ${rows} x join blocker b on b.id = x.blocker_id`,
      ['blocker_id', 'seq', 'at', 'status_after'],
    ));
    // A blocker deleted (with its steps) or moved to another project.
    this.addSql(refreshTrigger('kp_rollup_flag_blockers', (rows) => `select x.project_id from ${rows} x`, ['project_id']));

    const transition = { insert: 'new table as new_rows', update: 'old table as old_rows new table as new_rows', delete: 'old table as old_rows' };
    const triggers = (table: string, fn: string, ops: (keyof typeof transition)[]) => {
      for (const op of ops) {
        this.addSql(`create trigger "${table}_flag_${op}" after ${op} on "${table}" referencing ${transition[op]}
          for each statement execute function ${fn}();`);
      }
    };
    triggers('rollup_flag_span', 'kp_rollup_flag_spans', ['insert', 'update', 'delete']);
    triggers('milestone', 'kp_rollup_flag_milestones', ['insert', 'update', 'delete']);
    triggers('blocker_event', 'kp_rollup_flag_blocker_events', ['insert', 'update', 'delete']);
    triggers('blocker', 'kp_rollup_flag_blockers', ['update', 'delete']);
    triggers('project', 'kp_rollup_flag_projects', ['update']);

    // Projects flagged on `as_of` in the subtrees of a tenant and (with_children) its children, as
    // kp_rollup_read answers them, by owner or by location (属地); beside it in the same statement.
    this.addSql(`create or replace function kp_rollup_flags(root varchar, with_children boolean, as_of date, by_location boolean default false)
      returns json
      language sql stable security definer set search_path = public as $$
        select json_object_agg(t.code, json_build_object('projects_with_overdue_milestone', coalesce(f.overdue, 0),
                                                         'projects_with_open_blocker', coalesce(f.blocked, 0)))
          from tenant t
          cross join lateral (
            select (sum(z.change) filter (where z.flag = 'OVERDUE_MILESTONE'))::int as overdue,
                   (sum(z.change) filter (where z.flag = 'OPEN_BLOCKER'))::int as blocked
              from (select m.flag, m.change from rollup_flag_month m
                     where m.tenant_code = t.code and m.month < date_trunc('month', as_of)::date and (by_location or not m.located)
                    union all
                    select d.flag, d.change from rollup_flag d
                     where d.tenant_code = t.code and d.day between date_trunc('month', as_of)::date and as_of
                       and (by_location or not d.located)) z) f
         where (t.code = root or (with_children and t.parent_code = root)) and t.path <@ kp_read_root() $$;`);
    this.addSql(`revoke execute on function kp_flag_spans(uuid[]), kp_refresh_flag_spans(uuid[]),
      kp_rollup_flags(varchar, boolean, date, boolean) from public;`);
    this.addSql(`grant execute on function kp_rollup_flags(varchar, boolean, date, boolean) to kp_app;`);

    this.addSql(`alter function kp_rebuild_rollups() rename to kp_rebuild_rollup_sums;`);
    this.addSql(`create or replace function kp_rebuild_rollups() returns void
      language plpgsql security definer set search_path = public as $$
      begin
        perform kp_rebuild_rollup_sums();
        truncate rollup_flag_span, ${FLAG_TABLES.map((t) => t.table).join(', ')};
        insert into rollup_flag_span (project_id, flag, from_on, to_on) select * from kp_flag_spans(null);
      end $$;`);
    this.addSql(`revoke execute on function kp_rebuild_rollups(), kp_rebuild_rollup_sums() from public;`);
    this.addSql(`insert into rollup_flag_span (project_id, flag, from_on, to_on) select * from kp_flag_spans(null);`);

    this.addSql(`drop function kp_blocker_figures(varchar[], date);`);
    this.addSql(blockerFigures(true));
    this.addSql(`revoke execute on function kp_blocker_figures(varchar[], date, boolean) from public;`);
    this.addSql(`grant execute on function kp_blocker_figures(varchar[], date, boolean) to kp_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function kp_blocker_figures(varchar[], date, boolean);`);
    this.addSql(blockerFigures(false));
    this.addSql(`revoke execute on function kp_blocker_figures(varchar[], date) from public;`);
    this.addSql(`grant execute on function kp_blocker_figures(varchar[], date) to kp_app;`);
    this.addSql(`drop function kp_rebuild_rollups();`);
    this.addSql(`alter function kp_rebuild_rollup_sums() rename to kp_rebuild_rollups;`);
    for (const table of ['milestone', 'blocker_event', 'blocker', 'project', 'rollup_flag_span']) {
      for (const op of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists "${table}_flag_${op}" on "${table}";`);
    }
    this.addSql(`drop function kp_rollup_flag_spans(), kp_rollup_flag_projects(), kp_rollup_flag_milestones(),
      kp_rollup_flag_blocker_events(), kp_rollup_flag_blockers(), kp_refresh_flag_spans(uuid[]), kp_flag_spans(uuid[]),
      kp_rollup_flags(varchar, boolean, date, boolean);`);
    this.addSql(`drop table "rollup_flag_span", ${FLAG_TABLES.map((t) => `"${t.table}"`).join(', ')};`);
  }
}

/**
 * Blocker figures of each tenant's subtree (see Blockers for the counts), with the projects placed
 * by location (属地: where built, else the owner) when `by_location`, or by owner (as before).
 */
function blockerFigures(withBasis: boolean): string {
  const place = withBasis ? 'case when by_location then coalesce(p.location_tenant_code, p.owner_tenant_code) else p.owner_tenant_code end' : 'p.owner_tenant_code';
  const signature = withBasis ? 'codes varchar[], as_of date, by_location boolean default false' : 'codes varchar[], as_of date';
  return `create or replace function kp_blocker_figures(${signature})
      returns table (tenant_code varchar, type blocker_type, open_count int, overdue_count int, escalated_count int,
                     raised_count int, resolved_count int)
      language sql stable security definer set search_path = public as $$
        with roots as (
          select t.code, t.path from tenant t where t.code = any(codes) and t.path <@ kp_read_root()),
        state as (
          select b.type, b.deadline_on, o.path as place_path, e.status_after as status, e.escalated_to_after as escalated_to
            from blocker b
            join project p on p.id = b.project_id
            join tenant o on o.code = ${place}
            join lateral (select ev.status_after, ev.escalated_to_after from blocker_event ev
                           where ev.blocker_id = b.id and (ev.at at time zone 'Asia/Shanghai')::date <= as_of
                           order by ev.seq desc limit 1) e on true
           where o.path <@ kp_read_root())
        select r.code::varchar, s.type,
               (count(*) filter (where s.status in ('OPEN', 'IN_PROGRESS')))::int,
               (count(*) filter (where s.status in ('OPEN', 'IN_PROGRESS') and s.deadline_on < as_of))::int,
               (count(*) filter (where s.status in ('OPEN', 'IN_PROGRESS') and s.escalated_to is not null))::int,
               count(*)::int,
               (count(*) filter (where s.status in ('RESOLVED', 'CLOSED')))::int
          from roots r join state s on s.place_path <@ r.path
         group by r.code, s.type $$;`;
}
