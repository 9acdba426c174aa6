import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import type { Viewer } from '../auth/viewer';
import type { Context, DatabaseUse } from '../context';
import type { Language } from '../language/language';
import { abandonScopedTransaction, beginScopedTransaction, commitScopedTransaction, endScopedTransaction } from '../db/scoped-transaction';
import { AppError, ErrorCode } from '../errors/app-error';
import { isDatabaseUnavailable, serviceUnavailable } from '../errors/database-unavailable';
import { readsEventOnly } from '../realtime/event-only';
import { isOneMutation } from './one-mutation';
import { asksSchemaOnly } from './schema-only';
import { changeEventOf, lastResult, resultGroupOf, shareResult, sharedResultOf, type SharedResult } from './shared-results';
import { SubscriptionResults, type PreparedSend } from './subscription-results';

/**
 * Commits the operation's transaction; when it wrote something (only a mutation's may: the others
 * run read only), wakes every replica's relay afterwards (never inside the transaction: NOTIFY at
 * commit would serialise writers).
 */
export async function commitAndAnnounce(ctx: Context): Promise<void> {
  const tx = await commitScopedTransaction(ctx.em);
  if (tx) void ctx.live.notify(tx);
}

/** The answer to an operation that met an outage: one SERVICE_UNAVAILABLE, as over HTTP. */
const unavailableResult = (): ExecutionResult => ({ errors: [serviceUnavailable()] });

const isUnavailableResult = (result: ExecutionResult): boolean =>
  result.errors?.some((e) => e instanceof AppError && e.code === ErrorCode.SERVICE_UNAVAILABLE) ?? false;

/**
 * An operation in one scoped transaction, as over HTTP (none for a query of the schema alone);
 * `args.contextValue` is its Context. With the database away (at the start, in a resolver, at the
 * commit) the answer is SERVICE_UNAVAILABLE alone: the rest belongs to a transaction that did not
 * commit.
 */
export async function executeScoped(args: ExecutionArgs): Promise<ExecutionResult> {
  const ctx = args.contextValue as Context;
  const definition = getOperationAST(args.document, args.operationName);
  if (definition && asksSchemaOnly(definition)) return execute(args);
  const operation = definition?.operation;
  try {
    await beginScopedTransaction(ctx.em, ctx.scope, operation !== OperationTypeNode.MUTATION, isOneMutation(definition));
    const result = await execute(args);
    if (result.errors?.some(isDatabaseUnavailable)) {
      await abandonScopedTransaction(ctx.em);
      return unavailableResult();
    }
    await commitAndAnnounce(ctx);
    return result;
  } catch (error) {
    await abandonScopedTransaction(ctx.em);
    if (isDatabaseUnavailable(error)) return unavailableResult();
    throw error;
  }
}

/**
 * What an operation over graphql-ws carries from the socket: who sent it. The database state of a
 * Context (EntityManager fork, loaders, identity map) is made per use from it: a subscription lives
 * for hours, and thousands of them holding a request's state would be most of a replica's memory.
 */
export interface Sender {
  readonly viewer: Viewer;
  /** The language of the sender's connection. */
  readonly language: Language;
  /** Bytes the sender's socket holds unsent: live streams count them against what a subscriber may hold. */
  readonly socketBacklog?: () => number;
  /** Sends this operation a result serialized once for every subscriber of its group (see shared-results.ts). */
  readonly sendPrepared?: PreparedSend;
}

export type ContextFor = (viewer: Viewer, language: Language, use?: DatabaseUse) => Promise<Context>;

/** A context for the sender, or the error that refuses it (a token naming a retired tenant: FORBIDDEN). */
async function contextOf(contextFor: ContextFor, sender: Sender, use: DatabaseUse): Promise<Context | ExecutionResult> {
  try {
    return await contextFor(sender.viewer, sender.language, use);
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    throw error;
  }
}

const isContext = (value: Context | ExecutionResult): value is Context => 'em' in value;

