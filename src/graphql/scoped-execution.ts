import {
  createSourceEventStream,
  execute,
  GraphQLError,
  OperationTypeNode,
  type ExecutionArgs,
  type ExecutionResult,
  type OperationDefinitionNode,
} from 'graphql';
import type { Context } from '../context';
import { beginScopedTransaction, endScopedTransaction, writtenTransactionId } from '../db/scoped-transaction';

function operationOf(args: ExecutionArgs): OperationTypeNode | undefined {
  const operations = args.document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  const chosen = args.operationName ? operations.find((o) => o.name?.value === args.operationName) : operations[0];
  return chosen?.operation;
}

/**
 * Commits the operation's transaction; when a mutation wrote something, wakes every replica's
 * relay afterwards (never inside the transaction: NOTIFY at commit would serialise writers).
 */
export async function commitAndAnnounce(ctx: Context, isMutation: boolean): Promise<void> {
  const tx = isMutation ? await writtenTransactionId(ctx.em) : undefined;
  await endScopedTransaction(ctx.em, 'commit');
  if (tx) void ctx.live.notify(tx);
}

/** An operation over graphql-ws in one scoped transaction, as over HTTP. */
export async function executeScoped(args: ExecutionArgs): Promise<ExecutionResult> {
  const ctx = args.contextValue as Context;
  const operation = operationOf(args);
  await beginScopedTransaction(ctx.em, ctx.scope, operation !== OperationTypeNode.MUTATION);
  try {
    const result = await execute(args);
    await commitAndAnnounce(ctx, operation === OperationTypeNode.MUTATION);
    return result;
  } catch (error) {
    await endScopedTransaction(ctx.em, 'rollback');
    throw error;
  }
}

/**
 * A subscription whose every event runs with a context of its own (fresh EntityManager, loaders
 * and scoped transaction): one long-lived identity map would serve stale rows, and the viewer's
 * scope is applied by the database to each event as to each request. The subscribe-time checks run
 * in a scoped transaction too. An error of the stream (a slow consumer, say) becomes the last
 * result, so the client learns why its stream ended.
 */
export function subscribeScoped(freshContext: (ctx: Context) => Promise<Context>) {
  return async (args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> => {
    const ctx = args.contextValue as Context;
    await beginScopedTransaction(ctx.em, ctx.scope, true);
    let source: Awaited<ReturnType<typeof createSourceEventStream>>;
    try {
      source = await createSourceEventStream(args);
    } finally {
      await endScopedTransaction(ctx.em, 'commit');
    }
    if (!(Symbol.asyncIterator in source)) return source;
    const events = source as AsyncIterableIterator<unknown>;
    return (async function* results(): AsyncGenerator<ExecutionResult> {
      try {
        for await (const payload of events) {
          yield await executeScoped({ ...args, rootValue: payload, contextValue: await freshContext(ctx) });
        }
      } catch (error) {
        yield { errors: [error instanceof GraphQLError ? error : new GraphQLError('Internal error', { originalError: error as Error })] };
      } finally {
        await events.return?.();
      }
    })();
  };
}
