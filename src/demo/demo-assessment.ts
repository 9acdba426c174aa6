import type { EntityManager } from '@mikro-orm/postgresql';
import { chinaDate } from '../calendar/period';
import { AwardKind } from '../modules/assessment/assessment.enums';
import type { YearEndAwardInput } from '../modules/assessment/assessment.inputs';
import { AssessmentService } from '../modules/assessment/assessment.service';
import type { YearEndAssessmentEntry } from '../modules/assessment/assessment.types';
import { cityLeaderContext } from './demo-publications';

/** Reward funds (奖励资金) for the best two counties, 万元: what a city of 德州's size grants a county for a year's work. */
const REWARD_FUNDS_WAN = ['50', '30'] as const;

const points = (entry: YearEndAssessmentEntry) => `${entry.totalScore.toFixed(2)} 分`;

/**
 * The year-end assessment (年终考核) the demo city decided for the year before its as-of date: 张伟
 * froze the counties' 2025 result through the service `freezeYearEndAssessment` calls, with the
 * awards a city announces at its first meeting of the year (the seeds' "排出位次，定出獎懲"): the
 * best two commended with reward funds, the last called to an admonitory talk (约谈).
 *
 * The demo has no target letters for that year (letters are signed for the current year and the
 * next), so the counties are scored on the year's figures alone, as the assessment scores a child
 * without a letter. Like the other publications it is stamped by the clock; it is skipped when the
 * clock says that year's December reports are not yet due (a first start in the first days of a year).
 */
export async function freezeDemoAssessment(tx: EntityManager, cityCode: string, asOf: string): Promise<void> {
  const year = Number(asOf.slice(0, 4)) - 1;
  const service = new AssessmentService(await cityLeaderContext(tx, cityCode));
  const draft = await service.draft(cityCode, year);
  if (chinaDate() < draft.freezableOn || draft.entries.length < 3) return;
  const [first, second] = draft.entries as [YearEndAssessmentEntry, YearEndAssessmentEntry];
  const last = draft.entries.at(-1)!;
  const awards: YearEndAwardInput[] = [
    {
      tenantCode: first.tenantCode,
      kind: AwardKind.COMMENDATION,
      reason: `${year}年度重点项目建设考核得分 ${points(first)}，位列全市第${first.rank}名，予以通报表扬并奖励`,
      rewardFundsWan: REWARD_FUNDS_WAN[0],
    },
    {
      tenantCode: second.tenantCode,
      kind: AwardKind.COMMENDATION,
      reason: `${year}年度重点项目建设考核得分 ${points(second)}，位列全市第${second.rank}名，予以通报表扬并奖励`,
      rewardFundsWan: REWARD_FUNDS_WAN[1],
    },
    {
      tenantCode: last.tenantCode,
      kind: AwardKind.ADMONITORY_TALK,
      reason: `${year}年度重点项目建设考核得分 ${points(last)}，位列全市末位，由市政府分管领导约谈其主要负责同志`,
      rewardFundsWan: null,
    },
  ];
  await service.freeze({ tenantCode: cityCode, year, awards });
}
