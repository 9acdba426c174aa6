import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { chinaDate, type Period } from '../../calendar/period';
import { TenantBasis } from '../project/tenant-basis';
import { percentOf } from '../rollup/rollup-math';
import { textArrayLiteral } from '../../db/array-literal';

@ObjectType({
  description:
    "How a tenant's subtree reported for one month (月报报送情况), counted as `lateReports` lists them. A project owes a month's " +
    "report when it is on that year's key-project list (has an annual plan for the year), from the month it was registered " +
    '(`createdAt`, China time) through the month it was completed or put into operation (`completedOn`); nothing before ' +
    "registration is owed or late, nothing after completion is owed. The deadline is the city's reporting day of the next month. " +
    "Always by owner (`basis` OWNER), also in a rollup by location: reporting is the owner's duty.",
})
export class ReportingFigures {
  @Field(() => TenantBasis, {
    description:
      "OWNER, whatever the rollup's basis: a monthly report is the duty of the project's owner (its officers and the leaders " +
      'and units assigned to it), who alone may file it; the tenant where a project is built reads it but does not owe it. ' +
      "A rollup by location counts the owned projects' reports here, not those of the projects built in the subtree.",
  })
  get basis(): TenantBasis {
    return TenantBasis.OWNER;
  }

  @Field(() => LocalDateScalar, { nullable: true, description: 'Deadline of the month (报送截止日); null when nothing is owed.' })
  deadlineOn!: string | null;

  @Field(() => Int, { description: 'Reports owed for the month (应报).' })
  owedCount!: number;

  @Field(() => Int, { description: 'Of those, submitted at least once (已报).' })
  submittedCount!: number;

  @Field(() => Int, { description: 'Submitted by the deadline (按时报送).' })
  onTimeCount!: number;

  @Field(() => Int, { description: 'First submitted after the deadline (逾期报送).' })
  lateCount!: number;

  @Field(() => Int, { description: 'Not submitted although the deadline has passed (过期不报).' })
  missingCount!: number;

  @Field(() => Int, { description: 'Approved (审核通过): these are the reports whose figures count.' })
  approvedCount!: number;

  @Field(() => Int, { description: 'Submitted and waiting for review (待审核).' })
  pendingReviewCount!: number;

  @Field(() => Int, { description: 'Returned and not yet resubmitted (已退回).' })
  returnedCount!: number;

  @Field(() => Float, { nullable: true, description: 'On-time rate (按时报送率), percent: on time / owed; null when nothing is owed.' })
  onTimeRate!: number | null;
}

interface FiguresRow {
  tenant_code: string;
  deadline: string | null;
  owed: number;
  submitted: number;
  on_time: number;
  late: number;
  missing: number;
  approved: number;
  pending_review: number;
  returned: number;
}

/** Reporting figures of many tenants for one month in one statement (the children of a dashboard, say). */
export function createReportingLoader(em: EntityManager) {
  const byPeriod = new Map<string, DataLoader<string, ReportingFigures | undefined>>();
  return (period: Period) => {
    let loader = byPeriod.get(period.toString());
    if (!loader) {
      loader = new DataLoader(async (codes) => {
        const rows = await em.execute<FiguresRow[]>(
          `select tenant_code, to_char(deadline, 'YYYY-MM-DD') as deadline, owed, submitted, on_time, late, missing, approved, pending_review, returned
             from kp_reporting_read(?::varchar[], ?::date, ?::date)`,
          [textArrayLiteral(codes), period.firstDay, chinaDate()],
        );
        const byCode = new Map(rows.map((r) => [r.tenant_code, r]));
        return codes.map((code) => {
          const row = byCode.get(code);
          if (!row) return undefined;
          return Object.assign(new ReportingFigures(), {
            deadlineOn: row.deadline,
            owedCount: row.owed,
            submittedCount: row.submitted,
            onTimeCount: row.on_time,
            lateCount: row.late,
            missingCount: row.missing,
            approvedCount: row.approved,
            pendingReviewCount: row.pending_review,
            returnedCount: row.returned,
            onTimeRate: percentOf(row.on_time, row.owed),
          });
        });
      });
      byPeriod.set(period.toString(), loader);
    }
    return loader;
  };
}

export enum LateReportKind {
  MISSING = 'MISSING',
  LATE = 'LATE',
}

registerEnumType(LateReportKind, {
  name: 'LateReportKind',
  description: 'How a report failed its deadline.',
  valuesConfig: {
    MISSING: { description: 'Not submitted, and the deadline has passed (过期不报).' },
    LATE: { description: 'Submitted after the deadline (逾期报送).' },
  },
});

export interface OwedReportRow {
  project_id: string;
  deadline: string;
  report_id: string | null;
  first_submitted_on: string | null;
}
