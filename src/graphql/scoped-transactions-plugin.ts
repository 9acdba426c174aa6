import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { OperationTypeNode, type FormattedExecutionResult } from 'graphql';
import type { Context } from '../context';
import { beginScopedTransaction, endScopedTransaction } from '../db/scoped-transaction';
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
import { commitAndAnnounce } from './scoped-execution';

function answer(result: FormattedExecutionResult, headers: [string, string][] = []): GraphQLResponse {
  return { http: { status: undefined, headers: new HeaderMap(headers) }, body: { kind: 'single', singleResult: result } };
}

/**
 * Runs each HTTP operation in one transaction whose scope row-level security reads. Queries run
 * read only. Each mutation commits or rolls back on its own inside it (a savepoint), so a failed
 * mutation changes nothing. After a write commits, the replicas are woken (see commitAndAnnounce).
 *
 * A mutation with an `Idempotency-Key` claims the key first, in the same transaction: a retry gets
 * the first answer (header `Idempotent-Replayed: true`, `extensions.idempotency.replayed`) and
 * changes nothing; the same key with another request, or from the same subject under another
 * tenant or other roles, is CONFLICT.
 */
export const scopedTransactions: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    let begun = false;
    let outcome: 'commit' | 'rollback' = 'commit';
    let idempotent: IdempotentRequest | undefined;
    const begin = async (ctx: Context, readOnly: boolean) => {
      if (begun) return;
      await beginScopedTransaction(ctx.em, ctx.scope, readOnly);
      begun = true;
    };
    return {
      async responseForOperation({ contextValue, operation, document, request }) {
        if (operation.operation !== OperationTypeNode.MUTATION) return null;
        const key = request.http?.headers.get(IDEMPOTENCY_HEADER) ?? request.extensions?.[IDEMPOTENCY_EXTENSION];
        const scope = scopeFingerprint(contextValue.viewer, contextValue.scope);
        const asked = idempotentRequestOf(key, document, request.operationName, request.variables, scope);
        if (!asked) return null;
        if (!('hash' in asked)) return answer({ errors: [asked] });
        await begin(contextValue, false);
        const claim = await claimIdempotencyKey(contextValue.em, asked, contextValue.config.idempotency.retentionHours);
        if (claim.kind === 'claimed') {
          idempotent = asked;
          return null;
        }
        outcome = 'rollback';
        if (claim.kind === 'replay') return answer(replayed(claim.response), [['idempotent-replayed', 'true']]);
        return answer({ errors: [claim.error] });
      },
      async executionDidStart({ contextValue, operation }) {
        await begin(contextValue, operation.operation === OperationTypeNode.QUERY);
      },
      async willSendResponse({ contextValue, operation, response }) {
        if (!begun) return;
        if (idempotent && operation && response.body.kind === 'single') {
          const result = response.body.singleResult;
          // Every mutation failed: nothing changed, so the claim goes too and a retry acts anew.
          if (changedSomething(operation, result.errors)) await recordIdempotentResponse(contextValue.em, idempotent, result);
          else outcome = 'rollback';
        }
        if (outcome === 'rollback') await endScopedTransaction(contextValue.em, 'rollback');
        else await commitAndAnnounce(contextValue, operation?.operation === OperationTypeNode.MUTATION);
      },
    };
  },
};
