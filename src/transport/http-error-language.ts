import type { ApolloServer, ApolloServerPlugin, GraphQLRequestListener, HTTPGraphQLRequest, HTTPGraphQLResponse } from '@apollo/server';
import type { Context } from '../context';
import { languageOf } from '../language/language';
import { showErrorIn } from '../language/request-language';

/**
 * Errors of GraphQL over HTTP carry their request's language to formatError (languageToShow),
 * which Apollo calls with the error alone. Two ways in, between them every error Apollo formats:
 * the request pipeline's errors (a document that does not validate, a resolver's refusal) through
 * a plugin that sees the operation's context; and what Apollo refuses before that pipeline (a
 * malformed request, a context that could not be made: a refused token) through its errorResponse.
 */

/** One listener for every request: it keeps nothing of its own. */
const markErrors: GraphQLRequestListener<Context> = {
  async didEncounterErrors({ errors, contextValue }) {
    for (const error of errors) showErrorIn(error, contextValue.language);
  },
};

/** The request pipeline's errors, in the operation's language (its context's). */
export const errorsInRequestLanguage: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return markErrors;
  },
};

interface ErrorResponder {
  errorResponse(error: unknown, request: HTTPGraphQLRequest): Promise<HTTPGraphQLResponse>;
}

/**
 * Apollo's refusals before its pipeline, in the request's Accept-Language. Apollo formats them in
 * its `errorResponse`, which has the request but is private (Apollo Server 5.5, pinned in
 * package.json): marked on the way in. Checked at start, so an Apollo Server without it fails at
 * once rather than answering in the wrong language; tests/e2e/language.test.ts asks for such a
 * refusal in English.
 */
export function refusalsInRequestLanguage(apollo: ApolloServer<Context>): void {
  const server = apollo as unknown as ErrorResponder;
  const errorResponse = server.errorResponse;
  if (typeof errorResponse !== 'function') {
    throw new Error(
      'Apollo Server has no errorResponse to mark its refusals with their language: see src/transport/http-error-language.ts',
    );
  }
  server.errorResponse = function (this: ErrorResponder, error, request) {
    showErrorIn(error, languageOf(request.headers.get('accept-language')));
    return errorResponse.call(this, error, request);
  };
}
