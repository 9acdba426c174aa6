import type { DomainModule } from '../domain-module';
import { AuditResolver } from './audit.resolver';

/** The audit trail (审计留痕) of every audited record; the triggers write it, this module reads it. */
export const auditModule: DomainModule = {
  name: 'audit',
  entities: [],
  resolvers: [AuditResolver],
  auditedTables: [],
};
