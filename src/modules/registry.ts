import { Blocker, BlockerEvent } from './blocker/blocker.entity';
import { BlockerResolver, ProjectBlockerResolver } from './blocker/blocker.resolver';
import { FundArrivalLeadResolver, InvestmentLeadResolver, ProjectInvestmentLeadResolver, RollupAttractionResolver } from './attraction/attraction.resolver';
import { InvestmentLead } from './attraction/investment-lead.entity';
import { LeadStageChange } from './attraction/lead-stage-change.entity';
import { AuditResolver } from './audit/audit.resolver';
import { MilestoneResolver } from './milestone/milestone.resolver';
import { ProgressReportResolver, StageChangeReportResolver } from './progress-report/progress-report.resolver';
import { ProjectResolver } from './project/project.resolver';
import { ProjectListingResolver } from './project/project-listing.resolver';
import { RollupResolver } from './rollup/rollup.resolver';
import { RollupBreakdownResolver } from './rollup/rollup-breakdown.resolver';
import { LightReasonResolver } from './rollup/light-reason.resolver';
import { TrafficLightRules } from './rollup/traffic-light-rules.entity';
import { TenantResolver } from './tenant/tenant.resolver';
import { LiveResolver } from './live/live.resolver';
import { PlanDecompositionResolver } from './project/plan-decomposition';
import { ReportingResolver, RollupReportingResolver } from './progress-report/reporting.resolver';
import { ProjectAssignment } from './assignment/assignment.entity';
import { AssignmentResolver } from './assignment/assignment.resolver';
import { EnumLabelResolver } from './enum-label/enum-label.resolver';
import { Milestone } from './milestone/milestone.entity';
import { AnnualPlan } from './project/annual-plan.entity';
import { Project } from './project/project.entity';
import { StageChange } from './project/stage-change.entity';
import { ProgressReport } from './progress-report/progress-report.entity';
import { Tenant } from './tenant/tenant.entity';
import { MonthlyTarget } from './project/monthly-target.entity';
import { ReportReview } from './progress-report/report-review.entity';
import { ReportingRules } from './progress-report/reporting-rules.entity';
import { FundArrival } from './funds/fund-arrival.entity';
import { FundArrivalResolver, ProjectFundsResolver } from './funds/fund-arrival.resolver';
import { announceOverdueMilestones } from './milestone/milestone.jobs';

/** Every persisted entity, in one list for the ORM, the migration check and the tests. */
export const ENTITIES = [Tenant, Project, AnnualPlan, StageChange, ProgressReport, Milestone, ProjectAssignment, TrafficLightRules,
  ReportReview, ReportingRules, MonthlyTarget, Blocker, BlockerEvent, InvestmentLead, LeadStageChange, FundArrival];

/** Every GraphQL resolver, in one list for the schema. */
export const RESOLVERS = [TenantResolver, ProjectResolver, ProgressReportResolver, MilestoneResolver, AssignmentResolver, RollupResolver, LiveResolver,
  ReportingResolver, RollupReportingResolver, StageChangeReportResolver, PlanDecompositionResolver, BlockerResolver, ProjectBlockerResolver,
  InvestmentLeadResolver, ProjectInvestmentLeadResolver, RollupAttractionResolver, AuditResolver, EnumLabelResolver,
  FundArrivalResolver, ProjectFundsResolver, FundArrivalLeadResolver, ProjectListingResolver, RollupBreakdownResolver,
  LightReasonResolver] as const;

/** Every housekeeping job a module declares, for the kernel's schedule (src/housekeeping/), after the kernel's own. */
export const JOBS = [announceOverdueMilestones] as const;
