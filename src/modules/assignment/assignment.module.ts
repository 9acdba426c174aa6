import type { DomainModule } from '../domain-module';
import { ProjectAssignment } from './assignment.entity';
import { AssignmentResolver, ProjectAssignmentsResolver } from './assignment.resolver';

/** Who answers for a project (包抓): leaders, responsible units, contacts. */
export const assignmentModule: DomainModule = {
  name: 'assignment',
  entities: [ProjectAssignment],
  resolvers: [AssignmentResolver, ProjectAssignmentsResolver],
  auditedTables: ['project_assignment'],
};
