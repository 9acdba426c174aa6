import type { Context } from '../../context';
import { isUuid } from '../../db/uuid';
import { notFound } from '../../errors/app-error';
import { decodeCursor, encodeCursor, foreignCursor, type Page } from '../../pagination/connection';
import { isTimestampKey, pageOf, pageSizeOf } from '../../pagination/keyset';
import { SeenMarkService } from './seen-mark.service';
import { UnseenChange, type UnseenChangeRow } from './unseen-change.types';

/** Without a mark (a leader's first look), "since" reaches this far back. */
export const FIRST_LOOK_DAYS = 30;

/**
 * What changed on the viewer's assigned projects (包抓项目) since their mark, read from the records
 * themselves rather than the live outbox: the outbox is pruned after LIVE_RETENTION_HOURS and holds
 * nothing the demo load or an import wrote, while a leader back from a fortnight away must still
 * see the fortnight. Each branch is one kind of record:
 *
 * - a monthly report submitted (its latest submission), and approved or returned (its review, while it stands);
 * - a stage change recorded (the first stage of a registration is no change);
 * - a blocker raised, escalated, resolved, closed or reopened (each step of its history);
 * - a milestone fallen overdue, at the start of the day after its due date (China time), still not done.
 *
 * Moments are cut to milliseconds, as the API writes them: `markSeen(through:)` passes back an
 * `actedAt`, which must mark that very change seen, not stop a microsecond short of it.
 *
 * What the viewer did themselves is left out: they know it. Row-level security holds every table
 * to what the viewer reads, and the assignment join to what they answer for now.
 */
const CHANGES_SQL = `
  with mine as (
    select distinct pa.project_id from project_assignment pa
     where pa.subject = :subject and pa.ended_at is null and (:project::uuid is null or pa.project_id = :project::uuid)),
  changes as (
    select 'REPORT_SUBMITTED' as kind, r.submitted_at as occurred_at, r.project_id, r.id::text as record_id,
           r.reported_by as actor_subject, r.reported_by_name as actor_name,
           jsonb_build_object('period', to_char(r.period, 'YYYY-MM'), 'amount', trim_scale(r.completed_investment_wan)::text) as detail
      from progress_report r join mine on mine.project_id = r.project_id
     where r.submitted_at is not null
    union all
    select 'REPORT_' || r.status, r.reviewed_at, r.project_id, r.id::text, r.reviewed_by, r.reviewed_by_name,
           jsonb_build_object('period', to_char(r.period, 'YYYY-MM'), 'reason', r.return_reason)
      from progress_report r join mine on mine.project_id = r.project_id
     where r.status in ('APPROVED', 'RETURNED') and r.reviewed_at is not null
    union all
    select 'STAGE_CHANGED', sc.recorded_at, sc.project_id, sc.id::text, sc.recorded_by, sc.recorded_by_name,
           jsonb_build_object('from', sc.from_stage, 'to', sc.to_stage, 'on', sc.changed_on::text)
      from project_stage_change sc join mine on mine.project_id = sc.project_id
     where sc.from_stage is not null
    union all
    select 'BLOCKER_' || ev.kind, ev.at, b.project_id, ev.id::text, ev.actor_subject, ev.actor_name,
           jsonb_build_object('type', b.type, 'description', b.description, 'to', t.name, 'note', ev.note)
      from blocker_event ev join blocker b on b.id = ev.blocker_id join mine on mine.project_id = b.project_id
      left join tenant t on t.code = ev.to_tenant_code
     where ev.kind in ('RAISED', 'ESCALATED', 'RESOLVED', 'CLOSED', 'REOPENED')
    union all
    select 'MILESTONE_OVERDUE', ((m.due_on + 1)::timestamp at time zone 'Asia/Shanghai'), m.project_id, m.id::text, null, null,
           jsonb_build_object('title', m.title, 'dueOn', m.due_on::text)
      from milestone m join mine on mine.project_id = m.project_id
     where m.done_on is null),
  unseen as (
    select c.kind, date_trunc('milliseconds', c.occurred_at) as occurred_at, c.project_id, c.record_id, c.actor_subject,
           c.actor_name, c.detail, p.name as project_name,
           to_char(date_trunc('milliseconds', c.occurred_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_key,
           c.kind || ':' || c.record_id as key
      from changes c join project p on p.id = c.project_id
     where date_trunc('milliseconds', c.occurred_at) > :since and c.occurred_at <= now() and c.actor_subject is distinct from :subject)`;

export interface UnseenChangesArgs {
  first: number | undefined;
  after: string | undefined;
  projectId: string | undefined;
}

/** The moment "since" starts from: the viewer's mark, or FIRST_LOOK_DAYS ago. */
export async function unseenSince(ctx: Context): Promise<Date> {
  const mark = await new SeenMarkService(ctx).mine();
  return mark?.seenAt ?? new Date(Date.now() - FIRST_LOOK_DAYS * 86_400_000);
}

/** Newest first; ties (a stage change and its report approved together) in a fixed order by kind and record. */
export async function unseenChanges(ctx: Context, args: UnseenChangesArgs): Promise<Page<UnseenChange>> {
  const first = pageSizeOf(args.first, ctx.config.graphql.maxPageSize);
  if (args.projectId !== undefined && !isUuid(args.projectId)) throw notFound('Project', args.projectId);
  let cursor: [string, string] | undefined;
  if (args.after !== undefined) {
    const [name, at, key] = decodeCursor(args.after) ?? [];
    if (name !== 'unseen' || typeof at !== 'string' || !isTimestampKey(at) || typeof key !== 'string') throw foreignCursor();
    cursor = [at, key];
  }
  const since = await unseenSince(ctx);
  const bind = { subject: ctx.viewer.subject, project: args.projectId ?? null, since };
  const rows = await ctx.em.execute<UnseenChangeRow[]>(
    ...named(
      `${CHANGES_SQL}
      select * from unseen ${cursor ? 'where (occurred_at, key) < (:at::timestamptz, :key)' : ''}
       order by occurred_at desc, key desc limit :limit`,
      { ...bind, at: cursor?.[0], key: cursor?.[1], limit: first + 1 },
    ),
  );
  return pageOf(
    rows.map((row) => new UnseenChange(row)),
    first,
    args.after,
    (change) => encodeCursor(['unseen', change.row.at_key, change.row.key]),
    async () => {
      const [count] = await ctx.em.execute<{ n: number }[]>(...named(`${CHANGES_SQL} select count(*)::int as n from unseen`, bind));
      return count!.n;
    },
  );
}

/** The statement with its `:name` parameters as positional `?` (the driver's form), and their values in that order. */
function named(sql: string, bound: Record<string, unknown>): [string, unknown[]] {
  const params: unknown[] = [];
  const text = sql.replace(/(?<!:):([a-z]+)/g, (_, name: string) => {
    params.push(bound[name]);
    return '?';
  });
  return [text, params];
}
