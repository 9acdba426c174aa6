import { Field, InputType, Int } from 'type-graphql';
import { RankingMetric } from '../rollup/rollup.types';

@InputType({ description: "New rules for a city's monthly bulletins (月通报规则); omitted ones stay as they are." })
export class SetBulletinRulesInput {
  @Field({ description: 'Division code of the city.' })
  cityCode!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The version of the rules the change is based on (as read); CONFLICT when they changed since. Omit to skip the check.',
  })
  version?: number | null;

  @Field(() => RankingMetric, { nullable: true, description: 'The figure the 分地区 table ranks by.' })
  rankingMetric?: RankingMetric | null;

  @Field(() => Int, { nullable: true, description: 'Points ahead of time progress from which an entry goes on the 红榜 (1-100).' })
  redListAheadPoints?: number | null;

  @Field(() => Int, { nullable: true, description: 'Points behind time progress from which an entry goes on the 黑榜 (1-100).' })
  blackListBehindPoints?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether a project that missed its planned start goes on the 黑榜.' })
  blackListPlannedStartMissed?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Overdue milestones from which a project goes on the 黑榜 (1-1000).' })
  blackListOverdueMilestones?: number | null;

  @Field(() => Int, { nullable: true, description: 'At most this many tenants and this many projects on each list (1-100).' })
  maxEntries?: number | null;
}
