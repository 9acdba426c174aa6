import { GraphQLError, type GraphQLErrorOptions } from 'graphql';
import type { Message } from '../language/message';

/**
 * A GraphQL error written in every language the API serves; formatError shows a client its
 * request's. `message` is the English text: the server's logs are English, and so is what
 * graphql-js writes around an error it wraps (a scalar's refusal inside "Variable ... got invalid
 * value ..."), which formatError translates around it.
 */
export class TranslatedError extends GraphQLError {
  constructor(
    readonly text: Message,
    options?: GraphQLErrorOptions,
  ) {
    super(text.en, options);
    this.name = 'TranslatedError';
  }
}

/** The translated error an error is or wraps: graphql-js and Apollo keep it as `originalError`. */
export function translatedErrorIn(error: unknown): TranslatedError | undefined {
  const seen = new Set<unknown>();
  let link = error;
  while (link && typeof link === 'object' && !seen.has(link)) {
    if (link instanceof TranslatedError) return link;
    seen.add(link);
    link = (link as { originalError?: unknown }).originalError;
  }
  return undefined;
}
