import type { Context } from '../context';
import { createLoaders } from './loaders';

/**
 * Runs `work` as one unit of work: in a transaction of its own (a savepoint of the request's), with
 * an EntityManager and DataLoaders of its own. Services called with `tx` (another module's too) read
 * and write through the same identity map, so their writes commit or roll back together with the
 * caller's, and nothing they load lands in the request's EntityManager. The request's loaders still
 * hold what they read before: clear what the work changed.
 */
export function inUnitOfWork<T>(ctx: Context, work: (tx: Context) => Promise<T>): Promise<T> {
  return ctx.em.transactional((em) => work({ ...ctx, em, loaders: createLoaders(em, ctx.viewer) }));
}
