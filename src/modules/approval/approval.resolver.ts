import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Project } from '../project/project.entity';
import { Rollup } from '../rollup/rollup.types';
import { Tenant } from '../tenant/tenant.entity';
import { notFound } from '../../errors/app-error';
import { ApprovalKind } from './approval-kind.entity';
import { officeLight } from './approval-light';
import { AddApprovalKindInput, RecordStartExceptionInput, SetProjectApprovalInput, UpdateApprovalKindInput } from './approval.inputs';
import { ApprovalService } from './approval.service';
import { ApprovalFigures, ApprovalItem, OfficeApprovalFigures } from './approval.types';
import { clearsStart } from './approval.enums';
import { StartException } from './start-exception.entity';

const CITY_CONFIGURES = "Allowed to the city's leaders and administrators.";

@Resolver(() => ApprovalKind)
export class ApprovalResolver {
  @Query(() => [ApprovalKind], {
    description:
      "A city's preparatory approval list (前期手续清单), in its order, with each kind's office, whether it is required " +
      'before the start and the rule of its light. `cityCode` may be any tenant the viewer sees: its city’s list.',
  })
  approvalKinds(@Arg('cityCode') cityCode: string, @Ctx() ctx: Context) {
    return new ApprovalService(ctx).kindsOf(cityCode);
  }

  @Mutation(() => ApprovalItem, {
    description:
      "Sets where a project stands with one approval of its city's list (前期手续): state, office, dates, document " +
      "number. Allowed to the project's owner officers and those assigned to it (包抓领导, 责任单位).",
  })
  setProjectApproval(@Arg('input') input: SetProjectApprovalInput, @Ctx() ctx: Context) {
    return new ApprovalService(ctx).set(input);
  }

  @Mutation(() => StartException, {
    description:
      'Records a start exception (容缺开工) for a project, audited: it may then be confirmed started without all the ' +
      "approvals its city requires. Allowed to the city's and counties' leaders above the project; once (CONFLICT after).",
  })
  recordStartException(@Arg('input') input: RecordStartExceptionInput, @Ctx() ctx: Context) {
    return new ApprovalService(ctx).recordException(input);
  }

  @Mutation(() => ApprovalKind, { description: `Changes one kind of a city's approval list and its light's rule. ${CITY_CONFIGURES}` })
  updateApprovalKind(@Arg('input') input: UpdateApprovalKindInput, @Ctx() ctx: Context) {
    return new ApprovalService(ctx).updateKind(input);
  }

  @Mutation(() => ApprovalKind, { description: `Adds a kind to a city's approval list, at its end. ${CITY_CONFIGURES}` })
  addApprovalKind(@Arg('input') input: AddApprovalKindInput, @Ctx() ctx: Context) {
    return new ApprovalService(ctx).addKind(input);
  }

  @FieldResolver(() => Tenant, { description: 'The city whose list it is.' })
  async city(@Root() kind: ApprovalKind, @Ctx() ctx: Context): Promise<Tenant> {
    const city = await ctx.loaders.tenant.byCode.load(kind.city.code);
    if (!city) throw notFound('Tenant', kind.city.code);
    return city;
  }
}

/** A project's preparatory approvals, added to `Project` by the module that keeps them. */
@Resolver(() => Project)
export class ProjectApprovalResolver {
  @FieldResolver(() => [ApprovalItem], {
    description:
      "The project's preparatory approvals checklist (前期手续): every kind of its city's list in order, with its state, " +
      'dates and light today.',
  })
  approvals(@Root() project: Project, @Ctx() ctx: Context) {
    return new ApprovalService(ctx).checklist(project);
  }

  @FieldResolver(() => [ApprovalItem], {
    description:
      'The approvals its city requires before the start that it has neither approved nor marked not needed (缺少的开工前置' +
      '手续); empty once a start exception is recorded. While not empty, confirming the start answers CONFLICT.',
  })
  async missingStartApprovals(@Root() project: Project, @Ctx() ctx: Context) {
    if (await ctx.loaders.approval.exceptionOfProject.load(project.id)) return [];
    const items = await new ApprovalService(ctx).checklist(project);
    return items.filter((item) => item.kind.isRequiredToStart && !clearsStart(item.state));
  }

  @FieldResolver(() => StartException, { nullable: true, description: 'The start exception (容缺开工) recorded for it, if any.' })
  startException(@Root() project: Project, @Ctx() ctx: Context) {
    return ctx.loaders.approval.exceptionOfProject.load(project.id);
  }
}

/** The preparatory approval figures of a rollup, added to `Rollup` by the module that keeps the approvals. */
@Resolver(() => Rollup)
export class RollupApprovalResolver {
  @FieldResolver(() => ApprovalFigures, {
    description:
      'Preparatory approval figures (前期手续) of the subtree at the end of the period (today for the current month): ' +
      'pending, submitted, overdue, projects held up, and per approving office with its light (审批信号灯).',
  })
  async approvals(@Root() rollup: Rollup, @Ctx() ctx: Context): Promise<ApprovalFigures> {
    const figures = ctx.loaders.approval.figures(rollup.asOf, rollup.basisValue);
    const offices = ctx.loaders.approval.officeFigures(rollup.asOf, rollup.basisValue);
    // Children read with this rollup are usually drilled into next: count them in the same statement.
    if (rollup.childRollups?.length) {
      const codes = rollup.childRollups.map((c) => c.tenantEntity.code);
      void figures.loadMany(codes);
      void offices.loadMany(codes);
    }
    const [counts, byOffice] = await Promise.all([figures.load(rollup.tenantEntity.code), offices.load(rollup.tenantEntity.code)]);
    return Object.assign(new ApprovalFigures(), counts, {
      basis: rollup.basisValue,
      byOffice: byOffice.map((o) => Object.assign(new OfficeApprovalFigures(), o, { light: officeLight(o.overdueCount, o.warnedCount) })),
    });
  }
}
