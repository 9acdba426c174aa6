import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Tenant } from '../tenant/tenant.entity';
import { FreezeYearEndAssessmentInput } from './assessment.inputs';
import { AssessmentService } from './assessment.service';
import { YearEndAssessmentDraft, YearEndAssessmentEntry } from './assessment.types';
import { YearEndAssessment } from './year-end-assessment.entity';

const TENANT = 'Division code of the assessing tenant (a city assesses its counties, a county its towns).';
const YEAR = 'The calendar year, from 2000 to this year.';

@Resolver(() => YearEndAssessment)
export class YearEndAssessmentResolver {
  @Query(() => YearEndAssessmentDraft, {
    description:
      "The year-end assessment (年终考核) of a tenant's children as the figures stand now (the draft), for any year to this one; " +
      "readable by whoever reads the tenant's subtree (NOT_FOUND otherwise, an assessed child included: it reads the frozen " +
      'result). BAD_USER_INPUT on `year` for a year to come.',
  })
  yearEndAssessmentDraft(
    @Arg('tenantCode', { description: TENANT }) tenantCode: string,
    @Arg('year', () => Int, { description: YEAR }) year: number,
    @Ctx() ctx: Context,
  ) {
    return new AssessmentService(ctx).draft(tenantCode, year);
  }

  @Query(() => YearEndAssessment, {
    nullable: true,
    description:
      "A tenant's frozen year-end assessment of a year, with its rewards and penalties (奖惩); null until frozen. Readable by " +
      "whoever reads the tenant's subtree and by each assessed child; null for anyone else. NOT_FOUND for a tenant out of sight.",
  })
  yearEndAssessment(
    @Arg('tenantCode', { description: TENANT }) tenantCode: string,
    @Arg('year', () => Int, { description: YEAR }) year: number,
    @Ctx() ctx: Context,
  ) {
    return new AssessmentService(ctx).frozen(tenantCode, year);
  }

  @Query(() => [YearEndAssessment], {
    description: "A tenant's frozen year-end assessments the viewer reads (as `yearEndAssessment`), the latest year first.",
  })
  yearEndAssessments(@Arg('tenantCode', { description: TENANT }) tenantCode: string, @Ctx() ctx: Context) {
    return new AssessmentService(ctx).frozenList(tenantCode);
  }

  @Mutation(() => YearEndAssessment, {
    description:
      'Freezes the year-end assessment as it stands (冻结年终考核结果) with the rewards and penalties decided: scores, ranks, the ' +
      'figures and targets they came from and the awards are stored with a SHA-256 and never change again. Allowed to the ' +
      'leaders of the assessing tenant (FORBIDDEN otherwise), once the year is over (BAD_USER_INPUT on `input.year` before ' +
      '`YearEndAssessmentDraft.freezableOn`), once per tenant and year (CONFLICT on `input.year`). BAD_USER_INPUT naming the ' +
      'field for an award to a tenant not assessed, two awards to one, an empty reason, or reward funds with a penalty.',
  })
  freezeYearEndAssessment(@Arg('input') input: FreezeYearEndAssessmentInput, @Ctx() ctx: Context) {
    return new AssessmentService(ctx).freeze(input);
  }
}

@Resolver(() => YearEndAssessmentEntry)
export class YearEndAssessmentEntryResolver {
  @FieldResolver(() => Tenant, { nullable: true, description: 'The child tenant as it is now; null if the viewer does not see it.' })
  async tenant(@Root() entry: YearEndAssessmentEntry, @Ctx() ctx: Context) {
    const tenant = await ctx.loaders.tenant.byCode.load(entry.tenantCode);
    return tenant && ctx.access.seesTenant(tenant.path) ? tenant : null;
  }
}
