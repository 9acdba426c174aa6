import type { DomainModule } from '../domain-module';
import { AssignedLeaderResolver } from './assigned-leader.resolver';
import { SeenMark } from './seen-mark.entity';

/**
 * What a leader assigned to projects (包抓领导) follows: their own mark of what they have seen, and
 * what changed on their projects since. Last in the order: it reads the records of every module.
 */
export const assignedLeaderModule: DomainModule = {
  name: 'assigned-leader',
  entities: [SeenMark],
  resolvers: [AssignedLeaderResolver],
  auditedTables: [],
};
