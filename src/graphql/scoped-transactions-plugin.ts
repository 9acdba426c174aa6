import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { OperationTypeNode, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { Context } from '../context';
import { abandonScopedTransaction, beginScopedTransaction } from '../db/scoped-transaction';
import { AppError, ErrorCode } from '../errors/app-error';
import type { Language } from '../language/language';
import { formattedServiceUnavailable, isDatabaseUnavailable, OUTAGE_RETRY_AFTER_SECONDS } from '../errors/database-unavailable';
import {
  changedSomething,
  claimIdempotencyKey,
  IDEMPOTENCY_EXTENSION,
  IDEMPOTENCY_HEADER,
  idempotentRequestOf,
  recordIdempotentResponse,
  replayed,
  scopeFingerprint,
  type IdempotentRequest,
} from './idempotency';
import { isOneMutation } from './one-mutation';
import { asksSchemaOnly } from './schema-only';
import { commitAndAnnounce } from './scoped-execution';

function answer(result: FormattedExecutionResult, headers: [string, string][] = []): GraphQLResponse {
  return { http: { status: undefined, headers: new HeaderMap(headers) }, body: { kind: 'single', singleResult: result } };
}

const unavailableAnswer = (language: Language): GraphQLResponse => ({
  http: { status: 503, headers: new HeaderMap([['retry-after', String(OUTAGE_RETRY_AFTER_SECONDS)]]) },
  body: { kind: 'single', singleResult: { errors: [formattedServiceUnavailable(language)] } },
});

const saysUnavailable = (errors: readonly GraphQLFormattedError[] | undefined) =>
  errors?.some((e) => e.extensions?.['code'] === ErrorCode.SERVICE_UNAVAILABLE) ?? false;

const abandon = (ctx: Context) => abandonScopedTransaction(ctx.em);

/**
 * Runs each HTTP operation in one transaction whose scope row-level security reads. Queries run
 * read only. Each mutation commits or rolls back on its own inside it (a savepoint), so a failed
 * mutation changes nothing. After a write commits, the replicas are woken (see commitAndAnnounce).
 *
 * A mutation with an `Idempotency-Key` claims the key first, in the same transaction: a retry gets
 * the first answer (header `Idempotent-Replayed: true`, `extensions.idempotency.replayed`) and
 * changes nothing; the same key with another request, or from the same subject under another
 * tenant or other roles, is CONFLICT.
 *
 * A query that asks only about the schema (asksSchemaOnly) reads no table and opens no transaction.
 *
 * With the database away, wherever that shows (opening the transaction, a resolver, the commit),
 * the whole answer is HTTP 503 SERVICE_UNAVAILABLE with Retry-After, never a 500 or a 200 with
 * partial data of a transaction that did not commit. Hence the transaction opens in
 * responseForOperation and commits in executionDidEnd: only the first may answer instead of
 * execution, and only the second runs before willSendResponse, where the request log reads the
 * status.
 */
export const scopedTransactions: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    let open = false;
    let idempotent: IdempotentRequest | undefined;
    return {
      // Apollo calls these hooks without an operation (typed as always there) when operationName
      // names none of the document's: execution then only reports OPERATION_RESOLUTION_FAILURE.
      async responseForOperation({ contextValue, operation, document, request }) {
        // Nothing to read: no transaction, no round trip to the database.
        if (!operation || asksSchemaOnly(operation)) return null;
        let asked: IdempotentRequest | undefined;
        if (operation.operation === OperationTypeNode.MUTATION) {
          const key = request.http?.headers.get(IDEMPOTENCY_HEADER) ?? request.extensions?.[IDEMPOTENCY_EXTENSION];
          const scope = scopeFingerprint(contextValue.viewer, contextValue.scope);
          const given = idempotentRequestOf(key, document, request.operationName, request.variables, scope);
          // Answered here, not by execution: formatError does not see these errors.
          if (given instanceof AppError) return answer({ errors: [given.shownIn(contextValue.language)] });
          asked = given;
        }
        try {
          const readOnly = operation.operation !== OperationTypeNode.MUTATION;
          await beginScopedTransaction(contextValue.em, contextValue.scope, readOnly, isOneMutation(operation));
          open = true;
          if (!asked) return null;
          const claim = await claimIdempotencyKey(contextValue.em, asked, contextValue.config.idempotency.retentionHours);
          if (claim.kind === 'claimed') {
            idempotent = asked;
            return null;
          }
          if (claim.kind === 'replay') return answer(replayed(claim.response), [['idempotent-replayed', 'true']]);
          return answer({ errors: [claim.error.shownIn(contextValue.language)] });
        } catch (error) {
          if (!isDatabaseUnavailable(error)) throw error;
          return unavailableAnswer(contextValue.language);
        }
      },
      async executionDidStart({ contextValue: ctx, operation, response }) {
        if (!operation) return;
        /** Commits what the operation did; false when the database is away (then nothing is certain to be kept). */
        const settle = async (result: FormattedExecutionResult | undefined): Promise<boolean> => {
          try {
            // A resolver met the outage: the rest of the answer belongs to a transaction that cannot commit.
            if (saysUnavailable(result?.errors)) return false;
            if (idempotent && result) {
              // Every mutation failed: nothing changed, so the claim goes too and a retry acts anew.
              if (!changedSomething(operation, result.errors)) return (await abandon(ctx), true);
              await recordIdempotentResponse(ctx.em, idempotent, result);
            }
            await commitAndAnnounce(ctx);
            return true;
          } catch (failure) {
            if (isDatabaseUnavailable(failure)) return false;
            // Not left open on a pooled connection: Apollo answers 500 and logs it.
            await abandon(ctx);
            throw failure;
          }
        };
        return {
          async executionDidEnd(error) {
            if (!open || error) return;
            open = false;
            if (await settle(response.body?.kind === 'single' ? response.body.singleResult : undefined)) return;
            await abandon(ctx);
            const unavailable = unavailableAnswer(ctx.language);
            response.body = unavailable.body;
            response.http.status = unavailable.http.status;
            for (const [name, value] of unavailable.http.headers) response.http.headers.set(name, value);
          },
        };
      },
      async willSendResponse({ contextValue }) {
        // Answered without executing (a replay, a key conflict, the database away) or execution threw.
        if (open) await abandon(contextValue);
        open = false;
      },
    };
  },
};
