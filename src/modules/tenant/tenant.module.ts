import type { DomainModule } from '../domain-module';
import { Tenant } from './tenant.entity';
import { TenantResolver } from './tenant.resolver';

/** The official division list (行政区划): public reference data every other module hangs off. */
export const tenantModule: DomainModule = {
  name: 'tenant',
  entities: [Tenant],
  resolvers: [TenantResolver],
  auditedTables: ['tenant'],
};
