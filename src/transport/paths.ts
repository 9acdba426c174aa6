/** Where GraphQL is served, over HTTP and graphql-ws alike (the Ingress exposes it; see the Helm chart). */
export const GRAPHQL_PATH = '/graphql';
