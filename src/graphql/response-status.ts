import type { ApolloServerPlugin } from '@apollo/server';
import Negotiator from 'negotiator';

/**
 * HTTP status of a GraphQL request error, as the GraphQL-over-HTTP specification asks.
 *
 * A request error (the document does not parse or validate, a variable does not coerce, the
 * operation to run cannot be determined) means nothing ran. Apollo answers it with 400 whatever
 * the client accepts. The specification keeps 4xx only for `application/graphql-response+json`,
 * the media type that lets a client trust the status; a client of the older `application/json`
 * reads the status as "the server or a proxy failed", so there the answer is 200 with the errors
 * in the body. Every other status (400 BAD_REQUEST for a malformed request, 401, 403, 405, 413,
 * 429, 503, ...) is left as it was set.
 */

/** Apollo's names for the media types it chooses from (MEDIA_TYPES, not exported). */
const APPLICATION_JSON = 'application/json; charset=utf-8';
const APPLICATION_JSON_GRAPHQL_CALLBACK = 'application/json; callbackSpec=1.0; charset=utf-8';
const APPLICATION_GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';

/** Codes of GraphQL request errors; formatError keeps them as graphql-js and Apollo set them. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * The media type Apollo will answer with: the same negotiation, over the same list, as its
 * chooseContentTypeForSingleResultResponse (tests/e2e/graphql-over-http.test.ts pins the pairs).
 */
function responseMediaType(accept: string | undefined): string | undefined {
  if (!accept) return APPLICATION_JSON;
  return new Negotiator({ headers: { accept } }).mediaType([
    APPLICATION_JSON,
    APPLICATION_GRAPHQL_RESPONSE_JSON,
    APPLICATION_JSON_GRAPHQL_CALLBACK,
  ]);
}

export const graphqlOverHttpStatus: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ request, response }) {
        if (response.http.status !== 400 || response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors ?? [];
        if (errors.length === 0 || !errors.every((e) => REQUEST_ERROR_CODES.has(String(e.extensions?.['code'])))) return;
        const mediaType = response.http.headers.get('content-type') ?? responseMediaType(request.http?.headers.get('accept'));
        if (mediaType !== undefined && !mediaType.startsWith('application/graphql-response+json')) response.http.status = 200;
      },
    };
  },
};
