import type { DomainModule } from '../domain-module';
import { EnumLabelResolver } from './enum-label.resolver';

/** The Chinese and English labels of every enum, for clients that show them. */
export const enumLabelModule: DomainModule = {
  name: 'enum-label',
  entities: [],
  resolvers: [EnumLabelResolver],
  auditedTables: [],
};
