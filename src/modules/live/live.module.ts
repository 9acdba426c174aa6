import type { DomainModule } from '../domain-module';
import { LiveResolver } from './live.resolver';

/** Live subscriptions: what a dashboard subscribes to and what an event is (its delivery is the kernel's, src/realtime/). */
export const liveModule: DomainModule = { name: 'live', entities: [], resolvers: [LiveResolver], auditedTables: [] };
