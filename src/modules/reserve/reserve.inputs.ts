import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { WanScalar } from '../../money/wan.scalar';
import { PlanFundingSourceInput } from '../project/plan-funding';
import { DesignationLevel, ProjectCategory, ProjectNature } from '../project/project.enums';
import { ReserveMaturity } from './reserve.enums';

const VERSION = 'The `version` you read; CONFLICT when the reserve project changed since. Omit to skip the check.';

@InputType({ description: 'A project entering the reserve pool (入库). Money in 万元 as decimal strings.' })
export class PoolReserveProjectInput {
  @Field({ description: 'Division code of the tenant whose pool holds it; the viewer must manage its projects.' })
  ownerTenantCode!: string;

  @Field({ description: 'Name (项目名称), at most 200 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What it would build (建设内容).' })
  constructionContent?: string | null;

  @Field(() => ProjectCategory, { description: 'Category (项目类别).' })
  category!: ProjectCategory;

  @Field(() => WanScalar, { description: 'Estimated total investment (估算总投资), 万元; more than zero.' })
  estimatedInvestmentWan!: string;

  @Field(() => Int, { description: 'Year it is meant for (拟实施年度): this year or a later one, up to 2100.' })
  intendedYear!: number;

  @Field(() => ReserveMaturity, { description: 'How ready it is (成熟度).' })
  maturity!: ReserveMaturity;

  @Field(() => String, { nullable: true, description: 'The unit pushing it (推进单位), at most 200 characters.' })
  promotingUnit?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day it entered the pool; today when omitted; not in the future.' })
  pooledOn?: string | null;
}

@InputType({ description: "Changes to a pooled project's fields. Omitted fields stay; null clears an optional one." })
export class UpdateReserveProjectInput {
  @Field(() => ID, { description: 'Id of the reserve project.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: VERSION })
  version?: number | null;

  @Field(() => String, { nullable: true, description: 'Name (项目名称).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'What it would build (建设内容); null clears it.' })
  constructionContent?: string | null;

  @Field(() => ProjectCategory, { nullable: true, description: 'Category (项目类别).' })
  category?: ProjectCategory | null;

  @Field(() => WanScalar, { nullable: true, description: 'Estimated total investment (估算总投资), 万元; more than zero.' })
  estimatedInvestmentWan?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year it is meant for (拟实施年度).' })
  intendedYear?: number | null;

  @Field(() => ReserveMaturity, { nullable: true, description: 'How ready it is now (成熟度).' })
  maturity?: ReserveMaturity | null;

  @Field(() => String, { nullable: true, description: 'The unit pushing it (推进单位); null clears it.' })
  promotingUnit?: string | null;
}

@InputType({
  description:
    "Promotes a pooled project into a year's key-project list (转入年度计划): the key project is registered from it, in its " +
    "pool's tenant, with the year's plan, in one step; the reserve record keeps the link.",
})
export class PromoteReserveProjectInput {
  @Field(() => ID, { description: 'Id of the reserve project.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: VERSION })
  version?: number | null;

  @Field(() => Int, { description: 'The year of the list (年度): the current year or the next.' })
  year!: number;

  @Field(() => WanScalar, { description: "That year's planned investment (年度计划投资), 万元." })
  plannedInvestmentWan!: string;

  @Field(() => WanScalar, {
    nullable: true,
    description: 'Total investment (总投资), 万元; the estimate when omitted.',
  })
  totalInvestmentWan?: string | null;

  @Field(() => String, { nullable: true, description: 'Official project code (项目代码), when it has one.' })
  code?: string | null;

  @Field(() => ProjectNature, { nullable: true, description: 'Nature on the list (建设性质); NEW (新开工) when omitted.' })
  nature?: ProjectNature | null;

  @Field(() => [DesignationLevel], { nullable: true, description: 'Key-project lists it is on (国家/省/市/县重点).' })
  designationLevels?: DesignationLevel[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Planned start date (计划开工时间).' })
  plannedStartOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Planned completion date (计划竣工时间).' })
  plannedCompletionOn?: string | null;

  @Field(() => [PlanFundingSourceInput], { nullable: true, description: "Where the year's plan comes from (资金来源)." })
  fundingSources?: PlanFundingSourceInput[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day of the promotion; today when omitted; not in the future.' })
  on?: string | null;
}

@InputType({ description: 'Takes a pooled project out of the pool (出库), with the reason.' })
export class DropReserveProjectInput {
  @Field(() => ID, { description: 'Id of the reserve project.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: VERSION })
  version?: number | null;

  @Field({ description: 'Why (出库原因), e.g. 投资方撤资 or 规划调整; not empty.' })
  reason!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day it left the pool; today when omitted; not in the future.' })
  on?: string | null;
}
