import type { RequiredEntityData } from '@mikro-orm/core';
import { devUser } from '../auth/dev-users';
import { DEFAULT_SCHEME_MEASURES } from '../modules/evaluation/evaluation-scheme.service';
import type { EvaluationScheme } from '../modules/evaluation/evaluation-scheme.entity';
import { chinaInstant } from './demo-primitives';

/**
 * The demo city's quarterly evaluation scheme (季度评比考核办法): the default measures and weights,
 * adopted by 张伟 in the second week of the year, so the scheme reads as one the city set itself
 * (version 1, with who and when) rather than as the product's default.
 */
export function demoEvaluationScheme(cityCode: string, year: number): RequiredEntityData<EvaluationScheme> {
  const leader = devUser('city-leader')!;
  return {
    cityCode,
    version: 1,
    measures: DEFAULT_SCHEME_MEASURES.map((m) => ({ ...m })),
    createdAt: chinaInstant(`${year}-01-10`, 9 * 60 + 30),
    createdBy: leader.subject,
    createdByName: leader.name,
  };
}
