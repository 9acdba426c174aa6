import { Field, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { chinaDate, type Period } from '../../calendar/period';
import type { Context } from '../../context';
import { notFound } from '../../errors/app-error';
import { TenantService } from '../tenant/tenant.service';
import { LateReportKind } from './report-timeliness';

@ObjectType({ description: 'A report that missed its deadline (逾期 / 过期不报): the project, the deadline and how late.' })
export class LateReport {
  projectId!: string;
  reportId!: string | null;

  @Field(() => LateReportKind, { description: 'Missing, or submitted late.' })
  kind!: LateReportKind;

  @Field(() => LocalDateScalar, { description: 'The deadline it missed.' })
  deadlineOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When it was first submitted (China time); null when missing.' })
  submittedOn!: string | null;

  @Field(() => Int, { description: 'Days after the deadline: until submission, or until today when missing.' })
  daysLate!: number;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * The projects of a subtree whose report for a month missed the deadline: missing ones first, then
 * the latest submissions. NOT_FOUND unless the viewer reads the tenant's whole subtree.
 */
export async function lateReports(ctx: Context, tenantCode: string, period: Period): Promise<LateReport[]> {
  const tenant = await new TenantService(ctx).get(tenantCode);
  if (!ctx.access.readsSubtreeOf(tenant.path)) throw notFound('Tenant', tenantCode);
  const today = chinaDate();
  const rows = await ctx.em.execute<{ project_id: string; report_id: string | null; deadline: string; submitted: string | null }[]>(
    `select project_id, report_id, to_char(deadline, 'YYYY-MM-DD') as deadline, to_char(first_submitted_on, 'YYYY-MM-DD') as submitted
       from kp_reports_owed(?, ?::date)
      where (first_submitted_on is null and ?::date > deadline) or first_submitted_on > deadline
      order by first_submitted_on desc nulls first, project_id`,
    [tenant.code, period.firstDay, today],
  );
  return rows.map((row) =>
    Object.assign(new LateReport(), {
      projectId: row.project_id,
      reportId: row.report_id,
      kind: row.submitted ? LateReportKind.LATE : LateReportKind.MISSING,
      deadlineOn: row.deadline,
      submittedOn: row.submitted,
      daysLate: daysBetween(row.deadline, row.submitted ?? today),
    }),
  );
}
