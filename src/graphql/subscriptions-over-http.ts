import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';

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
          throw new GraphQLError(
            `Subscriptions are not served over HTTP: open a WebSocket to ${graphqlPath} (graphql-ws protocol, token in connection_init) and subscribe there`,
            { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
          );
        },
      };
    },
  };
}
