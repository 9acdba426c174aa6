import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { apiChanges } from '../../graphql/api-fields';
import { AuditService } from './audit.service';
import { COLUMNS_LEFT_OUT } from './audit-fields';
import { AuditChange, AuditedEntity, AuditRecord, AuditRecordConnection } from './audit.types';

@ArgsType()
class AuditTrailArgs {
  @Field(() => AuditedEntity, { description: 'The kind of record.' })
  entity!: AuditedEntity;

  @Field(() => ID, { description: "The record's id (a city code for traffic-light rules)." })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'Page size, from 1 to the configured maximum (200 by default); 20 when omitted.' })
  first?: number;

  @Field(() => String, { nullable: true, description: '`endCursor` of the previous page.' })
  after?: string;
}

@Resolver(() => AuditRecord)
export class AuditResolver {
  @Query(() => AuditRecordConnection, {
    description:
      "The audit trail (审计留痕) of a record: every change made to it through the application, oldest first, for those who may read the record (a report's, milestone's or plan's readers are its project's). NOT_FOUND otherwise.",
  })
  auditTrail(@Args() args: AuditTrailArgs, @Ctx() ctx: Context) {
    return new AuditService(ctx).trail({ entity: args.entity, id: args.id, first: args.first, after: args.after });
  }

  @FieldResolver(() => [AuditChange], {
    description: 'The fields before and after, by field name as the API names them now; bookkeeping fields left out.',
  })
  changes(@Root() record: AuditRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): AuditChange[] {
    return apiChanges(
      record.entity,
      record.stored,
      { metadata: ctx.em.getMetadata(), schema: info.schema },
      COLUMNS_LEFT_OUT[record.entity],
    );
  }
}
