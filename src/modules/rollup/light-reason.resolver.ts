import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { LightReason } from './rollup.types';

/**
 * A light's reason is a value a person reads, not an error: it is worded in both languages where
 * the rule is judged (traffic-light.ts) and shown in the reader's, the request's Accept-Language
 * or, for a live `rollupChanged`, the language of the subscriber's connection.
 */
@Resolver(() => LightReason)
export class LightReasonResolver {
  @FieldResolver(() => String)
  message(@Root() reason: LightReason, @Ctx() ctx: Context): string {
    return reason.message[ctx.language];
  }
}
