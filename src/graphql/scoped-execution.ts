import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  visit,
  OperationTypeNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import type { Context } from '../context';
import { beginScopedTransaction, endScopedTransaction, writtenTransactionId } from '../db/scoped-transaction';
import { EVENT_ONLY_FIELDS } from '../modules/live/live.types';

/** Whether a subscription selects nothing but what the change event carries (no fragments, no `project`). */
function readsEventOnly(args: ExecutionArgs): boolean {
  let pure = true;
  for (const definition of args.document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    visit(definition, {
      Field: (node) => void (pure &&= EVENT_ONLY_FIELDS.has(node.name.value)),
      FragmentSpread: () => void (pure = false),
      InlineFragment: () => void (pure = false),
    });
  }
  return pure;
}

/**
 * The result of an event-only document depends on the event and the document alone (each
 * subscriber's right to the event was checked before): thousands of dashboards with the same
 * subscription share one execution per event instead of each running its own.
 */
const sharedResults = new WeakMap<object, Map<string, ExecutionResult | Promise<ExecutionResult>>>();

function executeOncePerEvent(payload: unknown, args: ExecutionArgs, ctx: Context): ExecutionResult | Promise<ExecutionResult> {
  const event = (payload as { event?: object }).event;
  const text = args.document.loc?.source.body;
  if (!event || text === undefined) return execute({ ...args, rootValue: payload, contextValue: ctx });
  const key = `${args.operationName ?? ''}\n${JSON.stringify(args.variableValues ?? {})}\n${text}`;
  let byDocument = sharedResults.get(event);
  if (!byDocument) sharedResults.set(event, (byDocument = new Map()));
  let result = byDocument.get(key);
  if (!result) byDocument.set(key, (result = execute({ ...args, rootValue: payload, contextValue: ctx })));
  return result;
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
  const operation = getOperationAST(args.document, args.operationName)?.operation;
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
    // A dashboard that selects only the event's own fields needs no database per event: with
    // thousands of subscribers, a transaction per event per subscriber would be the bottleneck.
    const eventOnly = readsEventOnly(args);
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
          yield eventOnly
            ? await executeOncePerEvent(payload, args, ctx)
            : await executeScoped({ ...args, rootValue: payload, contextValue: await freshContext(ctx) });
        }
      } catch (error) {
        yield { errors: [error instanceof GraphQLError ? error : new GraphQLError('Internal error', { originalError: error as Error })] };
      } finally {
        await events.return?.();
      }
    })();
  };
}
