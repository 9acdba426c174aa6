import { randomUUID } from 'node:crypto';
import { ArrayType, Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PeriodScalar } from '../../calendar/calendar.scalars';
import { EvaluationScheme, type SchemeMeasure } from '../evaluation/evaluation-scheme.entity';
import { Tenant } from '../tenant/tenant.entity';
import { YearEndAssessmentEntry } from './assessment.types';

/** What a frozen assessment holds (its `content`, as canonical JSON): the draft's own fields, plain, with the awards. */
export interface FrozenContent {
  parentCode: string;
  parentName: string;
  year: number;
  period: string;
  targetShare: number;
  scheme: { cityCode: string; version: number; measures: SchemeMeasure[] };
  entries: YearEndAssessmentEntry[];
}

@ObjectType({
  description:
    'A frozen year-end assessment (已冻结的年终考核结果): the scheme, the figures and target letters, the scores, the ranks and ' +
    'the rewards and penalties (奖惩) as decided, never changed again (the database refuses any change, whoever asks). ' +
    '`content` is exactly what `sha256` hashes. Read by the assessing tenant (and those above it) and by each assessed child.',
})
@Entity({ tableName: 'year_end_assessment' })
@Unique({ properties: ['parent', 'year'] })
export class YearEndAssessment {
  [OptionalProps]?: 'frozenAt' | 'frozenBySubject' | 'scheme' | 'entries' | 'targetShare';

  @Field(() => ID, { description: 'Stable identifier of the frozen assessment (for its `auditTrail`).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Tenant, { description: 'The assessing tenant.' })
  @ManyToOne(() => Tenant, { fieldName: 'parent_code', deleteRule: 'restrict' })
  parent!: Tenant;

  @Field(() => Int, { description: 'The calendar year assessed.' })
  @Property({ type: 'smallint' })
  year!: number;

  @Field(() => PeriodScalar, { description: "The month whose figures were scored: the year's December." })
  @Property({ type: 'date' })
  period!: string;

  @Field(() => Int, { description: "Version of the city's scheme used (0: the default)." })
  @Property({ type: 'int' })
  schemeVersion!: number;

  /** The assessed children's codes, for row-level security: each of them reads the result. */
  @Property({ type: ArrayType, columnType: 'varchar(12)[]' })
  assessedCodes!: string[];

  @Field({
    description:
      'The result as frozen, canonical JSON (keys sorted, no spaces): parent, year, period, target share, scheme and entries ' +
      'with their awards. `scheme` and `entries` read it.',
  })
  @Property({ type: 'text' })
  content!: string;

  @Field({ description: 'SHA-256 of `content` (UTF-8), in hexadecimal: the fingerprint of what was decided.' })
  @Property({ length: 64 })
  sha256!: string;

  @Field({ description: 'When it was frozen.' })
  @Property({ type: 'timestamptz' })
  frozenAt: Date = new Date();

  @Property({ length: 100 })
  frozenBy!: string;

  @Field({ description: 'Name of who froze it.' })
  @Property({ length: 100 })
  frozenByName!: string;

  @Field({ description: 'Keycloak subject of who froze it.' })
  get frozenBySubject(): string {
    return this.frozenBy;
  }

  private get frozen(): FrozenContent {
    return JSON.parse(this.content) as FrozenContent;
  }

  @Field(() => Int, { description: 'The points out of 100 the target letter weighed, as frozen.' })
  get targetShare(): number {
    return this.frozen.targetShare;
  }

  @Field(() => EvaluationScheme, { description: 'The scheme used, as frozen (its version, measures, weights and methods).' })
  get scheme(): EvaluationScheme {
    return Object.assign(new EvaluationScheme(), this.frozen.scheme);
  }

  @Field(() => [YearEndAssessmentEntry], { description: 'The entries as frozen: figures, targets, points, ranks and awards, by rank.' })
  get entries(): YearEndAssessmentEntry[] {
    return this.frozen.entries.map((entry) => Object.assign(new YearEndAssessmentEntry(), entry));
  }
}
