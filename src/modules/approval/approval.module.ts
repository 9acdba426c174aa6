import type { DomainModule } from '../domain-module';
import { ApprovalKind } from './approval-kind.entity';
import { ApprovalResolver, ProjectApprovalResolver, RollupApprovalResolver } from './approval.resolver';
import { ProjectApproval } from './project-approval.entity';
import { StartException } from './start-exception.entity';

/** Preparatory approvals (前期手续): each city's list, each project's checklist, start exceptions and the figures. */
export const approvalModule: DomainModule = {
  name: 'approval',
  entities: [ApprovalKind, ProjectApproval, StartException],
  resolvers: [ApprovalResolver, ProjectApprovalResolver, RollupApprovalResolver],
  auditedTables: ['approval_kind', 'project_approval', 'project_start_exception'],
};
