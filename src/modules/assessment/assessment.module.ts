import type { DomainModule } from '../domain-module';
import { YearEndAssessmentEntryResolver, YearEndAssessmentResolver } from './assessment.resolver';
import { YearEndAssessment } from './year-end-assessment.entity';

/** The year-end assessment (年终考核): a tenant's children scored over the year and by their target letters, frozen with 奖惩. */
export const assessmentModule: DomainModule = {
  name: 'assessment',
  entities: [YearEndAssessment],
  resolvers: [YearEndAssessmentResolver, YearEndAssessmentEntryResolver],
  auditedTables: ['year_end_assessment'],
};
