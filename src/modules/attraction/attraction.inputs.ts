import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { WanScalar } from '../../money/wan.scalar';
import { ProjectNature } from '../project/project.enums';
import { LeadStage } from './attraction.enums';

const versionDescription = 'The `version` you read; CONFLICT when the lead changed since. Omit to skip the check.';

@InputType({ description: 'A new investment-attraction lead, at the intent step (意向). Money in 万元 as decimal strings.' })
export class CreateInvestmentLeadInput {
  @Field({ description: 'Name of the proposed project (招商项目名称), at most 200 characters.' })
  name!: string;

  @Field({ description: 'Investor (投资方 / 客商), at most 200 characters.' })
  investorName!: string;

  @Field(() => String, { nullable: true, description: 'Where the investor comes from (客商来源地), e.g. 江苏省.' })
  investorOrigin?: string | null;

  @Field(() => String, { nullable: true, description: 'Industry (产业).' })
  industry?: string | null;

  @Field({ description: 'Division code of the owning tenant; the viewer must manage its projects.' })
  ownerTenantCode!: string;

  @Field(() => String, { nullable: true, description: 'Unit responsible for the lead (招商责任单位).' })
  responsibleUnit?: string | null;

  @Field(() => WanScalar, { description: 'Intended investment (意向投资额), 万元; more than zero.' })
  intendedWan!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the intent was reached; today when omitted; not in the future.' })
  intentOn?: string | null;
}

@InputType({ description: "Changes to a lead's descriptive fields and amounts. Omitted fields stay; null clears an optional one." })
export class UpdateInvestmentLeadInput {
  @Field(() => ID, { description: 'Id of the lead.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: versionDescription })
  version?: number | null;

  @Field(() => String, { nullable: true, description: 'Name of the proposed project.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Investor (投资方).' })
  investorName?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the investor comes from; null clears it.' })
  investorOrigin?: string | null;

  @Field(() => String, { nullable: true, description: 'Industry; null clears it.' })
  industry?: string | null;

  @Field(() => String, { nullable: true, description: 'Unit responsible for the lead (招商责任单位); null clears it.' })
  responsibleUnit?: string | null;

  @Field(() => WanScalar, { nullable: true, description: 'Intended investment (意向投资额), 万元; more than zero.' })
  intendedWan?: string | null;

  @Field(() => WanScalar, {
    nullable: true,
    description: 'Contracted investment (签约额), 万元, of a signed lead (e.g. a supplementary agreement); more than zero.',
  })
  signedWan?: string | null;
}

@InputType({
  description:
    'Moves a lead exactly one step forward, dated. To CONTRACT_SIGNED it needs `signedWan`; to STARTED it creates the ' +
    'key project from the lead as `startInvestmentLead` does; to FUNDS_IN_PLACE it closes the funding (资金到位) even ' +
    'below the signed amount, optionally recording the final amount.',
})
export class AdvanceInvestmentLeadInput {
  @Field(() => ID, { description: 'Id of the lead.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: versionDescription })
  version?: number | null;

  @Field(() => LeadStage, { description: 'The step reached: the one right after the current one (skipping or going back: CONFLICT).' })
  stage!: LeadStage;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date the step was reached; today when omitted. Not in the future, not before the previous step.',
  })
  on?: string | null;

  @Field(() => WanScalar, { nullable: true, description: 'Contracted investment (签约额), 万元: required, more than zero, when signing.' })
  signedWan?: string | null;

  @Field(() => WanScalar, {
    nullable: true,
    description: 'Funds in place (到位资金) at FUNDS_IN_PLACE, 万元; not below what is recorded; the current amount when omitted.',
  })
  fundsInPlaceWan?: string | null;

  @Field(() => String, { nullable: true, description: "Remarks, e.g. the agreement's number." })
  note?: string | null;
}

@InputType({
  description:
    'Starts a signed lead (开工): creates its key project from the lead (name, owner, investor as project owner, total ' +
    'investment = signed amount, category INVESTMENT_ATTRACTION, stage STARTED on `on`), or links an existing project.',
})
export class StartInvestmentLeadInput {
  @Field(() => ID, { description: 'Id of the lead.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: versionDescription })
  version?: number | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      "Start date (开工日期); not in the future, not before signing. When omitted: a linked project's own start date if it " +
      'has started, else today.',
  })
  on?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "An existing project to link instead of creating one: readable and managed by the viewer, owned within the lead's " +
      'tenant subtree and not linked to another lead. Moved to STARTED when it stands before.',
  })
  projectId?: string | null;

  @Field(() => String, { nullable: true, description: 'National project code (项目代码) of the project created, when issued.' })
  code?: string | null;

  @Field(() => ProjectNature, { nullable: true, description: 'Nature of the project created (建设性质); NEW when omitted.' })
  nature?: ProjectNature | null;

  @Field(() => String, { nullable: true, description: 'Remarks recorded with the step.' })
  note?: string | null;
}

@InputType({
  description:
    'Records the funds in place (到位资金) of a started lead as a running total: what it adds is one fund arrival on `on`, through ' +
    "the lead and for its project (whose funds in place grow by it), counted in that month's figures. Reaching the signed amount " +
    'moves the lead to FUNDS_IN_PLACE on that date.',
})
export class RecordLeadFundsInput {
  @Field(() => ID, { description: 'Id of the lead.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: versionDescription })
  version?: number | null;

  @Field(() => WanScalar, { description: 'Funds in place to date (累计到位资金), 万元; never below what is recorded.' })
  fundsInPlaceWan!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date of the record; today when omitted. Not in the future, not before the start or the previous record.',
  })
  on?: string | null;
}
