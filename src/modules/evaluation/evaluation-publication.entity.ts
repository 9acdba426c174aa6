import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PeriodScalar, QuarterScalar } from '../../calendar/calendar.scalars';
import { Tenant } from '../tenant/tenant.entity';
import { EvaluationScheme, type SchemeMeasure } from './evaluation-scheme.entity';
import { EvaluationEntry, type MeasureScore } from './evaluation.types';

/** What a publication freezes (its `content`, as JSON): the evaluation's own fields, plain. */
export interface PublishedContent {
  parentCode: string;
  parentName: string;
  quarter: string;
  period: string;
  previousPeriod: string;
  scheme: { cityCode: string; version: number; measures: SchemeMeasure[] };
  entries: (Omit<EvaluationEntry, 'measures'> & { measures: MeasureScore[] })[];
}

@ObjectType({
  description:
    'A published quarterly ranking (已发布的季度评比结果): the scheme, the figures, the scores and the ranks as they stood ' +
    'when published, frozen. Later corrections of the figures change `evaluation` but never a publication; publishing ' +
    'again makes a new edition beside it. `content` is exactly what `sha256` hashes, so anyone can check it.',
})
@Entity({ tableName: 'evaluation_publication' })
@Unique({ properties: ['parent', 'quarter', 'edition'] })
export class EvaluationPublication {
  [OptionalProps]?: 'publishedAt' | 'publishedBySubject' | 'previousPeriod' | 'scheme' | 'entries';

  @Field(() => ID, { description: 'Stable identifier of the publication.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The tenant whose children are ranked. */
  @Field(() => Tenant, { description: 'The tenant whose children are ranked.' })
  @ManyToOne(() => Tenant, { fieldName: 'parent_code', deleteRule: 'restrict' })
  parent!: Tenant;

  @Field(() => QuarterScalar, { description: 'The quarter evaluated.' })
  @Property({ length: 6 })
  quarter!: string;

  @Field(() => PeriodScalar, {
    description: "The month whose figures were scored: the quarter's last month, or the running month if published before it ended.",
  })
  @Property({ type: 'date' })
  period!: string;

  @Field(() => Int, { description: 'Edition (第几版) of the ranking of this parent and quarter: 1 for the first publication.' })
  @Property({ type: 'int' })
  edition!: number;

  @Field(() => Int, { description: "Version of the city's scheme used (0: the default)." })
  @Property({ type: 'int' })
  schemeVersion!: number;

  @Field({
    description:
      'The ranking as published, canonical JSON (keys sorted, no spaces): parent, quarter, period, scheme and entries. ' +
      '`scheme` and `entries` read it.',
  })
  @Property({ type: 'text' })
  content!: string;

  @Field({ description: 'SHA-256 of `content` (UTF-8), in hexadecimal: the fingerprint of what was circulated.' })
  @Property({ length: 64 })
  sha256!: string;

  @Field({ description: 'When it was published.' })
  @Property({ type: 'timestamptz' })
  publishedAt: Date = new Date();

  @Property({ length: 100 })
  publishedBy!: string;

  @Field({ description: 'Name of who published it.' })
  @Property({ length: 100 })
  publishedByName!: string;

  @Field({ description: 'Keycloak subject of who published it.' })
  get publishedBySubject(): string {
    return this.publishedBy;
  }

  private get published(): PublishedContent {
    return JSON.parse(this.content) as PublishedContent;
  }

  @Field(() => PeriodScalar, { description: 'The month the previous ranks were scored on, as published.' })
  get previousPeriod(): string {
    return this.published.previousPeriod;
  }

  @Field(() => EvaluationScheme, { description: 'The scheme used, as published (its version, measures, weights and methods).' })
  get scheme(): EvaluationScheme {
    return Object.assign(new EvaluationScheme(), this.published.scheme);
  }

  @Field(() => [EvaluationEntry], { description: 'The entries as published: figures, points, totals, ranks and changes.' })
  get entries(): EvaluationEntry[] {
    return this.published.entries.map((entry) => Object.assign(new EvaluationEntry(), entry));
  }
}