/** A query or mutation over graphql-ws: a context of its own, one scoped transaction. */
export function executeSent(contextFor: ContextFor) {
  return async (args: ExecutionArgs): Promise<ExecutionResult> => {
    const isQuery = getOperationAST(args.document, args.operationName)?.operation === OperationTypeNode.QUERY;
    const ctx = await contextOf(contextFor, args.contextValue as Sender, isQuery ? 'read' : 'write');
    return isContext(ctx) ? executeScoped({ ...args, contextValue: ctx }) : ctx;
  };
}

/**
 * A subscription over graphql-ws. The subscribe-time checks run in a context and scoped
 * transaction of their own, as a request does. Each event the stream takes (the stream checks it
 * against its own viewer) is executed once for every subscription of its group (same document,
 * variables, language and, when the document reads the database, the same viewer: see
 * shared-results.ts) and serialized once; each member's socket is sent those bytes. An event that
 * reads the database does so in a context and scoped transaction of its own (a long-lived identity
 * map would serve stale rows, and the viewer's scope is applied by the database to each event as to
 * each request). An error of the stream (a slow consumer, say) becomes the last result, so the
 * client learns why its stream ended; so does an event the database could not be asked about
 * (SERVICE_UNAVAILABLE).
 */
export function subscribeSent(contextFor: ContextFor) {
  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const sender = args.contextValue as Sender;
    // A dashboard that selects only the event's own fields needs no database per event: with
    // thousands of subscribers, a transaction per event per group would be the bottleneck.
    const eventOnly = readsEventOnly(args.schema, args.document);
    // The subscribe-time checks only read what is there already: the replica will do.
    const ctx = await contextOf(contextFor, sender, 'read');
    if (!isContext(ctx)) return ctx;
    let source: Awaited<ReturnType<typeof createSourceEventStream>> | undefined;
    try {
      await beginScopedTransaction(ctx.em, ctx.scope, true);
      source = await createSourceEventStream({ ...args, contextValue: { ...ctx, socketBacklog: sender.socketBacklog } });
      await endScopedTransaction(ctx.em, 'commit');
    } catch (error) {
      await abandonScopedTransaction(ctx.em);
      // A stream already opened (the commit failed) must not keep taking events nobody reads.
      if (source && Symbol.asyncIterator in source) await (source as AsyncIterableIterator<unknown>).return?.();
      if (isDatabaseUnavailable(error)) return unavailableResult();
      throw error;
    }
    if (!(Symbol.asyncIterator in source)) return source;
    const group = resultGroupOf(args, sender.language, eventOnly ? undefined : sender.viewer);
    const execution = eventOnly ? executeFromEvent(args) : executeReadingDatabase(contextFor, sender, args);
    const resultOf = (payload: unknown) => {
      const event = changeEventOf(payload);
      return event ? shareResult(event, group, () => execution(payload)) : execution(payload);
    };
    const { sendPrepared, socketBacklog } = sender;
    const sending = sendPrepared && socketBacklog ? { send: sendPrepared, backlog: socketBacklog } : undefined;
    return new SubscriptionResults(source as AsyncIterableIterator<unknown>, resultOf, sending);
  };
}

/** An event-only document: its fields read the payload alone, synchronously. */
function executeFromEvent(args: ExecutionArgs) {
  return (payload: unknown): SharedResult | Promise<SharedResult> => {
    const result = execute({ ...args, rootValue: payload });
    return result instanceof Promise ? result.then(sharedResultOf) : sharedResultOf(result);
  };
}

/**
 * A document that reads the database, in the sender's context and one scoped transaction per
 * execution. A refused context or an outage ends the stream: the client resumes with `after`,
 * missing nothing.
 */
function executeReadingDatabase(contextFor: ContextFor, sender: Sender, args: ExecutionArgs) {
  return async (payload: unknown): Promise<SharedResult> => {
    // On the primary: the event announces a commit the replica may not have replayed yet.
    const eventCtx = await contextOf(contextFor, sender, 'write');
    if (!isContext(eventCtx)) return lastResult(eventCtx);
    const result = await executeScoped({ ...args, rootValue: payload, contextValue: eventCtx });
    return isUnavailableResult(result) ? lastResult(result) : sharedResultOf(result);
  };
}
