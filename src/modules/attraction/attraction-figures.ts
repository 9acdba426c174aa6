import { Field, Float, Int, ObjectType } from 'type-graphql';
import { WanScalar } from '../../money/wan.scalar';
import { TenantBasis } from '../project/tenant-basis';
import { LeadStage } from './attraction.enums';

@ObjectType({ description: 'Leads at one step at the end of the period, with their amounts.' })
export class LeadStageFigures {
  @Field(() => LeadStage, { description: 'The step.' })
  stage!: LeadStage;

  @Field(() => Int, { description: 'Leads standing at it at the end of the period.' })
  count!: number;

  @Field(() => WanScalar, { description: 'Their intended investment (意向投资额), 万元.' })
  intendedWan!: string;

  @Field(() => WanScalar, { description: 'Their contracted investment (签约额), 万元 (zero before signing).' })
  signedWan!: string;
}

@ObjectType({
  description:
    "Investment attraction figures (招商引资) of a tenant's subtree for a period. Steps are read from the leads' step " +
    'dates as of the end of the period; "signed" counts the leads whose contract was signed in the period\'s year up to ' +
    "the end of the period (本年签约), the way the year's 招商 targets are counted. Always by owner (`basis` OWNER), also in a " +
    'rollup by location.',
})
export class AttractionFigures {
  @Field(() => TenantBasis, {
    description:
      "OWNER, whatever the rollup's basis: a lead is the work of the tenant that courts the investor (its 招商 unit answers " +
      "for it), it has no site before it becomes a project, and only its owner's subtree reads it. The attraction projects " +
      "built in a subtree are in the rollup's own figures by location (`byCategory`, INVESTMENT_ATTRACTION), with their funds.",
  })
  get basis(): TenantBasis {
    return TenantBasis.OWNER;
  }

  @Field(() => Int, { description: 'Leads in the subtree with their intent reached by the end of the period (招商线索).' })
  leadCount!: number;

  @Field(() => [LeadStageFigures], { description: 'Leads by step at the end of the period, every step listed.' })
  byStage!: LeadStageFigures[];

  @Field(() => Int, { description: "Leads signed in the period's year up to the end of the period (本年签约项目)." })
  signedCount!: number;

  @Field(() => WanScalar, { description: 'Their contracted investment (本年签约额), 万元.' })
  signedWan!: string;

  @Field(() => Int, { description: 'Of those, leads started by the end of the period (已开工).' })
  startedOfSignedCount!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "Contract fulfilment rate (履约率), percent: signed leads started / signed leads (this year's, to the end of the " +
      'period); null when none was signed.',
  })
  fulfilmentRate!: number | null;

  @Field(() => WanScalar, {
    description:
      "Funds in place (招商引资到位资金) to date at the end of the period, 万元: the fund arrivals recorded through the subtree's leads " +
      'on or before its last day.',
  })
  fundsInPlaceWan!: string;

  @Field(() => WanScalar, {
    description: "Funds that arrived through the subtree's leads this year (本年到位资金), 万元: from January to the end of the period.",
  })
  fundsArrivedThisYearWan!: string;
}
