import type { DomainModule } from '../domain-module';
import { EvaluationPublication } from './evaluation-publication.entity';
import { EvaluationScheme } from './evaluation-scheme.entity';
import { EvaluationEntryResolver, EvaluationResolver } from './evaluation.resolver';

/** The quarterly evaluation (季度评比): cities' schemes, the scores and ranks of a tenant's children, published rankings. */
export const evaluationModule: DomainModule = {
  name: 'evaluation',
  entities: [EvaluationScheme, EvaluationPublication],
  resolvers: [EvaluationResolver, EvaluationEntryResolver],
  auditedTables: ['evaluation_scheme', 'evaluation_publication'],
};
