import type { DomainModule } from '../domain-module';
import { ProgressReport } from './progress-report.entity';
import { ProgressReportResolver, ProjectProgressReportResolver, StageChangeReportResolver } from './progress-report.resolver';
import { ReportReview } from './report-review.entity';
import { ReportingRules } from './reporting-rules.entity';
import { ReportingResolver, RollupReportingResolver } from './reporting.resolver';

/** Monthly progress reports (月度进度), their review, who owes one and when (报送). */
export const progressReportModule: DomainModule = {
  name: 'progress-report',
  entities: [ProgressReport, ReportReview, ReportingRules],
  resolvers: [ProgressReportResolver, StageChangeReportResolver, ProjectProgressReportResolver, ReportingResolver, RollupReportingResolver],
  auditedTables: ['progress_report', 'reporting_rule'],
};
