import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { RankingMetric } from '../rollup/rollup.types';

/** What a city decides about its bulletin when it has set nothing (bulletinRules shows them). */
export interface BulletinThresholds {
  rankingMetric: RankingMetric;
  redListAheadPoints: number;
  blackListBehindPoints: number;
  blackListPlannedStartMissed: boolean;
  blackListOverdueMilestones: number;
  maxEntries: number;
}

export const DEFAULT_BULLETIN_RULES: BulletinThresholds = Object.freeze({
  rankingMetric: RankingMetric.COMPLETION_RATE,
  redListAheadPoints: 10,
  blackListBehindPoints: 15,
  blackListPlannedStartMissed: true,
  blackListOverdueMilestones: 3,
  maxEntries: 10,
});

@ObjectType({
  description:
    "A city's rules for its monthly bulletins (月通报规则): how the 分地区 table is ranked and who goes on the 红榜 and the 黑榜. " +
    "Its counties' and towns' bulletins follow them. Without a row of its own a city uses the defaults shown by `bulletinRules`.",
})
@Entity({ tableName: 'bulletin_rule' })
export class BulletinRules implements BulletinThresholds {
  [OptionalProps]?: 'version' | 'updatedAt' | 'updatedBy' | 'updatedByName' | keyof BulletinThresholds;

  @Field({ description: 'Division code of the city the rules apply to.' })
  @PrimaryKey({ length: 12 })
  cityCode!: string;

  @Field(() => RankingMetric, { description: 'The figure the 分地区 table ranks the child tenants by (排名指标).' })
  @Enum({ items: () => RankingMetric })
  rankingMetric: RankingMetric = DEFAULT_BULLETIN_RULES.rankingMetric;

  @Field(() => Int, {
    description: 'Points ahead of time progress from which a child tenant or project goes on the 红榜 (completion − time progress).',
  })
  @Property({ type: 'int' })
  redListAheadPoints: number = DEFAULT_BULLETIN_RULES.redListAheadPoints;

  @Field(() => Int, { description: 'Points behind time progress from which a child tenant or project goes on the 黑榜.' })
  @Property({ type: 'int' })
  blackListBehindPoints: number = DEFAULT_BULLETIN_RULES.blackListBehindPoints;

  @Field({ description: 'Whether a project of the year’s list past its planned start date and not started goes on the 黑榜 (未按期开工).' })
  @Property({ type: 'boolean' })
  blackListPlannedStartMissed: boolean = DEFAULT_BULLETIN_RULES.blackListPlannedStartMissed;

  @Field(() => Int, { description: 'Overdue milestones from which a project goes on the 黑榜 (逾期节点).' })
  @Property({ type: 'int' })
  blackListOverdueMilestones: number = DEFAULT_BULLETIN_RULES.blackListOverdueMilestones;

  @Field(() => Int, { description: 'At most this many tenants and this many projects on each list (上榜数量).' })
  @Property({ type: 'int' })
  maxEntries: number = DEFAULT_BULLETIN_RULES.maxEntries;

  @Field(() => Int, { description: 'Version of the rules (版本号): 1 when first set, raised by each change; 0 for the defaults.' })
  @Property({ version: true, default: 1 })
  version!: number;

  @Field({ nullable: true, description: 'When the city last changed its rules; absent while it uses the defaults.' })
  @Property({ type: 'timestamptz', nullable: true })
  updatedAt?: Date;

  @Field({ nullable: true, description: 'Name of who last changed them.' })
  @Property({ length: 100, nullable: true })
  updatedByName?: string;

  @Field(() => String, { nullable: true, description: 'Keycloak subject of who last changed them.' })
  @Property({ length: 100, nullable: true })
  updatedBy?: string;
}
