import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import { TranslatedError } from '../errors/translated-error';

/**
 * Subscriptions run over graphql-ws only. Over HTTP Apollo would execute one like a query: its
 * resolver gets no event and the client an internal error. Refused before anything runs, with
 * the way to subscribe instead.
 */
export function refuseSubscriptionsOverHttp(graphqlPath: string): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return;
          const message = {
            zh: `订阅不通过 HTTP 提供：请打开到 ${graphqlPath} 的 WebSocket（graphql-ws 协议，令牌放在 connection_init 中）后订阅`,
            en: `Subscriptions are not served over HTTP: open a WebSocket to ${graphqlPath} (graphql-ws protocol, token in connection_init) and subscribe there`,
          };
          throw new TranslatedError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
        },
      };
    },
  };
}
