import type { Context } from '../../context';
import { pageSizeOf } from '../../pagination/keyset';
import { ProgressReport } from './progress-report.entity';
import { underReviewSql } from './report-status';

/**
 * The monthly reports waiting for the viewer's decision (待审核): submitted or resubmitted, of
 * projects whose owner the viewer's level reviews (a county its towns, a city its counties and
 * its own projects), the longest waiting first. A viewer who reviews nothing has an empty queue.
 *
 * The SQL narrows to the level below the viewer's tenant; `Access.reviewsReportsOf` (the rule the
 * approval itself applies) then decides each row, so the queue never lists a report the viewer
 * would be refused on.
 */
export async function reviewQueue(ctx: Context, first: number | undefined): Promise<ProgressReport[]> {
  const limit = pageSizeOf(first, ctx.config.graphql.maxPageSize);
  const tenant = ctx.access.tenant;
  if (!tenant || !ctx.access.managesProjectsAt(tenant.path)) return [];
  const rows = await ctx.em.execute<{ id: string; owner_path: string }[]>(
    `select r.id, t.path::text as owner_path
       from progress_report r
       join project p on p.id = r.project_id
       join tenant t on t.code = p.owner_tenant_code
      where ${underReviewSql('r')}
        and (t.path ~ ?::lquery or (nlevel(?::ltree) = 1 and t.path = ?::ltree))
      order by r.submitted_at, r.id
      limit ?`,
    [`${tenant.path}.*{1}`, tenant.path, tenant.path, limit],
  );
  const ids = rows.filter((row) => ctx.access.reviewsReportsOf(row.owner_path)).map((row) => row.id);
  if (ids.length === 0) return [];
  const reports = await ctx.em.find(ProgressReport, { id: { $in: ids } });
  const byId = new Map(reports.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
