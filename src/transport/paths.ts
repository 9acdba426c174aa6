/** Where GraphQL is served, over HTTP and graphql-ws alike (the Ingress exposes it; see the Helm chart). */
export const GRAPHQL_PATH = '/graphql';

/** The API's guide for people (what it is, where GraphQL and the health checks are); `/` is the dashboard's. */
export const API_GUIDE_PATH = '/api';
